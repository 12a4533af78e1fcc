"""Shared by the per-platform redaction tests: forms written with their secret value marked
«like this», and the check that a redacted configuration differs from its source only where a
value was hidden."""

from __future__ import annotations

import re

from hypothesis import strategies as st

from exitkit.netconfig.redact import REDACTED, redact

SECRET = re.compile("«([^»]*)»")
# A key or a password as a device shows it: printable, no blank, not a quoted string, and not a
# lone digit (which the CLIs read as the encryption-type marker before a value).
VALUES = st.text(
    st.characters(min_codepoint=33, max_codepoint=126), min_size=1, max_size=40
).filter(lambda v: not v.startswith('"') and not (len(v) == 1 and v.isdigit()))


def assert_form_hides_its_value(platform: str, marked: str) -> None:
    """The marked values, and nothing else, come out redacted; redacting again changes nothing."""
    redacted = redact(platform, SECRET.sub(r"\1", marked))
    assert redacted.text == SECRET.sub(REDACTED, marked)
    assert redacted.count == len(SECRET.findall(marked))
    assert redact(platform, redacted.text).count == 0


def assert_left_alone(platform: str, text: str) -> None:
    redacted = redact(platform, text)
    assert (redacted.text, redacted.count) == (text, 0)


def assert_only_values_changed(source: str, redacted: str) -> None:
    """Line for line, a changed line keeps what stood before and after each hidden value."""
    for before, after in zip(source.splitlines(), redacted.splitlines(), strict=True):
        if before != after:
            kept = after.split(REDACTED)
            assert before.startswith(kept[0]) and before.endswith(kept[-1]), after
