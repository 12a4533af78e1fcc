"""SHA-256 of files, and how many threads hash at once (hashlib releases the GIL)."""

from __future__ import annotations

import hashlib
import os
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
