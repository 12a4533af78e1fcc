"""Aruba AOS-CX read from its emulator through netmiko's aruba_aoscx driver: both files exported,
byte-identical again, no `ciphertext` value or community in the clear view, every one in the
sealed copy, every other line as the switch has it; and restored onto a freshly installed
switch, from the redacted view (all but its secrets) and from the sealed copy (everything)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pyrage
import pytest
import yaml
from pyrage import x25519

from exitkit.netconfig.platforms import platforms
from exitkit.netconfig.restore import apply_config, restorable_lines
from exitkit.sandbox.devices import DeviceFarm, DeviceSpec, EmulatedDevice
from tests.conftest import run_exitkit
from tests.exporters.network_estate import CONFIG_FILES, device_estate, device_folder, export

PLATFORM = "aruba_aoscx"
FILES = CONFIG_FILES[PLATFORM]
SECRET_LINES = 12  # lines holding a secret in the starting configuration (13 values)


@pytest.fixture(scope="module")
def farm() -> Iterator[DeviceFarm]:
    with DeviceFarm.from_specs([DeviceSpec("aoscx-001", PLATFORM)]) as started:
        yield started


@pytest.fixture(scope="module")
def switch(farm: DeviceFarm) -> EmulatedDevice:
    return farm.device("aoscx-001")


@pytest.fixture(scope="module")
def identity() -> x25519.Identity:
    return x25519.Identity.generate()


@pytest.fixture(scope="module")
def bundles(
    switch: EmulatedDevice, identity: x25519.Identity, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    """Two plain exports and one sealed export of the switch."""
    root = tmp_path_factory.mktemp("aoscx")
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


def test_an_aoscx_exports_both_files_twice_byte_identical_without_a_secret(
    farm: DeviceFarm, switch: EmulatedDevice, bundles: dict[str, Path]
) -> None:
    first, second = bundles["one"], bundles["two"]

    assert sorted(p.name for p in first.iterdir()) == sorted([*FILES, "network.json"])
    for name in FILES:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
        text = (first / name).read_text()
        assert [s for s in switch.planted_secrets if s in text] == []
        assert text.startswith("!\n!Version ArubaOS-CX FL.10.10.1010\n!export-password: default\n")
    record = json.loads((first / "network.json").read_text())
    assert record["hostname"] == "aoscx-001" and record["method"] == "interactive"
    assert all(record["redactions"][name] == SECRET_LINES + 1 for name in FILES)
    exported = (first / "running.cfg").read_text().splitlines()
    device = farm.config_of(switch.name).splitlines()
    secret_free = [line for line in device if not any(s in line for s in switch.planted_secrets)]
    assert len(secret_free) == len(device) - SECRET_LINES > 50
    assert [line for line in secret_free if line not in exported] == []
    assert "    description uplink to core-2 (password reset VLAN)" in exported
    assert "snmp-server system-location DC1 row" in "\n".join(exported)


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


def test_an_aoscx_restored_from_the_redacted_view_exports_the_same_but_its_secrets(
    farm: DeviceFarm, bundles: dict[str, Path], tmp_path: Path
) -> None:
    exported = (bundles["one"] / "running.cfg").read_text()
    blank = farm.add_blank_device(PLATFORM)

    restored = apply_config(blank.netmiko_kwargs(), exported)
    run = export(device_estate(tmp_path / "estate", [blank]), tmp_path / "after")

    assert run.code == 0, run
    assert restored.applied > 50 and restored.skipped == SECRET_LINES and restored.saved
    after = device_folder(tmp_path / "after", blank.name)
    table = platforms()[PLATFORM]
    again = restorable_lines(table, (after / "running.cfg").read_text())
    assert again == (restorable_lines(table, exported)[0], 0)
    # saved: the startup configuration is the restored one
    assert (after / "startup.cfg").read_bytes() == (after / "running.cfg").read_bytes()
    assert json.loads((after / "network.json").read_text())["hostname"] == "aoscx-001"
    farm.remove_device(blank.name)


def test_the_sealed_copy_restores_every_line_and_every_secret(
    farm: DeviceFarm, bundles: dict[str, Path], identity: x25519.Identity, tmp_path: Path
) -> None:
    full = _decrypt(bundles["sealed"] / "unredacted" / "running.cfg.age", identity)
    blank = farm.add_blank_device(PLATFORM)

    restored = apply_config(blank.netmiko_kwargs(), full)
    run = export(device_estate(tmp_path / "estate", [blank]), tmp_path / "after")

    assert run.code == 0 and restored.skipped == 0, run
    after = device_folder(tmp_path / "after", blank.name)
    assert (after / "running.cfg").read_bytes() == (bundles["one"] / "running.cfg").read_bytes()
    farm.remove_device(blank.name)


def test_the_ansible_inventory_maps_it_to_its_collection(
    switch: EmulatedDevice, tmp_path: Path
) -> None:
    estate = device_estate(tmp_path / "estate", [switch])

    run = run_exitkit("inventory", "ansible", estate, "-o", tmp_path / "hosts.yml")

    assert run.code == 0, run
    hosts = yaml.safe_load((tmp_path / "hosts.yml").read_text())["all"]["hosts"]
    assert hosts[switch.name]["ansible_network_os"] == "arubanetworks.aoscx.aoscx"
