"""The drill command as the tests type it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.conftest import Run


def drill_run(
    exitkit: Callable[..., Run], estate: Path, plan: Path, out: Path, state: Path, *more: str | Path
) -> Run:
    """`exitkit drill run ESTATE --plan PLAN --out OUT --state STATE ...`"""
    return exitkit("drill", "run", estate, "--plan", plan, "--out", out, "--state", state, *more)
