"""Load plan.yaml: safe YAML, the pydantic model, then the rules a schema cannot express.

Every problem names file:line:column: a dependency cycle, an unknown check or playbook, a due day
outside the reversibility window, parameters a check does not take.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from exitkit.errors import PlanError
from exitkit.inventory.documents import Problems, read_document, validate_document
from exitkit.inventory.loader import Inventory
from exitkit.plan.checks.registry import load_checks
from exitkit.plan.model import Milestone, PlanFile, Step
from exitkit.plan.plan import CheckCall, ExitPlan, PlanMilestone, PlanStep
from exitkit.plan.playbooks import known_playbooks

Where = list[str | int]


def load_plan(path: Path, inventory: Inventory) -> ExitPlan:
    """Load and validate an exit plan against its estate; raises PlanError naming file:line."""
    if path.is_dir():
        path = path / "plan.yaml"
    document = read_document(path, PlanError)
    model = validate_document(document, PlanFile, PlanError)
    problems = Problems(document)
    contract = inventory.estate.contract
    window = model.window_days or contract.reversibility_days
    if window > contract.reversibility_days:
        problems.add(
            ["window_days"],
            f"window_days {window} exceeds the reversibility window of contract "
            f"{contract.reference} ({contract.reversibility_days} days)",
        )
    by_id = _milestone_ids(model, problems)
    milestones = [
        _milestone(index, m, window, by_id, inventory, problems)
        for index, m in enumerate(model.milestones)
    ]
    _check_cycles(model, problems)
    problems.raise_any(PlanError)
    return ExitPlan(
        path=path,
        sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
        window_days=window,
        contract_window_days=contract.reversibility_days,
        drill_every_days=model.drill.every_days,
        drill_sample=model.drill.sample,
        milestones=tuple(_dependencies_first(milestones)),
    )


def _milestone_ids(model: PlanFile, problems: Problems) -> dict[str, Milestone]:
    by_id: dict[str, Milestone] = {}
    for index, milestone in enumerate(model.milestones):
        if milestone.id in by_id:
            problems.add(["milestones", index, "id"], f"duplicate milestone id {milestone.id!r}")
        by_id.setdefault(milestone.id, milestone)
    return by_id


def _milestone(
    index: int,
    milestone: Milestone,
    window: int,
    by_id: dict[str, Milestone],
    inventory: Inventory,
    problems: Problems,
) -> PlanMilestone:
    here: Where = ["milestones", index]
    _check_schedule(here, milestone, window, by_id, problems)
    steps = tuple(
        _step(position, step, [*here, "run", position], inventory, problems)
        for position, step in enumerate(milestone.run)
    )
    checks = tuple(
        call
        for position, raw in enumerate(milestone.checks)
        if (call := _check_call(raw, [*here, "checks", position], inventory, problems)) is not None
    )
    return PlanMilestone(
        id=milestone.id,
        title=milestone.title,
        due_day=milestone.due_day,
        owner=milestone.owner,
        depends_on=tuple(milestone.depends_on),
        days=milestone.days,
        steps=steps,
        checks=checks,
    )


def _check_schedule(
    here: Where, milestone: Milestone, window: int, by_id: dict[str, Milestone], problems: Problems
) -> None:
    """Due inside the window, and not before what it depends on."""
    if milestone.due_day > window:
        problems.add(
            [*here, "due_day"],
            f"{milestone.id}: due day {milestone.due_day} is outside the {window}-day window",
        )
    for position, dependency in enumerate(milestone.depends_on):
        other = by_id.get(dependency)
        if other is None:
            problems.add(
                [*here, "depends_on", position], f"{milestone.id}: no milestone {dependency!r}"
            )
        elif other.due_day > milestone.due_day:
            problems.add(
                [*here, "due_day"],
                f"{milestone.id} is due on day {milestone.due_day} but depends on "
                f"{dependency}, due later (day {other.due_day})",
            )


def _step(
    index: int, step: Step, where: Where, inventory: Inventory, problems: Problems
) -> PlanStep:
    extra: Path | None = None
    if step.playbook is not None and step.playbook not in known_playbooks():
        there = ", ".join(known_playbooks())
        problems.add([*where, "playbook"], f"no playbook {step.playbook!r} (there are: {there})")
    if step.inventory is not None:
        extra = Path(step.inventory)
        extra = extra if extra.is_absolute() else inventory.base_dir / extra
        if not extra.exists():
            problems.add([*where, "inventory"], f"Ansible inventory {step.inventory} not found")
    kinds = tuple(step.export.kinds) if step.export else ()
    return PlanStep(index + 1, step.days, kinds, step.playbook, dict(step.vars), extra)


def _check_call(
    raw: Any, where: Where, inventory: Inventory, problems: Problems
) -> CheckCall | None:
    checks = load_checks()
    if isinstance(raw, str):
        name, arguments = raw, {}
    elif len(raw) == 1:
        name, arguments = next(iter(raw.items()))
        arguments = arguments or {}
        where = [*where, name]
    else:
        problems.add(where, "a check is NAME or {NAME: {parameters}}, one per list item")
        return None
    known = checks.get(name)
    if known is None:
        problems.add(where, f"unknown check {name!r} (checks: {', '.join(sorted(checks))})")
        return None
    try:
        params = known.params.model_validate(arguments)
    except ValidationError as invalid:
        problems.add_invalid(where, arguments, invalid)
        return None
    for inner, problem in known.validate(params, inventory) if known.validate else []:
        problems.add([*where, *inner], problem)
    return CheckCall(name, params)


def _check_cycles(model: PlanFile, problems: Problems) -> None:
    """Report each dependency cycle once, at the milestone where it is first entered."""
    graph = {m.id: list(m.depends_on) for m in model.milestones}
    index = {m.id: i for i, m in enumerate(model.milestones)}
    state: dict[str, str] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = "open"
        for dependency in graph.get(node, []):
            if dependency not in graph:
                continue
            if state.get(dependency) == "open":
                cycle = [*trail[trail.index(dependency) :], dependency]
                problems.add(
                    ["milestones", index[node], "depends_on"],
                    "dependency cycle: " + " -> ".join(cycle),
                )
            elif dependency not in state:
                visit(dependency, [*trail, dependency])
        state[node] = "done"

    for node in graph:
        if node not in state:
            visit(node, [node])


def _dependencies_first(milestones: list[PlanMilestone]) -> list[PlanMilestone]:
    """Milestones ordered so dependencies come first; ties keep the order of the file."""
    done: set[str] = set()
    ordered: list[PlanMilestone] = []
    remaining = list(milestones)
    while remaining:
        ready = [m for m in remaining if all(d in done for d in m.depends_on)]
        ready = ready[:1] if ready else remaining[:1]
        ordered += ready
        done.update(m.id for m in ready)
        remaining = [m for m in remaining if m.id not in done]
    return ordered
