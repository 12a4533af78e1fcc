"""`exitkit diff OLD NEW`: what changed in the device configurations between two exports."""

from __future__ import annotations

from pathlib import Path

from exitkit.bundle import schemas
from exitkit.sandbox.devices import DeviceFarm
from tests.conftest import run_exitkit
from tests.exporters.network_estate import device_estate, export


def test_diff_shows_changed_added_and_removed_devices(
    device_farm: DeviceFarm, tmp_path: Path
) -> None:
    devices = device_farm.devices
    assert export(device_estate(tmp_path / "e1", devices[:6]), tmp_path / "old").code == 0
    touched = device_farm.touch_config("ios-002")
    # a device that re-encrypts a secret: only a redacted value changes
    device_farm.apply_config("eos-001", ["tacacs-server key 7 0822455D0A165B"])
    assert export(device_estate(tmp_path / "e2", devices[1:]), tmp_path / "new").code == 0

    run = run_exitkit("diff", tmp_path / "old", tmp_path / "new")

    assert run.code == 1, run
    lines = run.out.splitlines()
    assert "~ ios-002 (cisco_ios): changed: running.cfg +1 -1" in lines
    assert "--- old/ios-002/running.cfg" in lines and "+++ new/ios-002/running.cfg" in lines
    assert f"+{touched}" in lines
    assert "eos-001" not in run.out
    assert (
        "+ eos-002 (arista_eos): added" in lines and "+ junos-002 (juniper_junos): added" in lines
    )
    assert "- ios-001 (cisco_ios): removed" in lines
    assert "8 devices: 1 changed, 4 unchanged, 2 added, 1 removed, 0 not comparable" in lines

    back = run_exitkit("diff", tmp_path / "new", tmp_path / "old", "--json")
    assert back.code == 1 and schemas.problems(back.json, "config-diff.v1") == []
    by_id = {d["id"]: d for d in back.json["devices"]}
    assert by_id["eos-002"]["status"] == "removed" and by_id["eos-001"]["status"] == "unchanged"
    assert by_id["ios-001"]["status"] == "added"
    running = next(f for f in by_id["ios-002"]["files"] if f["name"] == "running.cfg")
    assert (running["added_lines"], running["removed_lines"]) == (1, 1)
    assert back.json["summary"] == {
        "changed": 1, "unchanged": 4, "added": 1, "removed": 2, "not-comparable": 0,
    }  # fmt: skip


def test_identical_exports_and_bad_input(device_farm: DeviceFarm, tmp_path: Path) -> None:
    estate = device_estate(tmp_path / "estate", device_farm.devices[:4])
    assert export(estate, tmp_path / "one").code == 0
    assert export(estate, tmp_path / "two").code == 0

    same = run_exitkit("diff", tmp_path / "one", tmp_path / "two")
    missing = run_exitkit("diff", tmp_path / "one", tmp_path / "nowhere")
    (tmp_path / "one/assets/network_device/ios-001/running.cfg").write_text("hostname evil\n")
    damaged = run_exitkit("diff", tmp_path / "one", tmp_path / "two")

    assert same.code == 0 and same.out.strip() == (
        "4 devices: 0 changed, 4 unchanged, 0 added, 0 removed, 0 not comparable"
    )
    assert missing.code == 2 and "nowhere is not a folder" in missing.err
    assert damaged.code == 2 and "running.cfg differs from its hash" in damaged.err
    assert "Traceback" not in missing.err + damaged.err


def test_encrypted_bundles_are_compared_with_the_identity(
    device_farm: DeviceFarm, tmp_path: Path
) -> None:
    from pyrage import x25519

    identity = x25519.Identity.generate()
    key = tmp_path / "escrow-key.txt"
    key.write_text(f"{identity}\n")
    recipient = str(identity.to_public())
    estate = device_estate(tmp_path / "estate", device_farm.devices[:2])
    assert export(estate, tmp_path / "old", "--encrypt-to", recipient).code == 0
    touched = device_farm.touch_config(device_farm.devices[0].name)
    assert export(estate, tmp_path / "new", "--encrypt-to", recipient).code == 0

    locked = run_exitkit("diff", tmp_path / "old", tmp_path / "new")
    run = run_exitkit("diff", tmp_path / "old", tmp_path / "new", "--identity", key)

    assert locked.code == 2 and "is encrypted: pass --identity" in locked.err
    assert run.code == 1, run
    assert f"+{touched}" in run.out.splitlines()
    assert "2 devices: 1 changed, 1 unchanged" in run.out
