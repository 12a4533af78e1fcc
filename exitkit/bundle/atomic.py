"""Crash-safe file writing: temp file in the same folder, fsync, rename, fsync the folder.

A reader never sees a half-written file under its final name.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

CHUNK = 1024 * 1024


def dump_json(record: Any) -> bytes:
    """The one JSON form exitkit writes: sorted keys, two-space indent, UTF-8, final newline."""
    return (json.dumps(record, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()


def fsync_dir(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


@contextlib.contextmanager
def atomic_file(
    path: Path, mode: int = 0o644, *, sync_folder: bool = True, durable: bool = True
) -> Iterator[BinaryIO]:
    """Yield a file to write; on success it replaces `path` atomically, on error it vanishes.

    `sync_folder=False` leaves the folder's fsync to the caller (one per folder, not per file);
    `durable=False` skips fsync entirely, for hints that are safe to lose in a crash.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temp_name = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
    )
    temp = Path(temp_name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            yield handle
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        temp.chmod(mode)
        temp.replace(path)
        if durable and sync_folder:
            fsync_dir(path.parent)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def write_chunks(
    path: Path,
    chunks: Iterable[bytes],
    mode: int = 0o644,
    *,
    sync_folder: bool = True,
    durable: bool = True,
) -> tuple[str, int]:
    """Write chunks atomically; returns (sha256 hex, size) of what was written."""
    digest = hashlib.sha256()
    size = 0
    with atomic_file(path, mode, sync_folder=sync_folder, durable=durable) as handle:
        for chunk in chunks:
            handle.write(chunk)
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def write_bytes(
    path: Path, data: bytes, mode: int = 0o644, *, sync_folder: bool = True, durable: bool = True
) -> tuple[str, int]:
    return write_chunks(path, [data], mode, sync_folder=sync_folder, durable=durable)


def read_chunks(source: Path) -> Iterator[bytes]:
    with source.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            yield chunk


def produce_file(path: Path, produce: Callable[[Path], None], *, sync_folder: bool = True) -> None:
    """Let a tool (git, a library) write to a temp path, then publish it atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temp_name = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
    )
    os.close(descriptor)
    temp = Path(temp_name)
    try:
        produce(temp)
        with temp.open("rb+") as handle:
            os.fsync(handle.fileno())
        temp.replace(path)
        if sync_folder:
            fsync_dir(path.parent)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
