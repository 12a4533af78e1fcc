"""What a manifest claims, checked before any file is read: that it can be read safely, follows
its schema, and agrees with itself.

A manifest is either entirely consistent or the bundle is not OK: each path is listed once and
names a place inside the bundle, each file belongs to the asset that lists it (in that asset's
folder, of that asset's kind), each asset appears once, each schema is one of exitkit's.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from exitkit.bundle import safe_json, schemas
from exitkit.bundle.inert import has_controls
from exitkit.bundle.limits import MANIFEST_ASSETS, MANIFEST_FILES, PATH_BYTES, PATH_PART_BYTES
from exitkit.bundle.manifest import MANIFEST, FileEntry, Manifest
from exitkit.bundle.report import Problem
from exitkit.bundle.safe_read import Refused
from exitkit.bundle.source import BundleSource


def unsafe_reason(path: str) -> str | None:
    """Why `path` cannot name a file inside the bundle, or None when it can."""
    parts = path.split("/")
    if not path:
        return "an empty path"
    if path.startswith("/") or ".." in parts:
        return "a path outside the bundle"
    if "" in parts or "." in parts:
        return "not in canonical form (empty, '.' or doubled '/' parts)"
    if has_controls(path):
        return "control characters in the name"
    encoded = path.encode("utf-8", "surrogateescape")
    if len(encoded) > PATH_BYTES or any(
        len(part) > PATH_PART_BYTES for part in encoded.split(b"/")
    ):
        return "a name too long for a file system"
    return None


def read_manifest(source: BundleSource) -> tuple[bytes, Manifest | None, list[Problem]]:
    """The manifest's bytes and, when it can be trusted to say something, what it says."""
    try:
        data = source.read(MANIFEST)
    except FileNotFoundError:
        return b"", None, [Problem(MANIFEST, "missing")]
    except Refused as refused:
        return b"", None, [Problem(MANIFEST, "unreadable", refused.detail)]
    except OSError as error:
        return b"", None, [Problem(MANIFEST, "unreadable", str(error.strerror or error))]
    try:
        record = safe_json.loads(data)
    except safe_json.UnsafeJson as error:
        return data, None, [Problem(MANIFEST, "unreadable", str(error))]
    found = _count_problems(record)
    if not found:
        reasons = schemas.problems(record, "manifest.v1")
        found = [Problem(MANIFEST, "schema", "; ".join(reasons))] if reasons else []
    found = found or _fractional_sizes(record)
    if found:
        return data, None, found
    manifest = Manifest.from_record(record)
    return data, manifest, consistency(manifest)


def _count_problems(record: Any) -> list[Problem]:
    for key, limit in (("files", MANIFEST_FILES), ("assets", MANIFEST_ASSETS)):
        value = record.get(key) if isinstance(record, dict) else None
        if isinstance(value, list) and len(value) > limit:
            detail = f"lists {len(value)} {key}; verify reads a manifest of at most {limit}"
            return [Problem(MANIFEST, "unreadable", detail)]
    return []


def _fractional_sizes(record: dict[str, Any]) -> list[Problem]:
    """JSON Schema counts 1.0 as an integer; a size of bytes must be written as one."""
    for number, entry in enumerate(record["files"]):
        sizes = [("size", entry["size"])]
        if "encryption" in entry:
            sizes.append(("encryption/plaintext_size", entry["encryption"]["plaintext_size"]))
        for name, value in sizes:
            if type(value) is not int:
                detail = f"files/{number}/{name}: {value!r} is not a whole number of bytes"
                return [Problem(MANIFEST, "schema", detail)]
    return []


def consistency(manifest: Manifest) -> list[Problem]:
    """Every way the manifest contradicts itself or points outside the bundle."""
    problems = [
        Problem(entry.path, "unsafe path", reason)
        for entry in manifest.files
        if (reason := unsafe_reason(entry.path)) is not None
    ]
    problems += _listed_twice(manifest)
    problems += _attribution(manifest)
    problems += [
        Problem(
            entry.path, "schema", f"unknown schema {entry.schema[:80]!r} (not one of exitkit's)"
        )
        for entry in manifest.files
        if entry.schema is not None and not schemas.is_known(entry.schema)
    ]
    problems += _encryption_claims(manifest)
    return problems


def _listed_twice(manifest: Manifest) -> list[Problem]:
    problems = []
    claims: dict[str, list[tuple[str, int]]] = {}
    for entry in manifest.files:
        claims.setdefault(entry.path, []).append((entry.sha256, entry.size))
    for path, said in sorted(claims.items()):
        if len(said) > 1:
            differ = ", with different hashes or sizes" if len(set(said)) > 1 else ""
            detail = f"listed {len(said)} times in the manifest{differ}"
            problems.append(Problem(path, "invalid", detail))
    assets = Counter(result.id for result in manifest.assets)
    problems += [
        Problem(MANIFEST, "invalid", f"asset {asset!r} appears {count} times under assets")
        for asset, count in sorted(assets.items())
        if count > 1
    ]
    return problems


def _attribution(manifest: Manifest) -> list[Problem]:
    """Each file in its asset's folder and in its asset's list, and each listed file present."""
    results = {result.id: result for result in manifest.assets}
    problems = []
    for entry in manifest.files:
        detail = _entry_owner(entry, results)
        if detail:
            problems.append(Problem(entry.path, "invalid", detail))
    owners = {entry.path: entry.asset for entry in manifest.files}
    for result in manifest.assets:
        for path, count in Counter(result.files).items():
            if owners.get(path, "") != result.id:
                detail = f"asset {result.id!r} lists it, but the manifest's files do not say so"
                problems.append(Problem(path, "invalid", detail))
            elif count > 1:
                detail = f"asset {result.id!r} lists it {count} times"
                problems.append(Problem(path, "invalid", detail))
    return problems


def _entry_owner(entry: FileEntry, results: dict[str, Any]) -> str:
    if entry.asset is None or entry.kind is None:
        if entry.asset is not None or entry.kind is not None:
            return "an asset without a kind, or a kind without an asset"
        return (
            "under assets/ but attributed to no asset" if entry.path.startswith("assets/") else ""
        )
    result = results.get(entry.asset)
    if result is None:
        return f"attributed to asset {entry.asset!r}, which the manifest does not list"
    if result.kind != entry.kind:
        return f"of kind {entry.kind}, but asset {entry.asset!r} is a {result.kind}"
    if not entry.path.startswith(f"assets/{entry.kind}/{entry.asset}/"):
        return f"outside the folder of its asset, assets/{entry.kind}/{entry.asset}/"
    if entry.path not in result.files:
        return f"attributed to asset {entry.asset!r}, which does not list it"
    return ""


def _encryption_claims(manifest: Manifest) -> list[Problem]:
    problems = []
    for entry in manifest.files:
        if entry.encryption is None:
            continue
        if not entry.path.endswith(".age"):
            problems.append(Problem(entry.path, "invalid", "encrypted, but not named .age"))
        elif not manifest.encrypted_to:
            detail = "encrypted, but the manifest names no recipient"
            problems.append(Problem(entry.path, "invalid", detail))
    return problems
