"""What every emulated CLI shares: the reply to a line, abbreviated commands and output pipes."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol


@dataclass
class Reply:
    """What the device sends back for one line typed."""

    lines: list[str] = field(default_factory=list)
    dump: bool = False  # a configuration dump: where DROP_MID_OUTPUT strikes
    paged: bool = True  # subject to the pager unless paging was turned off
    close: bool = False  # the session ends after the output
    ask: str | None = None  # a question shown instead of the prompt ("Password: ")


class Cli(Protocol):
    """A device CLI driven one typed line at a time by the SSH session."""

    page_length: int  # 0: paging disabled
    hide_input: bool  # the next line is a password: do not echo it

    def greeting(self) -> str: ...
    def start_exec(self) -> None: ...
    def prompt(self) -> str: ...
    def handle(self, line: str) -> Reply: ...


def match(words: list[str], pattern: str) -> list[str] | None:
    """Match typed words against a command such as `terminal length <n>`.

    Every typed word may abbreviate the command word (`sh run`); `<x>` takes any one word.
    Returns the arguments, or None when the words do not make this command.
    """
    expected = pattern.split()
    if len(words) != len(expected):
        return None
    args: list[str] = []
    for typed, word in zip(words, expected, strict=True):
        if word.startswith("<"):
            args.append(typed)
        elif not typed or not word.startswith(typed.lower()):
            return None
    return args


Handler = Callable[[list[str]], Reply]


def dispatch(words: list[str], table: list[tuple[str, Handler]]) -> Reply | None:
    """Run the first command of `table` that the words make; None when none does."""
    for pattern, handler in table:
        args = match(words, pattern)
        if args is not None:
            return handler(args)
    return None


def split_pipes(line: str) -> tuple[str, list[str]]:
    """`show run | include x` -> ("show run", ["include x"])."""
    command, *pipes = re.split(r"\s+\|\s+", line)  # `include a|b` keeps its regex
    return command.strip(), [p.strip() for p in pipes if p.strip()]


def _section(lines: list[str], pattern: str) -> list[str]:
    out: list[str] = []
    keep = False
    for line in lines:
        if not line.startswith(" "):
            keep = bool(re.search(pattern, line))
        if keep:
            out.append(line)
    return out


def filter_lines(lines: list[str], pipe: str) -> list[str] | None:
    """Apply one output filter (Cisco and Junos spellings); None when the filter is unknown."""
    verb, _, pattern = pipe.partition(" ")
    verb = verb.lower()
    if (verb and "include".startswith(verb)) or verb == "match":
        return [line for line in lines if re.search(pattern, line)]
    if (verb and "exclude".startswith(verb)) or verb == "except":
        return [line for line in lines if not re.search(pattern, line)]
    if verb and "begin".startswith(verb):
        start = next((i for i, line in enumerate(lines) if re.search(pattern, line)), len(lines))
        return lines[start:]
    if verb and "section".startswith(verb) and len(verb) > 1:
        return _section(lines, pattern)
    if verb == "count":
        return [f"Count: {len(lines)} lines"]
    return None
