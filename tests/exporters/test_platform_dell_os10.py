"""Dell OS10 read from its emulator through netmiko's dell_os10 driver: both files exported,
byte-identical again although the switch stamps each read with the time of the last change,
no hash, key or community in the clear view, every one in the sealed copy, every other line as
the switch has it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

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
def bundles(switch: EmulatedDevice, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two plain exports and one sealed export of the switch, and the sealed one's identity."""
    return switch_exports(switch, tmp_path_factory.mktemp("os10"))


def test_an_os10_switch_exports_both_files_twice_byte_identical_without_a_secret(
    farm: DeviceFarm, switch: EmulatedDevice, bundles: dict[str, Path]
) -> None:
    header = "! Version 10.5.4.2\n!\nip vrf default\n"
    assert_exported_twice_alike_without_a_secret(switch, bundles, FILES, header, SECRET_LINES + 1)

    for name in FILES:
        text = (bundles["one"] / name).read_text()
        assert "Last configuration change" not in text and "last updated" not in text
    exported = (bundles["one"] / "running.cfg").read_text().splitlines()
    assert_secret_free_lines_exported(farm, switch, exported, SECRET_LINES, 60)
    assert "enable password sha-512 <redacted> priv-lvl 15" in exported
    assert " description uplink to spine-1 (password reset VLAN)" in exported


def test_the_sealed_copy_holds_every_secret_and_the_clear_view_none(
    switch: EmulatedDevice, bundles: dict[str, Path]
) -> None:
    assert_sealed_switch_copy(bundles, FILES, switch.planted_secrets)


def test_the_ansible_inventory_maps_it_to_its_collection(
    switch: EmulatedDevice, tmp_path: Path
) -> None:
    assert_ansible_network_os(switch, tmp_path, "dellemc.os10.os10")
