"""Aruba AOS-CX read from its emulator through netmiko's aruba_aoscx driver: both files exported,
byte-identical again, no `ciphertext` value or community in the clear view, every one in the
sealed copy, every other line as the switch has it; and restored onto a freshly installed
switch, from the redacted view (all but its secrets) and from the sealed copy (everything)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from exitkit.sandbox.devices import DeviceFarm, DeviceSpec, EmulatedDevice
from tests.exporters.network_estate import CONFIG_FILES
from tests.exporters.platform_bundles import (
    assert_ansible_network_os,
    assert_exported_twice_alike_without_a_secret,
    assert_restores_all_but_secrets,
    assert_sealed_switch_copy,
    assert_secret_free_lines_exported,
    decrypt,
    restored_and_exported,
    switch_exports,
)

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
def bundles(switch: EmulatedDevice, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two plain exports and one sealed export of the switch, and the sealed one's identity."""
    return switch_exports(switch, tmp_path_factory.mktemp("aoscx"))


def test_an_aoscx_exports_both_files_twice_byte_identical_without_a_secret(
    farm: DeviceFarm, switch: EmulatedDevice, bundles: dict[str, Path]
) -> None:
    header = "!\n!Version ArubaOS-CX FL.10.10.1010\n!export-password: default\n"
    assert_exported_twice_alike_without_a_secret(switch, bundles, FILES, header, SECRET_LINES + 1)

    exported = (bundles["one"] / "running.cfg").read_text().splitlines()
    assert_secret_free_lines_exported(farm, switch, exported, SECRET_LINES, 50)
    assert "    description uplink to core-2 (password reset VLAN)" in exported
    assert "snmp-server system-location DC1 row" in "\n".join(exported)


def test_the_sealed_copy_holds_every_secret_and_the_clear_view_none(
    switch: EmulatedDevice, bundles: dict[str, Path]
) -> None:
    assert_sealed_switch_copy(bundles, FILES, switch.planted_secrets)


def test_an_aoscx_restored_from_the_redacted_view_exports_the_same_but_its_secrets(
    farm: DeviceFarm, bundles: dict[str, Path], tmp_path: Path
) -> None:
    exported = (bundles["one"] / "running.cfg").read_text()

    blank, restored, after = restored_and_exported(farm, PLATFORM, exported, tmp_path)

    assert restored.applied > 50 and restored.skipped == SECRET_LINES and restored.saved
    assert_restores_all_but_secrets(PLATFORM, exported, (after / "running.cfg").read_text())
    # saved: the startup configuration is the restored one
    assert (after / "startup.cfg").read_bytes() == (after / "running.cfg").read_bytes()
    assert json.loads((after / "network.json").read_text())["hostname"] == "aoscx-001"
    farm.remove_device(blank.name)


def test_the_sealed_copy_restores_every_line_and_every_secret(
    farm: DeviceFarm, bundles: dict[str, Path], tmp_path: Path
) -> None:
    full = decrypt(bundles["sealed"] / "unredacted" / "running.cfg.age", bundles["identity"])

    blank, restored, after = restored_and_exported(farm, PLATFORM, full, tmp_path)

    assert restored.skipped == 0
    assert (after / "running.cfg").read_bytes() == (bundles["one"] / "running.cfg").read_bytes()
    farm.remove_device(blank.name)


def test_the_ansible_inventory_maps_it_to_its_collection(
    switch: EmulatedDevice, tmp_path: Path
) -> None:
    assert_ansible_network_os(switch, tmp_path, "arubanetworks.aoscx.aoscx")
