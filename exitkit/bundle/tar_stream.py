"""A strict, forward-only reader of the .tar.gz archives `exitkit pack` and `tar czf` write.

It never seeks and never extracts: each member comes with a stream of exactly its size, and a
member that is not a regular file (a link, a device, a FIFO, a sparse file) is reported by its
kind and never followed. The decompressed stream is counted, so a gzip bomb stops at a ceiling,
and header data (pax records, GNU long names) is bounded before it is read.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from exitkit.bundle.limits import ARCHIVE_HEADER_BYTES, BUNDLE_MEMBERS, archive_ceiling
from exitkit.bundle.verify_text import size_text
from exitkit.errors import ExitkitError

BLOCK = 512
CHUNK = 1024 * 1024
_ZERO = bytes(BLOCK)
_DATA_TYPES = {b"0": "file", b"\0": "file", b"7": "contiguous file", b"S": "sparse file"}
_NO_DATA_TYPES = {
    b"1": "hard link",
    b"2": "symbolic link",
    b"3": "character device",
    b"4": "block device",
    b"5": "directory",
    b"6": "FIFO",
}
_EXTENSIONS = {b"x", b"g", b"L", b"K"}  # pax (per member, global), GNU long name, long link


class ArchiveError(ExitkitError):
    """The archive itself cannot be read safely; `member` is the one being read, if any."""

    exit_code = 1

    def __init__(self, detail: str, member: str = "", not_tar: bool = False) -> None:
        super().__init__(detail)
        self.detail = detail
        self.member = member
        self.not_tar = not_tar  # damaged before its first member: not a .tar.gz at all


@dataclass(frozen=True)
class TarMember:
    name: str  # as stored, decoded as UTF-8 (undecodable bytes kept as surrogates)
    size: int
    kind: str  # "file", or what it is instead: "symbolic link", "directory", "FIFO"...

    @property
    def is_file(self) -> bool:
        return self.kind == "file"


class Inflated:
    """The decompressed bytes of a .tar.gz, counted against the ceiling its size allows."""

    def __init__(self, path: Path) -> None:
        self._file = path.open("rb")
        self._gzip = gzip.GzipFile(fileobj=self._file, mode="rb")
        self.compressed = path.stat().st_size
        self.ceiling = archive_ceiling(self.compressed)
        self.total = 0
        self.member = ""  # the member being read, to name it when something goes wrong

    def read(self, size: int) -> bytes:
        try:
            data = self._gzip.read(size)
        except (OSError, EOFError, zlib.error) as error:
            detail = f"the gzip stream is damaged ({error})"
            raise ArchiveError(detail, self.member, not_tar=not self.total) from None
        self.total += len(data)
        if self.total > self.ceiling:
            raise ArchiveError(
                f"the archive expands to more than {size_text(self.ceiling)} from "
                f"{size_text(self.compressed)} (a gzip bomb?); verify stops reading it",
                self.member,
            )
        return data

    def close(self) -> None:
        self._gzip.close()
        self._file.close()


class MemberData:
    """The bytes of one member: reads stop at its size."""

    def __init__(self, stream: Inflated, size: int) -> None:
        self._stream = stream
        self.left = size

    def read(self, size: int = -1) -> bytes:
        wanted = self.left if size < 0 else min(size, self.left)
        data = _exactly(self._stream, wanted) if wanted else b""
        self.left -= len(data)
        return data

    def __enter__(self) -> MemberData:
        return self

    def __exit__(self, *exc: object) -> None:
        return None


def _exactly(stream: Inflated, size: int) -> bytes:
    data = stream.read(size)
    while len(data) < size:
        more = stream.read(size - len(data))
        if not more:
            raise ArchiveError("the archive ends in the middle of a member", stream.member)
        data += more
    return data


def _skip(stream: Inflated, size: int) -> None:
    while size > 0:
        size -= len(_exactly(stream, min(size, CHUNK)))


def _padded(size: int) -> int:
    return -(-size // BLOCK) * BLOCK


def _octal(field: bytes, what: str) -> int:
    if field[:1] and field[0] & 0x80:  # GNU base-256 for large values
        if field[0] == 0xFF:
            raise ArchiveError(f"a tar header holds a negative {what}")
        return int.from_bytes(bytes([field[0] & 0x7F]) + field[1:], "big")
    text = field.split(b"\0", 1)[0].strip(b" ")
    if text.strip(b"01234567"):
        raise ArchiveError(f"a tar header holds a {what} that is not a number")
    return int(text, 8) if text else 0


def _checksum_ok(block: bytes) -> bool:
    stored = _octal(block[148:156], "checksum")
    unsigned = sum(block[:148]) + 8 * 0x20 + sum(block[156:])
    signed = unsigned - 2 * sum(byte for byte in block[:148] + block[156:] if byte > 127)
    return stored in (unsigned, signed)


def _name(block: bytes) -> bytes:
    name = block[:100].split(b"\0", 1)[0]
    if block[257:263] == b"ustar\0":  # POSIX: a prefix completes long names
        prefix = block[345:500].split(b"\0", 1)[0]
        return prefix + b"/" + name if prefix else name
    return name


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", "surrogateescape")


def _pax(data: bytes) -> dict[str, str]:
    """The records of a pax header: `LENGTH KEY=VALUE\\n`, each checked against its length."""
    found, position, end_of_records = {}, 0, len(data.rstrip(b"\0"))
    while position < end_of_records:
        space = data.find(b" ", position, position + 12)
        length_text = data[position:space] if space > position else b""
        if not length_text.isdigit():
            raise ArchiveError("a pax header is damaged")
        end = position + int(length_text)
        if end <= space + 1 or end > len(data) or data[end - 1 : end] != b"\n":
            raise ArchiveError("a pax header is damaged")
        key, equals, value = data[space + 1 : end - 1].partition(b"=")
        if not equals:
            raise ArchiveError("a pax header is damaged")
        found[_text(key)] = _text(value)
        position = end
    return found


def _size(pax: dict[str, str], header_size: int) -> int:
    if "size" not in pax:
        return header_size
    text = pax["size"]
    if not text.isdigit() or len(text) > 20:
        raise ArchiveError("a pax header holds a size that is not a number")
    return int(text)


def members(stream: Inflated) -> Iterator[tuple[TarMember, MemberData]]:
    """Each member with its data, in archive order; data left unread is skipped."""
    extended: dict[str, str] = {}
    for count in range(BUNDLE_MEMBERS * 2 + 1):
        block = stream.read(BLOCK)
        if len(block) < BLOCK or block == _ZERO:
            if block.strip(b"\0"):
                detail = "the archive ends in the middle of a header"
                raise ArchiveError(detail, not_tar=count == 0)
            return
        if not _checksum_ok(block):
            detail = f"tar header {count + 1} is damaged (bad checksum)"
            raise ArchiveError(detail, not_tar=count == 0)
        kind_flag, size = block[156:157], _octal(block[124:136], "size")
        if kind_flag in _EXTENSIONS:
            extended |= _extension(stream, kind_flag, size)
            continue
        name = extended.get("path", _text(_name(block)))
        size = _size(extended, size)
        kind = _DATA_TYPES.get(kind_flag) or _NO_DATA_TYPES.get(kind_flag) or "special file"
        if any(key.startswith("GNU.sparse.") for key in extended):
            kind = "sparse file"
        extended = {}
        has_data = kind_flag not in _NO_DATA_TYPES
        yield from _member(stream, TarMember(name, size, kind), has_data)
    raise ArchiveError(f"the archive holds more than {BUNDLE_MEMBERS * 2} members")


def _member(
    stream: Inflated, member: TarMember, has_data: bool
) -> Iterator[tuple[TarMember, MemberData]]:
    stream.member = member.name
    size = member.size if has_data else 0
    data = MemberData(stream, size)
    yield member, data
    _skip(stream, data.left + _padded(size) - size)
    stream.member = ""


def _extension(stream: Inflated, kind_flag: bytes, size: int) -> dict[str, str]:
    """What a pax header or a GNU long name says about the next member."""
    if size > ARCHIVE_HEADER_BYTES:
        raise ArchiveError(
            f"a tar extension header of {size} bytes (at most {ARCHIVE_HEADER_BYTES})"
        )
    data = _exactly(stream, _padded(size))[:size] if size else b""
    if kind_flag == b"x":
        return _pax(data)
    if kind_flag == b"L":
        return {"path": _text(data.split(b"\0", 1)[0])}
    return {}  # global pax headers and long link names say nothing verify uses
