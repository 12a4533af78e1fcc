"""Private keys written as PEM blocks across lines (FortiOS `set private-key "-----BEGIN ...`,
PAN-OS `<private-key>`): the base64 body between the markers is the secret. The markers, the
quotes and everything around them stay; each line of the body becomes `<redacted>`.

The line-by-line redactor cannot see a block (its body lines carry no keyword), so this runs over
the whole text before it; certificates (`BEGIN CERTIFICATE`) are public and stay.
"""

from __future__ import annotations

import re

from exitkit.scrubbing import REDACTED

_BEGIN = re.compile(r"-----BEGIN (?P<kind>(?:[A-Z0-9]+ )*PRIVATE KEY)-----")
_END = "-----END {kind}-----"


def redact_private_keys(text: str) -> tuple[str, int]:
    """`text` with the body of every PEM private key replaced; the number of lines replaced
    (one secret value each, as the line-by-line count has it).
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
        if all(line.strip() in ("", REDACTED) for line in body.split("\n")):
            continue  # empty, or redacted already
        out.append(text[position : begin.end()])
        out.append(_replacement(body))
        count += sum(1 for line in body.split("\n") if line.strip())
        position = body_end
    out.append(text[position:])
    return "".join(out), count


def _replacement(body: str) -> str:
    """Each line of the body replaced by `<redacted>`, its line breaks kept, so the redacted file
    still lines up with the device's line for line."""
    parts = body.split("\n")
    return "\n".join(REDACTED if part.strip() else part for part in parts)
