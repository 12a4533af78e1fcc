"""An Ansible YAML inventory of an estate, for the playbooks in playbooks/: never a secret value."""

from __future__ import annotations

from typing import Any

from exitkit.inventory.loader import Inventory
from exitkit.inventory.models import Credential, NetworkDevice, SecretRef
from exitkit.netconfig.platforms import platform_of


def _lookup(ref: SecretRef) -> str:
    """A Jinja lookup that reads the value when the playbook runs, not now."""
    if ref.env:
        return "{{ lookup('ansible.builtin.env', '" + ref.env + "') }}"
    return "{{ lookup('ansible.builtin.file', '" + str(ref.file) + "') }}"


def _login_vars(credential: Credential) -> dict[str, str]:
    variables: dict[str, str] = {}
    user = credential.username
    variables["ansible_user"] = user if isinstance(user, str) else _lookup(user)
    if credential.password:
        variables["ansible_password"] = _lookup(credential.password)
    if credential.secret:
        variables["ansible_become_password"] = _lookup(credential.secret)
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
    variables.update(_login_vars(inventory.estate.credentials[device.credentials]))
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
