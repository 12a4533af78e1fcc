#!/usr/bin/python
"""exitkit.exit.export: export assets of an estate into a bundle, or into one part of a sliced
export. A thin wrapper over exitkit's library (`exitkit.exporters.run.export_estate`)."""

from __future__ import annotations

import traceback

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

DOCUMENTATION = r"""
module: export
short_description: Export the assets of an exitkit estate into a (part) bundle
version_added: "0.1.0"
description:
  - Runs exitkit's exporters on the node where the task runs, as C(exitkit export) does, and
    writes a bundle folder (artifacts, inventory.json, reports/completeness.json, manifest.json).
  - With O(part), the bundle is one part of a sliced export; its manifest names the part and
    records its scope (O(kinds) and O(assets)), and it is never signed. C(exitkit merge) or
    M(exitkit.exit.merge) joins the parts into one signed bundle.
  - Give the hosts of the play as O(assets) (C(ansible_play_hosts_all)) and run the task once
    (C(run_once), C(delegate_to) V(localhost)); exitkit connects to the devices itself, over
    SSH, with the host keys pinned in the estate's known_hosts.
  - A re-run into the same O(out) resumes, keeping the assets already exported and intact.
requirements:
  - exitkit installed in the Python that runs the module (the execution environment's).
options:
  estate:
    description: The estate folder (or its estate.yaml); relative to the working directory
      (the project folder under ansible-runner and AWX).
    type: path
    required: true
  out:
    description: The bundle folder to write (or to resume).
    type: path
    required: true
  part:
    description: Write the bundle as the part of this name (letters, digits, C(.), C(_), C(-)).
    type: str
  assets:
    description: Only these asset ids (the hosts of the play); empty means every asset.
    type: list
    elements: str
    default: []
  kinds:
    description: Only assets of these kinds (V(network_device), V(cloud_account)...).
    type: list
    elements: str
    default: []
  workers:
    description: Assets exported at the same time.
    type: int
    default: 16
  timeout:
    description: Time limit per asset, seconds.
    type: float
    default: 120
  encrypt_to:
    description: age recipients every artifact is encrypted to.
    type: list
    elements: str
    default: []
  accept_new_host_keys:
    description: Trust on first use the host key of a device not yet in the known_hosts.
    type: bool
    default: false
  sign_key:
    description: Ed25519 private key (PEM) to sign a whole bundle; refused with O(part).
    type: path
notes:
  - Check mode lists what would be exported and writes nothing.
  - Fails when an asset failed (the bundle is written all the same and says why), as
    C(exitkit export) exits 1.
author:
  - exitkit contributors
"""

EXAMPLES = r"""
- name: Export this slice's devices as a part
  exitkit.exit.export:
    estate: inventories/acme
    out: "/srv/exitkit/parts/job-{{ awx_job_id }}"
    part: "job-{{ awx_job_id }}"
    assets: "{{ ansible_play_hosts_all }}"
    kinds: [network_device]
  run_once: true
  delegate_to: localhost
"""

RETURN = r"""
bundle:
  description: The bundle folder written.
  returned: always
  type: str
part:
  description: The part name, when one was given.
  returned: always
  type: str
selected:
  description: Ids of the assets the export covers.
  returned: always
  type: list
  elements: str
exported:
  description: Ids of the assets exported (now or kept from an earlier run).
  returned: success or failure of an asset
  type: list
  elements: str
kept:
  description: How many assets an earlier run had exported and were kept.
  returned: success or failure of an asset
  type: int
failed_assets:
  description: One entry per failed asset, with id, kind, error_class and reason.
  returned: success or failure of an asset
  type: list
  elements: dict
files:
  description: Number of files the manifest lists.
  returned: success or failure of an asset
  type: int
"""

try:
    from exitkit.bundle.signing import load_private
    from exitkit.errors import ExitkitError
    from exitkit.exporters.registry import ExportOptions
    from exitkit.exporters.run import export_estate, select
    from exitkit.inventory.loader import load_inventory
except ImportError:
    EXITKIT_IMPORT_ERROR = traceback.format_exc()
else:
    EXITKIT_IMPORT_ERROR = None

ARGUMENTS = {
    "estate": {"type": "path", "required": True},
    "out": {"type": "path", "required": True},
    "part": {"type": "str"},
    "assets": {"type": "list", "elements": "str", "default": []},
    "kinds": {"type": "list", "elements": "str", "default": []},
    "workers": {"type": "int", "default": 16},
    "timeout": {"type": "float", "default": 120.0},
    "encrypt_to": {"type": "list", "elements": "str", "default": []},
    "accept_new_host_keys": {"type": "bool", "default": False},
    "sign_key": {"type": "path"},
}


def export(module, params):
    inventory = load_inventory(params["estate"])
    selected = [a.id for a in select(inventory, params["kinds"], params["assets"])]
    if module.check_mode:
        return {"changed": bool(selected), "selected": selected}
    options = ExportOptions(
        workers=params["workers"],
        timeout_s=params["timeout"],
        encrypt_to=tuple(params["encrypt_to"]),
        accept_new_host_keys=params["accept_new_host_keys"],
    )
    key = load_private(params["sign_key"]) if params["sign_key"] else None
    summary = export_estate(
        inventory, params["out"], params["kinds"], params["assets"], options, key,
        part=params["part"],
    )  # fmt: skip
    failed = [
        {"id": r.id, "kind": r.kind, "error_class": r.error_class, "reason": r.reason}
        for r in summary.failed
    ]
    return {
        "changed": len(summary.results) > summary.kept,
        "selected": selected,
        "exported": [r.id for r in summary.results if r.exported],
        "kept": summary.kept,
        "failed_assets": failed,
        "files": len(summary.manifest.files),
    }


def main():
    from pathlib import Path

    module = AnsibleModule(argument_spec=ARGUMENTS, supports_check_mode=True)
    if EXITKIT_IMPORT_ERROR:
        module.fail_json(msg=missing_required_lib("exitkit"), exception=EXITKIT_IMPORT_ERROR)
    params = dict(module.params)
    for name in ("estate", "out", "sign_key"):
        params[name] = Path(params[name]) if params[name] else None
    try:
        result = export(module, params)
    except ExitkitError as error:
        module.fail_json(msg=str(error), bundle=str(params["out"]), part=params["part"])
    result.update(bundle=str(params["out"]), part=params["part"])
    failed = result.get("failed_assets")
    if failed:
        names = ", ".join(f"{f['id']} ({f['error_class']}: {f['reason']})" for f in failed[:5])
        module.fail_json(msg=f"{len(failed)} asset(s) failed: {names}", **result)
    module.exit_json(**result)


if __name__ == "__main__":
    main()
