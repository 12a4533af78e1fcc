#!/usr/bin/python
"""Ansible module: end the provider's access to Microsoft 365 tenants, from an exitkit bundle.

Reads `assets/cloud_account/<id>/access.json` of the tenants (cloud microsoft365), list
`revoke_at_exit`. Check mode lists what would be ended. A live run needs confirm=true and, through
Microsoft Graph with azure-identity's credential chain: deletes directory role assignments
(`role_assignment_id`), removes PIM eligibilities (`eligibility_id`), asks to terminate delegated
admin relationships (`relationship_id`), deletes an app's application or delegated permission
grants (`app_role_assignment_id`, `grant_id`). Something already gone is reported as such, so a
second run is harmless. Graph is reached at the tenant's `endpoint` as inventory.json records it.
The app that runs it needs write permissions exitkit's export app never has: see access/.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote, urlsplit

from ansible.module_utils.basic import AnsibleModule

DOCUMENTATION = r"""
module: exitkit_revoke_tenant
short_description: End provider access to Microsoft 365 tenants, from an exitkit bundle
options:
  bundle: {description: folder of an exitkit bundle, type: path, required: true}
  assets: {description: only these cloud_account ids, type: list, elements: str}
  confirm: {description: must be true for a live run, type: bool, default: false}
  report: {description: write the list of revocations to this JSON file, type: path}
"""
PUBLIC_GRAPH = "https://graph.microsoft.com"
ABSENT = {404, 410}
LIVE = {"active", "activating", "approved", "expiring"}  # as exitkit.cloud.m365.partners


def planned(bundle, assets):
    try:
        inventory = json.loads((Path(bundle) / "inventory.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        inventory = {}
    where = {a.get("id"): a.get("endpoint") for a in inventory.get("assets", [])}
    items = []
    for path in sorted(Path(bundle).glob("assets/cloud_account/*/access.json")):
        asset = path.parent.name
        record = json.loads(path.read_text(encoding="utf-8"))
        if record.get("cloud") != "microsoft365" or (assets is not None and asset not in assets):
            continue
        endpoint = (where.get(asset) or PUBLIC_GRAPH).rstrip("/")
        for entry in record.get("revoke_at_exit", []):
            items.append({"asset": asset, "endpoint": endpoint, **entry})
    return items


def relationship_status(item, path):
    response = send(item, "GET", path)
    return response.json().get("status") if response.status_code == 200 else None


def request(item, method, path, body=None):
    """The HTTP status of one Graph call; raises on an error other than 'not there'."""
    response = send(item, method, path, body)
    if response.status_code >= 400 and response.status_code not in ABSENT:
        error = (response.json() if response.content else {}).get("error") or {}
        code = error.get("code", "")
        if code == "RoleAssignmentDoesNotExist":
            return 404
        raise RuntimeError(f"{method} {path}: {response.status_code} {code} {error.get('message')}")
    return response.status_code


def send(item, method, path, body=None):
    """One Graph call with a token from DefaultAzureCredential."""
    import requests
    from azure.identity import DefaultAzureCredential

    authority = os.environ.get("AZURE_AUTHORITY_HOST", "")
    host = urlsplit(authority if "://" in authority else f"https://{authority}").hostname or ""
    options = {"exclude_interactive_browser_credential": True}
    if authority and not (host.startswith("login.") or host.endswith(".windows.net")):
        options["disable_instance_discovery"] = True
    token = DefaultAzureCredential(**options).get_token(f"{item['endpoint']}/.default").token
    return requests.request(
        method,
        f"{item['endpoint']}/v1.0/{path}",
        json=body,
        headers={"Authorization": f"Bearer {token}"},
        timeout=60,
    )


def revoke(item):
    """'revoked', 'absent' (already gone) or 'manual' (nothing this module can end)."""
    q = lambda value: quote(str(value), safe="")  # noqa: E731
    if item.get("role_assignment_id"):
        status = request(item, "DELETE", f"roleManagement/directory/roleAssignments/{q(item['role_assignment_id'])}")
    elif item.get("eligibility_id"):
        body = {"action": "adminRemove", "principalId": item["principal"],
                "roleDefinitionId": item.get("role_definition_id"), "directoryScopeId": "/",
                "justification": "exit from the provider (exitkit)"}
        status = request(item, "POST", "roleManagement/directory/roleEligibilityScheduleRequests", body)
    elif item.get("relationship_id"):
        path = f"tenantRelationships/delegatedAdminRelationships/{q(item['relationship_id'])}"
        if relationship_status(item, path) not in LIVE:  # gone, or already ending
            return "absent"
        status = request(item, "POST", f"{path}/requests", {"action": "terminate"})
    elif item.get("app_role_assignment_id"):
        path = f"servicePrincipals/{q(item['service_principal_id'])}/appRoleAssignments/{q(item['app_role_assignment_id'])}"
        status = request(item, "DELETE", path)
    elif item.get("grant_id"):
        status = request(item, "DELETE", f"oauth2PermissionGrants/{q(item['grant_id'])}")
    else:
        return "manual"
    return "absent" if status in ABSENT else "revoked"


def main():
    module = AnsibleModule(
        argument_spec={
            "bundle": {"type": "path", "required": True},
            "assets": {"type": "list", "elements": "str"},
            "confirm": {"type": "bool", "default": False},
            "report": {"type": "path"},
        },
        supports_check_mode=True,
    )
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
            module.fail_json(msg="a live revocation needs confirm=true (exitkit_revoke_confirm=true)")
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
    tenants = len({item["asset"] for item in items})
    if module.check_mode or not items:
        message = f"{len(items)} provider right(s) on {tenants} tenant(s) would be ended"
        module.exit_json(changed=bool(items), would_revoke=items, msg=message)
    result = dict(changed=bool(outcome["revoked"]), would_revoke=items, **outcome)
    result["msg"] = (
        f"{len(outcome['revoked'])} ended, {len(outcome['absent'])} already gone, "
        f"{len(outcome['manual'])} to end by hand, {len(outcome['errors'])} failed"
    )
    if outcome["manual"] or outcome["errors"]:
        module.fail_json(**result)
    module.exit_json(**result)


if __name__ == "__main__":
    main()
