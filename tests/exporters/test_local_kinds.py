"""Exporting licences, documents and scripts: artifacts a user can open, failures recorded."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.conftest import NET_PASSWORD, base_estate, run_exitkit, write_estate


def manifest_of(bundle: Path) -> dict:
    return json.loads((bundle / "manifest.json").read_text())


def test_export_writes_every_artifact_with_its_record(estate: Path, tmp_path: Path) -> None:
    out = tmp_path / "bundle"
    run = run_exitkit("export", estate, "--out", out)
    assert run.code == 0, run
    assert "3 exported" in run.out

    licence = json.loads((out / "assets/license/m365/license.json").read_text())
    assert licence["vendor"] == "Microsoft" and licence["lock_in"] == []
    assert (out / "assets/document/runbook/files/runbook.md").read_text().startswith("# Runbook")
    document = json.loads((out / "assets/document/runbook/document.json").read_text())
    assert document["reviewed"] == "2099-01-01"
    script = json.loads((out / "assets/script/ops-scripts/script.json").read_text())
    assert {f["path"] for f in script["files"]} == {"backup.sh", "cron/nightly"}

    clone = tmp_path / "restored"
    subprocess.run(
        ["git", "clone", "-q", out / "assets/script/ops-scripts/repo.bundle", clone], check=True
    )
    assert (clone / "backup.sh").read_text() == "#!/bin/sh\necho backup\n"

    manifest = manifest_of(out)
    paths = {entry["path"] for entry in manifest["files"]}
    assert {
        "inventory.json",
        "reports/completeness.json",
        "assets/license/m365/license.json",
    } <= paths
    by_path = {entry["path"]: entry for entry in manifest["files"]}
    assert by_path["assets/license/m365/license.json"]["schema"] == "license.v1"
    assert by_path["assets/license/m365/license.json"]["asset"] == "m365"
    assert not (out / ".partial").exists()


def test_a_path_that_is_not_a_repository_fails_that_asset_only(tmp_path: Path) -> None:
    estate = base_estate()
    estate["assets"].append({"id": "loose-scripts", "kind": "script", "repo": "docs"})
    folder = write_estate(tmp_path / "estate", estate)
    out = tmp_path / "bundle"

    run = run_exitkit("export", folder, "--out", out)

    assert run.code == 1
    assert "FAILED loose-scripts (script): not-a-repository" in run.out
    assert "3 exported" in run.out
    verify = run_exitkit("verify", out)
    assert verify.code == 1
    assert "FAILED loose-scripts (script): not-a-repository" in verify.out
    report = run_exitkit("verify", out, "--json").json
    assert report["intact"] is True and report["complete"] is False
    assert {
        "id": "loose-scripts",
        "kind": "script",
        "status": "failed",
        "error_class": "not-a-repository",
        "reason": "docs is not a git repository",
    } in report["assets"]


def test_a_missing_document_is_recorded_with_its_reason(tmp_path: Path) -> None:
    estate = base_estate()
    estate["assets"][1]["path"] = "docs/gone.md"
    folder = write_estate(tmp_path / "estate", estate)
    run = run_exitkit("export", folder, "--out", tmp_path / "bundle")
    assert run.code == 1
    assert "document not found: docs/gone.md" in run.out


def test_a_rerun_keeps_what_is_exported_and_intact(estate: Path, tmp_path: Path) -> None:
    out = tmp_path / "bundle"
    assert run_exitkit("export", estate, "--out", out).code == 0
    first = manifest_of(out)

    run = run_exitkit("export", estate, "--out", out)

    assert run.code == 0
    assert "3 kept from an earlier run" in run.out
    artifacts = [entry for entry in first["files"] if entry["path"].startswith("assets/")]
    assert [e for e in manifest_of(out)["files"] if e["path"].startswith("assets/")] == artifacts


def test_a_rerun_exports_again_what_was_damaged_or_changed(estate: Path, tmp_path: Path) -> None:
    out = tmp_path / "bundle"
    assert run_exitkit("export", estate, "--out", out).code == 0
    (out / "assets/document/runbook/files/runbook.md").write_text("damaged")
    text = (estate / "estate.yaml").read_text().replace("quantity: 120", "quantity: 150")
    (estate / "estate.yaml").write_text(text)

    run = run_exitkit("export", estate, "--out", out)

    assert "1 kept from an earlier run" in run.out
    assert json.loads((out / "assets/license/m365/license.json").read_text())["quantity"] == 150
    assert run_exitkit("verify", out).code == 0


def test_an_interrupted_export_resumes_from_its_progress(estate: Path, tmp_path: Path) -> None:
    from exitkit.exporters.registry import ExportOptions
    from exitkit.exporters.run import export_estate
    from exitkit.inventory.loader import load_inventory

    class Killed(Exception):
        pass

    def kill_after_first(result: object, kept: bool) -> None:
        raise Killed

    out = tmp_path / "bundle"
    inventory = load_inventory(estate)
    with pytest.raises(Killed):
        export_estate(inventory, out, options=ExportOptions(workers=1), on_done=kill_after_first)
    assert not (out / "manifest.json").exists()
    progress = sorted((out / ".partial").glob("*.json"))
    recorded = len(progress)
    # the failure stops the run: no asset starts after it, however the threads are scheduled
    assert recorded == 1, [p.name for p in progress]

    run = run_exitkit("export", estate, "--out", out)

    assert run.code == 0, run
    assert f"3 exported ({recorded} kept from an earlier run)" in run.out, (
        run.out,
        [p.read_text() for p in progress],
    )
    assert run_exitkit("verify", out).code == 0


def test_export_refuses_a_folder_that_is_not_a_bundle(estate: Path, tmp_path: Path) -> None:
    out = tmp_path / "precious"
    out.mkdir()
    (out / "thesis.txt").write_text("do not delete")
    run = run_exitkit("export", estate, "--out", out)
    assert run.code == 2
    assert "not an exitkit bundle" in run.err
    assert (out / "thesis.txt").exists()


def test_kind_and_asset_filters_define_the_scope(estate: Path, tmp_path: Path) -> None:
    out = tmp_path / "bundle"
    run = run_exitkit("export", estate, "--out", out, "--kind", "license")
    assert run.code == 0
    assert not (out / "assets/document").exists()
    report = run_exitkit("verify", out, "--json").json
    assert report["ok"] and report["scope"] == {"kinds": ["license"], "assets": []}
    assert run_exitkit("export", estate, "--out", tmp_path / "b2", "--kind", "mainframe").code == 2
    assert run_exitkit("export", estate, "--out", tmp_path / "b3", "--asset", "nope").code == 2


def test_verify_against_a_newer_inventory_lists_what_is_missing(
    estate: Path, tmp_path: Path
) -> None:
    out = tmp_path / "bundle"
    assert run_exitkit("export", estate, "--out", out).code == 0
    grown = base_estate()
    grown["assets"].append({"id": "new-doc", "kind": "document", "path": "docs/runbook.md"})
    newer = write_estate(tmp_path / "newer", grown)
    run = run_exitkit("verify", out, "--inventory", newer)
    assert run.code == 1
    assert "MISSING new-doc (document): not-exported" in run.out


def test_no_secret_value_reaches_the_bundle_or_the_output(estate: Path, tmp_path: Path) -> None:
    out = tmp_path / "bundle"
    run = run_exitkit("export", estate, "--out", out)
    validate = run_exitkit("inventory", "validate", estate, "--json")
    hosts = tmp_path / "hosts.yml"
    ansible = run_exitkit("inventory", "ansible", estate, "-o", hosts)
    seen = (
        run.out
        + run.err
        + validate.out
        + validate.err
        + ansible.out
        + ansible.err
        + hosts.read_text()
    )
    for path in out.rglob("*"):
        if path.is_file():
            seen += path.read_bytes().decode(errors="replace")
    assert NET_PASSWORD not in seen
    inventory = json.loads((out / "inventory.json").read_text())
    assert inventory["credentials"]["net-ro"]["password"] == {"env": "EXITKIT_TEST_NET_PASSWORD"}


def test_ansible_inventory_groups_devices_without_secrets(tmp_path: Path) -> None:
    estate = base_estate()
    estate["assets"] += [
        {
            "id": "core-sw-1",
            "kind": "network_device",
            "platform": "cisco_ios",
            "host": "192.0.2.10",
            "credentials": "net-ro",
            "criticality": "P1",
        },
        {
            "id": "edge-1",
            "kind": "network_device",
            "platform": "juniper_junos",
            "host": "192.0.2.20",
            "port": 2222,
            "credentials": "net-ro",
        },
    ]
    folder = write_estate(tmp_path / "estate", estate)
    hosts = tmp_path / "hosts.yml"
    assert run_exitkit("inventory", "ansible", folder, "-o", hosts).code == 0
    inventory = yaml.safe_load(hosts.read_text())
    device = inventory["all"]["hosts"]["core-sw-1"]
    assert device["ansible_network_os"] == "cisco.ios.ios"
    assert (
        device["ansible_password"]
        == "{{ lookup('ansible.builtin.env', 'EXITKIT_TEST_NET_PASSWORD') }}"
    )
    assert inventory["all"]["hosts"]["edge-1"]["ansible_port"] == 2222
    groups = inventory["all"]["children"]["network_device"]["children"]
    assert set(groups) == {"platform_cisco_ios", "platform_juniper_junos"}
    listing = subprocess.run(
        [str(Path(".venv/bin/ansible-inventory").resolve()), "-i", hosts, "--list"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "core-sw-1" in listing.stdout
