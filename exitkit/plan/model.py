"""The plan.yaml format: pydantic models that validate what users write, once, on load.

Cross-field rules (cycles, unknown checks, due days in the window) are checked in `load.py`.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import (
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from exitkit.defaults import DRILL_EVERY_DAYS, DRILL_SAMPLE_PCT
from exitkit.inventory.kinds import Kind as Kind  # the one definition
from exitkit.inventory.models import ASSET_ID_PATTERN
from exitkit.inventory.user_model import Model

MilestoneId = Annotated[str, StringConstraints(pattern=ASSET_ID_PATTERN)]
PlaybookName = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*\.ya?ml$")]
_PERCENT = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*%?\s*$")


def percent(value: Any) -> float:
    """`25%`, `25` or `25.0` as a percentage in (0, 100]."""
    text = str(value)
    match = _PERCENT.match(text)
    if match is None or isinstance(value, bool):
        raise ValueError("expected a percentage such as 25%")
    number = float(match.group(1))
    if not 0 < number <= 100:
        raise ValueError("a sample is more than 0% and at most 100%")
    return number


class DrillPolicy(Model):
    every_days: int = Field(default=DRILL_EVERY_DAYS, ge=1, le=3650)
    sample: float = DRILL_SAMPLE_PCT

    @field_validator("sample", mode="before")
    @classmethod
    def _sample(cls, value: Any) -> float:
        return percent(value)


class ExportSpec(Model):
    kinds: list[Kind] = Field(min_length=1)


class Step(Model):
    """One thing a milestone runs: a built-in export or a playbook from playbooks/."""

    export: ExportSpec | None = None
    playbook: PlaybookName | None = None
    vars: dict[str, Any] = Field(default_factory=dict)
    inventory: str | None = Field(default=None, description="extra Ansible inventory (servers)")
    days: float = Field(default=1.0, ge=0, le=365, description="declared duration")

    @model_validator(mode="after")
    def _exactly_one(self) -> Step:
        if (self.export is None) == (self.playbook is None):
            raise ValueError("a step is {export: {kinds: [...]}} or {playbook: NAME}, exactly one")
        if self.export is not None and (self.vars or self.inventory):
            raise ValueError("vars and inventory belong to playbook steps")
        return self


class Milestone(Model):
    id: MilestoneId
    title: str = Field(min_length=1)
    due_day: int = Field(ge=1)
    owner: Literal["client", "provider", "shared"] = "client"
    depends_on: list[MilestoneId] = Field(default_factory=list)
    days: float = Field(default=0, ge=0, le=365, description="declared manual work, in days")
    run: list[Step] = Field(default_factory=list)
    checks: list[str | dict[str, dict[str, Any] | None]] = Field(default_factory=list)


class PlanFile(Model):
    """One plan.yaml."""

    version: Literal[1]
    window_days: int | None = Field(default=None, ge=1, le=3650)
    drill: DrillPolicy = Field(default_factory=DrillPolicy)
    milestones: list[Milestone] = Field(min_length=1)
