"""The exec and configuration modes of the Cisco-style CLIs (IOS, NX-OS, EOS).

Prompts and replies are what netmiko's cisco_ios, cisco_nxos and arista_eos drivers expect.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from exitkit.sandbox.devices.cisco_config import CiscoConfig, ConfigEditor, Outcome
from exitkit.sandbox.devices.cli_common import Handler, Reply, dispatch, filter_lines, split_pipes

if TYPE_CHECKING:
    from exitkit.sandbox.devices.device import DeviceState


class CiscoCli:
    """One SSH session on an IOS, NX-OS or EOS device."""

    def __init__(self, state: DeviceState, username: str) -> None:
        self.state = state
        self.dialect = state.dialect
        self.username = username
        self.privileged = not self.dialect.has_enable
        self.editor: ConfigEditor | None = None
        self.page_length = 24
        self.hide_input = False
        self._pending: Handler | None = None
        self._typed = ""  # the command being run, as typed (without its pipes)
        self._table = self._commands()

    def greeting(self) -> str:
        return self.dialect.login_banner

    def start_exec(self) -> None:
        """An exec channel runs at the privilege the account is configured with (`privilege 15`
        with `aaa authorization exec`), with paging off unless the device pages exec output."""
        config = self.state.running
        lines = config.body_lines() if isinstance(config, CiscoConfig) else []
        mine = rf"username {re.escape(self.username)} .*privilege 15\b"
        if any(re.match(mine, line) for line in lines):
            self.privileged = True

    def prompt(self) -> str:
        host = self.state.running.hostname()
        if self.editor is not None:
            return f"{host}({self.editor.mode})#"
        return host + ("#" if self.privileged else ">")

    def handle(self, line: str) -> Reply:
        if self._pending is not None:
            pending, self._pending = self._pending, None
            self.hide_input = False
            return pending([line])
        text = line.strip()
        if not text:
            return Reply()
        if self.editor is not None:
            return self._configure(line)
        return self._exec(text)

    def _invalid(self) -> Reply:
        return Reply(self.dialect.invalid_input.splitlines())

    def _exec(self, text: str) -> Reply:
        command, pipes = split_pipes(text)
        self._typed = command
        reply = dispatch(command.split(), self._table) or self._invalid()
        for pipe in pipes:
            filtered = filter_lines(reply.lines, pipe)
            if filtered is None:
                return self._invalid()
            reply.lines = filtered
        return reply

    def _commands(self) -> list[tuple[str, Handler]]:
        return [
            ("show running-config", lambda _: self._show_config(startup=False)),
            ("show startup-config", lambda _: self._show_config(startup=True)),
            ("show version", lambda _: Reply(self.dialect.version(self.state))),
            ("terminal length <n>", self._terminal_length),
            ("terminal width <n>", self._terminal_width),
            ("enable", self._enable),
            ("disable", self._disable),
            ("configure terminal", self._configure_terminal),
            ("configure", self._configure_terminal),
            ("write memory", self._privileged(self._save)),
            ("copy running-config startup-config", self._privileged(self._copy)),
            ("exit", lambda _: Reply(close=True)),
            ("logout", lambda _: Reply(close=True)),
            ("quit", lambda _: Reply(close=True)),
        ]

    def _privileged(self, handler: Handler) -> Handler:
        def guarded(args: list[str]) -> Reply:
            if not self.privileged:
                return Reply(self.dialect.privileged_only.splitlines())
            return handler(args)

        return guarded

    def _show_config(self, startup: bool) -> Reply:
        if not self.privileged:
            return Reply(self.dialect.privileged_only.splitlines())
        if startup and self.state.spec.secondary_refused:
            return Reply(self.dialect.secondary_refusal.format(command=self._typed).splitlines())
        return Reply(self.dialect.dump(self.state, startup), dump=True)

    def _terminal_length(self, args: list[str]) -> Reply:
        if not args[0].isdigit():
            return self._invalid()
        self.page_length = int(args[0])
        said = self.dialect.length_reply if self.page_length == 0 else ""
        return Reply([said] if said else [])

    def _terminal_width(self, args: list[str]) -> Reply:
        if not args[0].isdigit():
            return self._invalid()
        said = self.dialect.width_reply.format(n=args[0])
        return Reply([said] if said else [])

    def _enable(self, _: list[str]) -> Reply:
        if self.privileged:
            return Reply()
        if not self.dialect.has_enable:
            return self._invalid()
        self.hide_input = True
        self._pending = self._check_secret
        return Reply(ask="Password: ")

    def _check_secret(self, args: list[str]) -> Reply:
        if args[0].strip() == self.state.spec.secret:
            self.privileged = True
            return Reply()
        return Reply(["% Access denied"])

    def _disable(self, _: list[str]) -> Reply:
        if self.dialect.has_enable:
            self.privileged = False
        return Reply()

    def _configure_terminal(self, _: list[str]) -> Reply:
        if not self.privileged:
            return Reply(self.dialect.privileged_only.splitlines())
        config = self.state.running
        assert isinstance(config, CiscoConfig)
        self.editor = ConfigEditor(config)
        banner = self.dialect.config_banner
        return Reply([banner] if banner else [])

    def _save(self, _: list[str]) -> Reply:
        self.state.save()
        return Reply(list(self.dialect.save_reply))

    def _copy(self, args: list[str]) -> Reply:
        question = self.dialect.copy_asks
        if question is None:
            return self._save(args)
        self._pending = self._save
        return Reply(ask=question)

    def _configure(self, line: str) -> Reply:
        assert self.editor is not None
        text = line.strip()
        if text.startswith("do "):
            return self._exec(text[3:])
        if self.dialect.show_in_config and text.startswith("show "):
            return self._exec(text)
        if self.editor.config is not self.state.running:  # replaced from outside meanwhile
            config = self.state.running
            assert isinstance(config, CiscoConfig)
            self.editor = ConfigEditor(config)
        outcome = self.editor.enter(line)
        if outcome is Outcome.LEAVE:
            self.editor = None
        if outcome is Outcome.INVALID:
            return self._invalid()
        return Reply()
