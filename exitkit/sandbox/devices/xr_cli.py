"""The Cisco IOS-XR CLI: Cisco-style exec mode without enable, and a configuration mode that edits
a candidate applied only by `commit` (what netmiko's cisco_xr driver expects: `end` with
changes pending asks whether to commit them). The running configuration closes each nested
block with an indented `!`, as XR shows it.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from exitkit.sandbox.devices.cisco_cli import CiscoCli
from exitkit.sandbox.devices.cisco_config import CiscoConfig, ConfigEditor, ConfigLine, Outcome
from exitkit.sandbox.devices.cli_common import Reply

if TYPE_CHECKING:
    from exitkit.sandbox.devices.device import DeviceState

LOCATION = "RP/0/RP0/CPU0"
UNCOMMITTED = "Uncommitted changes found, commit them before exiting(yes/no/cancel)? [cancel]:"


class XrConfig(CiscoConfig):
    """A running configuration or a candidate of an IOS-XR router."""

    def copy(self) -> XrConfig:
        clone = XrConfig(self.dialect)
        clone.root = copy.deepcopy(self.root)
        return clone

    def _render(self, line: ConfigLine, depth: int) -> list[str]:
        out = super()._render(line, depth)
        if line.children and depth > 0:
            out.append(self.dialect.indent * depth + "!")
        return out


class XrCli(CiscoCli):
    """One SSH session on an IOS-XR router."""

    def __init__(self, state: DeviceState, username: str) -> None:
        super().__init__(state, username)
        self.candidate: CiscoConfig | None = None
        self.changed = False

    def prompt(self) -> str:
        host = f"{LOCATION}:{self.state.running.hostname()}"
        if self.editor is not None:
            return f"{host}({self.editor.mode})#"
        return host + "#"

    def _configure_terminal(self, _: list[str]) -> Reply:
        running = self.state.running
        assert isinstance(running, CiscoConfig)
        self.candidate = running.copy()
        self.editor = ConfigEditor(self.candidate)
        self.changed = False
        return Reply()

    def _configure(self, line: str) -> Reply:
        assert self.editor is not None and self.candidate is not None
        text = line.strip()
        if text.startswith("do "):
            return self._exec(text[3:])
        if text.startswith("show "):
            return self._exec(text)
        if text.split()[:1] == ["commit"]:
            return self._commit()
        if text == "abort":
            return self._leave()
        if text == "end" or (text == "exit" and self.editor.mode == "config"):
            if not self.changed:
                return self._leave()
            self._pending = self._answer_uncommitted
            return Reply(ask=UNCOMMITTED)
        outcome = self.editor.enter(line)
        if outcome is Outcome.INVALID:
            return self._invalid()
        self.changed = self.changed or text != "exit"
        return Reply()

    def _commit(self) -> Reply:
        assert self.candidate is not None
        if self.changed:
            self.state.running = self.candidate
            self.candidate = self.candidate.copy()
            self.editor = ConfigEditor(self.candidate)
            self.changed = False
        return Reply()

    def _answer_uncommitted(self, args: list[str]) -> Reply:
        answer = args[0].strip().lower()
        if answer in ("yes", "y"):
            self._commit()
            return self._leave()
        if answer in ("no", "n"):
            return self._leave()
        return Reply()

    def _leave(self) -> Reply:
        self.editor, self.candidate, self.changed = None, None, False
        return Reply()
