"""Run one step of a milestone: an export into the plan's bundle, or a playbook via ansible-runner.

A step that cannot run (no exporter for a kind yet, a playbook that fails) is a failed outcome
with its reason, never an exception.
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from exitkit.bundle.manifest import MANIFEST, PARTIAL, Manifest
from exitkit.exporters.registry import ExportOptions, load_exporters
from exitkit.exporters.run import export_estate
from exitkit.inventory.loader import Inventory
from exitkit.plan.checks.registry import file_evidence
from exitkit.plan.plan import PlanStep
from exitkit.plan.playbooks import run_playbook


@dataclass(frozen=True)
class StepContext:
    inventory: Inventory
    bundle: Path
    evidence_dir: Path  # one folder per milestone
    check_mode: bool
    sample: frozenset[str] | None = None
    sign_key: Ed25519PrivateKey | None = None
    journal_head: tuple[int, str] | None = None  # the journal's last (seq, hash): signed with


@dataclass(frozen=True)
class StepOutcome:
    ok: bool
    reason: str
    duration_s: float
    scope_assets: int  # assets the step acted on
    estate_assets: int  # assets it would act on for the whole estate
    evidence: dict[str, Any] = field(default_factory=dict, hash=False)

    def to_record(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "reason": self.reason,
            "duration_s": self.duration_s,
            "scope_assets": self.scope_assets,
            "estate_assets": self.estate_assets,
            "evidence": self.evidence,
        }


def run_step(step: PlanStep, context: StepContext) -> StepOutcome:
    clock = time.monotonic()
    outcome = _playbook(step, context) if step.playbook else _export(step, context)
    elapsed = round(time.monotonic() - clock, 3)
    return StepOutcome(
        outcome.ok,
        outcome.reason,
        elapsed,
        outcome.scope_assets,
        outcome.estate_assets,
        outcome.evidence,
    )


def bundle_assets(bundle: Path) -> set[str]:
    """Assets an earlier step already put into the bundle (finished or interrupted)."""
    found: set[str] = set()
    with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
        found |= {result.id for result in Manifest.read(bundle).assets}
    found |= {path.stem.split("--", 1)[-1] for path in (bundle / PARTIAL).glob("*--*.json")}
    return found


def _export(step: PlanStep, context: StepContext) -> StepOutcome:
    exporters = load_exporters()
    of_kinds = list(context.inventory.assets_of(*step.export_kinds))
    in_scope = [a for a in of_kinds if context.sample is None or a.id in context.sample]
    # Only a kind that has assets to export needs an exporter.
    unavailable = sorted({asset.kind for asset in in_scope if asset.kind not in exporters})
    runnable = [asset for asset in in_scope if asset.kind in exporters]
    evidence: dict[str, Any] = {"kinds": list(step.export_kinds), "unavailable_kinds": unavailable}
    problems = [f"no exporter for kind {kind} yet" for kind in unavailable]
    if runnable:
        # Earlier steps' assets stay in the scope, so this export keeps them (resume) instead of
        # removing them from the bundle.
        ids = sorted(bundle_assets(context.bundle) | {asset.id for asset in runnable})
        summary = export_estate(
            context.inventory,
            context.bundle,
            (),
            ids,
            ExportOptions(),
            context.sign_key,
            journal_head=context.journal_head,
        )
        wanted = {asset.id for asset in runnable}
        results = [result for result in summary.results if result.id in wanted]
        evidence["manifest"] = file_evidence(context.bundle / MANIFEST, context.bundle)
        evidence["assets"] = [
            {"id": r.id, "kind": r.kind, "status": r.status}
            | ({"reason": f"{r.error_class}: {r.reason}"} if r.reason else {})
            for r in results
        ]
        problems += [f"{r.id}: {r.error_class}: {r.reason}" for r in results if not r.exported]
    if problems:
        return StepOutcome(False, "; ".join(problems), 0, len(runnable), len(of_kinds), evidence)
    reason = (
        f"exported {len(runnable)} asset(s)" if runnable else "no asset of these kinds in scope"
    )
    return StepOutcome(True, reason, 0, len(runnable), len(of_kinds), evidence)


def _playbook(step: PlanStep, context: StepContext) -> StepOutcome:
    assert step.playbook is not None
    stem = step.playbook.rsplit(".", 1)[0]
    folder = context.evidence_dir / f"step-{step.index}-{stem}"
    inventory = context.inventory
    scope = [a.id for a in inventory.assets if context.sample is None or a.id in context.sample]
    variables = {
        **step.vars,
        "exitkit_estate": inventory.name,
        "exitkit_bundle": str(context.bundle.resolve()),
        "exitkit_evidence_dir": str(folder.resolve()),
        "exitkit_assets": scope,
        "exitkit_check_mode": context.check_mode,
    }
    run = run_playbook(
        step.playbook,
        inventory,
        context.evidence_dir / f"step-{step.index}-{stem}.events.json",
        check_mode=context.check_mode,
        extravars=variables,
        sample=context.sample,
        extra_inventory=step.inventory,
    )
    evidence = run.evidence(context.evidence_dir.parent.parent)
    mode = " in check mode" if context.check_mode else ""
    reason = f"{step.playbook} ran{mode}" if run.ok else run.failure()
    return StepOutcome(run.ok, reason, run.duration_s, len(scope), len(inventory.assets), evidence)
