"""The Junos CLI: operational mode, and configuration mode with a candidate and `commit`.

Prompts and replies are what netmiko's juniper_junos driver expects (`user@host> `, `[edit]`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from exitkit.sandbox.devices.cli_common import Handler, Reply, dispatch, filter_lines, split_pipes
from exitkit.sandbox.devices.junos_config import JunosConfig, split_path, tokens
from exitkit.sandbox.devices.show import junos_candidate

if TYPE_CHECKING:
    from exitkit.sandbox.devices.device import DeviceState

_UNCOMMITTED = "Exit with uncommitted changes? [yes,no] (yes) "


class JunosCli:
    """One SSH session on a Junos device."""

    def __init__(self, state: DeviceState, username: str) -> None:
        self.state = state
        self.username = username
        self.candidate: JunosConfig | None = None
        self.edit_path: list[str] = []
        self.page_length = 24
        self.hide_input = False
        self._pending: Handler | None = None
        self._display_set = False  # the command being run ends in `| display set`
        self._operational: list[tuple[str, Handler]] = [
            ("show configuration", lambda _: self._show_committed()),
            ("show version", lambda _: Reply(state.dialect.version(state))),
            ("set cli screen-length <n>", self._screen_length),
            ("set cli screen-width <n>", lambda a: Reply([f"Screen width set to {a[0]}"])),
            ("set cli complete-on-space <x>", self._complete_on_space),
            ("configure", self._configure),
            ("configure private", self._configure),
            ("configure exclusive", self._configure),
            ("exit", lambda _: Reply(close=True)),
            ("quit", lambda _: Reply(close=True)),
        ]
        self._configuration: list[tuple[str, Handler]] = [
            ("show", lambda _: self._show(self._candidate_lines())),
            ("rollback", self._rollback),
            ("rollback <n>", self._rollback),
            ("top", self._top),
            ("up", self._up),
            ("exit configuration-mode", lambda _: self._exit(top=True)),
            ("exit", lambda _: self._exit(top=False)),
            ("quit", lambda _: self._exit(top=False)),
        ]

    def greeting(self) -> str:
        return self.state.dialect.login_banner

    def start_exec(self) -> None:
        """An exec channel: the login class applies as in a shell, nothing to change."""

    def prompt(self) -> str:
        user_host = f"{self.username}@{self.state.running.hostname()}"
        if self.candidate is None:
            return f"\r\n{user_host}> "
        where = " ".join(["edit", *self.edit_path])
        return f"\r\n[{where}]\r\n{user_host}# "

    def handle(self, line: str) -> Reply:
        if self._pending is not None:
            pending, self._pending = self._pending, None
            return pending([line.strip()])
        text = line.strip()
        if not text:
            return Reply()
        command, pipes = split_pipes(text)
        words = tokens(command)
        self._display_set = "display set" in pipes
        if self.candidate is None:
            reply = dispatch(words, self._operational)
        else:
            reply = self._configuration_command(words)
        if reply is None:
            unknown = "syntax error." if self.candidate is not None else "unknown command."
            return Reply(["                    ^", unknown])
        return self._pipe(reply, pipes)

    def _pipe(self, reply: Reply, pipes: list[str]) -> Reply:
        for pipe in pipes:
            if pipe == "display set":
                continue  # already honoured by the show command
            if pipe == "no-more":
                reply.paged = False
                continue
            filtered = filter_lines(reply.lines, pipe)
            if filtered is None:
                return Reply(["                    ^", "syntax error, expecting <command>."])
            reply.lines = filtered
        return reply

    def _configuration_command(self, words: list[str]) -> Reply | None:
        assert self.candidate is not None
        verb, rest = (words[0], words[1:]) if words else ("", [])
        if verb == "set" and rest:
            self.candidate.set([*self.edit_path, *rest])
            return Reply()
        if verb == "delete":
            if self.candidate.delete([*self.edit_path, *rest]):
                return Reply()
            return Reply(["warning: statement not found"])
        if verb == "edit" and rest:
            self.edit_path += rest
            return Reply()
        if verb == "run" and rest:
            return dispatch(rest, self._operational)
        if verb == "commit":
            return self._commit(rest)
        return dispatch(words, self._configuration)

    # operational mode

    def _show_committed(self) -> Reply:
        braces = not self._display_set  # the second file: the brace view
        if braces and self.state.spec.secondary_refused:
            return Reply([self.state.dialect.secondary_refusal])
        return self._show(self.state.dialect.dump(self.state, braces))

    def _candidate_lines(self) -> list[str]:
        assert self.candidate is not None
        return junos_candidate(self.state, self.candidate, display_set=self._display_set)

    def _show(self, lines: list[str]) -> Reply:
        return Reply(lines, dump=True)

    def _screen_length(self, args: list[str]) -> Reply:
        if not args[0].isdigit():
            return Reply(["error: invalid value"])
        self.page_length = int(args[0])
        return Reply([f"Screen length set to {args[0]}"])

    def _complete_on_space(self, args: list[str]) -> Reply:
        return Reply(["Disabling complete-on-space" if args[0] == "off" else "Enabling"])

    def _running(self) -> JunosConfig:
        running = self.state.running
        assert isinstance(running, JunosConfig)
        return running

    def _configure(self, _: list[str]) -> Reply:
        self.candidate = self._running().copy()
        self.edit_path = []
        return Reply(["Entering configuration mode"])

    # configuration mode

    def _commit(self, options: list[str]) -> Reply:
        """`commit [check] [confirmed [minutes]] [comment "text"] [and-quit]`."""
        assert self.candidate is not None
        if options == ["check"]:
            return Reply(["configuration check succeeds"])
        said: list[str] = []
        words = iter(options)
        for word in words:
            if word == "confirmed":
                minutes = next(words, "10")
                said.append(
                    f"commit confirmed will be automatically rolled back in {minutes} minutes"
                )
            elif word == "comment":
                next(words, "")
            elif word != "and-quit":
                return Reply(["                    ^", "syntax error."])
        self.state.running = self.candidate.copy()
        self.state.save()
        said.append("commit complete")
        if "and-quit" in options:
            self.candidate = None
            said.append("Exiting configuration mode")
        return Reply(said)

    def _rollback(self, _: list[str]) -> Reply:
        self.candidate = self._running().copy()
        return Reply(["load complete"])

    def _top(self, _: list[str]) -> Reply:
        self.edit_path = []
        return Reply()

    def _up(self, _: list[str]) -> Reply:
        labels, _statement = split_path(self.edit_path)
        self.edit_path = tokens(" ".join(labels[:-1]))
        return Reply()

    def _exit(self, top: bool) -> Reply:
        assert self.candidate is not None
        if self.edit_path and not top:
            return self._up([])
        if self.candidate.set_lines() == self._running().set_lines():
            self.candidate = None
            return Reply(["Exiting configuration mode"])
        self._pending = self._confirm_exit
        return Reply(["The configuration has been changed but not committed"], ask=_UNCOMMITTED)

    def _confirm_exit(self, args: list[str]) -> Reply:
        if args[0] in ("", "yes", "y"):
            self.candidate = None
            return Reply(["Exiting configuration mode"])
        return Reply()
