"""Normalise a configuration as read: drop the lines that change on every read (timestamps, byte
counts, clock drift), so that two exports of an unchanged device are byte-identical."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Whole lines that are about the read, not the configuration, per platform (netmiko device_type).
_CISCO_IOS = (
    r"Building configuration\.\.\.",
    r"Current configuration ?: \d+ bytes",
    r"Using \d+ out of \d+ bytes(?:, uncompressed size = \d+ bytes)?",
    r"! Last configuration change at .*",
    r"! NVRAM config last updated at .*",
    r"! No configuration change since last restart",
    r"ntp clock-period \d+",
)
_NXOS = (
    r"!Command: show (?:running|startup)-config.*",
    r"!Running configuration last done at: .*",
    r"!Time: .*",
    r"!Startup config saved at: .*",
)
_EOS = (
    r"! Command: show (?:running|startup)-config.*",
    r"! Time: .*",
    r"! Startup-config last modified at .*",
)
_JUNOS = (
    r"## Last commit: .*",
    r"## Last changed: .*",
    r"\{(?:master|backup|primary|secondary|linecard|fpc)\d*(?::\d+)?\}",
)

VOLATILE: dict[str, tuple[str, ...]] = {
    "cisco_ios": _CISCO_IOS,
    "cisco_xe": _CISCO_IOS,
    "cisco_nxos": _NXOS,
    "arista_eos": _EOS,
    "juniper_junos": _JUNOS,
}


@dataclass(frozen=True)
class Normalised:
    text: str
    dropped: int  # volatile lines removed


def _volatile(device_type: str) -> re.Pattern[str]:
    patterns = VOLATILE.get(device_type, ())
    return re.compile("^(?:" + "|".join(patterns or ("(?!)",)) + r")$")


def normalise(device_type: str, raw: str) -> Normalised:
    """`raw` with Unix line ends, no trailing blanks, no volatile line, one final newline."""
    volatile = _volatile(device_type)
    kept: list[str] = []
    dropped = 0
    for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = line.rstrip()
        if volatile.match(line.strip()):
            dropped += 1
            continue
        kept.append(line)
    while kept and not kept[0]:
        kept.pop(0)
    while kept and not kept[-1]:
        kept.pop()
    return Normalised("\n".join(kept) + "\n" if kept else "", dropped)
