"""Shared by the per-platform redaction tests: forms written with their secret value marked
«like this», the sample configurations, and the checks every platform's redaction passes."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import strategies as st

from exitkit.netconfig.normalise import normalise
from exitkit.netconfig.redact import REDACTED, Redacted, redact

CONFIGS = Path(__file__).parent / "configs"
SECRET = re.compile("«([^»]*)»")
# A key or a password as a device shows it: printable, no blank, not a quoted string, and not a
# lone digit (which the CLIs read as the encryption-type marker before a value).
VALUES = st.text(
    st.characters(min_codepoint=33, max_codepoint=126), min_size=1, max_size=40
).filter(lambda v: not v.startswith('"') and not (len(v) == 1 and v.isdigit()))


def redacted_form(platform: str, marked: str) -> Redacted:
    """The form redacted, once its marked values, and nothing else, are seen to be hidden."""
    redacted = redact(platform, SECRET.sub(r"\1", marked))
    assert redacted.text == SECRET.sub(REDACTED, marked)
    return redacted


def assert_form_hides_its_value(platform: str, marked: str) -> None:
    """The marked values, and nothing else, come out redacted; redacting again changes nothing."""
    redacted = redacted_form(platform, marked)
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


def assert_template_hides(platform: str, template: str, value: str) -> None:
    """`value` put in every `{}` of a secret form's template comes out redacted, the rest kept."""
    n = max(template.count("{}"), 1)
    redacted = redact(platform, template.format(*[value] * n)).text
    assert redacted == template.format(*[REDACTED] * n)


def assert_sample_loses_its_secrets(platform: str, name: str, dropped: int) -> None:
    """The sample configuration `name`, normalised (dropping `dropped` lines) and redacted, holds
    none of the values listed in `name.secrets`, and differs from its source only there."""
    source = (CONFIGS / name).read_text()
    secrets = (CONFIGS / f"{name}.secrets").read_text().split()
    normalised = normalise(platform, source)

    redacted = redact(platform, normalised.text)

    assert normalised.dropped == dropped
    assert [s for s in secrets if s in redacted.text] == []
    assert redacted.count == len(secrets)
    assert_only_values_changed(normalised.text, redacted.text)


def assert_secrets_gone_and_lines_kept(source: str, clean: str, secrets: list[str]) -> set[str]:
    """No secret left in `clean`, and every line of `source` holding none kept; the kept lines."""
    assert [s for s in secrets if s and s in clean] == []
    kept = set(clean.splitlines())
    untouched = [line for line in source.splitlines() if not any(s and s in line for s in secrets)]
    assert [line for line in untouched if line not in kept] == []
    return kept
