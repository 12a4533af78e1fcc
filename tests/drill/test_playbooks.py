"""The playbooks also run with plain ansible-playbook, on the inventory `exitkit inventory ansible` writes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Run, base_estate, write_estate

ROOT = Path(__file__).resolve().parents[2]
PLAYBOOKS = ROOT / "playbooks"


def ansible_playbook(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    tools = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{tools}{os.pathsep}{os.environ['PATH']}", "ANSIBLE_NOCOLOR": "1"}
    return subprocess.run(
        [tools / "ansible-playbook", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=300,
        check=False,
    )


@pytest.fixture
def hosts(exitkit: Callable[..., Run], tmp_path: Path) -> Path:
    device = {
        "id": "core-sw-1",
        "kind": "network_device",
        "platform": "cisco_ios",
        "host": "192.0.2.10",
        "credentials": "net-ro",
    }
    estate = write_estate(tmp_path / "estate", base_estate(assets=[device]))
    written = exitkit("inventory", "ansible", estate, "-o", tmp_path / "hosts.yml")
    assert written.code == 0, written
    return tmp_path / "hosts.yml"


def test_every_playbook_is_valid_ansible(hosts: Path, tmp_path: Path) -> None:
    playbooks = sorted(PLAYBOOKS.glob("*.yml"))

    done = ansible_playbook("-i", hosts, *playbooks, "--syntax-check", cwd=tmp_path)

    assert len(playbooks) >= 4
    assert done.returncode == 0, done.stdout + done.stderr


def test_revoke_provider_access_lists_the_provider_rights_in_check_mode(
    hosts: Path, tmp_path: Path
) -> None:
    bundle = tmp_path / "bundle"
    access = bundle / "assets" / "cloud_account" / "aws-prod" / "access.json"
    access.parent.mkdir(parents=True)
    (bundle / "manifest.json").write_text("{}")
    rights = [
        {
            "principal": "arn:aws:iam::123456789012:role/msp-admin",
            "policy_arn": "arn:aws:iam::aws:policy/AdministratorAccess",
        }
    ]
    access.write_text(
        json.dumps({"cloud": "aws", "client_admin": True, "admins": [], "revoke_at_exit": rights})
    )

    done = ansible_playbook(
        "-i",
        hosts,
        PLAYBOOKS / "revoke_provider_access.yml",
        "--check",
        "-e",
        f"exitkit_bundle={bundle}",
        "-e",
        f"exitkit_evidence_dir={tmp_path / 'ev'}",
        cwd=tmp_path,
    )
    live = ansible_playbook(
        "-i",
        hosts,
        PLAYBOOKS / "revoke_provider_access.yml",
        "-e",
        f"exitkit_bundle={bundle}",
        cwd=tmp_path,
    )

    assert done.returncode == 0, done.stdout
    assert "1 provider right(s) on 1 account(s) would be revoked" in done.stdout
    report = json.loads((tmp_path / "ev" / "revocations.json").read_text())
    assert report["check_mode"] is True and report["would_revoke"][0]["principal"].endswith(
        "msp-admin"
    )
    assert live.returncode != 0 and "needs confirm=true" in live.stdout


def test_collect_scripts_fetches_scripts_and_crontabs_with_their_sha256(
    hosts: Path, tmp_path: Path
) -> None:
    server = tmp_path / "server"
    (server / "bin").mkdir(parents=True)
    (server / "bin" / "backup.sh").write_text("#!/bin/sh\necho backup\n")
    (server / "cron.d").mkdir()
    (server / "cron.d" / "nightly").write_text("0 2 * * * root /usr/local/bin/backup.sh\n")
    servers = tmp_path / "servers.yml"
    servers.write_text(
        f"servers:\n  hosts:\n    localhost: {{ansible_connection: local, ansible_python_interpreter: {sys.executable}}}\n"
    )
    variables = json.dumps(
        {
            "script_paths": [str(server / "bin")],
            "crontab_paths": [str(server / "cron.d")],
            "exitkit_evidence_dir": str(tmp_path / "collected"),
        }
    )

    done = ansible_playbook(
        "-i",
        hosts,
        "-i",
        servers,
        PLAYBOOKS / "collect_scripts.yml",
        "--check",
        "-e",
        variables,
        cwd=tmp_path,
    )

    assert done.returncode == 0, done.stdout + done.stderr
    index = json.loads((tmp_path / "collected" / "localhost" / "index.json").read_text())
    assert sorted(Path(f["path"]).name for f in index["files"]) == ["backup.sh", "nightly"]
    assert all(len(f["sha256"]) == 64 for f in index["files"])
    assert (
        tmp_path / "collected" / "localhost" / str(server / "cron.d" / "nightly").lstrip("/")
    ).is_file()
