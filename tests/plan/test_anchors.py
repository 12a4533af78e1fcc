"""A journal cut back, or rewritten from scratch, is caught against the head a drill signed.

Two signed drills go into one journal; the journal is then cut back to before the second one
(a chain that is still intact), or rewritten whole with every hash recomputed. The readers find
the second drill's signed manifest beside the first drill's folder and report the journal
against it.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import textwrap
from pathlib import Path

import pytest

from exitkit.bundle.schemas import problems
from exitkit.plan.chain import GENESIS, chain_hash
from tests.conftest import base_estate, run_exitkit, write_estate
from tests.helpers.in_process import command

PLAN = """\
version: 1
window_days: 60
drill: {every_days: 365, sample: 100%}
milestones:
  - id: m1-licences
    title: Licences exported
    due_day: 21
    run: [{export: {kinds: [license]}}]
    checks: [{complete: {kinds: [license]}}]
"""


@pytest.fixture(scope="module")
def two_drills(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path, Path]:
    """(estate, plan, state, drills folder): two signed drills, d1 then d2."""
    base = tmp_path_factory.mktemp("anchored")
    estate = write_estate(base / "estate", base_estate())
    plan = base / "plan.yaml"
    plan.write_text(textwrap.dedent(PLAN))
    state, key, drills = base / "state.db", base / "drill.key", base / "drills"
    assert run_exitkit("keys", "generate", "--out", key).code == 0
    for name in ("d1", "d2"):
        done = run_exitkit(
            "drill", "run", estate, "--plan", plan, "--out", drills / name,
            "--state", state, "--sign-key", key,
        )  # fmt: skip
        assert done.code == 0, done
    manifest = json.loads((drills / "d2" / "bundle" / "manifest.json").read_text())
    assert problems(manifest, "manifest.v1") == []
    with sqlite3.connect(state) as db:  # the head when the export step signed: before its event
        (step,) = db.execute(
            "SELECT seq FROM journal WHERE type = 'drill.step' ORDER BY seq DESC"
        ).fetchone()
        (head,) = db.execute("SELECT hash FROM journal WHERE seq = ?", (step - 1,)).fetchone()
    assert manifest["journal"] == {"seq": step - 1, "hash": head}
    return estate, plan, state, drills


def cut_before_second_drill(state: Path) -> None:
    with sqlite3.connect(state) as db:
        (start,) = db.execute(
            "SELECT seq FROM journal WHERE type = 'drill.started' ORDER BY seq DESC"
        ).fetchone()
        db.execute("DROP TRIGGER journal_no_delete")
        db.execute("DELETE FROM journal WHERE seq >= ?", (start,))


def rewrite_from_scratch(state: Path) -> None:
    """The first drill's sample changed, and every hash after it recomputed: an intact chain."""
    with sqlite3.connect(state) as db:
        rows = db.execute("SELECT seq, at, type, data FROM journal ORDER BY seq").fetchall()
        db.execute("DROP TRIGGER journal_no_delete")
        db.execute("DELETE FROM journal")
        previous = GENESIS
        for seq, at, kind, data in rows:
            record = json.loads(data)
            if seq == 1:
                record["sample_pct"] = 50.0
            text = json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
            digest = chain_hash(previous, {"seq": seq, "at": at, "type": kind, "data": record})
            db.execute(
                "INSERT INTO journal VALUES (?, ?, ?, ?, ?, ?)",
                (seq, at, kind, text, previous, digest),
            )
            previous = digest


@pytest.mark.parametrize(
    ("tamper", "said"),
    [
        (cut_before_second_drill, "the journal is shorter than the head signed in"),
        (rewrite_from_scratch, "the journal diverges from the head signed in"),
    ],
)
def test_a_journal_behind_its_signed_head_is_reported(
    two_drills: tuple[Path, Path, Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tamper: object,
    said: str,
) -> None:
    estate, plan, original, drills = two_drills
    state = tmp_path / "state.db"
    shutil.copy(original, state)
    assert callable(tamper)
    tamper(state)
    second = str(drills / "d2" / "bundle")

    due = command(capsys, monkeypatch, "drill", "due", estate, "--plan", plan, "--state", state)
    report = command(capsys, monkeypatch, "report", "--state", state, "--html", tmp_path / "r.html")
    verified = command(capsys, monkeypatch, "verify", second, "--state", state)

    for code, printed in (due, report):
        assert code == 1, printed
        assert said in printed and second in printed, printed
        assert len(printed.splitlines()) == 1, printed
    assert verified[0] == 1 and said in verified[1], verified
    record = json.loads((tmp_path / "r.json").read_text())
    assert problems(record, "drill-report.v1") == []
    assert record["findings"][0]["code"] == "journal-behind-anchor"
    assert record["journal"]["intact"] is True and record["journal"]["anchor"]["ok"] is False
    page = (tmp_path / "r.html").read_text()
    assert page.index('class="alarm" id="journal-behind-anchor"') < page.index("<h2>")


def test_a_journal_that_holds_its_signed_heads_is_anchored(
    two_drills: tuple[Path, Path, Path, Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    estate, plan, state, drills = two_drills

    due = command(capsys, monkeypatch, "drill", "due", estate, "--plan", plan, "--state", state)
    verified = command(capsys, monkeypatch, "verify", drills / "d2" / "bundle", "--state", state)

    assert due[0] == 0 and "not due" in due[1]
    assert verified[0] == 0 and "holds the head this bundle signed" in verified[1]
