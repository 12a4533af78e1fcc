"""RouterOS read from its emulator over an exec channel: `/export terse hide-sensitive`, byte-
identical again although the export stamps its time, `show-sensitive` only when the copy is
sealed, and restored onto a freshly installed router (redacted and sealed)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pyrage
import pytest
from pyrage import x25519

from exitkit.netconfig.platforms import platforms
from exitkit.netconfig.restore import apply_config, restorable_lines
from exitkit.sandbox.devices import DeviceFarm, DeviceSpec, EmulatedDevice
from tests.exporters.network_estate import device_estate, device_folder, export


@pytest.fixture(scope="module")
def farm() -> Iterator[DeviceFarm]:
    with DeviceFarm.from_specs([DeviceSpec("ros-001", "mikrotik_routeros")]) as started:
        yield started


@pytest.fixture(scope="module")
def router(farm: DeviceFarm) -> EmulatedDevice:
    return farm.device("ros-001")


@pytest.fixture(scope="module")
def identity() -> x25519.Identity:
    return x25519.Identity.generate()


@pytest.fixture(scope="module")
def sealed(
    router: EmulatedDevice, identity: x25519.Identity, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    root = tmp_path_factory.mktemp("ros-sealed")
    estate = device_estate(root / "estate", [router])
    run = export(estate, root / "bundle", "--encrypt-to", str(identity.to_public()))
    assert run.code == 0, run
    return device_folder(root / "bundle", router.name)


def test_a_router_exports_twice_byte_identical_without_a_secret(
    farm: DeviceFarm, router: EmulatedDevice, tmp_path: Path
) -> None:
    estate = device_estate(tmp_path / "estate", [router])

    one, two = export(estate, tmp_path / "one"), export(estate, tmp_path / "two")

    assert one.code == 0 and two.code == 0, (one, two)
    first = device_folder(tmp_path / "one", router.name)
    second = device_folder(tmp_path / "two", router.name)
    assert sorted(p.name for p in first.iterdir()) == ["export.rsc", "network.json"]
    assert (first / "export.rsc").read_bytes() == (second / "export.rsc").read_bytes()
    text = (first / "export.rsc").read_text()
    assert [s for s in router.planted_secrets if s in text] == []
    assert "by RouterOS" not in text and text.startswith("# software id = ")
    record = json.loads((first / "network.json").read_text())
    assert record["hostname"] == "ros-001" and record["method"] == "exec"
    # hide-sensitive: the router sent no secret but the SNMP community's name, redacted here
    assert record["redactions"]["export.rsc"] == 1
    assert "/snmp community set [ find default=yes ] name=<redacted>" in text
    device = farm.config_of(router.name).splitlines()
    secret_free = [line for line in device if not any(s in line for s in router.planted_secrets)]
    assert len(secret_free) > 15
    assert [line for line in secret_free if line not in text.splitlines()] == []


def test_the_sealed_copy_holds_every_secret_and_the_clear_view_none(
    router: EmulatedDevice, sealed: Path, identity: x25519.Identity
) -> None:
    clear = "".join(
        p.read_bytes().decode(errors="replace") for p in sealed.rglob("*") if p.is_file()
    )
    assert [s for s in router.planted_secrets if s in clear] == []
    full = pyrage.decrypt((sealed / "unredacted" / "export.rsc.age").read_bytes(), [identity])
    redacted = pyrage.decrypt((sealed / "export.rsc.age").read_bytes(), [identity])
    assert [s for s in router.planted_secrets if s.encode() not in full] == []
    assert [s for s in router.planted_secrets if s.encode() in redacted] == []
    record = json.loads(pyrage.decrypt((sealed / "network.json.age").read_bytes(), [identity]))
    assert record["redactions"]["export.rsc"] == len(router.planted_secrets)


def test_a_router_restored_from_the_redacted_view_exports_the_same_but_its_secrets(
    farm: DeviceFarm, router: EmulatedDevice, tmp_path: Path
) -> None:
    assert export(device_estate(tmp_path / "e1", [router]), tmp_path / "before").code == 0
    before = device_folder(tmp_path / "before", router.name)
    blank = farm.add_blank_device("mikrotik_routeros")

    # RouterOS keeps every change at once: nothing to save
    restored = apply_config(blank.netmiko_kwargs(), (before / "export.rsc").read_text(), save=False)
    run = export(device_estate(tmp_path / "e2", [blank]), tmp_path / "after")

    assert run.code == 0, run
    assert restored.applied > 20 and restored.skipped == 1
    after = device_folder(tmp_path / "after", blank.name)
    table = platforms()["mikrotik_routeros"]
    restored_lines, secrets = restorable_lines(table, (after / "export.rsc").read_text())
    exported_lines, _ = restorable_lines(table, (before / "export.rsc").read_text())
    assert (restored_lines, secrets) == (exported_lines, 0)
    assert json.loads((after / "network.json").read_text())["hostname"] == "ros-001"
    farm.remove_device(blank.name)


def test_the_sealed_copy_restores_every_line_and_every_secret(
    farm: DeviceFarm,
    router: EmulatedDevice,
    sealed: Path,
    identity: x25519.Identity,
    tmp_path: Path,
) -> None:
    full = pyrage.decrypt((sealed / "unredacted" / "export.rsc.age").read_bytes(), [identity])
    redacted = pyrage.decrypt((sealed / "export.rsc.age").read_bytes(), [identity])
    blank = farm.add_blank_device("mikrotik_routeros")

    restored = apply_config(blank.netmiko_kwargs(), full.decode(), save=False)
    identity2 = x25519.Identity.generate()
    estate = device_estate(tmp_path / "e2", [blank])
    again = export(estate, tmp_path / "after", "--encrypt-to", str(identity2.to_public()))

    assert again.code == 0 and restored.skipped == 0
    folder = device_folder(tmp_path / "after", blank.name)
    table = platforms()["mikrotik_routeros"]
    for copy, before in (("export.rsc.age", redacted), ("unredacted/export.rsc.age", full)):
        now = pyrage.decrypt((folder / copy).read_bytes(), [identity2]).decode()
        # every command again, secrets included; only the header names the other router
        assert restorable_lines(table, now) == restorable_lines(table, before.decode()), copy
    farm.remove_device(blank.name)
