"""One read of each bundle file: its hash, and, where it can be read, its plaintext and schema.

Encrypted files are hashed as stored (no key needed); with identities they are decrypted on
the way, the plaintext hashed and, for JSON records, checked against their schema.
"""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from exitkit.bundle import encryption, schemas
from exitkit.bundle.encryption import AGE_HEADER, HashingWriter, Identity
from exitkit.bundle.manifest import FileEntry
from exitkit.bundle.report import Problem
from exitkit.errors import BundleError

CHUNK = 1024 * 1024
JSON_LIMIT = 64 * 1024 * 1024  # a JSON record above this is not schema-checked


@dataclass
class FileCheck:
    """What one read of a file found; `problems` hold only when its stored hash matched."""

    sha256: str
    problems: list[Problem] = field(default_factory=list)
    plaintext_checked: bool = False


class _HashingReader(io.RawIOBase):
    """Reads the stored bytes for the decryptor while hashing them, after a peeked prefix."""

    def __init__(self, stream: BinaryIO, prefix: bytes) -> None:
        self._stream = stream
        self._pending = prefix
        self.digest = hashlib.sha256(prefix)

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
        buffer[: len(data)] = data
        return len(data)

    def drain(self) -> str:
        self._pending = b""
        while data := self._stream.read(CHUNK):
            self.digest.update(data)
        return self.digest.hexdigest()


def _schema_problems(path: str, data: bytes, schema: str) -> list[Problem]:
    """A JSON file is one record; a JSON Lines file (`.jsonl`) is one record per line."""
    lines = path.removesuffix(".age").endswith(".jsonl")
    documents = [(n, line) for n, line in enumerate(data.splitlines(), 1) if line.strip()]
    for number, text in documents if lines else [(0, data)]:
        where = f"line {number}: " if lines else ""
        try:
            record = json.loads(text)
        except ValueError as error:
            return [Problem(path, "schema", f"{where}not JSON: {error}")]
        try:
            found = schemas.problems(record, schema)
        except BundleError as error:
            found = [str(error)]
        if found:
            return [Problem(path, "schema", where + "; ".join(found))]
    return []


class Inspector:
    """Called once per file by a BundleSource scan."""

    def __init__(
        self,
        entries: dict[str, FileEntry],
        identities: list[Identity],
        sealed_digests: dict[str, str | None],
    ) -> None:
        self.entries = entries
        self.identities = identities
        self.sealed_digests = sealed_digests  # path -> plaintext sha256 opened with a key

    def __call__(self, path: str, stream: BinaryIO) -> FileCheck:
        entry = self.entries.get(path)
        if entry is not None and entry.encryption is not None:
            return self._encrypted(path, entry, stream)
        keep = JSON_LIMIT if entry is not None and entry.schema else 0
        sink = HashingWriter(keep=keep)
        while data := stream.read(CHUNK):
            sink.write(data)
        check = FileCheck(sink.digest.hexdigest())
        intact = entry is not None and check.sha256 == entry.sha256
        if intact and entry is not None and entry.schema and not sink.overflow:
            check.problems += _schema_problems(path, bytes(sink.kept), entry.schema)
        return check

    def _encrypted(self, path: str, entry: FileEntry, stream: BinaryIO) -> FileCheck:
        head = stream.read(len(AGE_HEADER))
        reader = _HashingReader(stream, head)
        if not self.identities or head != AGE_HEADER:
            check = FileCheck(reader.drain())
            if head != AGE_HEADER and check.sha256 == entry.sha256:
                check.problems.append(Problem(path, "not encrypted", "no age header"))
            return check
        plain = HashingWriter(keep=JSON_LIMIT if entry.schema else 0)
        failure = encryption.unseal(reader, self.identities, plain)
        check = FileCheck(reader.drain(), plaintext_checked=True)
        if check.sha256 != entry.sha256:
            return check  # reported as altered; what it decrypts to says nothing more
        if failure is not None:
            check.problems.append(Problem(path, "undecryptable", failure))
            return check
        check.problems += self._plaintext_problems(path, entry, plain)
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
        if entry.schema and not plain.overflow:
            return _schema_problems(path, bytes(plain.kept), entry.schema)
        return []
