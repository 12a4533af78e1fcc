"""Command groups beyond the core; each module here exposes `commands: list[click.Command]`.

Modules import heavy dependencies inside the command functions: `exitkit --help` stays fast.
"""

from __future__ import annotations

import importlib
import pkgutil

import click


def all_commands() -> list[click.Command]:
    found: list[click.Command] = []
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        found.extend(importlib.import_module(f"{__name__}.{module.name}").commands)
    return found
