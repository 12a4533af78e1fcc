"""KMS: key metadata (never key material) with aliases; one DescribeKey per key, side by side."""

from __future__ import annotations

from collections import defaultdict
from functools import partial
from typing import Any

from exitkit.cloud.aws.services import AwsContext, pages, service
from exitkit.cloud.collect import Outcome


@service("kms", ["kms:ListKeys", "kms:ListAliases", "kms:DescribeKey"])
def kms(ctx: AwsContext, region: str) -> Outcome:
    client = ctx.client("kms", region)
    keys = [str(k["KeyId"]) for k in pages(client, "list_keys", "Keys", 1000)]
    aliases: dict[str, list[str]] = defaultdict(list)
    for alias in pages(client, "list_aliases", "Aliases", 1000):
        if alias.get("TargetKeyId"):
            aliases[str(alias["TargetKeyId"])].append(str(alias["AliasName"]))
    return ctx.batches(
        "kms", region, "kms:DescribeKey", keys, partial(_describe, ctx, region, aliases)
    )


def _describe(
    ctx: AwsContext, region: str, aliases: dict[str, list[str]], keys: list[str]
) -> Outcome:
    client = ctx.client("kms", region)
    resources = []
    for key_id in keys:
        metadata: dict[str, Any] = client.describe_key(KeyId=key_id)["KeyMetadata"]
        names = sorted(aliases.get(key_id, []))
        resources.append(
            ctx.resource(
                region,
                "kms:key",
                key_id,
                "kms:DescribeKey",
                {**metadata, "Aliases": names},
                name=names[0] if names else key_id,
                arn=metadata.get("Arn"),
                created=metadata.get("CreationDate"),
            )
        )
    return Outcome(resources=resources)
