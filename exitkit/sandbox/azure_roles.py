"""Who holds which role in the Azure sandbox: built-in role definitions and role assignments.

Role definition GUIDs are Azure's real, well-known ones, so an exporter can match on them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from exitkit.sandbox.azure_seed import SUB_ERP, SUB_SHARED, TENANT_ID
from exitkit.sandbox.expected import CLIENT, OTHER, PROVIDER, AccessGrant

OWNER = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"
CONTRIBUTOR = "b24988ac-6180-42a0-ab88-20f7382dd24c"
USER_ACCESS_ADMINISTRATOR = "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"
READER = "acdd72a7-3385-48ef-bd42-f606fba81ae7"
ADMIN_ROLES = {OWNER, USER_ACCESS_ADMINISTRATOR}  # full control, or the power to grant it
BUILT_IN: dict[str, tuple[str, str, list[str], list[str]]] = {
    OWNER: (
        "Owner",
        "Grants full access to manage all resources, including the ability to "
        "assign roles in Azure RBAC.",
        ["*"],
        [],
    ),
    CONTRIBUTOR: (
        "Contributor",
        "Grants full access to manage all resources, but does not allow "
        "you to assign roles in Azure RBAC.",
        ["*"],
        [
            "Microsoft.Authorization/*/Delete",
            "Microsoft.Authorization/*/Write",
            "Microsoft.Authorization/elevateAccess/Action",
            "Microsoft.Blueprint/blueprintAssignments/write",
            "Microsoft.Blueprint/blueprintAssignments/delete",
            "Microsoft.Compute/galleries/share/action",
        ],
    ),
    USER_ACCESS_ADMINISTRATOR: (
        "User Access Administrator",
        "Lets you manage user access to Azure resources.",
        ["*/read", "Microsoft.Authorization/*", "Microsoft.Support/*"],
        [],
    ),
    READER: (
        "Reader",
        "View all resources, but does not allow you to make any changes.",
        ["*/read"],
        [],
    ),
}

CLIENT_ADMINS = "11111111-2222-3333-4444-555555555555"  # Acme's own admin group
EXPORTER_CLIENT_ID = "e0e0e0e0-0000-4000-8000-000000000001"  # app registration exitkit signs in as
EXPORTER_SECRET = "sandbox-client-secret"
EXPORTER_OBJECT_ID = "e0e0e0e0-0000-4000-8000-0000000000ff"


@dataclass(frozen=True)
class Principal:
    object_id: str
    principal_type: str  # "User" | "Group" | "ServicePrincipal"
    name: str
    side: str


ACME_ADMINS = Principal(CLIENT_ADMINS, "Group", "Acme Cloud Admins", CLIENT)
MSP_AUTOMATION = Principal(
    "aaaaaaaa-0000-4000-8000-000000000001", "ServicePrincipal", "msp-automation", PROVIDER
)
MSP_OPERATORS = Principal(
    "aaaaaaaa-0000-4000-8000-000000000002", "Group", "MSP Operators", PROVIDER
)
MSP_ACCESS = Principal(
    "aaaaaaaa-0000-4000-8000-000000000003", "User", "access-admin@msp.example", PROVIDER
)
AUDITOR = Principal("cccccccc-0000-4000-8000-000000000001", "User", "auditor@acme.example", CLIENT)
EXPORTER = Principal(EXPORTER_OBJECT_ID, "ServicePrincipal", "exitkit-audit", OTHER)

ASSIGNMENTS: tuple[tuple[Principal, str, str], ...] = (  # who, role, scope
    (ACME_ADMINS, OWNER, f"/subscriptions/{SUB_ERP}"),
    (ACME_ADMINS, OWNER, f"/subscriptions/{SUB_SHARED}"),
    (MSP_AUTOMATION, OWNER, f"/subscriptions/{SUB_ERP}"),
    (MSP_OPERATORS, CONTRIBUTOR, f"/subscriptions/{SUB_ERP}"),
    (MSP_OPERATORS, CONTRIBUTOR, f"/subscriptions/{SUB_SHARED}"),
    (MSP_ACCESS, USER_ACCESS_ADMINISTRATOR, f"/subscriptions/{SUB_ERP}"),
    (AUDITOR, READER, f"/subscriptions/{SUB_ERP}/resourceGroups/rg-erp-prod"),
    (EXPORTER, READER, f"/subscriptions/{SUB_ERP}"),
    (EXPORTER, READER, f"/subscriptions/{SUB_SHARED}"),
)


def role_definition(role: str, scope: str) -> dict[str, Any]:
    """A built-in role definition as read at `scope` (its id carries the scope, as in ARM)."""
    name, description, actions, not_actions = BUILT_IN[role]
    prefix = scope.rstrip("/")
    return {
        "id": f"{prefix}/providers/Microsoft.Authorization/roleDefinitions/{role}",
        "name": role,
        "type": "Microsoft.Authorization/roleDefinitions",
        "properties": {
            "roleName": name,
            "type": "BuiltInRole",
            "description": description,
            "assignableScopes": ["/"],
            "permissions": [
                {
                    "actions": actions,
                    "notActions": not_actions,
                    "dataActions": [],
                    "notDataActions": [],
                }
            ],
            "createdOn": "2015-02-02T21:55:09.8806423Z",
            "updatedOn": "2024-04-11T17:13:24.9840000Z",
            "createdBy": None,
            "updatedBy": None,
        },
    }


def role_assignments() -> list[dict[str, Any]]:
    return [_assignment(who, role, scope) for who, role, scope in ASSIGNMENTS]


def _assignment(who: Principal, role: str, scope: str) -> dict[str, Any]:
    name = str(uuid.uuid5(uuid.NAMESPACE_URL, f"{scope}|{who.object_id}|{role}"))
    subscription = scope.split("/")[2]
    return {
        "id": f"{scope}/providers/Microsoft.Authorization/roleAssignments/{name}",
        "name": name,
        "type": "Microsoft.Authorization/roleAssignments",
        "properties": {
            "roleDefinitionId": f"/subscriptions/{subscription}/providers/Microsoft.Authorization/"
            f"roleDefinitions/{role}",
            "principalId": who.object_id,
            "principalType": who.principal_type,
            "scope": scope,
            "condition": None,
            "conditionVersion": None,
            "createdOn": "2025-01-15T09:30:00.0000000Z",
            "updatedOn": "2025-01-15T09:30:00.0000000Z",
            "createdBy": MSP_AUTOMATION.object_id,
            "updatedBy": MSP_AUTOMATION.object_id,
            "delegatedManagedIdentityResourceId": None,
            "description": f"{who.name}: {BUILT_IN[role][0]}",
        },
    }


def access_grants() -> tuple[AccessGrant, ...]:
    return tuple(
        AccessGrant(
            "azure",
            scope.split("/")[2],
            who.object_id,
            who.principal_type,
            who.name,
            who.side,
            BUILT_IN[role][0],
            scope,
            role in ADMIN_ROLES,
        )
        for who, role, scope in ASSIGNMENTS
    )


__all__ = ["TENANT_ID", "access_grants", "role_assignments", "role_definition"]
