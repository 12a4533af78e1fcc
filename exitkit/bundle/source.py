"""Where verify reads a bundle from: a folder here, a `pack` archive, or (escrow) an S3 prefix.

Every check reads files through this interface, so one verify serves all three places, and the
same rules hold in each: a file is read only when it is a regular file of the bundle, a small
file (manifest, signature, inventory) only up to the size its role allows.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import BinaryIO, TypeVar

from exitkit.bundle import limits
from exitkit.bundle.hashing import hash_workers
from exitkit.bundle.manifest import INVENTORY, MANIFEST, SIGNATURE
from exitkit.bundle.safe_read import Folder, Refused, describe, kind_of
from exitkit.bundle.verify_text import size_text
from exitkit.errors import BundleError, ExitkitError

T = TypeVar("T")
Inspect = Callable[[str, BinaryIO], T]

# the files verify reads whole, and the most each may hold
WHOLE_FILES = {
    MANIFEST: limits.MANIFEST_BYTES,
    SIGNATURE: limits.SIGNATURE_BYTES,
    INVENTORY: limits.INVENTORY_BYTES,
}


class BundleDamaged(ExitkitError):
    """A bundle's file does not match its manifest, found while copying it (exit 1)."""

    exit_code = 1


class SourceRefused(ExitkitError):
    """The place holding the bundle cannot be read safely as a whole (a gzip bomb, a million
    files): verify names it as a problem and checks nothing more (exit 1)."""

    exit_code = 1

    def __init__(self, path: str, detail: str) -> None:
        super().__init__(f"{path}: {detail}")
        self.path = path
        self.detail = detail


@dataclass(frozen=True)
class Member:
    """One file as the place holding the bundle lists it."""

    path: str
    size: int
    kind: str = "file"  # or what stands where a regular file should: "symbolic link", "FIFO"...
    count: int = 1  # an archive may hold the same name more than once

    @property
    def regular(self) -> bool:
        return self.kind == "file"


class BundleSource(ABC):
    """Read access to the files of one bundle, by bundle-relative POSIX path."""

    location: str

    @abstractmethod
    def members(self) -> dict[str, Member]:
        """Every file, manifest.json included (SourceRefused when they cannot be listed)."""

    @abstractmethod
    def read(self, path: str) -> bytes:
        """One of WHOLE_FILES, whole: FileNotFoundError if absent, Refused if not a regular
        file or larger than its role allows."""

    @abstractmethod
    def scan(self, paths: Sequence[str], inspect: Inspect[T]) -> Iterator[tuple[str, T | Refused]]:
        """Each file's stream through `inspect` once (in any order), or why it was not read."""

    def close(self) -> None:  # noqa: B027 - most sources hold nothing open
        """Release what the source holds open."""

    def __enter__(self) -> BundleSource:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


def too_large(path: str, size: int) -> Refused:
    limit = WHOLE_FILES[path]
    return Refused(path, f"{size_text(size)} or more; verify reads at most {size_text(limit)} here")


def read_capped(path: str, stream: BinaryIO) -> bytes:
    """Up to the limit of `path`'s role, from `stream`; Refused when there is more."""
    limit = WHOLE_FILES[path]
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise too_large(path, len(data))
    return data


def parallel_scan(
    paths: Sequence[str], inspect: Inspect[T], open_one: Callable[[str], BinaryIO]
) -> Iterator[tuple[str, T | Refused]]:
    """Scan files a few at a time (hashing releases the GIL), in the order given."""

    def one(path: str) -> tuple[str, T | Refused]:
        try:
            with open_one(path) as stream:
                return path, inspect(path, stream)
        except Refused as refused:
            return path, refused
        except OSError as error:
            return path, Refused(path, f"cannot be read ({error.strerror or error})")

    with ThreadPoolExecutor(max_workers=hash_workers()) as pool:
        yield from pool.map(one, paths)


class FolderSource(BundleSource):
    """A bundle folder on disk, as `exitkit export` writes it; no link in it is followed."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.location = str(root)
        self._folder = Folder(root)

    def members(self) -> dict[str, Member]:
        found = {}
        try:
            for path, status in self._folder.walk(limits.BUNDLE_MEMBERS):
                found[path] = Member(path, status.st_size, kind_of(status))
        except Refused as refused:
            raise SourceRefused(refused.path, refused.detail) from None
        except OSError as error:
            raise SourceRefused(".", f"cannot be listed ({error.strerror or error})") from None
        return found

    def read(self, path: str) -> bytes:
        status = self._folder.lstat(path)
        if kind_of(status) != "file":
            raise Refused(path, describe(kind_of(status)))
        if status.st_size > WHOLE_FILES[path]:
            raise too_large(path, status.st_size)
        with self._folder.open(path) as stream:
            return read_capped(path, stream)

    def scan(self, paths: Sequence[str], inspect: Inspect[T]) -> Iterator[tuple[str, T | Refused]]:
        return parallel_scan(paths, inspect, self._folder.open)

    def close(self) -> None:
        self._folder.close()


def open_local(location: Path) -> BundleSource:
    """A bundle folder, or an archive made by `exitkit pack`."""
    if location.is_dir():
        try:
            return FolderSource(location)
        except OSError as error:
            raise BundleError(f"{location}: cannot open the folder ({error.strerror})") from None
    if location.is_file():
        from exitkit.bundle.archive import ArchiveSource, is_archive

        if is_archive(location):
            return ArchiveSource(location)
    raise BundleError(
        f"{location}: not a bundle folder, nor a .tar.gz archive made by `exitkit pack`"
    )
