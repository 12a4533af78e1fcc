"""Every Microsoft Graph call exitkit makes to read a tenant, and the one read-only application
permission that allows it: the single definition access/ is generated from and tested against.

Where Microsoft documents a narrower permission than the one named here (LicenseAssignment.Read.All
for licences, RoleEligibilitySchedule.Read.Directory for PIM), the broader read permission is one
exitkit needs anyway for another call, so the app holds fewer permissions in all.
"""

from __future__ import annotations

GRAPH_VERSION = "v1.0"
CALLS = {  # path template under /v1.0 -> application permission
    "organization": "Organization.Read.All",
    "roleManagement/directory/roleDefinitions": "RoleManagement.Read.Directory",
    "roleManagement/directory/roleAssignments": "RoleManagement.Read.Directory",
    "roleManagement/directory/roleEligibilitySchedules": "RoleManagement.Read.Directory",
    "tenantRelationships/delegatedAdminRelationships": "DelegatedAdminRelationship.Read.All",
    "servicePrincipals": "Application.Read.All",
    "servicePrincipals/{id}/appRoleAssignments": "Application.Read.All",
    "oauth2PermissionGrants": "DelegatedPermissionGrant.Read.All",
    "subscribedSkus": "Organization.Read.All",
    "directory/subscriptions": "Organization.Read.All",
    "domains": "Domain.Read.All",
    "identity/conditionalAccess/policies": "Policy.Read.All",
    "identity/conditionalAccess/namedLocations": "Policy.Read.All",
}


def operation(template: str) -> str:
    """How a call is named in account.json's `operations`: `GET /v1.0/<template>`."""
    return f"GET /{GRAPH_VERSION}/{template}"


def permission_of(operation_name: str) -> str:
    return CALLS[operation_name.removeprefix(f"GET /{GRAPH_VERSION}/")]


def access_file() -> dict[str, object]:
    """access/m365-exitkit-graph-permissions.json, as generated from CALLS."""
    by_permission: dict[str, list[str]] = {}
    for template, permission in CALLS.items():
        by_permission.setdefault(permission, []).append(operation(template))
    return {
        "Name": "exitkit reader (Microsoft Graph)",
        "Description": "Application permissions (type Role, admin consent) on Microsoft Graph "
        "for the app registration exitkit signs in as to read a Microsoft 365 tenant. All are "
        "read-only: no write, no mail, files or user profiles beyond role holders.",
        "resourceAppId": "00000003-0000-0000-c000-000000000000",
        "permissions": [
            {"value": value, "type": "Role", "calls": sorted(calls)}
            for value, calls in sorted(by_permission.items())
        ],
    }
