"""Checks that read other exporters' records: restore on a lab device, cloud access, undeclared."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import Run, base_estate, write_estate
from tests.plan.commands import plan_start

LAB_PASSWORD, LAB_SECRET = "lab-Pa55word", "lab-En4ble"


def write_record(
    bundle: Path, kind: str, asset: str, name: str, content: str | dict[str, Any]
) -> str:
    """A file the network or cloud exporter would write; returns its sha256."""
    path = bundle / "assets" / kind / asset / name
    path.parent.mkdir(parents=True, exist_ok=True)
    data = content if isinstance(content, str) else json.dumps(content)
    path.write_text(data)
    (bundle / "manifest.json").touch()
    return hashlib.sha256(data.encode()).hexdigest()


LAB_LOGIN = {
    "lab": {"username": "netops", "password": {"env": "LAB_PW"}, "secret": {"env": "LAB_EN"}}
}


def start_plan(
    exitkit: Callable[..., Run],
    estate: Path,
    tmp_path: Path,
    checks: str,
    bundle: Path,
    env: dict[str, str] | None = None,
    export: bool = False,
) -> Path:
    """A one-milestone plan with these checks (and an export of network devices), started today."""
    plan, state = tmp_path / "plan.yaml", tmp_path / "state.db"
    run = "[{export: {kinds: [network_device]}}]" if export else "[]"
    plan.write_text(
        textwrap.dedent(f"""\
        version: 1
        milestones:
          - {{id: m1-proof, title: Proof, due_day: 30, run: {run}, checks: {checks}}}
        """)
    )
    today = dt.date.today().isoformat()
    started = plan_start(exitkit, plan, estate, state, today, "--bundle", bundle, env=env)
    assert started.code == 0, started
    return state


@pytest.fixture
def network_estate(tmp_path: Path) -> Path:
    estate = base_estate(
        credentials=LAB_LOGIN,
        assets=[
            {
                "id": "core-sw-1",
                "kind": "network_device",
                "platform": "cisco_ios",
                "host": "192.0.2.10",
                "credentials": "lab",
                "criticality": "P1",
            },
            {
                "id": "edge-fw-1",
                "kind": "network_device",
                "platform": "juniper_junos",
                "host": "192.0.2.11",
                "credentials": "lab",
            },
        ],
    )
    return write_estate(tmp_path / "estate", estate)


def test_restore_test_reapplies_an_exported_configuration_to_a_blank_lab_device(
    exitkit: Callable[..., Run], tmp_path: Path, device_farm_factory: Any
) -> None:
    farm = device_farm_factory(
        count=1, platforms=["cisco_ios"], password=LAB_PASSWORD, enable_secret=LAB_SECRET
    )
    production, lab = farm.device("ios-001"), farm.add_blank_device("cisco_ios")
    device = {
        "id": "core-sw-1",
        "kind": "network_device",
        "platform": "cisco_ios",
        "host": production.host,
        "port": production.port,
        "credentials": "lab",
    }
    estate = write_estate(tmp_path / "estate", base_estate(credentials=LAB_LOGIN, assets=[device]))
    farm.write_known_hosts(estate / "known_hosts")
    env = {"LAB_PW": LAB_PASSWORD, "LAB_EN": LAB_SECRET}
    lab_spec = f"{{platform: cisco_ios, host: 127.0.0.1, port: {lab.port}, credentials: lab}}"
    checks = f"[{{complete: {{kinds: [network_device]}}}}, {{restore_test: {{lab: {lab_spec}}}}}]"
    state = start_plan(exitkit, estate, tmp_path, checks, tmp_path / "bundle", env, export=True)

    ran = exitkit("plan", "run", "m1-proof", "--state", state, env=env)
    checked = exitkit("plan", "check", "m1-proof", "--state", state, env=env)
    status = exitkit("plan", "status", "--state", state, "--json")

    assert ran.code == 0, ran
    assert checked.code == 0, checked
    assert "pass restore_test: configuration of core-sw-1 re-applied to the lab and matched" in (
        checked.out
    )
    assert "hostname ios-001" in farm.config_of(lab.name)
    test = status.json["milestones"][0]["checks"][1]["evidence"]["tests"][0]
    assert test["missing_lines"] == [] and test["applied_lines"] > 20 and test["skipped_lines"] > 0
    exported = tmp_path / "bundle" / "assets" / "network_device" / "core-sw-1" / "running.cfg"
    assert test["config"]["sha256"] == hashlib.sha256(exported.read_bytes()).hexdigest()
    events = state.parent / "plan-evidence" / "m1-proof" / "restore_test-core-sw-1.events.json"
    assert hashlib.sha256(events.read_bytes()).hexdigest() == test["run"]["events"]["sha256"]
    assert LAB_PASSWORD not in events.read_text() and LAB_SECRET not in events.read_text()


def test_restore_test_without_a_lab_or_without_records_fails_and_says_why(
    exitkit: Callable[..., Run], network_estate: Path, tmp_path: Path
) -> None:
    bundle = tmp_path / "bundle"
    (bundle).mkdir()
    (bundle / "manifest.json").touch()
    lab = "{lab: {platform: cisco_ios, host: 127.0.0.1, port: 1, credentials: lab}}"
    state = start_plan(
        exitkit, network_estate, tmp_path, f"[restore_test, {{restore_test: {lab}}}]", bundle
    )

    checked = exitkit("plan", "check", "m1-proof", "--state", state)

    assert checked.code == 1
    assert "FAIL restore_test: no lab device configured" in checked.out
    assert (
        "FAIL restore_test: no evidence: no exported cisco_ios configuration to restore"
        in checked.out
    )


def test_a_lab_with_unknown_credentials_is_refused_when_the_plan_loads(
    exitkit: Callable[..., Run], network_estate: Path, tmp_path: Path
) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        yaml.safe_dump(
            {
                "version": 1,
                "milestones": [
                    {
                        "id": "m1",
                        "title": "t",
                        "due_day": 5,
                        "checks": [
                            {
                                "restore_test": {
                                    "lab": {
                                        "platform": "cisco_ios",
                                        "host": "h",
                                        "credentials": "nope",
                                    }
                                }
                            }
                        ],
                    }
                ],
            }
        )
    )

    done = exitkit("plan", "validate", plan, "--inventory", network_estate)

    assert done.code == 2
    assert "credentials 'nope' are not defined in estate.yaml" in done.err


@pytest.fixture
def cloud_estate(tmp_path: Path) -> Path:
    estate = base_estate(
        assets=[
            {
                "id": "aws-prod",
                "kind": "cloud_account",
                "cloud": "aws",
                "account_id": "123456789012",
            },
            {
                "id": "azure-erp",
                "kind": "cloud_account",
                "cloud": "azure",
                "subscription_id": "00000000-0000-0000-0000-000000000001",
            },
        ]
    )
    return write_estate(tmp_path / "estate", estate)


def test_cloud_checks_read_the_access_records_and_fail_without_evidence(
    exitkit: Callable[..., Run], cloud_estate: Path, tmp_path: Path
) -> None:
    bundle = tmp_path / "bundle"
    admins = [
        {
            "principal": "arn:aws:iam::123456789012:role/acme-breakglass",
            "type": "role",
            "right": "AdministratorAccess",
            "classification": "client",
        }
    ]
    write_record(
        bundle,
        "cloud_account",
        "aws-prod",
        "access.json",
        {"admins": admins, "client_admin": True, "revoke_at_exit": [], "findings": []},
    )
    write_record(
        bundle,
        "cloud_account",
        "aws-prod",
        "undeclared.json",
        {"findings": [{"resource": "arn:aws:ec2:eu-west-3:123456789012:instance/i-1"}]},
    )
    state = start_plan(
        exitkit, cloud_estate, tmp_path, "[client_admin_everywhere, no_undeclared_assets]", bundle
    )

    checked = exitkit("plan", "check", "m1-proof", "--state", state)

    assert checked.code == 1
    assert (
        "FAIL client_admin_everywhere: 1 of 2 account(s): azure-erp: no evidence (access.json absent)"
        in checked.out
    )
    assert (
        "FAIL no_undeclared_assets: 2 of 2 account(s): aws-prod: 1 undeclared resource(s); "
        in checked.out
    )
    assert "azure-erp: no evidence (undeclared.json absent)" in checked.out


def test_the_client_holding_admin_everywhere_passes(
    exitkit: Callable[..., Run], cloud_estate: Path, tmp_path: Path
) -> None:
    bundle = tmp_path / "bundle"
    for account in ("aws-prod", "azure-erp"):
        write_record(
            bundle,
            "cloud_account",
            account,
            "access.json",
            {"admins": [], "client_admin": True, "revoke_at_exit": [], "findings": []},
        )
        write_record(bundle, "cloud_account", account, "undeclared.json", {"findings": []})
    state = start_plan(
        exitkit, cloud_estate, tmp_path, "[client_admin_everywhere, no_undeclared_assets]", bundle
    )

    checked = exitkit("plan", "check", "m1-proof", "--state", state)

    assert checked.code == 0, checked
    assert "pass client_admin_everywhere: the client is admin on all 2 account(s)" in checked.out
    assert "pass no_undeclared_assets: nothing undeclared in 2 account(s)" in checked.out
