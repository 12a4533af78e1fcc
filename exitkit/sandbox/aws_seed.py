"""Seed moto's server with a small, realistic AWS estate: two accounts, three regions.

Account 123456789012 (moto's default, the client's production) is reached with the dummy keys;
account 111122223333 (shared services) only through `sts:AssumeRole` into a role of it,
which is how moto maps credentials to an account.
"""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

from exitkit.sandbox.aws_seed_iam import seed_iam
from exitkit.sandbox.aws_session import (
    ACCOUNT_PROD,
    ACCOUNT_SHARED,
    AUDIT_ROLE,
    REGIONS,
    AccountSession,
    open_account,
)
from exitkit.sandbox.expected import SeededEstate

BASE_IMAGE = "ami-12c6146b"  # one of the Amazon images moto loads in every region
NETWORK_CIDRS = {
    "eu-west-3": "10.10.0.0/16",
    "eu-west-1": "10.20.0.0/16",
    "us-east-1": "10.30.0.0/16",
}
CFN_TEMPLATE = {
    "AWSTemplateFormatVersion": "2010-09-09",
    "Description": "Acme notifications (managed by the provider)",
    "Resources": {
        "AlertsTopic": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": "acme-cfn-alerts"}}
    },
}


def seed_aws_estate(endpoint_url: str) -> SeededEstate:
    """Create the demo estate on a running moto server and return what was created."""
    prod = open_account(endpoint_url, ACCOUNT_PROD)
    shared = open_account(endpoint_url, ACCOUNT_SHARED)
    estate = seed_iam(prod).merged(seed_iam(shared))
    for account, plan in ((prod, _PROD_PLAN), (shared, _SHARED_PLAN)):
        for region, steps in plan.items():
            for step in steps:
                step(account, region)
    found = prod.created + shared.created
    return SeededEstate(estate.resources + tuple(found), estate.grants)


def _network(acct: AccountSession, region: str) -> None:
    ec2 = acct.client("ec2", region)
    env = "prod" if acct.account_id == ACCOUNT_PROD else "shared"
    cidr = NETWORK_CIDRS[region]
    vpc = ec2.create_vpc(CidrBlock=cidr, TagSpecifications=_tags("vpc", f"acme-{env}-vpc"))
    vpc_id = vpc["Vpc"]["VpcId"]
    acct.add(region, "ec2:vpc", vpc_id, f"acme-{env}-vpc", f"vpc/{vpc_id}")
    prefix = ".".join(cidr.split(".")[:2])
    subnet = ec2.create_subnet(
        VpcId=vpc_id,
        CidrBlock=f"{prefix}.1.0/24",
        AvailabilityZone=f"{region}a",
        TagSpecifications=_tags("subnet", f"acme-{env}-app-a"),
    )["Subnet"]["SubnetId"]
    acct.add(region, "ec2:subnet", subnet, f"acme-{env}-app-a", f"subnet/{subnet}")
    acct.state[f"subnet:{region}"] = subnet
    group = ec2.create_security_group(
        GroupName=f"acme-{env}-web", Description="HTTPS from the internet", VpcId=vpc_id
    )["GroupId"]
    ec2.authorize_security_group_ingress(
        GroupId=group,
        IpPermissions=[
            {
                "IpProtocol": "tcp",
                "FromPort": 443,
                "ToPort": 443,
                "IpRanges": [{"CidrIp": "0.0.0.0/0"}],
            }
        ],
    )
    acct.add(region, "ec2:security-group", group, f"acme-{env}-web", f"security-group/{group}")
    acct.state[f"sg:{region}"] = group
    table = ec2.create_route_table(
        VpcId=vpc_id, TagSpecifications=_tags("route-table", f"acme-{env}-public")
    )["RouteTable"]["RouteTableId"]
    ec2.associate_route_table(RouteTableId=table, SubnetId=subnet)
    acct.add(region, "ec2:route-table", table, f"acme-{env}-public", f"route-table/{table}")


def _instance(name: str, instance_type: str = "t3.micro") -> Any:
    def launch(acct: AccountSession, region: str) -> None:
        ec2 = acct.client("ec2", region)
        instance = ec2.run_instances(
            ImageId=BASE_IMAGE,
            InstanceType=instance_type,
            MinCount=1,
            MaxCount=1,
            SubnetId=acct.state[f"subnet:{region}"],
            SecurityGroupIds=[acct.state[f"sg:{region}"]],
            TagSpecifications=_tags("instance", name),
        )["Instances"][0]["InstanceId"]
        acct.add(region, "ec2:instance", instance, name, f"instance/{instance}")
        acct.state[f"instance:{name}"] = instance

    return launch


def _storage(acct: AccountSession, region: str) -> None:
    """A data volume, its snapshot, and a golden image of the web server."""
    ec2 = acct.client("ec2", region)
    volume = ec2.create_volume(
        AvailabilityZone=f"{region}a",
        Size=20,
        VolumeType="gp3",
        Encrypted=True,
        TagSpecifications=_tags("volume", "acme-erp-data"),
    )["VolumeId"]
    acct.add(region, "ec2:volume", volume, "acme-erp-data", f"volume/{volume}")
    snapshot = ec2.create_snapshot(
        VolumeId=volume,
        Description="acme-erp-data nightly",
        TagSpecifications=_tags("snapshot", "acme-erp-data-nightly"),
    )["SnapshotId"]
    acct.add(region, "ec2:snapshot", snapshot, "acme-erp-data-nightly", f"snapshot/{snapshot}")
    image = ec2.create_image(
        InstanceId=acct.state["instance:acme-web-1"], Name="acme-web-golden", NoReboot=True
    )["ImageId"]
    acct.add(region, "ec2:image", image, "acme-web-golden", f"image/{image}")


def _bucket(name: str) -> Any:
    def create(acct: AccountSession, region: str) -> None:
        s3 = acct.client("s3", region)
        bucket = f"{name}-{acct.account_id}"
        config = {} if region == "us-east-1" else {"LocationConstraint": region}
        s3.create_bucket(Bucket=bucket, **({"CreateBucketConfiguration": config} if config else {}))
        s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
        rule = {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms"}}
        s3.put_bucket_encryption(Bucket=bucket, ServerSideEncryptionConfiguration={"Rules": [rule]})
        s3.put_bucket_policy(Bucket=bucket, Policy=json.dumps(_deny_http_policy(bucket)))
        s3.put_bucket_tagging(
            Bucket=bucket, Tagging={"TagSet": [{"Key": "owner", "Value": "acme"}]}
        )
        acct.add(region, "s3:bucket", bucket, bucket, arn=f"arn:aws:s3:::{bucket}")

    return create


def _database(acct: AccountSession, region: str) -> None:
    rds = acct.client("rds", region)
    db = rds.create_db_instance(
        DBInstanceIdentifier="acme-erp-db",
        DBInstanceClass="db.t3.medium",
        Engine="postgres",
        AllocatedStorage=50,
        MasterUsername="erp_admin",
        MasterUserPassword="sandbox-only-password",
        StorageEncrypted=True,
        Tags=[{"Key": "Name", "Value": "acme-erp-db"}],
    )["DBInstance"]
    acct.add(region, "rds:db", "acme-erp-db", "acme-erp-db", arn=db["DBInstanceArn"])


def _function(name: str) -> Any:
    def create(acct: AccountSession, region: str) -> None:
        code = io.BytesIO()
        with zipfile.ZipFile(code, "w") as archive:
            archive.writestr("handler.py", "def handler(event, context):\n    return 'ok'\n")
        role = f"arn:aws:iam::{acct.account_id}:role/acme-lambda-exec"
        function = acct.client("lambda", region).create_function(
            FunctionName=name,
            Runtime="python3.12",
            Role=role,
            Handler="handler.handler",
            Code={"ZipFile": code.getvalue()},
            Tags={"owner": "acme"},
        )
        acct.add(region, "lambda:function", name, name, arn=function["FunctionArn"])

    return create


def _dns(acct: AccountSession, region: str) -> None:
    route53 = acct.client("route53", region)
    zone = route53.create_hosted_zone(Name="acme.example.", CallerReference="exitkit-seed")
    zone_id = zone["HostedZone"]["Id"].split("/")[-1]
    changes = [
        _record("www.acme.example.", "A", "203.0.113.10"),
        _record("erp.acme.example.", "CNAME", "acme-erp.eu-west-3.elb.amazonaws.com"),
    ]
    route53.change_resource_record_sets(HostedZoneId=zone_id, ChangeBatch={"Changes": changes})
    arn = f"arn:aws:route53:::hostedzone/{zone_id}"
    acct.add("global", "route53:hostedzone", zone_id, "acme.example.", arn=arn)


def _key(acct: AccountSession, region: str) -> None:
    kms = acct.client("kms", region)
    key = kms.create_key(
        Description="Acme data key", Tags=[{"TagKey": "owner", "TagValue": "acme"}]
    )["KeyMetadata"]
    kms.create_alias(AliasName="alias/acme-data", TargetKeyId=key["KeyId"])
    acct.add(region, "kms:key", key["KeyId"], "alias/acme-data", arn=key["Arn"])


def _stack(acct: AccountSession, region: str) -> None:
    cfn = acct.client("cloudformation", region)
    stack = cfn.create_stack(
        StackName="acme-notifications",
        TemplateBody=json.dumps(CFN_TEMPLATE),
        Tags=[{"Key": "owner", "Value": "provider"}],
    )["StackId"]
    acct.add(region, "cloudformation:stack", "acme-notifications", "acme-notifications", arn=stack)
    topic = f"arn:aws:sns:{region}:{acct.account_id}:acme-cfn-alerts"
    acct.add(region, "sns:topic", topic, "acme-cfn-alerts", arn=topic)


def _queue(name: str) -> Any:
    def create(acct: AccountSession, region: str) -> None:
        acct.client("sqs", region).create_queue(QueueName=name, tags={"owner": "acme"})
        arn = f"arn:aws:sqs:{region}:{acct.account_id}:{name}"
        acct.add(region, "sqs:queue", name, name, arn=arn)

    return create


def _topic(name: str) -> Any:
    def create(acct: AccountSession, region: str) -> None:
        tags = [{"Key": "owner", "Value": "acme"}]
        arn = acct.client("sns", region).create_topic(Name=name, Tags=tags)["TopicArn"]
        acct.add(region, "sns:topic", arn, name, arn=arn)

    return create


def _tags(resource_type: str, name: str) -> list[dict[str, Any]]:
    tags = [{"Key": "Name", "Value": name}, {"Key": "owner", "Value": "acme"}]
    return [{"ResourceType": resource_type, "Tags": tags}]


def _record(name: str, kind: str, value: str) -> dict[str, Any]:
    record = {"Name": name, "Type": kind, "TTL": 300, "ResourceRecords": [{"Value": value}]}
    return {"Action": "CREATE", "ResourceRecordSet": record}


def _deny_http_policy(bucket: str) -> dict[str, Any]:
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "DenyInsecureTransport",
                "Effect": "Deny",
                "Principal": "*",
                "Action": "s3:*",
                "Resource": [f"arn:aws:s3:::{bucket}", f"arn:aws:s3:::{bucket}/*"],
                "Condition": {"Bool": {"aws:SecureTransport": "false"}},
            }
        ],
    }


_PROD_PLAN = {
    "eu-west-3": [
        _network,
        _instance("acme-web-1"),
        _instance("acme-app-1", "m5.large"),
        _storage,
        _bucket("acme-prod-data"),
        _database,
        _function("acme-invoice-export"),
        _key,
        _stack,
        _queue("acme-orders"),
    ],
    "eu-west-1": [_network, _instance("acme-dr-1"), _bucket("acme-prod-backups")],
    "us-east-1": [_dns, _bucket("acme-prod-logs"), _topic("acme-alerts")],
}
_SHARED_PLAN = {
    "eu-west-3": [_network, _instance("shared-bastion-1"), _bucket("acme-shared-artifacts")],
    "eu-west-1": [_queue("acme-shared-events"), _key],
    "us-east-1": [_function("shared-cost-report")],
}

__all__ = ["ACCOUNT_PROD", "ACCOUNT_SHARED", "AUDIT_ROLE", "REGIONS", "seed_aws_estate"]
