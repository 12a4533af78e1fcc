"""Cisco ASA exported from its emulator: a single-context firewall and one in multiple-context
mode (its admin context and its system execution space), byte-identical re-exports, keys
read in clear (`more system:running-config`) only into the sealed copy and never shown by the
redacted view, every other line as the device has it; the sealed copy restores."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from exitkit.netconfig.platforms import platforms
from exitkit.netconfig.restore import apply_config, restorable_lines
from exitkit.sandbox.devices import DeviceFarm, DeviceSpec, EmulatedDevice
from exitkit.sandbox.devices.asa_cli import system_space
from exitkit.sandbox.devices.dialects import DIALECTS
from exitkit.sandbox.devices.secret_formats import SecretMaker
from tests.exporters.network_estate import CONFIG_FILES, device_estate, device_folder, export
from tests.exporters.platform_bundles import decrypt, hidden, in_clear, three_exports

FILES = CONFIG_FILES["cisco_asa"]


def _multiple_context_config() -> tuple[str, tuple[str, ...]]:
    """A context's configuration (its version line says `<context>`) and its secrets."""
    maker = SecretMaker("cisco_asa/fw-ctx")
    text = DIALECTS["cisco_asa"].starting("fw-ctx", "netops", maker)
    return "ASA Version 9.16(4) <context>\n" + text, tuple(maker.planted)


CONTEXT_CONFIG, CONTEXT_SECRETS = _multiple_context_config()


@pytest.fixture(scope="module")
def farm() -> Iterator[DeviceFarm]:
    specs = [
        DeviceSpec("asa-001", "cisco_asa"),
        DeviceSpec("fw-ctx", "cisco_asa", config=CONTEXT_CONFIG),
    ]
    started = DeviceFarm.from_specs(specs)
    yield started
    started.stop()


@pytest.fixture(scope="module")
def bundles(farm: DeviceFarm, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two plain exports and one sealed export of both firewalls."""
    return three_exports(farm, tmp_path_factory.mktemp("asa"))


def _secrets(device: EmulatedDevice) -> tuple[str, ...]:
    if device.name == "fw-ctx":
        return CONTEXT_SECRETS + tuple(system_space("fw-ctx")[1])
    return device.planted_secrets


def test_both_firewalls_export_and_an_unchanged_one_again_byte_identical(
    farm: DeviceFarm, bundles: dict[str, Path]
) -> None:
    for device in farm.devices:
        one = device_folder(bundles["one"], device.name)
        two = device_folder(bundles["two"], device.name)
        record = json.loads((one / "network.json").read_text())
        assert sorted(p.name for p in one.iterdir()) == sorted([*FILES, "network.json"])
        for name in FILES:
            assert (one / name).read_bytes() == (two / name).read_bytes(), (device.name, name)
        assert record["hostname"] == device.hostname and record["not_read"] == {}
        assert record["method"] == "interactive"
        assert [c["command"] for c in record["commands"]] == ["show running-config"] * 2
        text = (one / "running.cfg").read_text()
        assert "Cryptochecksum" not in text and ": Written by" not in text
        assert text.splitlines()[-1] == ": end"


def test_single_context_system_file_is_the_one_configuration_and_contexts_are_split(
    farm: DeviceFarm, bundles: dict[str, Path]
) -> None:
    single = device_folder(bundles["one"], "asa-001")
    multi = device_folder(bundles["one"], "fw-ctx")

    assert (single / "system.cfg").read_text() == (single / "running.cfg").read_text()
    context = (multi / "running.cfg").read_text()
    system = (multi / "system.cfg").read_text()
    assert "ASA Version 9.16(4) <context>" in context and "tunnel-group" in context
    assert "ASA Version 9.16(4) <system>" in system and "admin-context admin" in system
    assert "context CUST-A" in system and "tunnel-group" not in system
    assert "config-url ftp://backup:<redacted>@10.0.10.50/cust-a.cfg" in system


def test_no_key_is_shown_masked_or_clear_and_every_other_line_is_the_devices(
    farm: DeviceFarm, bundles: dict[str, Path]
) -> None:
    for device in farm.devices:
        folder = device_folder(bundles["one"], device.name)
        shown = "".join((folder / name).read_text() for name in FILES)
        assert [s for s in _secrets(device) if s in shown] == []
        assert "*****" not in shown
        record = json.loads((folder / "network.json").read_text())
        assert record["redactions"]["running.cfg"] >= 15

        expected = [
            hidden(line, _secrets(device))
            for line in farm.config_of(device.name).splitlines()
            if not line.startswith("ASA Version")
        ]
        exported = [
            line
            for line in (folder / "running.cfg").read_text().splitlines()
            if not line.startswith((":", "ASA Version"))
        ]
        assert exported[1:] == expected  # after the `!` under the version line


def test_the_sealed_copy_holds_every_key_in_clear_and_the_redacted_view_is_unchanged(
    farm: DeviceFarm, bundles: dict[str, Path]
) -> None:
    for device in farm.devices:
        sealed = device_folder(bundles["sealed"], device.name)
        record = json.loads(decrypt(sealed / "network.json.age", bundles["identity"]))
        assert [c["command"] for c in record["commands"]] == ["more system:running-config"] * 2
        full = "".join(
            decrypt(sealed / "unredacted" / f"{name}.age", bundles["identity"]) for name in FILES
        )
        assert [s for s in _secrets(device) if s not in full] == []
        assert in_clear(bundles["sealed"], _secrets(device)) == []
        for name in FILES:
            view = decrypt(sealed / f"{name}.age", bundles["identity"])
            assert view == (device_folder(bundles["one"], device.name) / name).read_text()


def test_the_sealed_copy_applied_to_a_fresh_firewall_and_saved_exports_the_same(
    farm: DeviceFarm, bundles: dict[str, Path], tmp_path: Path
) -> None:
    full = decrypt(
        device_folder(bundles["sealed"], "asa-001") / "unredacted" / "running.cfg.age",
        bundles["identity"],
    )
    blank = farm.add_blank_device("cisco_asa")

    restored = apply_config(blank.netmiko_kwargs(), full)
    again = export(device_estate(tmp_path / "estate", [blank]), tmp_path / "after")

    assert again.code == 0 and restored.skipped == 0 and restored.saved
    after = device_folder(tmp_path / "after", blank.name)
    before = device_folder(bundles["one"], "asa-001")
    table = platforms()["cisco_asa"]
    for name in FILES:
        assert restorable_lines(table, (after / name).read_text()) == restorable_lines(
            table, (before / name).read_text()
        )
