"""The check registry: each check is one function, keyed by name, with a params model.

A check never raises for missing evidence: it returns a failed result that says what it looked for.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from exitkit.bundle.hashing import sha256_file
from exitkit.defaults import DRILL_EVERY_DAYS
from exitkit.inventory.loader import Inventory
from exitkit.inventory.models import Asset
from exitkit.plugins import import_package_modules

Located = list[tuple[list[str | int], str]]  # (path inside the check's params, problem)


class Params(BaseModel):
    """Parameters of a check as written in plan.yaml; unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class NoParams(Params):
    pass


@dataclass(frozen=True)
class CheckResult:
    """Pass or fail, why, and the evidence looked at (paths and their sha256)."""

    name: str
    ok: bool
    reason: str
    evidence: dict[str, Any] = field(default_factory=dict, hash=False)

    def to_record(self) -> dict[str, Any]:
        return {"name": self.name, "ok": self.ok, "reason": self.reason, "evidence": self.evidence}


@dataclass(frozen=True)
class CheckContext:
    """What a check may look at: the estate, the bundle, the scope, the drill history."""

    inventory: Inventory
    bundle: Path | None
    evidence_dir: Path
    today: dt.date
    assets: frozenset[str] | None = None  # a drill's sample; None: the whole estate
    last_drill_at: dt.datetime | None = None
    first_drill: bool = False  # this drill is the first one recorded for the estate
    drill_every_days: int = DRILL_EVERY_DAYS
    public_key: Path | None = None

    def in_scope(self, *kinds: str) -> list[Asset]:
        return [
            asset
            for asset in self.inventory.assets_of(*kinds)
            if self.assets is None or asset.id in self.assets
        ]


CheckFunction = Callable[[CheckContext, Any], CheckResult]
Validator = Callable[[Any, Inventory], Located]


@dataclass(frozen=True)
class Check:
    name: str
    params: type[Params]
    run: CheckFunction
    validate: Validator | None = None


CHECKS: dict[str, Check] = {}


def check(
    name: str, params: type[Params] = NoParams, validate: Validator | None = None
) -> Callable[[CheckFunction], CheckFunction]:
    def register(function: CheckFunction) -> CheckFunction:
        CHECKS[name] = Check(name, params, function, validate)
        return function

    return register


def load_checks() -> dict[str, Check]:
    """Import every module of this package once, so each check registers itself."""
    import_package_modules("exitkit.plan.checks", frozenset({"registry"}))
    return CHECKS


def file_evidence(path: Path, root: Path | None = None) -> dict[str, Any]:
    """A file that was looked at: its path (relative to `root`) and sha256, or that it is absent."""
    name = path.relative_to(root).as_posix() if root and path.is_relative_to(root) else str(path)
    if not path.is_file():
        return {"path": name, "present": False}
    return {"path": name, "sha256": sha256_file(path), "size": path.stat().st_size}


def passed(name: str, reason: str, **evidence: Any) -> CheckResult:
    return CheckResult(name, True, reason, evidence)


def failed(name: str, reason: str, **evidence: Any) -> CheckResult:
    return CheckResult(name, False, reason, evidence)
