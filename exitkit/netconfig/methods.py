"""What exitkit learnt about how each device of an estate reads: a device where exec was not
how it reads is not tried on exec again by the next export of the same estate.

Kept in `.exitkit/read-methods.json` beside the estate file; a device whose platform, host or
port changes is a new device here. An estate folder that cannot be written only loses the
memory, never the export."""

from __future__ import annotations

import json
import threading
from pathlib import Path

from exitkit.bundle.atomic import dump_json, write_bytes

FOLDER = ".exitkit"
FILE = "read-methods.json"
_MAX_BYTES = 8 * 1024 * 1024


def device_key(asset_id: str, platform: str, host: str, port: int) -> str:
    return f"{asset_id} {platform} {host}:{port}"


class ReadMethods:
    """Devices known not to read over exec, and why; shared by the workers of one export."""

    def __init__(self, estate_dir: Path) -> None:
        self.path = estate_dir / FOLDER / FILE
        self._lock = threading.Lock()
        self._interactive: dict[str, str] = self._load()

    def _load(self) -> dict[str, str]:
        try:
            if self.path.stat().st_size > _MAX_BYTES:
                return {}
            data = json.loads(self.path.read_bytes())
        except (OSError, ValueError):
            return {}
        devices = data.get("interactive") if isinstance(data, dict) else None
        if not isinstance(devices, dict):
            return {}
        return {str(k): str(v) for k, v in devices.items()}

    def exec_refused(self, key: str) -> str | None:
        """Why exec is not tried on this device, when an earlier export found it does not work."""
        with self._lock:
            return self._interactive.get(key)

    def remember(self, key: str, reason: str) -> None:
        """Record (atomically, at once) that exec is not how this device reads."""
        with self._lock:
            if self._interactive.get(key) == reason:
                return
            self._interactive[key] = reason
            record = {"interactive": dict(sorted(self._interactive.items()))}
            try:
                self.path.parent.mkdir(exist_ok=True)
                write_bytes(self.path, dump_json(record))
            except OSError:
                return  # a read-only estate folder loses the memory, never the export
