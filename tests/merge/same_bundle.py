"""What "the same bundle, timestamps aside" means, checked file by file.

Between two exports of the same scope (one machine, or parts merged) only these may differ:
- timestamps: the manifest's `created_at`, each asset's `started_at` and `duration_s`, a JSON
  record's `collected_at` (device records), the completeness report's `checked_at`;
- where and how it was written: the report's `bundle` (the folder path), the manifest's
  `merged_from` (the parts, by name and manifest sha256) and `signed_by`;
- the sha256 and size the manifest gives for a file that differs only by those fields.
Everything else is equal: every other byte of every artifact, inventory.json byte for byte,
every manifest entry's path, asset, kind, schema and encryption, every asset's outcome, and
the completeness verdict, totals and statuses.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

TIMESTAMPS = frozenset({"created_at", "started_at", "duration_s", "collected_at", "checked_at"})
WHERE_AND_HOW = frozenset({"bundle", "merged_from", "signed_by"})
MANIFEST_SIG = "manifest.json.sig"


def without(record: Any, keys: frozenset[str]) -> Any:
    if isinstance(record, dict):
        return {k: without(v, keys) for k, v in record.items() if k not in keys}
    if isinstance(record, list):
        return [without(item, keys) for item in record]
    return record


def files_of(bundle: Path) -> set[str]:
    return {p.relative_to(bundle).as_posix() for p in bundle.rglob("*") if p.is_file()} - {
        MANIFEST_SIG
    }


def timestamped(bundle: Path, relative: str) -> bool:
    """A JSON file whose bytes carry a timestamp (so only its fields are compared)."""
    if not relative.endswith(".json") or relative == "inventory.json":
        return False
    return bool(TIMESTAMPS & set(_keys(json.loads((bundle / relative).read_bytes()))))


def _keys(record: Any) -> set[str]:
    if isinstance(record, dict):
        return set(record) | {k for v in record.values() for k in _keys(v)}
    if isinstance(record, list):
        return {k for item in record for k in _keys(item)}
    return set()


def manifest_view(bundle: Path, stamped: set[str]) -> Any:
    record = json.loads((bundle / "manifest.json").read_bytes())
    for entry in record["files"]:
        if entry["path"] in stamped:
            entry.pop("sha256"), entry.pop("size")
    return without(record, TIMESTAMPS | WHERE_AND_HOW)


def assert_same_export(one: Path, merged: Path) -> list[str]:
    """Assert the two bundles are the same timestamps aside; returns the byte-identical files."""
    assert files_of(one) == files_of(merged)
    stamped = {f for f in files_of(one) if timestamped(one, f)}
    identical = []
    for relative in sorted(files_of(one) - {"manifest.json"}):
        if relative in stamped:
            left = without(json.loads((one / relative).read_bytes()), TIMESTAMPS | WHERE_AND_HOW)
            right = without(
                json.loads((merged / relative).read_bytes()), TIMESTAMPS | WHERE_AND_HOW
            )
            assert left == right, relative
        else:
            assert (one / relative).read_bytes() == (merged / relative).read_bytes(), relative
            identical.append(relative)
    assert manifest_view(one, stamped) == manifest_view(merged, stamped)
    return identical
