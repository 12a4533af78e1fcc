"""PAN-OS read from its emulator (keyboard-interactive login, as netmiko's driver and the real
firewall use): the `set` form from configuration mode and the XML of `show config running`,
byte-identical again, no secret in the clear view, every secret in the sealed copy."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pyrage
import pytest
from pyrage import x25519

from exitkit.sandbox.devices import DeviceFarm, DeviceSpec, EmulatedDevice
from tests.exporters.network_estate import CONFIG_FILES, device_estate, device_folder, export

FILES = CONFIG_FILES["paloalto_panos"]


@pytest.fixture(scope="module")
def farm() -> Iterator[DeviceFarm]:
    spec = DeviceSpec("pa-001", "paloalto_panos", keyboard_interactive_only=True)
    with DeviceFarm.from_specs([spec]) as started:
        yield started


@pytest.fixture(scope="module")
def firewall(farm: DeviceFarm) -> EmulatedDevice:
    return farm.device("pa-001")


def test_a_firewall_exports_twice_byte_identical_without_a_secret(
    farm: DeviceFarm, firewall: EmulatedDevice, tmp_path: Path
) -> None:
    estate = device_estate(tmp_path / "estate", [firewall])

    one, two = export(estate, tmp_path / "one"), export(estate, tmp_path / "two")

    assert one.code == 0 and two.code == 0, (one, two)
    first = device_folder(tmp_path / "one", firewall.name)
    second = device_folder(tmp_path / "two", firewall.name)
    assert sorted(p.name for p in first.iterdir()) == sorted([*FILES, "network.json"])
    for name in FILES:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
        text = (first / name).read_text()
        assert [s for s in firewall.planted_secrets if s in text] == []
        assert "[edit]" not in text and "Entering configuration mode" not in text
    record = json.loads((first / "network.json").read_text())
    assert record["hostname"] == "pa-001" and record["method"] == "interactive"
    assert all(record["redactions"][name] == len(firewall.planted_secrets) for name in FILES)
    # every `set` line that holds no secret is exported byte for byte, the banner too
    exported = (first / "running-config.set").read_text()
    device = farm.config_of(firewall.name)
    assert exported.startswith("set deviceconfig system hostname pa-001\n")
    secret_free = [
        line for line in device.splitlines() if not any(s in line for s in firewall.planted_secrets)
    ]
    assert len(secret_free) > 40
    assert [line for line in secret_free if line not in exported.splitlines()] == []
    xml = (first / "running-config.xml").read_text()
    assert xml.startswith('<config version="10.2.4"') and xml.rstrip().endswith("</config>")
    assert "<secret><redacted></secret>" in xml and "<phash><redacted></phash>" in xml


def test_the_sealed_copy_holds_every_secret_and_the_clear_view_none(
    firewall: EmulatedDevice, tmp_path: Path
) -> None:
    identity = x25519.Identity.generate()
    estate = device_estate(tmp_path / "estate", [firewall])

    run = export(estate, tmp_path / "bundle", "--encrypt-to", str(identity.to_public()))

    assert run.code == 0, run
    folder = device_folder(tmp_path / "bundle", firewall.name)
    clear = "".join(
        p.read_bytes().decode(errors="replace") for p in folder.rglob("*") if p.is_file()
    )
    assert [s for s in firewall.planted_secrets if s in clear] == []
    for name in FILES:
        full = pyrage.decrypt((folder / "unredacted" / f"{name}.age").read_bytes(), [identity])
        redacted = pyrage.decrypt((folder / f"{name}.age").read_bytes(), [identity])
        assert [s for s in firewall.planted_secrets if s.encode() not in full] == [], name
        assert [s for s in firewall.planted_secrets if s.encode() in redacted] == [], name
