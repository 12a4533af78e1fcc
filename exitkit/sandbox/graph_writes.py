"""The Graph calls that end a provider's access, as the emulator answers them: delete a directory
role assignment, remove a PIM eligibility, delete an app's permission grant or app role
assignment, ask to terminate a GDAP relationship. Each is idempotent, as Graph's are."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from exitkit.sandbox.azure_routes import Reply, Request
from exitkit.sandbox.graph_odata import bad_request, graph_error

if TYPE_CHECKING:
    from exitkit.sandbox.graph_routes import GraphApi, Handler


def _not_found(what: str, ident: str) -> Reply:
    return graph_error(
        404, "Request_ResourceNotFound", f"Resource '{ident}' ({what}) does not exist."
    )


def _remove(items: list[dict[str, Any]], ident: str) -> bool:
    for index, item in enumerate(items):
        if item["id"] == ident:
            items.pop(index)
            return True
    return False


def _body(request: Request) -> dict[str, Any]:
    try:
        body = json.loads(request.body or b"{}")
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def write_routes(api: GraphApi) -> list[tuple[str, str, tuple[str, ...], Handler]]:
    tenant = api.tenant

    def delete_assignment(request: Request, ident: str) -> Reply:
        found = _remove(tenant.assignments, ident)
        return (204, {}, None) if found else _not_found("roleAssignment", ident)

    def remove_eligibility(request: Request) -> Reply:
        body = _body(request)
        if body.get("action") != "adminRemove":
            return bad_request("Only action adminRemove is emulated.")
        for schedule in tenant.eligible:
            same = (schedule["principalId"], schedule["roleDefinitionId"]) == (
                body.get("principalId"),
                body.get("roleDefinitionId"),
            )
            if same:
                tenant.eligible.remove(schedule)
                return 201, {}, {"id": f"req-{schedule['id']}", "status": "Revoked", **body}
        return graph_error(400, "RoleAssignmentDoesNotExist", "The role assignment does not exist.")

    def delete_app_role(request: Request, sp: str, ident: str) -> Reply:
        found = _remove(tenant.app_roles.get(sp, []), ident)
        return (204, {}, None) if found else _not_found("appRoleAssignment", ident)

    def delete_grant(request: Request, ident: str) -> Reply:
        found = _remove(tenant.grants, ident)
        return (204, {}, None) if found else _not_found("oAuth2PermissionGrant", ident)

    def terminate(request: Request, ident: str) -> Reply:
        if _body(request).get("action") != "terminate":
            return bad_request("Only action terminate is emulated.")
        for relationship in tenant.relationships:
            if relationship["id"] == ident:
                relationship["status"] = "terminationRequested"
                return (
                    201,
                    {},
                    {"id": f"req-{ident[:8]}", "action": "terminate", "status": "created"},
                )
        return _not_found("delegatedAdminRelationship", ident)

    rm = "/rolemanagement/directory"
    return [
        ("DELETE", rm + "/roleassignments/(?P<ident>[^/]+)",
         ("RoleManagement.ReadWrite.Directory",), delete_assignment),
        ("POST", rm + "/roleeligibilityschedulerequests",
         ("RoleEligibilitySchedule.ReadWrite.Directory", "RoleManagement.ReadWrite.Directory"),
         remove_eligibility),
        ("DELETE", "/serviceprincipals/(?P<sp>[^/]+)/approleassignments/(?P<ident>[^/]+)",
         ("AppRoleAssignment.ReadWrite.All",), delete_app_role),
        ("DELETE", "/oauth2permissiongrants/(?P<ident>[^/]+)",
         ("DelegatedPermissionGrant.ReadWrite.All",), delete_grant),
        ("POST", "/tenantrelationships/delegatedadminrelationships/(?P<ident>[^/]+)/requests",
         ("DelegatedAdminRelationship.ReadWrite.All",), terminate),
    ]  # fmt: skip
