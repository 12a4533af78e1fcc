"""One file for hand-over: `exitkit pack` writes a bundle as a .tar.gz; verify reads it in place.

The archive is deterministic (sorted, fixed owner and times, manifest.json first) and is never
extracted to be verified: members are streamed, so no name in it can reach the disk.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import tarfile
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, BinaryIO

from exitkit.bundle.atomic import atomic_file
from exitkit.bundle.manifest import MANIFEST, PARTIAL, SIGNATURE, Manifest
from exitkit.bundle.source import BundleDamaged, BundleSource, Inspect, Member, T
from exitkit.errors import BundleError, UsageError

SUFFIXES = (".tar.gz", ".tgz")
_READ_ERRORS = (OSError, EOFError, tarfile.TarError, zlib.error)


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
    """A .tar.gz made by `exitkit pack` (or by tar from a bundle folder), read in place."""

    def __init__(self, path: Path) -> None:
        self.location = str(path)
        try:
            self._tar = tarfile.open(path, mode="r:gz")  # noqa: SIM115 - closed by close()
            entries = self._tar.getmembers()
        except _READ_ERRORS as error:
            raise BundleError(f"{path}: not a readable .tar.gz archive ({error})") from None
        self._top = _top_folder([entry.name for entry in entries])
        self._last: dict[str, tarfile.TarInfo] = {}
        self._count: dict[str, int] = {}
        for entry in entries:
            if entry.isdir():
                continue
            name = self._relative(entry.name)
            self._last[name] = entry
            self._count[name] = self._count.get(name, 0) + 1

    def _relative(self, name: str) -> str:
        name = name.removeprefix("./")
        return name[len(self._top) :] if self._top and name.startswith(self._top) else name

    def members(self) -> dict[str, Member]:
        return {
            name: Member(name, entry.size, link=not entry.isreg(), count=self._count[name])
            for name, entry in self._last.items()
        }

    def _open(self, path: str) -> IO[bytes]:
        entry = self._last.get(path)
        if entry is None or not entry.isreg():
            raise FileNotFoundError(path)
        stream = self._tar.extractfile(entry)
        if stream is None:
            raise FileNotFoundError(path)
        return stream

    def read(self, path: str) -> bytes:
        try:
            with self._open(path) as stream:
                return stream.read()
        except FileNotFoundError:
            raise
        except _READ_ERRORS as error:
            raise OSError(f"{path}: unreadable in the archive ({error})") from None

    def scan(self, paths: Sequence[str], inspect: Inspect[T]) -> Iterator[tuple[str, T | None]]:
        """In archive order, so the gzip stream is read forwards once."""
        ordered = sorted(paths, key=lambda path: self._offset(path))
        for path in ordered:
            try:
                with self._open(path) as stream:
                    yield path, inspect(path, stream)  # type: ignore[arg-type]
            except _READ_ERRORS:
                yield path, None

    def _offset(self, path: str) -> int:
        entry = self._last.get(path)
        return entry.offset if entry is not None else -1

    def close(self) -> None:
        self._tar.close()


def _top_folder(names: list[str]) -> str:
    """The folder holding manifest.json (`name/`, as pack writes it), or '' at the top."""
    clean = [name.removeprefix("./") for name in names]
    if MANIFEST in clean:
        return ""
    tops = {name[: -len(MANIFEST)] for name in clean if name.endswith("/" + MANIFEST)}
    tops = {top for top in tops if top.count("/") == 1 and _safe_top(top)}
    return tops.pop() if len(tops) == 1 else ""


def _safe_top(top: str) -> bool:
    return top.endswith("/") and top[:-1] not in ("", ".", "..")
