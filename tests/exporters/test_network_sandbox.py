"""`exitkit sandbox devices`: emulated devices from the command line, exported like real ones."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from exitkit.sandbox.devices.device import DEFAULT_PASSWORD, DEFAULT_SECRET
from tests.conftest import base_estate, run_exitkit, write_estate
from tests.sandbox.test_devices import free_port_run


def test_devices_served_from_the_command_line_are_exported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fragment, base = tmp_path / "devices.yaml", free_port_run(4)
    server = subprocess.Popen(
        [sys.executable, "-m", "exitkit", "sandbox", "devices", "--count", "4",
         "--base-port", str(base), "--write-inventory", str(fragment)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert server.stdout is not None
        banner = [server.stdout.readline() for _ in range(7)]
        assets = yaml.safe_load(fragment.read_text())["assets"]
        monkeypatch.setenv("SANDBOX_PASSWORD", DEFAULT_PASSWORD)
        monkeypatch.setenv("SANDBOX_SECRET", DEFAULT_SECRET)
        credentials = {
            "sandbox-net": {
                "username": "netops",
                "password": {"env": "SANDBOX_PASSWORD"},
                "secret": {"env": "SANDBOX_SECRET"},
            }
        }
        estate = write_estate(
            tmp_path / "estate", base_estate(credentials=credentials, assets=assets)
        )
        # the devices' host keys, written beside the fragment, go beside the estate
        shutil.copy(tmp_path / "known_hosts", estate / "known_hosts")
        run = run_exitkit("export", estate, "--out", tmp_path / "bundle")
    finally:
        server.send_signal(signal.SIGINT)
        _, err = server.communicate(timeout=30)

    assert banner[0].split() == ["ios-001", "cisco_ios", f"127.0.0.1:{base}"]
    assert any("press Ctrl-C" in line for line in banner)
    assert run.code == 0 and "4 exported" in run.out, run
    assert server.returncode == 0 and "Traceback" not in err


def test_an_unknown_platform_is_bad_input() -> None:
    run = run_exitkit("sandbox", "devices", "--platform", "vax_vms")
    assert run.code == 2 and "unknown platform vax_vms" in run.err


def test_the_sandbox_group_lists_its_commands() -> None:
    run = run_exitkit("sandbox", "--help")
    assert run.code == 0 and "devices" in run.out
