"""The sources `exitkit inventory import` reads, one module each; a module registers its kind,
its parameters and its reader, and nothing else lists source kinds."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from exitkit.inventory_import.logins import LoginNames
from exitkit.inventory_import.platform_map import PlatformMaps
from exitkit.inventory_import.records import Harvest
from exitkit.inventory_import.spec import SourceError, SourceSpec
from exitkit.plugins import import_package_modules


@dataclass(frozen=True)
class ImportContext:
    """What every reader may consult: where the estate is, the maps, its credential sets, and
    the names given to router.db logins so far (shared, so two files never clash)."""

    base_dir: Path
    maps: PlatformMaps
    credentials: Mapping[str, Any]
    logins: LoginNames


Reader = Callable[[SourceSpec, ImportContext], Harvest]


@dataclass(frozen=True)
class SourceKind:
    name: str
    params: tuple[str, ...]
    read: Reader
    syntax: str


SOURCES: dict[str, SourceKind] = {}


def source(name: str, params: tuple[str, ...], syntax: str) -> Callable[[Reader], Reader]:
    def register(read: Reader) -> Reader:
        SOURCES[name] = SourceKind(name, params, read, syntax)
        return read

    return register


def source_kinds() -> dict[str, SourceKind]:
    import_package_modules(__name__)
    return SOURCES


def kind_of(spec: SourceSpec) -> SourceKind:
    """The registered kind for a SOURCE, its parameters checked; SourceError otherwise."""
    kinds = source_kinds()
    found = kinds.get(spec.kind)
    if found is None:
        syntaxes = "; ".join(kind.syntax for kind in kinds.values())
        raise SourceError(f"unknown source kind {spec.kind!r} in {spec.text!r} (use: {syntaxes})")
    spec.check(found.params)
    return found
