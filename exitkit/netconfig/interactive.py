"""Reading through netmiko's platform driver on a shell channel of an SSH connection exitkit
opened itself (so the host key and algorithm rules hold here too): the session prepared
(paging off), enable mode where the platform needs it, one command after the other."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import paramiko
from netmiko import ConnectHandler
from netmiko.channel import SSHChannel

from exitkit.netconfig.faults import Deadline
from exitkit.netconfig.platform import ConfigFile, Platform
from exitkit.netconfig.refusal import describe, unexpected
from exitkit.netconfig.ssh import Target


class _NoDeviceData(logging.Filter):
    """netmiko logs every byte read and written at DEBUG: configurations, secrets included."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno > logging.DEBUG


logging.getLogger("netmiko").addFilter(_NoDeviceData())
# A library must not print: without these, paramiko's thread writes tracebacks to stderr on
# every refused or cut connection (Python's last-resort handler). Configured logging still works.
for _name in ("netmiko", "paramiko"):
    logging.getLogger(_name).addHandler(logging.NullHandler())


@dataclass(frozen=True)
class ShellAnswers:
    outputs: dict[str, str]
    gaps: dict[str, str]


def open_shell(target: Target, client: paramiko.SSHClient, deadline: Deadline) -> Any:
    """A netmiko connection of the platform's driver, on a new shell channel of `client`:
    what netmiko's establish_connection does after its own login."""
    conn = ConnectHandler(
        device_type=target.platform.device_type,
        host=target.host,
        port=target.port,
        username=target.username,
        password=target.password or "",
        secret=target.secret or "",
        auto_connect=False,
        conn_timeout=deadline.bound(10),
    )
    conn.remote_conn_pre = client
    shell = client.invoke_shell(term="vt100", width=511, height=1000)
    shell.settimeout(conn.blocking_timeout)
    conn.remote_conn = shell
    conn.channel = SSHChannel(conn=shell, encoding=conn.encoding)
    conn.special_login_handler()
    return conn


def read_shell(
    conn: Any,
    platform: Platform,
    deadline: Deadline,
    current: dict[str, str],
    sealing: bool = False,
) -> ShellAnswers:
    """Every file of the platform, one command after the other; a refused secondary file is
    a gap, a refused restore file a failure.

    One shell, not one per file: netmiko's polling costs CPU, and on a busy machine two
    sessions per device took longer than one (benchmarks/network.py)."""
    current["what"] = "session preparation"
    conn._try_session_preparation()  # what ConnectHandler does right after logging in
    if platform.enable:
        current["what"] = "enable"
        conn.enable()
    outputs: dict[str, str] = {}
    gaps: dict[str, str] = {}
    for file in platform.files:
        command = file.command_for(sealing)
        text = _answer(conn, file, deadline, current, sealing)
        if not platform.refusal.search(text) and file.looks_right.search(text):
            outputs[file.name] = text
        elif file.name == platform.restore_file:
            raise unexpected(platform, command, text)
        else:
            gaps[file.name] = describe(platform, command, text)
    return ShellAnswers(outputs, gaps)


def _answer(
    conn: Any, file: ConfigFile, deadline: Deadline, current: dict[str, str], sealing: bool
) -> str:
    """The answer to the file's command, typed between the commands that enter and leave its
    context."""
    command = file.command_for(sealing)
    # A step changes the prompt (`configure`: `user@fw#`): wait for the base prompt, not the
    # prompt shown before the step.
    for step in file.before:
        current["what"] = step
        conn.send_command(
            step, read_timeout=deadline.bound(deadline.left()), auto_find_prompt=False
        )
    current["what"] = command
    text = str(conn.send_command(command, read_timeout=deadline.bound(deadline.left())))
    for step in file.after:
        current["what"] = step
        conn.send_command(
            step, read_timeout=deadline.bound(deadline.left()), auto_find_prompt=False
        )
    return text
