"""Write one cloud account's export into its asset folder: resources, templates and records."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from exitkit.cloud.access import ACCESS_SCHEMA, access_record
from exitkit.cloud.collect import Collection
from exitkit.cloud.job import AccountJob, CloudFailure
from exitkit.cloud.records import RESOURCE_SCHEMA, Resource, json_lines
from exitkit.findings import Finding
from exitkit.inventory.models import AwsAccount, AzureSubscription

ACCOUNT_SCHEMA = "cloud-account.v1"
UNDECLARED_SCHEMA = "cloud-undeclared.v1"


@dataclass
class AccountExport:
    """Everything collected from one account, ready to be written."""

    cloud: str
    account: str
    regions: list[str]
    identity: str
    collected_at: str
    duration_s: float
    collection: Collection
    resources: list[Resource]
    access_complete: bool  # the rights (IAM, role assignments) were all read
    undeclared: dict[str, Any]
    details: dict[str, Any] = field(default_factory=dict)


def raise_if_nothing_collected(collection: Collection) -> None:
    """A run that read nothing at all is a failed asset; a partial one is exported with its gaps."""
    if collection.resources or not collection.failures:
        return
    classes = Counter(failure.error_class for failure in collection.failures)
    error_class = classes.most_common(1)[0][0]
    first = sorted(collection.failures, key=lambda f: (f.service, f.region, f.step))[0]
    raise CloudFailure(
        error_class,
        f"nothing could be collected ({len(collection.failures)} failed call(s)); "
        f"first: {first.service} {first.region} {first.step}: {first.reason}",
    )


def write_account(job: AccountJob, export: AccountExport) -> None:
    by_file: dict[str, list[Resource]] = defaultdict(list)
    for resource in export.resources:
        by_file[resource.file].append(resource)
    for name in sorted(by_file):
        job.output.write_bytes(name, json_lines(by_file[name]), RESOURCE_SCHEMA)
    for name, data in sorted(export.collection.files.items()):
        job.output.write_bytes(name, data)
    asset = job.asset
    assert isinstance(asset, AwsAccount | AzureSubscription)
    admins = export.collection.admins
    access = access_record(
        asset.id,
        export.cloud,
        export.account,
        admins,
        asset.client_principals,
        export.access_complete,
    )
    job.output.write_json("access.json", access, ACCESS_SCHEMA)
    job.output.write_json("undeclared.json", export.undeclared, UNDECLARED_SCHEMA)
    job.output.write_json("account.json", account_record(job.asset.id, export), ACCOUNT_SCHEMA)


def account_record(asset_id: str, export: AccountExport) -> dict[str, Any]:
    collection = export.collection
    keys = sorted(set(collection.produced) | set(collection.calls))
    services = [
        {
            "service": service,
            "region": region,
            "resources": collection.produced[(service, region)],
            "calls": collection.calls[(service, region)],
            "requests": collection.requests[(service, region)],
        }
        for service, region in keys
    ]
    failures = sorted(
        (f.to_record() for f in collection.failures),
        key=lambda f: (f["service"], f["region"], f["step"]),
    )
    findings = []
    if failures:
        places = sorted({f"{f['service']} in {f['region']}" for f in failures})
        findings.append(
            Finding(
                "cloud-collection-partial",
                f"{len(failures)} call(s) failed, the export misses what they would "
                f"have read: {', '.join(places[:10])}",
                asset=asset_id,
            ).to_record()
        )
    return {
        "asset": asset_id,
        "cloud": export.cloud,
        "account": export.account,
        "regions": export.regions,
        "identity": export.identity,
        "collection": {"collected_at": export.collected_at, "duration_s": export.duration_s},
        "services": services,
        "totals": {
            "resources": len(export.resources),
            "calls": sum(collection.calls.values()),
            "requests": sum(collection.requests.values()),
        },
        "operations": sorted(collection.operations),
        "complete": not failures,
        "failures": failures,
        "findings": findings,
        **export.details,
    }


def undeclared_record(
    asset_id: str,
    cloud: str,
    account: str,
    checked: Sequence[dict[str, Any]],
    findings: Sequence[dict[str, Any]],
) -> dict[str, Any]:
    """cloud-undeclared.v1: what was compared with the inventory, and what it does not declare."""
    return {
        "asset": asset_id,
        "cloud": cloud,
        "account": account,
        "checked": list(checked),
        "findings": sorted(
            findings, key=lambda f: (f["code"], f.get("account", ""), f.get("id", ""))
        ),
    }
