"""Normalise a configuration as read: drop the lines that change on every read (timestamps, byte
counts, clock drift), so that two exports of an unchanged device are byte-identical."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from exitkit.netconfig.platforms import platform_of


@dataclass(frozen=True)
class Normalised:
    text: str
    dropped: int  # volatile lines removed


@cache
def _volatile(device_type: str) -> re.Pattern[str]:
    platform = platform_of(device_type)
    patterns = platform.volatile if platform else ()
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
