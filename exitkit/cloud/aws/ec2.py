"""EC2: instances, volumes, owned images and snapshots, VPCs, subnets, security groups, routes."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import Any

from exitkit.cloud.aws.services import AwsContext, pages, service
from exitkit.cloud.collect import Outcome
from exitkit.cloud.records import tag_dict


@dataclass(frozen=True)
class Listing:
    type: str
    operation: str
    key: str
    id_field: str
    page_size: int
    created: str | None = None
    name_field: str | None = None
    arn_has_account: bool = True  # images and snapshots have account-less ARNs
    kwargs: dict[str, Any] = field(default_factory=dict)

    @property
    def source(self) -> str:
        return "ec2:" + "".join(part.title() for part in self.operation.split("_"))


LISTINGS = (
    Listing("ec2:instance", "describe_instances", "Reservations", "InstanceId", 1000, "LaunchTime"),
    Listing("ec2:volume", "describe_volumes", "Volumes", "VolumeId", 500, "CreateTime"),
    Listing(
        "ec2:snapshot",
        "describe_snapshots",
        "Snapshots",
        "SnapshotId",
        1000,
        "StartTime",
        arn_has_account=False,
        kwargs={"OwnerIds": ["self"]},
    ),
    Listing(
        "ec2:image",
        "describe_images",
        "Images",
        "ImageId",
        1000,
        "CreationDate",
        "Name",
        arn_has_account=False,
        kwargs={"Owners": ["self"]},
    ),
    Listing("ec2:vpc", "describe_vpcs", "Vpcs", "VpcId", 1000),
    Listing("ec2:subnet", "describe_subnets", "Subnets", "SubnetId", 1000),
    Listing(
        "ec2:security-group",
        "describe_security_groups",
        "SecurityGroups",
        "GroupId",
        1000,
        name_field="GroupName",
    ),
    Listing("ec2:route-table", "describe_route_tables", "RouteTables", "RouteTableId", 100),
)


@service("ec2", [listing.source for listing in LISTINGS])
def ec2(ctx: AwsContext, region: str) -> Outcome:
    return Outcome(
        follow=[
            ctx.task("ec2", region, listing.source, partial(_list, ctx, region, listing))
            for listing in LISTINGS
        ]
    )


def _items(ctx: AwsContext, region: str, listing: Listing) -> list[dict[str, Any]]:
    client = ctx.client("ec2", region)
    found = list(pages(client, listing.operation, listing.key, listing.page_size, **listing.kwargs))
    if listing.key != "Reservations":
        return found
    return [
        {
            **instance,
            "ReservationId": reservation.get("ReservationId"),
            "OwnerId": reservation.get("OwnerId"),
        }
        for reservation in found
        for instance in reservation.get("Instances", [])
    ]


def _list(ctx: AwsContext, region: str, listing: Listing) -> Outcome:
    resources = []
    kind = listing.type.split(":", 1)[1]
    owner = ctx.account_id if listing.arn_has_account else ""
    for item in _items(ctx, region, listing):
        rid = str(item[listing.id_field])
        tags = tag_dict(item.get("Tags"))
        name = tags.get("Name") or (item.get(listing.name_field) if listing.name_field else None)
        resources.append(
            ctx.resource(
                region,
                listing.type,
                rid,
                listing.source,
                item,
                name=name,
                arn=f"arn:aws:ec2:{region}:{owner}:{kind}/{rid}",
                tags=tags,
                created=item.get(listing.created) if listing.created else None,
            )
        )
    return Outcome(resources=resources)
