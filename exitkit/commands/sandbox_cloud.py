"""`exitkit sandbox aws` and `exitkit sandbox azure`: the cloud emulators, in the foreground.

They join the `sandbox` group of `exitkit.commands.sandbox`; nothing is added at the top level."""

from __future__ import annotations

import click

from exitkit.commands.sandbox import sandbox


@sandbox.command("aws")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=0, show_default=True, help="0: any free port."
)
@click.option("--seed/--no-seed", default=True, show_default=True, help="Create the demo estate.")
def aws(port: int, seed: bool) -> None:
    """Serve moto (AWS) on 127.0.0.1, seeded with two accounts in three regions, until Ctrl-C."""
    from exitkit.sandbox.aws_estate import serve_aws

    raise SystemExit(serve_aws(port=port, seed=seed))


@sandbox.command("azure")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=0, show_default=True, help="0: any free port."
)
def azure(port: int) -> None:
    """Serve the Azure Resource Manager emulator on https://127.0.0.1 until Ctrl-C."""
    from exitkit.sandbox.azure_arm import serve_azure

    raise SystemExit(serve_azure(port=port))


commands: list[click.Command] = []
