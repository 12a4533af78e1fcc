"""exitkit as a library: the functions a playbook, a script or the command line calls, each
returning one documented result type. The command line is a thin layer over exactly these.

Every function raises an `exitkit.errors.ExitkitError` (with a message naming the file and line)
for bad input; a problem found (a failed asset, an incomplete bundle, a failed check) is part of
the result, never an exception. Results that the command line prints as JSON have `to_record()`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from exitkit.bundle.verify import Verification
from exitkit.exporters.registry import ExportOptions
from exitkit.exporters.run import AssetDone, ExportSummary
from exitkit.findings import Finding
from exitkit.inventory.loader import Inventory
from exitkit.inventory.models import Asset
from exitkit.plan.checks.registry import CheckResult
from exitkit.plan.history import PlanRun
from exitkit.plan.plan import ExitPlan
from exitkit.plan.tracker import PlanStatus

__all__ = [
    "DrillResult",
    "ExportOptions",
    "ExportSummary",
    "MilestoneCheck",
    "PlanStart",
    "PlanStatus",
    "Report",
    "Validation",
    "Verification",
    "check_milestone",
    "export",
    "load_estate",
    "load_exit_plan",
    "plan_status",
    "report",
    "run_drill",
    "select_assets",
    "start_plan",
    "validate_estate",
    "verify",
]

Estate = Path | Inventory
SigningKey = Path | Ed25519PrivateKey | None


@dataclass(frozen=True)
class Validation:
    """`validate_estate`: the estate as loaded and what an owner should act on (validation.v1)."""

    inventory: Inventory
    findings: tuple[Finding, ...]

    @property
    def ok(self) -> bool:
        return not self.findings

    def to_record(self) -> dict[str, Any]:
        return {
            "schema": "validation.v1",
            "estate": self.inventory.name,
            "file": str(self.inventory.path),
            "assets": len(self.inventory.assets),
            "ok": self.ok,
            "findings": [finding.to_record() for finding in self.findings],
        }


@dataclass(frozen=True)
class PlanStart:
    """`start_plan`: the plan as loaded, its run in the journal, whether it was started before."""

    plan: ExitPlan
    run: PlanRun
    already_started: bool


@dataclass(frozen=True)
class MilestoneCheck:
    """`check_milestone`: each check's result; the milestone is done when all passed."""

    milestone: str
    results: tuple[CheckResult, ...]

    @property
    def ok(self) -> bool:
        return all(result.ok for result in self.results)

    def to_record(self) -> dict[str, Any]:
        checks = [result.to_record() for result in self.results]
        return {"milestone": self.milestone, "ok": self.ok, "checks": checks}


@dataclass(frozen=True)
class DrillResult:
    """`run_drill`: the drill as recorded in OUT/drill.json (drill-run.v1)."""

    record: dict[str, Any]
    out: Path

    @property
    def ok(self) -> bool:
        return bool(self.record["ok"])

    @property
    def failed_steps(self) -> int:
        return sum(not s["ok"] for m in self.record["milestones"] for s in m["steps"])

    @property
    def failed_checks(self) -> list[tuple[str, dict[str, Any]]]:
        """(milestone id, check) of every check that failed."""
        milestones = self.record["milestones"]
        return [(m["id"], c) for m in milestones for c in m["checks"] if not c["ok"]]

    def to_record(self) -> dict[str, Any]:
        return self.record


@dataclass(frozen=True)
class Report:
    """`report`: a drill report (drill-report.v1); `html()` is the self-contained page."""

    record: dict[str, Any]

    @property
    def ok(self) -> bool:
        return bool(self.record["ok"])

    def html(self) -> str:
        from exitkit.report.html import render_html

        return render_html(self.record)

    def to_record(self) -> dict[str, Any]:
        return self.record


def load_estate(estate: Path) -> Inventory:
    """The estate at ESTATE (its folder or its estate.yaml), validated."""
    from exitkit.inventory.loader import load_inventory

    return load_inventory(estate)


def validate_estate(estate: Estate, today: dt.date | None = None) -> Validation:
    """The estate validated, with its findings (stale review, unassigned duty, lock-in...)."""
    from exitkit.inventory.findings import findings

    inventory = _inventory(estate)
    return Validation(inventory, tuple(findings(inventory, today or dt.date.today())))


def select_assets(
    estate: Estate, kinds: Sequence[str] = (), assets: Sequence[str] = ()
) -> list[Asset]:
    """The assets an export of these kinds and ids takes (all when both are empty)."""
    from exitkit.exporters.run import select

    return select(_inventory(estate), kinds, assets)


def export(
    estate: Estate,
    out: Path,
    kinds: Sequence[str] = (),
    assets: Sequence[str] = (),
    options: ExportOptions | None = None,
    sign_key: SigningKey = None,
    on_done: AssetDone | None = None,
    part: str | None = None,
) -> ExportSummary:
    """Export the estate (or the assets of `kinds` and `assets`) into the bundle folder OUT; a
    re-run resumes. `on_done(result, kept)` is called as each asset finishes."""
    from exitkit.exporters.run import export_estate

    key = _key(sign_key)
    return export_estate(_inventory(estate), out, kinds, assets, options, key, on_done, part=part)


def verify(
    bundle: str | Path,
    inventory: Path | None = None,
    public_key: Path | None = None,
    identities: Sequence[Path] = (),
) -> Verification:
    """Check a bundle folder, a `pack` archive or an s3://bucket/prefix offline: intact, signed,
    schema-valid, complete (against `inventory` when given). `record` is completeness.v1."""
    from exitkit.bundle.verify import verify_bundle
    from exitkit.escrow.locate import open_bundle

    estate = load_estate(inventory) if inventory else None
    return verify_bundle(open_bundle(str(bundle)), estate, public_key, identities)


def load_exit_plan(plan: Path, estate: Estate) -> ExitPlan:
    """The exit plan at PLAN (a file, or the folder holding plan.yaml), checked against the
    estate."""
    from exitkit.plan.load import load_plan

    return load_plan(plan, _inventory(estate))


def start_plan(
    plan: Path, estate: Path, notice_date: dt.date, state: Path, bundle: Path | None = None
) -> PlanStart:
    """Start the exit plan on its notice date, in the state database STATE (idempotent)."""
    from exitkit.plan.tracker import start_plan as start

    loaded, run, already = start(plan, estate, notice_date, state, bundle)
    return PlanStart(loaded, run, already)


def plan_status(
    state: Path, today: dt.date | None = None, anchors: Sequence[str] = ()
) -> PlanStatus:
    """Each milestone of the started plan: due, done, overdue (plan-status.v1)."""
    from exitkit.plan.tracker import plan_status as status

    return status(state, today or dt.date.today(), anchors)


def check_milestone(milestone: str, state: Path, today: dt.date | None = None) -> MilestoneCheck:
    """Run a milestone's checks against the plan's bundle; the outcome goes into the journal."""
    from exitkit.plan.tracker import check_milestone as check

    _, results = check(state, milestone, today or dt.date.today())
    return MilestoneCheck(milestone, tuple(results))


def run_drill(
    estate: Estate,
    plan: Path | ExitPlan,
    out: Path,
    state: Path,
    sample_pct: float | None = None,
    sign_key: SigningKey = None,
    say: Callable[[str], None] | None = None,
) -> DrillResult:
    """Run the plan on a rotating sample of the estate into OUT (playbooks in check mode); a
    killed drill resumes when run again with the same OUT."""
    from exitkit.drill.run import run_drill as drill

    inventory = _inventory(estate)
    loaded = plan if isinstance(plan, ExitPlan) else load_exit_plan(plan, inventory)
    record = drill(inventory, loaded, out, state, sample_pct, _key(sign_key), say or _quiet)
    return DrillResult(record, out)


def report(
    bundle: Path | None = None,
    state: Path | None = None,
    today: dt.date | None = None,
    anchors: Sequence[str] = (),
) -> Report:
    """The report on a drill folder or a bundle, or on the plan and drills of a state database."""
    from exitkit.bundle.schemas import problems
    from exitkit.errors import UsageError
    from exitkit.report.build import report_from_path, report_from_state

    if bundle is not None and state is not None:
        raise UsageError("give a BUNDLE or --state, not both")
    today = today or dt.date.today()
    if bundle is not None:
        record = report_from_path(bundle, today)
    else:
        record = report_from_state(state or Path(".exitkit/state.db"), today, anchors)
    invalid = problems(record, "drill-report.v1")
    if invalid:  # a bug, not bad input: say so rather than hand over a report that lies
        raise RuntimeError("the report does not follow drill-report.v1: " + "; ".join(invalid))
    return Report(record)


def _inventory(estate: Estate) -> Inventory:
    return estate if isinstance(estate, Inventory) else load_estate(estate)


def _key(sign_key: SigningKey) -> Ed25519PrivateKey | None:
    from exitkit.bundle.signing import load_private

    return load_private(sign_key) if isinstance(sign_key, Path) else sign_key


def _quiet(line: str) -> None:
    """Progress lines nobody asked for."""
