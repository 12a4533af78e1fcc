"""SSH servers as real devices run them: each odd behaviour on its own emulated device, exported
with `--timeout 30`, gives the same normalised, redacted files as a well-behaved device with the
same configuration, and the record says how the device was read."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from exitkit.sandbox.devices import HOSTILE_BANNER, DeviceFarm, DeviceSpec, ExecMode, Fault
from exitkit.sandbox.devices.default_configs import starting_config
from tests.conftest import run_exitkit
from tests.exporters.network_estate import CONFIG_FILES, device_estate, device_folder, export

PLATFORMS = ("cisco_ios", "juniper_junos")
# device name suffix -> DeviceSpec fields; every device of a platform has the same configuration
BEHAVIOURS: dict[str, dict[str, Any]] = {
    "plain": {},
    "shell": {"exec_mode": ExecMode.SHELL},
    "shell-banner": {"exec_mode": ExecMode.SHELL, "banner": HOSTILE_BANNER, "motd": HOSTILE_BANNER},
    "refuse": {"exec_mode": ExecMode.REFUSE},
    "paged": {"exec_mode": ExecMode.PAGED},
    "linger": {"exec_mode": ExecMode.LINGER},
    "banner": {"banner": HOSTILE_BANNER, "motd": HOSTILE_BANNER},
    "kbdint": {"keyboard_interactive_only": True},
    "slow": {"login_delay": 2.5},
    "legacy": {"legacy_algorithms": True},
}
METHOD = {"shell": "interactive", "shell-banner": "interactive", "refuse": "interactive"}
METHOD |= {"paged": "interactive", "linger": "interactive"}
WHY = {"shell": "prompt", "shell-banner": "prompt", "refuse": "refused", "paged": "paged"}
WHY |= {"linger": "stayed open"}


def _name(platform: str, behaviour: str) -> str:
    return f"{platform.split('_')[1]}-{behaviour}"


@pytest.fixture(scope="module")
def farm() -> Iterator[DeviceFarm]:
    specs = []
    for platform in PLATFORMS:
        config = starting_config(platform, "edge-1", "netops").text
        for behaviour, fields in BEHAVIOURS.items():
            specs.append(DeviceSpec(_name(platform, behaviour), platform, config=config, **fields))
    with DeviceFarm.from_specs(specs) as started:
        yield started


@pytest.fixture(scope="module")
def bundle(farm: DeviceFarm, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One export of the whole farm, legacy algorithms allowed on the legacy devices only."""
    root = tmp_path_factory.mktemp("behaviours")
    legacy = {d.name: {"legacy_ssh": True} for d in farm.devices if d.name.endswith("-legacy")}
    estate = device_estate(root / "estate", farm.devices, fields=legacy)
    run = export(estate, root / "bundle", "--timeout", "30", "--workers", "8")
    assert run.code == 0, run
    return root / "bundle"


def _record(bundle: Path, name: str) -> dict[str, Any]:
    return dict(json.loads((device_folder(bundle, name) / "network.json").read_text()))


@pytest.mark.parametrize("platform", PLATFORMS)
@pytest.mark.parametrize("behaviour", [b for b in BEHAVIOURS if b != "plain"])
def test_each_behaviour_exports_the_same_files_as_a_well_behaved_device(
    bundle: Path, platform: str, behaviour: str
) -> None:
    reference = device_folder(bundle, _name(platform, "plain"))
    device = device_folder(bundle, _name(platform, behaviour))
    record = _record(bundle, _name(platform, behaviour))

    for name in CONFIG_FILES[platform]:
        assert (device / name).read_bytes() == (reference / name).read_bytes(), name
    assert record["method"] == METHOD.get(behaviour, "exec")
    if behaviour in WHY:
        assert WHY[behaviour] in record["fallback"]
    else:
        assert record["fallback"] is None
    assert record["not_read"] == {} and record["attempts"] == 1
    assert record["ssh"]["host_key"]["fingerprint"].startswith("SHA256:")


def test_legacy_algorithms_are_used_only_where_the_entry_allows_them_and_recorded(
    bundle: Path,
) -> None:
    legacy = _record(bundle, _name("cisco_ios", "legacy"))
    plain = _record(bundle, _name("cisco_ios", "plain"))

    assert legacy["ssh"]["legacy_allowed"] is True
    assert legacy["ssh"]["kex"].endswith("sha1") and legacy["ssh"]["host_key"]["type"] == "ssh-rsa"
    assert plain["ssh"]["legacy_allowed"] is False
    assert not plain["ssh"]["kex"].endswith("sha1")


def test_a_legacy_only_device_not_allowed_fails_at_once_naming_what_it_offers(
    farm: DeviceFarm, tmp_path: Path
) -> None:
    device = farm.device(_name("cisco_ios", "legacy"))
    estate = device_estate(tmp_path / "estate", [device])

    run = export(estate, tmp_path / "bundle", "--timeout", "30")

    assert run.code == 1, run
    line = next(ln for ln in run.out.splitlines() if device.name in ln and "FAILED" in ln)
    assert "ssh-algorithms" in line and "diffie-hellman-group14-sha1" in line
    assert "ssh-rsa" in line and "legacy_ssh: true" in line
    assert "attempts" not in line  # never retried


def test_exec_is_not_tried_again_on_a_device_where_it_fell_back(
    farm: DeviceFarm, bundle: Path, tmp_path: Path
) -> None:
    estate = bundle.parent / "estate"

    again = export(estate, tmp_path / "again", "--asset", _name("cisco_ios", "shell"))

    assert again.code == 0, again
    record = _record(tmp_path / "again", _name("cisco_ios", "shell"))
    assert record["method"] == "interactive"
    assert record["fallback"].startswith("exec not tried: an earlier export found")
    remembered = json.loads((estate / ".exitkit" / "read-methods.json").read_text())
    assert any(key.startswith("ios-shell ") for key in remembered["interactive"])
    assert not any(key.startswith("ios-plain ") for key in remembered["interactive"])


def test_a_connection_cut_mid_output_is_retried(farm: DeviceFarm, tmp_path: Path) -> None:
    name = _name("cisco_ios", "plain")
    estate = device_estate(tmp_path / "estate", [farm.device(name)])
    farm.set_fault(name, Fault.DROP_ONCE)

    run = export(estate, tmp_path / "bundle", "--timeout", "30")

    assert run.code == 0, run
    assert _record(tmp_path / "bundle", name)["attempts"] == 2


def test_a_changed_host_key_fails_that_device_only_naming_both_fingerprints(
    farm: DeviceFarm, tmp_path: Path
) -> None:
    names = [_name("cisco_ios", "plain"), _name("juniper_junos", "plain")]
    devices = [farm.device(n) for n in names]
    estate = device_estate(tmp_path / "estate", devices)
    pinned = _fingerprint(tmp_path / "estate" / "known_hosts", devices[0].port)
    farm.change_host_key(names[0])
    try:
        run = export(estate, tmp_path / "bundle", "--timeout", "30")
    finally:
        farm.reset(names[0])

    assert run.code == 1, run
    line = next(ln for ln in run.out.splitlines() if names[0] in ln and "FAILED" in ln)
    assert "host-key-changed" in line and pinned in line
    assert line.count("SHA256:") == 2
    assert (device_folder(tmp_path / "bundle", names[1]) / "network.json").exists()
    assert not device_folder(tmp_path / "bundle", names[0]).exists()


def test_an_unknown_host_key_is_refused_unless_trusted_on_first_use(
    farm: DeviceFarm, tmp_path: Path
) -> None:
    device = farm.device(_name("cisco_ios", "plain"))
    estate = device_estate(tmp_path / "estate", [device], pinned=[])

    refused = export(estate, tmp_path / "refused", "--timeout", "30")
    trusted = export(estate, tmp_path / "trusted", "--accept-new-host-keys")
    again = export(estate, tmp_path / "again")

    assert refused.code == 1 and "host-key-unknown" in refused.out, refused
    assert "--accept-new-host-keys" in refused.out
    assert trusted.code == 0 and again.code == 0, (trusted, again)
    known = (tmp_path / "estate" / "known_hosts").read_text()
    assert f"[127.0.0.1]:{device.port} {device.host_key}" in known
    fingerprint = _record(tmp_path / "again", device.name)["ssh"]["host_key"]["fingerprint"]
    assert fingerprint == _fingerprint(tmp_path / "estate" / "known_hosts", device.port)


def test_a_host_key_on_the_entry_pins_the_device_without_a_known_hosts_file(
    farm: DeviceFarm, tmp_path: Path
) -> None:
    device = farm.device(_name("juniper_junos", "plain"))
    estate = device_estate(
        tmp_path / "estate",
        [device],
        fields={device.name: {"host_key": device.host_key}},
        pinned=[],
    )

    run = export(estate, tmp_path / "bundle", "--timeout", "30")

    assert run.code == 0, run


@pytest.mark.parametrize("platform", PLATFORMS)
def test_a_refused_startup_configuration_is_a_recorded_gap_not_a_failure(
    farm: DeviceFarm, tmp_path: Path, platform: str
) -> None:
    name = _name(platform, "plain")
    farm.set_behaviour(name, secondary_refused=True)
    try:
        estate = device_estate(tmp_path / "estate", [farm.device(name)])
        run = export(estate, tmp_path / "bundle", "--timeout", "30")
    finally:
        farm.reset(name)

    assert run.code == 0, run
    restore, secondary = CONFIG_FILES[platform]
    folder = device_folder(tmp_path / "bundle", name)
    record = _record(tmp_path / "bundle", name)
    assert (folder / restore).exists() and not (folder / secondary).exists()
    assert list(record["not_read"]) == [secondary]
    assert "not a configuration" in record["not_read"][secondary]
    assert f"PARTIAL {name} (network_device): {secondary} not read" in run.out
    verify = run_exitkit("verify", tmp_path / "bundle")
    assert verify.code == 0, verify
    assert f"PARTIAL {name} (network_device): {secondary} not read" in verify.out
    report = run_exitkit("report", tmp_path / "bundle", "--html", tmp_path / "report.html")
    html = (tmp_path / "report.html").read_text()
    assert report.code in (0, 1), report
    assert "<strong>partial</strong>: " + name in html and f"{secondary} not read" in html


def test_a_hashed_known_hosts_entry_pins_the_device(farm: DeviceFarm, tmp_path: Path) -> None:
    import base64
    import hashlib
    import hmac

    device = farm.device(_name("cisco_ios", "plain"))
    estate = device_estate(tmp_path / "estate", [device], pinned=[])
    salt = b"exitkit-test-salt-20"  # 20 bytes, as ssh-keygen -H makes them
    name = hmac.new(salt, f"[{device.host}]:{device.port}".encode(), hashlib.sha1).digest()
    hashed = f"|1|{base64.b64encode(salt).decode()}|{base64.b64encode(name).decode()}"
    (tmp_path / "estate" / "known_hosts").write_text(
        f"# ssh-keygen -H\n{hashed} {device.host_key}\n"
    )

    run = export(estate, tmp_path / "bundle", "--timeout", "30")

    assert run.code == 0, run


def _fingerprint(known_hosts: Path, port: int) -> str:
    """The SHA256 fingerprint of the key pinned for 127.0.0.1:port, as ssh-keygen -l shows it."""
    import base64
    import hashlib

    line = next(ln for ln in known_hosts.read_text().splitlines() if f"]:{port} " in ln)
    blob = base64.b64decode(line.split()[2])
    return "SHA256:" + base64.b64encode(hashlib.sha256(blob).digest()).decode().rstrip("=")
