"""Shared by the per-platform export tests: the same emulated devices exported twice and once
sealed, what a test needs to read the sealed files, and the checks every platform's export and
restore pass."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

import pyrage
import yaml
from pyrage import x25519

from exitkit.netconfig.platforms import platforms
from exitkit.netconfig.restore import Restored, apply_config, restorable_lines
from exitkit.sandbox.devices import DeviceFarm, EmulatedDevice
from tests.conftest import run_exitkit
from tests.exporters.network_estate import device_estate, device_folder, export


def three_exports(farm: DeviceFarm, root: Path) -> dict[str, Path]:
    """Bundles `one` and `two` (plain) and `sealed` (with an age recipient) of every device of
    `farm`, and the `identity` file that opens the sealed one."""
    return exports_of(farm.devices, root)


def switch_exports(switch: EmulatedDevice, root: Path) -> dict[str, Path]:
    """`one`, `two` and `sealed` of one switch, each as the switch's folder, and `identity`."""
    paths = exports_of([switch], root)
    folders = {name: device_folder(paths[name], switch.name) for name in ("one", "two", "sealed")}
    return folders | {"identity": paths["identity"]}


def exports_of(devices: Sequence[EmulatedDevice], root: Path) -> dict[str, Path]:
    estate = device_estate(root / "estate", devices)
    identity = x25519.Identity.generate()
    (root / "identity").write_text(str(identity))
    runs = {
        "one": export(estate, root / "one"),
        "two": export(estate, root / "two"),
        "sealed": export(estate, root / "sealed", "--encrypt-to", str(identity.to_public())),
    }
    for name, run in runs.items():
        assert run.code == 0, (name, run)
    return {name: root / name for name in runs} | {"identity": root / "identity"}


def decrypt(path: Path, identity: Path) -> str:
    key = x25519.Identity.from_str(identity.read_text().strip())
    return bytes(pyrage.decrypt(path.read_bytes(), [key])).decode()


def hidden(line: str, secrets: tuple[str, ...]) -> str:
    """The line with every word holding a secret redacted (what the redacted view shows)."""
    words = re.split(r"(\s+)", line)
    return "".join("<redacted>" if any(s in w for s in secrets) else w for w in words)


def in_clear(bundle: Path, secrets: tuple[str, ...]) -> list[str]:
    """The secrets readable in any file of `bundle` without its age identity."""
    clear = b"".join(p.read_bytes() for p in bundle.rglob("*") if p.is_file())
    return [s for s in secrets if s.encode() in clear]


def assert_exported_twice_alike_without_a_secret(
    switch: EmulatedDevice,
    bundles: dict[str, Path],
    files: Sequence[str],
    header: str,
    redactions: int,
) -> None:
    """Both exports hold the same bytes, each file starting with `header`, no planted secret, and
    `redactions` values hidden in each file."""
    first, second = bundles["one"], bundles["two"]

    assert sorted(p.name for p in first.iterdir()) == sorted([*files, "network.json"])
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
        text = (first / name).read_text()
        assert [s for s in switch.planted_secrets if s in text] == []
        assert text.startswith(header)
    record = json.loads((first / "network.json").read_text())
    assert record["hostname"] == switch.name and record["method"] == "interactive"
    assert all(record["redactions"][name] == redactions for name in files)


def assert_secret_free_lines_exported(
    farm: DeviceFarm, switch: EmulatedDevice, exported: list[str], secret_lines: int, more: int
) -> list[str]:
    """Every one of the switch's lines but its `secret_lines` holding a secret (more than `more`
    of them) is in `exported`; the switch's lines."""
    device = farm.config_of(switch.name).splitlines()
    secret_free = [line for line in device if not any(s in line for s in switch.planted_secrets)]
    assert len(secret_free) == len(device) - secret_lines > more
    assert [line for line in secret_free if line not in exported] == []
    return device


def assert_sealed_switch_copy(
    bundles: dict[str, Path], files: Sequence[str], secrets: tuple[str, ...]
) -> None:
    """No secret readable in the sealed folder without its identity; every one inside."""
    sealed = bundles["sealed"]
    clear = "".join(
        p.read_bytes().decode(errors="replace") for p in sealed.rglob("*") if p.is_file()
    )

    assert [s for s in secrets if s in clear] == []
    assert_sealed_files(sealed, bundles["one"], bundles["identity"], files, secrets)


def assert_sealed_files(
    sealed: Path, plain: Path, identity: Path, files: Sequence[str], secrets: tuple[str, ...]
) -> None:
    """Each sealed unredacted file holds every secret; each sealed redacted view is the plain
    export's file."""
    for name in files:
        full = decrypt(sealed / "unredacted" / f"{name}.age", identity)
        assert [s for s in secrets if s not in full] == [], name
        assert decrypt(sealed / f"{name}.age", identity) == (plain / name).read_text()


def restored_and_exported(
    farm: DeviceFarm, platform: str, config: str, root: Path
) -> tuple[EmulatedDevice, Restored, Path]:
    """`config` applied to a freshly installed device of `platform`, which is then exported: the
    device, what applying did, and the device's folder in the new bundle."""
    blank = farm.add_blank_device(platform)
    restored = apply_config(blank.netmiko_kwargs(), config)
    run = export(device_estate(root / "estate", [blank]), root / "after")

    assert run.code == 0, run
    return blank, restored, device_folder(root / "after", blank.name)


def assert_restores_all_but_secrets(platform: str, exported: str, after: str) -> None:
    """`after` holds every restorable line of `exported`, and none left out."""
    table = platforms()[platform]
    assert restorable_lines(table, after) == (restorable_lines(table, exported)[0], 0)


def assert_ansible_network_os(switch: EmulatedDevice, root: Path, network_os: str) -> None:
    """The Ansible inventory made from an estate of the switch gives it `network_os`."""
    estate = device_estate(root / "estate", [switch])

    run = run_exitkit("inventory", "ansible", estate, "-o", root / "hosts.yml")

    assert run.code == 0, run
    hosts = yaml.safe_load((root / "hosts.yml").read_text())["all"]["hosts"]
    assert hosts[switch.name]["ansible_network_os"] == network_os
