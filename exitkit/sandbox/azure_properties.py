"""Properties of the seeded Azure resources, shaped as ARM returns them on a GET by id."""

from __future__ import annotations

import uuid
from typing import Any


def nic(subnet: str) -> dict[str, Any]:
    ip = {"privateIPAllocationMethod": "Dynamic", "subnet": {"id": subnet}}
    return {"ipConfigurations": [{"name": "ipconfig1", "properties": ip}]}


def os_disk() -> dict[str, Any]:
    return {
        "osType": "Linux",
        "diskSizeGB": 64,
        "diskState": "Attached",
        "creationData": {"createOption": "FromImage"},
    }


def virtual_machine(name: str, disk: str, nic: str) -> dict[str, Any]:
    return {
        "vmId": str(uuid.uuid5(uuid.NAMESPACE_URL, name)),
        "hardwareProfile": {"vmSize": "Standard_D4s_v5"},
        "storageProfile": {
            "imageReference": {
                "publisher": "Canonical",
                "offer": "ubuntu-24_04-lts",
                "sku": "server",
                "version": "latest",
            },
            "osDisk": {
                "osType": "Linux",
                "name": f"{name}_OsDisk_1",
                "createOption": "FromImage",
                "managedDisk": {"id": disk, "storageAccountType": "Premium_LRS"},
            },
            "dataDisks": [],
        },
        "osProfile": {
            "computerName": name,
            "adminUsername": "acmeadmin",
            "linuxConfiguration": {"disablePasswordAuthentication": True},
        },
        "networkProfile": {"networkInterfaces": [{"id": nic}]},
    }


def nsg_rules() -> dict[str, Any]:
    rule = {
        "name": "allow-https",
        "properties": {
            "protocol": "Tcp",
            "sourcePortRange": "*",
            "destinationPortRange": "443",
            "sourceAddressPrefix": "Internet",
            "destinationAddressPrefix": "*",
            "access": "Allow",
            "priority": 100,
            "direction": "Inbound",
        },
    }
    return {"securityRules": [rule]}


def vnet(prefix: str, nsg: str) -> dict[str, Any]:
    subnets = [
        {
            "name": name,
            "properties": {
                "addressPrefix": f"{prefix}.{n}.0/24",
                "networkSecurityGroup": {"id": nsg},
            },
        }
        for n, name in enumerate(("app", "data"), start=1)
    ]
    return {"addressSpace": {"addressPrefixes": [f"{prefix}.0.0/16"]}, "subnets": subnets}


def sql_server() -> dict[str, Any]:
    return {
        "administratorLogin": "erpadmin",
        "version": "12.0",
        "minimalTlsVersion": "1.2",
        "publicNetworkAccess": "Disabled",
        "fullyQualifiedDomainName": "sql-acme-erp.database.windows.net",
    }


def storage() -> dict[str, Any]:
    return {
        "minimumTlsVersion": "TLS1_2",
        "allowBlobPublicAccess": False,
        "supportsHttpsTrafficOnly": True,
        "encryption": {"keySource": "Microsoft.Storage", "services": {"blob": {"enabled": True}}},
    }


def key_vault(tenant_id: str) -> dict[str, Any]:
    return {
        "tenantId": tenant_id,
        "sku": {"family": "A", "name": "standard"},
        "enableRbacAuthorization": True,
        "enableSoftDelete": True,
        "softDeleteRetentionInDays": 90,
        "vaultUri": "https://kv-acme-erp.vault.azure.net/",
    }
