"""SNS: topics and their attributes (tags come from the tagging API of the region)."""

from __future__ import annotations

from functools import partial

from exitkit.cloud.aws.services import AwsContext, pages, service
from exitkit.cloud.collect import Outcome


@service("sns", ["sns:ListTopics", "sns:GetTopicAttributes"])
def sns(ctx: AwsContext, region: str) -> Outcome:
    arns = [str(t["TopicArn"]) for t in pages(ctx.client("sns", region), "list_topics", "Topics")]
    read = partial(_describe, ctx, region)
    return ctx.batches("sns", region, "sns:GetTopicAttributes", arns, read)


def _describe(ctx: AwsContext, region: str, arns: list[str]) -> Outcome:
    client = ctx.client("sns", region)
    resources = []
    for arn in arns:
        attributes = client.get_topic_attributes(TopicArn=arn)["Attributes"]
        name = arn.rsplit(":", 1)[-1]
        source = "sns:GetTopicAttributes"
        resources.append(
            ctx.resource(region, "sns:topic", arn, source, attributes, name=name, arn=arn)
        )
    return Outcome(resources=resources)
