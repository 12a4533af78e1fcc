"""The tenant's domains: verified or not, the default one, and the initial `onmicrosoft.com`
domain, the one name of the tenant that can never be removed or moved."""

from __future__ import annotations

from exitkit.cloud.collect import Outcome
from exitkit.cloud.m365.context import TenantContext

DOMAINS_SCHEMA = "m365-domains.v1"
NOTE = "domains"
FIELDS = "id,isVerified,isInitial,isDefault,authenticationType,supportedServices"


def domains(ctx: TenantContext) -> Outcome:
    found = [
        {
            "name": str(body.get("id", "")),
            "verified": bool(body.get("isVerified")),
            "initial": bool(body.get("isInitial")),
            "default": bool(body.get("isDefault")),
            "authentication": str(body.get("authenticationType") or ""),
            "services": sorted(str(s) for s in body.get("supportedServices") or []),
        }
        for body in ctx.graph.read("domains", {"$select": FIELDS})
    ]
    return Outcome(notes={NOTE: sorted(found, key=lambda d: d["name"])})


def domains_record(tenant: str, found: list[dict[str, object]]) -> dict[str, object]:
    initial = [d["name"] for d in found if d["initial"]]
    default = [d["name"] for d in found if d["default"]]
    return {
        "tenant": tenant,
        "initial": initial[0] if initial else None,
        "default": default[0] if default else None,
        "verified": [d["name"] for d in found if d["verified"]],
        "domains": found,
    }
