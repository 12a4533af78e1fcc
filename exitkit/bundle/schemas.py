"""The JSON Schemas (2020-12) of every file exitkit writes, found in the wheel or the checkout.

A schema is looked up by its name (`manifest.v1`) in a registry built from exitkit's own set
and nothing else: a name that is not one of them is unknown, and a reference that leaves the set
(a URL, a file path) is never fetched, whatever a bundle asks for.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource
from referencing.jsonschema import DRAFT202012

from exitkit.bundle.inert import inert
from exitkit.errors import BundleError

URN = "urn:exitkit:schema:"
_PACKAGE = Path(__file__).resolve().parent.parent


class UnknownSchema(BundleError):
    """A schema name that is not one of exitkit's."""


def schema_dir() -> Path:
    """`exitkit/export_schemas` in an installed wheel, `export_schemas/` in a checkout."""
    for candidate in (_PACKAGE / "export_schemas", _PACKAGE.parent / "export_schemas"):
        if candidate.is_dir():
            return candidate
    raise BundleError("the export_schemas folder is missing from this installation")


@cache
def _schema_set() -> dict[str, dict[str, Any]]:
    """Name -> schema, for every schema of this installation; each `$id` must match its name."""
    found = {}
    for path in sorted(schema_dir().glob("*.schema.json")):
        name = path.name.removesuffix(".schema.json")
        schema = json.loads(path.read_text(encoding="utf-8"))
        if schema.get("$id") != URN + name:
            raise BundleError(f"{path}: its $id must be {URN}{name}")
        found[name] = schema
    return found


def _refuse(uri: str) -> Resource[Any]:
    raise NoSuchResource(ref=uri)  # type: ignore[call-arg]


@cache
def registry() -> Registry[Any]:
    """exitkit's schemas by `$id`; retrieving anything else fails, so nothing is fetched."""
    resources = [
        (URN + name, Resource.from_contents(schema, default_specification=DRAFT202012))
        for name, schema in _schema_set().items()
    ]
    return Registry(retrieve=_refuse).with_resources(resources).crawl()  # type: ignore[call-arg]


def known_schemas() -> list[str]:
    return sorted(_schema_set())


def is_known(schema_id: str) -> bool:
    return schema_id in _schema_set()


@cache
def validator(schema_id: str) -> Draft202012Validator:
    schema = _schema_set().get(schema_id)
    if schema is None:
        raise UnknownSchema(f"unknown schema {inert(schema_id[:80])!r} (not one of exitkit's)")
    return Draft202012Validator(schema, registry=registry())


def problems(record: Any, schema_id: str, limit: int = 3) -> list[str]:
    """Up to `limit` reasons why `record` does not follow the schema; empty when it does."""
    found = []
    for error in validator(schema_id).iter_errors(record):
        where = "/".join(str(part) for part in error.absolute_path) or "(root)"
        found.append(f"{where[:200]}: {error.message[:200]}")
        if len(found) >= limit:
            break
    return found
