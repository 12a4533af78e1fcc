"""`exitkit demo`: the whole drill on the sandbox estate, and nothing left running after it."""

from __future__ import annotations

import fcntl
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import run_exitkit
from tests.helpers.demo_estate import DEMO_ARM_PORT, DEMO_DEVICE_PORTS, ROOT


@pytest.fixture(autouse=True)
def demo_ports() -> Iterator[None]:
    """The demo serves on its fixed ports: its tests take turns, whatever xdist worker runs
    them (an exclusive lock on a file every worker sees)."""
    with (Path(tempfile.gettempdir()) / "exitkit-demo-ports.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _descendants(pid: int) -> list[int]:
    """Every process whose chain of parents leads to `pid`."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(entry.name)] = int(fields[1])
    found, frontier = [], [pid]
    while frontier:
        parent = frontier.pop()
        children = [child for child, ppid in parents.items() if ppid == parent]
        found += children
        frontier += children
    return found


def test_the_demo_runs_the_drill_and_its_bundle_verifies(tmp_path: Path) -> None:
    out = tmp_path / "demo-out"

    run = run_exitkit("demo", "--out", out, cwd=ROOT)

    assert run.code == 0, run
    assert "drill passed" in run.out
    report = re.search(r"report:\s+(\S+)", run.out)
    assert report and Path(report.group(1)) == out / "report.html"
    assert "<svg" in (out / "report.html").read_text()
    bundle = Path(re.search(r"bundle:\s+(\S+) \(signed", run.out).group(1))  # type: ignore[union-attr]
    verified = run_exitkit("verify", bundle, "--public-key", out / "keys" / "demo-signing.key.pub")
    assert verified.code == 0, verified
    assert not any(_listening(port) for port in (*DEMO_DEVICE_PORTS, DEMO_ARM_PORT))


def test_ctrl_c_leaves_no_process_behind(tmp_path: Path) -> None:
    demo = subprocess.Popen(
        [sys.executable, "-m", "exitkit", "demo", "--out", str(tmp_path / "out")],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert demo.stdout is not None
    seen = ""
    deadline = time.monotonic() + 120
    while "[m4-access] step 1" not in seen and time.monotonic() < deadline:
        seen += demo.stdout.readline()  # wait until the cloud step, with playbooks to come
    family = _descendants(demo.pid)

    os.kill(demo.pid, signal.SIGINT)
    rest, _ = demo.communicate(timeout=60)

    assert demo.returncode == 130, seen + rest
    assert "Traceback" not in seen + rest
    time.sleep(0.5)
    alive = [pid for pid in family if Path(f"/proc/{pid}").exists()]
    assert alive == [], f"left running: {alive}"
    assert not any(_listening(port) for port in (*DEMO_DEVICE_PORTS, DEMO_ARM_PORT))
