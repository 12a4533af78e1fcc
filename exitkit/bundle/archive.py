"""One file for hand-over: `exitkit pack` writes a bundle as a .tar.gz; verify reads it in place.

The archive is deterministic (sorted, fixed owner and times, manifest.json first) and is never
extracted to be verified: members are streamed (exitkit.bundle.tar_stream), so no name in it
can reach the disk.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import tarfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from exitkit.bundle import tar_stream
from exitkit.bundle.archive_index import ArchiveIndex, index_archive
from exitkit.bundle.atomic import atomic_file
from exitkit.bundle.manifest import MANIFEST, PARTIAL, SIGNATURE, Manifest
from exitkit.bundle.safe_read import Refused, describe
from exitkit.bundle.source import (
    WHOLE_FILES,
    BundleDamaged,
    BundleSource,
    Inspect,
    Member,
    SourceRefused,
    T,
    too_large,
)
from exitkit.bundle.tar_stream import ArchiveError, Inflated
from exitkit.errors import BundleError, UsageError

SUFFIXES = (".tar.gz", ".tgz")


@dataclass(frozen=True)
class Packed:
    archive: Path
    files: int
    bytes: int
    sha256: str
    left_out: tuple[str, ...] = ()  # files in the folder that the manifest does not list


def is_archive(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(2) == b"\x1f\x8b"


class _HashingFile:
    """A file read by tarfile, hashed on the way."""

    def __init__(self, handle: BinaryIO) -> None:
        self._handle = handle
        self.digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self._handle.read(size)
        self.digest.update(data)
        return data


def _epoch(created_at: str) -> int:
    return int(dt.datetime.fromisoformat(created_at.replace("Z", "+00:00")).timestamp())


def pack(bundle: Path, out: Path) -> Packed:
    """Write `bundle` as one .tar.gz; each file is checked against the manifest as it goes in."""
    if not out.name.endswith(SUFFIXES):
        raise UsageError(f"{out}: the archive name must end in .tar.gz or .tgz")
    if not (bundle / MANIFEST).is_file():
        raise BundleError(f"{bundle}: not a bundle folder (no {MANIFEST})")
    if (bundle / PARTIAL).exists():
        raise BundleError(f"{bundle}: the export is not finished (run it again to complete it)")
    if out.resolve().is_relative_to(bundle.resolve()):
        raise UsageError(f"{out}: write the archive outside the bundle folder")
    manifest = Manifest.read(bundle)
    top = bundle.resolve().name or "bundle"
    mtime = _epoch(manifest.created_at)
    expected = {entry.path: entry.sha256 for entry in manifest.files}
    names = [MANIFEST] + ([SIGNATURE] if (bundle / SIGNATURE).is_file() else [])
    names += sorted(expected)
    total = 0
    with (
        atomic_file(out) as handle,
        gzip.GzipFile(filename="", mode="wb", fileobj=handle, mtime=0, compresslevel=6) as packed,
        tarfile.open(fileobj=packed, mode="w", format=tarfile.PAX_FORMAT) as tar,
    ):
        for name in names:
            total += _add(tar, bundle, name, f"{top}/{name}", mtime, expected.get(name))
    digest = hashlib.sha256()
    with out.open("rb") as written:
        while chunk := written.read(1 << 20):
            digest.update(chunk)
    on_disk = {p.relative_to(bundle).as_posix() for p in bundle.rglob("*") if not p.is_dir()}
    left_out = tuple(sorted(on_disk - set(names)))
    return Packed(out, len(names), total, digest.hexdigest(), left_out)


def _add(
    tar: tarfile.TarFile, bundle: Path, name: str, arcname: str, mtime: int, sha256: str | None
) -> int:
    path = bundle / name
    if path.is_symlink() or not path.is_file():
        raise BundleDamaged(f"{path}: listed in the manifest but missing or not a regular file")
    info = tarfile.TarInfo(arcname)
    info.size, info.mtime, info.mode = path.stat().st_size, mtime, 0o644
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    with path.open("rb") as handle:
        reader = _HashingFile(handle)
        tar.addfile(info, reader)
    if sha256 is not None and reader.digest.hexdigest() != sha256:
        raise BundleDamaged(f"{path}: sha256 differs from the manifest; run `exitkit verify`")
    return info.size


class ArchiveSource(BundleSource):
    """A .tar.gz made by `exitkit pack` (or by tar from a bundle folder), read in place.

    Two forward passes: the first lists the members and keeps the small files verify reads
    whole, the second streams the members to check. Nothing is written to disk.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.location = str(path)
        self._index: ArchiveIndex | None = None

    def _indexed(self) -> ArchiveIndex:
        if self._index is None:
            try:
                self._index = index_archive(self.path)
            except ArchiveError as error:
                if error.not_tar:
                    raise BundleError(
                        f"{self.path}: not a readable .tar.gz archive ({error.detail})"
                    ) from None
                raise SourceRefused(error.member or self.location, error.detail) from None
            except OSError as error:
                raise BundleError(
                    f"{self.path}: cannot read the archive ({error.strerror})"
                ) from None
        return self._index

    def members(self) -> dict[str, Member]:
        return self._indexed().members

    def read(self, path: str) -> bytes:
        index = self._indexed()
        member = index.members.get(path)
        if member is None:
            raise FileNotFoundError(path)
        if not member.regular:
            raise Refused(path, describe(member.kind))
        if member.size > WHOLE_FILES[path]:
            raise too_large(path, member.size)
        data = index.whole.get(path)
        if data is None:
            raise Refused(path, "cannot be read from the archive")
        return data

    def scan(self, paths: Sequence[str], inspect: Inspect[T]) -> Iterator[tuple[str, T | Refused]]:
        """In archive order, so the gzip stream is read forwards once more."""
        index = self._indexed()
        wanted = {path for path in paths if path in index.members}
        if not wanted:
            return
        stream = Inflated(self.path)
        try:
            for ordinal, (member, data) in enumerate(tar_stream.members(stream)):
                name = index.relative(member.name)
                if name in wanted and index.last[name] == ordinal and member.is_file:
                    wanted.discard(name)
                    yield name, inspect(name, data)  # type: ignore[arg-type]
                if not wanted:
                    break
        except ArchiveError as error:
            raise SourceRefused(error.member or self.location, error.detail) from None
        finally:
            stream.close()
        for path in sorted(wanted):
            yield path, Refused(path, "not found in the archive on its second reading")
