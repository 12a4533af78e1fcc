"""Replace every secret in a configuration with `<redacted>`, keeping the line and counting each.

The line stays (`enable secret 5 <redacted>`) so the configuration remains readable and
diffable; unknown platforms fall back to every rule of every platform.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from exitkit.netconfig.platforms import platform_of, platforms
from exitkit.netconfig.secrets import SecretRule

REDACTED = "<redacted>"


@dataclass(frozen=True)
class Redacted:
    text: str
    count: int  # secret values replaced


def rules_for(device_type: str) -> tuple[SecretRule, ...]:
    """The platform's rules; for a platform exitkit does not know, every rule of every one."""
    platform = platform_of(device_type)
    if platform is not None:
        return platform.secrets
    return tuple(rule for known in platforms().values() for rule in known.secrets)


@cache
def _trigger(rules: tuple[SecretRule, ...]) -> re.Pattern[str]:
    """Matches any line that some rule might match: most lines are skipped on this one test."""
    words = sorted({word for rule in rules for word in rule.needs})
    return re.compile("|".join(re.escape(word) for word in words))


def _applies(rule: SecretRule, line: str, parent: str | None) -> bool:
    if not any(word in line for word in rule.needs):
        return False
    if rule.free_text is not None and rule.free_text.search(line):
        return False
    if rule.under is not None and (parent is None or not rule.under.search(parent)):
        return False
    return rule.not_under is None or parent is None or not rule.not_under.search(parent)


def _spans(line: str, parent: str | None, rules: tuple[SecretRule, ...]) -> list[tuple[int, int]]:
    """Merged (start, end) of every secret value in `line`, already-redacted ones left out."""
    found: list[tuple[int, int]] = []
    for rule in rules:
        if not _applies(rule, line, parent):
            continue
        for match in rule.pattern.finditer(line):
            start, end = match.span("s")
            if end > start:
                found.append((start, end))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return [(s, e) for s, e in merged if line[s:e].strip('"') != REDACTED]


def redact_line(line: str, parent: str | None, rules: tuple[SecretRule, ...]) -> tuple[str, int]:
    """One line redacted; `parent` is the top-level line a nested line sits under."""
    spans = _spans(line, parent, rules)
    for start, end in reversed(spans):
        line = line[:start] + REDACTED + line[end:]
    return line, len(spans)


def redact(device_type: str, text: str) -> Redacted:
    """`text` with each secret value replaced, line by line."""
    rules = rules_for(device_type)
    trigger = _trigger(rules)
    out: list[str] = []
    count = 0
    top = ""
    for line in text.split("\n"):
        nested = line[:1] in (" ", "\t")
        if not nested and line:
            top = line
        if not trigger.search(line):
            out.append(line)
            continue
        clean, found = redact_line(line, top if nested else None, rules)
        out.append(clean)
        count += found
    return Redacted("\n".join(out), count)
