"""What the journal says happened: the plan started, milestones checked, drills run.

Everything the tracker, the drill and the report show is read back from events here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from exitkit.plan.feasibility import Measured, step_key
from exitkit.plan.journal import Event, parse_time

SECONDS_PER_DAY = 86_400


@dataclass(frozen=True)
class PlanRun:
    """The plan started on termination (the latest `plan.started`)."""

    seq: int
    started_at: str
    notice_date: dt.date
    estate: str
    plan: dict[str, Any] = field(hash=False)
    inventory: str = ""
    bundle: str = ""
    evidence: str = ""

    @property
    def milestones(self) -> list[dict[str, Any]]:
        return list(self.plan["milestones"])


@dataclass(frozen=True)
class DrillRun:
    """One drill as the journal tells it; `finished_at` is empty while it is unfinished."""

    id: str
    estate: str
    started_at: str
    out: str
    sample_pct: float
    assets: tuple[str, ...]
    plan: dict[str, Any] = field(hash=False)
    steps: dict[str, dict[str, Any]] = field(default_factory=dict, hash=False)
    checks: dict[str, dict[str, Any]] = field(default_factory=dict, hash=False)
    finished: dict[str, Any] = field(default_factory=dict, hash=False)
    resumed: int = 0
    inventory: str = ""

    @property
    def finished_at(self) -> str:
        return str(self.finished.get("at", ""))

    @property
    def ok(self) -> bool:
        return bool(self.finished.get("ok", False))


def current_plan(events: Iterable[Event]) -> PlanRun | None:
    found = None
    for event in events:
        if event.type == "plan.started":
            data = event.data
            found = PlanRun(
                event.seq,
                event.at,
                dt.date.fromisoformat(data["notice_date"]),
                data["estate"],
                data["plan"],
                data.get("inventory", ""),
                data.get("bundle", ""),
                data.get("evidence", ""),
            )
    return found


def milestone_checks(events: Iterable[Event], since: int) -> dict[str, list[Event]]:
    """`milestone.checked` events after the plan started, per milestone, oldest first."""
    found: dict[str, list[Event]] = {}
    for event in events:
        if event.type == "milestone.checked" and event.seq > since:
            found.setdefault(event.data["milestone"], []).append(event)
    return found


def drills(events: Iterable[Event], estate: str | None = None) -> list[DrillRun]:
    """Every drill, oldest first, with its steps and checks keyed `milestone#index`."""
    runs: dict[str, DrillRun] = {}
    for event in events:
        data = event.data
        if event.type == "drill.started":
            runs[data["drill"]] = DrillRun(
                data["drill"],
                data["estate"],
                event.at,
                data["out"],
                float(data["sample_pct"]),
                tuple(data["assets"]),
                data["plan"],
                inventory=data.get("inventory", ""),
            )
            continue
        run = runs.get(str(data.get("drill", "")))
        if run is None:
            continue
        key = step_key(data.get("milestone", ""), int(data.get("index", 0)))
        if event.type == "drill.step":
            run.steps[key] = data | {"at": event.at}
        elif event.type == "drill.check":
            run.checks[key] = data | {"at": event.at}
        elif event.type == "drill.resumed":
            runs[run.id] = _resumed(run)
        elif event.type == "drill.finished":
            run.finished.update(data | {"at": event.at})
    return [run for run in runs.values() if estate is None or run.estate == estate]


def _resumed(run: DrillRun) -> DrillRun:
    return DrillRun(
        run.id, run.estate, run.started_at, run.out, run.sample_pct, run.assets, run.plan,
        run.steps, run.checks, run.finished, run.resumed + 1, run.inventory,
    )  # fmt: skip


def finished_drills(events: Iterable[Event], estate: str | None = None) -> list[DrillRun]:
    return [run for run in drills(events, estate) if run.finished_at]


def last_drill_at(events: Iterable[Event], estate: str | None = None) -> dt.datetime | None:
    done = finished_drills(events, estate)
    return parse_time(done[-1].finished_at) if done else None


def measured(events: Iterable[Event], estate: str | None = None) -> Measured:
    """Step durations of the last finished drill, scaled from its sample to the whole estate."""
    done = finished_drills(events, estate)
    return measured_steps(done[-1].steps) if done else {}


def measured_steps(steps: dict[str, dict[str, Any]]) -> Measured:
    """Days each step would take on the whole estate, from its duration on the sample."""
    durations: dict[str, float] = {}
    for key, step in steps.items():
        scope, whole = int(step.get("scope_assets", 0)), int(step.get("estate_assets", 0))
        if not step.get("ok") or (whole and not scope) or "duration_s" not in step:
            continue  # a failed step, or one that touched nothing, measured nothing
        factor = whole / scope if scope else 1.0
        durations[key] = float(step["duration_s"]) * factor / SECONDS_PER_DAY
    return durations
