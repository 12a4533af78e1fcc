"""Cisco IOS-XR exported from its emulator: read over exec, byte-identical re-exports although
every read is stamped with its time, no secret in the redacted file and every one in the
sealed copy, every other line as the router has it; restored by a commit, line for line."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from exitkit.sandbox.devices import DeviceFarm, DeviceSpec
from tests.exporters.network_estate import device_folder
from tests.exporters.platform_bundles import (
    assert_restores_all_but_secrets,
    assert_sealed_files,
    decrypt,
    hidden,
    in_clear,
    restored_and_exported,
    three_exports,
)

XR = "cisco_xr"


@pytest.fixture(scope="module")
def farm() -> Iterator[DeviceFarm]:
    started = DeviceFarm.from_specs([DeviceSpec("xr-001", XR)])
    yield started
    started.stop()


@pytest.fixture(scope="module")
def bundles(farm: DeviceFarm, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return three_exports(farm, tmp_path_factory.mktemp("xr"))


def test_an_unchanged_router_exports_byte_identical_without_its_timestamps(
    farm: DeviceFarm, bundles: dict[str, Path]
) -> None:
    device = farm.devices[0]
    one, two = (device_folder(bundles[run], device.name) for run in ("one", "two"))
    record = json.loads((one / "network.json").read_text())

    assert (one / "running.cfg").read_bytes() == (two / "running.cfg").read_bytes()
    assert record["method"] == "exec" and record["hostname"] == device.hostname
    text = (one / "running.cfg").read_text()
    assert "Building configuration" not in text and "Last configuration change" not in text
    assert not re.search(r"^\w{3} \w{3} +\d+ \d\d:\d\d:\d\d\.\d+ UTC$", text, re.M)
    assert text.startswith("!! IOS XR Configuration 7.5.2\n") and text.endswith("\nend\n")


def test_no_secret_is_exported_in_clear_and_every_other_line_is_the_routers(
    farm: DeviceFarm, bundles: dict[str, Path]
) -> None:
    device = farm.devices[0]
    folder = device_folder(bundles["one"], device.name)
    text = (folder / "running.cfg").read_text()

    assert [s for s in device.planted_secrets if s in text] == []
    assert json.loads((folder / "network.json").read_text())["redactions"]["running.cfg"] == len(
        device.planted_secrets
    )
    expected = [
        hidden(line, device.planted_secrets) for line in farm.config_of(device.name).splitlines()
    ]
    assert text.splitlines()[2:-2] == expected  # between the version header and `!`/`end`


def test_the_sealed_copy_holds_every_secret_and_the_redacted_view_is_the_same(
    farm: DeviceFarm, bundles: dict[str, Path]
) -> None:
    device = farm.devices[0]
    sealed = device_folder(bundles["sealed"], device.name)
    plain = device_folder(bundles["one"], device.name)

    assert_sealed_files(sealed, plain, bundles["identity"], ["running.cfg"], device.planted_secrets)
    assert in_clear(bundles["sealed"], device.planted_secrets) == []


def test_a_commit_restores_the_redacted_export_but_its_secrets(
    farm: DeviceFarm, bundles: dict[str, Path], tmp_path: Path
) -> None:
    exported = (device_folder(bundles["one"], "xr-001") / "running.cfg").read_text()

    _, restored, after = restored_and_exported(farm, XR, exported, tmp_path)

    assert restored.saved and restored.applied > 40
    assert restored.skipped == sum("<redacted>" in line for line in exported.splitlines())
    assert_restores_all_but_secrets(XR, exported, (after / "running.cfg").read_text())


def test_a_commit_restores_the_sealed_copy_line_for_line(
    farm: DeviceFarm, bundles: dict[str, Path], tmp_path: Path
) -> None:
    full = decrypt(
        device_folder(bundles["sealed"], "xr-001") / "unredacted" / "running.cfg.age",
        bundles["identity"],
    )

    _, restored, after = restored_and_exported(farm, XR, full, tmp_path)

    assert restored.skipped == 0
    assert (after / "running.cfg").read_text() == (
        device_folder(bundles["one"], "xr-001") / "running.cfg"
    ).read_text()
