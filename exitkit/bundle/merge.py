"""`exitkit merge`: the parts of a sliced export joined into one bundle, signed once.

Each part is verified first. The merged bundle is what a one-machine export of the same scope
writes: the parts' artifacts byte for byte, the same inventory.json, the union of their asset
results, its completeness report judged against the merged scope. What differs is when
(`created_at`, each asset's `started_at` and `duration_s`, the report's `checked_at`) and
`merged_from`, which names each part and the sha256 of its manifest.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from exitkit import __version__
from exitkit.bundle import atomic, signing
from exitkit.bundle.completeness import Completeness, assess
from exitkit.bundle.manifest import (
    COMPLETENESS,
    INVENTORY,
    MANIFEST,
    PARTIAL,
    SIGNATURE,
    FileEntry,
    Manifest,
    Scope,
)
from exitkit.bundle.parts import (
    DamagedPart,
    MergeError,
    Part,
    check_coverage,
    check_same_export,
    merged_scope,
)
from exitkit.bundle.report import completeness_record
from exitkit.bundle.space import lock_folder
from exitkit.bundle.verify import verify_bundle
from exitkit.bundle.writer import _signer, now

SHOWN_PROBLEMS = 3
COPY_THREADS = 16


@dataclass(frozen=True)
class MergeSummary:
    manifest: Manifest
    completeness: Completeness
    parts: tuple[Part, ...]


def merge_parts(
    folders: Sequence[Path], out: Path, sign_key: Ed25519PrivateKey | None = None
) -> MergeSummary:
    """Verify every part, check they make one export, and write the merged bundle to `out`."""
    if not folders:
        raise MergeError("no part to merge")
    parts = tuple(read_part(folder) for folder in folders)
    check_same_export(parts)
    scope = merged_scope(parts)
    check_coverage(parts, scope)
    _check_out(out, parts)
    return _write(parts, scope, out, sign_key)


def read_part(folder: Path) -> Part:
    """A part folder, verified: intact, schema-valid, unsigned, and marked as a part."""
    if not folder.is_dir():
        raise MergeError(f"{folder}: no such part folder")
    if not (folder / MANIFEST).is_file() and (folder / PARTIAL).is_dir():
        raise DamagedPart(
            f"{folder}: the export of this part did not finish (no manifest.json); run the "
            "same `exitkit export ... --part` again: it resumes"
        )
    record = verify_bundle(folder).record
    problems = record["problems"]
    if problems:
        shown = "; ".join(_problem(problem) for problem in problems[:SHOWN_PROBLEMS])
        more = len(problems) - SHOWN_PROBLEMS
        raise DamagedPart(
            f"{folder}: the part fails verification: {shown}"
            + (f" (and {more} more)" if more > 0 else "")
            + "; export this part again"
        )
    data = (folder / MANIFEST).read_bytes()
    manifest = Manifest.from_record(json.loads(data))
    if manifest.part is None:
        raise MergeError(
            f"{folder} is not a part (it was exported without --part); merge joins the parts "
            "of one sliced export"
        )
    if manifest.signed_by is not None:
        raise MergeError(f"{folder}: a part is never signed, and this one is")
    inventory = next((e for e in manifest.files if e.path == INVENTORY), None)
    if inventory is None:
        raise DamagedPart(f"{folder}: the part has no inventory.json; export it again")
    expected = _inventory_assets(folder / INVENTORY)
    digest = hashlib.sha256(data).hexdigest()
    return Part(manifest.part, folder, manifest, digest, inventory.sha256, expected)


def _problem(problem: dict[str, str]) -> str:
    detail = f" ({problem['detail']})" if problem.get("detail") else ""
    return f"{problem['path']}: {problem['problem']}{detail}"


def _inventory_assets(path: Path) -> tuple[tuple[str, str], ...]:
    record = json.loads(path.read_bytes())
    return tuple((str(asset["id"]), str(asset["kind"])) for asset in record["assets"])


def _check_out(out: Path, parts: Sequence[Part]) -> None:
    """OUT is new, empty, or an earlier bundle; never a part, inside one, or holding one."""
    target = out.resolve()
    for part in parts:
        folder = part.folder.resolve()
        if target == folder or target.is_relative_to(folder) or folder.is_relative_to(target):
            raise MergeError(f"--out {out}: choose a folder apart from the part {part.folder}")
    if out.exists() and not out.is_dir():
        raise MergeError(f"--out {out} exists and is not a folder")
    is_bundle = (out / MANIFEST).exists() or (out / PARTIAL).exists()
    if out.is_dir() and any(out.iterdir()) and not is_bundle:
        raise MergeError(
            f"--out {out} is not empty and is not an exitkit bundle; choose an empty folder"
        )


def _write(
    parts: Sequence[Part], scope: Scope, out: Path, sign_key: Ed25519PrivateKey | None
) -> MergeSummary:
    (out / PARTIAL).mkdir(parents=True, exist_ok=True)
    held = lock_folder(out / PARTIAL, out)
    try:
        # an earlier manifest goes first: a merge cut short never looks like a finished bundle
        (out / SIGNATURE).unlink(missing_ok=True)
        (out / MANIFEST).unlink(missing_ok=True)
        files = _copy_all([(part, entry) for part in parts for entry in _artifacts(part)], out)
        files.append(_copy(parts[0], _entry(parts[0], INVENTORY), out))
        results = sorted((r for part in parts for r in part.manifest.assets), key=lambda r: r.id)
        estate = parts[0].manifest.estate
        completeness = assess(parts[0].expected, scope, results)
        report = completeness_record(completeness, estate, scope, str(out), signature=None)
        digest, size = atomic.write_bytes(out / COMPLETENESS, atomic.dump_json(report))
        files.append(FileEntry(COMPLETENESS, digest, size, schema="completeness.v1"))
        manifest = Manifest(
            estate=estate,
            created_at=now(),
            exitkit_version=__version__,
            scope=scope,
            files=tuple(files),
            assets=tuple(results),
            signed_by=_signer(sign_key),
            encrypted_to=parts[0].manifest.encrypted_to,
            encrypted_artifacts=parts[0].manifest.encrypted_artifacts,
            merged_from=tuple(
                {"part": part.name, "manifest_sha256": part.manifest_sha256} for part in parts
            ),
        )
        _remove_leftovers(out, {entry.path for entry in files})
        for folder in _folders(out, files):
            atomic.fsync_dir(folder)  # the copies' renames are durable before the manifest
        manifest_bytes = manifest.to_bytes()
        atomic.write_bytes(out / MANIFEST, manifest_bytes)
        if sign_key is not None:
            atomic.write_bytes(out / SIGNATURE, signing.sign(sign_key, manifest_bytes))
        shutil.rmtree(out / PARTIAL, ignore_errors=True)
    finally:
        held.close()
    return MergeSummary(manifest, completeness, tuple(parts))


def _artifacts(part: Part) -> list[FileEntry]:
    """A part's own files: its assets' artifacts (inventory and report are rewritten once)."""
    entries = []
    for entry in part.manifest.files:
        if entry.path in (INVENTORY, COMPLETENESS):
            continue
        if entry.asset is None:
            raise DamagedPart(
                f"{part.folder}: holds {entry.path}, a file of no asset that merge cannot join"
            )
        entries.append(entry)
    return entries


def _entry(part: Part, path: str) -> FileEntry:
    return next(entry for entry in part.manifest.files if entry.path == path)


def _copy_all(copies: Sequence[tuple[Part, FileEntry]], out: Path) -> list[FileEntry]:
    """Copy on several threads: each copy waits on its own fsync, as an export's writes do."""
    with ThreadPoolExecutor(max_workers=COPY_THREADS) as pool:
        return list(pool.map(lambda copy: _copy(copy[0], copy[1], out), copies))


def _copy(part: Part, entry: FileEntry, out: Path) -> FileEntry:
    """Copy one file as the part's manifest vouches for it; a file changed since is refused."""
    relative = PurePosixPath(entry.path)
    if relative.is_absolute() or ".." in relative.parts:
        raise DamagedPart(f"{part.folder}: the manifest names {entry.path}, outside the part")
    source = part.folder / relative
    if source.is_symlink() or not source.is_file():
        raise DamagedPart(f"{part.folder}: {entry.path} is not a plain file; export it again")
    chunks = atomic.read_chunks(source)
    digest, size = atomic.write_chunks(out / relative, chunks, sync_folder=False)
    if (digest, size) != (entry.sha256, entry.size):
        (out / relative).unlink(missing_ok=True)
        raise DamagedPart(f"{part.folder}: {entry.path} changed after it was verified")
    return entry


def _remove_leftovers(out: Path, keep: set[str]) -> None:
    """Files of an earlier bundle in OUT that the merged one does not hold must not linger."""
    for path in sorted(out.rglob("*"), reverse=True):
        relative = path.relative_to(out).as_posix()
        if relative == PARTIAL or relative.startswith(PARTIAL + "/"):
            continue
        if (path.is_file() or path.is_symlink()) and relative not in keep:
            path.unlink()
        elif path.is_dir() and not path.is_symlink() and not any(path.iterdir()):
            path.rmdir()


def _folders(out: Path, files: Sequence[FileEntry]) -> list[Path]:
    """Every folder the copies went into, deepest first, up to OUT itself."""
    found = {out}
    for entry in files:
        found.update(parent for parent in (out / entry.path).parents if parent.is_relative_to(out))
    return sorted(found, key=lambda folder: len(folder.parts), reverse=True)
