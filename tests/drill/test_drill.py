"""The exit drill on the sandbox estate: every step journaled, a killed drill resumed, assets rotated."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from exitkit.bundle.schemas import problems
from tests.conftest import Run, base_estate, write_estate
from tests.drill.commands import drill_run

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "inventories" / "demo"


def journal(state: Path) -> list[tuple[str, dict[str, Any]]]:
    with sqlite3.connect(state) as db:
        rows = db.execute("SELECT type, data FROM journal ORDER BY seq").fetchall()
    return [(kind, json.loads(data)) for kind, data in rows]


def planned(plan: Path) -> tuple[int, int]:
    milestones = yaml.safe_load(plan.read_text())["milestones"]
    return sum(len(m.get("run", [])) for m in milestones), sum(
        len(m.get("checks", [])) for m in milestones
    )


@pytest.fixture
def key(exitkit: Callable[..., Run], tmp_path: Path) -> Path:
    exitkit("keys", "generate", "--out", tmp_path / "drill.key")
    return tmp_path / "drill.key"


def test_a_drill_on_the_sandbox_estate_records_every_step(
    exitkit: Callable[..., Run], tmp_path: Path, key: Path, live_demo: Path
) -> None:
    out, state = tmp_path / "drill", tmp_path / "state.db"

    done = drill_run(exitkit, live_demo, live_demo / "plan.yaml", out, state, "--sign-key", key)

    assert done.code == 0, done
    assert "Traceback" not in done.err
    assert "[m4-access] step 2 playbook revoke_provider_access.yml: ok" in done.out
    events = journal(state)
    kinds = [kind for kind, _ in events]
    steps, checks = planned(DEMO / "plan.yaml")
    assert kinds[0] == "drill.started" and kinds[-1] == "drill.finished"
    assert (kinds.count("drill.step"), kinds.count("drill.check")) == (steps, checks)
    record = json.loads((out / "drill.json").read_text())
    assert problems(record, "drill-run.v1") == []
    assert record["ok"] == (done.code == 0)
    assert "network-runbook" in record["assets"]  # P1: in every drill
    for step in (s for m in record["milestones"] for s in m["steps"] if "playbook" in s["step"]):
        events_file = out / step["evidence"]["events"]["path"]
        assert (
            hashlib.sha256(events_file.read_bytes()).hexdigest()
            == step["evidence"]["events"]["sha256"]
        )
        runner = json.loads(events_file.read_text())
        assert runner["check_mode"] is True and runner["status"] == "successful"
        assert "playbook_on_stats" in [event["event"] for event in runner["events"]]
    verified = exitkit("verify", out / "bundle")
    assert verified.code == 0, verified


def test_a_drill_killed_mid_way_resumes_and_completes(
    exitkit: Callable[..., Run], tmp_path: Path, live_demo: Path
) -> None:
    out, state = tmp_path / "drill", tmp_path / "state.db"
    demo = live_demo
    args = ["drill", "run", str(demo), "--plan", str(demo / "plan.yaml"), "--out", str(out)]
    args += ["--state", str(state)]
    first = subprocess.Popen(
        [sys.executable, "-m", "exitkit", *args],
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            done_so_far = [kind for kind, _ in journal(state)]
        except sqlite3.OperationalError:  # not created yet
            done_so_far = []
        if sum(kind in ("drill.step", "drill.check") for kind in done_so_far) >= 3:
            break
        time.sleep(0.05)
    os.killpg(first.pid, signal.SIGKILL)
    first.wait()
    killed = [kind for kind, _ in journal(state)]
    assert "drill.finished" not in killed

    again = exitkit(*args)

    assert again.code in (0, 1), again
    assert "resuming drill" in again.out and "kept" in again.out
    events = journal(state)
    steps = [(d["milestone"], d["index"]) for kind, d in events if kind == "drill.step"]
    checks = [(d["milestone"], d["index"]) for kind, d in events if kind == "drill.check"]
    assert len(steps) == len(set(steps)) and len(checks) == len(set(checks))  # nothing done twice
    assert (len(steps), len(checks)) == planned(demo / "plan.yaml")
    assert [kind for kind, _ in events].count("drill.finished") == 1
    record = json.loads((out / "drill.json").read_text())
    assert record["resumed"] == 1
    assert all(
        item["reason"] != "not run"
        for m in record["milestones"]
        for item in m["steps"] + m["checks"]
    )


QUICK_PLAN = """\
version: 1
drill: {every_days: 30, sample: 25%}
milestones:
  - id: m1-licences
    title: Licences exported
    due_day: 10
    run: [{export: {kinds: [license]}}]
    checks: [{complete: {kinds: [license]}}]
"""


def licences(count: int) -> list[dict[str, Any]]:
    return [
        {
            "id": f"lic-{n}",
            "kind": "license",
            "vendor": "V",
            "product": f"P{n}",
            "quantity": 1,
            "holder": "client",
            "transferable": True,
            "criticality": "P1" if n == 0 else "P3",
        }
        for n in range(count)
    ]


def test_rotation_drills_every_asset_within_four_drills_and_p1_every_time(
    exitkit: Callable[..., Run], tmp_path: Path
) -> None:
    estate = write_estate(tmp_path / "estate", base_estate(assets=licences(8)))
    plan = tmp_path / "plan.yaml"
    plan.write_text(QUICK_PLAN)
    state = tmp_path / "state.db"

    samples = []
    for number in range(4):  # ceil(100 / 25)
        out = tmp_path / f"drill-{number}"
        done = drill_run(exitkit, estate, plan, out, state)
        assert done.code == 0, done
        samples.append(set(json.loads((out / "drill.json").read_text())["assets"]))
    due = exitkit("drill", "due", estate, "--plan", plan, "--state", state)
    feasible = exitkit("plan", "validate", plan, "--inventory", estate, "--state", state)

    assert all("lic-0" in sample for sample in samples)
    assert all(len(sample) == 3 for sample in samples)  # P1 + ceil(25% of 7)
    assert set.union(*samples) == {f"lic-{n}" for n in range(8)}
    assert due.code == 0 and "not due" in due.out
    assert feasible.code == 0 and "m1-licences  due day  10    0.00 d" in feasible.out
    assert "measured" in feasible.out  # the last drill's duration, not the declared day


def test_an_export_with_no_working_exporter_is_a_failed_step_not_a_crash(
    exitkit: Callable[..., Run], tmp_path: Path
) -> None:
    device = {
        "id": "core-sw-1",
        "kind": "network_device",
        "platform": "cisco_ios",
        "host": "127.0.0.1",
        "port": 1,
        "credentials": "net-ro",
        "criticality": "P1",
    }
    estate = write_estate(tmp_path / "estate", base_estate(assets=[device]))
    plan = tmp_path / "plan.yaml"
    plan.write_text(textwrap.dedent(QUICK_PLAN).replace("license", "network_device"))

    done = drill_run(exitkit, estate, plan, tmp_path / "drill", tmp_path / "state.db")

    assert done.code == 1, done
    assert "Traceback" not in done.err
    assert "[m1-licences] step 1 export network_device: FAILED (" in done.out
    step = json.loads((tmp_path / "drill" / "drill.json").read_text())["milestones"][0]["steps"][0]
    assert step["ok"] is False and step["reason"]


def test_a_drill_out_folder_that_is_not_a_drill_is_refused(
    exitkit: Callable[..., Run], tmp_path: Path
) -> None:
    out = tmp_path / "photos"
    out.mkdir()
    (out / "holiday.jpg").write_bytes(b"\xff\xd8")

    done = drill_run(exitkit, DEMO, DEMO / "plan.yaml", out, tmp_path / "state.db")

    assert done.code == 2
    assert "is not empty and holds no unfinished drill" in done.err


def test_a_bad_sample_is_bad_input(exitkit: Callable[..., Run], tmp_path: Path) -> None:
    done = drill_run(
        exitkit, DEMO, DEMO / "plan.yaml", tmp_path / "d", tmp_path / "s.db", "--sample", "250%"
    )

    assert done.code == 2
    assert "--sample" in done.err and "at most 100%" in done.err
