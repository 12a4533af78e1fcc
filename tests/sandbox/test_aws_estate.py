"""The AWS sandbox, seen through boto3 as exitkit sees it: every seeded resource, in each account
and region (the second account through sts:AssumeRole), exactly once."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

import boto3
import pytest

from exitkit.sandbox.aws_bulk import KINDS, seed_bulk
from exitkit.sandbox.aws_estate import AwsSandbox
from exitkit.sandbox.aws_session import ACCOUNT_PROD, ACCOUNT_SHARED, REGIONS, role_arn
from exitkit.sandbox.expected import CLIENT, PROVIDER, duplicates

ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess"
Key = tuple[str, str, str, str]  # account, region, type, id


def _clients(sandbox: AwsSandbox, account: str) -> Callable[[str, str], Any]:
    """boto3 clients as an exporter makes them: the default chain, or an assumed audit role."""
    session = boto3.session.Session()
    keys: dict[str, str] = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}
    if account != ACCOUNT_PROD:
        sts = session.client(
            "sts", region_name="us-east-1", endpoint_url=sandbox.endpoint_url, **keys
        )
        creds = sts.assume_role(RoleArn=role_arn(account), RoleSessionName="exitkit")["Credentials"]
        keys = {
            "aws_access_key_id": creds["AccessKeyId"],
            "aws_secret_access_key": creds["SecretAccessKey"],
            "aws_session_token": creds["SessionToken"],
        }

    def client(service: str, region: str) -> Any:
        return session.client(
            service, region_name=region, endpoint_url=sandbox.endpoint_url, **keys
        )

    return client


def _pages(client: Any, operation: str, key: str, **kwargs: Any) -> list[Any]:
    items: list[Any] = []
    for page in client.get_paginator(operation).paginate(**kwargs):
        items.extend(page.get(key, []))
    return items


def _regional(client: Callable[[str, str], Any], region: str) -> list[tuple[str, str]]:
    ec2 = client("ec2", region)
    found = [
        ("ec2:instance", i["InstanceId"])
        for r in _pages(ec2, "describe_instances", "Reservations")
        for i in r["Instances"]
    ]
    for kind, operation, key, field, extra in (
        ("ec2:volume", "describe_volumes", "Volumes", "VolumeId", {}),
        ("ec2:snapshot", "describe_snapshots", "Snapshots", "SnapshotId", {"OwnerIds": ["self"]}),
        ("ec2:image", "describe_images", "Images", "ImageId", {"Owners": ["self"]}),
        ("ec2:vpc", "describe_vpcs", "Vpcs", "VpcId", {}),
        ("ec2:subnet", "describe_subnets", "Subnets", "SubnetId", {}),
        ("ec2:security-group", "describe_security_groups", "SecurityGroups", "GroupId", {}),
        ("ec2:route-table", "describe_route_tables", "RouteTables", "RouteTableId", {}),
    ):
        found += [(kind, item[field]) for item in _pages(ec2, operation, key, **extra)]
    rds = _pages(client("rds", region), "describe_db_instances", "DBInstances")
    found += [("rds:db", db["DBInstanceIdentifier"]) for db in rds]
    functions = _pages(client("lambda", region), "list_functions", "Functions")
    found += [("lambda:function", f["FunctionName"]) for f in functions]
    found += [("kms:key", k["KeyId"]) for k in _pages(client("kms", region), "list_keys", "Keys")]
    stacks = _pages(client("cloudformation", region), "describe_stacks", "Stacks")
    found += [("cloudformation:stack", s["StackName"]) for s in stacks]
    topics = _pages(client("sns", region), "list_topics", "Topics")
    found += [("sns:topic", t["TopicArn"]) for t in topics]
    queues = _pages(client("sqs", region), "list_queues", "QueueUrls")
    found += [("sqs:queue", url.rsplit("/", 1)[1]) for url in queues]
    return found


def _global(client: Callable[[str, str], Any]) -> list[tuple[str, str, str]]:
    iam = client("iam", "us-east-1")
    found = [("global", "iam:user", u["UserName"]) for u in _pages(iam, "list_users", "Users")]
    found += [("global", "iam:role", r["RoleName"]) for r in _pages(iam, "list_roles", "Roles")]
    found += [("global", "iam:group", g["GroupName"]) for g in _pages(iam, "list_groups", "Groups")]
    local = _pages(iam, "list_policies", "Policies", Scope="Local")
    found += [("global", "iam:policy", p["PolicyName"]) for p in local]
    zones = _pages(client("route53", "us-east-1"), "list_hosted_zones", "HostedZones")
    found += [("global", "route53:hostedzone", z["Id"].rsplit("/", 1)[1]) for z in zones]
    s3 = client("s3", "us-east-1")
    for bucket in s3.list_buckets()["Buckets"]:  # no MaxBuckets: moto drops the continuation token
        where = s3.get_bucket_location(Bucket=bucket["Name"])["LocationConstraint"] or "us-east-1"
        found.append((where, "s3:bucket", bucket["Name"]))
    return found


def _inventory(sandbox: AwsSandbox, account: str) -> Counter[Key]:
    client = _clients(sandbox, account)
    seen: Counter[Key] = Counter()
    for region in REGIONS:
        seen.update((account, region, kind, rid) for kind, rid in _regional(client, region))
    seen.update((account, region, kind, rid) for region, kind, rid in _global(client))
    return seen


@pytest.mark.parametrize("account", [ACCOUNT_PROD, ACCOUNT_SHARED])
def test_every_seeded_resource_is_listed_once_in_its_account_and_region(
    aws_sandbox: AwsSandbox, account: str
) -> None:
    seen = _inventory(aws_sandbox, account)
    expected = aws_sandbox.estate.in_account(account)
    keys = [(r.account, r.region, r.type, r.id) for r in expected]
    assert not duplicates(f"{k}" for k in keys)
    assert {key: seen[key] for key in keys} == dict.fromkeys(keys, 1)
    assert {r.region for r in expected} >= {"global", *REGIONS[:2]}


def test_the_estate_spans_three_regions_two_accounts_and_the_promised_services(
    aws_sandbox: AwsSandbox,
) -> None:
    estate = aws_sandbox.estate
    assert {r.account for r in estate.resources} == {ACCOUNT_PROD, ACCOUNT_SHARED}
    assert {r.region for r in estate.resources} == {"global", *REGIONS}
    kinds = {r.type for r in estate.resources}
    assert kinds >= {"ec2:instance", "ec2:volume", "ec2:image", "ec2:snapshot", "ec2:vpc"}
    assert kinds >= {"s3:bucket", "iam:role", "iam:user", "iam:group", "iam:policy", "rds:db"}
    assert kinds >= {"lambda:function", "route53:hostedzone", "kms:key", "cloudformation:stack"}
    assert all(r.arn.startswith("arn:aws:") for r in estate.resources)


def test_the_second_account_is_reached_by_assuming_a_role_in_it(aws_sandbox: AwsSandbox) -> None:
    shared = _clients(aws_sandbox, ACCOUNT_SHARED)
    identity = shared("sts", "us-east-1").get_caller_identity()
    assert identity["Account"] == ACCOUNT_SHARED
    assert identity["Arn"].startswith(f"arn:aws:sts::{ACCOUNT_SHARED}:assumed-role/exitkit-audit/")
    prod_buckets = {b["Name"] for b in aws_sandbox.client("s3").list_buckets()["Buckets"]}
    assert f"acme-shared-artifacts-{ACCOUNT_SHARED}" not in prod_buckets


@pytest.mark.parametrize("account", [ACCOUNT_PROD, ACCOUNT_SHARED])
def test_administrator_access_is_held_by_the_seeded_client_and_provider_principals(
    aws_sandbox: AwsSandbox, account: str
) -> None:
    iam = _clients(aws_sandbox, account)("iam", "us-east-1")
    assert iam.get_policy(PolicyArn=ADMIN)["Policy"]["PolicyName"] == "AdministratorAccess"
    entities = iam.list_entities_for_policy(PolicyArn=ADMIN)
    holders = {r["RoleName"] for r in entities["PolicyRoles"]}
    holders |= {u["UserName"] for u in entities["PolicyUsers"]}
    grants = [g for g in aws_sandbox.estate.grants if g.account == account and g.grant == ADMIN]
    assert holders == {g.name for g in grants}
    assert "acme-breakglass" in {g.name for g in grants if g.side == CLIENT}
    assert "msp-admin" in {g.name for g in grants if g.side == PROVIDER}


def test_customer_policies_grant_everything_or_all_of_iam(aws_sandbox: AwsSandbox) -> None:
    iam = aws_sandbox.client("iam", "us-east-1")
    details = iam.get_account_authorization_details(Filter=["LocalManagedPolicy"])["Policies"]
    statements = {
        p["Arn"].rsplit("/", 1)[1]: v["Document"]["Statement"][0]
        for p in details
        for v in p["PolicyVersionList"]
        if v["IsDefaultVersion"]
    }
    assert statements["msp-full-access"]["Action"] == "*"
    assert statements["msp-iam-manage"]["Action"] == "iam:*"
    provider_admins = {
        g.name for g in aws_sandbox.estate.admins(PROVIDER) if g.account == ACCOUNT_PROD
    }
    assert provider_admins == {"msp-admin", "msp-operator", "msp-deploy", "msp-automation"}


def test_the_tagging_api_sees_queues_topics_and_stacks(aws_sandbox: AwsSandbox) -> None:
    paris = aws_sandbox.client("resourcegroupstaggingapi", "eu-west-3")
    arns = {r["ResourceARN"] for r in _pages(paris, "get_resources", "ResourceTagMappingList")}
    assert f"arn:aws:sqs:eu-west-3:{ACCOUNT_PROD}:acme-orders" in arns
    assert any(
        arn.startswith(f"arn:aws:cloudformation:eu-west-3:{ACCOUNT_PROD}:stack/") for arn in arns
    )
    virginia = aws_sandbox.client("resourcegroupstaggingapi", "us-east-1")
    arns = {r["ResourceARN"] for r in _pages(virginia, "get_resources", "ResourceTagMappingList")}
    assert f"arn:aws:sns:us-east-1:{ACCOUNT_PROD}:acme-alerts" in arns


def test_the_stack_created_its_topic(aws_sandbox: AwsSandbox) -> None:
    cfn = aws_sandbox.client("cloudformation", "eu-west-3")
    resources = cfn.list_stack_resources(StackName="acme-notifications")["StackResourceSummaries"]
    assert [r["PhysicalResourceId"].rsplit(":", 1)[1] for r in resources] == ["acme-cfn-alerts"]


def test_boto3_default_chain_reaches_the_sandbox_through_the_environment(
    aws_env: AwsSandbox,
) -> None:
    session = boto3.session.Session()
    assert session.client("sts").get_caller_identity()["Account"] == ACCOUNT_PROD
    names = {b["Name"] for b in session.client("s3").list_buckets()["Buckets"]}
    assert f"acme-prod-data-{ACCOUNT_PROD}" in names


def test_bulk_seed_spreads_resources_over_accounts_regions_and_kinds(
    aws_sandbox: AwsSandbox,
) -> None:
    seeded = seed_bulk(aws_sandbox.endpoint_url, count=120, prefix="bulktest")
    assert len(seeded.resources) == 120
    assert not duplicates(r.arn for r in seeded.resources)
    assert Counter(r.type for r in seeded.resources) == dict.fromkeys(KINDS, 24)
    assert {r.account for r in seeded.resources} == {ACCOUNT_PROD, ACCOUNT_SHARED}
    dublin = {r.id for r in seeded.resources if r.type == "sqs:queue" and r.region == "eu-west-1"}
    prod = {r.id for r in seeded.resources if r.account == ACCOUNT_PROD}
    queues = _pages(aws_sandbox.client("sqs", "eu-west-1"), "list_queues", "QueueUrls")
    assert dublin & prod
    assert dublin & prod <= {url.rsplit("/", 1)[1] for url in queues}
    assert seeded.per_second > 0
