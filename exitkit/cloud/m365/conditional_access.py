"""Conditional access: every policy and named location as Graph describes it, the configuration
an exit must carry to the next administrator (or re-create in a new tenant)."""

from __future__ import annotations

from typing import Any

from exitkit.cloud.collect import Outcome
from exitkit.cloud.m365.context import TenantContext
from exitkit.cloud.records import plain

CA_SCHEMA = "m365-conditional-access.v1"
NOTE = "conditional-access"
VOLATILE = frozenset({"@odata.context", "modifiedDateTime"})


def conditional_access(ctx: TenantContext) -> Outcome:
    lines = [
        _line(ctx, "policy", body) for body in ctx.graph.read("identity/conditionalAccess/policies")
    ]
    lines += [
        _line(ctx, "named-location", body)
        for body in ctx.graph.read("identity/conditionalAccess/namedLocations")
    ]
    return Outcome(notes={NOTE: sorted(lines, key=lambda line: (line["type"], line["id"]))})


def _line(ctx: TenantContext, kind: str, body: dict[str, Any]) -> dict[str, Any]:
    return {
        "schema": CA_SCHEMA,
        "tenant": ctx.tenant_id,
        "type": kind,
        "id": str(body.get("id", "")),
        "display_name": str(body.get("displayName") or ""),
        "state": body.get("state"),
        "configuration": plain({k: v for k, v in body.items() if k not in VOLATILE}),
    }
