"""age encryption of bundle artifacts (pyrage): recipients, identities, streaming seal and open.

Files are in age's binary format, so the stock `age -d -i KEY FILE.age` reads every one.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import pyrage
from pyrage import ssh, x25519

from exitkit.errors import ExitkitError
from exitkit.inventory.loader import Inventory

AGE_HEADER = b"age-encryption.org/v1\n"
SUFFIX = ".age"
Recipient = Any  # pyrage.x25519.Recipient | pyrage.ssh.Recipient (no stubs)
Identity = Any  # pyrage.x25519.Identity | pyrage.ssh.Identity


class EncryptionError(ExitkitError):
    """A recipient or identity cannot be used, or a secret artifact has nowhere safe to go."""


def _short(text: str) -> str:
    return text if len(text) <= 24 else text[:20] + "…"


def parse_recipient(text: str, where: str = "--encrypt-to") -> Recipient:
    """An age X25519 recipient (`age1…`) or an SSH public key (`ssh-ed25519 …`, `ssh-rsa …`)."""
    value = text.strip()
    try:
        if value.startswith("age1"):
            return x25519.Recipient.from_str(value)
        if value.startswith(("ssh-ed25519 ", "ssh-rsa ")):
            return ssh.Recipient.from_str(value)
    except pyrage.RecipientError as error:
        raise EncryptionError(
            f"{where}: {_short(value)!r} is not a valid recipient ({error})"
        ) from None
    raise EncryptionError(
        f"{where}: {_short(value)!r} is not an age recipient "
        "(expected age1… from `age-keygen -y`, or an ssh-ed25519 / ssh-rsa public key)"
    )


@dataclass(frozen=True)
class Sealing:
    """Who can read a bundle's encrypted files, and whether every artifact is encrypted.

    `recipients` may come from `--encrypt-to` and from the estate; `encrypt_all` is set by
    `--encrypt-to` only. Secret artifacts are sealed whenever there is a recipient.
    """

    recipients: tuple[str, ...] = ()
    encrypt_all: bool = False

    @classmethod
    def resolve(cls, cli: Sequence[str], estate: Sequence[str] = ()) -> Sealing:
        for value in cli:
            parse_recipient(value)
        for index, value in enumerate(estate):
            parse_recipient(value, f"estate encryption.recipients[{index}]")
        merged = tuple(dict.fromkeys(value.strip() for value in (*cli, *estate)))
        return cls(merged, encrypt_all=bool(cli))

    @property
    def can_seal(self) -> bool:
        return bool(self.recipients)

    @property
    def artifacts(self) -> str | None:
        """What the manifest says is encrypted: every artifact, only secrets, or nothing."""
        if not self.recipients:
            return None
        return "all" if self.encrypt_all else "secrets"

    def parsed(self) -> list[Recipient]:
        return [parse_recipient(value) for value in self.recipients]


def estate_recipients(inventory: Inventory) -> tuple[str, ...]:
    """`encryption.recipients` of an estate: who can read its secret artifacts."""
    section = inventory.estate.encryption
    return tuple(section.recipients) if section else ()


class _ChunkReader(io.RawIOBase):
    """A readable file over an iterator of chunks, hashing and counting what it hands out."""

    def __init__(self, chunks: Iterable[bytes]) -> None:
        self._chunks: Iterator[bytes] = iter(chunks)
        self._pending = b""
        self.digest = hashlib.sha256()
        self.size = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending:
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._pending = bytes(chunk)
        count = min(len(buffer), len(self._pending))
        buffer[:count] = self._pending[:count]
        self.digest.update(self._pending[:count])
        self._pending = self._pending[count:]
        self.size += count
        return count


class HashingWriter(io.RawIOBase):
    """A writable sink that hashes what it gets, passes it on, and may keep a bounded copy."""

    def __init__(self, sink: Callable[[bytes], Any] | None = None, keep: int = 0) -> None:
        self._sink = sink
        self._keep = keep
        self.kept = bytearray()
        self.overflow = False
        self.digest = hashlib.sha256()
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        self.digest.update(chunk)
        self.size += len(chunk)
        if self._sink is not None:
            self._sink(chunk)
        if len(self.kept) + len(chunk) <= self._keep:
            self.kept += chunk
        elif self._keep:
            self.overflow = True
        return len(chunk)


@dataclass(frozen=True)
class Sealed:
    """What was encrypted: sha256 and size of the plaintext and of the age file."""

    plaintext_sha256: str
    plaintext_size: int
    sha256: str
    size: int


def seal(chunks: Iterable[bytes], recipients: Sequence[Recipient], handle: BinaryIO) -> Sealed:
    """Encrypt `chunks` to `recipients` into `handle`, streaming (pyrage reads 8 KiB at a time)."""
    reader = _ChunkReader(chunks)
    writer = HashingWriter(handle.write)
    pyrage.encrypt_io(reader, writer, list(recipients))
    return Sealed(reader.digest.hexdigest(), reader.size, writer.digest.hexdigest(), writer.size)


def seal_text(text: str, recipients: Sequence[Recipient]) -> str:
    """A short value encrypted to `recipients`, ASCII-armored for a JSON field."""
    return bytes(pyrage.encrypt(text.encode(), list(recipients), armored=True)).decode()


def open_text(armored: str, identities: Sequence[Identity]) -> str | None:
    """The value of `seal_text`, or None when no identity opens it."""
    try:
        return bytes(pyrage.decrypt(armored.encode(), list(identities))).decode()
    except (pyrage.DecryptError, UnicodeDecodeError):
        return None


def unseal(reader: Any, identities: Sequence[Identity], writer: HashingWriter) -> str | None:
    """Decrypt `reader` into `writer`; None on success, else why it could not be decrypted."""
    try:
        pyrage.decrypt_io(reader, writer, list(identities))
    except pyrage.DecryptError as error:
        return str(error)
    return None


def load_identities(paths: Iterable[Path]) -> list[Identity]:
    """Identity files as `age-keygen` writes them (comments allowed), or SSH private keys."""
    found: list[Identity] = []
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError as error:
            raise EncryptionError(f"{path}: cannot read the identity: {error.strerror}") from None
        if b"PRIVATE KEY-----" in data:
            try:
                found.append(ssh.Identity.from_buffer(data))
            except pyrage.IdentityError:
                raise EncryptionError(f"{path}: not a usable SSH private key") from None
            continue
        keys = [line.strip() for line in data.decode(errors="replace").splitlines()]
        keys = [line for line in keys if line.startswith("AGE-SECRET-KEY-")]
        if not keys:
            raise EncryptionError(f"{path}: no AGE-SECRET-KEY-… line (make one with age-keygen)")
        for number, line in enumerate(keys, 1):
            try:
                found.append(x25519.Identity.from_str(line))
            except pyrage.IdentityError:
                raise EncryptionError(f"{path}: identity {number} is not a valid age key") from None
    return found


def public_recipients(identities: Iterable[Identity]) -> set[str] | None:
    """The recipients of X25519 identities; None when an SSH identity makes that unknowable."""
    names = set()
    for identity in identities:
        if not isinstance(identity, x25519.Identity):
            return None
        names.add(str(identity.to_public()))
    return names
