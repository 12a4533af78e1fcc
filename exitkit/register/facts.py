"""What exitkit itself knows for the register, and what each value rests on.

"Existence of an exit plan" is yes only for a plan that validates and fits its window, whose
estate's last finished drill passed within the plan's drill period. The possibility of
reintegration follows from that drill and from the lock-in the inventory shows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from exitkit.errors import PlanError
from exitkit.inventory.findings import findings
from exitkit.inventory.loader import Inventory
from exitkit.plan.feasibility import assess
from exitkit.plan.history import DrillRun, finished_drills, measured
from exitkit.plan.journal import Event, Journal, parse_time
from exitkit.plan.load import load_plan
from exitkit.plan.plan import ExitPlan

LOCK_IN_CODES = frozenset({"license-lock-in", "cloud-no-client-principal"})


@dataclass(frozen=True)
class Derived:
    """One value exitkit derived, and the sentence that says what it rests on."""

    value: str
    basis: str


def read_events(state: Path) -> list[Event]:
    """The journal's events once its chain is proven intact; none when there is no journal."""
    if not state.is_file():
        return []
    with Journal(state, create=False) as journal:
        return journal.checked()[0]


def exit_plan(
    inventory: Inventory, plan_path: Path, events: list[Event], state: Path, today: dt.date
) -> Derived:
    """yes, or no with the reason: the plan validated and fits, the last drill passed in time."""
    try:
        plan = load_plan(plan_path, inventory)
    except PlanError as problem:
        first = str(problem).splitlines()[0]
        return Derived("no", f"{plan_path} does not validate ({first})")
    feasibility = assess(plan, measured(events, inventory.name))
    if not feasibility.ok:
        return Derived(
            "no",
            f"{plan.path.name} does not fit its {plan.window_days}-day window "
            f"(done by day {feasibility.finish_day})",
        )
    done = finished_drills(events, inventory.name)
    fits = f"{plan.path.name} validated (fits its {plan.window_days}-day window)"
    if not done:
        return Derived("no", f"{fits}, but {state} records no finished drill of {inventory.name}")
    return _last_drill(plan, done[-1], fits, today)


def _last_drill(plan: ExitPlan, last: DrillRun, fits: str, today: dt.date) -> Derived:
    day = parse_time(last.finished_at).date()
    age = (today - day).days
    if not last.ok:
        failed = (
            f"{last.finished.get('steps_failed', 0)} step(s) and "
            f"{last.finished.get('checks_failed', 0)} check(s) failed"
        )
        return Derived("no", f"{fits}, but the last drill {last.id} on {day} failed: {failed}")
    if age > plan.drill_every_days:
        return Derived(
            "no",
            f"{fits}, but the last drill {last.id} passed on {day}, {age} days ago: "
            f"beyond its {plan.drill_every_days}-day period",
        )
    return Derived(
        "yes",
        f"{fits}, drill {last.id} passed on {day}, {age} days ago, "
        f"within {plan.drill_every_days} days",
    )


def lock_in(inventory: Inventory, today: dt.date) -> list[str]:
    """What the inventory says would not follow the client at exit."""
    return [
        f"{f.asset}: {f.message}" if f.asset else f.message
        for f in findings(inventory, today)
        if f.code in LOCK_IN_CODES
    ]


def reintegration(declared: str | None, plan: Derived, locked: list[str]) -> Derived:
    """easy, difficult or highly_complex: declared in the estate, else from the drilled exit."""
    if declared is not None:
        return Derived(declared, "declared in estate.yaml (dora_register.services[].reintegration)")
    if plan.value != "yes":
        return Derived("highly_complex", "no tested exit plan: reintegration is not demonstrated")
    if locked:
        return Derived(
            "difficult", f"the exit plan was drilled, but lock-in remains: {'; '.join(locked)}"
        )
    return Derived("easy", "the exit plan was drilled and no licence or cloud account is locked in")
