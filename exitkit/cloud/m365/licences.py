"""Licences: the tenant's subscribed SKUs and subscriptions, compared with the `license` assets
the inventory declares (declared but absent, present but undeclared, quantities that differ),
and subscriptions a partner tenant sells flagged as lock-in."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from exitkit.cloud.collect import Outcome
from exitkit.cloud.m365.catalog import SKU_PRODUCTS
from exitkit.cloud.m365.context import TenantContext
from exitkit.findings import Finding
from exitkit.inventory.models import License, Microsoft365Tenant

LICENCES_SCHEMA = "m365-licences.v1"
SKUS, SUBSCRIPTIONS = "skus", "subscriptions"  # Outcome.notes keys
SKU_FIELDS = "skuId,skuPartNumber,prepaidUnits,consumedUnits,capabilityStatus,appliesTo"


def skus(ctx: TenantContext) -> Outcome:
    listed = ctx.graph.read("subscribedSkus", {"$select": SKU_FIELDS})
    found = [
        {
            "sku_id": str(body.get("skuId", "")),
            "part_number": str(body.get("skuPartNumber") or ""),
            "product": SKU_PRODUCTS.get(str(body.get("skuPartNumber") or "")),
            "status": body.get("capabilityStatus"),
            "applies_to": body.get("appliesTo"),
            **_units(body),
        }
        for body in listed
    ]
    return Outcome(notes={SKUS: sorted(found, key=lambda s: s["part_number"])})


def _units(body: dict[str, Any]) -> dict[str, int]:
    prepaid = body.get("prepaidUnits") or {}
    return {
        "enabled": int(prepaid.get("enabled") or 0),
        "suspended": int(prepaid.get("suspended") or 0),
        "warning": int(prepaid.get("warning") or 0),
        "consumed": int(body.get("consumedUnits") or 0),
    }


def subscriptions(ctx: TenantContext) -> Outcome:
    found = []
    for body in ctx.graph.read("directory/subscriptions"):
        owner = str(body.get("ownerTenantId") or "").lower()
        found.append(
            {
                "id": str(body.get("id", "")),
                "sku_id": str(body.get("skuId", "")),
                "part_number": str(body.get("skuPartNumber") or ""),
                "status": body.get("status"),
                "total_licenses": int(body.get("totalLicenses") or 0),
                "trial": bool(body.get("isTrial")),
                "created": body.get("createdDateTime"),
                "next_lifecycle": body.get("nextLifecycleDateTime"),
                "sold_by_tenant": owner or None,  # a partner tenant that created it, per Graph
                "through_partner": bool(owner) and owner != ctx.tenant_id,
            }
        )
    return Outcome(notes={SUBSCRIPTIONS: sorted(found, key=lambda s: (s["part_number"], s["id"]))})


def declared_for(tenant: Microsoft365Tenant, licences: Sequence[License]) -> dict[str, str | None]:
    """Declared licence id -> the SKU part number it stands for in this tenant (None: unknown).
    The tenant's `licenses` map when given; else Microsoft licences by product name."""
    by_id = {licence.id: licence for licence in licences}
    if tenant.licenses is not None:
        return dict(tenant.licenses)
    names = {product.lower(): part for part, product in SKU_PRODUCTS.items()}
    return {
        licence.id: names.get(licence.product.strip().lower())
        for licence in by_id.values()
        if licence.vendor.strip().lower() == "microsoft"
    }


def compare(
    asset: Microsoft365Tenant,
    licences: Sequence[License],
    found: list[dict[str, Any]],
    subs: list[dict[str, Any]] | None,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(one row per declared licence, findings) for the tenant's SKUs `found`."""
    by_id = {licence.id: licence for licence in licences}
    by_part = {sku["part_number"].lower(): sku for sku in found}
    rows, findings = [], []
    for asset_id, part in sorted(declared_for(asset, licences).items()):
        licence = by_id.get(asset_id)
        sku = by_part.pop(part.lower(), None) if part else None
        row: dict[str, Any] = {"asset": asset_id, "part_number": part}
        row.update(declared=None, enabled=None)
        if licence is None:
            findings.append(_finding(asset, "licence-map-unknown", f"licenses maps {asset_id}, "
                                     "which is no license asset of the inventory"))  # fmt: skip
            rows.append(row)
            continue
        row["declared"] = licence.quantity
        if sku is None:
            findings.append(_absent(asset, licence, part))
        else:
            row["enabled"] = sku["enabled"]
            if sku["enabled"] != licence.quantity:
                findings.append(_differs(asset, licence, sku))
        rows.append(row)
    for sku in by_part.values():
        if sku["enabled"] > 0:
            findings.append(_undeclared(asset, sku))
    findings += [_partner(asset, sub) for sub in subs or [] if sub["through_partner"]]
    return rows, findings


def _finding(asset: Microsoft365Tenant, code: str, message: str, **extra: str) -> dict[str, Any]:
    return Finding(code, message, asset=asset.id, details=extra).to_record()


def _absent(asset: Microsoft365Tenant, licence: License, part: str | None) -> dict[str, Any]:
    what = f"SKU {part}" if part else "a SKU of that product name (map it in `licenses`)"
    return _finding(asset, "licence-declared-absent",
                    f"licence {licence.id} ({licence.product}, {licence.quantity}) is declared "
                    f"but tenant {asset.tenant_id} has no {what}", id=licence.id)  # fmt: skip


def _differs(asset: Microsoft365Tenant, licence: License, sku: dict[str, Any]) -> dict[str, Any]:
    declared = f"licence {licence.id} declares {licence.quantity} {licence.product}"
    found = f"{sku['enabled']} enabled units of {sku['part_number']} ({sku['consumed']} consumed)"
    message = f"{declared}; tenant {asset.tenant_id} has {found}"
    return _finding(asset, "licence-quantity-differs", message, id=licence.id)


def _undeclared(asset: Microsoft365Tenant, sku: dict[str, Any]) -> dict[str, Any]:
    name = sku["product"] or sku["part_number"]
    return _finding(asset, "licence-undeclared",
                    f"tenant {asset.tenant_id} has {sku['enabled']} enabled units of "
                    f"{sku['part_number']} ({name}) that no license asset declares",
                    id=sku["part_number"])  # fmt: skip


def _partner(asset: Microsoft365Tenant, sub: dict[str, Any]) -> dict[str, Any]:
    return _finding(asset, "licence-sold-by-partner",
                    f"subscription {sub['id']} ({sub['part_number']}, {sub['total_licenses']} "
                    f"licences) was created by partner tenant {sub['sold_by_tenant']}: bought "
                    "through the provider's agreement, it does not follow the client at exit "
                    "(lock-in)", id=sub["id"])  # fmt: skip
