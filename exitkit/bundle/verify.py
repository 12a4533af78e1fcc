"""The auditor's check, offline: is a bundle intact, signed, schema-valid and complete?

It reads through a BundleSource, so a folder, a `pack` archive and an S3 prefix verify alike.
The bundle comes from the party being exited: every read and parse is bounded, no link is
followed, no schema is looked up outside exitkit's own set, and what is wrong is a named
problem (exit 1), never a crash.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from exitkit.bundle import encryption, safe_json, signing
from exitkit.bundle.claims import read_manifest
from exitkit.bundle.completeness import assess
from exitkit.bundle.contents import check_files
from exitkit.bundle.filecheck import FileCheck
from exitkit.bundle.manifest import INVENTORY, MANIFEST, SIGNATURE, FileEntry, Manifest, Scope
from exitkit.bundle.report import Problem, completeness_record
from exitkit.bundle.safe_read import Refused
from exitkit.bundle.signature import check_signature
from exitkit.bundle.source import BundleSource, SourceRefused, open_local
from exitkit.inventory.loader import Inventory

__all__ = ["Verification", "check_files", "verify_bundle"]


@dataclass(frozen=True)
class Verification:
    """The outcome of a verify run; `record` is the completeness.v1 document."""

    record: dict[str, Any]

    @property
    def ok(self) -> bool:
        return bool(self.record["ok"])

    def to_record(self) -> dict[str, Any]:
        return self.record


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
        try:
            return _verify(source, inventory, key, identities)
        except SourceRefused as refused:
            problem = Problem(refused.path, "unreadable", refused.detail)
            return _unread(source, key, [problem])


def _unread(
    source: BundleSource, key: Ed25519PublicKey | None, problems: list[Problem]
) -> Verification:
    """The record of a bundle whose manifest cannot be trusted to say anything."""
    empty = assess([], Scope(), [])
    signature = {"status": "missing" if key else "not-checked"}
    record = completeness_record(empty, "", Scope(), source.location, signature, problems)
    record["complete"] = record["ok"] = False
    return Verification(record)


def _verify(
    source: BundleSource,
    inventory: Inventory | None,
    key: Ed25519PublicKey | None,
    identities: list[encryption.Identity],
) -> Verification:
    members = source.members()
    manifest_bytes, manifest, problems = read_manifest(source)
    if manifest is None:
        copies = [members[name] for name in (MANIFEST, SIGNATURE) if name in members]
        problems += [
            Problem(m.path, "unexpected", f"{m.count} copies") for m in copies if m.count > 1
        ]
        return _unread(source, key, problems)
    signature = check_signature(source, members, manifest_bytes, manifest, key, problems)
    if identities and manifest.encrypted_to:
        _check_identities(manifest, identities)
    checks, found = check_files(source, members, manifest, identities)
    problems += found + _encryption_policy(manifest)
    expected = _expected_assets(source, manifest, inventory, problems)
    damaged = {e.asset for e in _entries_with_problems(manifest.files, problems) if e.asset}
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


def _check_identities(manifest: Manifest, identities: list[encryption.Identity]) -> None:
    """A wrong --identity is bad input (exit 2), not damage to report."""
    public = encryption.public_recipients(identities)
    if public is not None and not public & set(manifest.encrypted_to):
        raise encryption.EncryptionError(
            "--identity: none of the given keys is a recipient of this bundle "
            f"(it is encrypted to {', '.join(manifest.encrypted_to[:5]) or 'nobody'})"
        )


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
    source: BundleSource,
    manifest: Manifest,
    inventory: Inventory | None,
    problems: list[Problem],
) -> list[tuple[str, str]]:
    """Assets the bundle must hold: from --inventory, else its own inventory.json."""
    if inventory is not None:
        return [(asset.id, asset.kind) for asset in inventory.assets]
    recorded = [(result.id, result.kind) for result in manifest.assets]
    try:
        assets = _inventory_assets(safe_json.loads(source.read(INVENTORY)))
    except FileNotFoundError:
        return recorded  # a bundle without its inventory is judged on what it recorded
    except (Refused, OSError, safe_json.UnsafeJson) as error:
        detail = error.detail if isinstance(error, Refused) else str(error)
        assets, problem = None, Problem(INVENTORY, "unreadable", detail)
    else:
        problem = Problem(INVENTORY, "unreadable", "it holds no list of assets with id and kind")
    if assets is None:
        if not any(known.path == INVENTORY for known in problems):
            problems.append(problem)
        return recorded
    return assets


def _inventory_assets(record: Any) -> list[tuple[str, str]] | None:
    assets = record.get("assets") if isinstance(record, dict) else None
    if not isinstance(assets, list):
        return None
    pairs = [(asset.get("id"), asset.get("kind")) for asset in assets if isinstance(asset, dict)]
    if len(pairs) != len(assets) or not all(
        isinstance(asset_id, str) and isinstance(kind, str) for asset_id, kind in pairs
    ):
        return None
    return pairs  # type: ignore[return-value]
