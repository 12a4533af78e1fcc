"""The one scrubber: secret values removed from text before it reaches a record or a terminal."""

from __future__ import annotations

from collections.abc import Iterable

REDACTED = "<redacted>"


def scrub(text: str, secrets: Iterable[str]) -> str:
    """`text` with every one of `secrets` replaced by `<redacted>`, the longest first (a secret
    that contains another is removed whole)."""
    for secret in sorted({s for s in secrets if s}, key=len, reverse=True):
        text = text.replace(secret, REDACTED)
    return text
