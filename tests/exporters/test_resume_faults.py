"""An export survives what happens to real runs: killed at any point, a full disk, a second run.

A killed export is run again and completes; at no moment does the bundle list a file that is not
whole (its progress notes and its manifest only name files already written, synced and renamed).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from exitkit.bundle.hashing import sha256_file
from exitkit.bundle.verify import verify_bundle
from exitkit.sandbox.devices import DeviceFarm
from tests.conftest import base_estate, run_exitkit, write_estate
from tests.exporters.network_estate import device_estate, first
from tests.helpers.in_process import command

KILLS = 20
SEED = int(os.environ.get("EXITKIT_KILL_SEED", "20260105"))


def listed_as_complete(bundle: Path) -> list[dict[str, Any]]:
    """Every file the bundle claims is whole: in its progress notes or in its manifest."""
    entries: list[dict[str, Any]] = []
    for note in sorted((bundle / ".partial").glob("*.json")):
        entries += json.loads(note.read_text())["files"]
    if (bundle / "manifest.json").is_file():
        entries += json.loads((bundle / "manifest.json").read_text())["files"]
    return entries


def not_whole(bundle: Path) -> list[str]:
    wrong = []
    for entry in listed_as_complete(bundle):
        path = bundle / entry["path"]
        if not path.is_file() or path.stat().st_size != entry["size"]:
            wrong.append(f"{entry['path']}: missing or of another size")
        elif sha256_file(path) != entry["sha256"]:
            wrong.append(f"{entry['path']}: not the bytes listed")
    return wrong


def start_export(estate: Path, out: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "exitkit", "export", estate, "--out", out, "--workers", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@pytest.fixture
def mixed_estate(device_farm: DeviceFarm, tmp_path: Path) -> Path:
    """Two emulated devices beside a licence, a document and a script repository."""
    devices = [first(device_farm, "cisco_ios"), first(device_farm, "juniper_junos")]
    folder = device_estate(tmp_path / "estate", devices)
    estate = yaml.safe_load((folder / "estate.yaml").read_text())
    estate["assets"] += base_estate()["assets"]
    return write_estate(folder, estate)


def export_in(estate: Path, out: Path) -> None:
    """One export run, in a process forked from the fork server (exitkit already imported)."""
    from exitkit.exporters.registry import ExportOptions
    from exitkit.exporters.run import export_estate
    from exitkit.inventory.loader import load_inventory

    export_estate(load_inventory(estate), out, options=ExportOptions(workers=2))


@pytest.fixture(scope="module")
def forks() -> Any:
    """Processes that start in milliseconds, so 20 kills cost little more than the exports."""
    context = multiprocessing.get_context("forkserver")
    exporters = [f"exitkit.exporters.{kind}" for kind in ("license", "document", "script")]
    context.set_forkserver_preload(
        ["exitkit.exporters.run", "exitkit.exporters.network", *exporters]
    )
    return context


def test_an_export_killed_at_random_points_always_resumes_whole(
    mixed_estate: Path, tmp_path: Path, forks: Any
) -> None:
    chance = random.Random(SEED)
    for warm in range(2):  # the second run's length: kills land all along a run
        timing = forks.Process(target=export_in, args=(mixed_estate, tmp_path / f"timing-{warm}"))
        clock = time.monotonic()
        timing.start()
        timing.join()
        span = time.monotonic() - clock
        assert timing.exitcode == 0
    for kill in range(KILLS):
        out = tmp_path / f"bundle-{kill}"
        running = forks.Process(target=export_in, args=(mixed_estate, out))
        running.start()
        time.sleep(chance.uniform(0, span))
        running.kill()  # SIGKILL
        running.join()
        assert not_whole(out) == [], (kill, SEED)
        rerun = forks.Process(target=export_in, args=(mixed_estate, out))
        rerun.start()
        rerun.join()
        assert rerun.exitcode == 0, (kill, SEED)
        assert verify_bundle(out).ok, (kill, SEED)
        assert not_whole(out) == [] and not (out / ".partial").exists(), (kill, SEED)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 1 MiB tmpfs, mounted for this test (root only)."""
    mount = tmp_path / "small"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mount],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", mount], check=False)


def test_an_export_onto_a_full_disk_says_what_it_needs_and_resumes_with_space(
    tmp_path: Path, small_disk: Path
) -> None:
    estate = base_estate()
    estate["assets"].append(
        {
            "id": "big-manual",
            "kind": "document",
            "path": "docs/manual.pdf",
            "reviewed": "2099-01-01",
        }
    )
    folder = write_estate(tmp_path / "estate", estate)
    (folder / "docs" / "manual.pdf").write_bytes(os.urandom(3 * 1024 * 1024))
    out = small_disk / "bundle"

    full = run_exitkit("export", folder, "--out", out, "--workers", "1")

    said = (full.out + full.err).strip().splitlines()
    assert full.code == 1, full
    assert "Traceback" not in full.err
    problem = [line for line in said if "no space left" in line]
    assert len(problem) == 1, said
    assert "big-manual/files/manual.pdf" in problem[0] and "needs 3.1 MB" in problem[0]
    assert not_whole(out) == []
    subprocess.run(["mount", "-o", "remount,size=8m", small_disk], check=True)
    again = run_exitkit("export", folder, "--out", out)
    assert again.code == 0, again
    assert verify_bundle(out).ok


def test_a_second_export_into_the_same_folder_is_refused_and_harms_nothing(
    device_farm: DeviceFarm,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    device = first(device_farm, "cisco_ios")
    device_farm.set_delay(device.name, 1.0)  # a slow device keeps the first export running
    folder = device_estate(tmp_path / "estate", [device])
    out = tmp_path / "bundle"
    running = start_export(folder, out)
    try:
        deadline = time.monotonic() + 60
        while not (out / ".partial" / "lock").exists() and running.poll() is None:
            assert time.monotonic() < deadline
            time.sleep(0.02)
        code, said = command(capsys, monkeypatch, "export", folder, "--out", out)
        busy = running.poll() is None
        first_done = running.wait(timeout=120)
    finally:
        if running.poll() is None:
            running.kill()

    assert busy  # the refusal came while the first export ran
    assert code == 2, said
    assert "another export is writing this bundle" in said and str(out) in said
    assert len(said.splitlines()) == 1, said
    assert first_done == 0
    assert verify_bundle(out).ok
