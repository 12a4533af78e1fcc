"""ARM list plumbing of the emulator: nextLink paging, OData filters, errors, the providers."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlencode

from exitkit.sandbox.azure_seed import API_VERSIONS

if TYPE_CHECKING:
    from exitkit.sandbox.azure_routes import Reply, Request

LOCATIONS = ["West Europe", "France Central", "North Europe"]
EXTRA_TYPES = {  # namespaces every subscription has, besides those of the seeded resources
    "Microsoft.Resources/resourceGroups": ["2025-04-01", "2024-11-01", "2022-09-01"],
    "Microsoft.Resources/deployments": ["2025-04-01", "2024-11-01", "2022-09-01"],
    "Microsoft.Authorization/roleAssignments": ["2022-04-01", "2020-10-01-preview"],
    "Microsoft.Authorization/roleDefinitions": ["2022-04-01", "2018-01-01-preview"],
}


def arm_error(status: int, code: str, message: str) -> Reply:
    return status, {}, {"error": {"code": code, "message": message}}


def retry_after_headers(seconds: float) -> dict[str, str]:
    """How long a client should wait; azure-core reads `Retry-After: 0` as absent (and then
    waits its own default, 30 s for LRO polls), so sub-second waits go in milliseconds."""
    if seconds >= 1:
        return {"Retry-After": str(round(seconds))}
    return {"Retry-After-Ms": str(max(1, round(seconds * 1000)))}


def not_found(code: str, message: str) -> Reply:
    return arm_error(404, code, message)


def page(request: Request, items: list[dict[str, Any]], size: int) -> Reply:
    """One page of `items` from `$skiptoken`, and a nextLink while more remain."""
    try:
        start = int(request.query.get("$skiptoken", "0") or 0)
        top = int(request.query["$top"]) if request.query.get("$top") else len(items)
    except ValueError:
        return arm_error(400, "InvalidQueryParameterValue", "$skiptoken and $top are integers.")
    items = items[: max(top, 0)]
    body: dict[str, Any] = {"value": items[start : start + size]}
    if start + size < len(items):
        query = dict(request.query, **{"$skiptoken": str(start + size)})
        body["nextLink"] = f"{request.base_url}{request.path}?{urlencode(query, quote_via=quote)}"
    return 200, {}, body


def _clauses(text: str) -> list[str]:
    return [
        part.strip() for part in re.split(r"\s+and\s+", text.strip(), flags=re.I) if part.strip()
    ]


def filter_assignments(assignments: list[dict[str, Any]], scope: str, text: str) -> Any:
    """Assignments that apply at `scope` (above, at or below it), narrowed by the OData filter."""
    scope = scope.rstrip("/").lower()
    at_scope = False
    principal = ""
    for clause in _clauses(text):
        who = re.fullmatch(r"(?:principalId eq|assignedTo\()\s*'([^']+)'\)?", clause, re.I)
        if clause.lower() == "atscope()":
            at_scope = True
        elif who:
            principal = who.group(1).lower()
        else:
            return arm_error(400, "InvalidFilterInQueryString", f"Unsupported $filter '{text}'.")
    found = []
    for assignment in assignments:
        where = assignment["properties"]["scope"].rstrip("/").lower()
        above = scope == where or scope.startswith(where + "/") or not where
        below = where.startswith(scope + "/") or not scope
        if (above or (below and not at_scope)) and (
            not principal or assignment["properties"]["principalId"].lower() == principal
        ):
            found.append(assignment)
    return found


def filter_definitions(definitions: list[dict[str, Any]], text: str) -> Any:
    """Role definitions, narrowed by `roleName eq '…'` and/or `type eq 'BuiltInRole'`."""
    found = definitions
    for clause in _clauses(text):
        match = re.fullmatch(r"(roleName|type) eq '([^']*)'", clause, re.I)
        if not match:
            return arm_error(400, "InvalidFilterInQueryString", f"Unsupported $filter '{text}'.")
        field = "roleName" if match.group(1).lower() == "rolename" else "type"
        found = [d for d in found if d["properties"][field].lower() == match.group(2).lower()]
    return found


def providers(sub: str | None) -> list[dict[str, Any]]:
    """The resource providers, each type with the api-versions a client may pick from."""
    by_namespace: dict[str, list[dict[str, Any]]] = {}
    for rtype, versions in {**API_VERSIONS, **EXTRA_TYPES}.items():
        namespace, _, kind = rtype.partition("/")
        by_namespace.setdefault(namespace, []).append(
            {
                "resourceType": kind,
                "locations": ["global"] if kind == "dnszones" else LOCATIONS,
                "apiVersions": versions,
                "defaultApiVersion": versions[0],
                "capabilities": "None",
            }
        )
    prefix = f"/subscriptions/{sub}" if sub else ""
    return [
        {
            "id": f"{prefix}/providers/{namespace}",
            "namespace": namespace,
            "registrationState": "Registered",
            "registrationPolicy": "RegistrationRequired",
            "resourceTypes": types,
        }
        for namespace, types in sorted(by_namespace.items())
    ]
