"""An exit plan as loaded: plain frozen data that the tracker, the drill and the report share."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from exitkit.defaults import DRILL_EVERY_DAYS, DRILL_SAMPLE_PCT


@dataclass(frozen=True)
class CheckCall:
    """One check a milestone asks for, with its validated parameters."""

    name: str
    params: BaseModel

    @property
    def arguments(self) -> dict[str, Any]:
        return self.params.model_dump(mode="json", exclude_defaults=True)

    def label(self) -> str:
        """`complete(kinds=[network_device])` style name, for people."""
        if not self.arguments:
            return self.name
        inside = ", ".join(f"{key}={value}" for key, value in sorted(self.arguments.items()))
        return f"{self.name}({inside})".replace("'", "")

    def to_record(self) -> dict[str, Any]:
        return {"name": self.name, "params": self.arguments}


@dataclass(frozen=True)
class PlanStep:
    """One step of a milestone: an export of some kinds, or a playbook."""

    index: int
    days: float
    export_kinds: tuple[str, ...] = ()
    playbook: str | None = None
    vars: dict[str, Any] = field(default_factory=dict, hash=False)
    inventory: Path | None = None

    def describe(self) -> str:
        if self.playbook:
            return f"playbook {self.playbook}"
        return "export " + ", ".join(self.export_kinds)

    def to_record(self) -> dict[str, Any]:
        return {"index": self.index, "step": self.describe(), "days": self.days}


@dataclass(frozen=True)
class PlanMilestone:
    id: str
    title: str
    due_day: int
    owner: str
    depends_on: tuple[str, ...]
    days: float
    steps: tuple[PlanStep, ...]
    checks: tuple[CheckCall, ...]

    def due_date(self, notice: dt.date) -> dt.date:
        return notice + dt.timedelta(days=self.due_day)

    def to_record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "due_day": self.due_day,
            "owner": self.owner,
            "depends_on": list(self.depends_on),
            "days": self.days,
            "steps": [step.to_record() for step in self.steps],
            "checks": [check.to_record() for check in self.checks],
        }


@dataclass(frozen=True)
class ExitPlan:
    """A validated plan.yaml; `milestones` are in an order where dependencies come first."""

    path: Path
    sha256: str
    window_days: int
    contract_window_days: int
    drill_every_days: int
    drill_sample: float
    milestones: tuple[PlanMilestone, ...]

    def milestone(self, milestone_id: str) -> PlanMilestone | None:
        return next((m for m in self.milestones if m.id == milestone_id), None)

    def to_record(self) -> dict[str, Any]:
        """The snapshot the journal keeps, so history reads without the file."""
        return {
            "path": str(self.path),
            "sha256": self.sha256,
            "window_days": self.window_days,
            "drill": {"every_days": self.drill_every_days, "sample": self.drill_sample},
            "milestones": [milestone.to_record() for milestone in self.milestones],
        }


def plan_from_record(record: dict[str, Any]) -> ExitPlan:
    """A plan rebuilt from a journal snapshot or drill.json, for scheduling (checks left out)."""
    milestones = tuple(
        PlanMilestone(
            id=item["id"],
            title=item["title"],
            due_day=int(item["due_day"]),
            owner=item["owner"],
            depends_on=tuple(item.get("depends_on", ())),
            days=float(item.get("days", 0)),
            steps=tuple(
                PlanStep(int(step["index"]), float(step.get("days", 1))) for step in item["steps"]
            ),
            checks=(),
        )
        for item in record["milestones"]
    )
    window = int(record["window_days"])
    drill = record["drill"] if isinstance(record.get("drill"), dict) else {}
    return ExitPlan(
        path=Path(str(record.get("plan", record.get("path", "")))),
        sha256=str(record.get("sha256", "")),
        window_days=window,
        contract_window_days=window,
        drill_every_days=int(drill.get("every_days", DRILL_EVERY_DAYS)),
        drill_sample=float(drill.get("sample", DRILL_SAMPLE_PCT)),
        milestones=milestones,
    )
