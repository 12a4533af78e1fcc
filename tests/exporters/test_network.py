"""Exporting network devices from the emulators: every platform, byte-identical re-exports,
each fault recorded with its class, no secret anywhere a user or an auditor looks."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import pytest

from exitkit.netconfig.platforms import supported
from exitkit.sandbox.devices import PLATFORMS, DeviceFarm, Fault
from tests.conftest import run_exitkit
from tests.exporters.network_estate import (
    CONFIG_FILES,
    device_estate,
    device_folder,
    export,
    first,
)


def test_every_platform_is_exported_and_an_unchanged_device_again_byte_identical(
    device_farm: DeviceFarm, tmp_path: Path
) -> None:
    estate = device_estate(tmp_path / "estate", device_farm.devices)

    first_run = export(estate, tmp_path / "one")
    second_run = export(estate, tmp_path / "two")

    assert first_run.code == 0, first_run
    assert "8 exported" in first_run.out and second_run.code == 0
    for device in device_farm.devices:
        one, two = (
            device_folder(tmp_path / "one", device.name),
            device_folder(tmp_path / "two", device.name),
        )
        names = CONFIG_FILES[device.platform]
        assert sorted(p.name for p in one.iterdir()) == sorted([*names, "network.json"])
        for name in names:
            assert (one / name).read_bytes() == (two / name).read_bytes(), (device.name, name)
        record = json.loads((one / "network.json").read_text())
        assert record["schema"] == "network-config.v1"
        assert record["hostname"] == device.hostname and record["platform"] == device.platform
        assert [c["file"] for c in record["commands"]] == list(names)
        assert all(record["redactions"][name] >= 8 for name in names)
        assert record["method"] == "exec" and record["sealed"] == {}
        text = (one / names[0]).read_text()
        assert "<redacted>" in text and "Last configuration change" not in text
        assert "!Time:" not in text and "## Last commit" not in text and "! Time:" not in text
    assert run_exitkit("verify", tmp_path / "one").code == 0
    assert run_exitkit("diff", tmp_path / "one", tmp_path / "two").code == 0


def test_each_fault_is_recorded_with_its_class_while_every_other_device_succeeds(
    device_farm: DeviceFarm, tmp_path: Path
) -> None:
    ios, nxos, junos, eos = (first(device_farm, p) for p in PLATFORMS)
    slow = next(d for d in device_farm.devices if d.name == "eos-002")
    device_farm.set_fault(ios.name, Fault.REJECT_PASSWORD)
    device_farm.set_fault(nxos.name, Fault.REFUSE)
    device_farm.set_fault(junos.name, Fault.HANG)
    device_farm.set_fault(eos.name, Fault.DROP_MID_OUTPUT)
    device_farm.set_delay(slow.name, 30)
    # the inventory says NX-OS, the device speaks Junos: it answers, but not a configuration
    wrong = next(d for d in device_farm.devices if d.name == "junos-002")
    estate = device_estate(tmp_path / "estate", device_farm.devices, {wrong.name: "cisco_nxos"})

    run = export(estate, tmp_path / "bundle", "--timeout", "4")

    assert run.code == 1, run
    assert "2 exported" in run.out and "6 failed" in run.out
    verify = run_exitkit("verify", tmp_path / "bundle")
    assert verify.code == 1
    expected = {
        ios.name: "auth",
        nxos.name: "unreachable",
        junos.name: "timeout",
        eos.name: "dropped",
        slow.name: "timeout",
        wrong.name: "unexpected-output",
    }
    for device, error_class in expected.items():
        assert f"FAILED {device} (network_device): {error_class}: " in verify.out, verify.out
    report = run_exitkit("verify", tmp_path / "bundle", "--json").json
    classes = {a["id"]: a.get("error_class") for a in report["assets"] if a["status"] == "failed"}
    assert classes == expected
    reasons = {a["id"]: a["reason"] for a in report["assets"] if a["status"] == "failed"}
    assert "after" not in reasons[ios.name]  # a rejected password is never tried again
    assert re.search(r"\(after [23] attempts\)$", reasons[eos.name])  # a cut is tried again
    assert reasons[wrong.name].startswith("'show running-config' answered 'unknown command.'")
    by_kind = report["by_kind"]["network_device"]
    assert (by_kind["expected"], by_kind["exported"], by_kind["failed"]) == (8, 2, 6)


def test_no_secret_reaches_the_bundle_the_output_or_the_logs(
    device_farm: DeviceFarm, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from exitkit.exporters.registry import ExportOptions
    from exitkit.exporters.run import export_estate
    from exitkit.inventory.loader import load_inventory

    device_farm.set_fault(first(device_farm, "cisco_nxos").name, Fault.DROP_MID_OUTPUT)
    device_farm.set_fault(first(device_farm, "cisco_ios").name, Fault.REJECT_PASSWORD)
    # no privilege-15 account: exec is refused, so netmiko reads it, typing the enable secret
    fresh = device_farm.add_blank_device("cisco_ios")
    config = device_farm.config_of("ios-002").splitlines()
    device_farm.set_config(fresh.name, "\n".join(x for x in config if "privilege 15" not in x))
    estate = device_estate(tmp_path / "estate", [*device_farm.devices])
    run = export(estate, tmp_path / "bundle", "--timeout", "5")
    verify = run_exitkit("verify", tmp_path / "bundle", "--json")
    with caplog.at_level(logging.DEBUG):
        export_estate(
            load_inventory(estate), tmp_path / "again", options=ExportOptions(timeout_s=5)
        )

    device = device_farm.devices[0]
    secrets = {device.password, device.secret}
    secrets |= {s for d in device_farm.devices for s in d.planted_secrets}
    seen = run.out + run.err + verify.out + verify.err + caplog.text
    for folder in (tmp_path / "bundle", tmp_path / "again"):
        seen += "".join(p.read_text(errors="replace") for p in folder.rglob("*") if p.is_file())
    record = json.loads(
        (tmp_path / "bundle/assets/network_device" / fresh.name / "network.json").read_text()
    )
    assert record["method"] == "interactive"
    assert "rejected the login" in seen and "dropped" in seen  # the failures are there...
    assert "read_channel" not in caplog.text
    assert sorted(s for s in secrets if s in seen) == []  # ...and no secret is


@pytest.mark.parametrize("command", ["export", "validate"])
def test_a_misspelt_platform_is_refused_on_load_naming_the_value_and_the_supported_ones(
    device_farm: DeviceFarm, tmp_path: Path, command: str
) -> None:
    device = first(device_farm, "cisco_ios")
    estate = device_estate(
        tmp_path / "estate", device_farm.devices[:2], {device.name: "cisco_ioss"}
    )
    file = estate / "estate.yaml" if estate.is_dir() else estate
    line = next(
        n for n, text in enumerate(file.read_text().splitlines(), start=1) if "cisco_ioss" in text
    )

    if command == "export":
        run = export(estate, tmp_path / "bundle")
    else:
        run = run_exitkit("inventory", "validate", estate)

    assert run.code == 2, run
    assert f"{file}:{line}:" in run.err
    assert "'cisco_ioss'" in run.err
    assert "supported platforms: " + ", ".join(supported()) in run.err
    assert "Traceback" not in run.err and not (tmp_path / "bundle").exists()
