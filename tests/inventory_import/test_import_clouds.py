"""Importing cloud accounts: AWS Organizations (moto's server, boto3's standard chain) and the
Azure subscriptions a credential sees (the ARM emulator, azure-identity and the real SDK)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest
import yaml

from exitkit.sandbox.aws_estate import AwsSandbox
from exitkit.sandbox.aws_session import assume_role_credentials
from exitkit.sandbox.azure_arm import ArmEmulator
from exitkit.sandbox.azure_seed import SUB_ERP, SUB_SHARED, TENANT_ID
from tests.inventory_import.conftest import assert_hand_written_kept, run_import, text_of

MANAGEMENT = "210987654321"  # an account of its own: the demo estate's accounts stay as seeded


@pytest.fixture(scope="session")
def moto() -> Iterator[AwsSandbox]:
    """Moto's server, not seeded (the organisation below is all these tests need)."""
    with AwsSandbox() as sandbox:
        yield sandbox


@pytest.fixture(scope="session")
def organization(moto: AwsSandbox) -> dict[str, str]:
    """An organisation with two members, one of them closed (suspended); returns its keys."""
    arn = f"arn:aws:iam::{MANAGEMENT}:role/org-admin"
    keys = assume_role_credentials(moto.endpoint_url, arn, "exitkit-test")
    client = boto3.session.Session().client(
        "organizations", region_name="us-east-1", endpoint_url=moto.endpoint_url, **keys
    )
    if not client.list_accounts()["Accounts"]:
        client.create_organization(FeatureSet="ALL")
        client.create_account(Email="erp@acme.example", AccountName="Acme ERP")
        closed = client.create_account(Email="old@acme.example", AccountName="Acme Old Data")
        client.close_account(AccountId=closed["CreateAccountStatus"]["AccountId"])
    return keys


@pytest.fixture
def aws_org(
    moto: AwsSandbox, organization: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> Iterator[AwsSandbox]:
    """boto3's standard chain (environment) holding the management account's keys."""
    for name in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ROLE_ARN"):
        monkeypatch.delenv(name, raising=False)
    for name, value in moto.env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", organization["aws_access_key_id"])
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", organization["aws_secret_access_key"])
    monkeypatch.setenv("AWS_SESSION_TOKEN", organization["aws_session_token"])
    yield moto


def test_accounts_and_subscriptions_are_imported_once(
    estate: Path, aws_org: AwsSandbox, azure_env: ArmEmulator
) -> None:
    sources = [
        "aws-organizations:?role-name=exitkit-audit&regions=eu-west-3",
        f"azure:?endpoint={azure_env.base_url}",
    ]
    report = run_import(estate, *sources)
    assert not report.harvests[1].failure, report.harvests[1].failure
    assert_hand_written_kept(text_of(estate))
    assets = {a["id"]: a for a in yaml.safe_load(text_of(estate))["assets"]}
    erp = assets["acme-erp"]
    assert erp["cloud"] == "aws" and len(erp["account_id"]) == 12
    assert erp["role_arn"] == f"arn:aws:iam::{erp['account_id']}:role/exitkit-audit"
    assert erp["regions"] == ["eu-west-3"]
    assert erp["labels"] == {"source": "aws-organizations", "name": "Acme ERP"}
    assert assets["master"]["account_id"] == MANAGEMENT  # moto names the management account so
    [suspended] = report.harvests[0].skipped
    assert (
        suspended.name == "Acme Old Data"
        and suspended.reason == "the account is suspended, not active"
    )
    production = assets["acme-erp-production"]
    assert production == {
        "id": "acme-erp-production",
        "kind": "cloud_account",
        "cloud": "azure",
        "subscription_id": SUB_ERP,
        "tenant_id": TENANT_ID,
        "endpoint": azure_env.base_url,
        "labels": {"source": "azure", "name": "Acme ERP Production"},
    }
    assert assets["acme-shared-services"]["subscription_id"] == SUB_SHARED
    first = text_of(estate)
    again = run_import(estate, *sources)
    assert text_of(estate) == first and again.diff == ""
    assert len(again.outcome.unchanged) == 4


def test_a_credential_azure_refuses_is_a_failed_source_without_its_secret(
    estate: Path, azure_env: ArmEmulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AZURE_CLIENT_SECRET", "not-the-secret-0123456789")
    report = run_import(estate, f"azure:?endpoint={azure_env.base_url}")
    failure = report.harvests[0].failure or ""
    assert failure.startswith("Azure subscriptions cannot be listed: ")
    assert "not-the-secret-0123456789" not in failure
    assert report.problems and not report.written
