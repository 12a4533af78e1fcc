"""Where verify reads a bundle from: a folder here, a `pack` archive, or (escrow) an S3 prefix.

Every check reads files through this interface, so one verify serves all three places.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import BinaryIO, TypeVar

from exitkit.bundle.hashing import hash_workers
from exitkit.errors import BundleError, ExitkitError

T = TypeVar("T")
Inspect = Callable[[str, BinaryIO], T]


class BundleDamaged(ExitkitError):
    """A bundle's file does not match its manifest, found while copying it (exit 1)."""

    exit_code = 1


@dataclass(frozen=True)
class Member:
    """One file as the place holding the bundle lists it."""

    path: str
    size: int
    link: bool = False  # a link or special file where a regular file should be
    count: int = 1  # an archive may hold the same name more than once


class BundleSource(ABC):
    """Read access to the files of one bundle, by bundle-relative POSIX path."""

    location: str

    @abstractmethod
    def members(self) -> dict[str, Member]:
        """Every file, manifest.json included."""

    @abstractmethod
    def read(self, path: str) -> bytes:
        """A small file whole (manifest, signature, inventory); FileNotFoundError if absent."""

    @abstractmethod
    def scan(self, paths: Sequence[str], inspect: Inspect[T]) -> Iterator[tuple[str, T | None]]:
        """Each file's stream through `inspect` once (in any order); None when unreadable."""

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


def parallel_scan(
    paths: Sequence[str], inspect: Inspect[T], open_one: Callable[[str], BinaryIO]
) -> Iterator[tuple[str, T | None]]:
    """Scan files a few at a time (hashing releases the GIL), in the order given."""

    def one(path: str) -> tuple[str, T | None]:
        try:
            with open_one(path) as stream:
                return path, inspect(path, stream)
        except OSError:
            return path, None

    with ThreadPoolExecutor(max_workers=hash_workers()) as pool:
        yield from pool.map(one, paths)


class FolderSource(BundleSource):
    """A bundle folder on disk, as `exitkit export` writes it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.location = str(root)

    def members(self) -> dict[str, Member]:
        found = {}
        for path in self.root.rglob("*"):
            if path.is_symlink() or path.is_file():
                relative = path.relative_to(self.root).as_posix()
                status = path.lstat()
                found[relative] = Member(relative, status.st_size, link=path.is_symlink())
        return found

    def read(self, path: str) -> bytes:
        return (self.root / path).read_bytes()

    def scan(self, paths: Sequence[str], inspect: Inspect[T]) -> Iterator[tuple[str, T | None]]:
        return parallel_scan(paths, inspect, lambda path: (self.root / path).open("rb"))


def open_local(location: Path) -> BundleSource:
    """A bundle folder, or an archive made by `exitkit pack`."""
    if location.is_dir():
        return FolderSource(location)
    if location.is_file():
        from exitkit.bundle.archive import ArchiveSource, is_archive

        if is_archive(location):
            return ArchiveSource(location)
    raise BundleError(
        f"{location}: not a bundle folder, nor a .tar.gz archive made by `exitkit pack`"
    )
