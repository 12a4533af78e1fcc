"""Checks on the inventory itself: reviewed recently, every obligation carried by someone."""

from __future__ import annotations

from pydantic import Field

from exitkit.defaults import INVENTORY_REVIEW_DAYS
from exitkit.plan.checks.registry import (
    CheckContext,
    CheckResult,
    NoParams,
    Params,
    check,
    failed,
    file_evidence,
    passed,
)


class FreshParams(Params):
    max_age_days: int = Field(default=INVENTORY_REVIEW_DAYS, ge=1, le=3650)


@check("inventory_fresh", FreshParams)
def inventory_fresh(context: CheckContext, params: FreshParams) -> CheckResult:
    estate = context.inventory.estate
    age = (context.today - estate.reviewed).days
    evidence = {
        "inventory": file_evidence(context.inventory.path),
        "reviewed": estate.reviewed.isoformat(),
        "age_days": age,
        "max_age_days": params.max_age_days,
    }
    if age > params.max_age_days:
        reason = (
            f"inventory last reviewed {estate.reviewed}, {age} days ago "
            f"(at most {params.max_age_days}): review estate.yaml and update 'reviewed:'"
        )
        return failed("inventory_fresh", reason, **evidence)
    return passed(
        "inventory_fresh", f"inventory reviewed {estate.reviewed} ({age} days ago)", **evidence
    )


@check("obligations_assigned", NoParams)
def obligations_assigned(context: CheckContext, params: NoParams) -> CheckResult:
    obligations = context.inventory.estate.obligations
    unassigned = [obligation.id for obligation in obligations if obligation.owner is None]
    evidence = {
        "inventory": file_evidence(context.inventory.path),
        "obligations": [
            {"id": o.id, "regulation": o.regulation, "owner": o.owner} for o in obligations
        ],
    }
    if not obligations:
        return failed("obligations_assigned", "the inventory lists no obligation", **evidence)
    if unassigned:
        reason = f"{len(unassigned)} obligation(s) without an owner: {', '.join(unassigned)}"
        return failed("obligations_assigned", reason, unassigned=unassigned, **evidence)
    return passed(
        "obligations_assigned", f"all {len(obligations)} obligations have an owner", **evidence
    )
