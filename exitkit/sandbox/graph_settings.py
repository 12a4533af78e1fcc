"""The settings side of the sandbox tenant: licences (one SKU sold through the provider's partner
tenant), subscriptions, domains, conditional access policies and named locations."""

from __future__ import annotations

from typing import Any

from exitkit.sandbox.azure_seed import TENANT_ID
from exitkit.sandbox.graph_catalog import ROLES, SKUS

PROVIDER_TENANT = "bbbbbbbb-0000-4000-8000-0000000000aa"  # Example MSP's own tenant
INITIAL_DOMAIN = "acme.onmicrosoft.com"
MSP_ADMIN = "d0000000-0000-4000-8000-000000000001"  # provider: the only Global Administrator
MSP_TIER2 = "d0000000-0000-4000-8000-000000000102"  # provider's group in the tenant


def subscribed_skus() -> list[dict[str, Any]]:
    units = {
        "SPB": (100, 0, 0, 97),
        "EXCHANGESTANDARD": (10, 0, 2, 4),
        "AAD_PREMIUM_P2": (5, 0, 0, 3),
    }
    return [
        {
            "id": f"{TENANT_ID}_{SKUS[part][0]}",
            "skuId": SKUS[part][0],
            "skuPartNumber": part,
            "appliesTo": "User",
            "capabilityStatus": "Enabled",
            "consumedUnits": consumed,
            "prepaidUnits": {
                "enabled": enabled,
                "suspended": suspended,
                "warning": warning,
                "lockedOut": 0,
            },
            "servicePlans": [],
        }
        for part, (enabled, suspended, warning, consumed) in units.items()
    ]  # fmt: skip


def subscriptions() -> list[dict[str, Any]]:
    def one(part: str, ident: str, owner: str | None, trial: bool, total: int,
            renews: str) -> dict[str, Any]:  # fmt: skip
        return {
            "id": ident,
            "commerceSubscriptionId": f"c-{ident}",
            "skuId": SKUS[part][0],
            "skuPartNumber": part,
            "status": "Enabled",
            "totalLicenses": total,
            "isTrial": trial,
            "createdDateTime": "2025-03-01T00:00:00Z",
            "nextLifecycleDateTime": renews,
            "ownerId": owner,
            "ownerTenantId": owner,
            "ownerType": "Company" if owner else None,
        }

    return [
        one("SPB", "s-spb", PROVIDER_TENANT, False, 100, "2027-03-01T00:00:00Z"),
        one("EXCHANGESTANDARD", "s-exo", None, False, 10, "2026-12-01T00:00:00Z"),
        one("AAD_PREMIUM_P2", "s-p2", None, True, 5, "2026-11-15T00:00:00Z"),
    ]


def domains() -> list[dict[str, Any]]:
    def one(name: str, initial: bool, default: bool, verified: bool = True) -> dict[str, Any]:
        return {
            "id": name,
            "authenticationType": "Managed",
            "isAdminManaged": True,
            "isDefault": default,
            "isInitial": initial,
            "isRoot": True,
            "isVerified": verified,
            "supportedServices": ["Email", "OfficeCommunicationsOnline"] if verified else [],
            "passwordValidityPeriodInDays": 2147483647,
        }

    return [
        one(INITIAL_DOMAIN, True, False),
        one("acme.example", False, True),
        one("acme-shop.example", False, False, verified=False),
    ]


def conditional_access() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    office = {
        "@odata.type": "#microsoft.graph.ipNamedLocation",
        "id": "nl-lyon-office",
        "displayName": "Acme Lyon office",
        "isTrusted": True,
        "ipRanges": [
            {"@odata.type": "#microsoft.graph.iPv4CidrRange", "cidrAddress": "198.51.100.0/24"}
        ],
    }  # fmt: skip
    countries = {
        "@odata.type": "#microsoft.graph.countryNamedLocation",
        "id": "nl-eu",
        "displayName": "EU countries",
        "countriesAndRegions": ["FR", "DE", "BE", "ES", "IT"],
        "includeUnknownCountriesAndRegions": False,
    }
    policies = [
        {
            "id": "ca-mfa-admins",
            "displayName": "Require MFA for administrators",
            "state": "enabled",
            "createdDateTime": "2025-03-05T10:00:00Z",
            "conditions": {
                "users": {"includeRoles": [ROLES["Global Administrator"][1]],
                          "excludeUsers": [MSP_ADMIN]},
                "applications": {"includeApplications": ["All"]},
            },
            "grantControls": {"operator": "OR", "builtInControls": ["mfa"]},
        },
        {
            "id": "ca-block-outside-eu",
            "displayName": "Block sign-in outside the EU",
            "state": "enabledForReportingButNotEnforced",
            "createdDateTime": "2025-03-05T10:05:00Z",
            "conditions": {
                "users": {"includeUsers": ["All"], "excludeGroups": [MSP_TIER2]},
                "locations": {"includeLocations": ["All"], "excludeLocations": ["nl-eu"]},
            },
            "grantControls": {"operator": "OR", "builtInControls": ["block"]},
        },
    ]  # fmt: skip
    return policies, [office, countries]
