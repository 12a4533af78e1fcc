"""plan.yaml: mistakes are named with file:line, and `plan validate` says whether the plan fits."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from exitkit.bundle.schemas import problems
from tests.conftest import Run

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "inventories" / "demo"

GOOD_PLAN = """\
version: 1
window_days: 60
drill: {every_days: 365, sample: 25%}
milestones:
  - id: m1-inventory
    title: Inventory frozen
    due_day: 7
    days: 3
    checks: [inventory_fresh, obligations_assigned]
  - id: m2-licences
    title: Licences exported
    due_day: 21
    depends_on: [m1-inventory]
    run: [{export: {kinds: [license]}, days: 2}]
    checks: [{complete: {kinds: [license]}}]
"""


def write_plan(folder: Path, text: str) -> Path:
    path = folder / "plan.yaml"
    path.write_text(textwrap.dedent(text))
    return path


def test_the_demo_plan_fits_its_window(exitkit: Callable[..., Run]) -> None:
    done = exitkit("plan", "validate", DEMO / "plan.yaml", "--inventory", DEMO)

    assert done.code == 0, done
    assert "critical path: m1-inventory ->" in done.out
    assert "fits the 60-day window" in done.out


def test_a_plan_that_cannot_fit_says_by_how_many_days(
    exitkit: Callable[..., Run], estate: Path, tmp_path: Path
) -> None:
    plan = write_plan(
        tmp_path,
        GOOD_PLAN
        + """\
  - id: m3-migration
    title: Everything moved by hand
    due_day: 60
    depends_on: [m2-licences]
    days: 70
""",
    )

    done = exitkit("plan", "validate", plan, "--inventory", estate)
    as_json = exitkit("plan", "validate", plan, "--inventory", estate, "--json")

    assert done.code == 1, done
    assert "critical path: m1-inventory -> m2-licences -> m3-migration" in done.out
    assert "DOES NOT FIT: done by day 75, misses the 60-day window by 15 day(s)" in done.out
    assert "LATE: due day 60, done day 75" in done.out
    assert as_json.code == 1
    record = as_json.json
    assert problems(record, "plan-feasibility.v1") == []
    assert (record["fits"], record["misses_by_days"], record["finish_day"]) == (False, 15, 75)


@pytest.mark.parametrize(
    ("change", "line", "message"),
    [
        (
            ("obligations_assigned]", "nope]"),
            9,
            "unknown check 'nope' (checks: client_admin_everywhere, complete,",
        ),
        (
            ("due_day: 21", "due_day: 75"),
            12,
            "m2-licences: due day 75 is outside the 60-day window",
        ),
        (
            ("    days: 3\n", "    days: 3\n    depends_on: [m2-licences]\n"),
            14,
            "dependency cycle: m1-inventory -> m2-licences -> m1-inventory",
        ),
        (
            ("kinds: [license]}}]", "kinds: [router]}}]"),
            15,
            "milestones[1] (m2-licences).checks[0].complete.kinds[0]: must be one of",
        ),
        (
            ("run: [{export: {kinds: [license]}, days: 2}]", "run: [{playbook: rm_rf.yml}]"),
            14,
            "no playbook 'rm_rf.yml' (there are: collect_scripts.yml,",
        ),
        (("window_days: 60", "window_days: 90"), 2, "exceeds the reversibility window of contract"),
        (("title: Licences exported", "titel: Licences exported"), 11, "unknown key 'titel'"),
    ],
    ids=["unknown-check", "due-day", "cycle", "check-params", "playbook", "window", "typo"],
)
def test_a_mistake_in_the_plan_is_named_with_its_line(
    exitkit: Callable[..., Run],
    estate: Path,
    tmp_path: Path,
    change: tuple[str, str],
    line: int,
    message: str,
) -> None:
    plan = write_plan(tmp_path, GOOD_PLAN.replace(*change))

    done = exitkit("plan", "validate", plan, "--inventory", estate)

    assert done.code == 2, done
    assert f"{plan}:{line}:" in done.err
    assert message in done.err
    assert "Traceback" not in done.err


def test_a_plan_that_is_not_yaml_is_bad_input(
    exitkit: Callable[..., Run], estate: Path, tmp_path: Path
) -> None:
    plan = write_plan(tmp_path, "version: 1\nmilestones: [\n")

    done = exitkit("plan", "validate", plan, "--inventory", estate)

    assert done.code == 2
    assert f"{plan}:3:1: YAML syntax error" in done.err
