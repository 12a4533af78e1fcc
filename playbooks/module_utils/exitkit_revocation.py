"""What exitkit's revocation modules share: their arguments, reading the rights a bundle lists,
and ending each one so that one failure never hides the others."""

from __future__ import annotations

import json
from pathlib import Path

from ansible.module_utils.basic import AnsibleModule

CONFIRM = "a live revocation needs confirm=true (exitkit_revoke_confirm=true)"


def access_records(bundle, assets):
    """(asset id, path, cloud-access.v1 record) of each cloud account in the bundle, or of
    those named in `assets`."""
    for path in sorted(Path(bundle).glob("assets/cloud_account/*/access.json")):
        asset = path.parent.name
        if assets is None or asset in assets:
            yield asset, str(path), json.loads(path.read_text(encoding="utf-8"))


def endpoints(bundle):
    """Each cloud account's endpoint as the bundle's inventory.json records it."""
    try:
        inventory = json.loads((Path(bundle) / "inventory.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {a["id"]: a.get("endpoint") for a in inventory.get("assets", []) if "id" in a}


def revocation_module():
    return AnsibleModule(
        argument_spec={
            "bundle": {"type": "path", "required": True},
            "assets": {"type": "list", "elements": "str"},
            "confirm": {"type": "bool", "default": False},
            "report": {"type": "path"},
        },
        supports_check_mode=True,
    )


def run_revocations(module, planned, revoke):
    """The rights the bundle lists (`planned(bundle, assets)`), and in a confirmed live run
    what `revoke(item)` made of each: revoked, absent, manual, or an error. The report file,
    when asked for, holds both."""
    params = module.params
    if not (Path(params["bundle"]) / "manifest.json").is_file():
        module.fail_json(msg=f"{params['bundle']} is not an exitkit bundle (no manifest.json)")
    try:
        items = planned(params["bundle"], params["assets"])
    except (OSError, ValueError) as error:
        module.fail_json(msg=f"cannot read the access records: {error}")
    outcome = {"revoked": [], "absent": [], "manual": [], "errors": []}
    if not module.check_mode and items:
        if not params["confirm"]:
            module.fail_json(msg=CONFIRM)
        for item in items:
            try:
                outcome[revoke(item)].append(item)
            except Exception as error:  # one failed revocation must not hide the others
                outcome["errors"].append(dict(item, error=f"{type(error).__name__}: {error}"))
    if params["report"]:
        report = Path(params["report"])
        report.parent.mkdir(parents=True, exist_ok=True)
        record = {"check_mode": module.check_mode, "would_revoke": items, **outcome}
        report.write_text(json.dumps(record, indent=2), encoding="utf-8")
    return items, outcome
