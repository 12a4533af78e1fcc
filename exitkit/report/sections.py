"""The parts of a drill report: schedule against the window, completeness, findings, drills."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from exitkit.bundle.manifest import INVENTORY, MANIFEST
from exitkit.bundle.verify import verify_bundle
from exitkit.errors import ExitkitError
from exitkit.inventory.findings import Finding, findings
from exitkit.inventory.loader import Inventory, load_inventory
from exitkit.inventory.models import Estate
from exitkit.plan.feasibility import Measured, assess
from exitkit.plan.history import DrillRun
from exitkit.plan.plan import plan_from_record

MAX_EVIDENCE_CHARS = 20_000


def schedule(
    plan_record: dict[str, Any], measured: Measured, states: dict[str, dict[str, Any]]
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The feasibility record, and one row per milestone: planned days, due day, state."""
    plan = plan_from_record(plan_record)
    feasibility = assess(plan, measured)
    rows = []
    for milestone, planned in zip(plan.milestones, feasibility.milestones, strict=True):
        state = states.get(milestone.id, {"status": "not-run"})
        rows.append(
            {
                "id": milestone.id,
                "title": milestone.title,
                "owner": milestone.owner,
                "due_day": milestone.due_day,
                "start_day": round(planned.start_day, 3),
                "finish_day": round(planned.finish_day, 3),
                "late": planned.late,
                "due_date": state.get("due_date"),
                "done_day": state.get("done_day"),
                "status": state["status"],
            }
        )
    return feasibility.to_record(), rows


def completeness(bundle: Path | None) -> dict[str, Any] | None:
    """What verify says of the bundle, in short; None when there is no bundle."""
    if bundle is None or not (bundle / MANIFEST).is_file():
        return None
    record = verify_bundle(bundle).record
    keys = ("ok", "intact", "complete", "schemas_valid", "signature", "totals", "by_kind")
    partial = [
        {"id": asset["id"], "kind": asset["kind"], "note": note}
        for asset in record["assets"]
        for note in asset.get("partial", [])
    ]
    return {"bundle": str(bundle), "partial": partial} | {key: record[key] for key in keys}


def inventory_of_bundle(bundle: Path) -> Inventory | None:
    """The estate as the bundle recorded it (inventory.json), for findings."""
    try:
        record = json.loads((bundle / INVENTORY).read_bytes())
        data = {key: value for key, value in record.items() if key not in ("schema", "source")}
        return Inventory(bundle / INVENTORY, Estate.model_validate(data))
    except (OSError, ValueError):
        return None


def inventory_at(path: str) -> Inventory | None:
    try:
        return load_inventory(Path(path))
    except ExitkitError:
        return None


def findings_of(inventory: Inventory | None, today: dt.date, where: str) -> list[dict[str, Any]]:
    if inventory is None:
        message = "the estate could not be read; its findings are missing"
        return [Finding("inventory-unavailable", message, where).to_record()]
    return [finding.to_record() for finding in findings(inventory, today)]


def drill_summary(run: DrillRun) -> dict[str, Any]:
    return {
        "id": run.id,
        "started_at": run.started_at,
        "finished_at": run.finished_at or None,
        "ok": run.ok,
        "sample_pct": run.sample_pct,
        "assets": len(run.assets),
        "steps_failed": sum(not step["ok"] for step in run.steps.values()),
        "checks_failed": sum(not check["ok"] for check in run.checks.values()),
        "duration_s": run.finished.get("duration_s"),
        "resumed": run.resumed,
        "out": run.out,
    }


def failed_check(milestone: str, check: dict[str, Any], source: str) -> dict[str, Any]:
    """A failed check with its evidence, cut to a size a page can show."""
    evidence = check.get("evidence", {})
    text = json.dumps(evidence, sort_keys=True)
    if len(text) > MAX_EVIDENCE_CHARS:
        evidence = {"truncated": True, "excerpt": text[:MAX_EVIDENCE_CHARS]}
    return {
        "milestone": milestone,
        "check": check.get("label") or check["name"],
        "reason": check["reason"],
        "source": source,
        "at": check.get("at"),
        "evidence": evidence,
    }
