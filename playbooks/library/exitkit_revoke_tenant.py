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

import os
from urllib.parse import quote, urlsplit

from ansible.module_utils.exitkit_revocation import (
    access_records,
    endpoints,
    revocation_module,
    run_revocations,
)

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
    where = endpoints(bundle)
    items = []
    for asset, _, record in access_records(bundle, assets):
        if record.get("cloud") != "microsoft365":
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
        status = request(
            item,
            "DELETE",
            f"roleManagement/directory/roleAssignments/{q(item['role_assignment_id'])}",
        )
    elif item.get("eligibility_id"):
        body = {
            "action": "adminRemove",
            "principalId": item["principal"],
            "roleDefinitionId": item.get("role_definition_id"),
            "directoryScopeId": "/",
            "justification": "exit from the provider (exitkit)",
        }
        status = request(
            item, "POST", "roleManagement/directory/roleEligibilityScheduleRequests", body
        )
    elif item.get("relationship_id"):
        path = f"tenantRelationships/delegatedAdminRelationships/{q(item['relationship_id'])}"
        if relationship_status(item, path) not in LIVE:  # gone, or already ending
            return "absent"
        status = request(item, "POST", f"{path}/requests", {"action": "terminate"})
    elif item.get("app_role_assignment_id"):
        principal, assignment = item["service_principal_id"], item["app_role_assignment_id"]
        path = f"servicePrincipals/{q(principal)}/appRoleAssignments/{q(assignment)}"
        status = request(item, "DELETE", path)
    elif item.get("grant_id"):
        status = request(item, "DELETE", f"oauth2PermissionGrants/{q(item['grant_id'])}")
    else:
        return "manual"
    return "absent" if status in ABSENT else "revoked"


def main():
    module = revocation_module()
    items, outcome = run_revocations(module, planned, revoke)
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
