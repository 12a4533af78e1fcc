"""S3: every bucket of the account, under its own region, with policy, versioning and encryption."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import partial
from typing import Any

from botocore.exceptions import ClientError

from exitkit.cloud.aws.services import GLOBAL, AwsContext, service
from exitkit.cloud.collect import Outcome
from exitkit.cloud.records import tag_dict

# a bucket without the setting answers with an error code: that is a value, not a failure
ABSENT = frozenset(
    {
        "NoSuchBucketPolicy",
        "ServerSideEncryptionConfigurationNotFoundError",
        "NoSuchTagSet",
        "NoSuchTagSetError",
    }
)


@service(
    "s3",
    [
        "s3:ListAllMyBuckets",  # ListBuckets
        "s3:GetBucketLocation",
        "s3:GetBucketPolicy",
        "s3:GetBucketVersioning",
        "s3:GetEncryptionConfiguration",  # GetBucketEncryption
        "s3:GetBucketTagging",
    ],
    regional=False,
)
def s3(ctx: AwsContext, region: str) -> Outcome:
    buckets = ctx.client("s3", GLOBAL).list_buckets().get("Buckets", [])  # no MaxBuckets: all
    regions = {str(b["Name"]): str(b.get("BucketRegion") or "") for b in buckets}
    if not all(regions.values()):  # older endpoints omit it: one listing per region names them
        for where in ctx.regions:
            for bucket in (
                ctx.client("s3", where).list_buckets(BucketRegion=where).get("Buckets", [])
            ):
                regions[str(bucket["Name"])] = where
    return Outcome(
        follow=[
            ctx.task(
                "s3", GLOBAL, f"s3:bucket {b['Name']}", partial(_bucket, ctx, b, regions[b["Name"]])
            )
            for b in buckets
        ]
    )


def _optional(call: Callable[[], dict[str, Any]]) -> dict[str, Any] | None:
    try:
        return call()
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") in ABSENT:
            return None
        raise


def _bucket(ctx: AwsContext, bucket: dict[str, Any], region: str) -> Outcome:
    name = str(bucket["Name"])
    if not region:  # a bucket outside the account's regions
        location = ctx.client("s3", GLOBAL).get_bucket_location(Bucket=name)
        region = location.get("LocationConstraint") or "us-east-1"
    region = "eu-west-1" if region == "EU" else str(region)
    client = ctx.client("s3", region)
    policy = _optional(lambda: client.get_bucket_policy(Bucket=name))
    versioning = client.get_bucket_versioning(Bucket=name)
    encryption = _optional(lambda: client.get_bucket_encryption(Bucket=name))
    tags = None
    if region not in ctx.regions:  # the tagging API of a swept region will not see it
        tagging = _optional(lambda: client.get_bucket_tagging(Bucket=name))
        tags = tag_dict((tagging or {}).get("TagSet"))
    properties = {
        "Name": name,
        "Region": region,
        "Policy": json.loads(policy["Policy"]) if policy and policy.get("Policy") else None,
        "Versioning": {k: v for k, v in versioning.items() if k != "ResponseMetadata"},
        "Encryption": (encryption or {}).get("ServerSideEncryptionConfiguration"),
    }
    resource = ctx.resource(
        region,
        "s3:bucket",
        name,
        "s3:ListBuckets",
        properties,
        arn=f"arn:aws:s3:::{name}",
        tags=tags,
        created=bucket.get("CreationDate"),
    )
    return Outcome(resources=[resource])
