"""`exitkit merge`: join the parts of a sliced export (`export --part`) into one signed bundle."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from exitkit.errors import PROBLEM


@click.command("merge")
@click.argument("parts", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(path_type=Path), required=True, help="Bundle folder.")
@click.option("--sign-key", type=click.Path(path_type=Path), help="Ed25519 private key (PEM).")
def merge(parts: tuple[Path, ...], out: Path, sign_key: Path | None) -> None:
    """Verify each PART, then write the one bundle they make together into OUT.

    Refused (exit 2): parts of different estates, parts that overlap, or a scope they leave
    uncovered; a part that fails verification is exit 1. The merged bundle holds the parts'
    files byte for byte; exit 1 when an asset in it failed, as for `exitkit export`.
    """
    from exitkit.bundle.merge import merge_parts
    from exitkit.bundle.parts import describe
    from exitkit.bundle.signing import load_private

    key = load_private(sign_key) if sign_key else None
    summary = merge_parts(parts, out, key)
    totals = summary.completeness.totals()
    names = ", ".join(part.name for part in summary.parts)
    click.echo(
        f"{out}: merged {len(summary.parts)} parts ({names}) of estate {summary.manifest.estate}, "
        f"{describe(summary.manifest.scope)}: {totals['exported']} of {totals['expected']} "
        f"assets exported, {len(summary.manifest.files)} files" + (", signed" if key else "")
    )
    for status in summary.completeness.incomplete:
        click.echo(f"  {status.state.upper()} {status.id} ({status.kind}): {status.reason}")
    sys.exit(0 if summary.completeness.complete else PROBLEM)


commands: list[click.Command] = [merge]
