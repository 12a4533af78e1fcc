"""`exitkit sandbox estate`: a whole estate emulated until Ctrl-C, usable from another shell."""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import run_exitkit
from tests.helpers.demo_estate import copy_demo


def _environment(env_file: Path) -> dict[str, str]:
    pairs = [
        shlex.split(line.removeprefix("export "))[0] for line in env_file.read_text().splitlines()
    ]
    return dict(pair.split("=", 1) for pair in pairs)


def test_an_estate_exported_against_its_sandbox_from_another_shell(tmp_path: Path) -> None:
    estate = copy_demo(tmp_path / "demo")
    env_file = tmp_path / "sandbox.env"
    serving = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "exitkit",
            "sandbox",
            "estate",
            str(estate),
            "--env-file",
            str(env_file),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 90
        while not env_file.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert env_file.exists(), "the sandbox did not start"
        assert oct(env_file.stat().st_mode & 0o777) == "0o600"

        run = run_exitkit(
            "export", estate, "--out", tmp_path / "bundle", env=_environment(env_file)
        )

        assert run.code == 0, run
        assert "20 exported" in run.out
    finally:
        os.kill(serving.pid, signal.SIGINT)
        out, _ = serving.communicate(timeout=60)
    assert serving.returncode == 0, out
    assert "started 11 emulated network devices (SSH)" in out and out.rstrip().endswith("stopped")
