"""Does the plan fit its window? The critical path over milestone durations, measured or declared.

A step's duration is the one measured in the last drill (scaled from the sample to the whole
estate) when there is one, else the `days` declared in plan.yaml; a milestone adds its own `days`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from exitkit.plan.plan import ExitPlan, PlanMilestone

Measured = Mapping[str, float]  # "milestone#step" -> days for the whole estate


def step_key(milestone_id: str, index: int) -> str:
    return f"{milestone_id}#{index}"


@dataclass(frozen=True)
class Scheduled:
    """One milestone on the earliest schedule."""

    id: str
    due_day: int
    duration_days: float
    start_day: float
    finish_day: float
    source: str  # declared | measured | mixed

    @property
    def finish(self) -> int:
        """The day (from notice) by which it is done: whole days, rounded up."""
        return math.ceil(round(self.finish_day, 6))

    @property
    def late(self) -> bool:
        return self.finish > self.due_day

    def to_record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "due_day": self.due_day,
            "duration_days": round(self.duration_days, 4),
            "earliest_start": round(self.start_day, 4),
            "earliest_finish": round(self.finish_day, 4),
            "finish_day": self.finish,
            "late": self.late,
            "source": self.source,
        }


@dataclass(frozen=True)
class Feasibility:
    window_days: int
    milestones: tuple[Scheduled, ...]
    critical_path: tuple[str, ...]

    @property
    def finish_day(self) -> int:
        return max((m.finish for m in self.milestones), default=0)

    @property
    def fits(self) -> bool:
        return self.finish_day <= self.window_days

    @property
    def misses_by(self) -> int:
        return max(0, self.finish_day - self.window_days)

    @property
    def late(self) -> list[Scheduled]:
        return [m for m in self.milestones if m.late]

    @property
    def ok(self) -> bool:
        return self.fits and not self.late

    def to_record(self) -> dict[str, Any]:
        return {
            "window_days": self.window_days,
            "finish_day": self.finish_day,
            "fits": self.fits,
            "ok": self.ok,
            "misses_by_days": self.misses_by,
            "spare_days": max(0, self.window_days - self.finish_day),
            "critical_path": list(self.critical_path),
            "milestones": [m.to_record() for m in self.milestones],
        }


def duration(milestone: PlanMilestone, measured: Measured) -> tuple[float, str]:
    """A milestone's days: its own work plus each step, measured where a drill measured it."""
    total, sources = milestone.days, set()
    for step in milestone.steps:
        key = step_key(milestone.id, step.index)
        if key in measured:
            total += measured[key]
            sources.add("measured")
        else:
            total += step.days
            sources.add("declared")
    source = sources.pop() if len(sources) == 1 else ("mixed" if sources else "declared")
    return total, source


def assess(plan: ExitPlan, measured: Measured | None = None) -> Feasibility:
    """Earliest start and finish of each milestone (dependencies first), and the critical path."""
    schedule: dict[str, Scheduled] = {}
    for milestone in plan.milestones:  # loaded plans are ordered dependencies first
        days, source = duration(milestone, measured or {})
        start = max(
            (schedule[d].finish_day for d in milestone.depends_on if d in schedule), default=0.0
        )
        schedule[milestone.id] = Scheduled(
            milestone.id, milestone.due_day, days, start, start + days, source
        )
    return Feasibility(plan.window_days, tuple(schedule.values()), _critical_path(plan, schedule))


def _critical_path(plan: ExitPlan, schedule: dict[str, Scheduled]) -> tuple[str, ...]:
    if not schedule:
        return ()
    current: str | None = max(schedule.values(), key=lambda m: m.finish_day).id
    path: list[str] = []
    while current is not None:
        path.append(current)
        milestone = plan.milestone(current)
        dependencies = [
            schedule[d] for d in (milestone.depends_on if milestone else ()) if d in schedule
        ]
        current = max(dependencies, key=lambda m: m.finish_day).id if dependencies else None
    return tuple(reversed(path))
