"""Exporting AWS accounts from moto's server: every seeded resource once, stable output, access
rights classified, failures recorded with their reason, and no credential anywhere."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from exitkit.sandbox.aws_estate import AwsSandbox
from exitkit.sandbox.aws_session import ACCOUNT_PROD, ACCOUNT_SHARED, REGIONS, role_arn
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
from tests.conftest import base_estate, run_exitkit, write_estate

BREAKGLASS = f"arn:aws:iam::{ACCOUNT_PROD}:role/acme-breakglass"
SECRET_KEY = "exitkit-test-secret-Q7v2Lm9xR4"


def aws_account(asset_id: str, account: str, **extra: Any) -> dict[str, Any]:
    asset = {
        "id": asset_id,
        "kind": "cloud_account",
        "cloud": "aws",
        "account_id": account,
        "regions": list(REGIONS),
    }
    if account != ACCOUNT_PROD:
        asset["role_arn"] = role_arn(account)
    return {**asset, **extra}


def aws_estate(tmp_path: Path, *accounts: dict[str, Any]) -> Path:
    return estate_of(
        tmp_path,
        list(accounts)
        or [
            aws_account("aws-prod", ACCOUNT_PROD, client_principals=[BREAKGLASS]),
            aws_account("aws-shared", ACCOUNT_SHARED),
        ],
    )


@pytest.fixture
def exported(aws_env: AwsSandbox, tmp_path: Path) -> Path:
    out = tmp_path / "bundle"
    run = export(aws_estate(tmp_path), out)
    assert run.code == 0, run
    assert "2 exported" in run.out
    return out


def test_every_seeded_resource_appears_once_in_its_account_and_region(
    aws_env: AwsSandbox, exported: Path
) -> None:
    found = keyed(records(exported, "aws-prod") + records(exported, "aws-shared"))
    expected = [(r.account, r.region, r.type, r.id) for r in aws_env.estate.resources]
    assert len(expected) >= 40
    assert {key: found[key] for key in expected} == dict.fromkeys(expected, 1)
    assert max(found.values()) == 1
    by_id = {r["id"]: r for r in records(exported, "aws-prod")}
    assert by_id["acme-erp-db"]["properties"]["Engine"] == "postgres"
    bucket = by_id[f"acme-prod-data-{ACCOUNT_PROD}"]
    assert bucket["tags"] == {"owner": "acme"}
    assert bucket["properties"]["Versioning"] == {"Status": "Enabled"}
    assert bucket["properties"]["Policy"]["Statement"][0]["Sid"] == "DenyInsecureTransport"
    queue = by_id["acme-orders"]
    assert (queue["type"], queue["tags"]) == ("sqs:queue", {"owner": "acme"})


def test_stack_templates_are_files_and_manifest_entries_name_their_schema(exported: Path) -> None:
    folder = account_folder(exported, "aws-prod")
    template = json.loads(
        (folder / "templates/cloudformation/eu-west-3/acme-notifications.json").read_text()
    )
    assert template["Resources"]["AlertsTopic"]["Type"] == "AWS::SNS::Topic"
    manifest = json.loads((exported / "manifest.json").read_text())
    schemas = {e["path"]: e.get("schema") for e in manifest["files"]}
    prefix = "assets/cloud_account/aws-prod/"
    assert schemas[prefix + "resources/ec2/eu-west-3.jsonl"] == "cloud-resource.v1"
    assert schemas[prefix + "access.json"] == "cloud-access.v1"
    assert schemas[prefix + "account.json"] == "cloud-account.v1"
    assert schemas[prefix + "undeclared.json"] == "cloud-undeclared.v1"


def test_the_account_record_says_what_was_read_where_with_how_many_calls(exported: Path) -> None:
    summary = record_of(exported, "aws-prod", "account.json")
    assert summary["complete"] is True and summary["failures"] == []
    assert summary["identity"].startswith(f"arn:aws:sts::{ACCOUNT_PROD}:")
    rows = {(s["service"], s["region"]): s for s in summary["services"]}
    assert rows[("ec2", "eu-west-3")]["resources"] >= 10
    assert rows[("iam", "global")]["calls"] >= 1
    assert summary["totals"]["calls"] == sum(s["calls"] for s in summary["services"])
    shared = record_of(exported, "aws-shared", "account.json")
    assert shared["identity"].startswith(
        f"arn:aws:sts::{ACCOUNT_SHARED}:assumed-role/exitkit-audit/"
    )


def test_two_exports_of_an_unchanged_estate_are_identical_but_for_collection_times(
    aws_env: AwsSandbox, exported: Path, tmp_path: Path
) -> None:
    again = tmp_path / "again"
    assert export(aws_estate(tmp_path), again).code == 0
    assert without_collection_times(again) == without_collection_times(exported)


def test_provider_admins_are_listed_for_revocation_and_a_missing_client_admin_is_a_finding(
    aws_env: AwsSandbox, exported: Path
) -> None:
    prod = record_of(exported, "aws-prod", "access.json")
    assert prod["client_admin"] is True
    classes = {a["principal"]: a["classification"] for a in prod["admins"]}
    assert classes[BREAKGLASS] == "client"
    assert classes[f"arn:aws:iam::{ACCOUNT_PROD}:root"] == "unknown"
    provider = {g.principal for g in aws_env.estate.admins(PROVIDER) if g.account == ACCOUNT_PROD}
    assert {r["principal"] for r in prod["revoke_at_exit"]} == provider
    msp_admin = f"arn:aws:iam::{ACCOUNT_PROD}:role/msp-admin"
    assert {
        "principal": msp_admin,
        "type": "role",
        "name": "msp-admin",
        "right": "AdministratorAccess",
        "policy_arn": "arn:aws:iam::aws:policy/AdministratorAccess",
    } in prod["revoke_at_exit"]  # what a live revoke_provider_access.yml detaches
    assert "cloud-no-client-admin" not in {f["code"] for f in prod["findings"]}

    shared = record_of(exported, "aws-shared", "access.json")  # no client principal declared
    assert shared["client_admin"] is False
    assert "cloud-no-client-admin" in {f["code"] for f in shared["findings"]}
    assert f"arn:aws:iam::{ACCOUNT_SHARED}:role/msp-admin" in {
        r["principal"] for r in shared["revoke_at_exit"]
    }


def test_a_failing_service_and_region_are_recorded_and_the_rest_exported(
    aws_env: AwsSandbox, tmp_path: Path
) -> None:
    estate = aws_estate(
        tmp_path,
        aws_account("aws-prod", ACCOUNT_PROD, regions=["eu-west-3", "mars-north-1"]),
    )
    out = tmp_path / "bundle"
    run = export(estate, out, env={"AWS_ENDPOINT_URL_RDS": "http://127.0.0.1:9"})
    assert run.code == 0, run
    summary = record_of(out, "aws-prod", "account.json")
    assert summary["complete"] is False
    failed = {(f["service"], f["region"]): f for f in summary["failures"]}
    assert failed[("rds", "eu-west-3")]["error_class"] == "unreachable"
    assert "127.0.0.1:9" in failed[("rds", "eu-west-3")]["reason"]
    assert {s for s, region in failed if region == "mars-north-1"} >= {"ec2", "kms", "lambda"}
    assert failed[("ec2", "mars-north-1")]["error_class"] == "service-error"
    assert "cloud-collection-partial" in {f["code"] for f in summary["findings"]}
    found = keyed(records(out, "aws-prod"))
    assert not any(region == "mars-north-1" for _, region, _, _ in found)
    assert any(kind == "ec2:instance" and region == "eu-west-3" for _, region, kind, _ in found)


def test_an_unreachable_cloud_fails_that_account_only(aws_env: AwsSandbox, tmp_path: Path) -> None:
    estate = base_estate()
    estate["assets"].append(aws_account("aws-prod", ACCOUNT_PROD, client_principals=[BREAKGLASS]))
    folder = write_estate(tmp_path / "estate", estate)
    run = run_exitkit(
        "export", folder, "--out", tmp_path / "b", env={"AWS_ENDPOINT_URL": "http://127.0.0.1:9"}
    )
    assert run.code == 1
    assert "FAILED aws-prod (cloud_account): unreachable" in run.out
    assert "3 exported" in run.out


def test_credentials_of_another_account_fail_with_a_clear_reason(
    aws_env: AwsSandbox, tmp_path: Path
) -> None:
    shared = aws_account("aws-shared", ACCOUNT_SHARED)
    del shared["role_arn"]
    run = export(aws_estate(tmp_path, shared), tmp_path / "bundle")
    assert run.code == 1
    assert f"wrong-account: the credentials reach account {ACCOUNT_PROD}" in run.out


def test_reachable_accounts_the_inventory_does_not_declare_are_findings(
    aws_env: AwsSandbox, tmp_path: Path
) -> None:
    out = tmp_path / "bundle"
    assert export(aws_estate(tmp_path, aws_account("aws-shared", ACCOUNT_SHARED)), out).code == 0
    undeclared = record_of(out, "aws-shared", "undeclared.json")
    assert [(f["code"], f["account"]) for f in undeclared["findings"]] == [
        ("cloud-account-undeclared", ACCOUNT_PROD)
    ]
    sources = {c["source"] for c in undeclared["checked"]}
    assert sources == {"sts:GetCallerIdentity", "organizations:ListAccounts"}


def test_no_credential_value_reaches_the_bundle_or_the_output(
    aws_env: AwsSandbox, tmp_path: Path
) -> None:
    env = {"AWS_ACCESS_KEY_ID": "AKIAEXITKITTEST00001", "AWS_SECRET_ACCESS_KEY": SECRET_KEY}
    out = tmp_path / "bundle"
    estate = aws_estate(
        tmp_path,
        aws_account("aws-prod", ACCOUNT_PROD, regions=["eu-west-3"]),
        aws_account("aws-shared", ACCOUNT_SHARED, regions=["eu-west-3", "mars-north-1"]),
    )
    run = export(estate, out, env=env)
    assert run.code == 0, run
    broken = export(estate, tmp_path / "b2", env={**env, "AWS_ENDPOINT_URL": "http://127.0.0.1:9"})
    seen = everything_said(out, run, broken) + everything_said(tmp_path / "b2")
    assert SECRET_KEY not in seen
    assert "FQoGZXIvYXdz" not in seen  # the prefix of every session token moto hands out
    assert "sandbox-only-password" not in seen  # the database's master password


def test_verify_checks_every_line_of_an_exported_cloud_bundle(exported: Path) -> None:
    run = run_exitkit("verify", exported)
    assert run.code == 0, run
    assert "result:       OK" in run.out


# botocore service:Operation -> the IAM action that allows it, where the two differ
IAM_ACTION = {
    "s3:ListBuckets": "s3:ListAllMyBuckets",
    "s3:GetBucketEncryption": "s3:GetEncryptionConfiguration",
}
IAM_PREFIX = {"resourcegroupstaggingapi": "tag"}


def test_the_shipped_read_only_policy_allows_exactly_the_calls_exitkit_makes(
    aws_env: AwsSandbox, exported: Path, tmp_path: Path
) -> None:
    narrow = tmp_path / "narrow"  # buckets outside the regions; regions from the account
    shared = aws_account("aws-shared", ACCOUNT_SHARED)
    del shared["regions"]
    estate = aws_estate(
        tmp_path, aws_account("aws-prod", ACCOUNT_PROD, regions=["eu-west-3"]), shared
    )
    assert export(estate, narrow).code == 0
    made = set()
    for bundle, asset_id in ((exported, "aws-prod"), (narrow, "aws-prod"), (narrow, "aws-shared")):
        for operation in record_of(bundle, asset_id, "account.json")["operations"]:
            service, name = operation.split(":")
            made.add(IAM_ACTION.get(operation, f"{IAM_PREFIX.get(service, service)}:{name}"))
    made.discard("sts:AssumeRole")  # allowed by the role's trust policy, not by this policy
    assert record_of(narrow, "aws-shared", "account.json")["regions_from"] == "enabled regions"
    policy_file = Path(__file__).parents[2] / "access" / "aws-exitkit-readonly-policy.json"
    policy = json.loads(policy_file.read_text())
    allowed = {action for statement in policy["Statement"] for action in statement["Action"]}
    assert made == allowed
