"""Registries fill themselves: importing every module of a package lets each one register."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from types import ModuleType


@cache
def import_package_modules(package: str, skip: frozenset[str] = frozenset()) -> list[ModuleType]:
    """Import each module of `package` (but those named in `skip`) once per process."""
    parent = importlib.import_module(package)
    return [
        importlib.import_module(f"{package}.{module.name}")
        for module in sorted(pkgutil.iter_modules(parent.__path__), key=lambda m: m.name)
        if module.name not in skip
    ]
