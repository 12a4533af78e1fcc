"""Export one AWS account: every service in every region on a bounded pool, then what it means."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Sequence
from functools import partial
from typing import Any

from exitkit.bundle.writer import now
from exitkit.cloud.aws import accounts, tagging
from exitkit.cloud.aws.arns import parse_arn
from exitkit.cloud.aws.errors import explain
from exitkit.cloud.aws.services import GLOBAL, AwsContext, load_services, setup_calls
from exitkit.cloud.aws.session import AwsAccess
from exitkit.cloud.collect import Collection, Task
from exitkit.cloud.job import AccountJob, CloudFailure
from exitkit.cloud.output import AccountExport, raise_if_nothing_collected, undeclared_record
from exitkit.cloud.records import Resource
from exitkit.findings import Finding
from exitkit.inventory.models import AwsAccount
from exitkit.scrubbing import scrub

CONCURRENCY = 8  # calls in flight per account
# sts:AssumeRole (role_arn) is allowed by the role's trust policy, not by the read-only policy
setup_calls("identity", "sts:GetCallerIdentity", "ec2:DescribeRegions")


def export_aws(job: AccountJob, asset: AwsAccount, workers: int = CONCURRENCY) -> AccountExport:
    started, clock = now(), time.monotonic()
    collection = Collection(workers, explain, lambda text: _scrub(job, access, text))
    access: AwsAccess | None = None
    access = AwsAccess(
        asset.role_arn, collection, job.options.retries + 3, job.options.timeout_s, workers
    )
    identity = _identity(job, access, asset)
    regions = list(asset.regions or _enabled_regions(job, access))
    ctx = AwsContext(asset.account_id, regions, access)
    tasks = [
        Task(s.name, region, s.name, partial(s.collect, ctx, region))
        for s in load_services().values()
        for region in (regions if s.regional else [GLOBAL])
    ]
    tasks.append(
        Task(
            "accounts",
            GLOBAL,
            "reachable accounts",
            partial(accounts.reachable_accounts, ctx, bool(asset.role_arn)),
        )
    )
    collection.run(tasks)
    raise_if_nothing_collected(collection)
    resources = merge_tagged(ctx, collection)
    access_complete = not any(f.service == "iam" for f in collection.failures)
    return AccountExport(
        cloud="aws",
        account=asset.account_id,
        regions=regions,
        identity=identity,
        collected_at=started,
        duration_s=round(time.monotonic() - clock, 3),
        collection=collection,
        resources=resources,
        access_complete=access_complete,
        undeclared=_undeclared(job, asset, collection, resources),
        details={"regions_from": "inventory" if asset.regions else "enabled regions"},
    )


def _scrub(job: AccountJob, access: AwsAccess | None, text: str) -> str:
    return job.scrub(scrub(text, access.secrets() if access else ()))


def _fail(job: AccountJob, access: AwsAccess, error: Exception, doing: str) -> CloudFailure:
    error_class, reason = explain(error)
    return CloudFailure(error_class, _scrub(job, access, f"{doing}: {reason}"))


def _identity(job: AccountJob, access: AwsAccess, asset: AwsAccount) -> str:
    doing = f"assuming {asset.role_arn}" if asset.role_arn else "reading the caller identity"
    try:
        answer: dict[str, Any] = access.client("sts", access.home).get_caller_identity()
    except Exception as error:
        raise _fail(job, access, error, doing) from None
    if str(answer["Account"]) != asset.account_id:
        raise CloudFailure(
            "wrong-account",
            f"the credentials reach account {answer['Account']}, the inventory declares "
            f"{asset.account_id}: set role_arn, or the environment, to the declared account",
        )
    return str(answer["Arn"])


def _enabled_regions(job: AccountJob, access: AwsAccess) -> list[str]:
    try:
        answer = access.client("ec2", access.home).describe_regions()
    except Exception as error:
        raise _fail(job, access, error, "listing the account's enabled regions") from None
    return sorted(
        str(r["RegionName"])
        for r in answer.get("Regions", [])
        if r.get("OptInStatus", "opt-in-not-required") in ("opt-in-not-required", "opted-in")
    )


def merge_tagged(ctx: AwsContext, collection: Collection) -> list[Resource]:
    """Collected resources with tags filled in, plus one record per resource only tags revealed."""
    tagged: dict[str, dict[str, str]] = {}
    where: dict[str, str] = {}
    for region, found in sorted(collection.notes(tagging.NOTE)):
        for arn, tags in found.items():
            tagged.setdefault(arn, tags)
            where.setdefault(arn, region)
    resources = [
        dataclasses.replace(r, tags=tagged.get(r.arn or "", {})) if r.tags is None else r
        for r in collection.resources
    ]
    known_arns = {r.arn for r in resources if r.arn}
    known = {(r.region, r.type, r.id) for r in resources}
    for text in sorted(set(tagged) - known_arns):
        arn = parse_arn(text)
        if arn is None or arn.account not in ("", ctx.account_id):
            continue
        rtype, rid = arn.type_and_id
        region = arn.region or GLOBAL
        if (region, rtype, rid) in known:
            continue
        tags = tagged[text]
        name = tags.get("Name") or rid.rsplit("/", 1)[-1].rsplit(":", 1)[-1]
        resources.append(
            ctx.resource(
                region,
                rtype,
                rid,
                "tagging:GetResources",
                {"ResourceARN": text},
                name=name,
                arn=text,
                tags=tags,
            )
        )
        known.add((region, rtype, rid))
        collection.produced[("tagging", where[text])] += 1
    return resources


def _undeclared(
    job: AccountJob, asset: AwsAccount, collection: Collection, resources: Sequence[Resource]
) -> dict[str, Any]:
    declared = {a.account_id for a in job.inventory.assets if isinstance(a, AwsAccount)}
    reach = collection.notes(accounts.NOTE)
    checked = reach[0]["checked"] if reach else []
    findings: list[dict[str, Any]] = []
    for account, how in sorted((reach[0]["accounts"] if reach else {}).items()):
        if account not in declared:
            findings.append(
                Finding(
                    "cloud-account-undeclared",
                    f"AWS account {account} is reachable ({how}) but the inventory "
                    "does not declare it",
                    asset=asset.id,
                    details={"account": account},
                ).to_record()
            )
    for resource in resources:
        arn = parse_arn(resource.arn or "")
        if arn and arn.account and arn.account not in declared:
            findings.append(
                Finding(
                    "cloud-resource-undeclared-account",
                    f"{resource.type} {resource.id} belongs to account {arn.account}, "
                    "which the inventory does not declare",
                    asset=asset.id,
                    details={"account": arn.account, "id": resource.id},
                ).to_record()
            )
    if not reach:
        checked = [{"source": "reachable accounts", "status": "failed (see account.json)"}]
    return undeclared_record(asset.id, "aws", asset.account_id, checked, findings)
