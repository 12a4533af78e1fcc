"""Build the drill-report.v1 record, from the tracker's state or from a drill folder or bundle."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from exitkit.bundle.manifest import MANIFEST
from exitkit.clock import utc_stamp
from exitkit.drill.record import DRILL_FILE
from exitkit.errors import BundleError
from exitkit.findings import Finding
from exitkit.inventory.loader import Inventory
from exitkit.plan.anchors import AnchorCheck, compare, find_anchors
from exitkit.plan.history import DrillRun, PlanRun, current_plan, drills, measured_steps
from exitkit.plan.journal import ChainCheck, Event, Journal, parse_time
from exitkit.plan.tracker import status_of
from exitkit.report.sections import (
    completeness,
    drill_summary,
    failed_check,
    findings_of,
    inventory_at,
    inventory_of_bundle,
    schedule,
)


def _now() -> str:
    return utc_stamp()


def _record(source: dict[str, Any], estate: str, **parts: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "schema": "drill-report.v1",
        "generated_at": _now(),
        "source": source,
        "estate": estate,
    }
    record |= parts
    journal = parts["journal"]
    journal_ok = journal is None or (
        journal["intact"] and journal.get("anchor", {}).get("ok", True)
    )
    record["ok"] = bool(
        journal_ok
        and not parts["failed_checks"]
        and all(row["status"] in ("done", "passed", "pending") for row in parts["milestones"])
        and (parts["completeness"] is None or parts["completeness"]["ok"])
    )
    return record


@dataclass(frozen=True)
class _Subject:
    """What the report is about: the running exit plan, or else the last drill."""

    estate: str
    window_days: int
    inventory: Inventory | None
    inventory_where: str
    bundle: Path
    feasibility: dict[str, Any]
    milestones: list[dict[str, Any]]
    failed_checks: list[dict[str, Any]] = field(default_factory=list)
    plan: dict[str, Any] | None = None


def report_from_state(state: Path, today: dt.date, anchors: Sequence[str] = ()) -> dict[str, Any]:
    """The plan started on termination (if any) and every drill of its estate.

    A broken journal is the report's first finding; what it shows besides comes only from the
    events before the break."""
    with Journal(state, create=False) as journal:
        events, verdict = journal.trusted()
    run = current_plan(events)
    all_drills = drills(events, run.estate if run else None)
    journal_findings = [] if verdict.intact else [journal_finding(state, verdict)]
    journal_record = verdict.to_record()
    if verdict.intact:
        anchor = compare(events, find_anchors(events, anchors))
        journal_record["anchor"] = anchor.to_record()
        if not anchor.ok:
            journal_findings.append(anchor_finding(state, anchor))
    if run is None and not all_drills:
        if verdict.intact:
            raise BundleError(f"{state}: nothing to report: no plan started and no drill recorded")
        return _broken_only(state, journal_record, journal_findings)
    subject = (
        _exit_plan(state, run, events, verdict, all_drills, today)
        if run
        else _last_drill(all_drills[-1])
    )
    failed = subject.failed_checks + (_drill_failures(all_drills[-1]) if all_drills else [])
    return _record(
        {"kind": "state", "path": str(state)},
        subject.estate,
        window_days=subject.window_days,
        plan=subject.plan,
        journal=journal_record,
        feasibility=subject.feasibility,
        milestones=subject.milestones,
        completeness=completeness(subject.bundle),
        findings=journal_findings + findings_of(subject.inventory, today, subject.inventory_where),
        failed_checks=failed,
        drills=[drill_summary(d) for d in reversed(all_drills)],
    )


def _broken_only(
    state: Path, journal: dict[str, Any], found: list[dict[str, Any]]
) -> dict[str, Any]:
    """Nothing before the break names a plan or a drill: the report is the break itself."""
    return _record(
        {"kind": "state", "path": str(state)},
        "unknown",
        window_days=None,
        plan=None,
        journal=journal,
        feasibility=None,
        milestones=[],
        completeness=None,
        findings=found,
        failed_checks=[],
        drills=[],
    )


def journal_finding(state: Path, verdict: ChainCheck) -> dict[str, Any]:
    return Finding(
        "journal-broken",
        f"the journal's hash chain is broken: {verdict.problem}; this report shows "
        f"only the {verdict.events} event(s) before it",
        f"{state} event {verdict.broken_at}",
    ).to_record()


def anchor_finding(state: Path, anchor: AnchorCheck) -> dict[str, Any]:
    assert anchor.failed is not None
    return Finding(
        "journal-behind-anchor", anchor.problem, f"{state} event {anchor.failed.seq}"
    ).to_record()


def _exit_plan(
    state: Path,
    run: PlanRun,
    events: list[Event],
    verdict: ChainCheck,
    all_drills: list[DrillRun],
    today: dt.date,
) -> _Subject:
    """Milestones as tracked since the notice, scheduled with the last drill's durations."""
    status = status_of(run, events, verdict, state, today)
    states = {
        m.id: {
            "status": m.status,
            "due_date": m.due_date.isoformat(),
            "done_day": _day_of(m.checked_at, run.notice_date) if m.done else None,
        }
        for m in status.milestones
    }
    finished = [d for d in all_drills if d.finished_at]
    feasibility, rows = schedule(
        run.plan, measured_steps(finished[-1].steps) if finished else {}, states
    )
    failed = [
        failed_check(m.id, c, "plan") for m in status.milestones for c in m.checks if not c["ok"]
    ]
    plan = {
        "path": run.plan["path"],
        "notice_date": run.notice_date.isoformat(),
        "window_end": status.window_end.isoformat(),
        "today_day": (today - run.notice_date).days,
    }
    return _Subject(
        run.estate, int(run.plan["window_days"]), inventory_at(run.inventory), run.inventory,
        Path(run.bundle), feasibility, rows, failed, plan,
    )  # fmt: skip


def _day_of(at: str | None, notice: dt.date) -> int | None:
    return (parse_time(at).date() - notice).days if at else None


def _last_drill(last: DrillRun) -> _Subject:
    """Without a running exit, the last drill: its milestones passed or failed."""
    feasibility, rows = schedule(last.plan, measured_steps(last.steps), _drill_states(last))
    bundle = Path(last.out) / "bundle"
    inventory = inventory_at(last.inventory) or inventory_of_bundle(bundle)
    where = last.inventory or str(bundle)
    return _Subject(
        last.estate, int(last.plan["window_days"]), inventory, where, bundle, feasibility, rows
    )


def _drill_states(run: DrillRun) -> dict[str, dict[str, Any]]:
    states: dict[str, dict[str, Any]] = {}
    for milestone in run.plan["milestones"]:
        prefix = milestone["id"] + "#"
        done = [*run.steps.items(), *run.checks.items()]
        items = [item for key, item in done if key.startswith(prefix)]
        planned = len(milestone["steps"]) + len(milestone["checks"])
        if len(items) < planned:
            status = "failed" if any(not item["ok"] for item in items) else "not-run"
        else:
            status = "passed" if all(item["ok"] for item in items) else "failed"
        states[milestone["id"]] = {"status": status}
    return states


def _drill_failures(run: DrillRun) -> list[dict[str, Any]]:
    source = f"drill {run.id}"
    return [
        failed_check(check["milestone"], check, source)
        for check in run.checks.values()
        if not check["ok"]
    ]


def report_from_path(path: Path, today: dt.date) -> dict[str, Any]:
    """A drill folder (drill.json + bundle/) or a plain bundle."""
    record = _drill_file(path)
    bundle = path / "bundle" if record is not None else path
    if record is None and path.name == "bundle":
        record = _drill_file(path.parent)  # the bundle of a drill folder
    if not (bundle / MANIFEST).is_file() and record is None:
        raise BundleError(f"{path}: neither a bundle (no manifest.json) nor a drill folder")
    inventory = inventory_of_bundle(bundle)
    estate = record["estate"] if record else (inventory.name if inventory else path.name)
    rows: list[dict[str, Any]] = []
    feasibility, failed, history, window = None, [], [], None
    if record is not None:
        steps = {f"{m['id']}#{s['index']}": s for m in record["milestones"] for s in m["steps"]}
        states = {
            m["id"]: {"status": "passed" if m["ok"] else "failed"} for m in record["milestones"]
        }
        feasibility, rows = schedule(record, measured_steps(steps), states)
        window = record["window_days"]
        source = f"drill {record['drill']}"
        for milestone in record["milestones"]:
            failed += [
                failed_check(milestone["id"], c, source) for c in milestone["checks"] if not c["ok"]
            ]
        history = [_summary_of_file(record)]
    return _record(
        {"kind": "drill" if record else "bundle", "path": str(path)},
        estate,
        window_days=window,
        plan=None,
        journal=None,
        feasibility=feasibility,
        milestones=rows,
        completeness=completeness(bundle),
        findings=findings_of(inventory, today, str(bundle)),
        failed_checks=failed,
        drills=history,
    )


def _drill_file(folder: Path) -> dict[str, Any] | None:
    """The drill-run.v1 record of a drill folder, if `folder` is one."""
    try:
        record = json.loads((folder / DRILL_FILE).read_bytes())
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) and record.get("schema") == "drill-run.v1" else None


def _summary_of_file(record: dict[str, Any]) -> dict[str, Any]:
    steps = [s for m in record["milestones"] for s in m["steps"]]
    checks = [c for m in record["milestones"] for c in m["checks"]]
    return {
        "id": record["drill"],
        "started_at": record["started_at"],
        "finished_at": record["finished_at"],
        "ok": record["ok"],
        "sample_pct": record["sample_pct"],
        "assets": len(record["assets"]),
        "steps_failed": sum(not s["ok"] for s in steps),
        "checks_failed": sum(not c["ok"] for c in checks),
        "duration_s": record.get("duration_s"),
        "resumed": record.get("resumed", 0),
        "out": str(record.get("out", "")),
    }
