"""`exitkit pack`: a bundle as one .tar.gz for hand-over; `exitkit verify` reads it in place."""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command("pack")
@click.argument("bundle", type=click.Path(path_type=Path))
@click.option(
    "-o", "--out", type=click.Path(path_type=Path), required=True, help="FILE.tar.gz to write."
)
def pack(bundle: Path, out: Path) -> None:
    """Write the bundle folder BUNDLE as one deterministic .tar.gz archive.

    Every file is checked against the manifest on the way in (exit 1 if one differs).
    """
    from exitkit.bundle.archive import pack as pack_bundle
    from exitkit.bundle.verify_text import size_text

    packed = pack_bundle(bundle, out)
    click.echo(
        f"wrote {packed.archive} ({packed.files} files, {size_text(packed.bytes)} before "
        f"compression; sha256 {packed.sha256})"
    )
    if packed.left_out:
        click.echo(
            f"left out {len(packed.left_out)} file(s) the manifest does not list: "
            + ", ".join(packed.left_out[:5])
        )
    click.echo(f"check it with: exitkit verify {packed.archive}")
    sys.exit(0)


commands: list[click.Command] = [pack]
