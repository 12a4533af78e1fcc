"""Is an IAM policy document admin-equivalent? Allowing `*` or `iam:*` on every resource is."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import unquote

ADMINISTRATOR_ACCESS = "arn:aws:iam::aws:policy/AdministratorAccess"
ADMIN_ACTIONS = frozenset({"*", "*:*", "iam:*"})


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def document_of(raw: Any) -> dict[str, Any]:
    """A policy document from the API: a mapping, or JSON text (URL-encoded in some answers)."""
    if isinstance(raw, dict):
        return raw
    if isinstance(raw, str):
        text = raw if raw.lstrip().startswith("{") else unquote(raw)
        loaded = json.loads(text)
        return loaded if isinstance(loaded, dict) else {}
    return {}


def grants_admin(raw: Any) -> bool:
    """True when a statement allows every action, or all of IAM, on every resource.

    Conservative: denies, conditions and permission boundaries are not subtracted."""
    for statement in _as_list(document_of(raw).get("Statement")):
        if not isinstance(statement, dict) or statement.get("Effect") != "Allow":
            continue
        if "*" not in {str(r) for r in _as_list(statement.get("Resource"))}:
            continue
        if "Action" in statement:
            actions = {str(a).lower() for a in _as_list(statement["Action"])}
            if actions & ADMIN_ACTIONS:
                return True
        elif "NotAction" in statement:
            # "everything except …" is admin unless IAM itself is among the exceptions
            excluded = {str(a).lower() for a in _as_list(statement["NotAction"])}
            if not excluded & ADMIN_ACTIONS:
                return True
    return False


def is_service_role(trust: Any) -> bool:
    """A role only AWS services may assume: no person or account stands behind it directly."""
    principals: list[Any] = []
    for statement in _as_list(document_of(trust).get("Statement")):
        if isinstance(statement, dict) and statement.get("Effect") == "Allow":
            principal = statement.get("Principal")
            principals += list(principal.keys()) if isinstance(principal, dict) else [principal]
    return bool(principals) and all(kind == "Service" for kind in principals)
