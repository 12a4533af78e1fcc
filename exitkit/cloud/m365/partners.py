"""Partner access seen from the customer's side: delegated admin relationships (GDAP) with their
roles, status and end dates, and apps from other tenants holding Graph permissions, flagged when
they can write to the directory."""

from __future__ import annotations

from typing import Any

from exitkit.cloud.access import Admin
from exitkit.cloud.collect import Outcome
from exitkit.cloud.m365.catalog import (
    DIRECTORY_WRITE,
    GLOBAL_ADMINISTRATOR,
    GRAPH_APP_ID,
    MICROSOFT_TENANTS,
    OTHER_ROLES,
    PRIVILEGED_ROLES,
)
from exitkit.cloud.m365.context import TenantAdmin, TenantContext

RELATIONSHIP_SCHEMA = "m365-partner-relationship.v1"
APP_SCHEMA = "m365-partner-app.v1"
RELATIONSHIPS, APPS = "partner-relationships", "partner-apps"  # Outcome.notes keys
# statuses in which the partner holds, or is about to hold, its roles and nobody asked to end it
# (terminationRequested and terminating are already ending: listed, not to revoke again)
LIVE = frozenset({"active", "activating", "approved", "expiring"})
SP_FIELDS = "id,appId,displayName,appOwnerOrganizationId,servicePrincipalType"


def relationships(ctx: TenantContext) -> Outcome:
    listed = ctx.graph.read(
        "tenantRelationships/delegatedAdminRelationships",
        {"$filter": f"customer/tenantId eq '{ctx.tenant_id}'"},
    )
    lines = [_relationship(ctx, body) for body in listed]
    admins: list[Admin] = [_relationship_admin(line) for line in lines if line["live"]]
    return Outcome(admins=admins, notes={RELATIONSHIPS: lines})


def _relationship(ctx: TenantContext, body: dict[str, Any]) -> dict[str, Any]:
    roles = []
    for item in (body.get("accessDetails") or {}).get("unifiedRoles") or []:
        template = str(item.get("roleDefinitionId", "")).lower()
        name = PRIVILEGED_ROLES.get(template) or OTHER_ROLES.get(template) or template
        roles.append({"id": template, "name": name, "privileged": template in PRIVILEGED_ROLES})
    status = str(body.get("status") or "")
    return {
        "schema": RELATIONSHIP_SCHEMA,
        "tenant": ctx.tenant_id,
        "id": str(body.get("id", "")),
        "display_name": str(body.get("displayName") or ""),
        "status": status,
        "live": status in LIVE,
        "roles": roles,
        "created": body.get("createdDateTime"),
        "activated": body.get("activatedDateTime"),
        "end": body.get("endDateTime"),
        "duration": body.get("duration"),
        "auto_extend": body.get("autoExtendDuration"),
    }


def _relationship_admin(line: dict[str, Any]) -> TenantAdmin:
    names = ", ".join(role["name"] for role in line["roles"]) or "no role"
    return TenantAdmin(
        principal=line["id"],
        type="DelegatedAdminRelationship",
        right=f"GDAP {line['status']}: {names} (until {line['end']})",
        name=line["display_name"],
        account_wide=any(role["id"] == GLOBAL_ADMINISTRATOR for role in line["roles"]),
        ends=(("relationship_id", line["id"]),),
    )


def apps(ctx: TenantContext) -> Outcome:
    """Service principals whose app another (non-Microsoft) tenant owns, their application
    permissions on Graph and the delegated permissions consented for all users."""
    graph_sp = ctx.graph.read(
        "servicePrincipals", {"$filter": f"appId eq '{GRAPH_APP_ID}'", "$select": "id,appRoles"}
    )
    names = {
        str(role.get("id", "")): str(role.get("value", ""))
        for sp in graph_sp
        for role in sp.get("appRoles") or []
    }
    foreign = [
        sp
        for sp in ctx.graph.read("servicePrincipals", {"$select": SP_FIELDS})
        if _foreign(ctx, sp)
    ]
    grants = ctx.graph.read("oauth2PermissionGrants") if foreign else []
    lines = [_app(ctx, sp, names, grants) for sp in foreign]
    admins: list[Admin] = [admin for line in lines for admin in _app_admins(line)]
    return Outcome(admins=admins, notes={APPS: lines})


def _foreign(ctx: TenantContext, sp: dict[str, Any]) -> bool:
    owner = str(sp.get("appOwnerOrganizationId") or "").lower()
    return bool(owner) and owner != ctx.tenant_id and owner not in MICROSOFT_TENANTS


def _app(
    ctx: TenantContext, sp: dict[str, Any], names: dict[str, str], grants: list[dict[str, Any]]
) -> dict[str, Any]:
    sp_id = str(sp.get("id", ""))
    assigned = ctx.graph.read("servicePrincipals/{id}/appRoleAssignments", id=sp_id)
    on_graph = [a for a in assigned if str(a.get("resourceDisplayName")) == "Microsoft Graph"]
    application = [
        {"permission": names.get(str(a.get("appRoleId")), str(a.get("appRoleId"))), "id": a["id"]}
        for a in on_graph
    ]
    mine = [g for g in grants if str(g.get("clientId")) == sp_id]
    everyone = [g for g in mine if g.get("consentType") == "AllPrincipals"]
    delegated = [
        {"permission": scope, "id": str(g.get("id", ""))}
        for g in everyone
        for scope in str(g.get("scope") or "").split()
    ]
    writes = sorted(
        {p["permission"] for p in application + delegated if p["permission"] in DIRECTORY_WRITE}
    )
    return {
        "schema": APP_SCHEMA,
        "tenant": ctx.tenant_id,
        "service_principal_id": sp_id,
        "app_id": str(sp.get("appId") or ""),
        "display_name": str(sp.get("displayName") or ""),
        "owner_tenant": str(sp.get("appOwnerOrganizationId") or ""),
        "application_permissions": sorted(application, key=lambda p: p["permission"]),
        "delegated_permissions": sorted(delegated, key=lambda p: (p["permission"], p["id"])),
        "delegated_user_grants": len(mine) - len(everyone),  # consents of single users: counted
        "directory_write": writes,
        "classification": ctx.side(sp_id, str(sp.get("appId") or "")),
    }


def _app_admins(line: dict[str, Any]) -> list[TenantAdmin]:
    found = []
    for how, key, items in (
        ("application", "app_role_assignment_id", line["application_permissions"]),
        ("delegated, all users", "grant_id", line["delegated_permissions"]),
    ):
        for item in items:
            if item["permission"] in DIRECTORY_WRITE:
                found.append(
                    TenantAdmin(
                        principal=line["service_principal_id"],
                        type="ServicePrincipal",
                        right=f"{item['permission']} ({how})",
                        name=line["display_name"],
                        upn=line["app_id"],  # an app may be named by its app id too
                        account_wide=False,
                        ends=(
                            ("app_id", line["app_id"]),
                            ("service_principal_id", line["service_principal_id"]),
                            (key, item["id"]),
                        ),
                    )
                )
    return found
