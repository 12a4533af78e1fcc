"""`exitkit sandbox estate`: the emulated counterpart of a whole estate, until Ctrl-C.

It joins the `sandbox` group of `exitkit.commands.sandbox`.
"""

from __future__ import annotations

import shlex
import signal
import threading
from pathlib import Path

import click

from exitkit.commands.sandbox import sandbox


@sandbox.command("estate")
@click.argument("estate", type=click.Path(path_type=Path))
@click.option(
    "--plan",
    "plan_file",
    type=click.Path(path_type=Path),
    help="Also start the lab devices its restore tests name (default: plan.yaml beside).",
)
@click.option(
    "--env-file",
    type=click.Path(path_type=Path),
    help="Write `export NAME=value` lines to FILE, to `source` in another shell.",
)
def estate(estate: Path, plan_file: Path | None, env_file: Path | None) -> None:
    """Start the devices, AWS and Azure that ESTATE's loopback assets name, until Ctrl-C."""
    from exitkit.bundle.atomic import write_bytes
    from exitkit.demo import lab_devices
    from exitkit.inventory.loader import load_inventory
    from exitkit.plan.load import load_plan
    from exitkit.sandbox.estate import start_sandbox_estate

    inventory = load_inventory(estate)
    plan_path = plan_file or inventory.base_dir / "plan.yaml"
    labs = lab_devices(load_plan(plan_path, inventory)) if plan_path.is_file() else []
    with start_sandbox_estate(inventory, labs) as running:
        for line in running.describe():
            click.echo(f"started {line}")
        exports = "".join(
            f"export {name}={shlex.quote(value)}\n" for name, value in sorted(running.env.items())
        )
        if env_file:
            write_bytes(env_file, exports.encode(), mode=0o600)
            click.echo(f"environment written to {env_file}: `source {env_file}` in another shell")
        else:
            click.echo(exports, nl=False)
        click.echo("serving until Ctrl-C")
        stop = threading.Event()
        for number in (signal.SIGINT, signal.SIGTERM):  # even when started with SIGINT ignored
            signal.signal(number, lambda _number, _frame: stop.set())
        while not stop.wait(0.5):
            pass
        click.echo("stopped")


commands: list[click.Command] = []
