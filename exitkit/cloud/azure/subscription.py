"""Export one Azure subscription: groups, resources, templates and role assignments side by side,
and the subscriptions the same credential reaches that the inventory does not declare."""

from __future__ import annotations

import os
import time
from functools import partial
from typing import Any

from exitkit.bundle.writer import now
from exitkit.cloud.azure import resources, roles
from exitkit.cloud.azure.context import SUBSCRIPTION, AzureContext, as_json
from exitkit.cloud.azure.errors import explain
from exitkit.cloud.azure.session import AzureAccess, env_secrets
from exitkit.cloud.collect import Collection, Outcome, Task
from exitkit.cloud.job import AccountJob, CloudFailure
from exitkit.cloud.output import AccountExport, raise_if_nothing_collected, undeclared_record
from exitkit.findings import Finding
from exitkit.inventory.models import AzureSubscription
from exitkit.scrubbing import scrub

CONCURRENCY = 8
TENANT = "tenant"
UNDECLARED = "undeclared"  # Outcome.notes key


def export_azure(
    job: AccountJob, asset: AzureSubscription, workers: int = CONCURRENCY
) -> AccountExport:
    started, clock = now(), time.monotonic()
    collection = Collection(workers, explain, lambda text: _scrub(job, text))
    access = AzureAccess(asset, collection, job.options.retries + 3, job.options.timeout_s)
    subscription = _subscription(job, access, asset)
    ctx = AzureContext(asset.subscription_id, access)
    collection.run(
        [
            Task(
                "resource-groups",
                SUBSCRIPTION,
                "ResourceGroups.List",
                lambda: resources.groups(ctx),
            ),
            Task("resources", SUBSCRIPTION, "Resources.List", lambda: resources.resources(ctx)),
            Task(
                "role-assignments",
                SUBSCRIPTION,
                "RoleAssignments.List",
                lambda: roles.role_assignments(ctx),
            ),
            Task("subscriptions", TENANT, "Subscriptions.List", lambda: _reachable(job, ctx)),
        ]
    )
    raise_if_nothing_collected(collection)
    found = collection.resources
    complete = not any(f.service == "role-assignments" for f in collection.failures)
    return AccountExport(
        cloud="azure",
        account=asset.subscription_id,
        regions=sorted({r.region for r in found}),
        identity=_identity(),
        collected_at=started,
        duration_s=round(time.monotonic() - clock, 3),
        collection=collection,
        resources=found,
        access_complete=complete,
        undeclared=_undeclared(asset, collection),
        details={
            "tenant": str(subscription.get("tenantId", "")),
            "display_name": str(subscription.get("displayName", "")),
            "endpoint": access.endpoint,
        },
    )


def _scrub(job: AccountJob, text: str) -> str:
    return job.scrub(scrub(text, env_secrets()))


def _identity() -> str:
    client_id = os.environ.get("AZURE_CLIENT_ID")
    return (
        f"DefaultAzureCredential (client id {client_id})" if client_id else "DefaultAzureCredential"
    )


def _subscription(job: AccountJob, access: AzureAccess, asset: AzureSubscription) -> dict[str, Any]:
    try:
        found = as_json(access.subscriptions().subscriptions.get(asset.subscription_id))
    except Exception as error:
        error_class, reason = explain(error)
        raise CloudFailure(
            error_class, _scrub(job, f"reading subscription {asset.subscription_id}: {reason}")
        ) from None
    tenant = str(found.get("tenantId") or "")
    if asset.tenant_id and tenant and tenant.lower() != asset.tenant_id.lower():
        raise CloudFailure(
            "wrong-account",
            f"subscription {asset.subscription_id} belongs to tenant {tenant}, "
            f"the inventory says {asset.tenant_id}",
        )
    return found


def _reachable(job: AccountJob, ctx: AzureContext) -> Outcome:
    client = ctx.access.subscriptions()
    declared = {
        a.subscription_id.lower() for a in job.inventory.assets if isinstance(a, AzureSubscription)
    }
    seen = [as_json(s) for s in client.subscriptions.list()]
    strangers = [s for s in seen if str(s.get("subscriptionId", "")).lower() not in declared]
    return Outcome(
        notes={UNDECLARED: {"subscriptions": strangers}},
        follow=[
            ctx.task(
                "undeclared",
                str(s["subscriptionId"]),
                "Resources.List",
                partial(_stranger, ctx, s),
            )
            for s in strangers
        ],
    )


def _stranger(ctx: AzureContext, subscription: dict[str, Any]) -> Outcome:
    sub = str(subscription["subscriptionId"])
    client = ctx.access.resources(subscription_id=sub)
    listed = [as_json(r) for r in client.resources.list()]
    return Outcome(notes={UNDECLARED: {"resources": [(sub, r) for r in listed]}})


def _undeclared(asset: AzureSubscription, collection: Collection) -> dict[str, Any]:
    notes = collection.notes(UNDECLARED)
    findings: list[dict[str, Any]] = []
    for note in notes:
        for sub in note.get("subscriptions", []):
            findings.append(
                Finding(
                    "cloud-account-undeclared",
                    f"subscription {sub['subscriptionId']} "
                    f"({sub.get('displayName', '')}) is reachable with the same credential "
                    "but the inventory does not declare it",
                    asset=asset.id,
                    details={"account": str(sub["subscriptionId"])},
                ).to_record()
            )
        for sub, resource in note.get("resources", []):
            findings.append(
                Finding(
                    "cloud-resource-undeclared-account",
                    f"{resource.get('type')} {resource.get('name')} is in "
                    f"subscription {sub}, which the inventory does not declare",
                    asset=asset.id,
                    details={"account": sub, "id": str(resource.get("id", ""))},
                ).to_record()
            )
    listed = any("subscriptions" in note for note in notes)
    checked = [
        {
            "source": "Subscriptions.List",
            "status": "read" if listed else "failed (see account.json)",
        }
    ]
    return undeclared_record(asset.id, "azure", asset.subscription_id, checked, findings)
