"""Shared fixtures: run the real `exitkit` command, build estates, and check every JSON written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

pytest_plugins = ["tests.helpers.sandbox_plugins"]

NET_PASSWORD = "Sw0rdf1sh-net-ro-PASSWORD"


class Run:
    """The outcome of one `exitkit` command, as a user at a terminal sees it."""

    def __init__(self, done: subprocess.CompletedProcess[str]) -> None:
        self.code = done.returncode
        self.out = done.stdout
        self.err = done.stderr

    @property
    def json(self) -> Any:
        return json.loads(self.out)

    def __repr__(self) -> str:
        return f"Run(code={self.code}, out={self.out[-2000:]!r}, err={self.err[-2000:]!r})"


def run_exitkit(
    *args: str | Path, env: dict[str, str] | None = None, cwd: Path | None = None
) -> Run:
    done = subprocess.run(
        [sys.executable, "-m", "exitkit", *map(str, args)],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        cwd=cwd,
        timeout=600,
        check=False,
    )
    return Run(done)


@pytest.fixture
def exitkit() -> Callable[..., Run]:
    return run_exitkit


def base_estate(**overrides: Any) -> dict[str, Any]:
    estate: dict[str, Any] = {
        "version": 1,
        "estate": "acme-test",
        "client": {"name": "Acme SAS", "lei": "969500EXAMPLE0000001"},
        "provider": {"name": "Example MSP"},
        "contract": {"reference": "CTR-1", "notice_days": 90, "reversibility_days": 60},
        "reviewed": "2099-01-01",
        "obligations": [{"id": "nis2-incident", "regulation": "NIS2", "owner": "client"}],
        "responsibilities": {"architecture": "client", "user-support": "provider"},
        "credentials": {
            "net-ro": {"username": "netops", "password": {"env": "EXITKIT_TEST_NET_PASSWORD"}}
        },
        "assets": [
            {
                "id": "m365",
                "kind": "license",
                "vendor": "Microsoft",
                "product": "Microsoft 365 E3",
                "quantity": 120,
                "holder": "client",
                "transferable": True,
                "expires": "2099-06-30",
            },
            {
                "id": "runbook",
                "kind": "document",
                "path": "docs/runbook.md",
                "reviewed": "2099-01-01",
            },
            {"id": "ops-scripts", "kind": "script", "repo": "scripts"},
        ],
    }
    estate.update(overrides)
    return estate


def make_git_repo(path: Path, files: dict[str, str]) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (path / name).parent.mkdir(parents=True, exist_ok=True)
        (path / name).write_text(text)
    git = [
        "git",
        "-c",
        "user.name=t",
        "-c",
        "user.email=t@example.invalid",
        "-c",
        "init.defaultBranch=main",
    ]
    subprocess.run([*git, "init", "-q"], cwd=path, check=True)
    subprocess.run([*git, "add", "-A"], cwd=path, check=True)
    subprocess.run([*git, "commit", "-qm", "scripts"], cwd=path, check=True)
    return path


def write_estate(folder: Path, estate: dict[str, Any] | None = None) -> Path:
    """An estate folder with its documents and script repository, ready to export."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "docs").mkdir(exist_ok=True)
    (folder / "docs" / "runbook.md").write_text("# Runbook\nRestart the core switch last.\n")
    if not (folder / "scripts").exists():
        make_git_repo(
            folder / "scripts",
            {"backup.sh": "#!/bin/sh\necho backup\n", "cron/nightly": "0 2 * * * backup.sh\n"},
        )
    (folder / "estate.yaml").write_text(yaml.safe_dump(estate or base_estate(), sort_keys=False))
    return folder


@pytest.fixture
def estate(tmp_path: Path) -> Path:
    return write_estate(tmp_path / "estate")


@pytest.fixture(autouse=True)
def _net_password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXITKIT_TEST_NET_PASSWORD", NET_PASSWORD)


def _written_records(base: Path) -> Iterator[tuple[Path, Any]]:
    """Every JSON document under `base`: whole .json files and each line of .jsonl files."""
    for path in base.rglob("*.json*"):
        try:
            if path.suffix == ".json":
                yield path, json.loads(path.read_bytes())
            elif path.suffix == ".jsonl":
                for line in path.read_text().splitlines():
                    yield path, json.loads(line)
        except (OSError, ValueError):
            continue


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Every JSON file the suite wrote that names a schema must validate against it."""
    from exitkit.bundle import schemas

    factory = getattr(session.config, "_tmp_path_factory", None)
    if factory is None:
        return
    base = factory.getbasetemp()
    invalid, checked = [], 0
    for path, record in _written_records(base):
        if not isinstance(record, dict) or not isinstance(record.get("schema"), str):
            continue
        if record["schema"] not in schemas.known_schemas():
            continue  # a test's deliberately foreign file
        checked += 1
        found = schemas.problems(record, record["schema"])
        if found and "tampered" not in path.parts and "bad-schema" not in path.parts:
            invalid.append(f"{path}: {found}")
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter:
        reporter.write_line(
            f"schema check: {checked} JSON files written by the suite, {len(invalid)} invalid"
        )
    if invalid:
        for line in invalid[:20]:
            print(line, file=sys.stderr)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
