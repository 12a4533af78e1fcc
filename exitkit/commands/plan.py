"""`exitkit plan`: check a plan fits its window, start it on notice, run and check milestones."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import click

from exitkit.errors import PROBLEM

STATE_HELP = "State database (SQLite journal)."


def state_option(function: Any) -> Any:
    return click.option(
        "--state",
        type=click.Path(path_type=Path, dir_okay=False),
        default=Path(".exitkit/state.db"),
        show_default=True,
        envvar="EXITKIT_STATE",
        help=STATE_HELP,
    )(function)


def anchor_option(function: Any) -> Any:
    return click.option(
        "--anchor",
        "anchors",
        multiple=True,
        envvar="EXITKIT_ANCHORS",
        metavar="PLACE",
        help="Where else to look for signed journal heads: a bundle, a drill folder, a folder "
        "of drill folders, or an escrow s3://bucket/prefix (repeatable).",
    )(function)


def print_json(record: Any) -> None:
    click.echo(json.dumps(record, indent=2, sort_keys=True, ensure_ascii=False))


@click.group("plan")
def plan() -> None:
    """The exit plan: check it fits the window, start it on notice, run and check milestones."""


@plan.command("validate")
@click.argument("plan_file", metavar="PLAN", type=click.Path(path_type=Path))
@click.option("--inventory", "estate", type=click.Path(path_type=Path), required=True)
@click.option(
    "--state",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Use the step durations measured by the last drill recorded here.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one plan-feasibility.v1 document.")
def validate(plan_file: Path, estate: Path, state: Path | None, as_json: bool) -> None:
    """Validate PLAN and say whether it fits the reversibility window; exit 1 when it does not."""
    from exitkit.inventory.loader import load_inventory
    from exitkit.plan.feasibility import assess
    from exitkit.plan.history import measured
    from exitkit.plan.journal import Journal
    from exitkit.plan.load import load_plan
    from exitkit.plan.text import feasibility_text

    inventory = load_inventory(estate)
    loaded = load_plan(plan_file, inventory)
    durations: dict[str, float] = {}
    if state is not None:
        with Journal(state, create=False) as journal:
            durations = dict(measured(journal.checked()[0], inventory.name))
    feasibility = assess(loaded, durations)
    if as_json:
        record: dict[str, Any] = {
            "schema": "plan-feasibility.v1",
            "plan": str(loaded.path),
            "estate": inventory.name,
            "contract_window_days": loaded.contract_window_days,
            "measured_steps": len(durations),
        }
        print_json(record | feasibility.to_record())
    else:
        click.echo(feasibility_text(loaded, feasibility, inventory.estate.contract.reference))
    sys.exit(0 if feasibility.ok else PROBLEM)


@plan.command("start")
@click.argument("plan_file", metavar="PLAN", type=click.Path(path_type=Path))
@click.option("--inventory", "estate", type=click.Path(path_type=Path), required=True)
@click.option("--notice-date", type=click.DateTime(formats=["%Y-%m-%d"]), required=True)
@click.option("--bundle", type=click.Path(path_type=Path), help="Where the plan's exports go.")
@state_option
def start(
    plan_file: Path, estate: Path, notice_date: dt.datetime, bundle: Path | None, state: Path
) -> None:
    """Start PLAN on the notice date: every milestone gets its due date."""
    from exitkit.api import start_plan

    started = start_plan(plan_file, estate, notice_date.date(), state, bundle)
    loaded, run = started.plan, started.run
    verb = "already started" if started.already_started else "started"
    click.echo(f"exit plan for {run.estate} {verb}: notice {run.notice_date}, state {state}")
    for milestone in loaded.milestones:
        due = milestone.due_date(run.notice_date)
        click.echo(
            f"  {milestone.id:<16} due {due} (day {milestone.due_day:>2})  {milestone.title}"
        )
    end = run.notice_date + dt.timedelta(days=loaded.window_days)
    click.echo(f"the {loaded.window_days}-day reversibility window ends {end}")


@plan.command("status")
@state_option
@anchor_option
@click.option("--json", "as_json", is_flag=True, help="Print one plan-status.v1 document.")
def status(state: Path, anchors: tuple[str, ...], as_json: bool) -> None:
    """Each milestone: due date, done, overdue, evidence. Exit 1 when overdue or tampered."""
    from exitkit.api import plan_status
    from exitkit.plan.text import status_text

    found = plan_status(state, dt.date.today(), anchors)
    if as_json:
        print_json(found.to_record())
    else:
        click.echo(status_text(found))
    sys.exit(0 if found.ok else PROBLEM)


@plan.command("check")
@click.argument("milestone")
@state_option
def check(milestone: str, state: Path) -> None:
    """Run MILESTONE's checks; it is done when all pass. Exit 1 when one fails."""
    from exitkit.api import check_milestone

    checked = check_milestone(milestone, state, dt.date.today())
    for result in checked.results:
        click.echo(f"  {'pass' if result.ok else 'FAIL'} {result.name}: {result.reason}")
    verdict = "done" if checked.ok else "not done"
    click.echo(f"{milestone}: {verdict} ({len(checked.results)} check(s), recorded in {state})")
    sys.exit(0 if checked.ok else PROBLEM)


@plan.command("run")
@click.argument("milestone")
@state_option
@click.option("--check", "check_mode", is_flag=True, help="Run playbooks in check mode.")
@click.option("--sign-key", type=click.Path(path_type=Path), help="Ed25519 key to sign the bundle.")
def run(milestone: str, state: Path, check_mode: bool, sign_key: Path | None) -> None:
    """Run MILESTONE's steps: exports into the plan's bundle, playbooks (live unless --check)."""
    from exitkit.bundle.signing import load_private
    from exitkit.plan.tracker import run_milestone

    key = load_private(sign_key) if sign_key else None
    done = run_milestone(state, milestone, check_mode, key)
    for name, outcome in done:
        verdict = "ok" if outcome.ok else "FAILED"
        click.echo(f"  {verdict} {name} ({outcome.duration_s:.1f} s): {outcome.reason}")
    ok = all(outcome.ok for _, outcome in done)
    click.echo(f"{milestone}: {len(done)} step(s), {'all ok' if ok else 'some failed'}")
    sys.exit(0 if ok else PROBLEM)


commands: list[click.Command] = [plan]
