"""Private keys written as PEM blocks across lines (FortiOS `set private-key "-----BEGIN ...`,
PAN-OS `<private-key>`): the base64 body between the markers is the secret. The markers, the
quotes and everything around them stay; the body becomes one `<redacted>` line.

The line-by-line redactor cannot see a block (its body lines carry no keyword), so this runs over
the whole text before it; certificates (`BEGIN CERTIFICATE`) are public and stay.
"""

from __future__ import annotations

import re

REDACTED = "<redacted>"
_BEGIN = re.compile(r"-----BEGIN (?P<kind>(?:[A-Z0-9]+ )*PRIVATE KEY)-----")
_END = "-----END {kind}-----"


def redact_private_keys(text: str) -> tuple[str, int]:
    """`text` with the body of every PEM private key replaced; the number of keys replaced.
    A block without its END marker is redacted to the end of the text."""
    out: list[str] = []
    count = 0
    position = 0
    for begin in _BEGIN.finditer(text):
        if begin.start() < position:
            continue  # inside a block already redacted
        end_marker = _END.format(kind=begin.group("kind"))
        end = text.find(end_marker, begin.end())
        body_end = end if end >= 0 else len(text)
        body = text[begin.end() : body_end]
        if not body.strip() or body.strip() == REDACTED:
            continue
        out.append(text[position : begin.end()])
        out.append(_replacement(body))
        count += 1
        position = body_end
    out.append(text[position:])
    return "".join(out), count


def _replacement(body: str) -> str:
    """The body's own line breaks kept at its edges: `\\n<redacted>\\n` for a multi-line body,
    `<redacted>` for a body on the marker's line."""
    lead = "\n" if body.startswith(("\n", "\r\n")) else ""
    tail = "\n" if body.endswith("\n") else ""
    return f"{lead}{REDACTED}{tail}"
