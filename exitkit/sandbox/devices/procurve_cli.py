"""The ProCurve / Aruba OS-Switch CLI: what netmiko's hp_procurve driver meets on a real switch.

After login the switch shows its copyright screen and waits on "Press any key to continue"; its
prompt and its output come wrapped in VT100 escape sequences (cursor placement, line erase);
paging goes off with `no page`; `show config` is the startup configuration; `logout` asks
"Do you want to log out [y/n]?". The configuration is Cisco-like, contexts closed by `exit`.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from exitkit.sandbox.devices.cisco_cli import CiscoCli
from exitkit.sandbox.devices.cisco_config import CiscoConfig
from exitkit.sandbox.devices.cli_common import Handler, Reply
from exitkit.sandbox.devices.dialect import section_rank

if TYPE_CHECKING:
    from exitkit.sandbox.devices.device import DeviceState

ESC = "\x1b"
# What the switch sends before each prompt: scroll region, cursor to the last row, erase it.
PROMPT_LEAD = f"{ESC}[1;24r{ESC}[24;1H{ESC}[2K"
CURSOR_ON = f"{ESC}[?25h"


class ContextConfig(CiscoConfig):
    """A configuration whose contexts (`vlan 10`, `interface 1`) end with an indented `exit`
    and whose sections follow each other without separator lines (ProCurve); a subclass without
    `closer` is the same layout with no closing line (AOS-CX)."""

    closer = "exit"

    def copy(self) -> ContextConfig:
        clone = type(self)(self.dialect)
        clone.root = copy.deepcopy(self.root)
        return clone

    def hostname(self) -> str:
        return super().hostname().strip('"')

    def body_lines(self) -> list[str]:
        order = self.dialect.section_order
        out: list[str] = []
        for item in sorted(self.root.children, key=lambda c: section_rank(order, c.text)):
            out.extend(self._render(item, 0))
            if item.children and self.closer:
                out.append(self.dialect.indent + self.closer)
        return out


class ProcurveCli(CiscoCli):
    """One SSH session on a ProCurve / Aruba OS-Switch."""

    def __init__(self, state: DeviceState, username: str) -> None:
        super().__init__(state, username)
        self._waiting_for_key = False
        self._given = ""  # the user name typed after `enable`

    def greeting(self) -> str:
        self._waiting_for_key = True
        return self.dialect.login_banner

    def start_exec(self) -> None:
        self._waiting_for_key = False

    def prompt(self) -> str:
        if self._waiting_for_key:
            return ""
        host = self.state.running.hostname()
        if self.editor is not None:
            mark = f"{host}({self.editor.mode})#"
        else:
            mark = host + ("#" if self.privileged else ">")
        return f"{PROMPT_LEAD}{mark} {CURSOR_ON}"

    def handle(self, line: str) -> Reply:
        if self._waiting_for_key:  # any key: the screen clears and the prompt comes
            self._waiting_for_key = False
            return Reply([f"{ESC}[2J{ESC}[1;1H"], paged=False)
        reply = super().handle(line)
        if not reply.dump:  # `Invalid input: <the word refused>`
            words = [*self._typed.split(), ""]
            word = words[1] if words[0] == "show" and words[1] else words[0]
            reply.lines = [text.replace("{word}", word) for text in reply.lines]
        return reply

    def _commands(self) -> list[tuple[str, Handler]]:
        return [
            ("show config", lambda _: self._show_config(startup=True)),
            ("no page", lambda _: self._paging(0)),
            ("page", lambda _: self._paging(24)),
            ("config", self._configure_terminal),
            ("logout", self._logout),
            *super()._commands(),
        ]

    def _enable(self, _: list[str]) -> Reply:
        """From the operator level to the manager level: the manager's user name, then its
        password (the account's enable secret)."""
        if self.privileged:
            return Reply()
        self._pending = self._manager_name
        return Reply(ask="Username: ")

    def _manager_name(self, args: list[str]) -> Reply:
        self._pending = self._manager_password
        self.hide_input = True
        self._given = args[0].strip()
        return Reply(ask="Password: ")

    def _manager_password(self, args: list[str]) -> Reply:
        if self._given == self.state.spec.username and args[0].strip() == self.state.spec.secret:
            self.privileged = True
            return Reply()
        return Reply(["Invalid password"])

    def _paging(self, length: int) -> Reply:
        self.page_length = length
        return Reply()

    def _logout(self, _: list[str]) -> Reply:
        self._pending = self._confirm_logout
        return Reply(ask="Do you want to log out [y/n]? ")

    def _confirm_logout(self, args: list[str]) -> Reply:
        return Reply(close=args[0].strip().lower().startswith("y"))
