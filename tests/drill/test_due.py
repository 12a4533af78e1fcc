"""`drill due`: exit 1 when the last drill is older than every_days, for cron, timers and AWX."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from pathlib import Path

from exitkit.bundle.schemas import problems
from exitkit.plan.journal import GENESIS, Journal, canonical, chain_hash
from tests.conftest import Run

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "inventories" / "demo"


def state_with_a_drill_finished(days_ago: int, path: Path) -> Path:
    """A journal in which the last drill of the demo estate finished `days_ago` days ago."""
    Journal(path).close()
    at = (dt.datetime.now(dt.UTC) - dt.timedelta(days=days_ago)).isoformat().replace("+00:00", "Z")
    plan = {"path": "plan.yaml", "window_days": 60, "milestones": []}
    started = {
        "drill": "demo-old",
        "estate": "demo",
        "out": "/nowhere",
        "plan": plan,
        "sample_pct": 25,
        "assets": [],
    }
    previous = GENESIS
    with sqlite3.connect(path) as db:
        for seq, (kind, data) in enumerate(
            [("drill.started", started), ("drill.finished", {"drill": "demo-old", "ok": True})],
            start=1,
        ):
            body = {"seq": seq, "at": at, "type": kind, "data": data}
            digest = chain_hash(previous, body)
            db.execute(
                "INSERT INTO journal VALUES (?, ?, ?, ?, ?, ?)",
                (seq, at, kind, canonical(data).decode(), previous, digest),
            )
            previous = digest
    return path


def test_no_drill_yet_means_a_drill_is_due(exitkit: Callable[..., Run], tmp_path: Path) -> None:
    done = exitkit("drill", "due", DEMO, "--state", tmp_path / "state.db")

    assert done.code == 1
    assert "demo: no finished drill recorded: a drill is due" in done.out


def test_a_drill_older_than_every_days_is_due(exitkit: Callable[..., Run], tmp_path: Path) -> None:
    state = state_with_a_drill_finished(400, tmp_path / "state.db")

    done = exitkit("drill", "due", DEMO, "--state", state)
    as_json = exitkit("drill", "due", DEMO, "--state", state, "--json")

    assert done.code == 1
    assert (
        "demo: last drill demo-old on" in done.out and "(400 days ago), every 365 days" in done.out
    )
    assert done.out.rstrip().endswith(": DUE")
    assert problems(as_json.json, "drill-due.v1") == []
    assert as_json.json["due"] is True


def test_a_recent_drill_is_not_due(exitkit: Callable[..., Run], tmp_path: Path) -> None:
    state = state_with_a_drill_finished(30, tmp_path / "state.db")

    done = exitkit("drill", "due", DEMO, "--state", state)

    assert done.code == 0
    assert "(30 days ago), every 365 days, next due" in done.out and "not due" in done.out
