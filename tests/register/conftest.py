"""The example estate with a plan it can drill offline, and journals of real drills: one passed,
one failed. Its network devices are never contacted: the plan exports licences and documents.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import run_exitkit

EXAMPLE = Path(__file__).parents[2] / "inventories" / "example"
PLAN = """\
version: 1
window_days: 90
drill: {every_days: 365, sample: 25%}
milestones:
  - {id: m1-inventory, title: Inventory frozen, due_day: 7, days: 3,
     checks: [inventory_fresh, obligations_assigned]}
  - id: m3-licences
    title: Licences listed with their holder and portability
    due_day: 21
    depends_on: [m1-inventory]
    run: [{export: {kinds: [license]}, days: 1}]
    checks: [{complete: {kinds: [license]}}]
  - id: m6-handover
    title: Documentation handed over
    due_day: 60
    depends_on: [m3-licences]
    run: [{export: {kinds: [document]}, days: 1}]
    checks: [CHECKS]
"""
PASSING = "{complete: {kinds: [document]}}"
FAILING = "{restore_test: {sample: 1}}"  # no lab given: the check fails, and so the drill


def example_copy(folder: Path, checks: str = PASSING) -> Path:
    """The example estate as shipped, with a plan beside it."""
    shutil.copytree(EXAMPLE, folder)
    (folder / "plan.yaml").write_text(PLAN.replace("CHECKS", checks))
    return folder


def drilled(base: Path, checks: str) -> tuple[Path, Path]:
    """(estate, state): the estate after one real `exitkit drill run`."""
    estate = example_copy(base / "estate", checks)
    state = base / "state.db"
    run = run_exitkit(
        "drill", "run", estate, "--plan", estate / "plan.yaml", "--out", base / "drill",
        "--state", state,
    )  # fmt: skip
    assert run.code == (0 if checks == PASSING else 1), run
    return estate, state


@pytest.fixture(scope="session")
def passed_drill(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return drilled(tmp_path_factory.mktemp("passed"), PASSING)


@pytest.fixture(scope="module")
def failed_drill(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return drilled(tmp_path_factory.mktemp("failed"), FAILING)
