"""`exitkit drill`: run the partial-reversibility drill, and say when the next one is due."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from exitkit.commands.plan import anchor_option, state_option
from exitkit.errors import PROBLEM


@click.group("drill")
def drill() -> None:
    """The exit drill: the plan on a rotating sample of assets, playbooks in check mode."""


def _sample(value: str | None) -> float | None:
    from exitkit.plan.model import percent

    if value is None:
        return None
    try:
        return percent(value)
    except ValueError as problem:
        raise click.BadParameter(str(problem), param_hint="--sample") from None


@drill.command("run")
@click.argument("estate", type=click.Path(path_type=Path))
@click.option("--plan", "plan_file", type=click.Path(path_type=Path), required=True)
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help="Drill folder: bundle/, evidence/, drill.json.",
)
@click.option(
    "--sample", "sample", metavar="PCT", help="Share of assets, e.g. 25% (plan's default)."
)
@click.option("--sign-key", type=click.Path(path_type=Path), help="Ed25519 key to sign the bundle.")
@state_option
def run(
    estate: Path, plan_file: Path, out: Path, sample: str | None, sign_key: Path | None, state: Path
) -> None:
    """Run PLAN on a sample of ESTATE into OUT (a killed drill resumes); exit 1 on a failure."""
    from exitkit import api
    from exitkit.bundle.signing import load_private
    from exitkit.drill.record import DRILL_FILE

    pct = _sample(sample)
    inventory = api.load_estate(estate)
    loaded = api.load_exit_plan(plan_file, inventory)
    key = load_private(sign_key) if sign_key else None

    def say(line: str) -> None:
        click.echo(line)

    drilled = api.run_drill(inventory, loaded, out, state, pct, key, say)
    click.echo(
        f"drill {drilled.record['drill']}: {'passed' if drilled.ok else 'FAILED'}: "
        f"{drilled.failed_steps} step(s) and {len(drilled.failed_checks)} check(s) failed; "
        f"record {out / DRILL_FILE}"
    )
    sys.exit(0 if drilled.ok else PROBLEM)


@drill.command("due")
@click.argument("estate", type=click.Path(path_type=Path))
@click.option(
    "--plan",
    "plan_file",
    type=click.Path(path_type=Path),
    help="Plan with drill.every_days (default: plan.yaml beside the estate).",
)
@state_option
@anchor_option
@click.option("--json", "as_json", is_flag=True, help="Print one drill-due.v1 document.")
def due(
    estate: Path, plan_file: Path | None, state: Path, anchors: tuple[str, ...], as_json: bool
) -> None:
    """Exit 1 when ESTATE's last drill is older than the plan's every_days (cron, timers, AWX)."""
    from exitkit.defaults import DRILL_EVERY_DAYS
    from exitkit.drill.due import drill_due
    from exitkit.inventory.loader import load_inventory
    from exitkit.plan.anchors import anchored
    from exitkit.plan.journal import Journal
    from exitkit.plan.load import load_plan

    inventory = load_inventory(estate)
    beside = inventory.path.parent / "plan.yaml"
    every = DRILL_EVERY_DAYS
    if plan_file is not None or beside.is_file():
        every = load_plan(plan_file or beside, inventory).drill_every_days
    events = []
    if state.is_file():
        with Journal(state, create=False) as journal:
            events = journal.checked()[0]
        anchored(events, state, anchors)
    verdict = drill_due(events, inventory.name, every, dt.date.today())
    if as_json:
        click.echo(
            json.dumps({"schema": "drill-due.v1"} | verdict.to_record(), indent=2, sort_keys=True)
        )
    else:
        click.echo(verdict.describe())
    sys.exit(PROBLEM if verdict.due else 0)


commands: list[click.Command] = [drill]
