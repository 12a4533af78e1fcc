"""The NetBox emulator's data: Acme's sites, roles, platforms, tags and devices, kept as plain
records and rendered as NetBox 4.x renders them (nested brief objects, absolute URLs)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

NETBOX_VERSION = "4.1.11"
API_VERSION = "4.1"
TOKEN = "0123456789abcdef0123456789abcdef01234567"  # a v1 token, as NetBox generates them

SITES = {"par1": "Paris HQ", "lyo1": "Lyon DC"}
ROLES = {
    "core-switch": "Core switch",
    "access-switch": "Access switch",
    "firewall": "Firewall",
    "router": "Router",
    "pdu": "PDU",
}
PLATFORMS = {
    "cisco-ios": "Cisco IOS",
    "nx-os": "Cisco NX-OS",
    "junos": "Juniper Junos",
    "eos": "Arista EOS",
    "fortios": "FortiOS",
    "panos": "PAN-OS",
    "vyos": "VyOS",
}
TAGS = {"backbone": "9e9e9e", "pci": "f44336", "crit-p1": "b71c1c", "crit-p2": "ff9800"}
STATUSES = ("offline", "active", "planned", "staged", "failed", "inventory", "decommissioning")


@dataclass
class Device:
    """One dcim.device, by the slugs it refers to."""

    id: int
    name: str | None
    site: str
    role: str
    platform: str | None
    address: str | None  # primary IP, CIDR form
    tags: tuple[str, ...] = ()
    status: str = "active"
    custom_fields: dict[str, Any] = field(default_factory=dict)


def seed_devices() -> list[Device]:
    """Fourteen devices: mapped and unmapped platforms, IPv6, planned, unnamed, no IP."""
    # fmt: off
    core = "core-switch"
    rows: list[tuple[Any, ...]] = [
        ("par1-core-1", "par1", core, "cisco-ios", "10.10.0.1/24", "backbone crit-p1", "P1"),
        ("par1-core-2", "par1", core, "cisco-ios", "10.10.0.2/24", "backbone crit-p1", "P1"),
        ("par1-acc-1", "par1", "access-switch", "cisco-ios", "10.10.1.11/24", "", "P3"),
        ("lyo1-spine-1", "lyo1", "core-switch", "nx-os", "10.11.1.1/24", "backbone", "2"),
        ("lyo1-leaf-1", "lyo1", "access-switch", "nx-os", "10.11.2.1/24", "", None),
        ("par1-fw-1", "par1", "firewall", "fortios", "10.10.9.1/24", "pci crit-p1", "P1"),
        ("lyo1-fw-1", "lyo1", "firewall", "panos", "10.11.9.1/24", "pci crit-p2", "P2"),
        ("par1-rtr-1", "par1", "router", "junos", "2001:db8:10::1/64", "backbone", "P2"),
        ("lyo1-edge-1", "lyo1", "router", "eos", "10.11.0.1/24", "", None),
        ("lab-vyos-1", "lyo1", "router", "vyos", "10.99.0.1/24", "", None),
        ("par1-pdu-1", "par1", "pdu", None, None, "", None),
        ("lyo1-pdu-1", "lyo1", "pdu", None, None, "", None),
        (None, "par1", "access-switch", "cisco-ios", "10.10.1.99/24", "", None),
    ]
    # fmt: on
    devices = [
        Device(
            i,
            name,
            site,
            role,
            platform,
            address,
            tuple(tags.split()),
            custom_fields={"tier": tier},
        )
        for i, (name, site, role, platform, address, tags, tier) in enumerate(rows, start=1)
    ]
    planned = Device(
        len(devices) + 1,
        "lyo1-spare-1",
        "lyo1",
        "access-switch",
        "cisco-ios",
        "10.11.2.99/24",
        status="planned",
        custom_fields={"tier": None},
    )
    return [*devices, planned]


def bulk_devices(count: int, first_id: int) -> list[Device]:
    """`count` more IOS access switches at Paris, for paging and scale."""
    return [
        Device(
            first_id + n,
            f"par1-bulk-{n:04d}",
            "par1",
            "access-switch",
            "cisco-ios",
            f"10.{20 + n // 65536}.{n // 256 % 256}.{n % 256}/16",
            custom_fields={"tier": None},
        )
        for n in range(count)
    ]


class Renderer:
    """NetBox's JSON for each object, with URLs on the emulator's base URL."""

    def __init__(self, base_url: str) -> None:
        self.base = base_url.rstrip("/")

    def _brief(self, path: str, number: int, display: str, **extra: Any) -> dict[str, Any]:
        return {
            "id": number,
            "url": f"{self.base}/api/{path}/{number}/",
            "display": display,
            **extra,
            "description": "",
        }

    def named(self, path: str, table: dict[str, str], slug: str) -> dict[str, Any]:
        number = list(table).index(slug) + 1
        return self._brief(path, number, table[slug], name=table[slug], slug=slug)

    def tag(self, slug: str) -> dict[str, Any]:
        number = list(TAGS).index(slug) + 1
        brief = self._brief("extras/tags", number, slug, name=slug, slug=slug, color=TAGS[slug])
        brief.pop("description")
        return brief

    def address(self, device: Device) -> dict[str, Any] | None:
        if device.address is None:
            return None
        family = 6 if ":" in device.address else 4
        return self._brief(
            "ipam/ip-addresses",
            device.id,
            device.address,
            family={"value": family, "label": f"IPv{family}"},
            address=device.address,
        )

    def device(self, device: Device) -> dict[str, Any]:
        ip = self.address(device)
        family = 6 if device.address and ":" in device.address else 4
        return {
            "id": device.id,
            "url": f"{self.base}/api/dcim/devices/{device.id}/",
            "display_url": f"{self.base}/dcim/devices/{device.id}/",
            "display": device.name or f"Unnamed device ({device.id})",
            "name": device.name,
            "device_type": self._brief(
                "dcim/device-types", 1, "Generic", model="Generic", slug="generic"
            ),
            "role": self.named("dcim/device-roles", ROLES, device.role),
            "tenant": None,
            "platform": self.named("dcim/platforms", PLATFORMS, device.platform)
            if device.platform
            else None,
            "serial": "",
            "asset_tag": None,
            "site": self.named("dcim/sites", SITES, device.site),
            "location": None,
            "rack": None,
            "status": {"value": device.status, "label": device.status.capitalize()},
            "primary_ip": ip,
            "primary_ip4": ip if family == 4 else None,
            "primary_ip6": ip if family == 6 else None,
            "oob_ip": None,
            "description": "",
            "comments": "",
            "config_context": {},
            "tags": [self.tag(slug) for slug in device.tags],
            "custom_fields": dict(device.custom_fields),
            "created": "2024-03-01T09:00:00.000000Z",
            "last_updated": "2025-01-15T10:30:00.000000Z",
        }

    def brief_device(self, device: Device) -> dict[str, Any]:
        display = device.name or f"Unnamed device ({device.id})"
        return self._brief("dcim/devices", device.id, display, name=device.name)

    def ip_address(self, device: Device) -> dict[str, Any]:
        brief = self.address(device) or {}
        return {
            **brief,
            "display_url": f"{self.base}/ipam/ip-addresses/{device.id}/",
            "status": {"value": "active", "label": "Active"},
            "assigned_object_type": "dcim.interface",
            "assigned_object": {"device": self.brief_device(device)},
            "tags": [],
            "custom_fields": {},
        }
