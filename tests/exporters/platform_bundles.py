"""Shared by the per-platform export tests: the same emulated devices exported twice and once
sealed, and what a test needs to read the sealed files."""

from __future__ import annotations

import re
from pathlib import Path

import pyrage
from pyrage import x25519

from exitkit.sandbox.devices import DeviceFarm
from tests.exporters.network_estate import device_estate, export


def three_exports(farm: DeviceFarm, root: Path) -> dict[str, Path]:
    """Bundles `one` and `two` (plain) and `sealed` (with an age recipient) of every device of
    `farm`, and the `identity` file that opens the sealed one."""
    estate = device_estate(root / "estate", farm.devices)
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
