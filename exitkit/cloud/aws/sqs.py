"""SQS: queues and their attributes (tags come from the tagging API of the region)."""

from __future__ import annotations

import datetime as dt
from functools import partial

from exitkit.cloud.aws.services import AwsContext, arn, pages, service
from exitkit.cloud.collect import Outcome
from exitkit.cloud.records import created_at


@service("sqs", ["sqs:ListQueues", "sqs:GetQueueAttributes"])
def sqs(ctx: AwsContext, region: str) -> Outcome:
    client = ctx.client("sqs", region)
    urls = [str(url) for url in pages(client, "list_queues", "QueueUrls", 1000)]
    return ctx.batches(
        "sqs", region, "sqs:GetQueueAttributes", urls, partial(_describe, ctx, region)
    )


def _describe(ctx: AwsContext, region: str, urls: list[str]) -> Outcome:
    client = ctx.client("sqs", region)
    resources = []
    for url in urls:
        attributes = client.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
        name = url.rstrip("/").rsplit("/", 1)[-1]
        resources.append(
            ctx.resource(
                region,
                "sqs:queue",
                name,
                "sqs:GetQueueAttributes",
                {"QueueUrl": url, **attributes},
                arn=attributes.get("QueueArn") or arn("sqs", region, ctx.account_id, name),
                created=_epoch(attributes.get("CreatedTimestamp")),
            )
        )
    return Outcome(resources=resources)


def _epoch(value: str | None) -> str | None:
    """SQS's creation time: seconds since the epoch, as text."""
    try:
        return created_at(dt.datetime.fromtimestamp(float(value or ""), dt.UTC))
    except ValueError:
        return None
