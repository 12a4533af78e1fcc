"""The Resource Manager calls the emulator answers, with ARM's URL shapes, paging and errors.

Each handler takes the request and returns (status, headers, JSON body); the HTTP server,
authentication and fault modes live in `azure_arm`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from exitkit.sandbox.azure_lists import (
    arm_error,
    filter_assignments,
    filter_definitions,
    not_found,
    page,
    providers,
)
from exitkit.sandbox.azure_operations import Operations
from exitkit.sandbox.azure_roles import BUILT_IN, role_assignments, role_definition
from exitkit.sandbox.azure_seed import ArmEstate

Reply = tuple[int, dict[str, str], Any]
SUB = r"/subscriptions/(?P<sub>[^/]+)"
RG = SUB + r"/resourcegroups/(?P<rg>[^/]+)"
AUTHZ = r"(?P<scope>.*)/providers/microsoft\.authorization"


@dataclass
class Request:
    method: str
    path: str  # without the query; original case
    query: dict[str, str]
    body: bytes
    base_url: str  # scheme://host:port the client used, for nextLink and Location


@dataclass
class Router:
    """Routes one ARM request to its handler; `page_size` keeps paging in play."""

    estate: ArmEstate
    page_size: int = 5
    operations: Operations = field(default_factory=Operations)
    assignments: list[dict[str, Any]] = field(default_factory=role_assignments)

    def __post_init__(self) -> None:
        routes: list[tuple[str, str, Callable[..., Reply]]] = [
            ("GET", r"/subscriptions", self.list_subscriptions),
            ("GET", SUB, self.get_subscription),
            ("GET", r"/tenants", self.list_tenants),
            ("GET", SUB + r"/resourcegroups", self.list_groups),
            ("GET", RG, self.get_group),
            ("HEAD", RG, self.get_group),
            ("POST", RG + r"/exporttemplate", self.export_template),
            ("GET", SUB + r"/resources", self.list_resources),
            ("GET", RG + r"/resources", self.list_resources),
            ("GET", SUB + r"/operationresults/(?P<op>[^/]+)", self.operation_result),
            (
                "GET",
                SUB + r"/providers/microsoft\.resources/operationstatuses/(?P<op>[^/]+)",
                self.operation_status,
            ),
            ("GET", AUTHZ + r"/roleassignments", self.list_assignments),
            ("GET", AUTHZ + r"/roleassignments/(?P<name>[^/]+)", self.get_assignment),
            ("DELETE", AUTHZ + r"/roleassignments/(?P<name>[^/]+)", self.delete_assignment),
            ("GET", AUTHZ + r"/roledefinitions", self.list_definitions),
            ("GET", AUTHZ + r"/roledefinitions/(?P<name>[^/]+)", self.get_definition),
            ("GET", r"(?:" + SUB + r")?/providers", self.list_providers),
            ("GET", r"(?:" + SUB + r")?/providers/(?P<ns>[^/]+)", self.get_provider),
            ("GET", RG + r"/providers/.+", self.get_resource),
            ("HEAD", RG + r"/providers/.+", self.get_resource),
        ]
        self._routes = [(m, re.compile(p + "/?", re.IGNORECASE), h) for m, p, h in routes]

    def handle(self, request: Request) -> Reply:
        for method, pattern, handler in self._routes:
            match = pattern.fullmatch(request.path)
            if match and method == request.method:
                groups = {k: v for k, v in match.groupdict().items() if v is not None}
                reply = handler(request, **groups)
                return (reply[0], reply[1], None) if request.method == "HEAD" else reply
        if any(pattern.fullmatch(request.path) for _, pattern, _ in self._routes):
            return arm_error(
                405,
                "MethodNotAllowed",
                f"The emulator answers {request.method} only to delete a role assignment.",
            )
        return not_found("InvalidResourceType", f"No route for '{request.path}'.")

    def list_subscriptions(self, request: Request) -> Reply:
        return page(request, list(self.estate.subscriptions.values()), self.page_size)

    def get_subscription(self, request: Request, sub: str) -> Reply:
        found = self._subscription(sub)
        return found if isinstance(found, tuple) else (200, {}, found)

    def list_tenants(self, request: Request) -> Reply:
        tenant = {"id": f"/tenants/{self.estate.tenant_id}", "tenantId": self.estate.tenant_id}
        tenant.update(
            {"tenantCategory": "Home", "displayName": "Acme", "defaultDomain": "acme.example"}
        )
        return page(request, [tenant], self.page_size)

    def list_groups(self, request: Request, sub: str) -> Reply:
        missing = self._subscription(sub)
        if isinstance(missing, tuple):
            return missing
        prefix = f"/subscriptions/{sub}/".lower()
        groups = [g for key, g in self.estate.groups.items() if key.startswith(prefix)]
        return page(request, groups, self.page_size)

    def get_group(self, request: Request, sub: str, rg: str) -> Reply:
        found = self._group(sub, rg)
        return found if isinstance(found, tuple) else (200, {}, found)

    def list_resources(self, request: Request, sub: str, rg: str | None = None) -> Reply:
        scope = self._group(sub, rg) if rg else self._subscription(sub)
        if isinstance(scope, tuple):
            return scope
        prefix = (scope["id"] + "/" if rg else f"/subscriptions/{sub}/").lower()
        found = [r for key, r in self.estate.resources.items() if key.startswith(prefix)]
        wanted = request.query.get("$filter", "")
        type_filter = re.fullmatch(r"\s*resourceType eq '([^']+)'\s*", wanted, re.IGNORECASE)
        if wanted and not type_filter:
            return arm_error(400, "InvalidFilterInQueryString", f"Unsupported $filter '{wanted}'.")
        if type_filter:
            found = [r for r in found if r["type"].lower() == type_filter.group(1).lower()]
        summaries = [{k: v for k, v in r.items() if k != "properties"} for r in found]
        return page(request, summaries, self.page_size)

    def get_resource(self, request: Request, sub: str, rg: str) -> Reply:
        resource = self.estate.resources.get(request.path.rstrip("/").lower())
        if resource is None:
            group = self._group(sub, rg)
            if isinstance(group, tuple):
                return group
            name = request.path.rstrip("/").split("/providers/", 1)[1]
            return not_found(
                "ResourceNotFound",
                f"The Resource '{name}' under resource group '{rg}' was not found.",
            )
        return 200, {}, resource

    def export_template(self, request: Request, sub: str, rg: str) -> Reply:
        group = self._group(sub, rg)
        if isinstance(group, tuple):
            return group
        return self.operations.start_export(request, group, self.estate.in_group(group["id"]))

    def operation_result(self, request: Request, sub: str, op: str) -> Reply:
        return self.operations.result(request, sub, op)

    def operation_status(self, request: Request, sub: str, op: str) -> Reply:
        return self.operations.status(request, sub, op)

    def list_assignments(self, request: Request, scope: str) -> Reply:
        found = filter_assignments(self.assignments, scope, request.query.get("$filter", ""))
        return found if isinstance(found, tuple) else page(request, found, self.page_size)

    def get_assignment(self, request: Request, scope: str, name: str) -> Reply:
        for assignment in self.assignments:
            if assignment["id"].lower() == request.path.rstrip("/").lower():
                return 200, {}, assignment
        return not_found("RoleAssignmentNotFound", f"The role assignment '{name}' is not found.")

    def delete_assignment(self, request: Request, scope: str, name: str) -> Reply:
        """ARM's delete: 200 with the assignment removed, 204 when there was none (idempotent)."""
        wanted = request.path.rstrip("/").lower()
        for index, assignment in enumerate(self.assignments):
            if assignment["id"].lower() == wanted:
                return 200, {}, self.assignments.pop(index)
        return 204, {}, None

    def list_definitions(self, request: Request, scope: str) -> Reply:
        every = [role_definition(role, scope or "/") for role in BUILT_IN]
        found = filter_definitions(every, request.query.get("$filter", ""))
        return found if isinstance(found, tuple) else page(request, found, self.page_size)

    def get_definition(self, request: Request, scope: str, name: str) -> Reply:
        if name.lower() not in BUILT_IN:
            return not_found(
                "RoleDefinitionDoesNotExist", f"The role definition '{name}' does not exist."
            )
        return 200, {}, role_definition(name.lower(), scope or "/")

    def list_providers(self, request: Request, sub: str | None = None) -> Reply:
        missing = self._subscription(sub) if sub else None
        if isinstance(missing, tuple):
            return missing
        return page(request, providers(sub), self.page_size)

    def get_provider(self, request: Request, ns: str, sub: str | None = None) -> Reply:
        for provider in providers(sub):
            if provider["namespace"].lower() == ns.lower():
                return 200, {}, provider
        return not_found("InvalidResourceNamespace", f"The resource namespace '{ns}' is invalid.")

    def _subscription(self, sub: str) -> dict[str, Any] | Reply:
        found = self.estate.subscriptions.get(sub.lower())
        if found is None:
            return not_found(
                "SubscriptionNotFound", f"The subscription '{sub}' could not be found."
            )
        return found

    def _group(self, sub: str, rg: str) -> dict[str, Any] | Reply:
        found = self._subscription(sub)
        if isinstance(found, tuple):
            return found
        group = self.estate.groups.get(f"/subscriptions/{sub}/resourcegroups/{rg}".lower())
        if group is None:
            return not_found("ResourceGroupNotFound", f"Resource group '{rg}' could not be found.")
        return group
