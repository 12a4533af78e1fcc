"""An Ansible YAML inventory of an estate, for the playbooks in playbooks/: never a secret value."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from exitkit.inventory.loader import Inventory
from exitkit.inventory.models import Credential, NetworkDevice, SecretRef
from exitkit.netconfig.platforms import platform_of


def _lookup(ref: SecretRef, base_dir: Path) -> str:
    """A Jinja lookup that reads the value when the playbook runs, not now.

    A file is named by its absolute path (a relative one is relative to the estate's folder,
    as exitkit reads it): Ansible's file lookup would otherwise search the playbook's folders
    and fail from any other working directory.
    """
    if ref.env:
        return "{{ lookup('ansible.builtin.env', " + _quoted(ref.env) + ") }}"
    path = Path(ref.file or "")
    path = path if path.is_absolute() else (base_dir / path).resolve()
    return "{{ lookup('ansible.builtin.file', " + _quoted(str(path)) + ") }}"


def _quoted(text: str) -> str:
    """A Jinja string literal of `text`, whatever quotes or backslashes a path holds."""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _login_vars(credential: Credential, base_dir: Path) -> dict[str, str]:
    variables: dict[str, str] = {}
    user = credential.username
    variables["ansible_user"] = user if isinstance(user, str) else _lookup(user, base_dir)
    if credential.password:
        variables["ansible_password"] = _lookup(credential.password, base_dir)
    if credential.secret:
        variables["ansible_become_password"] = _lookup(credential.secret, base_dir)
    if credential.key_file:
        variables["ansible_ssh_private_key_file"] = credential.key_file
    return variables


def _device_vars(inventory: Inventory, device: NetworkDevice) -> dict[str, Any]:
    variables: dict[str, Any] = {
        "ansible_host": device.host,
        "ansible_port": device.port,
        "exitkit_platform": device.platform,
        "exitkit_criticality": device.criticality,
        "exitkit_managed_by": device.managed_by,
    }
    platform = platform_of(device.platform)
    if platform is not None:
        variables["ansible_connection"] = "ansible.netcommon.network_cli"
        variables["ansible_network_os"] = platform.ansible_network_os
    credential = inventory.estate.credentials[device.credentials]
    variables.update(_login_vars(credential, inventory.base_dir))
    return variables


def ansible_inventory(inventory: Inventory) -> dict[str, Any]:
    """Groups by kind (`network_device`) and by platform (`platform_cisco_ios`)."""
    devices: dict[str, Any] = {}
    platforms: dict[str, dict[str, Any]] = {}
    for asset in inventory.assets_of("network_device"):
        assert isinstance(asset, NetworkDevice)
        devices[asset.id] = _device_vars(inventory, asset)
        platforms.setdefault(f"platform_{asset.platform}", {})[asset.id] = None
    children: dict[str, Any] = {
        "network_device": {
            "hosts": dict.fromkeys(devices),
            "children": {name: {"hosts": hosts} for name, hosts in sorted(platforms.items())},
        }
    }
    return {
        "all": {
            "vars": {"exitkit_estate": inventory.name},
            "hosts": devices,
            "children": children,
        }
    }
