#!/usr/bin/python
"""exitkit.exit.verify: check a bundle offline, as `exitkit verify` does. A thin wrapper over
exitkit's library (`exitkit.bundle.verify.verify_bundle`)."""

from __future__ import annotations

import traceback

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

DOCUMENTATION = r"""
module: verify
short_description: Verify an exitkit bundle (intact, signed, schema-valid, complete)
version_added: "0.1.0"
description:
  - Checks a bundle folder, a C(exitkit pack) archive or an C(s3://bucket/prefix) escrow copy,
    offline, as C(exitkit verify) does, and returns its completeness.v1 record.
  - Fails when the bundle is not intact, not validly signed, not schema-valid or not complete,
    unless O(fail_on_problem=false).
  - Reads only; runs in check mode too.
requirements:
  - exitkit installed in the Python that runs the module.
options:
  bundle:
    description: A bundle folder, a .tar.gz made by C(exitkit pack), or s3://bucket/prefix.
    type: str
    required: true
  inventory:
    description: Judge completeness against this estate instead of the bundle's own copy.
    type: path
  public_key:
    description: Ed25519 public key (PEM) the signature must verify with.
    type: path
  identities:
    description: age identity files; encrypted files are decrypted and checked too.
    type: list
    elements: path
    default: []
  fail_on_problem:
    description: Fail the task when the bundle does not verify.
    type: bool
    default: true
author:
  - exitkit contributors
"""

EXAMPLES = r"""
- name: Verify the merged bundle with the signer's public key
  exitkit.exit.verify:
    bundle: /srv/exitkit/bundles/acme
    public_key: /etc/exitkit/export.key.pub
  register: verified
"""

RETURN = r"""
ok:
  description: Intact, signature valid (or unsigned without public_key), schema-valid, complete.
  returned: always
  type: bool
summary:
  description: One line a person reads.
  returned: always
  type: str
record:
  description: The completeness.v1 record (totals, by_kind, assets, problems, signature).
  returned: always
  type: dict
"""

try:
    from exitkit.bundle.verify import verify_bundle
    from exitkit.errors import ExitkitError
    from exitkit.escrow.locate import open_bundle
    from exitkit.inventory.loader import load_inventory
except ImportError:
    EXITKIT_IMPORT_ERROR = traceback.format_exc()
else:
    EXITKIT_IMPORT_ERROR = None

ARGUMENTS = {
    "bundle": {"type": "str", "required": True},
    "inventory": {"type": "path"},
    "public_key": {"type": "path"},
    "identities": {"type": "list", "elements": "path", "default": []},
    "fail_on_problem": {"type": "bool", "default": True},
}


def summary_of(record):
    totals = record["totals"]
    verdict = "OK" if record["ok"] else "NOT OK"
    parts = [
        f"{record['bundle']}: {verdict}",
        f"{totals['exported']}/{totals['expected']} assets exported",
        f"signature {record['signature'].get('status', 'not-checked')}",
    ]
    if record["problems"]:
        first = record["problems"][0]
        parts.append(f"{len(record['problems'])} problem(s), first {first['path']}: {first['problem']}")
    return ", ".join(parts)


def main():
    from pathlib import Path

    module = AnsibleModule(argument_spec=ARGUMENTS, supports_check_mode=True)
    if EXITKIT_IMPORT_ERROR:
        module.fail_json(msg=missing_required_lib("exitkit"), exception=EXITKIT_IMPORT_ERROR)
    params = module.params
    try:
        estate = load_inventory(Path(params["inventory"])) if params["inventory"] else None
        key = Path(params["public_key"]) if params["public_key"] else None
        identities = [Path(path) for path in params["identities"]]
        outcome = verify_bundle(open_bundle(params["bundle"]), estate, key, identities)
    except ExitkitError as error:
        module.fail_json(msg=str(error))
    record = outcome.record
    result = {"changed": False, "ok": outcome.ok, "summary": summary_of(record), "record": record}
    if not outcome.ok and params["fail_on_problem"]:
        module.fail_json(msg=result["summary"], **result)
    module.exit_json(**result)


if __name__ == "__main__":
    main()
