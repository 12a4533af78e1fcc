"""Restore: an exported configuration applied to a freshly installed device, then exported again,
gives the same configuration (all of it, secrets included, from the sealed unredacted copy)."""

from __future__ import annotations

import json
from pathlib import Path

import pyrage
import pytest
from pyrage import x25519

from exitkit.netconfig.platforms import platforms
from exitkit.netconfig.restore import apply_config, restorable_lines
from exitkit.sandbox.devices import PLATFORMS, DeviceFarm
from tests.exporters.network_estate import (
    device_estate,
    device_folder,
    export,
    first,
)


@pytest.mark.parametrize("platform", PLATFORMS)
def test_a_restored_configuration_exports_the_same_but_for_its_redacted_secrets(
    device_farm: DeviceFarm, tmp_path: Path, platform: str
) -> None:
    source = first(device_farm, platform)
    assert export(device_estate(tmp_path / "e1", [source]), tmp_path / "before").code == 0
    before = device_folder(tmp_path / "before", source.name)
    record = json.loads((before / "network.json").read_text())
    exported = (before / record["restore_file"]).read_text()
    blank = device_farm.add_blank_device(platform)

    restored = apply_config(blank.netmiko_kwargs(), exported)
    run = export(device_estate(tmp_path / "e2", [blank]), tmp_path / "after")

    assert run.code == 0, run
    assert restored.applied > 20 and restored.skipped > 0
    after = device_folder(tmp_path / "after", blank.name)
    table = platforms()[platform]
    for name in record["files"]:
        if name == "configuration.conf":
            continue  # braces: a block that held only a secret is gone, its braces too
        restored_lines, no_secrets = restorable_lines(table, (after / name).read_text())
        exported_lines, _ = restorable_lines(table, (before / name).read_text())
        assert (restored_lines, no_secrets) == (exported_lines, 0), name
    assert json.loads((after / "network.json").read_text())["hostname"] == source.hostname


@pytest.mark.parametrize("platform", ["cisco_ios", "juniper_junos"])
def test_the_sealed_unredacted_copy_restores_every_line(
    device_farm: DeviceFarm, tmp_path: Path, platform: str
) -> None:
    identity = x25519.Identity.generate()
    source = first(device_farm, platform)
    estate = device_estate(tmp_path / "e1", [source])
    run = export(estate, tmp_path / "before", "--encrypt-to", str(identity.to_public()))
    assert run.code == 0, run
    before = device_folder(tmp_path / "before", source.name)
    restore_file = "configuration.set" if platform == "juniper_junos" else "running.cfg"
    assert sorted(p.name for p in (before / "unredacted").iterdir()) == sorted(
        f"{name}.age" for name in platforms()[platform].files_named()
    )
    clear = "".join(
        p.read_bytes().decode(errors="replace") for p in before.rglob("*") if p.is_file()
    )
    assert [secret for secret in source.planted_secrets if secret in clear] == []
    full = pyrage.decrypt((before / "unredacted" / f"{restore_file}.age").read_bytes(), [identity])
    redacted = pyrage.decrypt((before / f"{restore_file}.age").read_bytes(), [identity])
    assert all(secret.encode() in full for secret in source.planted_secrets)
    blank = device_farm.add_blank_device(platform)

    restored = apply_config(blank.netmiko_kwargs(), full.decode())
    again = export(device_estate(tmp_path / "e2", [blank]), tmp_path / "after")

    assert again.code == 0 and restored.skipped == 0
    assert (device_folder(tmp_path / "after", blank.name) / restore_file).read_bytes() == redacted
