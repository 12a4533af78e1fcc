"""Dell OS10 read from its emulator through netmiko's dell_os10 driver: both files exported,
byte-identical again although the switch stamps each read with the time of the last change,
no hash, key or community in the clear view, every one in the sealed copy, every other line as
the switch has it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pyrage
import pytest
import yaml
from pyrage import x25519

from exitkit.sandbox.devices import DeviceFarm, DeviceSpec, EmulatedDevice
from tests.conftest import run_exitkit
from tests.exporters.network_estate import CONFIG_FILES, device_estate, device_folder, export

PLATFORM = "dell_os10"
FILES = CONFIG_FILES[PLATFORM]
SECRET_LINES = 14  # lines holding a secret in the starting configuration (15 values)


@pytest.fixture(scope="module")
def farm() -> Iterator[DeviceFarm]:
    with DeviceFarm.from_specs([DeviceSpec("os10-001", PLATFORM)]) as started:
        yield started


@pytest.fixture(scope="module")
def switch(farm: DeviceFarm) -> EmulatedDevice:
    return farm.device("os10-001")


@pytest.fixture(scope="module")
def identity() -> x25519.Identity:
    return x25519.Identity.generate()


@pytest.fixture(scope="module")
def bundles(
    switch: EmulatedDevice, identity: x25519.Identity, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    """Two plain exports and one sealed export of the switch."""
    root = tmp_path_factory.mktemp("os10")
    estate = device_estate(root / "estate", [switch])
    runs = {
        "one": export(estate, root / "one"),
        "two": export(estate, root / "two"),
        "sealed": export(estate, root / "sealed", "--encrypt-to", str(identity.to_public())),
    }
    for name, run in runs.items():
        assert run.code == 0, (name, run)
    return {name: device_folder(root / name, switch.name) for name in runs}


def _decrypt(path: Path, identity: x25519.Identity) -> str:
    return bytes(pyrage.decrypt(path.read_bytes(), [identity])).decode()


def test_an_os10_switch_exports_both_files_twice_byte_identical_without_a_secret(
    farm: DeviceFarm, switch: EmulatedDevice, bundles: dict[str, Path]
) -> None:
    first, second = bundles["one"], bundles["two"]

    assert sorted(p.name for p in first.iterdir()) == sorted([*FILES, "network.json"])
    for name in FILES:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
        text = (first / name).read_text()
        assert [s for s in switch.planted_secrets if s in text] == []
        assert text.startswith("! Version 10.5.4.2\n!\nip vrf default\n")
        assert "Last configuration change" not in text and "last updated" not in text
    record = json.loads((first / "network.json").read_text())
    assert record["hostname"] == "os10-001" and record["method"] == "interactive"
    assert all(record["redactions"][name] == SECRET_LINES + 1 for name in FILES)
    exported = (first / "running.cfg").read_text().splitlines()
    device = farm.config_of(switch.name).splitlines()
    secret_free = [line for line in device if not any(s in line for s in switch.planted_secrets)]
    assert len(secret_free) == len(device) - SECRET_LINES > 60
    assert [line for line in secret_free if line not in exported] == []
    assert "enable password sha-512 <redacted> priv-lvl 15" in exported
    assert " description uplink to spine-1 (password reset VLAN)" in exported


def test_the_sealed_copy_holds_every_secret_and_the_clear_view_none(
    switch: EmulatedDevice, bundles: dict[str, Path], identity: x25519.Identity
) -> None:
    sealed = bundles["sealed"]
    clear = "".join(
        p.read_bytes().decode(errors="replace") for p in sealed.rglob("*") if p.is_file()
    )

    assert [s for s in switch.planted_secrets if s in clear] == []
    for name in FILES:
        full = _decrypt(sealed / "unredacted" / f"{name}.age", identity)
        assert [s for s in switch.planted_secrets if s not in full] == [], name
        assert _decrypt(sealed / f"{name}.age", identity) == (bundles["one"] / name).read_text()


def test_the_ansible_inventory_maps_it_to_its_collection(
    switch: EmulatedDevice, tmp_path: Path
) -> None:
    estate = device_estate(tmp_path / "estate", [switch])

    run = run_exitkit("inventory", "ansible", estate, "-o", tmp_path / "hosts.yml")

    assert run.code == 0, run
    hosts = yaml.safe_load((tmp_path / "hosts.yml").read_text())["all"]["hosts"]
    assert hosts[switch.name]["ansible_network_os"] == "dellemc.os10.os10"
