"""The auditor's check, offline: is a bundle intact, signed, schema-valid and complete?

It reads through a BundleSource, so a folder, a `pack` archive and an S3 prefix verify alike.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from exitkit.bundle import encryption, schemas, signing
from exitkit.bundle.completeness import assess
from exitkit.bundle.filecheck import FileCheck, Inspector
from exitkit.bundle.manifest import INVENTORY, MANIFEST, SIGNATURE, FileEntry, Manifest, Scope
from exitkit.bundle.report import Problem, completeness_record
from exitkit.bundle.source import BundleSource, Member, open_local
from exitkit.inventory.loader import Inventory


@dataclass(frozen=True)
class Verification:
    """The outcome of a verify run; `record` is the completeness.v1 document."""

    record: dict[str, Any]

    @property
    def ok(self) -> bool:
        return bool(self.record["ok"])


def verify_bundle(
    bundle: Path | BundleSource,
    inventory: Inventory | None = None,
    public_key: Path | None = None,
    identity_files: Sequence[Path] = (),
) -> Verification:
    """Verify a bundle folder, a `pack` archive, or any BundleSource (an S3 prefix).

    With `identity_files` (age identities) encrypted files are decrypted and their plaintext
    checked too; without them an encrypted bundle is still checked for integrity and
    completeness, from the hashes of what is stored.
    """
    source = bundle if isinstance(bundle, BundleSource) else open_local(bundle)
    with source:
        key = signing.load_public(public_key) if public_key else None
        identities = encryption.load_identities(identity_files)
        return _verify(source, inventory, key, identities)


def _verify(
    source: BundleSource,
    inventory: Inventory | None,
    key: Ed25519PublicKey | None,
    identities: list[encryption.Identity],
) -> Verification:
    manifest_bytes, manifest, problems = _read_manifest(source)
    if manifest is None:
        empty = assess([], Scope(), [])
        signature = {"status": "missing" if key else "not-checked"}
        record = completeness_record(empty, "", Scope(), source.location, signature, problems)
        record["complete"] = record["ok"] = False
        return Verification(record)
    members = source.members()
    signature = _check_signature(source, members, manifest_bytes, manifest, key, problems)
    if identities and manifest.encrypted_to:
        _check_identities(manifest, identities)
    checks, found = check_files(source, members, manifest, identities)
    problems += found
    damaged = {e.asset for e in _entries_with_problems(manifest.files, problems) if e.asset}
    expected = _expected_assets(source, manifest, inventory)
    completeness = assess(expected, manifest.scope, manifest.assets, damaged)
    record = completeness_record(
        completeness, manifest.estate, manifest.scope, source.location, signature, problems
    )
    record["exported_at"] = manifest.created_at
    record["files"] = len(manifest.files)
    record["bytes"] = sum(entry.size for entry in manifest.files)
    if manifest.encrypted_to:
        record["encryption"] = _encryption_summary(manifest, checks)
    return Verification(record)


def _read_manifest(source: BundleSource) -> tuple[bytes, Manifest | None, list[Problem]]:
    try:
        data = source.read(MANIFEST)
    except FileNotFoundError:
        return b"", None, [Problem(MANIFEST, "missing")]
    except OSError as error:
        return b"", None, [Problem(MANIFEST, "unreadable", str(error))]
    try:
        record = json.loads(data)
    except ValueError as error:
        return data, None, [Problem(MANIFEST, "unreadable", str(error))]
    found = schemas.problems(record, "manifest.v1")
    if found:
        return data, None, [Problem(MANIFEST, "schema", "; ".join(found))]
    return data, Manifest.from_record(record), []


def _check_signature(
    source: BundleSource,
    members: dict[str, Member],
    manifest_bytes: bytes,
    manifest: Manifest,
    key: Ed25519PublicKey | None,
    problems: list[Problem],
) -> dict[str, Any]:
    """Check against the pinned --public-key, else against the key the manifest names."""
    embedded = manifest.signed_by
    if SIGNATURE not in members:
        if key is not None or embedded:
            problems.append(Problem(SIGNATURE, "missing", "the bundle is not signed"))
            return {"status": "missing"}
        return {"status": "unsigned"}
    if key is None and not embedded:
        return {"status": "not-checked", "detail": "pass --public-key to check the signature"}
    checking = key or signing.public_key_from_b64(embedded["public_key"])  # type: ignore[index]
    try:
        signature_bytes = source.read(SIGNATURE)
    except OSError:
        signature_bytes = b""
    valid = signing.is_valid(checking, manifest_bytes, signature_bytes)
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


def _check_identities(manifest: Manifest, identities: list[encryption.Identity]) -> None:
    """A wrong --identity is bad input (exit 2), not damage to report."""
    public = encryption.public_recipients(identities)
    if public is not None and not public & set(manifest.encrypted_to):
        raise encryption.EncryptionError(
            "--identity: none of the given keys is a recipient of this bundle "
            f"(it is encrypted to {', '.join(manifest.encrypted_to) or 'nobody'})"
        )


def _safe(path: str) -> bool:
    pure = PurePosixPath(path)
    return bool(pure.parts) and not pure.is_absolute() and ".." not in pure.parts


def _sealed_digests(
    entries: list[FileEntry], identities: list[encryption.Identity]
) -> dict[str, str | None]:
    if not identities:
        return {}
    return {
        entry.path: encryption.open_text(entry.encryption["plaintext_sha256_age"], identities)
        for entry in entries
        if entry.encryption and entry.encryption.get("plaintext_sha256_age")
    }


def check_files(
    source: BundleSource,
    members: dict[str, Member],
    manifest: Manifest,
    identities: list[encryption.Identity],
) -> tuple[dict[str, FileCheck], list[Problem]]:
    """Every file present with its hash; nothing missing, added or renamed; content checked."""
    listed = {entry.path: entry for entry in manifest.files}
    problems = [Problem(path, "unsafe path") for path in listed if not _safe(path)]
    problems += _encryption_policy(manifest)
    stored = {path: m for path, m in members.items() if path not in (MANIFEST, SIGNATURE)}
    for member in stored.values():
        if member.count > 1:
            problems.append(Problem(member.path, "unexpected", f"{member.count} copies"))
    present = [p for p in listed if _safe(p) and p in stored and not stored[p].link]
    for path in listed:
        if _safe(path) and path in stored and stored[path].link:
            problems.append(Problem(path, "altered", "a link replaced the file"))
    extra = sorted(set(stored) - set(listed))
    readable_extra = [p for p in extra if _safe(p) and not stored[p].link]
    inspector = Inspector(listed, identities, _sealed_digests(list(manifest.files), identities))
    checks: dict[str, FileCheck] = {}
    for path, check in source.scan(present + readable_extra, inspector):
        if check is not None:
            checks[path] = check
    for path in present:
        check = checks.get(path)
        if check is None:
            problems.append(Problem(path, "unreadable"))
        elif check.sha256 != listed[path].sha256:
            problems.append(Problem(path, "altered", "sha256 differs from the manifest"))
        else:
            problems += check.problems
    missing = {p: e for p, e in listed.items() if _safe(p) and p not in stored}
    missing_by_hash = {entry.sha256: path for path, entry in missing.items()}
    for name in extra:
        old = missing_by_hash.pop(checks[name].sha256, None) if name in checks else None
        if old is not None:
            problems.append(Problem(name, "renamed", f"listed in the manifest as {old}"))
            del missing[old]
        else:
            detail = "not listed in the manifest" if _safe(name) else "a path outside the bundle"
            problems.append(Problem(name, "unexpected", detail))
    problems += [Problem(path, "missing", "listed in the manifest") for path in sorted(missing)]
    return checks, problems


def _encryption_policy(manifest: Manifest) -> list[Problem]:
    """When the manifest says every artifact is encrypted, each must say how."""
    if manifest.encrypted_artifacts != "all":
        return []
    return [
        Problem(entry.path, "not encrypted", "the manifest says every artifact is encrypted")
        for entry in manifest.files
        if entry.path.startswith("assets/") and entry.encryption is None
    ]


def _encryption_summary(manifest: Manifest, checks: dict[str, FileCheck]) -> dict[str, Any]:
    encrypted = [entry for entry in manifest.files if entry.encryption]
    checked = sum(
        1
        for entry in encrypted
        if checks.get(entry.path) is not None and checks[entry.path].plaintext_checked
    )
    return {
        "scheme": "age",
        "artifacts": manifest.encrypted_artifacts or "all",
        "recipients": list(manifest.encrypted_to),
        "files": len(encrypted),
        "sealed": sum(
            1 for entry in encrypted if entry.encryption and entry.encryption.get("sealed")
        ),
        "plaintext_checked": checked,
    }


def _entries_with_problems(
    entries: tuple[FileEntry, ...], problems: list[Problem]
) -> list[FileEntry]:
    paths = {problem.path for problem in problems}
    paths |= {
        problem.detail.rsplit(" ", 1)[-1] for problem in problems if problem.problem == "renamed"
    }
    return [entry for entry in entries if entry.path in paths]


def _expected_assets(
    source: BundleSource, manifest: Manifest, inventory: Inventory | None
) -> list[tuple[str, str]]:
    """Assets the bundle must hold: from --inventory, else its own inventory.json."""
    if inventory is not None:
        return [(asset.id, asset.kind) for asset in inventory.assets]
    try:
        record = json.loads(source.read(INVENTORY))
        return [(asset["id"], asset["kind"]) for asset in record["assets"]]
    except (OSError, ValueError, KeyError, TypeError):
        return [(result.id, result.kind) for result in manifest.assets]
