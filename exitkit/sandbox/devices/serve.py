"""`exitkit sandbox devices`: run a farm in the foreground and describe it as inventory assets."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import yaml

from exitkit.sandbox.devices.device import EmulatedDevice
from exitkit.sandbox.devices.dialects import PLATFORMS
from exitkit.sandbox.devices.farm import DeviceFarm

_CRITICALITY = ("P1", "P2", "P3")


KNOWN_HOSTS = "known_hosts"  # written beside the estate file, which names it


def inventory_fragment(devices: Sequence[EmulatedDevice], credentials: str = "sandbox-net") -> str:
    """The devices as `assets:` entries of an estate.yaml (see DESIGN.md, the inventory), with
    the estate's `known_hosts:` file that pins their host keys."""
    assets = [
        {
            "id": device.name,
            "kind": "network_device",
            "platform": device.platform,
            "host": device.host,
            "port": device.port,
            "credentials": credentials,
            "criticality": _CRITICALITY[i % len(_CRITICALITY)],
            "managed_by": "provider",
        }
        for i, device in enumerate(devices)
    ]
    first = devices[0] if devices else None
    head = (
        f"# {len(devices)} emulated network devices (exitkit sandbox devices).\n"
        f"# Credentials '{credentials}': username {first.username if first else '-'}, "
        f"password {first.password if first else '-'}, enable secret "
        f"{first.secret if first else '-'} (sandbox values, not secrets).\n"
    )
    fragment = {"known_hosts": KNOWN_HOSTS, "assets": assets}
    return head + yaml.safe_dump(fragment, sort_keys=False, default_flow_style=None)


def serve(
    count: int,
    base_port: int | None = None,
    inventory_out: Path | None = None,
    platforms: Sequence[str] = PLATFORMS,
    echo: Callable[[str], None] = print,
    until: threading.Event | None = None,
) -> None:
    """Start `count` devices, print where they listen, and serve until Ctrl-C (or `until`)."""
    logging.getLogger("asyncssh").setLevel(logging.WARNING)  # one INFO line per login otherwise
    stop = until or threading.Event()
    try:
        with DeviceFarm.start(count=count, platforms=platforms, base_port=base_port) as farm:
            _announce(farm, inventory_out, echo)
            while not stop.wait(0.5):
                pass
    except KeyboardInterrupt:
        echo("stopped")


def _announce(farm: DeviceFarm, inventory_out: Path | None, echo: Callable[[str], None]) -> None:
    devices = farm.devices
    for device in devices:
        echo(f"{device.name:<12} {device.platform:<14} {device.host}:{device.port}")
    if inventory_out is not None:
        inventory_out.write_text(inventory_fragment(devices), encoding="utf-8")
        pinned = farm.write_known_hosts(inventory_out.parent / KNOWN_HOSTS)
        echo(f"inventory assets written to {inventory_out}, host keys to {pinned}")
    if devices:
        first = devices[0]
        echo(f"login {first.username} / {first.password}, enable secret {first.secret}")
    echo(f"{len(devices)} devices running; press Ctrl-C to stop")
