"""Microsoft Graph on the Azure emulator's HTTPS port: the `/v1.0/...` calls exitkit makes to read
a tenant (and the few its revocation playbook makes to end the provider's access).

Each route names the application permissions Microsoft documents for it; a token whose app was
not granted one of them gets Graph's 403, so an export that works here needs no more than that.
Tokens come from the emulator's Entra endpoint and must be meant for Graph.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Callable
from typing import Any

from exitkit.sandbox.azure_auth import ARM_AUDIENCE, Authority
from exitkit.sandbox.azure_roles import EXPORTER_CLIENT_ID
from exitkit.sandbox.azure_routes import Reply, Request
from exitkit.sandbox.graph_catalog import role_definitions
from exitkit.sandbox.graph_faults import GraphFaults
from exitkit.sandbox.graph_odata import expanded, filtered, graph_error, page, selected
from exitkit.sandbox.graph_seed import GraphTenant

GRAPH_AUDIENCE = "https://graph.microsoft.com/"
_GRAPH = re.compile(r"/(?:v1\.0|beta)(/.*)")
RM_READ = ("RoleManagement.Read.Directory", "RoleManagement.Read.All", "Directory.Read.All")
ORG_READ = ("LicenseAssignment.Read.All", "Organization.Read.All", "Directory.Read.All")
APP_READ = ("Application.Read.All", "Directory.Read.All")
POLICY_READ = ("Policy.Read.All", "Policy.ReadWrite.ConditionalAccess")
# what the sandbox's exitkit app registration was granted (as access/ lists it)
EXPORTER_GRANTS = frozenset(
    {
        "Organization.Read.All",
        "RoleManagement.Read.Directory",
        "DelegatedAdminRelationship.Read.All",
        "Application.Read.All",
        "DelegatedPermissionGrant.Read.All",
        "Domain.Read.All",
        "Policy.Read.All",
    }
)
Handler = Callable[..., Reply]


class GraphApi:
    """Answers Graph requests for one tenant; `answer` returns None for any other path."""

    def __init__(self, authority: Authority, page_size: int = 3) -> None:
        self.authority = authority
        self.page_size = page_size
        self.faults = GraphFaults()
        self.reset()

    def reset(self) -> None:
        """The seeded tenant again, the exporter's usual grants, no fault mode, no traffic."""
        from exitkit.sandbox.graph_writes import write_routes

        self.tenant = GraphTenant()
        self.grants: dict[str, set[str]] = {EXPORTER_CLIENT_ID: set(EXPORTER_GRANTS)}
        self.faults.reset()
        routes = self._read_routes() + write_routes(self)
        self._routes = [(m, re.compile(p, re.IGNORECASE), perms, h) for m, p, perms, h in routes]

    def grant(self, *permissions: str, app: str = EXPORTER_CLIENT_ID) -> None:
        """Give the app exactly these application permissions."""
        self.grants[app] = set(permissions)

    def _read_routes(self) -> list[tuple[str, str, tuple[str, ...], Handler]]:
        t = self.tenant
        rm = "/rolemanagement/directory"
        return [
            ("GET", "/organization", ORG_READ, lambda r: self.listing(r, [t.organization()])),
            ("GET", rm + "/roledefinitions", RM_READ,
             lambda r: self.listing(r, role_definitions())),
            ("GET", rm + "/roleassignments", RM_READ, lambda r: self.listing(r, t.assignments)),
            ("GET", rm + "/roleeligibilityschedules",
             ("RoleEligibilitySchedule.Read.Directory", *RM_READ),
             lambda r: self.listing(r, t.eligible)),
            ("GET", "/tenantrelationships/delegatedadminrelationships",
             ("DelegatedAdminRelationship.Read.All",), lambda r: self.listing(r, t.relationships)),
            ("GET", "/tenantrelationships/delegatedadminrelationships/(?P<ident>[^/]+)",
             ("DelegatedAdminRelationship.Read.All", "DelegatedAdminRelationship.ReadWrite.All"),
             lambda r, ident: self.item(t.relationships, ident)),
            ("GET", "/serviceprincipals", APP_READ,
             lambda r: self.listing(r, t.service_principals())),
            ("GET", "/serviceprincipals/(?P<sp>[^/]+)/approleassignments", APP_READ,
             lambda r, sp: self.listing(r, t.app_roles.get(sp, []))),
            ("GET", "/oauth2permissiongrants", ("DelegatedPermissionGrant.Read.All",
             "Directory.Read.All"), lambda r: self.listing(r, t.grants)),
            ("GET", "/subscribedskus", ORG_READ, lambda r: self.listing(r, t.skus)),
            ("GET", "/directory/subscriptions", ORG_READ,
             lambda r: self.listing(r, t.subscriptions)),
            ("GET", "/domains", ("Domain.Read.All", "Directory.Read.All"),
             lambda r: self.listing(r, t.domains)),
            ("GET", "/identity/conditionalaccess/policies", POLICY_READ,
             lambda r: self.listing(r, t.policies)),
            ("GET", "/identity/conditionalaccess/namedlocations", POLICY_READ,
             lambda r: self.listing(r, t.locations)),
        ]  # fmt: skip

    def answer(self, request: Request, authorization: str | None) -> Reply | None:
        match = _GRAPH.fullmatch(request.path)
        if match is None:
            return None
        reply = self._serve(request, authorization, match.group(1).rstrip("/"))
        self.faults.record(request, reply[0])
        return reply

    def _serve(self, request: Request, authorization: str | None, path: str) -> Reply:
        claims, problem = self._claims(authorization)
        if problem:
            return graph_error(401, "InvalidAuthenticationToken", problem)
        fault = self.faults.answer(request)
        if fault is not None:
            return fault
        for method, pattern, permissions, handler in self._routes:
            found = pattern.fullmatch(path)
            if found is None or method != request.method:
                continue
            granted = self.grants.get(str(claims.get("appid")), set())
            if not granted & set(permissions):
                return graph_error(
                    403, "Authorization_RequestDenied",
                    "Insufficient privileges to complete the operation.",
                )  # fmt: skip
            return handler(request, **found.groupdict())
        return graph_error(400, "BadRequest", f"Resource not found for the segment '{path}'.")

    def _claims(self, authorization: str | None) -> tuple[dict[str, Any], str]:
        problem = self.authority.check(authorization)
        if problem:
            return {}, problem
        payload = str(authorization).split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        if claims.get("aud") == ARM_AUDIENCE:
            return {}, "Invalid audience: a token for Resource Manager, not for Microsoft Graph."
        return claims, ""

    def item(self, items: list[dict[str, Any]], ident: str) -> Reply:
        for found in items:
            if found["id"] == ident:
                return 200, {}, found
        return graph_error(404, "Request_ResourceNotFound", f"Resource '{ident}' does not exist.")

    def listing(self, request: Request, items: list[dict[str, Any]]) -> Reply:
        """A collection through $filter, $expand, $select and paging, in that order."""
        allowed = frozenset({"customer/tenantId", "appId", "clientId", "consentType", "status"})
        found = filtered(items, request.query.get("$filter", ""), allowed)
        if isinstance(found, tuple):
            return found
        found = expanded(found, request.query.get("$expand", ""), self.tenant.objects.get)
        if isinstance(found, tuple):
            return found
        found = selected(found, request.query.get("$select", ""))
        if isinstance(found, tuple):
            return found
        return page(request, found, self.page_size, request.path.split("/", 2)[-1])
