"""The Cisco ASA CLI: the Cisco-style exec and configuration modes plus what netmiko's cisco_asa
driver and an engineer's backup rely on: `show curpriv`, `terminal pager`, `terminal width` in
configuration mode, `more system:running-config` (keys in clear, where `show running-config`
masks them as `*****`) and, in multiple-context mode, `changeto system` / `changeto context`.

A device is in multiple-context mode when its configuration's version line says `<context>`
(what a context's `show running-config` shows); its system execution space is generated from
the hostname: the context list, an enable password and nothing else to edit.
"""

from __future__ import annotations

import hashlib
import re
from typing import TYPE_CHECKING

from exitkit.sandbox.devices.cisco_cli import CiscoCli
from exitkit.sandbox.devices.cisco_config import CiscoConfig
from exitkit.sandbox.devices.cli_common import Handler, Reply
from exitkit.sandbox.devices.secret_formats import SecretMaker
from exitkit.sandbox.devices.show import cisco, ios_time

if TYPE_CHECKING:
    from exitkit.sandbox.devices.device import DeviceState

CONTEXT_MARK = "<context>"
ADMIN_CONTEXT = "admin"

SOFTWARE = "9.16(4)"
# Where `show running-config` prints `*****` instead of the key (`more system:running-config`
# prints the key itself): the text before the key is group `p`.
MASKED = tuple(
    re.compile(p)
    for p in (
        r"^(?P<p> key (?:[08] )?)\S+$",
        r"^(?P<p> (?:ikev1 |ikev2 (?:remote|local)-authentication )?pre-shared-key )\S+",
        r"^(?P<p> (?:ldap-login-password|radius-common-pw) )\S+",
        r"^(?P<p>snmp-server (?:host .* )?community )\S+",
        r"^(?P<p>ntp authentication-key \d+ \S+ )\S+",
        r"^(?P<p> ospf message-digest-key \d+ md5 )\S+",
        r"^(?P<p>failover key )\S+",
        r"^(?P<p>\s+neighbor \S+ password (?:0 )?)\S+",
    )
)


def system_space(host: str) -> tuple[list[str], list[str]]:
    """The system execution space of a multiple-context ASA, and the secrets in it."""
    s = SecretMaker(f"cisco_asa/system/{host}")
    text = f"""hostname {host}
enable password $sha512$5000${s.word("")}==${s.word("")}== pbkdf2
mac-address auto
interface GigabitEthernet0/0
interface GigabitEthernet0/1
interface Management0/0
class default
  limit-resource All 0
  limit-resource ASDM 5
  limit-resource SSH 5
ftp mode passive
pager lines 24
no failover
console timeout 0
admin-context {ADMIN_CONTEXT}
context {ADMIN_CONTEXT}
  allocate-interface GigabitEthernet0/0
  allocate-interface Management0/0
  config-url disk0:/{ADMIN_CONTEXT}.cfg
context CUST-A
  description Customer A firewall
  allocate-interface GigabitEthernet0/1
  config-url ftp://backup:{s.word("ftp-")}@10.0.10.50/cust-a.cfg
prompt hostname context"""
    lines: list[str] = []
    for line in text.splitlines():
        if line.startswith(("interface", "class", "context", "ftp")):
            lines.append("!")
        lines.append(line)
    return lines, s.planted


def render(state: DeviceState, clear: bool, system: bool) -> list[str]:
    """`show running-config` (keys masked), `more system:running-config` (`clear`), of the
    context logged in to or of the system execution space."""
    config = cisco(state.running)
    host = config.hostname()
    version = f"ASA Version {SOFTWARE}"
    if system:
        body, _ = system_space(host)
        version += " <system>"
    else:
        body = [line for line in config.body_lines() if not line.startswith("ASA Version")]
        if not clear:
            body = [_masked(line) for line in body]
        if multiple_context(state):
            version += " <context>"
    checksum = hashlib.md5("\n".join(body).encode(), usedforsecurity=False).hexdigest()
    return [
        ": Saved",
        "",
        f": Serial Number: {state.serial}",
        ": Hardware:   ASAv, 2048 MB RAM, CPU Xeon 4100/6100/8100 series 2200 MHz, 1 CPU (2 cores)",
        f": Written by enable_15 at {ios_time(state.tick())}",
        ":",
        version,
        "!",
        *body,
        f"Cryptochecksum:{checksum}",
        ": end",
    ]


def _masked(line: str) -> str:
    for mask in MASKED:
        line = mask.sub(r"\g<p>*****", line)
    return line


def multiple_context(state: DeviceState) -> bool:
    config = state.running
    return isinstance(config, CiscoConfig) and any(
        line.text.startswith("ASA Version") and CONTEXT_MARK in line.text
        for line in config.root.children
    )


class AsaCli(CiscoCli):
    """One SSH session on an ASA."""

    def __init__(self, state: DeviceState, username: str) -> None:
        super().__init__(state, username)
        self.context: str | None = ADMIN_CONTEXT if multiple_context(state) else None

    def prompt(self) -> str:
        host = self.state.running.hostname()
        if self.context is not None:
            host += f"/{self.context}"
        if self.editor is not None:
            return f"{host}({self.editor.mode})#"
        return host + ("#" if self.privileged else ">")

    def _commands(self) -> list[tuple[str, Handler]]:
        return [
            ("show curpriv", self._curpriv),
            ("show mode", self._mode),
            ("show running-config", lambda _: self._view(clear=False)),
            ("more system:running-config", lambda _: self._view(clear=True)),
            ("terminal pager <n>", self._terminal_length),
            ("terminal pager lines <n>", self._terminal_length),
            ("changeto system", self._changeto_system),
            ("changeto context <name>", self._changeto_context),
            *super()._commands(),
        ]

    def _curpriv(self, _: list[str]) -> Reply:
        level, mode = ("15", "P_PRIV") if self.privileged else ("1", "P_UNPR")
        return Reply(
            [
                f"Username : {self.username}",
                f"Current privilege level : {level}",
                f"Current Mode/s : {mode}",
            ]
        )

    def _mode(self, _: list[str]) -> Reply:
        mode = "single" if self.context is None and not multiple_context(self.state) else "multiple"
        return Reply([f"Security context mode: {mode}"])

    def _view(self, clear: bool) -> Reply:
        if not self.privileged:
            return Reply(self.dialect.privileged_only.splitlines())
        system = self.context is None and multiple_context(self.state)
        return Reply(render(self.state, clear, system), dump=True)

    def _changeto_system(self, _: list[str]) -> Reply:
        if not multiple_context(self.state):
            return self._invalid()
        if not self.privileged:
            return Reply(self.dialect.privileged_only.splitlines())
        self.context = None
        return Reply()

    def _changeto_context(self, args: list[str]) -> Reply:
        if not multiple_context(self.state):
            return self._invalid()
        if args[0] != ADMIN_CONTEXT:
            return Reply([f"ERROR: Context '{args[0]}' is not configured."])
        self.context = args[0]
        return Reply()

    def _configure(self, line: str) -> Reply:
        text = line.strip()
        if text.split()[:1] in (["terminal"], ["more"], ["changeto"]):
            return self._exec(text)
        return super()._configure(line)
