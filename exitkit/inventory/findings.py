"""What `inventory validate` reports about a valid estate: staleness, gaps and lock-in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from exitkit.defaults import DOCUMENT_REVIEW_DAYS, INVENTORY_REVIEW_DAYS
from exitkit.findings import Finding as Finding  # the one findings type
from exitkit.inventory.credentials import problem_of, references
from exitkit.inventory.loader import Inventory
from exitkit.inventory.models import (
    AwsAccount,
    AzureSubscription,
    Document,
    License,
    Microsoft365Tenant,
)


def findings(inventory: Inventory, today: dt.date) -> list[Finding]:
    """Every finding for an estate, in file order within each rule."""
    rules = (
        _stale_inventory,
        _unassigned_obligations,
        _license_lock_in,
        _stale_documents,
        _unresolved_credentials,
        _cloud_without_client_principal,
    )
    return [finding for rule in rules for finding in rule(inventory, today)]


def _stale_inventory(inventory: Inventory, today: dt.date) -> Iterator[Finding]:
    age = (today - inventory.estate.reviewed).days
    if age > INVENTORY_REVIEW_DAYS:
        yield Finding(
            "inventory-stale",
            f"inventory last reviewed {inventory.estate.reviewed} ({age} days ago; "
            f"review at least every {INVENTORY_REVIEW_DAYS} days)",
            str(inventory.path),
        )


def _unassigned_obligations(inventory: Inventory, today: dt.date) -> Iterator[Finding]:
    for obligation in inventory.estate.obligations:
        if obligation.owner is None:
            yield Finding(
                "obligation-unassigned",
                f"obligation {obligation.id} ({obligation.regulation}) has no owner",
                str(inventory.path),
            )


def _license_lock_in(inventory: Inventory, today: dt.date) -> Iterator[Finding]:
    for asset in inventory.assets_of("license"):
        assert isinstance(asset, License)
        reasons = asset.lock_in()
        if reasons:
            yield Finding(
                "license-lock-in",
                f"licence {asset.vendor} {asset.product} is " + " and ".join(reasons),
                inventory.where(asset.id),
                asset.id,
            )


def _stale_documents(inventory: Inventory, today: dt.date) -> Iterator[Finding]:
    for asset in inventory.assets_of("document"):
        assert isinstance(asset, Document)
        if asset.reviewed is None:
            message = "document has no review date"
        elif (today - asset.reviewed).days > DOCUMENT_REVIEW_DAYS:
            message = f"document last reviewed {asset.reviewed}, more than 12 months ago"
        else:
            continue
        yield Finding("document-stale", message, inventory.where(asset.id), asset.id)


def _unresolved_credentials(inventory: Inventory, today: dt.date) -> Iterator[Finding]:
    for name, credential in inventory.estate.credentials.items():
        for field, ref in references(credential).items():
            problem = problem_of(ref, inventory.base_dir)
            if problem:
                yield Finding(
                    "credential-unresolved",
                    f"credentials {name}.{field}: {problem}",
                    str(inventory.path),
                )


def _cloud_without_client_principal(inventory: Inventory, today: dt.date) -> Iterator[Finding]:
    for asset in inventory.assets_of("cloud_account"):
        assert isinstance(asset, AwsAccount | AzureSubscription | Microsoft365Tenant)
        if not asset.client_principals:
            yield Finding(
                "cloud-no-client-principal",
                "cloud account declares no client principal: the client could not take over",
                inventory.where(asset.id),
                asset.id,
            )
