"""The exit drill: the plan on a rotating sample, playbooks in check mode, every outcome journaled.

A drill killed mid-way and run again with the same --out and --state resumes: steps and checks
already in the journal are kept, the others run.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from exitkit.bundle import atomic
from exitkit.bundle.manifest import MANIFEST
from exitkit.clock import compact_stamp, utc_now
from exitkit.drill.record import DRILL_FILE, drill_record
from exitkit.drill.rotation import choose, last_drilled
from exitkit.errors import UsageError
from exitkit.inventory.loader import Inventory
from exitkit.plan.checks.registry import CheckContext, file_evidence, load_checks
from exitkit.plan.feasibility import step_key
from exitkit.plan.history import DrillRun, drills
from exitkit.plan.journal import Journal, parse_time
from exitkit.plan.plan import CheckCall, ExitPlan, PlanMilestone
from exitkit.plan.steps import StepContext, run_step
from exitkit.plan.tracker import file_sha256

Say = Callable[[str], None]


@dataclass(frozen=True)
class DrillSetup:
    inventory: Inventory
    plan: ExitPlan
    out: Path
    sign_key: Ed25519PrivateKey | None
    today: dt.date

    @property
    def bundle(self) -> Path:
        return self.out / "bundle"


def run_drill(
    inventory: Inventory,
    plan: ExitPlan,
    out: Path,
    state: Path,
    sample_pct: float | None = None,
    sign_key: Ed25519PrivateKey | None = None,
    say: Say = lambda line: None,
) -> dict[str, Any]:
    """Run (or resume) a drill into OUT; returns its drill-run.v1 record, also OUT/drill.json."""
    setup = DrillSetup(inventory, plan, out.resolve(), sign_key, dt.date.today())
    with Journal(state) as journal:
        run = _begin(journal, setup, sample_pct, say)
        for milestone in plan.milestones:
            _milestone(journal, setup, run, milestone, say)
        run = _reload(journal, run.id)
        failed_steps = sum(not step["ok"] for step in run.steps.values())
        failed_checks = sum(not check["ok"] for check in run.checks.values())
        started = parse_time(run.started_at)
        manifest = setup.bundle / MANIFEST
        finished = journal.append(
            "drill.finished",
            {
                "drill": run.id,
                "ok": not failed_steps and not failed_checks,
                "steps_failed": failed_steps,
                "checks_failed": failed_checks,
                "duration_s": round((utc_now() - started).total_seconds(), 3),
                "manifest": file_evidence(manifest, setup.out),
            },
        )
        record = drill_record(_reload(journal, run.id), finished.hash)
    atomic.write_bytes(setup.out / DRILL_FILE, atomic.dump_json(record))
    return record


def _reload(journal: Journal, drill_id: str) -> DrillRun:
    return next(run for run in drills(journal.events()) if run.id == drill_id)


def _begin(journal: Journal, setup: DrillSetup, sample_pct: float | None, say: Say) -> DrillRun:
    events, _ = journal.checked()
    runs = drills(events, setup.inventory.name)
    for run in reversed(runs):
        if run.out == str(setup.out) and not run.finished_at:
            journal.append("drill.resumed", {"drill": run.id})
            done = len(run.steps) + len(run.checks)
            say(f"resuming drill {run.id}: {done} step(s) and check(s) already done")
            return _reload(journal, run.id)
    if setup.out.exists() and any(setup.out.iterdir()):
        raise UsageError(
            f"{setup.out} is not empty and holds no unfinished drill; choose a new --out"
        )
    finished = [run for run in runs if run.finished_at]
    pct = sample_pct if sample_pct is not None else setup.plan.drill_sample
    sample = choose(setup.inventory.assets, pct, last_drilled(run.assets for run in finished))
    stamp = compact_stamp()
    drill_id = f"{setup.inventory.name}-{stamp}-{len(runs) + 1}"  # unique within the journal
    journal.append(
        "drill.started",
        {
            "drill": drill_id,
            "estate": setup.inventory.name,
            "out": str(setup.out),
            "plan": setup.plan.to_record() | {"path": str(setup.plan.path.resolve())},
            "inventory": str(setup.inventory.path.resolve()),
            "inventory_sha256": file_sha256(setup.inventory.path),
            "sample_pct": pct,
            "assets": list(sample.assets),
            "always": list(sample.always),
            "previous_drill": finished[-1].id if finished else None,
        },
    )
    say(
        f"drill {drill_id}: {len(sample.assets)} of {len(setup.inventory.assets)} assets "
        f"({pct:g}% sample, {len(sample.always)} P1 every time)"
    )
    return _reload(journal, drill_id)


def _milestone(
    journal: Journal, setup: DrillSetup, run: DrillRun, milestone: PlanMilestone, say: Say
) -> None:
    """The milestone's steps, then its checks; whatever the journal already holds is kept."""
    evidence = setup.out / "evidence" / milestone.id
    sample = frozenset(run.assets)
    for step in milestone.steps:
        if step_key(milestone.id, step.index) in run.steps:
            say(f"[{milestone.id}] kept step {step.index} ({step.describe()}): done before")
            continue
        steps = StepContext(
            setup.inventory, setup.bundle, evidence, True, sample, setup.sign_key, journal.head()
        )
        outcome = run_step(step, steps)
        where = {"drill": run.id, "milestone": milestone.id, "index": step.index}
        journal.append("drill.step", where | {"step": step.describe()} | outcome.to_record())
        verdict = "ok" if outcome.ok else "FAILED"
        say(f"[{milestone.id}] step {step.index} {step.describe()}: {verdict} ({outcome.reason})")
    context = _check_context(journal, setup, run, evidence, sample)
    for index, call in enumerate(milestone.checks, start=1):
        if step_key(milestone.id, index) in run.checks:
            say(f"[{milestone.id}] kept check {call.label()}: done before")
            continue
        record = _run_check(context, call)
        where = {"drill": run.id, "milestone": milestone.id, "index": index}
        journal.append("drill.check", where | record)
        verdict = "pass" if record["ok"] else "FAIL"
        say(f"[{milestone.id}] check {call.label()}: {verdict} ({record['reason']})")


def _run_check(context: CheckContext, call: CheckCall) -> dict[str, Any]:
    started = time.monotonic()
    result = load_checks()[call.name].run(context, call.params)
    elapsed = round(time.monotonic() - started, 3)
    return {"label": call.label()} | result.to_record() | {"duration_s": elapsed}


def _check_context(
    journal: Journal, setup: DrillSetup, run: DrillRun, evidence: Path, sample: frozenset[str]
) -> CheckContext:
    """drill_on_time judges the gap since the previous drill; a first drill is on time."""
    previous = [r for r in drills(journal.events(), run.estate) if r.finished_at and r.id != run.id]
    last = parse_time(previous[-1].finished_at) if previous else None
    return CheckContext(
        inventory=setup.inventory,
        bundle=setup.bundle,
        evidence_dir=evidence,
        today=setup.today,
        assets=sample,
        last_drill_at=last,
        first_drill=not previous,
        drill_every_days=setup.plan.drill_every_days,
    )
