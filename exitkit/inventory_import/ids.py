"""Asset ids from the names sources use: lower case, `[a-z0-9._-]`, at most 64, never `..`."""

from __future__ import annotations

import re

from exitkit.inventory.models import ASSET_ID_PATTERN

_OUTSIDE = re.compile(r"[^a-z0-9._-]+")
_REPEATS = re.compile(r"([._-])[._-]+")
_VALID = re.compile(ASSET_ID_PATTERN)


def derive_id(name: str) -> str | None:
    """`Core-SW 1.par1` -> `core-sw-1.par1`; None when nothing usable is left."""
    text = _OUTSIDE.sub("-", name.strip().lower())
    text = _REPEATS.sub(lambda match: match.group(1), text)
    text = text.lstrip("._-")[:64].rstrip("._-")
    return text if _VALID.match(text) and ".." not in text else None
