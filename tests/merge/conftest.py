"""The exitkit.exit collection, built with ansible-galaxy and installed where a test's Ansible
(an execution environment's, in production) finds it."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TOOLS = Path(sys.executable).parent


@dataclass(frozen=True)
class BuiltCollection:
    tarball: Path
    collections_path: Path  # holds ansible_collections/exitkit/exit


def galaxy(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [TOOLS / "ansible-galaxy", "collection", *map(str, args)],
        capture_output=True, text=True, check=False, timeout=120, cwd=cwd,
    )  # fmt: skip


@pytest.fixture(scope="session")
def built_collection(tmp_path_factory: pytest.TempPathFactory) -> BuiltCollection:
    work = tmp_path_factory.mktemp("collection")
    built = galaxy("build", ROOT / "collection", "--output-path", work / "dist")
    assert built.returncode == 0, built.stdout + built.stderr
    tarball = next((work / "dist").glob("exitkit-exit-*.tar.gz"))
    installed = galaxy("install", tarball, "-p", work / "installed")
    assert installed.returncode == 0, installed.stdout + installed.stderr
    return BuiltCollection(tarball, work / "installed")
