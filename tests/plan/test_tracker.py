"""The termination plan: started on the notice date, milestones run and checked, status followed."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from exitkit.bundle.schemas import problems
from tests.conftest import Run
from tests.plan.commands import plan_start

PLAN = """\
version: 1
window_days: 60
milestones:
  - id: m1-inventory
    title: Inventory frozen
    due_day: 7
    checks: [obligations_assigned]
  - id: m2-licences
    title: Licences exported
    due_day: 21
    depends_on: [m1-inventory]
    run: [{export: {kinds: [license]}}]
    checks: [{complete: {kinds: [license]}}]
  - id: m3-handover
    title: Documents handed over, bundle signed
    due_day: 60
    depends_on: [m2-licences]
    run: [{export: {kinds: [document]}}]
    checks: [{complete: {kinds: [document]}}, verified]
"""


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(textwrap.dedent(PLAN))
    return path


def days_ago(days: int) -> str:
    return (dt.date.today() - dt.timedelta(days=days)).isoformat()


def test_an_overdue_milestone_shows_as_overdue(
    exitkit: Callable[..., Run], estate: Path, plan: Path, tmp_path: Path
) -> None:
    state = tmp_path / "state.db"
    started = plan_start(exitkit, plan, estate, state, days_ago(30))

    status = exitkit("plan", "status", "--state", state)
    as_json = exitkit("plan", "status", "--state", state, "--json")

    assert started.code == 0, started
    assert f"m1-inventory     due {days_ago(23)} (day  7)" in started.out
    assert status.code == 1
    assert "m1-inventory  due" in status.out and "OVERDUE by 23 day(s)" in status.out
    assert "OVERDUE by 9 day(s)" in status.out
    assert "3 milestones: 0 done, 2 overdue, 1 pending" in status.out
    record = as_json.json
    assert problems(record, "plan-status.v1") == []
    assert [m["status"] for m in record["milestones"]] == ["overdue", "overdue", "pending"]
    assert record["day"] == 30 and record["ok"] is False


def test_a_milestone_is_done_when_its_checks_pass_and_keeps_the_evidence(
    exitkit: Callable[..., Run], estate: Path, plan: Path, tmp_path: Path
) -> None:
    state, bundle = tmp_path / "state.db", tmp_path / "exit-bundle"
    today = dt.date.today().isoformat()
    plan_start(exitkit, plan, estate, state, today, "--bundle", bundle)

    ran = exitkit("plan", "run", "m2-licences", "--state", state)
    checked = exitkit("plan", "check", "m2-licences", "--state", state)
    status = exitkit("plan", "status", "--state", state, "--json")

    assert ran.code == 0, ran
    assert "ok export license" in ran.out and "exported 1 asset(s)" in ran.out
    assert checked.code == 0, checked
    assert "pass complete: all 1 asset(s) of license exported" in checked.out
    assert "m2-licences: done" in checked.out
    assert status.code == 0, status
    milestone = status.json["milestones"][1]
    assert milestone["status"] == "done" and milestone["days_late"] == 0
    evidence = milestone["checks"][0]["evidence"]
    manifest = (bundle / "manifest.json").read_bytes()
    assert evidence["manifest"]["sha256"] == hashlib.sha256(manifest).hexdigest()
    assert evidence["assets"] == [{"id": "m365", "kind": "license", "status": "exported"}]


def test_a_check_that_fails_says_what_is_missing(
    exitkit: Callable[..., Run], estate: Path, plan: Path, tmp_path: Path
) -> None:
    state = tmp_path / "state.db"
    today = dt.date.today().isoformat()
    plan_start(exitkit, plan, estate, state, today)
    exitkit("plan", "run", "m2-licences", "--state", state)

    checked = exitkit("plan", "check", "m3-handover", "--state", state)

    assert checked.code == 1, checked
    assert "FAIL complete: 1 of 1 asset(s) not exported: runbook (missing)" in checked.out
    assert "FAIL verified: bundle intact but its signature is unsigned" in checked.out
    assert "m3-handover: not done" in checked.out


def test_a_tampered_journal_is_detected_and_located(
    exitkit: Callable[..., Run], estate: Path, plan: Path, tmp_path: Path
) -> None:
    state = tmp_path / "tampered" / "state.db"
    plan_start(exitkit, plan, estate, state, days_ago(10))
    exitkit("plan", "check", "m1-inventory", "--state", state)
    exitkit("plan", "check", "m1-inventory", "--state", state)
    with sqlite3.connect(state) as db:
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            db.execute("UPDATE journal SET data = '{}' WHERE seq = 2")
        db.execute("DROP TRIGGER journal_no_update")  # what someone covering their tracks does
        db.execute(
            "UPDATE journal SET data = replace(data, '\"ok\":true', '\"ok\":false') WHERE seq = 2"
        )

    status = exitkit("plan", "status", "--state", state)
    as_json = exitkit("plan", "status", "--state", state, "--json")
    refused = exitkit("plan", "check", "m1-inventory", "--state", state)

    named = "journal broken: event 2 (milestone.checked) altered"
    assert status.code == 1, status
    assert named in status.err and status.out == ""
    assert as_json.code == 1 and as_json.out == "" and named in as_json.err
    assert refused.code == 1 and named in refused.err


def test_a_removed_event_breaks_the_chain_too(
    exitkit: Callable[..., Run], estate: Path, plan: Path, tmp_path: Path
) -> None:
    state = tmp_path / "tampered-delete" / "state.db"
    plan_start(exitkit, plan, estate, state, days_ago(1))
    for _ in range(3):
        exitkit("plan", "check", "m1-inventory", "--state", state)
    with sqlite3.connect(state) as db:
        db.execute("DROP TRIGGER journal_no_delete")
        db.execute("DELETE FROM journal WHERE seq = 3")

    status = exitkit("plan", "status", "--state", state)

    assert status.code == 1
    assert "event 3 removed: event 4 (milestone.checked) follows event 2" in status.err


def test_starting_twice_is_harmless_but_a_second_plan_needs_its_own_state(
    exitkit: Callable[..., Run], estate: Path, plan: Path, tmp_path: Path
) -> None:
    state = tmp_path / "state.db"

    first = plan_start(exitkit, plan, estate, state, days_ago(3))
    again = plan_start(exitkit, plan, estate, state, days_ago(3))
    other = plan_start(exitkit, plan, estate, state, days_ago(9))

    assert first.code == 0 and again.code == 0
    assert "already started" in again.out
    assert other.code == 2
    assert "a plan is already started" in other.err and "use another --state" in other.err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("plan", "status"), "no state database"),
        (("plan", "check", "m1-inventory"), "no state database"),
    ],
)
def test_without_a_started_plan_the_commands_say_what_to_do(
    exitkit: Callable[..., Run], tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    done = exitkit(*args, "--state", tmp_path / "none.db")

    assert done.code == 2
    assert message in done.err and "exitkit plan start" in done.err


def test_a_bad_notice_date_is_bad_input(
    exitkit: Callable[..., Run], estate: Path, plan: Path, tmp_path: Path
) -> None:
    done = plan_start(exitkit, plan, estate, tmp_path / "s.db", "31/12/2026")

    assert done.code == 2
    assert "--notice-date" in done.err and "Traceback" not in done.err


def test_an_unknown_milestone_is_bad_input(
    exitkit: Callable[..., Run], estate: Path, plan: Path, tmp_path: Path
) -> None:
    state = tmp_path / "state.db"
    plan_start(exitkit, plan, estate, state, days_ago(0))

    done = exitkit("plan", "check", "m9", "--state", state)

    assert done.code == 2
    assert "no milestone 'm9' (milestones: m1-inventory, m2-licences, m3-handover)" in done.err
