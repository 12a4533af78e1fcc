"""The FortiOS CLI: one prompt (`FGT # `), `config`/`edit`/`set`/`next`/`end` blocks typed at
it, `show` and `get`, the `| grep` filter, and the pager `config system console` turns on or off.

Prompts and replies are what netmiko's fortinet driver expects: it reads `get system status`
(VDOMs, version), `get system console` (the output mode), then sets `output standard`.
"""

from __future__ import annotations

import hashlib
import re
from typing import TYPE_CHECKING

from exitkit.sandbox.devices.cli_common import Reply
from exitkit.sandbox.devices.forti_config import FortiConfig, FortiEditor, FortiNode, encrypt

if TYPE_CHECKING:
    from exitkit.sandbox.devices.device import DeviceState

PAGE = 24  # lines per page with `set output more`
PARSE_ERROR = "Command fail. Return code -61"


class FortiCli:
    """One SSH session on a FortiGate without VDOMs (`config global` is refused, as there)."""

    def __init__(self, state: DeviceState, username: str) -> None:
        self.state = state
        self.username = username
        self.editor: FortiEditor | None = None
        self.hide_input = False
        self._paging: int | None = None  # an exec channel's own setting

    @property
    def page_length(self) -> int:
        if self._paging is not None:
            return self._paging
        return (
            0 if self._config().setting_of(["system", "console"], "output") == "standard" else PAGE
        )

    @page_length.setter
    def page_length(self, value: int) -> None:
        self._paging = value

    def _config(self) -> FortiConfig:
        config = self.state.running
        assert isinstance(config, FortiConfig)
        return config

    def greeting(self) -> str:
        return self.state.dialect.login_banner

    def start_exec(self) -> None:
        """An exec channel runs one command at the top level."""

    def prompt(self) -> str:
        host = self._config().hostname()
        if self.editor is not None and self.editor.pending:
            return ""
        if self.editor is not None and self.editor.stack:
            return f"{host} ({self.editor.mode()}) # "
        return f"{host} # "

    def handle(self, line: str) -> Reply:
        if self.editor is not None and self.editor.pending:
            return self._configure(line)
        text = line.strip()
        if not text:
            return Reply()
        command, _, grep = text.partition(" | grep ")
        words = command.split()
        if self.editor is not None and words[0] not in ("show", "get"):
            return self._configure(line)
        reply = self._command(words)
        if grep:
            reply.lines = _grep(reply.lines, grep)
        return reply

    def _command(self, words: list[str]) -> Reply:
        verb, rest = words[0], words[1:]
        if verb == "show":
            return self._show(rest)
        if verb == "get" and rest == ["system", "status"]:
            return Reply(self.state.dialect.version(self.state))
        if verb == "get" and rest == ["system", "console"]:
            output = self._config().setting_of(["system", "console"], "output") or "more"
            return Reply([f"output              : {output}", "login               : enable"])
        if verb == "config" and rest in (["global"], ["vdom"]):
            return Reply([f"command parse error before '{rest[0]}'", PARSE_ERROR])
        if verb == "config" and rest:
            return self._configure(" ".join(words))
        if verb == "exit":
            return Reply(close=True)
        return Reply(["Unknown action 0"])

    def _configure(self, line: str) -> Reply:
        if self.editor is None:
            self.editor = FortiEditor(self._config())
        error = self.editor.enter(line)
        if not self.editor.stack and not self.editor.pending:
            self.editor = None
        if error:
            return Reply([error, PARSE_ERROR])
        return Reply(ask="") if self.editor is not None and self.editor.pending else Reply()

    def _show(self, args: list[str]) -> Reply:
        full = args[:1] == ["full-configuration"]
        path = args[1:] if full else args
        if self.state.spec.secondary_refused and full:
            return Reply([self.state.dialect.secondary_refusal])
        config = self._config()
        if self.editor is not None and self.editor.stack and not path:
            node: FortiNode | None = self.editor.stack[-1]
            nodes = [node] if node is not None else []
        elif path:
            node = config.find(path)
            if node is None:
                return Reply(["command parse error before '" + path[-1] + "'", PARSE_ERROR])
            nodes = [node]
        else:
            return Reply([*self._header(config), *self._dump(config, full)], dump=True)
        target = _with_defaults(nodes) if full else nodes
        return Reply(config.render(encrypt, target), dump=True)

    def _dump(self, config: FortiConfig, full: bool) -> list[str]:
        tables = config.tables()
        return config.render(encrypt, _with_defaults(tables) if full else tables)

    def _header(self, config: FortiConfig) -> list[str]:
        """What a FortiGate writes above its configuration; the file version moves with every
        change of the configuration."""
        body = "\n".join(config.body_lines()).encode()
        version = int(hashlib.sha256(body).hexdigest()[:15], 16)
        return [
            "#config-version=FGT60F-7.2.8-FW-build1639-240313:opmode=0:vdom=0"
            f":user={self.username}",
            f"#conf_file_ver={version}",
            "#buildno=1639",
            "#global_vdom=1",
        ]


# Settings `show full-configuration` adds where the configuration leaves their default.
DEFAULTS = {
    "config system global": (
        "set admin-https-redirect enable",
        "set admin-sport 443",
        "set admin-ssh-port 22",
        "set admintimeout 5",
        "set gui-theme jade",
        "set language english",
    ),
    "config system console": ("set output more", "set login enable"),
    "config system dns": ("set protocol cleartext", "set timeout 5", "set retry 2"),
}


def _with_defaults(nodes: list[FortiNode]) -> list[FortiNode]:
    out: list[FortiNode] = []
    for node in nodes:
        named = {c.text.split()[1] for c in node.children if c.leaf}
        extra = [
            FortiNode(d, leaf=True)
            for d in DEFAULTS.get(node.text, ())
            if d.split()[1] not in named
        ]
        out.append(FortiNode(node.text, [*node.children, *extra]))
    return out


def _grep(lines: list[str], args: str) -> list[str]:
    """FortiOS `grep [-i] [-v] pattern`."""
    words = args.split()
    flags = {w for w in words if w.startswith("-")}
    pattern = " ".join(w for w in words if not w.startswith("-"))
    found = re.compile(pattern, re.IGNORECASE if "-i" in flags else 0)
    return [line for line in lines if bool(found.search(line)) != ("-v" in flags)]
