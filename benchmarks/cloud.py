"""Benchmark: `exitkit export` of 2,000 AWS resources (3 regions, 2 accounts) on moto's server,
beside sequential boto3 scripts that read the same resources, in one run.

Prints API calls made beside the minimum (one call per page at the largest page size, plus one
per item only where AWS has no listing form), and wall time beside a plain sequential script.
moto runs in its own process, so server and client each have a core; its CPU time is printed
because on loopback the server, not the network, bounds every client.
Usage: python benchmarks/cloud.py [--resources 2000]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

import yaml

REGIONS = ("eu-west-3", "eu-west-1", "us-east-1")
PROD, SHARED = "123456789012", "111122223333"
ROLE = f"arn:aws:iam::{SHARED}:role/exitkit-audit"
EC2_LISTINGS = (
    ("describe_volumes", "Volumes", 500, {}),
    ("describe_snapshots", "Snapshots", 1000, {"OwnerIds": ["self"]}),
    ("describe_images", "Images", 1000, {"Owners": ["self"]}),
    ("describe_vpcs", "Vpcs", 1000, {}),
    ("describe_subnets", "Subnets", 1000, {}),
    ("describe_security_groups", "SecurityGroups", 1000, {}),
    ("describe_route_tables", "RouteTables", 100, {}),
)
IAM_LISTS = ("UserDetailList", "RoleDetailList", "GroupDetailList", "Policies")


class SequentialReader:
    """Reads every resource exitkit reads, one call after another.

    plain: as boto3 scripts are commonly written — default page sizes, each bucket's location
    and each resource's tags asked one by one. minimal: exitkit's own call plan, sequentially —
    one call per page at the largest page size, per-item calls only where AWS has no listing
    form, tags from the tagging API. Its call count is the minimum the benchmark compares with.
    """

    def __init__(self, plain: bool) -> None:
        self.plain = plain
        self.calls = 0
        self.found = 0
        self._clients: dict[tuple[str, str], Any] = {}
        self._session: Any = None

    def _count(self, **_: Any) -> None:
        self.calls += 1

    def open(self, account: str) -> None:
        import boto3

        session = boto3.session.Session()
        session.events.register("before-call", self._count)
        if account == SHARED:
            keys = session.client("sts").assume_role(RoleArn=ROLE, RoleSessionName="bench")
            creds = keys["Credentials"]
            session = boto3.session.Session(
                creds["AccessKeyId"], creds["SecretAccessKey"], creds["SessionToken"]
            )
            session.events.register("before-call", self._count)
        self._session, self._clients = session, {}

    def client(self, service: str, region: str = "us-east-1") -> Any:
        if (service, region) not in self._clients:
            self._clients[(service, region)] = self._session.client(service, region_name=region)
        return self._clients[(service, region)]

    def pages(
        self, client: Any, op: str, key: str, largest: int | None = None, **kw: Any
    ) -> list[Any]:
        config = {"PageSize": largest} if largest and not self.plain else {}
        paginator = client.get_paginator(op)
        return [
            i for p in paginator.paginate(PaginationConfig=config, **kw) for i in p.get(key, [])
        ]

    def regional(self, region: str) -> None:
        ec2 = self.client("ec2", region)
        reservations = self.pages(ec2, "describe_instances", "Reservations", 1000)
        self.found += sum(len(r["Instances"]) for r in reservations)
        for op, key, largest, kw in EC2_LISTINGS:
            self.found += len(self.pages(ec2, op, key, largest, **kw))
        rds = self.client("rds", region)
        self.found += len(self.pages(rds, "describe_db_instances", "DBInstances", 100))
        self.found += len(self.pages(rds, "describe_db_clusters", "DBClusters", 100))
        lam = self.client("lambda", region)
        for function in self.pages(lam, "list_functions", "Functions", 50):
            self._tags(lambda f=function: lam.list_tags(Resource=f["FunctionArn"]))
        kms = self.client("kms", region)
        self.pages(kms, "list_aliases", "Aliases", 1000)
        for key in self.pages(kms, "list_keys", "Keys", 1000):
            kms.describe_key(KeyId=key["KeyId"])
            self._tags(lambda k=key: kms.list_resource_tags(KeyId=k["KeyId"]))
        cfn = self.client("cloudformation", region)
        for stack in self.pages(cfn, "describe_stacks", "Stacks"):
            cfn.get_template(StackName=stack["StackId"], TemplateStage="Original")
            self.pages(
                cfn, "list_stack_resources", "StackResourceSummaries", StackName=stack["StackId"]
            )
            self.found += 1
        sns = self.client("sns", region)
        for topic in self.pages(sns, "list_topics", "Topics"):
            sns.get_topic_attributes(TopicArn=topic["TopicArn"])
            self._tags(lambda t=topic: sns.list_tags_for_resource(ResourceArn=t["TopicArn"]))
        sqs = self.client("sqs", region)
        for url in self.pages(sqs, "list_queues", "QueueUrls", 1000):
            sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])
            self._tags(lambda u=url: sqs.list_queue_tags(QueueUrl=u))
        if not self.plain:
            tagging = self.client("resourcegroupstaggingapi", region)
            self.pages(tagging, "get_resources", "ResourceTagMappingList", 100)

    def _tags(self, read: Any) -> None:
        """One resource found; the plain script also asks for its tags."""
        self.found += 1
        if self.plain:
            read()

    def global_services(self) -> None:
        iam = self.client("iam")
        config = {} if self.plain else {"PageSize": 1000}
        for page in iam.get_paginator("get_account_authorization_details").paginate(
            Filter=["User", "Role", "Group", "LocalManagedPolicy"], PaginationConfig=config
        ):
            self.found += sum(len(page[k]) for k in IAM_LISTS)
        route53 = self.client("route53")
        for zone in self.pages(route53, "list_hosted_zones", "HostedZones", 100):
            zone_id = zone["Id"].rsplit("/", 1)[-1]
            route53.list_tags_for_resources(ResourceType="hostedzone", ResourceIds=[zone_id])
            records = self.pages(
                route53,
                "list_resource_record_sets",
                "ResourceRecordSets",
                300,
                HostedZoneId=zone_id,
            )
            self.found += 1 + len(records)
        self.buckets()
        with contextlib.suppress(Exception):  # no organisation: one call made, as exitkit's
            self.pages(self.client("organizations"), "list_accounts", "Accounts", 20)

    def buckets(self) -> None:
        s3 = self.client("s3")
        where = {}
        if not self.plain:  # one listing per region names each bucket's region
            for region in REGIONS:
                listed = self.client("s3", region).list_buckets(BucketRegion=region)["Buckets"]
                where.update({b["Name"]: region for b in listed})
        for bucket in s3.list_buckets()["Buckets"]:
            name = bucket["Name"]
            region = where.get(name) or (
                s3.get_bucket_location(Bucket=name)["LocationConstraint"] or "us-east-1"
            )
            regional = self.client("s3", region)
            reads = [regional.get_bucket_policy, regional.get_bucket_versioning]
            reads += [regional.get_bucket_encryption]
            for read in reads + ([regional.get_bucket_tagging] if self.plain else []):
                with contextlib.suppress(regional.exceptions.ClientError):  # absent: an answer
                    read(Bucket=name)
            self.found += 1

    def run(self) -> dict[str, int]:
        for account in (PROD, SHARED):
            self.open(account)
            self.client("sts").get_caller_identity()
            for region in REGIONS:
                self.regional(region)
            self.global_services()
        return {"calls": self.calls, "resources": self.found}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_moto(port: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [sys.executable, "-m", "exitkit", "sandbox", "aws", "--no-seed", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(300):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/moto-api/", timeout=1):
                return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("moto did not start")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def write_estate(root: Path) -> Path:
    common = {"kind": "cloud_account", "cloud": "aws", "regions": list(REGIONS)}
    accounts = [
        {"id": "aws-prod", "account_id": PROD, **common},
        {"id": "aws-shared", "account_id": SHARED, "role_arn": ROLE, **common},
    ]
    document = {
        "version": 1,
        "estate": "bench",
        "client": {"name": "Client"},
        "provider": {"name": "MSP"},
        "contract": {"reference": "B", "notice_days": 90, "reversibility_days": 60},
        "reviewed": "2026-10-01",
        "assets": accounts,
    }
    (root / "estate").mkdir()
    (root / "estate" / "estate.yaml").write_text(yaml.safe_dump(document))
    return root / "estate"


def timed(command: list[str], env: dict[str, str], server: int) -> tuple[float, float, str]:
    """Wall seconds, the moto server's CPU seconds meanwhile, and what the command printed."""
    start, server_cpu = time.perf_counter(), cpu_seconds(server)
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    elapsed, server_cpu = time.perf_counter() - start, cpu_seconds(server) - server_cpu
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")
    return elapsed, server_cpu, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--resources", type=int, default=2000)
    parser.add_argument("--sequential", choices=["plain", "minimal"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.sequential:
        print(json.dumps(SequentialReader(plain=args.sequential == "plain").run()))
        return
    from exitkit.sandbox.aws_bulk import seed_bulk

    port = free_port()
    server = start_moto(port)
    endpoint = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "AWS_ENDPOINT_URL": endpoint,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": REGIONS[0],
        "AWS_EC2_METADATA_DISABLED": "true",
        "AWS_CONFIG_FILE": os.devnull,
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
    }
    try:
        seeded = seed_bulk(endpoint, args.resources, workers=4)
        kinds = ", ".join(sorted({r.type for r in seeded.resources}))
        print(f"seeded {len(seeded.resources)} resources in {seeded.seconds:.1f} s ({kinds})")
        with tempfile.TemporaryDirectory(prefix="exitkit-bench-") as scratch:
            root = Path(scratch)
            script = [sys.executable, __file__, "--sequential"]
            plain_s, plain_cpu, out = timed([*script, "plain"], env, server.pid)
            plain = json.loads(out)
            minimal_s, minimal_cpu, out = timed([*script, "minimal"], env, server.pid)
            minimal = json.loads(out)
            bundle = root / "bundle"
            export = [sys.executable, "-m", "exitkit", "export", str(write_estate(root))]
            exitkit_s, exitkit_cpu, _ = timed([*export, "--out", str(bundle)], env, server.pid)
            records = bundle.glob("assets/cloud_account/*/account.json")
            totals = [json.loads(path.read_text())["totals"] for path in records]
    finally:
        server.terminate()
        server.wait(timeout=30)
    calls, requests = sum(t["calls"] for t in totals), sum(t["requests"] for t in totals)
    print(
        f"resources read: exitkit {sum(t['resources'] for t in totals)}, "
        f"plain script {plain['resources']}, minimal-call script {minimal['resources']}"
    )
    print(
        f"API calls:      exitkit {calls} ({requests} HTTP requests), minimum {minimal['calls']}:"
        f" {calls / minimal['calls']:.2f}x (target <= 1.2x); plain script {plain['calls']}"
    )
    print(
        f"wall time:      exitkit {exitkit_s:.1f} s, plain sequential script {plain_s:.1f} s: "
        f"{exitkit_s / plain_s:.2f}x (target <= 0.5x)"
    )
    print(
        f"                minimal calls made sequentially {minimal_s:.1f} s: exitkit "
        f"{exitkit_s / minimal_s:.2f}x (concurrency alone)"
    )
    print(
        f"moto CPU:       {exitkit_cpu:.1f} s during exitkit, {plain_cpu:.1f} s plain, "
        f"{minimal_cpu:.1f} s minimal (one process: the floor of any client's wall time)"
    )


if __name__ == "__main__":
    main()
