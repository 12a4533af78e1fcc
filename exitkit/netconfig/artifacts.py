"""From raw answers to the files of a device's export: normalised, redacted, hashed, recorded."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from exitkit.netconfig.normalise import normalise
from exitkit.netconfig.platform import Platform, hostname_in
from exitkit.netconfig.redact import redact
from exitkit.netconfig.session import Reading

SCHEMA = "network-config.v1"
RECORD = "network.json"
SEALED_FOLDER = "unredacted"  # sealed (age) copies with their secrets: unredacted/running.cfg


@dataclass(frozen=True, repr=False)
class ConfigArtifact:
    """One configuration file: `text` is what goes in clear, `full` keeps its secrets."""

    name: str
    command: str
    text: str
    full: str
    redactions: int

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def prepare(platform: Platform, reading: Reading) -> list[ConfigArtifact]:
    """Each file read from the device, normalised (no volatile line) and redacted."""
    artifacts = []
    for file in platform.files:
        if file.name not in reading.outputs:
            continue
        full = normalise(platform.device_type, reading.outputs[file.name]).text
        redacted = redact(platform.device_type, full)
        artifacts.append(
            ConfigArtifact(file.name, file.command, redacted.text, full, redacted.count)
        )
    return artifacts


def network_record(
    *,
    asset_id: str,
    platform: Platform,
    host: str,
    port: int,
    artifacts: list[ConfigArtifact],
    reading: Reading,
    collected_at: str,
    sealed: dict[str, str],
) -> dict[str, Any]:
    """The network-config.v1 record of one device (its schema id is added on writing)."""
    restore = next(a for a in artifacts if a.name == platform.restore_file)
    return {
        "asset": asset_id,
        "platform": platform.device_type,
        "host": host,
        "port": port,
        "hostname": hostname_in(platform, restore.text),
        "collected_at": collected_at,
        "method": reading.method,
        "fallback": reading.fallback,
        "ssh": reading.link.to_record(),
        "attempts": reading.attempts,
        "commands": [
            {"command": f.command_for(bool(sealed)), "file": f.name} for f in platform.files
        ],
        "files": {a.name: a.sha256 for a in artifacts},
        "redactions": {a.name: a.redactions for a in artifacts},
        "not_read": dict(sorted(reading.gaps.items())),
        "restore_file": platform.restore_file,
        "sealed": sealed,
    }
