"""The Azure sandbox estate: two subscriptions of Acme, their resource groups and resources.

Resources are kept as ARM returns them on a GET by id (with `properties`); lists strip them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from exitkit.sandbox import azure_properties as props
from exitkit.sandbox.expected import ExpectedResource

TENANT_ID = "00000000-0000-0000-0000-0000000000aa"
SUB_ERP = "00000000-0000-0000-0000-000000000001"
SUB_SHARED = "00000000-0000-0000-0000-000000000002"
SUBSCRIPTION_NAMES = {SUB_ERP: "Acme ERP Production", SUB_SHARED: "Acme Shared Services"}
API_VERSIONS = {  # newest first, as ARM lists them
    "Microsoft.Compute/virtualMachines": ["2024-07-01", "2024-03-01", "2023-09-01"],
    "Microsoft.Compute/disks": ["2024-03-02", "2023-10-02"],
    "Microsoft.Network/virtualNetworks": ["2024-05-01", "2024-03-01", "2023-11-01"],
    "Microsoft.Network/networkSecurityGroups": ["2024-05-01", "2024-03-01", "2023-11-01"],
    "Microsoft.Network/networkInterfaces": ["2024-05-01", "2024-03-01", "2023-11-01"],
    "Microsoft.Network/publicIPAddresses": ["2024-05-01", "2024-03-01", "2023-11-01"],
    "Microsoft.Network/dnszones": ["2018-05-01", "2018-03-01-preview"],
    "Microsoft.Storage/storageAccounts": ["2023-05-01", "2023-01-01"],
    "Microsoft.KeyVault/vaults": ["2023-07-01", "2023-02-01"],
    "Microsoft.Sql/servers": ["2023-08-01-preview", "2021-11-01"],
    "Microsoft.Sql/servers/databases": ["2023-08-01-preview", "2021-11-01"],
    "Microsoft.ManagedIdentity/userAssignedIdentities": ["2023-01-31", "2018-11-30"],
    "Microsoft.OperationalInsights/workspaces": ["2023-09-01", "2022-10-01"],
    "Microsoft.RecoveryServices/vaults": ["2024-04-01", "2023-04-01"],
}
OK = {"provisioningState": "Succeeded"}


@dataclass
class ArmEstate:
    """Subscriptions, groups and resources as ARM JSON; `resources` keyed by lower-cased id."""

    tenant_id: str = TENANT_ID
    subscriptions: dict[str, dict[str, Any]] = field(default_factory=dict)
    groups: dict[str, dict[str, Any]] = field(default_factory=dict)
    resources: dict[str, dict[str, Any]] = field(default_factory=dict)

    def add_group(self, sub: str, name: str, location: str, tags: dict[str, str]) -> str:
        gid = f"/subscriptions/{sub}/resourceGroups/{name}"
        self.groups[gid.lower()] = {
            "id": gid,
            "name": name,
            "type": "Microsoft.Resources/resourceGroups",
            "location": location,
            "tags": tags,
            "properties": dict(OK),
        }
        return gid

    def add(
        self, group: str, rtype: str, name: str, properties: dict[str, Any], **extra: Any
    ) -> str:
        """Add a resource to `group` (an id); `extra` holds location, tags, sku, kind…"""
        namespace, _, kinds = rtype.partition("/")
        segments = "/".join(
            f"{kind}/{part}" for kind, part in zip(kinds.split("/"), name.split("/"), strict=True)
        )
        rid = f"{group}/providers/{namespace}/{segments}"
        location = extra.pop("location", self.groups[group.lower()]["location"])
        body = {"id": rid, "name": name, "type": rtype, "location": location}
        body["tags"] = extra.pop("tags", self.groups[group.lower()]["tags"])
        body.update(extra)
        body["properties"] = {**properties, **OK}
        self.resources[rid.lower()] = body
        return rid

    def in_group(self, group: str) -> list[dict[str, Any]]:
        prefix = group.lower() + "/"
        return [r for key, r in self.resources.items() if key.startswith(prefix)]

    def expected(self) -> tuple[ExpectedResource, ...]:
        """Resource groups first, then resources: all with their ARM id, type and location."""
        return tuple(
            ExpectedResource(
                "azure", r["id"].split("/")[2], r["location"], r["type"], r["id"], r["name"]
            )
            for r in [*self.groups.values(), *self.resources.values()]
        )


BULK_TYPES = (
    "Microsoft.Network/networkSecurityGroups",
    "Microsoft.Storage/storageAccounts",
    "Microsoft.Network/publicIPAddresses",
    "Microsoft.ManagedIdentity/userAssignedIdentities",
)


def add_bulk(estate: ArmEstate, count: int, per_group: int = 50) -> tuple[ExpectedResource, ...]:
    """`count` more resources for benchmarks, in groups `rg-bulk-NNN` over both subscriptions."""
    before = set(estate.resources)
    subs = list(estate.subscriptions)
    for number in range(count):
        group_number = number // per_group
        sub = subs[group_number % len(subs)]
        group = f"/subscriptions/{sub}/resourceGroups/rg-bulk-{group_number:03d}"
        if group.lower() not in estate.groups:
            estate.add_group(sub, group.rsplit("/", 1)[1], "westeurope", {"bulk": "true"})
        estate.add(group, BULK_TYPES[number % len(BULK_TYPES)], f"bulk{number:05d}", {})
    added = set(estate.resources) - before
    return tuple(r for r in estate.expected() if r.id.lower() in added)


def build_estate() -> ArmEstate:
    estate = ArmEstate()
    for sub, name in SUBSCRIPTION_NAMES.items():
        estate.subscriptions[sub] = _subscription(sub, name)
    _erp(estate)
    _network_hub(estate)
    _shared(estate)
    return estate


def _subscription(sub: str, name: str) -> dict[str, Any]:
    return {
        "id": f"/subscriptions/{sub}",
        "subscriptionId": sub,
        "tenantId": TENANT_ID,
        "displayName": name,
        "state": "Enabled",
        "authorizationSource": "RoleBased",
        "managedByTenants": [],
        "tags": {"owner": "acme"},
        "subscriptionPolicies": {
            "locationPlacementId": "Public_2014-09-01",
            "quotaId": "EnterpriseAgreement_2014-09-01",
            "spendingLimit": "Off",
        },
    }


def _erp(estate: ArmEstate) -> None:
    tags = {"env": "prod", "owner": "acme", "costcenter": "erp"}
    rg = estate.add_group(SUB_ERP, "rg-erp-prod", "westeurope", tags)
    nsg = estate.add(
        rg, "Microsoft.Network/networkSecurityGroups", "nsg-erp-app", props.nsg_rules()
    )
    vnet = estate.add(
        rg, "Microsoft.Network/virtualNetworks", "vnet-erp-prod", props.vnet("10.40", nsg)
    )
    for number in (1, 2):
        _vm(estate, rg, f"erp-app-0{number}", f"{vnet}/subnets/app")
    estate.add(rg, "Microsoft.Sql/servers", "sql-acme-erp", props.sql_server(), kind="v12.0")
    estate.add(
        rg,
        "Microsoft.Sql/servers/databases",
        "sql-acme-erp/erpdb",
        {
            "collation": "SQL_Latin1_General_CP1_CI_AS",
            "maxSizeBytes": 268435456000,
            "status": "Online",
        },
        sku={"name": "GP_Gen5", "tier": "GeneralPurpose", "family": "Gen5", "capacity": 4},
    )
    estate.add(
        rg,
        "Microsoft.Storage/storageAccounts",
        "stacmeerpprod",
        props.storage(),
        kind="StorageV2",
        sku={"name": "Standard_GRS", "tier": "Standard"},
    )
    sec = estate.add_group(SUB_ERP, "rg-erp-security", "westeurope", tags)
    estate.add(sec, "Microsoft.KeyVault/vaults", "kv-acme-erp", props.key_vault(TENANT_ID))
    estate.add(
        sec,
        "Microsoft.ManagedIdentity/userAssignedIdentities",
        "id-erp-app",
        {
            "tenantId": TENANT_ID,
            "principalId": "dddddddd-0000-4000-8000-000000000001",
            "clientId": "dddddddd-0000-4000-8000-000000000002",
        },
    )
    estate.add_group(SUB_ERP, "rg-erp-sandbox", "northeurope", {"env": "dev", "owner": "acme"})


def _network_hub(estate: ArmEstate) -> None:
    tags = {"env": "prod", "owner": "provider"}
    rg = estate.add_group(SUB_ERP, "rg-network-hub", "francecentral", tags)
    nsg = estate.add(rg, "Microsoft.Network/networkSecurityGroups", "nsg-hub", props.nsg_rules())
    estate.add(rg, "Microsoft.Network/virtualNetworks", "vnet-hub", props.vnet("10.0", nsg))
    estate.add(
        rg,
        "Microsoft.Network/publicIPAddresses",
        "pip-hub-gateway",
        {
            "publicIPAllocationMethod": "Static",
            "ipAddress": "20.19.0.10",
            "publicIPAddressVersion": "IPv4",
        },
        sku={"name": "Standard", "tier": "Regional"},
    )
    estate.add(
        rg,
        "Microsoft.Network/dnszones",
        "acme.example",
        {
            "zoneType": "Public",
            "numberOfRecordSets": 4,
            "nameServers": ["ns1-01.azure-dns.com.", "ns2-01.azure-dns.net."],
        },
        location="global",
    )


def _shared(estate: ArmEstate) -> None:
    tags = {"env": "shared", "owner": "acme"}
    rg = estate.add_group(SUB_SHARED, "rg-shared-monitoring", "westeurope", tags)
    estate.add(
        rg,
        "Microsoft.OperationalInsights/workspaces",
        "log-acme-shared",
        {
            "customerId": "eeeeeeee-0000-4000-8000-000000000001",
            "retentionInDays": 90,
            "sku": {"name": "PerGB2018"},
        },
    )
    estate.add(
        rg,
        "Microsoft.Storage/storageAccounts",
        "stacmesharediag",
        props.storage(),
        kind="StorageV2",
        sku={"name": "Standard_LRS", "tier": "Standard"},
    )
    backup = estate.add_group(SUB_SHARED, "rg-shared-backup", "francecentral", tags)
    estate.add(
        backup,
        "Microsoft.RecoveryServices/vaults",
        "rsv-acme-shared",
        {"publicNetworkAccess": "Disabled"},
        sku={"name": "RS0", "tier": "Standard"},
    )


def _vm(estate: ArmEstate, rg: str, name: str, subnet: str) -> None:
    nic = estate.add(rg, "Microsoft.Network/networkInterfaces", f"nic-{name}", props.nic(subnet))
    disk = estate.add(
        rg,
        "Microsoft.Compute/disks",
        f"{name}_OsDisk_1",
        props.os_disk(),
        sku={"name": "Premium_LRS", "tier": "Premium"},
    )
    estate.add(
        rg, "Microsoft.Compute/virtualMachines", name, props.virtual_machine(name, disk, nic)
    )
