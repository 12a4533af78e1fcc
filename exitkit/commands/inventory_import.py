"""`exitkit inventory import SOURCE... --into ESTATE [--dry-run]`: devices and cloud accounts from
NetBox, Oxidized or RANCID router.db, AWS Organizations and Azure, merged into estate.yaml."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from exitkit.errors import PROBLEM


@click.command("import")
@click.argument("sources", nargs=-1, required=True, metavar="SOURCE...")
@click.option(
    "--into",
    "estate",
    type=click.Path(path_type=Path),
    required=True,
    help="The estate folder or its estate.yaml.",
)
@click.option("--dry-run", is_flag=True, help="Print the diff of estate.yaml; write nothing.")
@click.option(
    "--map",
    "map_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Platform map laid over the defaults (default: platform_map.yaml beside the estate).",
)
def import_command(
    sources: tuple[str, ...], estate: Path, dry_run: bool, map_file: Path | None
) -> None:
    """Merge SOURCEs into ESTATE, keeping its comments and hand-written entries.

    \b
    SOURCE is one of:
      netbox+https://HOST/?token-env=NAME[&site=S][&role=R][&tag=T][&status=active]
                          [&criticality=tag:PREFIX|field:NAME][&credentials=NAME]
      oxidized:PATH/router.db[?map=name:ip:model:username:password][&delimiter=:]
                          [&passwords=file|refuse]
      rancid:PATH/router.db[?credentials=NAME]
      aws-organizations:[?role-name=ROLE][&regions=R1,R2]
      azure:[?endpoint=https://ARM-ENDPOINT]

    Exit 0 when everything offered is in the estate, 1 when something was skipped, left or
    could not be read, 2 on bad input (nothing is written then).
    """
    from exitkit.inventory_import.run import import_sources
    from exitkit.inventory_import.summary import summary_lines

    report = import_sources(list(sources), estate, dry_run=dry_run, map_file=map_file)
    if dry_run and report.diff:
        click.echo(report.diff, nl=False)
    for line in summary_lines(report):
        click.echo(line)
    sys.exit(PROBLEM if report.problems else 0)


commands: list[click.Command] = []
subcommands: dict[str, list[click.Command]] = {"inventory": [import_command]}
