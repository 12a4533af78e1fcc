"""The configuration of a Junos device: a hierarchy built from `set` lines.

It is shown in curly braces (`show configuration`) or back as `set` lines (`| display set`).
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field

from exitkit.sandbox.devices.dialect import Dialect, section_rank

_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|\S+')
_SECRET = re.compile(r'"\$[1569]\$')

# A small schema: enough to place every statement of the emulated configs where Junos would.


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_CONTAINERS = _words(
    """system login authentication root-authentication services ssh netconf syslog snmp
    protocols ospf ospf3 bgp interfaces routing-options security ike ipsec chassis ntp static
    policy-options firewall lldp vlans tacplus-server radius-server forwarding-options
    routing-instances zones"""
)
_NAMED = _words(
    """user unit family group neighbor area interface community host file policy proposal
    gateway vpn term policy-statement security-zone filter prefix-list"""
)
_NAME_LISTS = _words("interfaces tacplus-server radius-server vlans routing-instances")
_SINGLE = _words(
    """version host-name domain-name time-zone encrypted-password description uid class secret
    authentication-key location contact router-id autonomous-system peer-as type mtu root-login
    authentication-order ike-policy authentication-method pre-shared-key"""
)


def tokens(text: str) -> list[str]:
    """Split a Junos command into words, keeping quoted strings whole."""
    return _TOKEN.findall(text)


@dataclass
class JunosNode:
    """A container (with children) or a leaf statement (`leaf=True`)."""

    label: str
    children: list[JunosNode] = field(default_factory=list)
    leaf: bool = False

    def child(self, label: str) -> JunosNode:
        for node in self.children:
            if node.label == label and not node.leaf:
                return node
        self.children.append(JunosNode(label))
        return self.children[-1]


def split_path(words: list[str]) -> tuple[list[str], str | None]:
    """Cut a `set` path into container labels and the trailing leaf statement (if any)."""
    labels: list[str] = []
    parent, i = "", 0
    while i < len(words):
        word = words[i]
        if parent in _NAME_LISTS:
            labels.append(word)
            i += 1
        elif word in _NAMED and i + 1 < len(words):
            labels.append(f"{word} {words[i + 1]}")
            i += 2
        elif word in _CONTAINERS:
            labels.append(word)
            i += 1
        else:
            return labels, " ".join(words[i:])
        parent = word
    return labels, None


def _leaf_key(statement: str) -> str:
    first = statement.split(maxsplit=1)[0]
    return first if first in _SINGLE else statement


class JunosConfig:
    """A committed (or candidate) Junos configuration."""

    def __init__(self, dialect: Dialect, text: str = "") -> None:
        self.dialect = dialect
        self.root = JunosNode("")
        if text:
            self.load(text)

    def load(self, text: str) -> None:
        """Replace everything with `text`: `set` lines or a curly-brace configuration."""
        self.root = JunosNode("")
        lines = text.splitlines()
        if not any(line.startswith("set ") for line in lines):
            lines = braces_to_set(text)
        for line in lines:
            if line.startswith("set "):
                self.set(tokens(line)[1:])

    def copy(self) -> JunosConfig:
        clone = JunosConfig(self.dialect)
        clone.root = copy.deepcopy(self.root)
        return clone

    def hostname(self) -> str:
        for line in self.set_lines():
            if line.startswith("set system host-name "):
                return line.split()[3]
        return self.dialect.default_hostname

    def set(self, words: list[str]) -> None:
        labels, statement = split_path(words)
        node = self.root
        for label in labels:
            node = node.child(label)
        if statement is None:
            return
        key = _leaf_key(statement)
        for child in node.children:
            if child.leaf and _leaf_key(child.label) == key:
                child.label = statement
                return
        node.children.append(JunosNode(statement, leaf=True))

    def delete(self, words: list[str]) -> bool:
        """Remove a container or statement; False when nothing matched."""
        labels, statement = split_path(words)
        trail = [self.root]
        for label in labels:
            found = [c for c in trail[-1].children if c.label == label and not c.leaf]
            if not found:
                return False
            trail.append(found[0])
        if statement is None and len(trail) == 1:
            self.root.children.clear()
            return True
        if statement is None:
            doomed = trail.pop()
            trail[-1].children.remove(doomed)
        else:
            kids = trail[-1].children
            kept = [c for c in kids if not (c.leaf and _matches(c.label, statement))]
            if len(kept) == len(kids):
                return False
            kids[:] = kept
        for parent, node in zip(reversed(trail[:-1]), reversed(trail[1:]), strict=True):
            if not node.children:
                parent.children.remove(node)
        return True

    def _top(self) -> list[JunosNode]:
        order = self.dialect.section_order
        return sorted(self.root.children, key=lambda n: section_rank(order, n.label))

    def brace_lines(self) -> list[str]:
        """The configuration as `show configuration` prints it (without the commit header)."""
        out: list[str] = []
        for node in self._top():
            _render(node, 0, self.dialect.indent, out)
        return out

    def set_lines(self) -> list[str]:
        """The configuration as `show configuration | display set` prints it."""
        out: list[str] = []
        for node in self._top():
            _flatten(node, [], out)
        return out


def _matches(leaf: str, statement: str) -> bool:
    return leaf == statement or leaf.startswith(statement + " ")


def _render(node: JunosNode, depth: int, indent: str, out: list[str]) -> None:
    pad = indent * depth
    if node.leaf or not node.children:
        note = " ## SECRET-DATA" if _SECRET.search(node.label) else ""
        out.append(f"{pad}{node.label};{note}")
        return
    out.append(f"{pad}{node.label} {{")
    for child in node.children:
        _render(child, depth + 1, indent, out)
    out.append(f"{pad}}}")


def _flatten(node: JunosNode, path: list[str], out: list[str]) -> None:
    here = [*path, node.label]
    if node.leaf or not node.children:
        out.append("set " + " ".join(here))
        return
    for child in node.children:
        _flatten(child, here, out)


def braces_to_set(text: str) -> list[str]:
    """Turn a curly-brace configuration into the equivalent `set` lines."""
    stack: list[str] = []
    out: list[str] = []
    for raw in text.splitlines():
        line = re.sub(r"\s*##.*$", "", raw).strip()
        if not line or line.startswith(("#", "/*")):
            continue
        if line.endswith("{"):
            stack.append(line[:-1].strip())
        elif line == "}":
            if stack:
                stack.pop()
        elif line.endswith(";"):
            out.append("set " + " ".join([*stack, line[:-1].strip()]))
    return out
