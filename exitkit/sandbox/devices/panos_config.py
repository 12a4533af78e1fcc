"""The configuration of a PAN-OS firewall: a tree built from `set` commands, shown back as `set`
commands or as the XML of `show config running` (entries as `<entry name="...">`, lists as
`<member>`), with the device and vsys levels the `set` paths leave implicit."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from exitkit.sandbox.devices.cisco_config import CiscoConfig
from exitkit.sandbox.devices.dialect import Dialect

_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|\[|\]|[^\s\[\]]+')


# Containers whose children are named entries (`<entry name="...">`).
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


ENTRY_LISTS = _words(
    """users user email ipsec md5 view ethernet loopback zone rules address address-group
    service gateway server tacplus radius ldap virtual-router auth-profile ike-crypto-profiles
    ipsec-crypto-profiles certificate static-route peer-group peer views area"""
)
_DEVICE = frozenset(("deviceconfig", "network"))  # under /config/devices/entry
_TOP = frozenset(("mgt-config", "shared"))  # directly under /config


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def open_quote(text: str) -> bool:
    """Whether a line leaves a quoted value open (a banner goes on over the next lines)."""
    return len(re.findall(r'(?<!\\)"', text)) % 2 == 1


def statements(lines: list[str]) -> list[str]:
    """Lines joined where a quoted value spans several."""
    out: list[str] = []
    pending = ""
    for line in lines:
        pending = f"{pending}\n{line}" if pending else line
        if not open_quote(pending):
            out.append(pending)
            pending = ""
    return [*out, pending] if pending else out


def _unquote(word: str) -> str:
    return word[1:-1] if len(word) > 1 and word[0] == word[-1] == '"' else word


@dataclass
class PanNode:
    """One element: children by name, or a value (`members` for a `[ ... ]` list)."""

    children: dict[str, PanNode] = field(default_factory=dict)
    value: str | None = None
    members: list[str] | None = None
    entries: bool = False  # its children are named entries


class PanConfig(CiscoConfig):
    """A committed (or candidate) PAN-OS configuration."""

    def __init__(self, dialect: Dialect, text: str = "") -> None:
        self.tree = PanNode()
        super().__init__(dialect, text)

    def load(self, text: str) -> None:
        self.tree = PanNode()
        for statement in statements(text.splitlines()):
            words = tokens(statement)
            if words[:1] == ["set"]:
                self.set(words[1:])

    def copy(self) -> PanConfig:
        clone = PanConfig(self.dialect)
        clone.tree = copy.deepcopy(self.tree)
        return clone

    def set(self, words: list[str]) -> bool:
        """Apply `set <path> <value>`; False when the words are not a statement."""
        if "[" in words and words[-1:] == ["]"]:
            at = words.index("[")
            path, members = words[:at], [_unquote(w) for w in words[at + 1 : -1]]
            value = None
        elif len(words) >= 2:
            path, members, value = words[:-1], None, _unquote(words[-1])
        else:
            return False
        node = self.tree
        for word in path:
            node = node.children.setdefault(_unquote(word), PanNode())
            node.entries = node.entries or word in ENTRY_LISTS
        node.value, node.members = value, members
        node.children.clear()
        return True

    def hostname(self) -> str:
        node = self.tree
        for word in ("deviceconfig", "system", "hostname"):
            node = node.children.get(word, PanNode())
        return node.value or self.dialect.default_hostname

    def set_lines(self) -> list[str]:
        out: list[str] = []
        _flatten(self.tree, [], out)
        return out

    def body_lines(self) -> list[str]:
        return self.set_lines()

    def xml_lines(self, version: str) -> list[str]:
        """`show config running`: the whole configuration as PAN-OS stores it."""
        top = {k: v for k, v in self.tree.children.items() if k in _TOP}
        device = {k: v for k, v in self.tree.children.items() if k in _DEVICE}
        vsys = {k: v for k, v in self.tree.children.items() if k not in _TOP | _DEVICE}
        out = [f'<config version="{version}" urldb="paloaltonetworks" detail-version="{version}">']
        for name, node in top.items():
            _xml(name, node, 1, out)
        out += ["  <devices>", '    <entry name="localhost.localdomain">']
        for name, node in device.items():
            _xml(name, node, 3, out)
        out += ["      <vsys>", '        <entry name="vsys1">']
        for name, node in vsys.items():
            _xml(name, node, 5, out)
        out += ["        </entry>", "      </vsys>", "    </entry>", "  </devices>", "</config>"]
        return out


def _shown(word: str) -> str:
    return f'"{word}"' if not word or re.search(r'[\s"\[\]]', word) else word


def _flatten(node: PanNode, path: list[str], out: list[str]) -> None:
    if node.members is not None:
        out.append("set " + " ".join([*map(_shown, path), "[", *map(_shown, node.members), "]"]))
    elif node.value is not None:
        out.append("set " + " ".join(map(_shown, [*path, node.value])))
    for name, child in node.children.items():
        _flatten(child, [*path, name], out)


def _xml(name: str, node: PanNode, depth: int, out: list[str], entry: bool = False) -> None:
    pad = "  " * depth
    tag, attrs = ("entry", f" name={quoteattr(name)}") if entry else (name, "")
    if node.members is not None:
        out.append(f"{pad}<{tag}{attrs}>")
        out += [f"{pad}  <member>{escape(m)}</member>" for m in node.members]
        out.append(f"{pad}</{tag}>")
    elif node.value is not None:
        out.append(f"{pad}<{tag}{attrs}>{escape(node.value)}</{tag}>")
    else:
        out.append(f"{pad}<{tag}{attrs}>")
        for child_name, child in node.children.items():
            _xml(child_name, child, depth + 1, out, entry=node.entries)
        out.append(f"{pad}</{tag}>")
