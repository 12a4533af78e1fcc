"""`exitkit sandbox netbox`: the NetBox REST API emulator, in the foreground (joins `sandbox`)."""

from __future__ import annotations

import click

from exitkit.commands.sandbox import sandbox


@sandbox.command("netbox")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=0, show_default=True, help="0: any free port."
)
def netbox(port: int) -> None:
    """Serve an emulated NetBox API on http://127.0.0.1 (Acme's devices) until Ctrl-C."""
    from exitkit.sandbox.netbox import serve_netbox

    raise SystemExit(serve_netbox(port=port))


commands: list[click.Command] = []
