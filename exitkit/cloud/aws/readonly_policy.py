"""access/aws-exitkit-readonly-policy.json, generated from the IAM actions each AWS service
registration (and each call beside them) declares: adding a service never means editing the policy
by hand. `python -m exitkit.cloud.aws.readonly_policy [FILE]` writes it (default: print it)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from exitkit.cloud.aws.services import SETUP_ACTIONS, load_services

POLICY_FILE = "aws-exitkit-readonly-policy.json"


def readonly_policy() -> dict[str, Any]:
    """The IAM policy allowing exactly the read calls of an AWS account export."""
    services = load_services()  # imports every module, so each registers its actions
    parts = dict(SETUP_ACTIONS) | {s.name: s.actions for s in services.values()}
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "Exitkit" + part.title().replace("-", ""),
                "Effect": "Allow",
                "Action": list(actions),
                "Resource": "*",
            }
            for part, actions in sorted(parts.items())
        ],
    }


def policy_text() -> str:
    return json.dumps(readonly_policy(), indent=2) + "\n"


def main(argv: list[str]) -> None:
    if argv:
        Path(argv[0]).write_text(policy_text(), encoding="utf-8")
    else:
        sys.stdout.write(policy_text())


if __name__ == "__main__":
    main(sys.argv[1:])
