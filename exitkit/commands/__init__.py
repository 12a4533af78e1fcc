"""Command groups beyond the core; each module here exposes `commands: list[click.Command]`,
and may add commands to a core group (`inventory`) through `subcommands: {group: [command]}`.

Modules import heavy dependencies inside the command functions: `exitkit --help` stays fast.
"""

from __future__ import annotations

import click

from exitkit.plugins import import_package_modules


def all_commands() -> list[click.Command]:
    return [command for module in import_package_modules(__name__) for command in module.commands]


def subcommands() -> list[tuple[str, click.Command]]:
    """(core group name, command) pairs that command modules add to groups of cli.py."""
    return [
        (group, command)
        for module in import_package_modules(__name__)
        for group, added in getattr(module, "subcommands", {}).items()
        for command in added
    ]
