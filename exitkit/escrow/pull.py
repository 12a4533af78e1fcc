"""`exitkit escrow pull`: bring an escrowed bundle back to a folder, byte for byte.

Each file is checked against the manifest as it arrives; files already there and intact are
kept, so an interrupted pull is simply run again. The manifest is written last.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from exitkit.bundle import atomic, safe_json, schemas
from exitkit.bundle.hashing import sha256_file
from exitkit.bundle.manifest import MANIFEST, SIGNATURE, Manifest
from exitkit.bundle.report import Problem
from exitkit.bundle.source import BundleDamaged
from exitkit.errors import BundleError
from exitkit.escrow.s3 import S3Location, client, s3_errors
from exitkit.escrow.s3source import S3Source
from exitkit.escrow.upload import Event

PULLING = ".pulling"  # marks a folder a pull is filling; removed when it is done


@dataclass
class PullSummary:
    location: S3Location
    out: Path
    outcomes: dict[str, str] = field(default_factory=dict)  # path -> downloaded|kept
    problems: list[Problem] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(1 for value in self.outcomes.values() if value == outcome)


def _prepare(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise BundleError(f"{out} exists and is not a folder")
    ours = (out / MANIFEST).exists() or (out / PULLING).exists()
    if out.is_dir() and any(out.iterdir()) and not ours:
        raise BundleError(f"{out} is not empty and is not a bundle; choose an empty --out")
    out.mkdir(parents=True, exist_ok=True)
    (out / PULLING).touch()


def _manifest(source: S3Source) -> tuple[bytes, Manifest]:
    try:
        data = source.read(MANIFEST)
    except FileNotFoundError:
        raise BundleDamaged(
            f"{source.location}: no {MANIFEST} (nothing was pushed there, or a push did not finish)"
        ) from None
    try:
        record = safe_json.loads(data)  # what a bucket holds is hostile until checked
    except (safe_json.UnsafeJson, ValueError) as error:
        raise BundleDamaged(f"{source.location}/{MANIFEST}: not JSON ({error})") from None
    found = schemas.problems(record, "manifest.v1")
    if found:
        raise BundleDamaged(f"{source.location}/{MANIFEST}: {'; '.join(found)}")
    return data, Manifest.from_record(record)


def _chunks(body: Any) -> Iterator[bytes]:
    with body:
        while chunk := body.read(atomic.CHUNK):
            yield chunk


def pull(
    location: S3Location,
    out: Path,
    on_event: Event | None = None,
    s3: Any = None,
    on_start: Callable[[int], None] | None = None,
) -> PullSummary:
    source = S3Source(location, s3 or client())
    manifest_bytes, manifest = _manifest(source)
    _prepare(out)
    members = source.members()
    expected = {entry.path: entry.sha256 for entry in manifest.files}
    if SIGNATURE in members:
        expected[SIGNATURE] = ""  # vouched for by the signature check of `verify`
    summary = PullSummary(location, out)
    if on_start:
        on_start(len(expected))
    unsafe = [p for p in expected if ".." in PurePosixPath(p).parts or p.startswith("/")]
    if unsafe:
        raise BundleDamaged(f"{location}/{MANIFEST}: lists paths outside the bundle: {unsafe[0]}")

    def one(path: str) -> None:
        summary.outcomes[path] = _fetch(source, out, path, expected[path], summary)
        if on_event:
            on_event(summary.outcomes[path], path)

    with ThreadPoolExecutor(max_workers=4) as pool:
        for future in [pool.submit(one, path) for path in sorted(expected)]:
            future.result()
    kept = (out / MANIFEST).is_file() and (out / MANIFEST).read_bytes() == manifest_bytes
    atomic.write_bytes(out / MANIFEST, manifest_bytes)
    summary.outcomes[MANIFEST] = "kept" if kept else "downloaded"
    summary.problems += [
        Problem(name, "unexpected", "in the bucket, not in the manifest; not pulled")
        for name in sorted(set(members) - set(expected) - {MANIFEST})
    ]
    (out / PULLING).unlink(missing_ok=True)
    return summary


def _fetch(source: S3Source, out: Path, path: str, sha256: str, summary: PullSummary) -> str:
    target = out / path
    if not sha256:  # the signature: small, and not hashed in the manifest it signs
        with s3_errors(source.where, f"downloading {path}"):
            data = source.read(path)
        if target.is_file() and not target.is_symlink() and target.read_bytes() == data:
            return "kept"
        atomic.write_bytes(target, data)
        return "downloaded"
    if sha256 and target.is_file() and not target.is_symlink() and sha256_file(target) == sha256:
        return "kept"
    if target.is_symlink() or target.is_dir():
        shutil.rmtree(target) if target.is_dir() else target.unlink()
    try:
        with s3_errors(source.where, f"downloading {path}"):
            digest, _ = atomic.write_chunks(target, _chunks(source.open_object(path)))
    except FileNotFoundError:
        summary.problems.append(Problem(path, "missing", "listed in the manifest"))
        return "missing"
    if sha256 and digest != sha256:
        summary.problems.append(Problem(path, "altered", "sha256 differs from the manifest"))
    return "downloaded"
