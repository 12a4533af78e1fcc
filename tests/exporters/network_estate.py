"""Estates whose network devices are emulated ones, for the network exporter's tests."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from exitkit.sandbox.devices import DeviceFarm, EmulatedDevice
from tests.conftest import base_estate, run_exitkit, write_estate

CONFIG_FILES = {
    "cisco_ios": ("running.cfg", "startup.cfg"),
    "cisco_nxos": ("running.cfg", "startup.cfg"),
    "arista_eos": ("running.cfg", "startup.cfg"),
    "juniper_junos": ("configuration.set", "configuration.conf"),
    "fortinet": ("running.conf",),
    "paloalto_panos": ("running-config.set", "running-config.xml"),
    "mikrotik_routeros": ("export.rsc",),
    "cisco_asa": ("running.cfg", "system.cfg"),
    "cisco_xr": ("running.cfg",),
    "hp_procurve": ("running.cfg", "startup.cfg"),
    "aruba_aoscx": ("running.cfg", "startup.cfg"),
    "dell_os10": ("running.cfg", "startup.cfg"),
    "huawei_vrp": ("current.cfg", "saved.cfg"),
}


def device_asset(
    device: EmulatedDevice, platform: str | None = None, **fields: Any
) -> dict[str, Any]:
    return fields | {
        "id": device.name,
        "kind": "network_device",
        "platform": platform or device.platform,
        "host": device.host,
        "port": device.port,
        "credentials": "sandbox-net",
    }


def device_estate(
    folder: Path,
    devices: Sequence[EmulatedDevice],
    platforms: dict[str, str] | None = None,
    fields: dict[str, dict[str, Any]] | None = None,
    pinned: Sequence[EmulatedDevice] | None = None,
) -> Path:
    """An estate of exactly these devices, logging in with the sandbox account (its password
    and enable secret in files beside the estate, as an operator would keep them). The host
    keys of `pinned` (default: every device) are in the estate's known_hosts; `fields` adds
    fields to the entries of the devices it names."""
    platforms, fields = platforms or {}, fields or {}
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "known_hosts").write_text(known_hosts(devices if pinned is None else pinned))
    (folder / "device-password").write_text(devices[0].password + "\n")
    (folder / "device-secret").write_text(devices[0].secret + "\n")
    estate = base_estate(
        credentials={
            "sandbox-net": {
                "username": devices[0].username,
                "password": {"file": "device-password"},
                "secret": {"file": "device-secret"},
            }
        },
        assets=[device_asset(d, platforms.get(d.name), **fields.get(d.name, {})) for d in devices],
    )
    return write_estate(folder, estate)


def known_hosts(devices: Sequence[EmulatedDevice]) -> str:
    """The devices' host keys as an OpenSSH known_hosts file pins them."""
    return "".join(f"[{d.host}]:{d.port} {d.host_key}\n" for d in devices)


def first(farm: DeviceFarm, platform: str) -> EmulatedDevice:
    return next(d for d in farm.devices if d.platform == platform)


def export(estate: Path, out: Path, *args: str) -> Any:
    return run_exitkit("export", estate, "--out", out, *args)


def device_folder(bundle: Path, device: str) -> Path:
    return bundle / "assets" / "network_device" / device
