"""SHA-256 of files, several at once: hashlib releases the GIL, so threads use every core."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

CHUNK = 1024 * 1024


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def hash_workers() -> int:
    return max(2, min(8, os.cpu_count() or 2))


def sha256_many(paths: Iterable[Path]) -> Iterator[tuple[Path, str | None]]:
    """(path, hex digest or None when unreadable), in the order given."""

    def one(path: Path) -> tuple[Path, str | None]:
        try:
            return path, sha256_file(path)
        except OSError:
            return path, None

    with ThreadPoolExecutor(max_workers=hash_workers()) as pool:
        yield from pool.map(one, paths)
