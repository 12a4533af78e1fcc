"""The configuration of a Cisco-style device (IOS, NX-OS, EOS): a tree of lines edited like the CLI.

Lines typed in configuration mode land in the current sub-mode; indented lines (as found in a
`show running-config` pasted back) nest by indentation, unindented ones the way the CLI would.
"""

from __future__ import annotations

import copy
import enum
from dataclasses import dataclass, field

from exitkit.sandbox.devices.dialect import (
    GLOBAL_WORDS,
    INTERFACE_IP_WORDS,
    SINGLE_VALUED,
    Dialect,
    section_rank,
)


@dataclass
class ConfigLine:
    """One configuration line and the sub-mode lines under it."""

    text: str
    children: list[ConfigLine] = field(default_factory=list)


class Outcome(enum.Enum):
    """What a line typed in configuration mode did."""

    APPLIED = "applied"
    LEAVE = "leave"  # `end`, or `exit` at the top level
    INVALID = "invalid"


@dataclass
class _Frame:
    node: ConfigLine
    indent: int
    mode: str
    opener: bool  # entered by a sub-mode command (accepts unindented children)
    indented: bool | None = None  # how its children arrived so far


def _starts(text: str, prefix: str) -> bool:
    return text == prefix or text.startswith(prefix + " ")


def _mode_for(table: tuple[tuple[str, str], ...], text: str) -> str | None:
    for prefix, mode in table:
        if _starts(text, prefix):
            return mode
    return None


def _single_key(text: str) -> str | None:
    if text.endswith(" secondary"):
        return None
    for prefix, words in SINGLE_VALUED:
        if _starts(text, prefix):
            return " ".join(text.split()[:words])
    return None


class CiscoConfig:
    """A running (or startup) configuration of one Cisco-style device."""

    def __init__(self, dialect: Dialect, text: str = "") -> None:
        self.dialect = dialect
        self.root = ConfigLine("")
        if text:
            self.load(text)

    def load(self, text: str) -> None:
        """Replace the whole configuration with `text` (a `show running-config` body)."""
        self.root = ConfigLine("")
        editor = ConfigEditor(self)
        for line in text.splitlines():
            editor.enter(line)

    def copy(self) -> CiscoConfig:
        clone = CiscoConfig(self.dialect)
        clone.root = copy.deepcopy(self.root)
        return clone

    def hostname(self) -> str:
        for line in self.root.children:
            if line.text.startswith("hostname "):
                return line.text.split(maxsplit=1)[1]
        return self.dialect.default_hostname

    def body_lines(self) -> list[str]:
        """The configuration as the device shows it, without headers or volatile lines."""
        d = self.dialect
        items = sorted(self.root.children, key=lambda c: section_rank(d.section_order, c.text))
        out: list[str] = [d.version_line] if d.version_line else []
        prev_rank, prev_block = -1, False
        for index, item in enumerate(items):
            rank = section_rank(d.section_order, item.text)
            if index and (item.children or prev_block or rank != prev_rank):
                out.append(d.separator)
            out.extend(self._render(item, 0))
            prev_rank, prev_block = rank, bool(item.children)
        return out

    def _render(self, line: ConfigLine, depth: int) -> list[str]:
        out = [self.dialect.indent * depth + line.text]
        for child in line.children:
            out.extend(self._render(child, depth + 1))
        return out


class ConfigEditor:
    """The state of one configuration-mode session: which sub-mode lines go into."""

    def __init__(self, config: CiscoConfig) -> None:
        self.config = config
        self._stack = [_Frame(config.root, -1, "config", opener=False)]

    @property
    def mode(self) -> str:
        """The prompt's mode name, e.g. `config-if`."""
        return self._stack[-1].mode

    def enter(self, raw: str) -> Outcome:
        line = raw.rstrip()
        text = line.strip()
        indent = len(line) - len(line.lstrip())
        d = self.config.dialect
        if not text:
            return Outcome.APPLIED
        if text.startswith("!"):
            if indent == 0:
                del self._stack[1:]
            return Outcome.APPLIED
        if text in ("end", "exit"):
            return self._leave(text)
        if any(text.startswith(p) for p in d.rejected):
            return Outcome.INVALID
        if any(text.startswith(p) for p in d.ignored):
            return Outcome.APPLIED
        parent = self._parent_for(text, indent)
        node = self._apply(parent.node, text)
        if node is not None:
            self._maybe_push(node, parent, indent)
        return Outcome.APPLIED

    def _leave(self, text: str) -> Outcome:
        if text == "end" or len(self._stack) == 1:
            del self._stack[1:]
            return Outcome.LEAVE
        self._stack.pop()
        return Outcome.APPLIED

    def _parent_for(self, text: str, indent: int) -> _Frame:
        stack = self._stack
        if indent > 0:
            while len(stack) > 1 and stack[-1].indent >= indent:
                stack.pop()
            stack[-1].indented = True
            return stack[-1]
        while len(stack) > 1:
            frame = stack[-1]
            if frame.opener and frame.indented is not True and self._belongs_in(text, frame):
                frame.indented = False
                return frame
            stack.pop()
        return stack[0]

    def _belongs_in(self, text: str, frame: _Frame) -> bool:
        """Whether an unindented line typed in a sub-mode is a sub-mode command."""
        if text.startswith("no "):
            text = text[3:]
        words = text.split()
        if _mode_for(self.config.dialect.openers, text) is not None:
            return False
        if words[0] in ("ip", "ipv6"):
            return (
                frame.mode.startswith("config-if")
                and words[1:2] != []
                and (words[1] in INTERFACE_IP_WORDS)
            )
        if words[:2] in (["vrf", "member"], ["vrf", "forwarding"]):
            return True
        return words[0] not in GLOBAL_WORDS

    def _maybe_push(self, node: ConfigLine, parent: _Frame, indent: int) -> None:
        d = self.config.dialect
        if parent.indent < 0:
            mode = _mode_for(d.openers, node.text)
            self._stack.append(_Frame(node, 0, mode or "config", opener=mode is not None))
            return
        mode = _mode_for(d.sub_openers, node.text)
        if indent > 0 or mode is not None:
            self._stack.append(_Frame(node, indent, mode or parent.mode, opener=mode is not None))

    @staticmethod
    def _apply(parent: ConfigLine, text: str) -> ConfigLine | None:
        """Add, replace or remove `text` under `parent`; return the line now in place."""
        kids = parent.children
        for verb in ("no ", "default "):
            if text.startswith(verb):
                target = text[len(verb) :]
                kept = [c for c in kids if not _starts(c.text, target)]
                removed = len(kept) != len(kids)
                kids[:] = kept
                if removed or verb == "default ":
                    return None
        kids[:] = [c for c in kids if c.text != "no " + text]
        for child in kids:
            if child.text == text:
                return child
        key = _single_key(text)
        if key is not None:
            for child in kids:
                if _single_key(child.text) == key:
                    child.text = text
                    return child
        kids.append(ConfigLine(text))
        return kids[-1]
