"""The configuration of a FortiGate: `config <table>` / `edit <entry>` / `set <setting>` blocks.

Reversible secrets are kept in clear and shown as `ENC <base64>` with a new salt on every read, as
FortiOS does (the trap that makes a naive export differ on every run); admin passwords are kept
as the `ENC SH2...` hash they were given as, or hashed when typed in clear.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from exitkit.sandbox.devices.cisco_config import CiscoConfig
from exitkit.sandbox.devices.dialect import Dialect, section_rank

# The emulator's private-data key: what `ENC` values are encrypted with on every sandbox FortiGate
# (a real FortiGate has a factory key, or one set with `private-data-encryption`).
_KEY = b"exitkit-sandbox-fortigate-private-data"
# Settings FortiOS encrypts reversibly and shows as `ENC <base64>`.
REVERSIBLE = frozenset(
    (
        *("passwd", "psksecret", "secret", "key", "auth-pwd", "priv-pwd", "key-string"),
        *("password", "passphrase", "authentication-key", "sso-password", "proxy-password"),
    )
)
_SET = re.compile(r"^(set|unset) ([\w-]+)(?: (.*))?$")


def _stream(salt: bytes, n: int) -> bytes:
    out = b""
    counter = 0
    while len(out) < n:
        out += hashlib.sha256(_KEY + salt + counter.to_bytes(4, "big")).digest()
        counter += 1
    return out[:n]


def encrypt(clear: str) -> str:
    """An `ENC` value for `clear`, with a fresh salt (two reads never show the same)."""
    salt = os.urandom(4)
    data = clear.encode()
    body = bytes(a ^ b for a, b in zip(data, _stream(salt, len(data)), strict=True))
    return base64.b64encode(salt + len(data).to_bytes(2, "big") + body).decode()


def decrypt(value: str) -> str | None:
    """The clear text of an `ENC` value this emulator wrote; None for anything else."""
    try:
        raw = base64.b64decode(value, validate=True)
    except ValueError:
        return None
    if len(raw) < 6 or int.from_bytes(raw[4:6], "big") != len(raw) - 6:
        return None
    body = raw[6:]
    try:
        return bytes(a ^ b for a, b in zip(body, _stream(raw[:4], len(body)), strict=True)).decode()
    except UnicodeDecodeError:
        return None


def admin_hash(clear: str) -> str:
    """An `SH2` admin password hash, salted from the password (a stable value once set)."""
    salt = hashlib.sha256(b"salt" + clear.encode()).digest()[:12]
    digest = hashlib.sha256(salt + clear.encode()).digest()
    return "SH2" + base64.b64encode(salt + digest).decode()


@dataclass
class FortiNode:
    """`config ...` or `edit ...` with what it holds, or one `set` line (`leaf`)."""

    text: str
    children: list[FortiNode] = field(default_factory=list)
    leaf: bool = False
    clear: str | None = None  # a reversible secret, shown encrypted

    def shown(self, encode: Callable[[str], str]) -> str:
        return f"{self.text} ENC {encode(self.clear)}" if self.clear is not None else self.text

    def child(self, text: str) -> FortiNode:
        for node in self.children:
            if node.text == text and not node.leaf:
                return node
        self.children.append(FortiNode(text))
        return self.children[-1]


def _unquote(word: str) -> str:
    return word[1:-1] if len(word) > 1 and word.startswith('"') and word.endswith('"') else word


def open_quote(text: str) -> bool:
    """Whether a line leaves a quoted value open (it goes on over the next lines)."""
    return len(re.findall(r'(?<!\\)"', text)) % 2 == 1


class FortiEditor:
    """Lines typed (or pasted) in the CLI, one after the other, edit the configuration."""

    def __init__(self, config: FortiConfig) -> None:
        self.config = config
        self.stack: list[FortiNode] = []
        self.pending = ""  # a `set` whose quoted value goes on over more lines

    def mode(self) -> str:
        """What the prompt shows: the table's last word or the entry's name."""
        top = self.stack[-1].text
        return _unquote(top.split(maxsplit=1)[1]) if top.startswith("edit ") else top.split()[-1]

    def enter(self, raw: str) -> str | None:
        """Apply one line; an error message, or None."""
        if self.pending:
            self.pending += "\n" + raw
            if open_quote(self.pending):
                return None
            raw, self.pending = self.pending, ""
        text = raw.strip() if "\n" not in raw else raw.lstrip()
        if open_quote(text):
            self.pending = text
            return None
        if not text or text.startswith("#"):
            return None
        verb = text.split(maxsplit=1)[0]
        if verb == "config":
            parent = self.stack[-1] if self.stack else self.config.tree
            self.stack.append(parent.child(" ".join(text.split())))
        elif verb == "edit" and self.stack and self.stack[-1].text.startswith("config "):
            self.stack.append(self.stack[-1].child(" ".join(text.split())))
        elif verb == "next" and self.stack and self.stack[-1].text.startswith("edit "):
            self.stack.pop()
        elif verb in ("end", "abort") and self.stack:
            if self.stack[-1].text.startswith("edit "):
                self.stack.pop()
            self.stack.pop()
        elif verb in ("set", "unset") and self.stack:
            return self._set(text)
        else:
            return f"command parse error before '{verb}'"
        return None

    def _set(self, text: str) -> str | None:
        found = _SET.match(text.split("\n", 1)[0])
        if found is None:
            return "command parse error before 'set'"
        verb, name, value = found.group(1), found.group(2), text[found.end(2) + 1 :]
        node = self.stack[-1]
        node.children = [c for c in node.children if not _sets(c, name)]
        if verb == "set":
            node.children.append(self.config.setting(node, name, value))
        return None


def _sets(node: FortiNode, name: str) -> bool:
    return node.leaf and node.text.split(maxsplit=2)[1:2] == [name]


class FortiConfig(CiscoConfig):
    """A FortiGate's configuration (shown by `show`, pasted back line by line)."""

    def __init__(self, dialect: Dialect, text: str = "") -> None:
        self.tree = FortiNode("")
        super().__init__(dialect, text)

    def load(self, text: str) -> None:
        self.tree = FortiNode("")
        editor = FortiEditor(self)
        for line in text.splitlines():
            editor.enter(line)

    def copy(self) -> FortiConfig:
        return FortiConfig(self.dialect, "\n".join(self.render(lambda clear: encrypt(clear))))

    def setting(self, owner: FortiNode, name: str, value: str) -> FortiNode:
        """A `set` line as stored: reversible secrets in clear, admin passwords hashed."""
        admin = owner.text.startswith("edit ") and self._in_table(owner, "config system admin")
        if value.startswith("ENC "):
            clear = decrypt(value[4:].strip())
            if clear is not None and not admin:
                return FortiNode(f"set {name}", leaf=True, clear=clear)
            return FortiNode(f"set {name} {value}", leaf=True)
        if name in REVERSIBLE and not value.startswith('"-----BEGIN'):
            if admin and name == "password":
                return FortiNode(f"set {name} ENC {admin_hash(_unquote(value))}", leaf=True)
            return FortiNode(f"set {name}", leaf=True, clear=_unquote(value))
        return FortiNode(f"set {name} {value}", leaf=True)

    def _in_table(self, node: FortiNode, table: str) -> bool:
        return any(node in t.children for t in self.tree.children if t.text == table)

    def find(self, path: list[str]) -> FortiNode | None:
        """The top-level table `config <path>` (`show system global`)."""
        wanted = "config " + " ".join(path)
        return next((n for n in self.tree.children if n.text == wanted), None)

    def hostname(self) -> str:
        table = self.find(["system", "global"])
        for node in table.children if table else []:
            if node.leaf and node.text.startswith("set hostname "):
                return _unquote(node.text.split(maxsplit=2)[2])
        return self.dialect.default_hostname

    def setting_of(self, path: list[str], name: str) -> str | None:
        table = self.find(path)
        for node in table.children if table else []:
            if _sets(node, name):
                return node.text.split(maxsplit=2)[2]
        return None

    def tables(self) -> list[FortiNode]:
        order = self.dialect.section_order
        return sorted(self.tree.children, key=lambda n: section_rank(order, n.text))

    def render(
        self, encode: Callable[[str], str], nodes: list[FortiNode] | None = None
    ) -> list[str]:
        out: list[str] = []
        for node in self.tables() if nodes is None else nodes:
            _render(node, 0, self.dialect.indent, encode, out)
        return out

    def body_lines(self) -> list[str]:
        """The configuration without its header, secrets shown by their clear value (the
        emulator's own view, for tests)."""
        return self.render(lambda clear: clear)


def _render(
    node: FortiNode, depth: int, indent: str, encode: Callable[[str], str], out: list[str]
) -> None:
    pad = indent * depth
    if node.leaf:
        out.extend((pad + node.shown(encode)).split("\n"))
        return
    out.append(pad + node.text)
    for child in node.children:
        _render(child, depth + 1, indent, encode, out)
    out.append(pad + ("next" if node.text.startswith("edit ") else "end"))
