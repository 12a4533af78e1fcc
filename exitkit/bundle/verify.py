"""The auditor's check, offline: is a bundle intact, signed, schema-valid and complete?"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from exitkit.bundle import schemas, signing
from exitkit.bundle.completeness import assess
from exitkit.bundle.hashing import sha256_many
from exitkit.bundle.manifest import INVENTORY, MANIFEST, SIGNATURE, FileEntry, Manifest, Scope
from exitkit.bundle.report import Problem, completeness_record
from exitkit.errors import BundleError
from exitkit.inventory.loader import Inventory


@dataclass(frozen=True)
class Verification:
    """The outcome of a verify run; `record` is the completeness.v1 document."""

    record: dict[str, Any]

    @property
    def ok(self) -> bool:
        return bool(self.record["ok"])


def verify_bundle(
    bundle: Path, inventory: Inventory | None = None, public_key: Path | None = None
) -> Verification:
    if not bundle.is_dir():
        raise BundleError(f"{bundle}: not a bundle folder")
    key = signing.load_public(public_key) if public_key else None
    manifest_bytes, manifest, problems = _read_manifest(bundle)
    if manifest is None:
        empty = assess([], Scope(), [])
        signature = {"status": "missing" if key else "not-checked"}
        record = completeness_record(empty, "", Scope(), str(bundle), signature, problems)
        record["complete"] = record["ok"] = False
        return Verification(record)
    signature = _check_signature(bundle, manifest_bytes, manifest, key, problems)
    problems += check_integrity(bundle, manifest.files)
    problems += check_schemas(bundle, manifest.files, problems)
    damaged = {e.asset for e in _entries_with_problems(manifest.files, problems) if e.asset}
    expected = _expected_assets(bundle, manifest, inventory)
    completeness = assess(expected, manifest.scope, manifest.assets, damaged)
    record = completeness_record(
        completeness, manifest.estate, manifest.scope, str(bundle), signature, problems
    )
    record["exported_at"] = manifest.created_at
    record["files"] = len(manifest.files)
    record["bytes"] = sum(entry.size for entry in manifest.files)
    return Verification(record)


def _read_manifest(bundle: Path) -> tuple[bytes, Manifest | None, list[Problem]]:
    try:
        data = (bundle / MANIFEST).read_bytes()
    except FileNotFoundError:
        return b"", None, [Problem(MANIFEST, "missing")]
    try:
        record = json.loads(data)
    except ValueError as error:
        return data, None, [Problem(MANIFEST, "unreadable", str(error))]
    found = schemas.problems(record, "manifest.v1")
    if found:
        return data, None, [Problem(MANIFEST, "schema", "; ".join(found))]
    return data, Manifest.from_record(record), []


def _check_signature(
    bundle: Path,
    manifest_bytes: bytes,
    manifest: Manifest,
    key: Ed25519PublicKey | None,
    problems: list[Problem],
) -> dict[str, Any]:
    """Check against the pinned --public-key, else against the key the manifest names."""
    signature_path = bundle / SIGNATURE
    embedded = manifest.signed_by
    if not signature_path.exists():
        if key is not None or embedded:
            problems.append(Problem(SIGNATURE, "missing", "the bundle is not signed"))
            return {"status": "missing"}
        return {"status": "unsigned"}
    if key is None and not embedded:
        return {"status": "not-checked", "detail": "pass --public-key to check the signature"}
    checking = key or signing.public_key_from_b64(embedded["public_key"])  # type: ignore[index]
    valid = signing.is_valid(checking, manifest_bytes, signature_path.read_bytes())
    status = {
        "status": "valid" if valid else "invalid",
        "key": signing.fingerprint(checking),
        "pinned": key is not None,
    }
    if not valid:
        problems.append(
            Problem(SIGNATURE, "invalid", f"not a signature of manifest.json by {status['key']}")
        )
    return status


def _safe(path: str) -> bool:
    pure = PurePosixPath(path)
    return bool(pure.parts) and not pure.is_absolute() and ".." not in pure.parts


def check_integrity(bundle: Path, entries: Iterable[FileEntry]) -> list[Problem]:
    """Every file present with its size and hash; nothing missing, added or renamed."""
    listed = {entry.path: entry for entry in entries}
    problems = [Problem(path, "unsafe path") for path in listed if not _safe(path)]
    on_disk = {
        path.relative_to(bundle).as_posix()
        for path in bundle.rglob("*")
        if path.is_file() or path.is_symlink()
    } - {MANIFEST, SIGNATURE}
    present = [entry for path, entry in listed.items() if _safe(path) and path in on_disk]
    missing = {path: entry for path, entry in listed.items() if _safe(path) and path not in on_disk}
    for entry, (_, digest) in zip(
        present, sha256_many(bundle / e.path for e in present), strict=True
    ):
        if (bundle / entry.path).is_symlink():
            problems.append(Problem(entry.path, "altered", "a symbolic link replaced the file"))
        elif digest != entry.sha256:
            problems.append(Problem(entry.path, "altered", "sha256 differs from the manifest"))
    extra = sorted(on_disk - set(listed))
    missing_by_hash = {entry.sha256: path for path, entry in missing.items()}
    for path, digest in sha256_many(bundle / name for name in extra):
        name = path.relative_to(bundle).as_posix()
        old = missing_by_hash.pop(digest or "", None)
        if old is not None:
            problems.append(Problem(name, "renamed", f"listed in the manifest as {old}"))
            del missing[old]
        else:
            problems.append(Problem(name, "unexpected", "not listed in the manifest"))
    problems += [Problem(path, "missing", "listed in the manifest") for path in sorted(missing)]
    return problems


def check_schemas(
    bundle: Path, entries: Iterable[FileEntry], known: list[Problem]
) -> list[Problem]:
    """Every intact JSON file that names a schema follows it."""
    broken = {problem.path for problem in known}
    problems = []
    for entry in entries:
        if entry.schema is None or entry.path in broken or entry.encryption:
            continue
        try:
            record = json.loads((bundle / entry.path).read_bytes())
        except (OSError, ValueError) as error:
            problems.append(Problem(entry.path, "schema", f"not JSON: {error}"))
            continue
        try:
            found = schemas.problems(record, entry.schema)
        except BundleError as error:
            found = [str(error)]
        if found:
            problems.append(Problem(entry.path, "schema", "; ".join(found)))
    return problems


def _entries_with_problems(
    entries: Iterable[FileEntry], problems: list[Problem]
) -> list[FileEntry]:
    paths = {problem.path for problem in problems}
    paths |= {
        problem.detail.rsplit(" ", 1)[-1] for problem in problems if problem.problem == "renamed"
    }
    return [entry for entry in entries if entry.path in paths]


def _expected_assets(
    bundle: Path, manifest: Manifest, inventory: Inventory | None
) -> list[tuple[str, str]]:
    """Assets the bundle must hold: from --inventory, else its own inventory.json."""
    if inventory is not None:
        return [(asset.id, asset.kind) for asset in inventory.assets]
    try:
        record = json.loads((bundle / INVENTORY).read_bytes())
        return [(asset["id"], asset["kind"]) for asset in record["assets"]]
    except (OSError, ValueError, KeyError, TypeError):
        return [(result.id, result.kind) for result in manifest.assets]
