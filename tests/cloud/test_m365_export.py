"""Exporting a Microsoft 365 tenant through the Graph emulator: who administers it, partner
access, licences against the inventory, domains, conditional access; a failing or throttled
part recorded and skipped; nothing personal and no secret in the bundle."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from exitkit.bundle import schemas
from exitkit.sandbox.azure_arm import ArmEmulator
from exitkit.sandbox.azure_roles import EXPORTER_SECRET
from exitkit.sandbox.graph_seed import (
    EXCHANGE_SP,
    GDAP_ACTIVE,
    GDAP_EXPIRED,
    GDAP_OTHER,
    PERSONAL,
    PORTAL_APP_ID,
    RMM_APP_ID,
    RMM_SP,
    directory_objects,
)
from tests.cloud.bundles import account_folder, estate_of, everything_said, export, record_of
from tests.cloud.m365_bundles import ACCESS_FILE, granted, graph, licence, lines, tenant

__all__ = ["graph"]  # the fixture


@pytest.fixture(scope="module")
def exported(azure_sandbox: ArmEmulator, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One export of the seeded tenant, read by every test that only looks."""
    azure_sandbox.graph.reset()
    azure_sandbox.graph.grant(*granted())  # exactly what access/ lists, nothing more
    folder = tmp_path_factory.mktemp("m365")
    out = folder / "bundle"
    estate = estate_of(folder, [tenant(azure_sandbox.base_url), licence(120)])
    run = export(estate, out, env=azure_sandbox.env)
    assert run.code == 0, run
    return out


def test_a_tenant_whose_only_global_admin_is_the_providers_lists_what_to_revoke(
    exported: Path,
) -> None:
    access = record_of(exported, "m365", "access.json")
    assert access["cloud"] == "microsoft365" and access["client_admin"] is False
    no_admin = [f for f in access["findings"] if f["code"] == "cloud-no-client-admin"]
    assert len(no_admin) == 1
    assert "no client principal holds Global Administrator" in no_admin[0]["message"]
    assert "msp-admin@acme.onmicrosoft.com" in no_admin[0]["message"]
    revoke = access["revoke_at_exit"]
    relationships = {r.get("relationship_id") for r in revoke} - {None}
    assert relationships == {GDAP_ACTIVE}  # not the expired one, not another customer's
    assert GDAP_EXPIRED not in json.dumps(revoke) and GDAP_OTHER not in json.dumps(revoke)
    assignments = {r.get("role_assignment_id") for r in revoke} - {None}
    assert {"ra-ga-msp-admin", "ra-hd-msp-helpdesk", "ra-pra-rmm"} == assignments
    apps = {
        (r["app_id"], r.get("app_role_assignment_id") or r["grant_id"])
        for r in revoke
        if "app_id" in r
    }
    assert apps == {(RMM_APP_ID, "ara-201-1"), (PORTAL_APP_ID, "grant-portal-all")}
    assert [r["eligibility_id"] for r in revoke if "eligibility_id" in r] == ["es-pra-msp-tier2"]
    assert EXCHANGE_SP not in json.dumps(revoke)  # Microsoft's own app is nobody's to revoke
    client = {a["name"] for a in access["admins"] if a["classification"] == "client"}
    assert client == {"alice.martin@acme.example", "Acme IT Admins"}


def test_every_role_holder_is_resolved_and_privileged_roles_are_flagged(exported: Path) -> None:
    roles = lines(exported, "directory-roles.jsonl")
    by_id = {r["id"]: r for r in roles}
    assert {r["assignment"] for r in roles} == {"active", "eligible"}
    ga = by_id["ra-ga-msp-admin"]
    assert ga["role"]["name"] == "Global Administrator" and ga["role"]["privileged"] is True
    assert ga["principal"] == {
        "id": "d0000000-0000-4000-8000-000000000001",
        "type": "User",
        "display_name": "MSP Administrator",
        "upn": "msp-admin@acme.onmicrosoft.com",
    }
    assert ga["classification"] == "provider"
    assert by_id["ra-sr-acme-it"]["principal"]["type"] == "Group"
    assert by_id["ra-pra-rmm"]["principal"]["type"] == "ServicePrincipal"
    assert by_id["ra-ua-deleted"]["classification"] == "unknown"
    assert by_id["es-exa-alice"]["role"]["privileged"] is False  # Exchange Administrator
    assert by_id["es-exa-alice"]["end"] == "2027-01-05T09:00:00Z"
    counts = record_of(exported, "m365", "tenant.json")["counts"]
    assert counts["global_administrators"] == {"provider": 1}
    assert counts["role_assignments"] == {"active": 7, "eligible": 2}


def test_partner_relationships_and_foreign_apps_are_exported_from_the_customer_side(
    exported: Path,
) -> None:
    relationships = {r["id"]: r for r in lines(exported, "partner-relationships.jsonl")}
    assert set(relationships) == {GDAP_ACTIVE, GDAP_EXPIRED}
    active = relationships[GDAP_ACTIVE]
    assert (active["status"], active["live"], active["end"]) == (
        "active",
        True,
        "2027-03-02T08:30:00Z",
    )
    assert [r["name"] for r in active["roles"]] == [
        "Global Administrator", "Exchange Administrator", "Helpdesk Administrator"
    ]  # fmt: skip
    apps = {a["service_principal_id"]: a for a in lines(exported, "partner-apps.jsonl")}
    assert apps[RMM_SP]["directory_write"] == ["Directory.ReadWrite.All"]
    assert sum(1 for a in apps.values() if not a["directory_write"]) == 1  # reporting: read only


def test_a_declared_quantity_that_differs_names_both_numbers(exported: Path) -> None:
    licences = record_of(exported, "m365", "licences.json")
    codes = {(f["code"], f["id"]) for f in licences["findings"]}
    assert ("licence-quantity-differs", "m365-business") in codes
    differs = next(f for f in licences["findings"] if f["code"] == "licence-quantity-differs")
    assert (
        "declares 120" in differs["message"]
        and "has 100 enabled units of SPB" in differs["message"]
    )
    assert ("licence-undeclared", "EXCHANGESTANDARD") in codes
    assert ("licence-sold-by-partner", "s-spb") in codes  # bought through the provider: lock-in
    spb = next(s for s in licences["subscriptions"] if s["part_number"] == "SPB")
    assert spb["through_partner"] is True and spb["trial"] is False
    undeclared = record_of(exported, "m365", "undeclared.json")["findings"]
    assert sorted(f["id"] for f in undeclared) == ["AAD_PREMIUM_P2", "EXCHANGESTANDARD"]


def test_domains_and_conditional_access_are_kept_as_configuration(exported: Path) -> None:
    domains = record_of(exported, "m365", "domains.json")
    assert (domains["initial"], domains["default"]) == ("acme.onmicrosoft.com", "acme.example")
    assert "acme-shop.example" not in domains["verified"]
    access = lines(exported, "conditional-access.jsonl")
    assert [(r["type"], r["id"]) for r in access] == [
        ("named-location", "nl-eu"), ("named-location", "nl-lyon-office"),
        ("policy", "ca-block-outside-eu"), ("policy", "ca-mfa-admins"),
    ]  # fmt: skip
    mfa = access[-1]["configuration"]
    assert mfa["grantControls"]["builtInControls"] == ["mfa"]


def _keys(value: object) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    return {k for v in value for k in _keys(v)} if isinstance(value, list) else set()


def test_the_bundle_keeps_no_user_attribute_beyond_id_upn_and_display_name(exported: Path) -> None:
    said = everything_said(exported)
    records = [json.loads(line) for p in account_folder(exported, "m365").iterdir()
               for line in p.read_text().splitlines() if p.suffix == ".jsonl"]  # fmt: skip
    records += [json.loads(p.read_text()) for p in account_folder(exported, "m365").glob("*.json")]
    assert not _keys(records) & set(PERSONAL)
    users = [o for o in directory_objects().values() if o["@odata.type"].endswith("user")]
    for user in users:
        named = user["displayName"] + " " + user["userPrincipalName"]  # what may be kept
        for attribute in PERSONAL:
            value = user[attribute]
            for one in map(str, value if isinstance(value, list) else [value]):
                if len(one) >= 5 and one not in named:
                    assert one not in said, (attribute, one)
    holders = {line["principal"]["id"] for line in lines(exported, "directory-roles.jsonl")}
    for user in users:
        if user["id"] not in holders:  # not a role holder: not even named
            assert user["userPrincipalName"] not in said and user["id"] not in said
    for line in lines(exported, "directory-roles.jsonl"):
        assert set(line["principal"]) <= {"id", "type", "display_name", "upn", "app_id"}


def test_a_failing_part_is_recorded_and_the_rest_exported(
    graph: ArmEmulator, tmp_path: Path
) -> None:
    graph.graph.faults.fail(
        r"/roleEligibilitySchedules", 400, "AadPremiumLicenseRequired",
        "The tenant needs a Microsoft Entra ID P2 licence for this request.",
    )  # fmt: skip
    out = tmp_path / "bundle"
    run = export(estate_of(tmp_path, [tenant(graph.base_url)]), out)
    assert run.code == 0, run
    summary = record_of(out, "m365", "account.json")
    assert summary["complete"] is False
    assert summary["failures"] == [
        {
            "service": "pim-eligible",
            "region": "tenant",
            "step": "roleEligibilitySchedules",
            "error_class": "api-error",
            "reason": "AadPremiumLicenseRequired: The tenant needs a Microsoft Entra ID P2 "
            "licence for this request.",
        }
    ]
    assert [f["code"] for f in summary["findings"]] == ["cloud-collection-partial"]
    assert {r["assignment"] for r in lines(out, "directory-roles.jsonl")} == {"active"}
    access = record_of(out, "m365", "access.json")
    assert "cloud-access-incomplete" in [f["code"] for f in access["findings"]]
    parts = {p["part"]: p["status"] for p in record_of(out, "m365", "tenant.json")["parts"]}
    assert parts["pim-eligible"] == "failed" and parts["licences"] == "read"
    folder = account_folder(out, "m365")
    assert (folder / "licences.json").is_file() and (folder / "domains.json").is_file()


def test_throttling_is_waited_out_and_a_wait_past_the_bound_fails_that_part_alone(
    graph: ArmEmulator, exported: Path, tmp_path: Path
) -> None:
    faults = graph.graph.faults
    faults.reset()
    faults.throttle(r"/subscribedSkus$", times=2, retry_after=1)
    faults.throttle(r"/domains$", times=1, retry_after=3600)
    out = tmp_path / "throttled"
    run = export(estate_of(tmp_path, [tenant(graph.base_url), licence(120)]), out)
    assert run.code == 0, run
    assert [status for _, _, _, status in faults.traffic.calls("/subscribedSkus")] == [
        429,
        429,
        200,
    ]
    assert faults.traffic.early == 0  # never asked again before Retry-After had passed
    assert record_of(out, "m365", "licences.json") == record_of(exported, "m365", "licences.json")
    assert [status for _, _, _, status in faults.traffic.calls("/domains")] == [429]  # not repeated
    failures = record_of(out, "m365", "account.json")["failures"]
    assert [(f["service"], f["error_class"]) for f in failures] == [("domains", "throttled")]
    assert "asked to wait 3600 s" in failures[0]["reason"]
    assert not (account_folder(out, "m365") / "domains.json").exists()


def test_a_wrong_secret_fails_the_tenant_and_no_secret_or_token_is_ever_written(
    graph: ArmEmulator, exported: Path, tmp_path: Path
) -> None:
    wrong = "exitkit-wrong-secret-m365-7Qp"
    run = export(
        estate_of(tmp_path, [tenant(graph.base_url)]), tmp_path / "b2",
        env={"AZURE_CLIENT_SECRET": wrong},
    )  # fmt: skip
    assert run.code == 1
    assert "FAILED m365 (cloud_account): auth" in run.out
    said = everything_said(exported) + everything_said(tmp_path / "b2", run)
    assert EXPORTER_SECRET not in said and wrong not in said
    assert "eyJ" not in said  # no JWT (bearer token) anywhere
    for path in account_folder(exported, "m365").glob("*.json"):
        record = json.loads(path.read_text())
        assert schemas.problems(record, record["schema"]) == [], path


def test_the_permissions_access_lists_are_exactly_those_the_export_needs(exported: Path) -> None:
    from exitkit.cloud.m365.permissions import access_file, permission_of

    summary = record_of(exported, "m365", "account.json")
    assert summary["complete"] is True  # granted only what the file lists: enough for every part
    used = {permission_of(operation) for operation in summary["operations"]}
    assert used == set(granted())  # and each of them is used
    assert json.loads(ACCESS_FILE.read_text()) == access_file()  # the file is the generated one
    assert all(
        p["value"].endswith((".Read.All", ".Read.Directory")) for p in access_file()["permissions"]
    )  # type: ignore[attr-defined]
