"""Text from a bundle made harmless for a terminal: control characters are shown, not obeyed.

An estate name or a file name chosen by the bundle's author must not move the cursor, retitle
the window or print a line of its own (a fake `result: OK`), so each is escaped as \\xNN or
\\uNNNN before it is printed.
"""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, line and paragraph separators, bidirectional overrides and marks,
# zero-width characters, the byte-order mark, and lone surrogates (undecodable file names)
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def inert(text: str) -> str:
    """`text` with every character that a terminal would act on written as an escape."""
    return _UNSAFE.sub(_escape, text)


def has_controls(text: str) -> bool:
    return _UNSAFE.search(text) is not None
