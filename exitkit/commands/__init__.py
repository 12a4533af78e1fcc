"""Command groups beyond the core; each module here exposes `commands: list[click.Command]`.

Modules import heavy dependencies inside the command functions: `exitkit --help` stays fast.
"""

from __future__ import annotations

import click

from exitkit.plugins import import_package_modules


def all_commands() -> list[click.Command]:
    return [command for module in import_package_modules(__name__) for command in module.commands]
