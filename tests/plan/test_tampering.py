"""Every command that reads a state database checks its hash chain first.

One journal holds an exit plan, a finished drill and a milestone check; copies of it are
altered, cut or added to the way someone who can write the file would (the append-only
triggers dropped first). Every reader then stops: exit 1, one line naming the first bad event.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from exitkit.bundle.schemas import problems
from exitkit.plan.chain import canonical, chain_hash
from tests.conftest import base_estate, run_exitkit, write_estate
from tests.helpers.in_process import command

PLAN = """\
version: 1
window_days: 60
drill: {every_days: 365, sample: 100%}
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
"""


def alter(state: Path) -> None:
    """The drill's start rewritten: the sample it claims to have covered."""
    with sqlite3.connect(state) as db:
        db.execute("DROP TRIGGER journal_no_update")
        db.execute("UPDATE journal SET data = replace(data, '100', '25') WHERE seq = 2")


def remove(state: Path) -> None:
    """A failed check deleted."""
    with sqlite3.connect(state) as db:
        db.execute("DROP TRIGGER journal_no_delete")
        db.execute("DELETE FROM journal WHERE seq = 3")


def insert(state: Path) -> None:
    """A forged `drill.finished` slipped in after the drill's start, its hash chained right."""
    with sqlite3.connect(state) as db:
        db.execute("DROP TRIGGER journal_no_update")
        db.execute("UPDATE journal SET seq = -seq WHERE seq >= 3")
        db.execute("UPDATE journal SET seq = 1 - seq WHERE seq < 0")
        at, previous = db.execute("SELECT at, hash FROM journal WHERE seq = 2").fetchone()
        data = {"drill": "forged", "ok": True}
        body = {"seq": 3, "at": at, "type": "drill.finished", "data": data}
        db.execute(
            "INSERT INTO journal VALUES (3, ?, 'drill.finished', ?, ?, ?)",
            (at, canonical(data).decode(), previous, chain_hash(previous, body)),
        )


TAMPERING: dict[str, tuple[Callable[[Path], None], str]] = {
    "altered": (alter, "event 2 (drill.started) altered: its content does not match its hash"),
    "removed": (remove, "event 3 removed: event 4 (drill.step) follows event 2"),
    "inserted": (insert, "event 3 (drill.finished) inserted: event 4 (drill.check) after it"),
}


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """(estate, plan, state): a plan started, one drill finished, a milestone checked."""
    base = tmp_path_factory.mktemp("recorded")
    estate = write_estate(base / "estate", base_estate())
    plan = base / "plan.yaml"
    plan.write_text(textwrap.dedent(PLAN))
    state = base / "state.db"
    started = run_exitkit(
        "plan", "start", plan, "--inventory", estate, "--notice-date", "2026-01-05",
        "--state", state,
    )  # fmt: skip
    drilled = run_exitkit(
        "drill", "run", estate, "--plan", plan, "--out", base / "drill", "--state", state
    )
    checked = run_exitkit("plan", "check", "m1-inventory", "--state", state)
    assert (started.code, drilled.code, checked.code) == (0, 0, 0), (started, drilled, checked)
    with sqlite3.connect(state) as db:
        kinds = [kind for (kind,) in db.execute("SELECT type FROM journal ORDER BY seq")]
    assert kinds[:4] == ["plan.started", "drill.started", "drill.check", "drill.step"]
    return estate, plan, state


def rows(state: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(state) as db:
        return db.execute("SELECT * FROM journal ORDER BY seq").fetchall()


def readers(estate: Path, plan: Path, state: Path, out: Path) -> dict[str, list[str | Path]]:
    return {
        "plan status": ["plan", "status", "--state", state],
        "plan check": ["plan", "check", "m1-inventory", "--state", state],
        "drill due": ["drill", "due", estate, "--plan", plan, "--state", state],
        "drill run": ["drill", "run", estate, "--plan", plan, "--out", out, "--state", state],
        "report": ["report", "--state", state, "--html", out / "report.html"],
    }


@pytest.mark.parametrize("how", sorted(TAMPERING))
def test_every_reader_stops_at_the_first_bad_event(
    recorded: tuple[Path, Path, Path],
    tmp_path: Path,
    how: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    estate, plan, original = recorded
    state = tmp_path / "state.db"
    shutil.copy(original, state)
    tamper, named = TAMPERING[how]
    tamper(state)
    before = rows(state)

    for name, args in readers(estate, plan, state, tmp_path / "out").items():
        code, said = command(capsys, monkeypatch, *args)
        assert code == 1, (name, said)
        assert named in said, (name, said)
        assert len(said.splitlines()) == 1, (name, said)
        assert "journal broken" in said and "Traceback" not in said, (name, said)
    assert rows(state) == before  # nothing was recorded on top of it
    assert not (tmp_path / "out" / "drill.json").exists()  # the drill did not run
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert problems(report, "drill-report.v1") == []
    assert report["ok"] is False and report["journal"]["how"] == how
    assert report["findings"][0]["code"] == "journal-broken"
    assert named in report["findings"][0]["message"]
    page = (tmp_path / "out" / "report.html").read_text()
    alarm = page.index('class="alarm" id="journal-broken"')
    assert alarm < page.index("<h2>") and named in page[alarm:]


def test_an_intact_journal_is_read_as_before(
    recorded: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    estate, plan, original = recorded
    state = tmp_path / "state.db"
    shutil.copy(original, state)

    status = run_exitkit("plan", "status", "--state", state)
    due = run_exitkit("drill", "due", estate, "--plan", plan, "--state", state)

    assert status.code == 1 and "chain intact" in status.out  # overdue milestones, no tampering
    assert due.code == 0 and "not due" in due.out
