"""Exporting Azure subscriptions from the ARM emulator with the real SDK: resources, templates,
role assignments, throttling and failures survived, and the client secret never written."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from exitkit.sandbox.azure_arm import ArmEmulator
from exitkit.sandbox.azure_roles import ADMIN_ROLES, BUILT_IN, CLIENT_ADMINS, EXPORTER_SECRET
from exitkit.sandbox.azure_seed import SUB_ERP, SUB_SHARED, TENANT_ID
from exitkit.sandbox.expected import PROVIDER
from tests.cloud.bundles import (
    account_folder,
    estate_of,
    everything_said,
    export,
    keyed,
    record_of,
    records,
    without_collection_times,
)

ADMIN_NAMES = {"Owner", "Contributor", "User Access Administrator"}


def subscription(asset_id: str, sub: str, endpoint: str, **extra: Any) -> dict[str, Any]:
    asset = {
        "id": asset_id,
        "kind": "cloud_account",
        "cloud": "azure",
        "subscription_id": sub,
        "tenant_id": TENANT_ID,
        "endpoint": endpoint,
    }
    return {**asset, **extra}


def azure_estate(tmp_path: Path, emulator: ArmEmulator, *subs: dict[str, Any]) -> Path:
    return estate_of(
        tmp_path,
        list(subs)
        or [
            subscription(
                "azure-erp", SUB_ERP, emulator.base_url, client_principals=[CLIENT_ADMINS]
            ),
            subscription("azure-shared", SUB_SHARED, emulator.base_url),
        ],
    )


@pytest.fixture
def exported(azure_env: ArmEmulator, tmp_path: Path) -> Path:
    out = tmp_path / "bundle"
    run = export(azure_estate(tmp_path, azure_env), out)
    assert run.code == 0, run
    return out


def test_every_group_and_resource_appears_once_with_its_full_properties(
    azure_env: ArmEmulator, exported: Path
) -> None:
    found = records(exported, "azure-erp") + records(exported, "azure-shared")
    counted = keyed(found)
    expected = [(r.account, r.region, r.type, r.id) for r in azure_env.estate.resources]
    assert len(expected) >= 20
    assert {key: counted[key] for key in expected} == dict.fromkeys(expected, 1)
    by_name = {r["name"]: r for r in found}
    vm = by_name["erp-app-01"]
    assert vm["group"] == "rg-erp-prod" and vm["tags"]["owner"] == "acme"
    assert vm["properties"]["properties"]["hardwareProfile"]["vmSize"] == "Standard_D4s_v5"
    assert vm["source"] == "Resources.GetById@2024-07-01"
    assignments = [r for r in found if r["type"] == "Microsoft.Authorization/roleAssignments"]
    assert len(assignments) == len(azure_env.estate.grants)


def test_every_resource_group_has_its_arm_template(azure_env: ArmEmulator, exported: Path) -> None:
    for asset_id, sub in (("azure-erp", SUB_ERP), ("azure-shared", SUB_SHARED)):
        groups = [
            r
            for r in azure_env.estate.resources
            if r.account == sub and r.type == "Microsoft.Resources/resourceGroups"
        ]
        folder = account_folder(exported, asset_id) / "templates"
        assert sorted(p.stem for p in folder.glob("*.json")) == sorted(g.name for g in groups)
    template = json.loads(
        (account_folder(exported, "azure-erp") / "templates/rg-erp-prod.json").read_text()
    )
    assert template["$schema"].endswith("deploymentTemplate.json#")
    types = {entry["type"] for entry in template["resources"]}
    assert "Microsoft.Compute/virtualMachines" in types


def test_provider_admins_are_listed_and_a_missing_client_admin_is_a_finding(
    azure_env: ArmEmulator, exported: Path
) -> None:
    erp = record_of(exported, "azure-erp", "access.json")
    assert erp["client_admin"] is True and erp["findings"] == []
    rights = {(a["principal"], a["right"]): a["classification"] for a in erp["admins"]}
    assert rights[(CLIENT_ADMINS, "Owner")] == "client"
    provider = {
        g.principal
        for g in azure_env.estate.grants
        if g.account == SUB_ERP and g.side == PROVIDER and g.grant in ADMIN_NAMES
    }
    assert {r["principal"] for r in erp["revoke_at_exit"]} == provider
    assert all(  # what a live revoke_provider_access.yml deletes
        r["assignment_id"].startswith(f"/subscriptions/{SUB_ERP}/")
        and "/providers/Microsoft.Authorization/roleAssignments/" in r["assignment_id"]
        for r in erp["revoke_at_exit"]
    )
    assert {a["right"] for a in erp["admins"]} <= ADMIN_NAMES
    assert {BUILT_IN[role][0] for role in ADMIN_ROLES} <= ADMIN_NAMES

    shared = record_of(exported, "azure-shared", "access.json")
    assert shared["client_admin"] is False
    assert [f["code"] for f in shared["findings"]] == ["cloud-no-client-admin"]


def test_throttling_is_survived_and_changes_nothing_but_the_request_count(
    azure_env: ArmEmulator, exported: Path, tmp_path: Path
) -> None:
    azure_env.throttle_requests(first=2, every=6, retry_after=1.0)
    again = tmp_path / "throttled"
    run = export(azure_estate(tmp_path, azure_env), again)
    assert run.code == 0, run
    assert azure_env.traffic.throttled >= 5
    summary = record_of(again, "azure-erp", "account.json")
    assert summary["complete"] is True
    assert summary["totals"]["requests"] > summary["totals"]["calls"]
    assert records(again, "azure-erp") == records(exported, "azure-erp")


def test_a_failing_call_is_recorded_with_its_reason_and_the_rest_exported(
    azure_env: ArmEmulator, tmp_path: Path
) -> None:
    azure_env.fail_requests(
        r"/resourceGroups/rg-erp-prod/exportTemplate", message="No export here."
    )
    out = tmp_path / "bundle"
    run = export(azure_estate(tmp_path, azure_env), out)
    assert run.code == 0, run
    summary = record_of(out, "azure-erp", "account.json")
    assert summary["complete"] is False
    assert summary["failures"] == [
        {
            "service": "templates",
            "region": "rg-erp-prod",
            "step": "ResourceGroups.exportTemplate",
            "error_class": "access-denied",
            "reason": "AuthorizationFailed: No export here.",
        }
    ]
    templates = account_folder(out, "azure-erp") / "templates"
    assert not (templates / "rg-erp-prod.json").exists()
    assert (templates / "rg-network-hub.json").exists()
    assert any(r["name"] == "erp-app-01" for r in records(out, "azure-erp"))


def test_two_exports_of_an_unchanged_estate_are_identical_but_for_collection_times(
    azure_env: ArmEmulator, exported: Path, tmp_path: Path
) -> None:
    again = tmp_path / "again"
    assert export(azure_estate(tmp_path, azure_env), again).code == 0
    assert without_collection_times(again) == without_collection_times(exported)


def test_subscriptions_and_resources_the_inventory_does_not_declare_are_findings(
    azure_env: ArmEmulator, tmp_path: Path
) -> None:
    out = tmp_path / "bundle"
    estate = azure_estate(
        tmp_path, azure_env, subscription("azure-erp", SUB_ERP, azure_env.base_url)
    )
    assert export(estate, out).code == 0
    findings = record_of(out, "azure-erp", "undeclared.json")["findings"]
    assert [f["account"] for f in findings if f["code"] == "cloud-account-undeclared"] == [
        SUB_SHARED
    ]
    stray = {f["id"] for f in findings if f["code"] == "cloud-resource-undeclared-account"}
    assert stray == {
        r.id
        for r in azure_env.estate.resources
        if r.account == SUB_SHARED and r.type != "Microsoft.Resources/resourceGroups"
    }


def test_a_wrong_secret_fails_the_subscription_and_no_secret_is_ever_written(
    azure_env: ArmEmulator, exported: Path, tmp_path: Path
) -> None:
    wrong = "exitkit-wrong-secret-5Zt8"
    estate = azure_estate(tmp_path, azure_env)
    run = export(estate, tmp_path / "b2", env={"AZURE_CLIENT_SECRET": wrong})
    assert run.code == 1
    assert "FAILED azure-erp (cloud_account): auth" in run.out
    seen = everything_said(exported) + everything_said(tmp_path / "b2", run)
    assert EXPORTER_SECRET not in seen and wrong not in seen
