"""How a device's answer that is not a configuration is told to a person: its refusal line or
first line, redacted and cut short, so no device output beyond it reaches a record or message."""

from __future__ import annotations

from exitkit.netconfig.faults import UNEXPECTED, DeviceFailure
from exitkit.netconfig.platform import Platform
from exitkit.netconfig.redact import redact

_SHOWN = 120


def describe(platform: Platform, command: str, text: str) -> str:
    """`'show startup-config' answered 'Command authorization failed.', not a configuration`."""
    lines = [line.strip() for line in text.splitlines() if any(c.isalnum() for c in line)]
    refusal = platform.refusal.search(text)
    first = refusal.group(0).strip() if refusal else (lines[0] if lines else "(nothing)")
    shown = redact(platform.device_type, first[:_SHOWN]).text
    printable = "".join(c if c.isprintable() else "?" for c in shown)
    return f"{command!r} answered {printable!r}, not a configuration"


def unexpected(platform: Platform, command: str, text: str) -> DeviceFailure:
    return DeviceFailure(UNEXPECTED, describe(platform, command, text))
