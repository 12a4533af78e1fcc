"""The one exception family of exitkit: every message is written for the person at the terminal."""

from __future__ import annotations

# The exit codes of every command, defined once.
OK = 0
PROBLEM = 1  # the command ran and found a problem: incomplete, tampered, overdue, failed check
BAD_INPUT = 2  # bad input or usage: an ExitkitError
INTERNAL = 70  # a bug, never for any input
INTERRUPTED = 130  # Ctrl-C


class ExitkitError(Exception):
    """A problem the user can act on; the CLI prints it on one line and exits 2."""

    exit_code = BAD_INPUT


class UsageError(ExitkitError):
    """A command was given arguments that cannot work together."""


class InventoryError(ExitkitError):
    """The estate file cannot be read or does not follow the inventory format."""


class PlanError(ExitkitError):
    """The exit plan cannot be read or does not follow the plan format."""


class BundleError(ExitkitError):
    """A bundle cannot be written or read at all (not: a bundle that fails verification)."""


class KeyFileError(ExitkitError):
    """A signing or verification key cannot be read or written."""
