"""`exitkit demo`: the whole job on the sandbox estate, in one command."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("demo")
@click.option("--out", type=click.Path(path_type=Path), default=Path("demo-out"), show_default=True)
def demo(out: Path) -> None:
    """The whole job on the sandbox estate: drill, signed bundle, verify, HTML report in OUT."""
    from exitkit.demo import run_demo

    raise SystemExit(run_demo(out))


commands: list[click.Command] = [demo]
