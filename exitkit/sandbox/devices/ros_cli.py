"""The RouterOS CLI: the `[user@identity] >` prompt, full-path commands typed at it, `/export`
with its options, `print` of a few menus, and `/quit`. An exec channel runs one command.

Prompts and replies are what netmiko's mikrotik_routeros driver expects (prompt `] ... >`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from exitkit.sandbox.devices.cli_common import Reply
from exitkit.sandbox.devices.ros_config import RouterOsConfig

if TYPE_CHECKING:
    from exitkit.sandbox.devices.device import DeviceState

EXPORT_OPTIONS = frozenset(("terse", "hide-sensitive", "show-sensitive", "compact", "verbose"))


class RouterOsCli:
    """One SSH session (or exec channel) on a RouterOS 7 device."""

    def __init__(self, state: DeviceState, username: str) -> None:
        self.state = state
        self.username = username.split("+", 1)[0]  # `netops+ct511w4098h`: terminal options
        self.page_length = 0  # RouterOS does not page command output
        self.hide_input = False

    def _config(self) -> RouterOsConfig:
        config = self.state.running
        assert isinstance(config, RouterOsConfig)
        return config

    def greeting(self) -> str:
        return self.state.dialect.login_banner

    def start_exec(self) -> None:
        """An exec channel runs its command at the root menu."""

    def prompt(self) -> str:
        return f"[{self.username}@{self._config().hostname()}] > "

    def handle(self, line: str) -> Reply:
        text = line.strip()
        if not text:
            return Reply()
        words = text.split()
        if words[0] == "/export":
            return self._export(words[1:])
        if words in (["/quit"], ["quit"]):
            return Reply(["interrupted"], close=True)
        if words == ["/system", "identity", "print"]:
            return Reply([f"  name: {self._config().hostname()}"])
        if words == ["/system", "resource", "print"]:
            return Reply(self.state.dialect.version(self.state))
        if self._config().apply(text):
            self.state.save()
            return Reply()
        return Reply([f"bad command name {words[0].lstrip('/')} (line 1 column 2)"])

    def _export(self, options: list[str]) -> Reply:
        unknown = [o for o in options if o not in EXPORT_OPTIONS]
        if unknown:
            column = len("/export ") + 1
            return Reply([f"expected end of command (line 1 column {column})"])
        config = self._config()
        sensitive = "show-sensitive" in options
        body = (
            config.terse_lines(sensitive) if "terse" in options else config.grouped_lines(sensitive)
        )
        return Reply([*self._header(), *body], dump=True)

    def _header(self) -> list[str]:
        state = self.state
        return [
            f"# {state.tick():%Y-%m-%d %H:%M:%S} by RouterOS {state.dialect.software}",
            f"# software id = {state.serial[:4]}-{state.serial[4:8]}",
            "#",
            f"# model = {state.dialect.model}",
            f"# serial number = HD{state.serial[:9]}",
        ]
