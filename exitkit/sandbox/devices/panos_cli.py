"""The PAN-OS CLI: operational mode (`user@host> `) and configuration mode (`[edit]` above
`user@host# `) with a candidate and `commit`, the pager `set cli pager off` turns off, and the
output format `set cli config-output-format` chooses for configuration-mode `show`.

Prompts and replies are what netmiko's paloalto_panos driver expects: it types `set cli
scripting-mode on`, `set cli terminal width 500`, `set cli pager off`, then `show system info`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from exitkit.sandbox.devices.cli_common import Reply, filter_lines, split_pipes
from exitkit.sandbox.devices.panos_config import PanConfig, open_quote, tokens

if TYPE_CHECKING:
    from exitkit.sandbox.devices.device import DeviceState

FORMATS = ("default", "set", "xml", "json")


class PanosCli:
    """One SSH session on a PAN-OS firewall."""

    def __init__(self, state: DeviceState, username: str) -> None:
        self.state = state
        self.username = username
        self.candidate: PanConfig | None = None
        self.page_length = 24
        self.hide_input = False
        self.output_format = "default"
        self._pending = ""  # a `set` whose quoted value goes on over more lines

    def _running(self) -> PanConfig:
        running = self.state.running
        assert isinstance(running, PanConfig)
        return running

    def greeting(self) -> str:
        return self.state.dialect.login_banner

    def start_exec(self) -> None:
        """PAN-OS runs no command on an exec channel; the emulator answers it as typed."""

    def prompt(self) -> str:
        who = f"{self.username}@{self._running().hostname()}"
        if self.candidate is None:
            return f"\r\n{who}> "
        return f"\r\n[edit]\r\n{who}# "

    def handle(self, line: str) -> Reply:
        text = f"{self._pending}\n{line}" if self._pending else line.strip()
        self._pending = ""
        if open_quote(text):
            self._pending = text
            return Reply(ask="")
        if not text:
            return Reply()
        command, pipes = split_pipes(text)
        words = tokens(command)
        reply = (
            self._configuration(words) if self.candidate is not None else self._operational(words)
        )
        for pipe in pipes:
            filtered = filter_lines(reply.lines, pipe)
            if filtered is None:
                return Reply(["Invalid syntax."])
            reply.lines = filtered
        return reply

    def _operational(self, words: list[str]) -> Reply:
        state = self.state
        if words[:2] == ["set", "cli"]:
            return self._cli_setting(words[2:])
        if words == ["show", "system", "info"]:
            return Reply(state.dialect.version(state))
        if words == ["show", "config", "running"]:
            if state.spec.secondary_refused:
                return Reply([state.dialect.secondary_refusal])
            return Reply(self._running().xml_lines(state.dialect.software), dump=True)
        if words == ["configure"]:
            self.candidate = self._running().copy()
            return Reply(["Entering configuration mode"])
        if words in (["exit"], ["quit"]):
            return Reply(close=True)
        return Reply([f"Unknown command: {words[0]}"])

    def _cli_setting(self, args: list[str]) -> Reply:
        if args == ["pager", "off"]:
            self.page_length = 0
        elif args == ["pager", "on"]:
            self.page_length = 24
        elif args[:1] == ["config-output-format"] and args[1:] and args[1] in FORMATS:
            self.output_format = args[1]
        elif args[:2] not in (["scripting-mode", "on"], ["scripting-mode", "off"]) and args[:2] != [
            "terminal",
            "width",
        ]:
            return Reply(["Invalid syntax."])
        return Reply()

    def _configuration(self, words: list[str]) -> Reply:
        candidate = self.candidate
        assert candidate is not None
        if words[:1] == ["set"]:
            return Reply() if candidate.set(words[1:]) else Reply(["Invalid syntax."])
        if words == ["show"]:
            if self.output_format == "xml":
                return Reply(candidate.xml_lines(self.state.dialect.software), dump=True)
            return Reply(candidate.set_lines(), dump=True)
        if words[:1] == ["commit"]:
            return self._commit()
        if words[:1] == ["run"]:
            return self._operational(words[1:])
        if words in (["exit"], ["quit"]):
            self.candidate = None
            return Reply(["Exiting configuration mode"])
        return Reply(["Invalid syntax."])

    def _commit(self) -> Reply:
        assert self.candidate is not None
        self.state.running = self.candidate.copy()
        self.state.save()
        return Reply(
            [
                "Commit job 112 is in progress. Use Ctrl+C to return to the prompt.",
                "........55%.....75%....98%.......100%",
                "Configuration committed successfully",
            ]
        )
