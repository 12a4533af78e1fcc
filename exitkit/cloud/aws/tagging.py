"""The tagging API: every tagged resource of a region, for tags other listings lack and for
resources of services exitkit has no collector for (queues, topics, load balancers…)."""

from __future__ import annotations

from exitkit.cloud.aws.services import AwsContext, pages, service
from exitkit.cloud.collect import Outcome
from exitkit.cloud.records import tag_dict

NOTE = "tagged"  # Outcome.notes key: (region, {arn: tags})


@service("tagging", ["tag:GetResources"])  # resourcegroupstaggingapi
def tagging(ctx: AwsContext, region: str) -> Outcome:
    client = ctx.client("resourcegroupstaggingapi", region)
    found = {
        str(item["ResourceARN"]): tag_dict(item.get("Tags"))
        for item in pages(client, "get_resources", "ResourceTagMappingList", 100)
    }
    return Outcome(notes={NOTE: (region, found)})
