"""Where one asset's exporter writes its artifacts: every write atomic, hashed and recorded."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath
from typing import Any

from exitkit.bundle import atomic
from exitkit.bundle.hashing import sha256_file
from exitkit.bundle.manifest import FileEntry
from exitkit.errors import BundleError


def asset_folder(kind: str, asset_id: str) -> str:
    return f"assets/{kind}/{asset_id}"


class AssetOutput:
    """The artifact folder of one asset (`assets/<kind>/<id>/`) inside a bundle being written."""

    def __init__(self, bundle_root: Path, kind: str, asset_id: str) -> None:
        self.kind = kind
        self.asset_id = asset_id
        self.relative = asset_folder(kind, asset_id)
        self.folder = bundle_root / self.relative
        self._entries: dict[str, FileEntry] = {}
        self._lock = threading.Lock()

    @property
    def entries(self) -> list[FileEntry]:
        return sorted(self._entries.values(), key=lambda entry: entry.path)

    def _target(self, name: str) -> tuple[str, Path]:
        pure = PurePosixPath(name)
        if pure.is_absolute() or ".." in pure.parts or not pure.parts:
            raise BundleError(f"artifact name {name!r} would leave the asset folder")
        return f"{self.relative}/{pure}", self.folder / pure

    def _record(self, relative: str, digest: str, size: int, schema: str | None) -> FileEntry:
        entry = FileEntry(relative, digest, size, self.asset_id, self.kind, schema)
        with self._lock:
            self._entries[relative] = entry
        return entry

    def write_chunks(
        self, name: str, chunks: Iterable[bytes], schema: str | None = None
    ) -> FileEntry:
        relative, path = self._target(name)
        digest, size = atomic.write_chunks(path, chunks)
        return self._record(relative, digest, size, schema)

    def write_bytes(self, name: str, data: bytes, schema: str | None = None) -> FileEntry:
        return self.write_chunks(name, [data], schema)

    def write_text(self, name: str, text: str) -> FileEntry:
        return self.write_bytes(name, text.encode("utf-8"))

    def write_json(self, name: str, record: dict[str, Any], schema: str) -> FileEntry:
        """A JSON record; it carries its schema id, and the manifest records it too."""
        return self.write_bytes(name, atomic.dump_json({"schema": schema, **record}), schema)

    def copy_from(self, name: str, source: Path) -> FileEntry:
        return self.write_chunks(name, atomic.read_chunks(source))

    def produce(self, name: str, produce: Callable[[Path], None]) -> FileEntry:
        """Let a tool write the artifact to a temp path; it is published and hashed after."""
        relative, path = self._target(name)
        atomic.produce_file(path, produce)
        return self._record(relative, sha256_file(path), path.stat().st_size, None)
