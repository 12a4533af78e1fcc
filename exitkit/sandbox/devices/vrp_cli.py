"""The Huawei VRP CLI: the user view `<host>`, `system-view` and its sub-views `[host-...]`,
`quit` (one view up), `return` (to the user view), `undo`, `display` in any view,
`screen-length 0 temporary` and `save` with its question, as netmiko's huawei driver expects.

The configuration is the Cisco-style tree of indented lines, shown with `#` between sections
and `return` at the end; `sysname` names the device.
"""

from __future__ import annotations

import copy

from exitkit.sandbox.devices.cisco_cli import CiscoCli
from exitkit.sandbox.devices.cisco_config import CiscoConfig, ConfigEditor
from exitkit.sandbox.devices.cli_common import Handler, Reply

SAVE_ASKS = "Warning: The current configuration will be written to the device. Continue? [Y/N]:"


class VrpConfig(CiscoConfig):
    """The current (or saved) configuration of a VRP device."""

    def load(self, text: str) -> None:
        """Replace the configuration with `text` (a `display current-configuration` body)."""
        editor = ConfigEditor(self)
        self.root.children.clear()
        for line in text.splitlines():
            stripped = line.strip()
            if stripped == "return" or stripped.startswith("!"):
                continue
            editor.enter(line.replace("#", "!", 1) if stripped == "#" else line)

    def copy(self) -> VrpConfig:
        clone = VrpConfig(self.dialect)
        clone.root = copy.deepcopy(self.root)
        return clone

    def hostname(self) -> str:
        for line in self.root.children:
            if line.text.startswith("sysname "):
                return line.text.split(maxsplit=1)[1]
        return self.dialect.default_hostname


class VrpCli(CiscoCli):
    """One SSH session on a VRP device (always at the account's own level: no enable)."""

    def prompt(self) -> str:
        host = self.state.running.hostname()
        if self.editor is None:
            return f"<{host}>"
        views = [frame.node.text for frame in self.editor._stack[1:] if frame.opener]
        names = [v.removeprefix("interface ").replace(" ", "-") for v in views]
        return "[" + "-".join([host, *names]) + "]"

    def _commands(self) -> list[tuple[str, Handler]]:
        return [
            ("display current-configuration", lambda _: self._show_config(startup=False)),
            ("display saved-configuration", lambda _: self._show_config(startup=True)),
            ("display version", lambda _: Reply(self.dialect.version(self.state))),
            ("screen-length <n> temporary", self._screen_length),
            ("screen-width <n>", lambda _: Reply()),
            ("system-view", self._configure_terminal),
            ("save", self._ask_save),
            ("quit", lambda _: Reply(close=True)),
        ]

    def _screen_length(self, args: list[str]) -> Reply:
        reply = self._terminal_length(args)
        info = "Info: The configuration takes effect on the current user terminal interface only."
        return reply if reply.lines else Reply([info])

    def _configure_terminal(self, args: list[str]) -> Reply:
        super()._configure_terminal(args)
        return Reply(["Enter system view, return user view with Ctrl+Z."])

    def _ask_save(self, _: list[str]) -> Reply:
        self._pending = self._save_answer
        return Reply(ask=SAVE_ASKS)

    def _save_answer(self, args: list[str]) -> Reply:
        if args[0].strip().lower() not in ("y", "yes"):
            return Reply()
        self.state.save()
        return Reply(
            [
                "Now saving the current configuration to the slot 0.",
                "Info: Save the configuration successfully.",
            ]
        )

    def _configure(self, line: str) -> Reply:
        assert self.editor is not None
        text = line.strip()
        if text.split()[:1] in (["display"], ["save"], ["screen-length"]):
            return self._exec(text)
        if text == "return":
            self.editor = None
            return Reply()
        if text == "quit":
            return self._quit()
        if text == "#":
            return Reply()
        if text.startswith("undo ") and self._remove(text.removeprefix("undo ")):
            return Reply()
        if text.startswith("sysname "):  # a device has one name: the new one replaces it
            self._remove("sysname")
        return super()._configure(line)

    def _quit(self) -> Reply:
        """One view up: lines nested by their indentation are no view of their own."""
        assert self.editor is not None
        stack = self.editor._stack
        while len(stack) > 1 and not stack[-1].opener:
            stack.pop()
        if len(stack) == 1:
            self.editor = None
        else:
            stack.pop()
        return Reply()

    def _remove(self, target: str) -> bool:
        """`undo X` takes a line X away from the view it is typed in or, as VRP does, from
        the first view above that has it; False when none has."""
        assert self.editor is not None
        for frame in reversed(self.editor._stack):
            kids = frame.node.children
            kept = [c for c in kids if c.text != target and not c.text.startswith(target + " ")]
            if len(kept) != len(kids):
                kids[:] = kept
                return True
        return False
