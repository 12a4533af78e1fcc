"""Directory roles: active assignments and PIM-eligible ones, each principal resolved, the roles
Microsoft labels privileged flagged, and who holds them on which side."""

from __future__ import annotations

from functools import partial
from typing import Any

from exitkit.cloud.access import Admin
from exitkit.cloud.collect import Outcome, Task
from exitkit.cloud.m365.catalog import GLOBAL_ADMINISTRATOR, PRIVILEGED_ROLES
from exitkit.cloud.m365.context import TENANT, TenantAdmin, TenantContext, principal_of

ROLES_SCHEMA = "m365-directory-role.v1"
NOTE = "directory-roles"  # Outcome.notes key: the record lines
ACTIVE, ELIGIBLE = "active", "eligible"


def role_table(definitions: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Role definitions by id (and template id): name, template, privileged, built in."""
    table: dict[str, dict[str, Any]] = {}
    for body in definitions:
        template = str(body.get("templateId") or body.get("id") or "").lower()
        privileged = bool(body.get("isPrivileged")) or template in PRIVILEGED_ROLES
        role: dict[str, Any] = {
            "id": str(body.get("id", "")),
            "template_id": template,
            "name": str(body.get("displayName") or PRIVILEGED_ROLES.get(template, template)),
            "privileged": privileged,
            "built_in": bool(body.get("isBuiltIn", True)),
        }
        table[str(role["id"]).lower()] = table[template] = role
    return table


def active(ctx: TenantContext) -> Outcome:
    """Role definitions and active assignments; PIM eligibility follows as its own task, so a
    tenant without Entra ID P2 (or PIM) fails that part alone."""
    definitions = ctx.graph.read("roleManagement/directory/roleDefinitions")
    table = role_table(definitions)
    listed = ctx.graph.read("roleManagement/directory/roleAssignments", {"$expand": "principal"})
    outcome = _outcome(ctx, table, listed, ACTIVE)
    outcome.follow = [
        Task("pim-eligible", TENANT, "roleEligibilitySchedules", partial(eligible, ctx, table))
    ]
    return outcome


def eligible(ctx: TenantContext, table: dict[str, dict[str, Any]]) -> Outcome:
    listed = ctx.graph.read(
        "roleManagement/directory/roleEligibilitySchedules", {"$expand": "principal"}
    )
    return _outcome(ctx, table, listed, ELIGIBLE)


def _outcome(
    ctx: TenantContext, table: dict[str, dict[str, Any]], listed: list[dict[str, Any]], how: str
) -> Outcome:
    lines: list[dict[str, Any]] = []
    admins: list[Admin] = []
    for body in listed:
        line = _line(ctx, table, body, how)
        lines.append(line)
        if line["role"]["privileged"]:
            admins.append(_admin(line))
    return Outcome(admins=admins, notes={NOTE: lines})


def _line(
    ctx: TenantContext, table: dict[str, dict[str, Any]], body: dict[str, Any], how: str
) -> dict[str, Any]:
    definition = str(body.get("roleDefinitionId", "")).lower()
    role = table.get(definition) or {
        "id": definition,
        "template_id": definition,
        "name": PRIVILEGED_ROLES.get(definition, definition),
        "privileged": definition in PRIVILEGED_ROLES,
        "built_in": definition in PRIVILEGED_ROLES,
    }
    principal = principal_of(str(body.get("principalId", "")), body.get("principal"))
    schedule = body.get("scheduleInfo") or {}
    return {
        "schema": ROLES_SCHEMA,
        "tenant": ctx.tenant_id,
        "assignment": how,
        "id": str(body.get("id", "")),
        "role": role,
        "scope": str(body.get("directoryScopeId") or "/"),
        "principal": principal,
        "classification": "unknown"
        if principal["type"] == "Unknown"
        else ctx.side(principal["id"], principal.get("upn", "")),
        "start": schedule.get("startDateTime"),
        "end": (schedule.get("expiration") or {}).get("endDateTime"),
    }


def _admin(line: dict[str, Any]) -> TenantAdmin:
    principal, role = line["principal"], line["role"]
    ends = (
        (("role_assignment_id", line["id"]),)
        if line["assignment"] == ACTIVE
        else (("eligibility_id", line["id"]), ("role_definition_id", role["id"]))
    )
    return TenantAdmin(
        principal=principal["id"],
        type=principal["type"],
        right=f"{role['name']} ({line['assignment']})",
        name=principal.get("upn") or principal["display_name"],
        scope=line["scope"],
        holder_unknown=principal["type"] == "Unknown",
        account_wide=role["template_id"] == GLOBAL_ADMINISTRATOR and line["scope"] == "/",
        upn=principal.get("upn", ""),
        ends=ends,
    )
