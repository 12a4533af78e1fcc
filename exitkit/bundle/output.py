"""Where one asset's exporter writes its artifacts: every write atomic, hashed and recorded.

With `--encrypt-to` every artifact is written age-encrypted as `<name>.age`; a secret artifact
(`write_sealed`) is always encrypted and is refused outright when the bundle has no recipient.
"""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath
from typing import Any

from exitkit.bundle import atomic, encryption
from exitkit.bundle.encryption import EncryptionError, Sealing
from exitkit.bundle.hashing import sha256_file
from exitkit.bundle.manifest import FileEntry
from exitkit.bundle.space import disk_full, is_full
from exitkit.errors import BundleError


def asset_folder(kind: str, asset_id: str) -> str:
    return f"assets/{kind}/{asset_id}"


class AssetOutput:
    """The artifact folder of one asset (`assets/<kind>/<id>/`) inside a bundle being written."""

    def __init__(
        self, bundle_root: Path, kind: str, asset_id: str, sealing: Sealing | None = None
    ) -> None:
        self.kind = kind
        self.asset_id = asset_id
        self.relative = asset_folder(kind, asset_id)
        self.folder = bundle_root / self.relative
        self.sealing = sealing or Sealing()
        self._entries: dict[str, FileEntry] = {}
        self._folders: set[Path] = set()
        self._lock = threading.Lock()

    def sync(self) -> None:
        """Make the renames of every written file durable: one fsync per folder, not per file."""
        with self._lock:
            folders = sorted(self._folders, key=lambda folder: len(folder.parts), reverse=True)
        for folder in [*folders, self.folder.parent]:
            if folder.is_dir():
                atomic.fsync_dir(folder)

    @property
    def entries(self) -> list[FileEntry]:
        return sorted(self._entries.values(), key=lambda entry: entry.path)

    @property
    def can_seal(self) -> bool:
        """True when `write_sealed` can work: the bundle has at least one age recipient."""
        return self.sealing.can_seal

    def _target(self, name: str) -> tuple[str, Path]:
        pure = PurePosixPath(name)
        if pure.is_absolute() or ".." in pure.parts or not pure.parts:
            raise BundleError(f"artifact name {name!r} would leave the asset folder")
        path = self.folder / pure
        with self._lock:
            self._folders.add(path.parent)
        return f"{self.relative}/{pure}", path

    def _record(
        self,
        relative: str,
        digest: str,
        size: int,
        schema: str | None,
        encrypted: dict[str, Any] | None = None,
    ) -> FileEntry:
        entry = FileEntry(relative, digest, size, self.asset_id, self.kind, schema, encrypted)
        with self._lock:
            self._entries[relative] = entry
        return entry

    def _encrypt(
        self, name: str, chunks: Iterable[bytes], schema: str | None, secret: bool
    ) -> FileEntry:
        """Stream `chunks` through age into `<name>.age`; no plaintext byte reaches the disk."""
        relative, path = self._target(name + encryption.SUFFIX)
        recipients = self.sealing.parsed()
        with atomic.atomic_file(path, sync_folder=False) as handle:
            sealed = encryption.seal(chunks, recipients, handle)
        record: dict[str, Any] = {
            "scheme": "age",
            "recipients": list(self.sealing.recipients),
            "plaintext_size": sealed.plaintext_size,
        }
        if secret:  # a clear hash of a secret would let anyone test guesses of it offline
            record["sealed"] = True
            record["plaintext_sha256_age"] = encryption.seal_text(
                sealed.plaintext_sha256, recipients
            )
        else:
            record["plaintext_sha256"] = sealed.plaintext_sha256
        return self._record(relative, sealed.sha256, sealed.size, schema, record)

    def write_chunks(
        self, name: str, chunks: Iterable[bytes], schema: str | None = None
    ) -> FileEntry:
        if self.sealing.encrypt_all:
            return self._encrypt(name, chunks, schema, secret=False)
        relative, path = self._target(name)
        digest, size = atomic.write_chunks(path, chunks, sync_folder=False)
        return self._record(relative, digest, size, schema)

    def write_sealed(
        self, name: str, data: bytes | str | Iterable[bytes], schema: str | None = None
    ) -> FileEntry:
        """A secret artifact (e.g. an unredacted configuration): always age-encrypted.

        Written as `<name>.age` to every recipient of the bundle. Raises EncryptionError, and
        writes nothing, when the bundle has no recipient: a secret never lands in clear.
        """
        if not self.can_seal:
            raise EncryptionError(
                f"refusing to write the secret artifact {self.relative}/{name} in clear: "
                "the bundle has no age recipient (give --encrypt-to, or encryption.recipients "
                "in the estate)"
            )
        if isinstance(data, str):
            data = data.encode("utf-8")
        chunks: Iterable[bytes] = [data] if isinstance(data, bytes) else data
        return self._encrypt(name, chunks, schema, secret=True)

    def write_bytes(self, name: str, data: bytes, schema: str | None = None) -> FileEntry:
        return self.write_chunks(name, [data], schema)

    def write_text(self, name: str, text: str) -> FileEntry:
        return self.write_bytes(name, text.encode("utf-8"))

    def write_json(self, name: str, record: dict[str, Any], schema: str) -> FileEntry:
        """A JSON record; it carries its schema id, and the manifest records it too."""
        return self.write_bytes(name, atomic.dump_json({"schema": schema, **record}), schema)

    def copy_from(self, name: str, source: Path) -> FileEntry:
        try:
            return self.write_chunks(name, atomic.read_chunks(source))
        except OSError as error:
            if is_full(error):
                raise disk_full(self.folder / name, source.stat().st_size) from None
            raise

    def produce(self, name: str, produce: Callable[[Path], None]) -> FileEntry:
        """Let a tool write the artifact to a temp path; it is published and hashed after.

        When artifacts are encrypted the tool writes outside the bundle, so the bundle folder
        never holds the plaintext, even after a crash.
        """
        if self.sealing.encrypt_all:
            with tempfile.TemporaryDirectory(prefix="exitkit-") as scratch:
                plain = Path(scratch) / PurePosixPath(name).name
                produce(plain)
                return self.write_chunks(name, atomic.read_chunks(plain))
        relative, path = self._target(name)
        atomic.produce_file(path, produce, sync_folder=False)
        return self._record(relative, sha256_file(path), path.stat().st_size, None)
