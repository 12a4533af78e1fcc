"""A large AWS estate for benchmarks: N cheap resources over two accounts and three regions.

Queues, topics, security groups, buckets and roles cost moto one small call each, so the
seed goes through boto3 and the server like any other client. Threads do not help: moto's
server runs in this process, so client and server share one interpreter lock.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from exitkit.sandbox.aws_session import (
    ACCOUNT_PROD,
    ACCOUNT_SHARED,
    REGIONS,
    AccountSession,
    open_account,
)
from exitkit.sandbox.expected import ExpectedResource

BULK_TAG = {"Key": "exitkit-bulk", "Value": "true"}
KINDS = ("sqs:queue", "sns:topic", "ec2:security-group", "s3:bucket", "iam:role")
_ROLE_TRUST = (
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow",'
    '"Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
)


@dataclass(frozen=True)
class BulkSeed:
    """What a bulk seed created, and how long it took."""

    resources: tuple[ExpectedResource, ...]
    seconds: float

    @property
    def per_second(self) -> float:
        return len(self.resources) / self.seconds if self.seconds else 0.0


@dataclass(frozen=True)
class _Item:
    account: str
    region: str
    kind: str
    name: str


def seed_bulk(
    endpoint_url: str, count: int = 2000, workers: int = 1, prefix: str = "bulk"
) -> BulkSeed:
    """Create `count` resources, spread evenly over accounts, regions and kinds."""
    started = time.perf_counter()
    accounts = {a: open_account(endpoint_url, a) for a in (ACCOUNT_PROD, ACCOUNT_SHARED)}
    cells = itertools.cycle(itertools.product(accounts, REGIONS))
    kinds = itertools.cycle(KINDS)
    items = [
        _Item(account, region, next(kinds), f"{prefix}-{number:05d}")
        for number, (account, region) in zip(range(count), cells, strict=False)
    ]
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        created = list(pool.map(lambda item: _create(accounts[item.account], item), items))
    return BulkSeed(tuple(created), time.perf_counter() - started)


def _create(acct: AccountSession, item: _Item) -> ExpectedResource:
    create = _CREATORS[item.kind]
    rid, arn = create(acct, item)
    region = "global" if item.kind == "iam:role" else item.region
    return ExpectedResource("aws", acct.account_id, region, item.kind, rid, item.name, arn)


def _queue(acct: AccountSession, item: _Item) -> tuple[str, str]:
    tags = {BULK_TAG["Key"]: BULK_TAG["Value"]}
    acct.client("sqs", item.region).create_queue(QueueName=item.name, tags=tags)
    return item.name, f"arn:aws:sqs:{item.region}:{acct.account_id}:{item.name}"


def _topic(acct: AccountSession, item: _Item) -> tuple[str, str]:
    arn = acct.client("sns", item.region).create_topic(Name=item.name, Tags=[BULK_TAG])["TopicArn"]
    return str(arn), str(arn)


def _security_group(acct: AccountSession, item: _Item) -> tuple[str, str]:
    group = acct.client("ec2", item.region).create_security_group(
        GroupName=item.name,
        Description="bulk seed",
        TagSpecifications=[{"ResourceType": "security-group", "Tags": [BULK_TAG]}],
    )["GroupId"]
    return str(group), f"arn:aws:ec2:{item.region}:{acct.account_id}:security-group/{group}"


def _bucket(acct: AccountSession, item: _Item) -> tuple[str, str]:
    bucket = f"{item.name}-{acct.account_id}"
    config = {} if item.region == "us-east-1" else {"LocationConstraint": item.region}
    acct.client("s3", item.region).create_bucket(
        Bucket=bucket, **({"CreateBucketConfiguration": config} if config else {})
    )
    return bucket, f"arn:aws:s3:::{bucket}"


def _role(acct: AccountSession, item: _Item) -> tuple[str, str]:
    acct.client("iam", "us-east-1").create_role(
        RoleName=item.name, AssumeRolePolicyDocument=_ROLE_TRUST, Tags=[BULK_TAG]
    )
    return item.name, f"arn:aws:iam::{acct.account_id}:role/{item.name}"


_CREATORS: dict[str, Callable[[AccountSession, _Item], tuple[str, str]]] = {
    "sqs:queue": _queue,
    "sns:topic": _topic,
    "ec2:security-group": _security_group,
    "s3:bucket": _bucket,
    "iam:role": _role,
}
