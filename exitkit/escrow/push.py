"""`exitkit escrow push`: copy a finished bundle to client-controlled S3, manifest.json last.

Run again after an interruption, it keeps what is already there with the right checksum and
continues an unfinished multipart upload; until the manifest lands, the prefix never verifies.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from exitkit.bundle.hashing import sha256_file
from exitkit.bundle.manifest import MANIFEST, PARTIAL, SIGNATURE, Manifest
from exitkit.bundle.source import BundleDamaged
from exitkit.errors import BundleError
from exitkit.escrow.retention import Retention, require_object_lock
from exitkit.escrow.s3 import S3Location, client, require_bucket, s3_errors
from exitkit.escrow.upload import Event, Target, ensure

MIB = 1024 * 1024
MAX_PARTS = 10_000


@dataclass(frozen=True)
class PushOptions:
    kms_key_id: str | None = None
    retention: Retention | None = None
    part_size: int = 16 * MIB  # S3 needs 5 MiB at least, except for the last part
    workers: int = 4


@dataclass
class PushSummary:
    location: S3Location
    outcomes: dict[str, str] = field(default_factory=dict)  # path -> kept|uploaded|resumed
    sizes: dict[str, int] = field(default_factory=dict)
    extra: list[str] = field(default_factory=list)  # objects under the prefix, not in the bundle

    @property
    def bytes_sent(self) -> int:
        return sum(self.sizes[path] for path, how in self.outcomes.items() if how != "kept")

    def count(self, outcome: str) -> int:
        return sum(1 for value in self.outcomes.values() if value == outcome)


def _local_files(bundle: Path) -> list[tuple[str, str, int]]:
    """(path, sha256, size) of every file to push; the manifest last, its signature before."""
    if not (bundle / MANIFEST).is_file():
        raise BundleError(f"{bundle}: not a bundle folder (no {MANIFEST})")
    if (bundle / PARTIAL).exists():
        raise BundleError(f"{bundle}: the export is not finished (run it again to complete it)")
    try:
        manifest = Manifest.read(bundle)
    except (ValueError, KeyError, TypeError) as error:
        raise BundleError(f"{bundle}/{MANIFEST}: unreadable ({error})") from None
    files = []
    for entry in sorted(manifest.files, key=lambda e: e.path):
        path = bundle / entry.path
        if path.is_symlink() or not path.is_file() or path.stat().st_size != entry.size:
            raise BundleDamaged(
                f"{path}: missing or not as the manifest lists it; run `exitkit verify`"
            )
        files.append((entry.path, entry.sha256, entry.size))
    for name in (SIGNATURE, MANIFEST):
        path = bundle / name
        if path.is_file():
            files.append((name, sha256_file(path), path.stat().st_size))
    return files


def part_size_for(size: int, wanted: int) -> int:
    """At least `wanted`, large enough that no file needs more than 10,000 parts."""
    needed = -(-size // MAX_PARTS)
    return max(wanted, -(-needed // MIB) * MIB)


def push(
    bundle: Path,
    location: S3Location,
    options: PushOptions | None = None,
    on_event: Event | None = None,
    s3: Any = None,
    on_start: Callable[[int], None] | None = None,
) -> PushSummary:
    """Copy `bundle` to `location`; raises on the first object that cannot be put and proven."""
    options = options or PushOptions()
    files = _local_files(bundle)
    if on_start:
        on_start(len(files))
    s3 = s3 or client()
    require_bucket(s3, location)
    if options.retention:
        require_object_lock(s3, location)
    largest = max((size for _, _, size in files), default=0)
    target = Target(
        s3,
        location,
        options.kms_key_id,
        options.retention,
        part_size_for(largest, options.part_size),
        on_event or (lambda what, key: None),
    )
    summary = PushSummary(location)
    artifacts = [item for item in files if item[0] not in (MANIFEST, SIGNATURE)]
    last = [item for item in files if item[0] in (SIGNATURE, MANIFEST)]

    def one(item: tuple[str, str, int]) -> None:
        path, sha256, size = item
        summary.sizes[path] = size
        summary.outcomes[path] = ensure(target, bundle / path, location.key(path), sha256, size)

    _run_all(one, artifacts, options.workers)
    for item in last:  # only once every artifact is in place and proven
        one(item)
    summary.extra = _extra_objects(s3, location, {path for path, _, _ in files})
    return summary


def _run_all(one: Callable[[tuple[str, str, int]], None], items: list[Any], workers: int) -> None:
    pool = ThreadPoolExecutor(max_workers=max(1, workers))
    try:
        for future in [pool.submit(one, item) for item in items]:
            future.result()
    finally:  # an error or Ctrl-C: start nothing new; what is uploaded stays for the resume
        pool.shutdown(wait=True, cancel_futures=True)


def _extra_objects(s3: Any, location: S3Location, pushed: set[str]) -> list[str]:
    extra = []
    with s3_errors(location, "listing the prefix"):
        pages = s3.get_paginator("list_objects_v2").paginate(
            Bucket=location.bucket, Prefix=location.list_prefix
        )
        for page in pages:
            for item in page.get("Contents", []):
                name = location.relative(item["Key"])
                if name not in pushed:
                    extra.append(name)
    return sorted(extra)
