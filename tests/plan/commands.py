"""The plan commands as the tests type them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.conftest import Run


def plan_start(
    exitkit: Callable[..., Run],
    plan: Path,
    estate: Path,
    state: Path,
    notice: str,
    *more: str | Path,
    env: dict[str, str] | None = None,
) -> Run:
    """`exitkit plan start PLAN --inventory ESTATE --notice-date NOTICE --state STATE ...`"""
    return exitkit(
        "plan",
        "start",
        plan,
        "--inventory",
        estate,
        "--notice-date",
        notice,
        "--state",
        state,
        *more,
        env=env,
    )
