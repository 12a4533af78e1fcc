"""Checks on Microsoft 365 tenants, from `assets/cloud_account/<id>/licences.json`
(m365-licences.v1): the licences the inventory declares are the ones the tenant has.

(`client_admin_everywhere` covers tenants as it covers every cloud account: through access.json.)
"""

from __future__ import annotations

from typing import Any

from exitkit.bundle.output import asset_folder
from exitkit.inventory.models import Microsoft365Tenant
from exitkit.plan.checks.bundle import no_bundle
from exitkit.plan.checks.cloud import read_record
from exitkit.plan.checks.registry import (
    CheckContext,
    CheckResult,
    NoParams,
    check,
    failed,
    file_evidence,
    passed,
)

MISMATCH = frozenset({"licence-declared-absent", "licence-undeclared", "licence-quantity-differs"})


@check("licences_match_tenant", NoParams)
def licences_match_tenant(context: CheckContext, params: NoParams) -> CheckResult:
    missing = no_bundle("licences_match_tenant", context.bundle)
    if missing:
        return missing
    assert context.bundle is not None
    tenants = [a for a in context.in_scope("cloud_account") if isinstance(a, Microsoft365Tenant)]
    rows: list[dict[str, Any]] = []
    problems: list[str] = []
    for tenant in tenants:
        path = context.bundle / asset_folder("cloud_account", tenant.id) / "licences.json"
        record, why = read_record(context.bundle, tenant.id, "licences.json")
        row: dict[str, Any] = {"asset": tenant.id, "record": file_evidence(path, context.bundle)}
        if record is None:
            problems.append(f"{tenant.id}: {why}")
        else:
            found = [f for f in record.get("findings", []) if isinstance(f, dict)]
            row["mismatches"] = [f for f in found if f.get("code") in MISMATCH]
            row["lock_in"] = [f for f in found if f.get("code") == "licence-sold-by-partner"]
            problems += [f"{tenant.id}: {f.get('message')}" for f in row["mismatches"]]
        rows.append(row)
    if not tenants:
        return passed("licences_match_tenant", "no Microsoft 365 tenant in scope", tenants=[])
    if problems:
        reason = f"{len(problems)} difference(s): " + "; ".join(problems[:5])
        return failed("licences_match_tenant", reason, tenants=rows)
    return passed(
        "licences_match_tenant",
        f"declared licences match the SKUs of {len(tenants)} tenant(s)",
        tenants=rows,
    )
