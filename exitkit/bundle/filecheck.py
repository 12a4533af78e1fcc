"""One read of each bundle file: its hash and size, and, where it can be read, its plaintext and
schema.

A file is read at most one byte past the size the manifest gives it, so a file that grew (a
sparse file, a gzip bomb) costs no more than the one it claims to be. Encrypted files are
hashed as stored (no key needed); with identities they are decrypted on the way, the plaintext
hashed and, for JSON records, checked against their schema.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from exitkit.bundle import encryption
from exitkit.bundle.encryption import AGE_HEADER, HashingWriter, Identity
from exitkit.bundle.manifest import FileEntry
from exitkit.bundle.records import record_check
from exitkit.bundle.report import Problem

CHUNK = 1024 * 1024


@dataclass
class FileCheck:
    """What one read of a file found; `problems` hold only when it matched its entry."""

    sha256: str
    size: int  # bytes read: one more than the limit when the file is larger
    problems: list[Problem] = field(default_factory=list)
    plaintext_checked: bool = False

    def matches(self, entry: FileEntry) -> bool:
        return self.sha256 == entry.sha256 and self.size == entry.size


class Capped(io.RawIOBase):
    """At most `limit` bytes of a stream."""

    def __init__(self, stream: BinaryIO, limit: int) -> None:
        self._stream = stream
        self.left = limit

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        wanted = self.left if size is None or size < 0 else min(size, self.left)
        data = self._stream.read(wanted) if wanted else b""
        self.left -= len(data)
        return data

    def readinto(self, buffer: Any) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


class _HashingReader(io.RawIOBase):
    """Reads the stored bytes for the decryptor while hashing them, after a peeked prefix."""

    def __init__(self, stream: Capped, prefix: bytes) -> None:
        self._stream = stream
        self._pending = prefix
        self.digest = hashlib.sha256(prefix)
        self.size = len(prefix)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._pending:
            count = min(len(buffer), len(self._pending))
            buffer[:count] = self._pending[:count]
            self._pending = self._pending[count:]
            return count
        data = self._stream.read(len(buffer))
        self.digest.update(data)
        self.size += len(data)
        buffer[: len(data)] = data
        return len(data)

    def drain(self) -> FileCheck:
        self._pending = b""
        while data := self._stream.read(CHUNK):
            self.digest.update(data)
            self.size += len(data)
        return FileCheck(self.digest.hexdigest(), self.size)


class Inspector:
    """Called once per file by a BundleSource scan."""

    def __init__(
        self,
        entries: dict[str, FileEntry],
        identities: list[Identity],
        sealed_digests: dict[str, str | None],
        unlisted_limit: int = 0,
    ) -> None:
        self.entries = entries
        self.identities = identities
        self.sealed_digests = sealed_digests  # path -> plaintext sha256 opened with a key
        self.unlisted_limit = unlisted_limit  # a file not listed is read only this far

    def __call__(self, path: str, stream: BinaryIO) -> FileCheck:
        entry = self.entries.get(path)
        limit = entry.size if entry is not None else self.unlisted_limit
        capped = Capped(stream, limit + 1)
        if entry is not None and entry.encryption is not None:
            return self._encrypted(path, entry, capped)
        record = record_check(path, entry.schema) if entry is not None else None
        sink = HashingWriter(record.write if record else None)
        while data := capped.read(CHUNK):
            sink.write(data)
        check = FileCheck(sink.digest.hexdigest(), sink.size)
        if record is not None and entry is not None and check.matches(entry):
            check.problems += record.finish()
        return check

    def _encrypted(self, path: str, entry: FileEntry, stream: Capped) -> FileCheck:
        head = stream.read(len(AGE_HEADER))
        reader = _HashingReader(stream, head)
        if not self.identities or head != AGE_HEADER:
            check = reader.drain()
            if head != AGE_HEADER and check.matches(entry):
                check.problems.append(Problem(path, "not encrypted", "no age header"))
            return check
        record = record_check(path, entry.schema)
        plain = HashingWriter(record.write if record else None)
        failure = encryption.unseal(reader, self.identities, plain)
        check = reader.drain()
        check.plaintext_checked = True
        if not check.matches(entry):
            return check  # reported as altered; what it decrypts to says nothing more
        if failure is not None:
            check.problems.append(Problem(path, "undecryptable", failure))
            return check
        check.problems += self._plaintext_problems(path, entry, plain)
        if record is not None and not check.problems:
            check.problems += record.finish()
        return check

    def _plaintext_problems(
        self, path: str, entry: FileEntry, plain: HashingWriter
    ) -> list[Problem]:
        assert entry.encryption is not None
        expected = entry.encryption.get("plaintext_sha256") or self.sealed_digests.get(path)
        if expected is None:
            return [Problem(path, "undecryptable", "its sealed plaintext hash did not open")]
        if plain.digest.hexdigest() != expected or plain.size != entry.content_size:
            return [Problem(path, "altered", "decrypted content differs from the manifest")]
        return []
