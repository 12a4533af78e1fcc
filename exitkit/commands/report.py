"""`exitkit report`: a drill-report.v1 JSON file and a self-contained HTML page."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from exitkit.commands.plan import anchor_option
from exitkit.errors import PROBLEM


@click.command("report")
@anchor_option
@click.argument("bundle", required=False, type=click.Path(path_type=Path))
@click.option(
    "--state",
    type=click.Path(path_type=Path, dir_okay=False),
    envvar="EXITKIT_STATE",
    help="Report on the plan and drills of this state database (default .exitkit/state.db).",
)
@click.option("--html", "html_file", type=click.Path(path_type=Path, dir_okay=False), required=True)
@click.option(
    "--json",
    "json_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="drill-report.v1 file (default: beside the HTML, .json).",
)
def report(
    bundle: Path | None,
    state: Path | None,
    html_file: Path,
    json_file: Path | None,
    anchors: tuple[str, ...],
) -> None:
    """Report on BUNDLE (a drill folder or a bundle) or on --state; exit 1 on a problem."""
    from exitkit.api import report as build_report
    from exitkit.bundle import atomic

    if bundle is None and state is None:
        state = Path(".exitkit/state.db")
    made = build_report(bundle, state, dt.date.today(), anchors)
    record = made.to_record()
    json_file = json_file or html_file.with_suffix(".json")
    atomic.write_bytes(json_file, atomic.dump_json(record))
    atomic.write_bytes(html_file, made.html().encode())
    journal = record["journal"]
    if journal is not None and not journal["intact"]:
        click.echo(  # one line, whatever else the report holds
            f"{state}: journal broken: {journal['problem']}; {html_file} and {json_file} "
            "show it as their first finding"
        )
        sys.exit(PROBLEM)
    if journal is not None and not journal.get("anchor", {}).get("ok", True):
        click.echo(
            f"{state}: journal behind its signed anchor: {journal['anchor']['problem']}; "
            f"{html_file} and {json_file} show it as their first finding"
        )
        sys.exit(PROBLEM)
    verdict = "no problem found" if record["ok"] else "problems found"
    click.echo(
        f"wrote {html_file} and {json_file}: {verdict} "
        f"({len(record['failed_checks'])} failed check(s), {len(record['findings'])} finding(s))"
    )
    sys.exit(0 if record["ok"] else PROBLEM)


commands: list[click.Command] = [report]
