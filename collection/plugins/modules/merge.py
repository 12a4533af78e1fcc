#!/usr/bin/python
"""exitkit.exit.merge: join the parts of a sliced export into one bundle, as `exitkit merge`
does. A thin wrapper over exitkit's library (`exitkit.bundle.merge.merge_parts`)."""

from __future__ import annotations

import traceback

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

DOCUMENTATION = r"""
module: merge
short_description: Merge the part bundles of a sliced exitkit export into one signed bundle
version_added: "0.1.0"
description:
  - Verifies each part (written by M(exitkit.exit.export) with O(exitkit.exit.export#module:part)),
    refuses parts of different estates, overlapping parts and a scope they leave uncovered,
    and writes the one bundle they make, signed with O(sign_key).
  - The merged bundle holds the parts' files byte for byte; it is what a one-machine export of
    the same scope writes, timestamps aside.
requirements:
  - exitkit installed in the Python that runs the module.
options:
  parts:
    description: The part folders.
    type: list
    elements: path
    required: true
  out:
    description: The merged bundle folder (new, empty, or an earlier merged bundle).
    type: path
    required: true
  sign_key:
    description: Ed25519 private key (PEM) that signs the merged manifest.
    type: path
notes:
  - Fails when an asset of the merged bundle failed at export (the bundle is written).
author:
  - exitkit contributors
"""

EXAMPLES = r"""
- name: Merge the slices' parts
  exitkit.exit.merge:
    parts: "{{ found.files | map(attribute='path') | list }}"
    out: /srv/exitkit/bundles/acme
    sign_key: /etc/exitkit/export.key
"""

RETURN = r"""
bundle:
  description: The merged bundle folder.
  returned: always
  type: str
parts:
  description: Names of the parts merged.
  returned: success
  type: list
  elements: str
totals:
  description: Expected, exported, failed, missing and damaged asset counts.
  returned: success
  type: dict
"""

try:
    from exitkit.bundle.merge import merge_parts
    from exitkit.bundle.signing import load_private
    from exitkit.errors import ExitkitError
except ImportError:
    EXITKIT_IMPORT_ERROR = traceback.format_exc()
else:
    EXITKIT_IMPORT_ERROR = None

ARGUMENTS = {
    "parts": {"type": "list", "elements": "path", "required": True},
    "out": {"type": "path", "required": True},
    "sign_key": {"type": "path"},
}


def main():
    from pathlib import Path

    module = AnsibleModule(argument_spec=ARGUMENTS)
    if EXITKIT_IMPORT_ERROR:
        module.fail_json(msg=missing_required_lib("exitkit"), exception=EXITKIT_IMPORT_ERROR)
    params = module.params
    out = Path(params["out"])
    try:
        key = load_private(Path(params["sign_key"])) if params["sign_key"] else None
        summary = merge_parts([Path(path) for path in params["parts"]], out, key)
    except ExitkitError as error:
        module.fail_json(msg=str(error), bundle=str(out))
    result = {
        "changed": True,
        "bundle": str(out),
        "parts": [part.name for part in summary.parts],
        "totals": summary.completeness.totals(),
    }
    if not summary.completeness.complete:
        lost = ", ".join(f"{s.id} ({s.state})" for s in summary.completeness.incomplete[:5])
        module.fail_json(msg=f"merged, but incomplete: {lost}", **result)
    module.exit_json(**result)


if __name__ == "__main__":
    main()
