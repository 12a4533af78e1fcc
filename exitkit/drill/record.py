"""drill.json (drill-run.v1): one drill as the journal recorded it, per milestone."""

from __future__ import annotations

from typing import Any

from exitkit.plan.feasibility import step_key
from exitkit.plan.history import DrillRun

DRILL_FILE = "drill.json"


def drill_record(run: DrillRun, journal_head: str) -> dict[str, Any]:
    milestones = []
    for milestone in run.plan["milestones"]:
        steps = [
            _step(run.steps.get(step_key(milestone["id"], step["index"])), step)
            for step in milestone["steps"]
        ]
        checks = [
            _check(run.checks.get(step_key(milestone["id"], index)), check["name"], index)
            for index, check in enumerate(milestone["checks"], start=1)
        ]
        milestones.append(
            {
                "id": milestone["id"],
                "title": milestone["title"],
                "due_day": milestone["due_day"],
                "owner": milestone["owner"],
                "depends_on": milestone["depends_on"],
                "days": milestone["days"],
                "ok": all(item["ok"] for item in steps + checks),
                "steps": steps,
                "checks": checks,
            }
        )
    return {
        "schema": "drill-run.v1",
        "drill": run.id,
        "estate": run.estate,
        "out": run.out,
        "plan": run.plan["path"],
        "window_days": run.plan["window_days"],
        "started_at": run.started_at,
        "finished_at": run.finished_at or None,
        "ok": run.ok,
        "resumed": run.resumed,
        "sample_pct": run.sample_pct,
        "assets": list(run.assets),
        "duration_s": run.finished.get("duration_s"),
        "journal_head": journal_head,
        "milestones": milestones,
    }


def _step(recorded: dict[str, Any] | None, planned: dict[str, Any]) -> dict[str, Any]:
    """A step as planned (index, step, declared days) with what happened to it."""
    if recorded is None:
        return planned | {"ok": False, "reason": "not run"}
    keys = ("ok", "reason", "duration_s", "scope_assets", "estate_assets", "evidence", "at")
    return planned | {key: recorded[key] for key in keys if key in recorded}


def _check(recorded: dict[str, Any] | None, name: str, index: int) -> dict[str, Any]:
    if recorded is None:
        return {"index": index, "name": name, "ok": False, "reason": "not run", "evidence": {}}
    keys = ("label", "ok", "reason", "evidence", "duration_s", "at")
    return {"index": index, "name": name} | {key: recorded[key] for key in keys if key in recorded}
