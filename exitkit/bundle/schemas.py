"""The JSON Schemas (2020-12) of every file exitkit writes, found in the wheel or the checkout."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from exitkit.errors import BundleError

_PACKAGE = Path(__file__).resolve().parent.parent


def schema_dir() -> Path:
    """`exitkit/export_schemas` in an installed wheel, `export_schemas/` in a checkout."""
    for candidate in (_PACKAGE / "export_schemas", _PACKAGE.parent / "export_schemas"):
        if candidate.is_dir():
            return candidate
    raise BundleError("the export_schemas folder is missing from this installation")


def known_schemas() -> list[str]:
    return sorted(path.name.removesuffix(".schema.json") for path in schema_dir().glob("*.json"))


@cache
def validator(schema_id: str) -> Draft202012Validator:
    path = schema_dir() / f"{schema_id}.schema.json"
    if not path.is_file():
        raise BundleError(f"unknown schema {schema_id!r} (no {path.name} in {schema_dir()})")
    return Draft202012Validator(json.loads(path.read_text(encoding="utf-8")))


def problems(record: Any, schema_id: str, limit: int = 3) -> list[str]:
    """Up to `limit` reasons why `record` does not follow the schema; empty when it does."""
    found = []
    for error in validator(schema_id).iter_errors(record):
        where = "/".join(str(part) for part in error.absolute_path) or "(root)"
        found.append(f"{where}: {error.message[:200]}")
        if len(found) >= limit:
            break
    return found
