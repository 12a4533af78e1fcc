"""Huawei VRP exported from its emulator: read in a shell after `screen-length 0 temporary`,
byte-identical re-exports although every read says when the configuration last changed, no
`cipher`/`irreversible-cipher` value in the redacted files and every one in the sealed copy,
every other line as the device has it; the current configuration applied again and saved."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from exitkit.netconfig.platforms import platforms
from exitkit.netconfig.restore import restorable_lines
from exitkit.sandbox.devices import DeviceFarm, DeviceSpec
from tests.exporters.network_estate import CONFIG_FILES, device_folder
from tests.exporters.platform_bundles import (
    assert_sealed_files,
    decrypt,
    hidden,
    in_clear,
    restored_and_exported,
    three_exports,
)

VRP = "huawei_vrp"
FILES = CONFIG_FILES[VRP]


@pytest.fixture(scope="module")
def farm() -> Iterator[DeviceFarm]:
    started = DeviceFarm.from_specs([DeviceSpec("vrp-001", VRP)])
    yield started
    started.stop()


@pytest.fixture(scope="module")
def bundles(farm: DeviceFarm, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return three_exports(farm, tmp_path_factory.mktemp("vrp"))


def test_an_unchanged_device_exports_byte_identical_without_its_change_times(
    farm: DeviceFarm, bundles: dict[str, Path]
) -> None:
    device = farm.devices[0]
    one, two = (device_folder(bundles[run], device.name) for run in ("one", "two"))
    record = json.loads((one / "network.json").read_text())

    for name in FILES:
        assert (one / name).read_bytes() == (two / name).read_bytes(), name
        text = (one / name).read_text()
        assert "!Last configuration was" not in text and text.endswith("#\nreturn\n")
        assert text.startswith("!Software Version V200R019C10SPC500\n#\nsysname vrp-001\n")
    assert record["method"] == "interactive" and record["hostname"] == "vrp-001"
    assert [c["command"] for c in record["commands"]] == [
        "display current-configuration",
        "display saved-configuration",
    ]


def test_no_secret_is_exported_in_clear_and_every_other_line_is_the_devices(
    farm: DeviceFarm, bundles: dict[str, Path]
) -> None:
    device = farm.devices[0]
    folder = device_folder(bundles["one"], device.name)
    record = json.loads((folder / "network.json").read_text())

    for name in FILES:
        text = (folder / name).read_text()
        assert [s for s in device.planted_secrets if s in text] == []
        assert "%^%#" not in text and "%@%@" not in text and "$1c$" not in text
        assert record["redactions"][name] == 13
    expected = [
        hidden(line, device.planted_secrets) for line in farm.config_of(device.name).splitlines()
    ]
    assert (folder / "current.cfg").read_text().splitlines()[2:-2] == expected
    assert "ssh server cipher aes256_ctr aes128_ctr" in expected


def test_the_sealed_copy_holds_every_secret_and_the_redacted_view_is_the_same(
    farm: DeviceFarm, bundles: dict[str, Path]
) -> None:
    device = farm.devices[0]
    sealed = device_folder(bundles["sealed"], device.name)

    plain = device_folder(bundles["one"], device.name)

    assert_sealed_files(sealed, plain, bundles["identity"], FILES, device.planted_secrets)
    assert in_clear(bundles["sealed"], device.planted_secrets) == []


def test_the_sealed_copy_applied_to_a_fresh_device_and_saved_exports_the_same(
    farm: DeviceFarm, bundles: dict[str, Path], tmp_path: Path
) -> None:
    full = decrypt(
        device_folder(bundles["sealed"], "vrp-001") / "unredacted" / "current.cfg.age",
        bundles["identity"],
    )

    _, restored, after = restored_and_exported(farm, VRP, full, tmp_path)

    assert restored.skipped == 0 and restored.saved
    before = device_folder(bundles["one"], "vrp-001")
    table = platforms()[VRP]
    for name in FILES:
        assert restorable_lines(table, (after / name).read_text()) == restorable_lines(
            table, (before / name).read_text()
        )
