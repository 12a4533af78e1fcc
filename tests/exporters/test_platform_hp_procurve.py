"""ProCurve / Aruba OS-Switch read from its emulator through netmiko's hp_procurve driver: past
the "Press any key to continue" screen and the VT100 escape codes, both files exported,
byte-identical again, no credential in the clear view, every one in the sealed copy, every
other line as the switch has it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import paramiko
import pytest

from exitkit.sandbox.devices import DeviceFarm, DeviceSpec, EmulatedDevice
from tests.exporters.network_estate import CONFIG_FILES
from tests.exporters.platform_bundles import (
    assert_ansible_network_os,
    assert_exported_twice_alike_without_a_secret,
    assert_sealed_switch_copy,
    assert_secret_free_lines_exported,
    switch_exports,
)

PLATFORM = "hp_procurve"
FILES = CONFIG_FILES[PLATFORM]


@pytest.fixture(scope="module")
def farm() -> Iterator[DeviceFarm]:
    with DeviceFarm.from_specs([DeviceSpec("procurve-001", PLATFORM)]) as started:
        yield started


@pytest.fixture(scope="module")
def switch(farm: DeviceFarm) -> EmulatedDevice:
    return farm.device("procurve-001")


@pytest.fixture(scope="module")
def bundles(switch: EmulatedDevice, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two plain exports and one sealed export of the switch, and the sealed one's identity."""
    return switch_exports(switch, tmp_path_factory.mktemp("procurve"))


def test_a_procurve_exports_both_files_twice_byte_identical_without_a_secret(
    switch: EmulatedDevice, bundles: dict[str, Path]
) -> None:
    header = "; J9727A Configuration Editor; Created on release #WB.16.10.0012"
    assert_exported_twice_alike_without_a_secret(switch, bundles, FILES, header, 12)

    for name in FILES:
        text = (bundles["one"] / name).read_text()
        assert "\x1b" not in text and "any key" not in text


def test_every_line_without_a_secret_is_exported_as_the_switch_has_it(
    farm: DeviceFarm, switch: EmulatedDevice, bundles: dict[str, Path]
) -> None:
    exported = (bundles["one"] / "running.cfg").read_text().splitlines()

    device = assert_secret_free_lines_exported(farm, switch, exported, 12, 50)

    assert len(exported) == len(device) + 3  # the two `;` header lines, a blank line
    assert 'snmpv3 user "nms-poller" \\' in exported and 'priv aes "<redacted>"' in exported
    assert '   name "uplink to core-1 (password reset VLAN)"' in exported
    assert 'banner motd "Authorised access only. Your password and key use is logged."' in exported


def test_the_sealed_copy_holds_every_credential_and_the_clear_view_none(
    switch: EmulatedDevice, bundles: dict[str, Path]
) -> None:
    assert_sealed_switch_copy(bundles, FILES, switch.planted_secrets)


def _read_until(channel: paramiko.Channel, marker: str) -> str:
    seen = ""
    while marker not in seen:
        seen += channel.recv(65536).decode()
    return seen


def test_the_switch_shows_the_traps_the_driver_gets_past(switch: EmulatedDevice) -> None:
    """What the export above went through: the copyright screen waiting for a key, VT100 codes
    around the prompt, the operator level and `enable` asking the manager's name and password."""
    client = paramiko.SSHClient()
    client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
    client.connect(switch.host, switch.port, switch.username, switch.password, timeout=10)
    try:
        shell = client.invoke_shell()
        shell.settimeout(10)
        screen = _read_until(shell, "Press any key to continue")
        assert "(C) Copyright" in screen and ">" not in screen and "#" not in screen
        shell.send(" \r")
        prompt = _read_until(shell, "procurve-001> ")
        assert "\x1b[24;1H\x1b[2K" in prompt
        shell.send("enable\r")
        _read_until(shell, "Username: ")
        shell.send(f"{switch.username}\r")
        _read_until(shell, "Password: ")
        shell.send(f"{switch.secret}\r")
        assert "procurve-001# " in _read_until(shell, "# ")
    finally:
        client.close()


def test_the_ansible_inventory_maps_it_to_its_collection(
    switch: EmulatedDevice, tmp_path: Path
) -> None:
    assert_ansible_network_os(switch, tmp_path, "arubanetworks.aos_switch.arubaoss")
