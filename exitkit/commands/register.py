"""`exitkit register`: the DORA register-of-information rows of this arrangement, as filed."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from exitkit.commands.plan import state_option
from exitkit.errors import PROBLEM


def last_year_end(today: dt.date) -> dt.date:
    """The reference date of the annual register: 31 December of the year before."""
    return dt.date(today.year - 1, 12, 31)


@click.command("register")
@click.argument("estate", type=click.Path(path_type=Path))
@click.option("--plan", "plan_file", type=click.Path(path_type=Path), required=True)
@state_option
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help="Folder for the package (folder and .zip) and register-summary.md.",
)
@click.option(
    "--reference-date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="The register's reference date (default: 31 December of last year).",
)
def register(
    estate: Path, plan_file: Path, state: Path, out: Path, reference_date: dt.datetime | None
) -> None:
    """Write ESTATE's DORA register rows as an xBRL-CSV package; exit 1 if a rule is broken."""
    from exitkit.clock import utc_now
    from exitkit.inventory.loader import load_inventory
    from exitkit.register.build import build_register
    from exitkit.register.summary import derived_lines

    now = utc_now()
    reference = reference_date.date() if reference_date else last_year_end(now.date())
    inventory = load_inventory(estate)
    result = build_register(inventory, plan_file, state, out, reference, now)
    rows = sum(result.rows.values())
    click.echo(
        f"wrote {result.archive} ({len(result.rows)} templates, {rows} rows) and {result.summary}"
    )
    for label, derived in derived_lines(result.context):
        if label.startswith(("exit plan", "possibility of reintegration")):
            click.echo(f"{label}: {derived.value} — {derived.basis}")
    for breach in result.breaches:
        click.echo(f"  BROKEN {breach.describe()}")
    verdict = "none broken" if result.ok else f"{len(result.breaches)} broken"
    click.echo(f"data-quality rules: {len(result.rules)} groups checked, {verdict}")
    sys.exit(0 if result.ok else PROBLEM)


commands: list[click.Command] = [register]
