"""`exitkit diff OLD NEW`: what changed in the device configurations between two bundles."""

from __future__ import annotations

import json
from pathlib import Path

import click


@click.command("diff")
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one config-diff.v1 JSON document.")
@click.option(
    "--identity",
    "identities",
    multiple=True,
    type=click.Path(path_type=Path),
    help="age identity file, to compare bundles made with --encrypt-to (repeatable).",
)
def diff(old: Path, new: Path, as_json: bool, identities: tuple[Path, ...]) -> None:
    """Compare the network device configurations of bundles OLD and NEW, device by device.

    Prints a unified diff per changed file and the devices added, removed or not comparable.
    A change that lies only in a redacted secret is not a change. Exit 0 when every
    configuration is identical, 1 when any differs (or a device was added, removed or could
    not be compared), 2 for bad input.
    """
    from exitkit.bundle.encryption import load_identities
    from exitkit.netconfig.diff import diff_bundles, render

    record = diff_bundles(old, new, load_identities(identities))
    if as_json:
        click.echo(json.dumps(record, indent=2, sort_keys=True, ensure_ascii=False))
    else:
        click.echo(render(record))
    raise SystemExit(0 if record["identical"] else 1)


commands: list[click.Command] = [diff]
