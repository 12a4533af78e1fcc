"""Start the emulated counterpart of an estate: its devices, AWS accounts and Azure subscriptions.

Everything listens on 127.0.0.1 where the estate says it does, the environment that the
estate's credential references name is filled in, and the devices' host keys are written to the
estate's known_hosts file, so `exitkit export` runs unchanged against it.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from urllib.parse import urlparse

from exitkit.inventory.loader import Inventory
from exitkit.inventory.models import (
    AzureSubscription,
    Credential,
    Microsoft365Tenant,
    NetworkDevice,
    SecretRef,
)
from exitkit.sandbox.aws_estate import AwsSandbox
from exitkit.sandbox.azure_arm import ArmEmulator
from exitkit.sandbox.devices import DeviceFarm, DeviceSpec
from exitkit.sandbox.devices.serve import KNOWN_HOSTS
from exitkit.sandbox.expected import SandboxError

LOOPBACK = ("127.0.0.1", "localhost")


@dataclass
class RunningSandbox:
    """What was started for an estate; `stop()` (or leaving the `with`) stops all of it."""

    env: dict[str, str] = field(default_factory=dict)
    farm: DeviceFarm | None = None
    known_hosts: Path | None = None  # where the devices' host keys were written
    aws: AwsSandbox | None = None
    azure: ArmEmulator | None = None
    _saved_env: dict[str, str | None] = field(default_factory=dict)

    def describe(self) -> list[str]:
        lines = []
        if self.farm is not None:
            lines.append(f"{len(self.farm.devices)} emulated network devices (SSH)")
        if self.known_hosts is not None:
            lines.append(f"their host keys in {self.known_hosts}")
        if self.aws is not None:
            lines.append(f"AWS (moto server) at {self.aws.endpoint_url}")
        if self.azure is not None:
            lines.append(f"Azure Resource Manager and Graph emulator at {self.azure.base_url}")
        return lines

    def apply_env(self) -> None:
        """Point this process's SDK clients and credential references at the sandbox."""
        for name, value in self.env.items():
            self._saved_env.setdefault(name, os.environ.get(name))
            os.environ[name] = value

    def stop(self) -> None:
        for name, value in self._saved_env.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        self._saved_env.clear()
        for part in (self.farm, self.aws, self.azure):
            if part is not None:
                part.stop()
        self.farm = self.aws = self.azure = None

    def __enter__(self) -> RunningSandbox:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


@dataclass(frozen=True)
class LabDevice:
    """A blank device to restore configurations onto, on the port the plan names."""

    platform: str
    port: int


def start_sandbox_estate(inventory: Inventory, labs: Sequence[LabDevice] = ()) -> RunningSandbox:
    """Start what the estate's loopback assets need; stop everything if one part fails."""
    running = RunningSandbox()
    try:
        _start_devices(inventory, running)
        _start_labs(labs, running)
        if running.farm is not None:
            pinned = inventory.base_dir / (inventory.estate.known_hosts or KNOWN_HOSTS)
            running.known_hosts = running.farm.write_known_hosts(pinned)
        if any(getattr(a, "cloud", None) == "aws" for a in inventory.assets_of("cloud_account")):
            running.aws = AwsSandbox().start()
            running.aws.seed()
            running.env.update(running.aws.env)
        _start_azure(inventory, running)
    except BaseException:
        running.stop()
        raise
    return running


def _start_devices(inventory: Inventory, running: RunningSandbox) -> None:
    devices = [a for a in inventory.assets_of("network_device") if isinstance(a, NetworkDevice)]
    devices = [device for device in devices if device.host in LOOPBACK]
    if not devices:
        return
    ports = [device.port for device in devices]
    if ports != list(range(ports[0], ports[0] + len(ports))):
        raise SandboxError(
            f"{inventory.path}: emulated devices need consecutive ports in file order "
            f"(found {', '.join(map(str, ports))})"
        )
    specs = []
    for device in devices:
        login = _fill_credential(inventory.estate.credentials[device.credentials], running.env)
        specs.append(
            DeviceSpec(device.id, device.platform, *login, legacy_algorithms=device.legacy_ssh)
        )
    running.farm = DeviceFarm.from_specs(specs, base_port=ports[0])


def _start_labs(labs: Sequence[LabDevice], running: RunningSandbox) -> None:
    for lab in labs:
        if running.farm is None:
            raise SandboxError("a lab device needs the emulated devices of the estate")
        device = running.farm.add_blank_device(lab.platform)
        if device.port != lab.port:
            raise SandboxError(
                f"the lab device would listen on port {device.port}, not {lab.port}: give the "
                "lab the port that follows the estate's last emulated device"
            )


def _fill_credential(credential: Credential, env: dict[str, str]) -> tuple[str, str, str]:
    """Choose the sandbox's login values and expose them where the references point."""
    values = []
    for ref, default in (
        (credential.username, "netops"),
        (credential.password, secrets.token_urlsafe(12)),
        (credential.secret, secrets.token_urlsafe(12)),
    ):
        if isinstance(ref, str):
            values.append(ref)
        elif isinstance(ref, SecretRef) and ref.env:
            values.append(env.setdefault(ref.env, default))
        else:
            values.append(default)
    return values[0], values[1], values[2]


def _start_azure(inventory: Inventory, running: RunningSandbox) -> None:
    for asset in inventory.assets_of("cloud_account"):
        if not isinstance(asset, AzureSubscription | Microsoft365Tenant) or not asset.endpoint:
            continue
        address = urlparse(asset.endpoint)
        if address.hostname not in LOOPBACK or address.port is None:
            continue
        if running.azure is None:
            running.azure = ArmEmulator(port=address.port).start()
            running.env.update(running.azure.env)
