"""Export one Microsoft 365 tenant: its parts read side by side through Graph, each failing alone.

The organization is read first: it proves the credential reaches the tenant the inventory names.
After that a part that fails (PIM without its licence, a permission not granted, throttling past
the bound) is recorded in account.json and its file left out; the others are written.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from functools import partial
from typing import Any

from exitkit.bundle.writer import now
from exitkit.cloud.collect import Collection, Task
from exitkit.cloud.job import AccountJob, CloudFailure
from exitkit.cloud.m365 import conditional_access, domains, licences, partners, roles
from exitkit.cloud.m365.context import TENANT, TenantContext
from exitkit.cloud.m365.graph import GraphClient
from exitkit.cloud.m365.session import explain, graph_endpoint, scrub, tenant_credential
from exitkit.cloud.output import AccountExport
from exitkit.inventory.models import Microsoft365Tenant

CONCURRENCY = 4
MAX_WAIT_S = 60.0  # the longest Retry-After exitkit obeys; a longer one fails that part
PARTS = (  # (part, what it reads, how)
    ("directory-roles", "roleAssignments", roles.active),
    ("partner-relationships", "delegatedAdminRelationships", partners.relationships),
    ("partner-apps", "servicePrincipals", partners.apps),
    ("licences", "subscribedSkus", licences.skus),
    ("subscriptions", "directory/subscriptions", licences.subscriptions),
    ("domains", "domains", domains.domains),
    ("conditional-access", "conditionalAccess", conditional_access.conditional_access),
)
ACCESS_PARTS = frozenset(
    {"directory-roles", "pim-eligible", "partner-relationships", "partner-apps"}
)


@dataclass
class TenantExport:
    account: AccountExport
    context: TenantContext

    def notes(self, name: str) -> list[Any]:
        """Every item the parts noted under `name` (empty when the part failed)."""
        return [item for note in self.account.collection.notes(name) for item in note]

    def failed(self, part: str) -> bool:
        return any(f.service == part for f in self.account.collection.failures)


def export_tenant(
    job: AccountJob, asset: Microsoft365Tenant, workers: int = CONCURRENCY
) -> TenantExport:
    started, clock = now(), time.monotonic()
    collection = Collection(workers, explain, lambda text: job.scrub(scrub(text)))
    graph = GraphClient(
        graph_endpoint(asset),
        tenant_credential(asset),
        collection,
        tries=job.options.retries + 3,
        timeout_s=job.options.timeout_s,
        max_wait_s=min(MAX_WAIT_S, job.options.timeout_s),
    )
    ctx = TenantContext(asset, graph)
    organization = _organization(job, ctx)
    collection.run(Task(part, TENANT, label, partial(run, ctx)) for part, label, run in PARTS)
    done = {key[0] for key in collection.produced} - {f.service for f in collection.failures}
    if not done:
        first = sorted(collection.failures, key=lambda f: f.service)[0]
        raise CloudFailure(first.error_class, f"no part of the tenant could be read; first: "
                           f"{first.service}: {first.reason}")  # fmt: skip
    account = AccountExport(
        cloud="microsoft365",
        account=ctx.tenant_id,
        regions=[TENANT],
        identity=_identity(),
        collected_at=started,
        duration_s=round(time.monotonic() - clock, 3),
        collection=collection,
        resources=[],
        access_complete=not any(f.service in ACCESS_PARTS for f in collection.failures),
        undeclared={},
        details={
            "tenant": ctx.tenant_id,
            "display_name": str(organization.get("displayName") or ""),
            "endpoint": graph.endpoint,
        },
    )
    return TenantExport(account, ctx)


def _organization(job: AccountJob, ctx: TenantContext) -> dict[str, Any]:
    try:
        found = ctx.graph.read("organization", {"$select": "id,displayName"})
    except Exception as error:
        error_class, reason = explain(error)
        raise CloudFailure(
            error_class, job.scrub(scrub(f"reading tenant {ctx.tenant_id}: {reason}"))
        ) from None
    tenant = str(found[0].get("id") if found else "").lower()
    if tenant != ctx.tenant_id:
        raise CloudFailure(
            "wrong-account",
            f"the credential reaches tenant {tenant or '(none)'}, the inventory says "
            f"{ctx.tenant_id}: set AZURE_TENANT_ID to the tenant to export",
        )
    return found[0]


def _identity() -> str:
    client_id = os.environ.get("AZURE_CLIENT_ID")
    credential = "DefaultAzureCredential"
    return f"{credential} (client id {client_id})" if client_id else credential
