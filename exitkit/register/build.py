"""`exitkit register`: the estate, its plan and the last drill -> register rows, package, summary.

The rows are built from the estate and exitkit's own evidence, written as the xBRL-CSV package,
read back from disk and checked by the data-quality rules; the summary says what each derived
value rests on and which rules were checked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from exitkit.bundle.atomic import write_bytes
from exitkit.errors import InventoryError
from exitkit.inventory import dora_lists as codes
from exitkit.inventory.documents import located
from exitkit.inventory.dora_register import Register
from exitkit.inventory.loader import Inventory
from exitkit.register.arrangement import ARRANGEMENT
from exitkit.register.assessment import ASSESSMENT
from exitkit.register.context import RegisterContext, Row
from exitkit.register.entity import ENTITY
from exitkit.register.facts import exit_plan, lock_in, read_events, reintegration
from exitkit.register.functions import FUNCTIONS
from exitkit.register.package import PackageName, package_files, read_tables, write_package
from exitkit.register.provider import PROVIDER
from exitkit.register.rules import TECHNICAL, Breach, Filed, Rule, check
from exitkit.register.summary import SUMMARY_FILE, summary_text
from exitkit.register.value_rules import VALUES

BUILDERS = ENTITY | ARRANGEMENT | PROVIDER | FUNCTIONS | ASSESSMENT
RULES: list[Rule] = TECHNICAL + VALUES


@dataclass(frozen=True)
class RegisterResult:
    context: RegisterContext
    name: str
    folder: Path
    archive: Path
    summary: Path
    rows: dict[str, int]
    rules: list[Rule]
    breaches: list[Breach]

    @property
    def ok(self) -> bool:
        return not self.breaches


def build_register(
    inventory: Inventory,
    plan: Path,
    state: Path,
    out: Path,
    reference_date: dt.date,
    now: dt.datetime,
) -> RegisterResult:
    """Write OUT/<package>/, OUT/<package>.zip and OUT/register-summary.md; check the package."""
    register = _register_of(inventory)
    today = now.date()
    events = read_events(state)
    plan_verdict = exit_plan(inventory, plan, events, state, today)
    locked = lock_in(inventory, today)
    context = RegisterContext(
        inventory,
        today,
        reference_date,
        plan_verdict,
        tuple(reintegration(s.reintegration, plan_verdict, locked) for s in register.services),
    )
    tables: dict[str, list[Row]] = {tid: build(context) for tid, build in BUILDERS.items()}
    client = register.client
    name = PackageName(
        context.client_lei, codes.SCOPES[client.scope], client.country, reference_date, now
    )
    files = package_files(name, tables, client.currency)
    folder, archive = write_package(out, name, files)
    filed = Filed(*read_tables(folder))
    breaches = check(filed, RULES)
    rows = {template: len(rows) for template, rows in filed.tables.items()}
    result = RegisterResult(
        context, str(name), folder, archive, out / SUMMARY_FILE, rows, RULES, breaches
    )
    write_bytes(result.summary, summary_text(result).encode())
    return result


def _register_of(inventory: Inventory) -> Register:
    """The estate's register block, with both parties' LEIs checked (ISO 17442) where written."""
    register = inventory.estate.dora_register
    if register is None:
        raise InventoryError(
            f"{inventory.path}: no dora_register: block; `exitkit register` needs the facts "
            "exitkit cannot derive (see the README, DORA register of information)"
        )
    for party in ("client", "provider"):
        lei = getattr(inventory.estate, party).lei
        problem = "an LEI is required for the register" if lei is None else codes.lei_problem(lei)
        if problem:
            where = [party, "lei"] if lei is not None else [party]
            raise InventoryError(f"{located(inventory.path, where)}: {party}.lei: {problem}")
    return register
