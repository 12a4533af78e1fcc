"""The OData query options the Graph emulator understands: `@odata.nextLink` paging with
`$top`/`$skiptoken`, `$select`, `$filter` (eq clauses joined by `and`) and `$expand=principal`.

What it does not understand it refuses with Graph's own 400, so a client that sends a query
real Graph would reject cannot pass here by accident.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlencode

if TYPE_CHECKING:
    from exitkit.sandbox.azure_routes import Reply, Request

MAX_TOP = 999
_CLAUSE = re.compile(r"\s*([A-Za-z][\w/]*)\s+eq\s+'((?:[^']|'')*)'\s*")


def graph_error(status: int, code: str, message: str) -> Reply:
    body = {
        "error": {"code": code, "message": message, "innerError": {"date": "", "request-id": ""}}
    }
    return status, {}, body


def bad_request(message: str) -> Reply:
    return graph_error(400, "BadRequest", message)


def _path_value(item: dict[str, Any], path: str) -> Any:
    value: Any = item
    for part in path.split("/"):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def filtered(items: list[dict[str, Any]], text: str, allowed: frozenset[str]) -> Any:
    """Items matching `$filter` (`a eq 'x' and b/c eq 'y'`), or a 400 reply."""
    if not text.strip():
        return items
    wanted = []
    for clause in re.split(r"\s+and\s+", text.strip(), flags=re.IGNORECASE):
        match = _CLAUSE.fullmatch(clause)
        if match is None:
            return bad_request(f"Invalid filter clause: '{clause}'.")
        if match.group(1) not in allowed:
            return graph_error(
                400, "Request_UnsupportedQuery", f"Unsupported or invalid query filter clause "
                f"specified for property '{match.group(1)}' of resource."
            )  # fmt: skip
        wanted.append((match.group(1), match.group(2).replace("''", "'")))
    return [
        item
        for item in items
        if all(str(_path_value(item, path)).lower() == value.lower() for path, value in wanted)
    ]


def selected(items: list[dict[str, Any]], text: str) -> Any:
    """Items reduced to the `$select`ed properties (and `@odata.type`), or a 400 reply."""
    names = [name.strip() for name in text.split(",") if name.strip()]
    if not names:
        return items
    known = {key for item in items for key in item}
    unknown = [name for name in names if items and name not in known]
    if unknown:
        return bad_request(f"Could not find a property named '{unknown[0]}' on type.")
    keep = {*names, "@odata.type"}
    return [{k: v for k, v in item.items() if k in keep} for item in items]


def expanded(
    items: list[dict[str, Any]], text: str, lookup: Callable[[str], dict[str, Any] | None]
) -> Any:
    """`$expand=principal` (optionally `principal($select=a,b)`): each item gets its principal,
    the full directory object as Graph returns it; an unknown principal is not expanded."""
    if not text:
        return items
    match = re.fullmatch(r"principal(?:\(\$select=([\w,]+)\))?", text.strip())
    if match is None:
        return bad_request(f"Parsing OData Select and Expand failed: '{text}' is not supported.")
    out = []
    for item in items:
        found = lookup(str(item.get("principalId", "")))
        copy = dict(item)
        if found is not None:
            keep = (
                set(match.group(1).split(",")) | {"@odata.type", "id"} if match.group(1) else None
            )
            copy["principal"] = {k: v for k, v in found.items() if keep is None or k in keep}
        out.append(copy)
    return out


def page(request: Request, items: list[dict[str, Any]], size: int, context: str) -> Reply:
    """One page from `$skiptoken`, `$top` items at most (Graph caps it), and a nextLink."""
    try:
        start = int(request.query.get("$skiptoken", "0") or 0)
        top = int(request.query.get("$top") or size)
    except ValueError:
        return bad_request("Invalid $skiptoken or $top.")
    if not 1 <= top <= MAX_TOP:
        return bad_request(f"Invalid page size specified: '{top}'. Must be between 1 and 999.")
    step = min(top, size)
    body: dict[str, Any] = {"@odata.context": f"{request.base_url}/v1.0/$metadata#{context}"}
    body["value"] = items[start : start + step]
    if start + step < len(items):
        query = dict(request.query, **{"$skiptoken": str(start + step)})
        link = f"{request.base_url}{request.path}?{urlencode(query, quote_via=quote)}"
        body["@odata.nextLink"] = link
    return 200, {}, body
