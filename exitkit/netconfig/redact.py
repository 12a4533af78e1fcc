"""Replace every secret value in a configuration with `<redacted>`, keeping the line and counting.

Only the value goes (`enable secret 5 <redacted>`, `secret "<redacted>"`): the rest of the line,
and every line without a secret, stays byte for byte, so the configuration remains readable and
diffable. Banners and login messages are prose and are never touched. Unknown platforms fall back
to every rule of every platform.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from exitkit.netconfig.pem_blocks import redact_private_keys
from exitkit.netconfig.platforms import platform_of, platforms
from exitkit.netconfig.secrets import ProseBlock, SecretRule
from exitkit.scrubbing import REDACTED as REDACTED

_INNER_QUOTE = re.compile(r'(?<!\\)"')


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


def prose_for(device_type: str) -> tuple[ProseBlock, ...]:
    """The platform's banner and message blocks; for an unknown platform, every one's."""
    platform = platform_of(device_type)
    if platform is not None:
        return platform.prose
    return tuple(dict.fromkeys(b for known in platforms().values() for b in known.prose))


@dataclass(frozen=True)
class _Plan:
    """A platform's rules indexed by trigger word: one regex test skips most lines, and a line
    that passes is tried only against the rules one of its words belongs to."""

    trigger: re.Pattern[str]
    rules_by_word: tuple[tuple[str, tuple[SecretRule, ...]], ...]

    def candidates(self, line: str) -> list[SecretRule]:
        found = {id(r): r for word, rules in self.rules_by_word if word in line for r in rules}
        return list(found.values())


@cache
def _plan(rules: tuple[SecretRule, ...]) -> _Plan:
    words = sorted({word for rule in rules for word in rule.needs})
    trigger = re.compile("|".join(re.escape(word) for word in words))
    by_word = tuple((w, tuple(r for r in rules if w in r.needs)) for w in words)
    return _Plan(trigger, by_word)


def _applies(rule: SecretRule, line: str, parent: str | None, prose: dict[str, bool]) -> bool:
    if rule.free_text is not None:
        key = rule.free_text.pattern
        if key not in prose:
            prose[key] = rule.free_text.search(line) is not None
        if prose[key]:
            return False
    if rule.under is not None and (parent is None or not rule.under.search(parent)):
        return False
    return rule.not_under is None or parent is None or not rule.not_under.search(parent)


def _unquoted(line: str, start: int, end: int) -> tuple[int, int]:
    """The value inside its quotes: the quotes delimit the secret and stay."""
    text = line[start:end]
    if not text.startswith('"'):
        return start, end
    inner = text[1:-1] if len(text) > 1 and text.endswith('"') else text[1:]
    if not inner or _INNER_QUOTE.search(inner):  # not one quoted value: hide all of it
        return start, end
    return start + 1, start + 1 + len(inner)


def _spans(line: str, parent: str | None, rules: list[SecretRule]) -> list[tuple[int, int]]:
    """Merged (start, end) of every secret value in `line`, already-redacted ones left out."""
    found: list[tuple[int, int]] = []
    prose: dict[str, bool] = {}  # free-text verdicts, shared by rules with the same pattern
    for rule in rules:
        if not _applies(rule, line, parent, prose):
            continue
        for match in rule.pattern.finditer(line):
            start, end = _unquoted(line, *match.span("s"))
            if end > start:
                found.append((start, end))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return [(s, e) for s, e in merged if line[s:e] != REDACTED]


def redact_line(line: str, parent: str | None, rules: tuple[SecretRule, ...]) -> tuple[str, int]:
    """One line redacted; `parent` is the top-level line a nested line sits under."""
    return _redacted(line, parent, _plan(rules).candidates(line))


def _redacted(line: str, parent: str | None, rules: list[SecretRule]) -> tuple[str, int]:
    spans = _spans(line, parent, rules)
    for start, end in reversed(spans):
        line = line[:start] + REDACTED + line[end:]
    return line, len(spans)


def _block_end(lines: list[str], first: int, block: ProseBlock, opened: re.Match[str]) -> int:
    """The index of the line closing a block opened on `lines[first]`, -1 if none does."""
    closes = block.closing(opened)
    if closes.search(lines[first][opened.end() :]):
        return first
    for index in range(first + 1, len(lines)):
        if closes.search(lines[index]):
            return index
    return -1


@cache
def _anywhere(pattern: re.Pattern[str]) -> re.Pattern[str]:
    return re.compile(pattern.pattern, pattern.flags | re.MULTILINE)


def prose_lines(text: str, lines: list[str], blocks: tuple[ProseBlock, ...]) -> set[int]:
    """Indexes of the lines inside banners, login messages and annotations."""
    openings = sorted(
        (text.count("\n", 0, found.start()), order)
        for order, block in enumerate(blocks)
        for found in _anywhere(block.opens).finditer(text)
    )
    prose: set[int] = set()
    for index, order in openings:
        opened = blocks[order].opens.match(lines[index])
        if index in prose or opened is None:
            continue
        end = _block_end(lines, index, blocks[order], opened)
        if end >= 0:
            prose.update(range(index, end + 1))
    return prose


def _lines_with(text: str, trigger: re.Pattern[str]) -> Iterator[int]:
    """Indexes of the lines holding a trigger word, found by the regex engine, not line by line."""
    index, counted = 0, 0
    found = trigger.search(text)
    while found is not None:
        index += text.count("\n", counted, found.start())
        yield index
        counted = text.find("\n", found.start())
        if counted < 0:
            return
        found = trigger.search(text, counted + 1)


def _parent(lines: list[str], index: int, prose: set[int]) -> str | None:
    """The top-level line a nested line sits under (None for a top-level line)."""
    if lines[index][:1] not in (" ", "\t"):
        return None
    for above in range(index - 1, -1, -1):
        line = lines[above]
        if line and line[0] not in " \t" and above not in prose:
            return line
    return ""


def redact(device_type: str, text: str) -> Redacted:
    """`text` with each secret value replaced: PEM private-key bodies first (a block spans lines
    that carry no keyword), then line by line."""
    text, count = redact_private_keys(text)
    plan = _plan(rules_for(device_type))
    lines = text.split("\n")
    prose = prose_lines(text, lines, prose_for(device_type))
    for index in _lines_with(text, plan.trigger):
        if index in prose:
            continue
        line = lines[index]
        clean, found = _redacted(line, _parent(lines, index, prose), plan.candidates(line))
        lines[index] = clean
        count += found
    return Redacted("\n".join(lines), count)
