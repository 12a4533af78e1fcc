"""FortiOS read from its emulator: exported, byte-identical again although the FortiGate
re-encrypts every `ENC` value on each read, no secret in the clear view, every secret in the
sealed copy, and restored onto a freshly installed FortiGate."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pyrage
import pytest
from pyrage import x25519

from exitkit.netconfig.platforms import platforms
from exitkit.netconfig.restore import apply_config, restorable_lines
from exitkit.sandbox.devices import DeviceFarm, DeviceSpec, EmulatedDevice
from exitkit.sandbox.devices.forti_config import decrypt
from tests.exporters.network_estate import CONFIG_FILES, device_estate, device_folder, export

FILES = CONFIG_FILES["fortinet"]
ENC = re.compile(r"\bENC (\S+)")


@pytest.fixture(scope="module")
def farm() -> Iterator[DeviceFarm]:
    with DeviceFarm.from_specs([DeviceSpec("fgt-001", "fortinet")]) as started:
        yield started


@pytest.fixture(scope="module")
def fgt(farm: DeviceFarm) -> EmulatedDevice:
    return farm.device("fgt-001")


@pytest.fixture(scope="module")
def identity() -> x25519.Identity:
    return x25519.Identity.generate()


@pytest.fixture(scope="module")
def sealed(
    fgt: EmulatedDevice, identity: x25519.Identity, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    root = tmp_path_factory.mktemp("fgt-sealed")
    run = export(
        device_estate(root / "estate", [fgt]),
        root / "bundle",
        "--encrypt-to",
        str(identity.to_public()),
    )
    assert run.code == 0, run
    return device_folder(root / "bundle", fgt.name)


def _revealed(text: str) -> set[str]:
    """The secret values a sealed FortiOS file holds: as written, and behind each ENC value."""
    found = {m.group(1) for m in ENC.finditer(text)}
    quoted = set(re.findall(r'"([^"\n]*)"', text))
    return found | quoted | {clear for value in found if (clear := decrypt(value)) is not None}


def test_a_fortigate_exports_twice_byte_identical_without_a_secret(
    farm: DeviceFarm, fgt: EmulatedDevice, tmp_path: Path
) -> None:
    estate = device_estate(tmp_path / "estate", [fgt])

    one, two = export(estate, tmp_path / "one"), export(estate, tmp_path / "two")

    assert one.code == 0 and two.code == 0, (one, two)
    first, second = (
        device_folder(tmp_path / "one", fgt.name),
        device_folder(tmp_path / "two", fgt.name),
    )
    assert sorted(p.name for p in first.iterdir()) == sorted([*FILES, "network.json"])
    for name in FILES:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
        text = (first / name).read_text()
        assert [s for s in fgt.planted_secrets if s in text] == []
        assert set(ENC.findall(text)) == {"<redacted>"}
        assert "#conf_file_ver=" not in text and text.startswith("#config-version=FGT60F-7.2.8")
    record = json.loads((first / "network.json").read_text())
    assert record["hostname"] == "fgt-001" and record["method"] == "interactive"
    assert all(record["redactions"][name] >= len(fgt.planted_secrets) for name in FILES)
    # every line of the configuration that holds no secret is exported byte for byte
    exported = set((first / "running.conf").read_text().splitlines())
    device = farm.config_of(fgt.name).splitlines()
    secret_free = [
        line
        for line in device
        if "ENC " not in line and not any(s in line for s in fgt.planted_secrets)
    ]
    assert len(secret_free) > 150
    assert [line for line in secret_free if line not in exported] == []
    assert 'you press are logged. Disconnect now if you are not authorised."' in exported
    assert '        set comments "password reset portal reachable from here"' in exported
    # netmiko's driver turned the pager off: the FortiGate keeps that setting
    assert "config system console" in exported and "    set output standard" in exported


def test_the_sealed_copy_holds_every_secret_and_the_clear_view_none(
    fgt: EmulatedDevice, sealed: Path, identity: x25519.Identity
) -> None:
    clear = "".join(
        p.read_bytes().decode(errors="replace") for p in sealed.rglob("*") if p.is_file()
    )
    assert [s for s in fgt.planted_secrets if s in clear] == []
    for name in FILES:
        full = pyrage.decrypt((sealed / "unredacted" / f"{name}.age").read_bytes(), [identity])
        redacted = pyrage.decrypt((sealed / f"{name}.age").read_bytes(), [identity]).decode()
        assert set(fgt.planted_secrets) <= _revealed(full.decode()), name
        assert not set(fgt.planted_secrets) & _revealed(redacted), name


def test_a_fortigate_restored_from_the_redacted_view_exports_the_same_but_its_secrets(
    farm: DeviceFarm, fgt: EmulatedDevice, tmp_path: Path
) -> None:
    assert export(device_estate(tmp_path / "e1", [fgt]), tmp_path / "before").code == 0
    before = device_folder(tmp_path / "before", fgt.name)
    blank = farm.add_blank_device("fortinet")

    restored = apply_config(blank.netmiko_kwargs(), (before / "running.conf").read_text())
    run = export(device_estate(tmp_path / "e2", [blank]), tmp_path / "after")

    assert run.code == 0, run
    assert restored.applied > 150 and restored.skipped == len(fgt.planted_secrets)
    after = device_folder(tmp_path / "after", blank.name)
    table = platforms()["fortinet"]
    restored_lines, secrets = restorable_lines(table, (after / "running.conf").read_text())
    exported_lines, _ = restorable_lines(table, (before / "running.conf").read_text())
    assert (restored_lines, secrets) == (exported_lines, 0)
    assert json.loads((after / "network.json").read_text())["hostname"] == "fgt-001"
    farm.remove_device(blank.name)


def test_the_sealed_copy_restores_every_line_and_every_secret(
    farm: DeviceFarm, fgt: EmulatedDevice, sealed: Path, identity: x25519.Identity, tmp_path: Path
) -> None:
    full = pyrage.decrypt((sealed / "unredacted" / "running.conf.age").read_bytes(), [identity])
    redacted = pyrage.decrypt((sealed / "running.conf.age").read_bytes(), [identity])
    blank = farm.add_blank_device("fortinet")

    restored = apply_config(blank.netmiko_kwargs(), full.decode(), save=False)
    again = export(device_estate(tmp_path / "e2", [blank]), tmp_path / "after")

    assert again.code == 0 and restored.skipped == 0
    assert (device_folder(tmp_path / "after", blank.name) / "running.conf").read_bytes() == redacted
    farm.remove_device(blank.name)
