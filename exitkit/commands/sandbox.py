"""`exitkit sandbox ...`: emulated devices (and clouds) on 127.0.0.1 for demos and tests."""

from __future__ import annotations

from pathlib import Path

import click

from exitkit.errors import UsageError


@click.group("sandbox")
def sandbox() -> None:
    """Run emulators of what a provider runs, on this machine only (127.0.0.1)."""


@sandbox.command("devices")
@click.option("--count", type=click.IntRange(1, 5000), default=8, show_default=True)
@click.option("--base-port", type=click.IntRange(1024, 65535), help="First port (default: any).")
@click.option(
    "--write-inventory",
    type=click.Path(path_type=Path),
    help="Write the devices as estate.yaml `assets:` entries to this file, and their host keys "
    "to known_hosts beside it.",
)
@click.option(
    "--platform",
    "platforms",
    multiple=True,
    help="An emulated platform (repeatable; default: cisco_ios, cisco_nxos, juniper_junos and "
    "arista_eos).",
)
def devices(
    count: int, base_port: int | None, write_inventory: Path | None, platforms: tuple[str, ...]
) -> None:
    """Serve COUNT emulated IOS, NX-OS, Junos and EOS devices over SSH until Ctrl-C."""
    from exitkit.sandbox.devices import EMULATED, PLATFORMS, serve

    unknown = sorted(set(platforms) - set(EMULATED))
    if unknown:
        raise UsageError(
            f"unknown platform {', '.join(unknown)} (choose from {', '.join(EMULATED)})"
        )
    try:
        serve(count, base_port, write_inventory, platforms or PLATFORMS, echo=click.echo)
    except OSError as error:
        raise UsageError(
            f"cannot listen on 127.0.0.1 from port {base_port}: {error.strerror}"
        ) from None


commands: list[click.Command] = [sandbox]
