"""The configuration of a MikroTik RouterOS device: the commands `/export terse` prints, one per
line (`/ip address add address=... interface=...`), in RouterOS's own menu order.

`add` appends an item; `set` changes the properties of a singleton menu (`/system identity
set name=...`) or of the item a `[ find ... ]` selects. Sensitive properties are left out unless
the export asks for them (`show-sensitive`, RouterOS 7).
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass

from exitkit.sandbox.devices.cisco_config import CiscoConfig
from exitkit.sandbox.devices.dialect import Dialect, section_rank

_COMMAND = re.compile(r"^(/[\w/-]+(?: [\w-]+)*?) (add|set)(?: (.*))?$")
_ARG = re.compile(r'(\[ [^\]]* \]|[\w-]+=(?:"(?:[^"\\]|\\.)*"|\S*)|\S+)')
SENSITIVE = frozenset(
    (
        *("password", "secret", "ipsec-secret", "wpa2-pre-shared-key", "wpa-pre-shared-key"),
        *("passphrase", "authentication-password", "encryption-password", "auth-key"),
        *("tcp-md5-key", "private-key", "preshared-key", "trap-community"),
    )
)


@dataclass
class Statement:
    """One exported command: its menu, `add` or `set`, and its arguments in order."""

    menu: str
    verb: str
    args: list[str]

    def selector(self) -> str:
        """What a `set` applies to: the `[ find ... ]` or `numbers` part, empty for a menu."""
        return " ".join(a for a in self.args if "=" not in a or a.startswith("["))

    def line(self, sensitive: bool) -> str:
        shown = [a for a in self.args if sensitive or not self.hides(a)]
        return " ".join([self.menu, self.verb, *shown])

    def hides(self, arg: str) -> bool:
        return arg.split("=", 1)[0] in SENSITIVE


def parse(line: str) -> Statement | None:
    found = _COMMAND.match(line.strip())
    if found is None:
        return None
    return Statement(found.group(1), found.group(2), _ARG.findall(found.group(3) or ""))


class RouterOsConfig(CiscoConfig):
    """A RouterOS device's configuration."""

    def __init__(self, dialect: Dialect, text: str = "") -> None:
        self.statements: list[Statement] = []
        super().__init__(dialect, text)

    def load(self, text: str) -> None:
        self.statements = []
        for line in text.splitlines():
            self.apply(line)

    def copy(self) -> RouterOsConfig:
        clone = RouterOsConfig(self.dialect)
        clone.statements = copy.deepcopy(self.statements)
        return clone

    def apply(self, line: str) -> bool:
        """One command typed at the root prompt; False when it is not a configuration command."""
        statement = parse(line)
        if statement is None:
            return False
        if statement.verb == "add":
            self.statements.append(statement)
            return True
        for known in self.statements:
            if known.menu == statement.menu and known.selector() == statement.selector():
                _merge(known, statement)
                return True
        self.statements.append(statement)
        return True

    def hostname(self) -> str:
        for statement in self.statements:
            if statement.menu == "/system identity":
                for arg in statement.args:
                    if arg.startswith("name="):
                        return arg[5:].strip('"')
        return self.dialect.default_hostname

    def ordered(self) -> list[Statement]:
        order = self.dialect.section_order
        return sorted(self.statements, key=lambda s: section_rank(order, s.menu))

    def terse_lines(self, sensitive: bool) -> list[str]:
        return [s.line(sensitive) for s in self.ordered()]

    def grouped_lines(self, sensitive: bool) -> list[str]:
        """`/export` without `terse`: a menu header above its commands."""
        out: list[str] = []
        menu = ""
        for statement in self.ordered():
            if statement.menu != menu:
                menu = statement.menu
                out.append(menu)
            out.append(statement.line(sensitive)[len(menu) + 1 :])
        return out

    def body_lines(self) -> list[str]:
        return self.terse_lines(sensitive=True)


def _merge(known: Statement, change: Statement) -> None:
    keys = {a.split("=", 1)[0]: a for a in change.args if "=" in a and not a.startswith("[")}
    kept = [keys.pop(a.split("=", 1)[0], a) if "=" in a else a for a in known.args]
    known.args = kept + list(keys.values())
