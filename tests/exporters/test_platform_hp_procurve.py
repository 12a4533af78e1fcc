"""ProCurve / Aruba OS-Switch read from its emulator through netmiko's hp_procurve driver: past
the "Press any key to continue" screen and the VT100 escape codes, both files exported,
byte-identical again, no credential in the clear view, every one in the sealed copy, every
other line as the switch has it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import paramiko
import pyrage
import pytest
import yaml
from pyrage import x25519

from exitkit.sandbox.devices import DeviceFarm, DeviceSpec, EmulatedDevice
from tests.conftest import run_exitkit
from tests.exporters.network_estate import CONFIG_FILES, device_estate, device_folder, export

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
    """Two plain exports and one sealed export of the switch."""
    root = tmp_path_factory.mktemp("procurve")
    estate = device_estate(root / "estate", [switch])
    identity = x25519.Identity.generate()
    (root / "identity").write_text(str(identity))
    runs = {
        "one": export(estate, root / "one"),
        "two": export(estate, root / "two"),
        "sealed": export(estate, root / "sealed", "--encrypt-to", str(identity.to_public())),
    }
    for name, run in runs.items():
        assert run.code == 0, (name, run)
    return {name: device_folder(root / name, switch.name) for name in runs} | {
        "identity": root / "identity"
    }


def test_a_procurve_exports_both_files_twice_byte_identical_without_a_secret(
    switch: EmulatedDevice, bundles: dict[str, Path]
) -> None:
    first, second = bundles["one"], bundles["two"]

    assert sorted(p.name for p in first.iterdir()) == sorted([*FILES, "network.json"])
    for name in FILES:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
        text = (first / name).read_text()
        assert [s for s in switch.planted_secrets if s in text] == []
        assert "\x1b" not in text and "any key" not in text
        assert text.startswith("; J9727A Configuration Editor; Created on release #WB.16.10.0012")
    record = json.loads((first / "network.json").read_text())
    assert record["hostname"] == "procurve-001" and record["method"] == "interactive"
    assert all(record["redactions"][name] == 12 for name in FILES)


def test_every_line_without_a_secret_is_exported_as_the_switch_has_it(
    farm: DeviceFarm, switch: EmulatedDevice, bundles: dict[str, Path]
) -> None:
    exported = (bundles["one"] / "running.cfg").read_text().splitlines()
    device = farm.config_of(switch.name).splitlines()

    secret_free = [line for line in device if not any(s in line for s in switch.planted_secrets)]

    assert len(secret_free) == len(device) - 12 > 50
    assert [line for line in secret_free if line not in exported] == []
    assert len(exported) == len(device) + 3  # the two `;` header lines, a blank line
    assert 'snmpv3 user "nms-poller" \\' in exported and 'priv aes "<redacted>"' in exported
    assert '   name "uplink to core-1 (password reset VLAN)"' in exported
    assert 'banner motd "Authorised access only. Your password and key use is logged."' in exported


def test_the_sealed_copy_holds_every_credential_and_the_clear_view_none(
    switch: EmulatedDevice, bundles: dict[str, Path]
) -> None:
    sealed = bundles["sealed"]
    key = x25519.Identity.from_str(bundles["identity"].read_text().strip())
    clear = "".join(
        p.read_bytes().decode(errors="replace") for p in sealed.rglob("*") if p.is_file()
    )

    assert [s for s in switch.planted_secrets if s in clear] == []
    for name in FILES:
        full = pyrage.decrypt((sealed / "unredacted" / f"{name}.age").read_bytes(), [key]).decode()
        redacted = pyrage.decrypt((sealed / f"{name}.age").read_bytes(), [key]).decode()
        assert [s for s in switch.planted_secrets if s not in full] == [], name
        assert redacted == (bundles["one"] / name).read_text()


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
    estate = device_estate(tmp_path / "estate", [switch])

    run = run_exitkit("inventory", "ansible", estate, "-o", tmp_path / "hosts.yml")

    assert run.code == 0, run
    hosts = yaml.safe_load((tmp_path / "hosts.yml").read_text())["all"]["hosts"]
    assert hosts[switch.name]["ansible_network_os"] == "arubanetworks.aos_switch.arubaoss"
