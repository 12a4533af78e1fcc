"""The one exception family of exitkit: every message is written for the person at the terminal."""

from __future__ import annotations


class ExitkitError(Exception):
    """A problem the user can act on; the CLI prints it on one line and exits 2."""

    exit_code = 2


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
