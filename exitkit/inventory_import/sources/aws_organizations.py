"""AWS Organizations: the organisation's active accounts, through boto3's standard chain
(profiles, environment, `AWS_ENDPOINT_URL`). Run it with the management account's credentials.

    aws-organizations:?role-name=exitkit-audit&regions=eu-west-3,eu-west-1
"""

from __future__ import annotations

from typing import Any

from exitkit.inventory_import import candidates
from exitkit.inventory_import.records import Candidate, Harvest, Skip
from exitkit.inventory_import.sources import ImportContext, source
from exitkit.inventory_import.spec import SourceError, SourceSpec

KIND = "aws-organizations"


@source(KIND, ("role-name", "regions"), "aws-organizations:")
def read_organization(spec: SourceSpec, ctx: ImportContext) -> Harvest:
    if spec.where:
        raise SourceError(f"{spec.text}: aws-organizations takes no path (aws-organizations:)")
    role = spec.one("role-name")
    regions = [r.strip() for r in (spec.one("regions") or "").split(",") if r.strip()]
    harvest = Harvest(spec.text, KIND)
    import botocore.exceptions

    try:
        accounts = _accounts()
    except (botocore.exceptions.BotoCoreError, botocore.exceptions.ClientError) as error:
        harvest.failure = f"AWS Organizations cannot be read: {error}"
        return harvest
    harvest.read = len(accounts)
    for account in accounts:
        harvest.add(_candidate(account, role, regions))
    return harvest


def _accounts() -> list[dict[str, Any]]:
    import boto3

    session = boto3.session.Session()
    client = session.client("organizations", region_name=session.region_name or "us-east-1")
    accounts: list[dict[str, Any]] = []
    for page in client.get_paginator("list_accounts").paginate():
        accounts.extend(page.get("Accounts", []))
    return accounts


def _candidate(account: dict[str, Any], role: str | None, regions: list[str]) -> Candidate | Skip:
    number = str(account["Id"])
    name = str(account.get("Name") or f"aws-{number}")
    origin = f"AWS account {number}"
    status = str(account.get("Status") or account.get("State") or "ACTIVE")
    if status != "ACTIVE":
        return Skip(name, origin, f"the account is {status.lower()}, not active")
    values: dict[str, Any] = {"kind": "cloud_account", "cloud": "aws", "account_id": number}
    owned: tuple[str, ...] = ("account_id",)
    if role:
        values["role_arn"] = f"arn:aws:iam::{number}:role/{role}"
        owned = (*owned, "role_arn")
    if regions:
        values["regions"] = regions
    return candidates.entry(name, origin, KIND, values, {"name": name}, owned)
