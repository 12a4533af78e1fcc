"""The termination plan: start it on the notice date, run and check milestones, report status."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from exitkit.errors import PlanError
from exitkit.inventory.loader import Inventory, load_inventory
from exitkit.plan.anchors import AnchorCheck, anchored
from exitkit.plan.checks.registry import CheckContext, CheckResult, load_checks
from exitkit.plan.history import PlanRun, current_plan, last_drill_at, milestone_checks
from exitkit.plan.journal import ChainCheck, Event, Journal, parse_time
from exitkit.plan.load import load_plan
from exitkit.plan.plan import ExitPlan, PlanMilestone
from exitkit.plan.steps import StepContext, StepOutcome, run_step


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def start_plan(
    plan_path: Path, estate: Path, notice: dt.date, state: Path, bundle: Path | None = None
) -> tuple[ExitPlan, PlanRun, bool]:
    """Record the plan's start: (plan, run, already_started). Due dates count from notice."""
    inventory = load_inventory(estate)
    plan = load_plan(plan_path, inventory)
    with Journal(state) as journal:
        running = current_plan(journal.checked()[0])
        if running is not None:
            if running.plan.get("sha256") == plan.sha256 and running.notice_date == notice:
                return plan, running, True
            raise PlanError(
                f"{state}: a plan is already started (notice date {running.notice_date}, "
                f"estate {running.estate}); use another --state for another exit plan"
            )
        data = {
            "estate": inventory.name,
            "plan": plan.to_record() | {"path": str(plan.path.resolve())},
            "inventory": str(inventory.path.resolve()),
            "inventory_sha256": file_sha256(inventory.path),
            "notice_date": notice.isoformat(),
            "bundle": str((bundle or state.parent / "plan-bundle").resolve()),
            "evidence": str((state.parent / "plan-evidence").resolve()),
        }
        journal.append("plan.started", data)
        started = current_plan(journal.events())
    assert started is not None
    return plan, started, False


@dataclass(frozen=True)
class MilestoneStatus:
    id: str
    title: str
    owner: str
    due_day: int
    due_date: dt.date
    done: bool
    overdue: bool
    days_overdue: int
    days_late: int = 0  # done, but after its due date
    checked_at: str | None = None
    checks: list[dict[str, Any]] = field(default_factory=list, hash=False)

    @property
    def status(self) -> str:
        if self.done:
            return "done"
        return "overdue" if self.overdue else "pending"

    def to_record(self) -> dict[str, Any]:
        record: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "owner": self.owner,
            "due_day": self.due_day,
            "due_date": self.due_date.isoformat(),
            "status": self.status,
            "done": self.done,
            "overdue": self.overdue,
            "days_overdue": self.days_overdue,
            "days_late": self.days_late,
            "checks": self.checks,
        }
        if self.checked_at:
            record["checked_at"] = self.checked_at
        return record


@dataclass(frozen=True)
class PlanStatus:
    run: PlanRun
    today: dt.date
    journal: ChainCheck
    milestones: tuple[MilestoneStatus, ...]
    state: Path
    anchor: AnchorCheck | None = None

    @property
    def window_end(self) -> dt.date:
        return self.run.notice_date + dt.timedelta(days=int(self.run.plan["window_days"]))

    @property
    def ok(self) -> bool:
        return self.journal.intact and not any(m.overdue for m in self.milestones)

    def to_record(self) -> dict[str, Any]:
        return {
            "schema": "plan-status.v1",
            "state": str(self.state),
            "estate": self.run.estate,
            "plan": self.run.plan["path"],
            "notice_date": self.run.notice_date.isoformat(),
            "window_days": self.run.plan["window_days"],
            "window_end": self.window_end.isoformat(),
            "today": self.today.isoformat(),
            "day": (self.today - self.run.notice_date).days,
            "ok": self.ok,
            "journal": self.journal.to_record()
            | ({"anchor": self.anchor.to_record()} if self.anchor else {}),
            "milestones": [milestone.to_record() for milestone in self.milestones],
        }


def plan_status(state: Path, today: dt.date, anchors: Sequence[str] = ()) -> PlanStatus:
    """Each milestone: due date, done (its latest check passed), overdue, evidence."""
    with Journal(state, create=False) as journal:
        events, verdict = journal.checked()
    anchor = anchored(events, state, anchors)
    run = current_plan(events)
    if run is None:
        raise PlanError(f"{state}: no plan started (run `exitkit plan start`)")
    return status_of(run, events, verdict, state, today, anchor)


def status_of(
    run: PlanRun,
    events: list[Event],
    verdict: ChainCheck,
    state: Path,
    today: dt.date,
    anchor: AnchorCheck | None = None,
) -> PlanStatus:
    """The plan's status as these (checked) events tell it."""
    checked = milestone_checks(events, run.seq)
    statuses = []
    for milestone in run.milestones:
        due = run.notice_date + dt.timedelta(days=int(milestone["due_day"]))
        history = checked.get(milestone["id"], [])
        event = history[-1] if history else None
        done = bool(event and event.data["ok"])
        overdue = not done and today > due
        late = (parse_time(event.at).date() - due).days if event and done else 0
        statuses.append(
            MilestoneStatus(
                milestone["id"],
                milestone["title"],
                milestone["owner"],
                int(milestone["due_day"]),
                due,
                done,
                overdue,
                (today - due).days if overdue else 0,
                max(0, late),
                event.at if event else None,
                list(event.data["checks"]) if event else [],
            )
        )
    return PlanStatus(run, today, verdict, tuple(statuses), state, anchor)


@dataclass(frozen=True)
class PlanSession:
    """What `plan check` and `plan run` need: the running plan, reloaded from its files."""

    run: PlanRun
    inventory: Inventory
    plan: ExitPlan
    milestone: PlanMilestone


def _session(journal: Journal, milestone_id: str) -> PlanSession:
    events, _ = journal.checked()
    run = current_plan(events)
    if run is None:
        raise PlanError(f"{journal.path}: no plan started (run `exitkit plan start`)")
    inventory = load_inventory(Path(run.inventory))
    plan = load_plan(Path(run.plan["path"]), inventory)
    milestone = plan.milestone(milestone_id)
    if milestone is None:
        known = ", ".join(m.id for m in plan.milestones)
        raise PlanError(f"{plan.path}: no milestone {milestone_id!r} (milestones: {known})")
    return PlanSession(run, inventory, plan, milestone)


def check_milestone(
    state: Path, milestone_id: str, today: dt.date
) -> tuple[bool, list[CheckResult]]:
    """Run a milestone's checks against the plan's bundle; the outcome goes into the journal."""
    checks = load_checks()
    with Journal(state, create=False) as journal:
        session = _session(journal, milestone_id)
        context = CheckContext(
            inventory=session.inventory,
            bundle=Path(session.run.bundle),
            evidence_dir=Path(session.run.evidence) / milestone_id,
            today=today,
            last_drill_at=last_drill_at(journal.events(), session.run.estate),
            drill_every_days=session.plan.drill_every_days,
        )
        results = [checks[call.name].run(context, call.params) for call in session.milestone.checks]
        ok = all(result.ok for result in results)
        journal.append(
            "milestone.checked",
            {
                "milestone": milestone_id,
                "ok": ok,
                "plan_sha256": session.plan.sha256,
                "checks": [result.to_record() for result in results],
            },
        )
    return ok, results


def run_milestone(
    state: Path, milestone_id: str, check_mode: bool, sign_key: Ed25519PrivateKey | None = None
) -> list[tuple[str, StepOutcome]]:
    """Run a milestone's steps (exports into the plan's bundle, playbooks live or in check mode)."""
    done = []
    with Journal(state, create=False) as journal:
        session = _session(journal, milestone_id)
        context = StepContext(
            session.inventory,
            Path(session.run.bundle),
            Path(session.run.evidence) / milestone_id,
            check_mode,
            sign_key=sign_key,
        )
        for step in session.milestone.steps:
            outcome = run_step(step, replace(context, journal_head=journal.head()))
            journal.append(
                "plan.step",
                {"milestone": milestone_id, "index": step.index, "step": step.describe()}
                | {"check_mode": check_mode}
                | outcome.to_record(),
            )
            done.append((step.describe(), outcome))
    return done
