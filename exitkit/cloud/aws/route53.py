"""Route 53: hosted zones with their tags, and every record set of each zone."""

from __future__ import annotations

from functools import partial
from typing import Any

from exitkit.cloud.aws.services import GLOBAL, AwsContext, pages, service
from exitkit.cloud.collect import Outcome
from exitkit.cloud.records import tag_dict

TAG_BATCH = 10  # ListTagsForResources takes at most ten zones


@service(
    "route53",
    [
        "route53:ListHostedZones",
        "route53:ListResourceRecordSets",
        "route53:ListTagsForResources",
    ],
    regional=False,
)
def route53(ctx: AwsContext, region: str) -> Outcome:
    client = ctx.client("route53", GLOBAL)
    zones = list(pages(client, "list_hosted_zones", "HostedZones", 100))
    ids = [str(zone["Id"]).rsplit("/", 1)[-1] for zone in zones]
    tags: dict[str, dict[str, str]] = {}
    for start in range(0, len(ids), TAG_BATCH):
        answer = client.list_tags_for_resources(
            ResourceType="hostedzone", ResourceIds=ids[start : start + TAG_BATCH]
        )
        for entry in answer.get("ResourceTagSets", []):
            tags[str(entry["ResourceId"])] = tag_dict(entry.get("Tags"))
    resources = [
        ctx.resource(
            GLOBAL,
            "route53:hostedzone",
            zone_id,
            "route53:ListHostedZones",
            zone,
            name=zone.get("Name"),
            arn=f"arn:aws:route53:::hostedzone/{zone_id}",
            tags=tags.get(zone_id, {}),
        )
        for zone_id, zone in zip(ids, zones, strict=True)
    ]
    follow = [
        ctx.task(
            "route53", GLOBAL, f"route53:ListResourceRecordSets {z}", partial(_records, ctx, z)
        )
        for z in ids
    ]
    return Outcome(resources=resources, follow=follow)


def _records(ctx: AwsContext, zone_id: str) -> Outcome:
    client = ctx.client("route53", GLOBAL)
    resources = []
    for record in pages(
        client, "list_resource_record_sets", "ResourceRecordSets", 300, HostedZoneId=zone_id
    ):
        rid = f"{zone_id}/{record['Name']}/{record['Type']}"
        if record.get("SetIdentifier"):
            rid += f"/{record['SetIdentifier']}"
        properties: dict[str, Any] = {"HostedZoneId": zone_id, **record}
        resources.append(
            ctx.resource(
                GLOBAL,
                "route53:recordset",
                rid,
                "route53:ListResourceRecordSets",
                properties,
                name=record["Name"],
                tags={},
            )
        )
    return Outcome(resources=resources)
