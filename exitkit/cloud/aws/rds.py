"""RDS: database instances and clusters, with their tags (the listing carries them)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from exitkit.cloud.aws.services import AwsContext, pages, service
from exitkit.cloud.collect import Outcome
from exitkit.cloud.records import tag_dict


@dataclass(frozen=True)
class Listing:
    type: str
    operation: str
    source: str
    key: str
    id_field: str
    arn_field: str
    created: str


LISTINGS = (
    Listing(
        "rds:db",
        "describe_db_instances",
        "rds:DescribeDBInstances",
        "DBInstances",
        "DBInstanceIdentifier",
        "DBInstanceArn",
        "InstanceCreateTime",
    ),
    Listing(
        "rds:cluster",
        "describe_db_clusters",
        "rds:DescribeDBClusters",
        "DBClusters",
        "DBClusterIdentifier",
        "DBClusterArn",
        "ClusterCreateTime",
    ),
)


@service("rds", [listing.source for listing in LISTINGS])
def rds(ctx: AwsContext, region: str) -> Outcome:
    return Outcome(
        follow=[
            ctx.task("rds", region, listing.source, partial(_list, ctx, region, listing))
            for listing in LISTINGS
        ]
    )


def _list(ctx: AwsContext, region: str, listing: Listing) -> Outcome:
    client = ctx.client("rds", region)
    return Outcome(
        resources=[
            ctx.resource(
                region,
                listing.type,
                str(item[listing.id_field]),
                listing.source,
                item,
                arn=item.get(listing.arn_field),
                tags=tag_dict(item.get("TagList")),
                created=item.get(listing.created),
            )
            for item in pages(client, listing.operation, listing.key, 100)
        ]
    )
