"""Role assignments of a subscription, and which of them are admin-equivalent."""

from __future__ import annotations

import threading
from typing import Any

from exitkit.cloud.access import Admin
from exitkit.cloud.azure.context import GLOBAL, AzureContext, as_json
from exitkit.cloud.collect import Outcome

ADMIN_ROLES = {
    "8e3af657-a8ff-443c-a75c-2fe8c4bcb635": "Owner",
    "b24988ac-6180-42a0-ab88-20f7382dd24c": "Contributor",
    "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9": "User Access Administrator",
}
ADMIN_ACTIONS = frozenset(
    {"*", "microsoft.authorization/*", "microsoft.authorization/roleassignments/write"}
)
UNKNOWN_HOLDERS = frozenset({"", "unknown", "foreigngroup"})


def _role_id(definition_id: str) -> str:
    return definition_id.rstrip("/").rsplit("/", 1)[-1].lower()


def account_wide(scope: str, subscription_id: str) -> bool:
    scope = scope.rstrip("/").lower()
    return scope in ("", f"/subscriptions/{subscription_id.lower()}") or scope.startswith(
        "/providers/microsoft.management/managementgroups/"
    )


class RoleNames:
    """Role definitions looked up once each: their name, and whether they are admin-equivalent."""

    def __init__(self, client: Any) -> None:
        self._client = client
        self._known: dict[str, tuple[str, bool]] = {k: (v, True) for k, v in ADMIN_ROLES.items()}
        self._lock = threading.Lock()

    def __call__(self, definition_id: str) -> tuple[str, bool]:
        key = _role_id(definition_id)
        with self._lock:
            if key in self._known:
                return self._known[key]
        body = as_json(self._client.role_definitions.get_by_id(definition_id))
        properties = body.get("properties", body)
        actions = {
            str(a).lower() for p in properties.get("permissions", []) for a in p.get("actions", [])
        }
        found = (str(properties.get("roleName") or key), bool(actions & ADMIN_ACTIONS))
        with self._lock:
            self._known[key] = found
        return found


def role_assignments(ctx: AzureContext) -> Outcome:
    """Every assignment as a record; Owner, Contributor, User Access Administrator and custom
    roles allowing `*` or all of Microsoft.Authorization as admins."""
    client = ctx.access.authorization()
    names = RoleNames(client)
    resources, admins = [], []
    for assignment in client.role_assignments.list_for_subscription():
        body = as_json(assignment)
        properties = body.get("properties", {})
        role, admin = names(str(properties.get("roleDefinitionId", "")))
        scope = str(properties.get("scope", ""))
        body["properties"] = {**properties, "roleName": role}
        resources.append(
            ctx.record({**body, "location": GLOBAL}, "RoleAssignments.ListForSubscription")
        )
        if admin:
            kind = str(properties.get("principalType") or "")
            admins.append(
                Admin(
                    principal=str(properties.get("principalId", "")),
                    type=kind or "Unknown",
                    right=role,
                    scope=scope,
                    holder_unknown=kind.lower() in UNKNOWN_HOLDERS,
                    account_wide=account_wide(scope, ctx.subscription_id),
                    assignment_id=str(body.get("id", "")),
                )
            )
    return Outcome(resources=resources, admins=admins)
