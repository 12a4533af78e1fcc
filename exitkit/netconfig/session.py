"""One device read over SSH: every configuration file on its own exec channel of one
connection, all at once; a device that refuses exec is read through netmiko's platform driver.

Interactive reading costs the session preparation and one command after another (on a slow
device each is a round trip); exec channels cost one round trip for all files together.
"""

from __future__ import annotations

import logging
import socket
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import paramiko
from netmiko import ConnectHandler

from exitkit.netconfig.dialects import Platform
from exitkit.netconfig.faults import (
    UNEXPECTED,
    Deadline,
    DeviceFailure,
    classify_connect,
    classify_login,
    classify_session,
)
from exitkit.netconfig.redact import redact
from exitkit.netconfig.watchdog import DEADLINE, DROPPED, WATCHDOG

EXEC = "exec"
INTERACTIVE = "interactive"
# Opens the second and later exec channels of a device while its own thread opens the first.
_OPENING = ThreadPoolExecutor(max_workers=64, thread_name_prefix="exitkit-exec-open")


class _NoDeviceData(logging.Filter):
    """netmiko logs every byte read and written at DEBUG: configurations, secrets included."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno > logging.DEBUG


logging.getLogger("netmiko").addFilter(_NoDeviceData())
# A library must not print: without these, paramiko's thread writes tracebacks to stderr on
# every refused or cut connection (Python's last-resort handler). Configured logging still works.
for _name in ("netmiko", "paramiko"):
    logging.getLogger(_name).addHandler(logging.NullHandler())


@dataclass(frozen=True, repr=False)
class Target:
    """A device and the login to use; repr never shows the password."""

    platform: Platform
    host: str
    port: int
    username: str
    password: str | None
    secret: str | None = None
    key_file: str | None = None

    def __repr__(self) -> str:
        return f"Target({self.platform.device_type} {self.username}@{self.host}:{self.port})"


@dataclass(frozen=True)
class Reading:
    """What a device answered: raw text per file name, and how it was read."""

    outputs: dict[str, str]
    method: str
    attempts: int = 1


class _ExecRefused(Exception):
    """The device will not run commands on exec channels (or not privileged enough there)."""


def _connect(target: Target, deadline: Deadline) -> socket.socket:
    """The TCP connection, with Nagle's algorithm off: SSH sends many small packets, and
    Nagle with delayed ACKs stalls each login for tens of milliseconds (OpenSSH does the same)."""
    try:
        sock = socket.create_connection((target.host, target.port), timeout=deadline.bound(10))
    except OSError as error:
        raise classify_connect(error, target.host, target.port) from None
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def _exec_client(target: Target, deadline: Deadline) -> paramiko.SSHClient:
    """An SSH connection through paramiko (netmiko's transport), set up as netmiko sets it up:
    any host key accepted, no agent, keys only when the credential names a key file."""
    sock = _connect(target, deadline)
    client = paramiko.SSHClient()
    # As netmiko by default (ssh_strict=False): the inventory holds no host keys to pin yet.
    client.set_missing_host_key_policy(paramiko.AutoAddPolicy())  # noqa: S507
    try:
        client.connect(
            target.host,
            target.port,
            target.username,
            password=target.password,
            key_filename=target.key_file,
            look_for_keys=False,
            allow_agent=False,
            sock=sock,
            timeout=deadline.bound(10),
            banner_timeout=deadline.bound(15),
            auth_timeout=deadline.bound(15),
        )
    except Exception as error:
        client.close()
        sock.close()
        raise classify_login(error, target.host, target.port, target.username) from None
    return client


def _netmiko_login(target: Target, deadline: Deadline) -> Any:
    """A netmiko connection with the platform's driver, for devices that refuse exec."""
    sock = _connect(target, deadline)
    conn = ConnectHandler(
        device_type=target.platform.device_type,
        host=target.host,
        port=target.port,
        username=target.username,
        password=target.password or "",
        secret=target.secret or "",
        key_file=target.key_file,
        use_keys=target.key_file is not None,
        allow_agent=False,
        conn_timeout=deadline.bound(10),
        banner_timeout=deadline.bound(15),
        auth_timeout=deadline.bound(15),
        sock=sock,
        auto_connect=False,
    )
    try:
        conn.establish_connection()
    except Exception as error:
        conn.disconnect()  # also removes the log filter netmiko installed for this login
        sock.close()
        raise classify_login(error, target.host, target.port, target.username) from None
    return conn


def read_once(target: Target, deadline: Deadline) -> Reading:
    """Read every file of the platform over exec channels, else through netmiko's driver."""
    client = _exec_client(target, deadline)
    try:
        with _watched(deadline, client, None) as current:
            return Reading(_read_exec(client, target.platform, deadline, current), EXEC)
    except _ExecRefused:
        pass
    finally:
        client.close()
    conn = _netmiko_login(target, deadline)
    try:
        with _watched(deadline, conn.remote_conn_pre, conn) as current:
            return Reading(_read_interactive(conn, target.platform, deadline, current), INTERACTIVE)
    finally:
        if conn.remote_conn_pre is not None:
            conn.remote_conn_pre.close()
        conn.disconnect()


@contextmanager
def _watched(deadline: Deadline, client: Any, conn: Any) -> Iterator[dict[str, str]]:
    """Ends the session at the deadline or when its connection dies, and turns what netmiko or
    paramiko raise into a DeviceFailure naming the command being read."""
    watch = WATCHDOG.watch(deadline, client, conn)
    current = {"what": "login"}
    try:
        yield current
    except (DeviceFailure, _ExecRefused):
        raise
    except Exception as error:
        raise classify_session(
            error,
            what=current["what"],
            alive=watch.fired != DROPPED and watch.alive(),
            timed_out=watch.fired == DEADLINE or deadline.expired(),
            limit=deadline.seconds,
        ) from None
    finally:
        WATCHDOG.release(watch)


def _start(transport: paramiko.Transport, command: str, deadline: Deadline) -> paramiko.Channel:
    """Open an exec channel and start `command` on it (two round trips)."""
    try:
        channel = transport.open_session(timeout=deadline.bound(10))
        channel.set_combine_stderr(True)
        channel.exec_command(command)
    except paramiko.SSHException:
        if transport.is_active():
            raise _ExecRefused from None
        raise
    return channel


def _read_exec(
    client: paramiko.SSHClient, platform: Platform, deadline: Deadline, current: dict[str, str]
) -> dict[str, str]:
    """Every file's command on its own channel, all started at once and running on the device
    at the same time; the answers are then read one after the other."""
    transport = client.get_transport()
    if transport is None:
        raise _ExecRefused
    first, *others = platform.files
    current["what"] = first.command
    started = [_OPENING.submit(_start, transport, file.command, deadline) for file in others]
    channels = [(first, _start(transport, first.command, deadline))]
    for file, future in zip(others, started, strict=True):
        current["what"] = file.command
        channels.append((file, future.result()))
    outputs: dict[str, str] = {}
    for file, channel in channels:
        current["what"] = file.command
        text = _drain(channel, transport, deadline)
        if platform.refusal.search(text) or not file.looks_right.search(text):
            raise _ExecRefused  # e.g. an exec session below the privilege that shows config
        outputs[file.name] = text
    return outputs


def _drain(channel: paramiko.Channel, transport: paramiko.Transport, deadline: Deadline) -> str:
    """Everything the channel says until it ends; an end without exit status is a cut."""
    chunks: list[bytes] = []
    channel.settimeout(deadline.bound(deadline.left()))
    while data := channel.recv(65536):
        chunks.append(data)
    status = channel.recv_exit_status()
    if status == -1 and (transport.saved_exception is not None or not transport.is_active()):
        raise EOFError("connection closed before the command finished")
    return b"".join(chunks).decode("utf-8", errors="replace").replace("\r\n", "\n")


def _read_interactive(
    conn: Any, platform: Platform, deadline: Deadline, current: dict[str, str]
) -> dict[str, str]:
    """netmiko's own way: prepare the session (paging off), enter enable mode, one command
    after the other."""
    current["what"] = "session preparation"
    conn._try_session_preparation()  # what ConnectHandler does right after logging in
    if platform.enable:
        current["what"] = "enable"
        conn.enable()
    outputs: dict[str, str] = {}
    for file in platform.files:
        current["what"] = file.command
        text = str(conn.send_command(file.command, read_timeout=deadline.bound(deadline.left())))
        if platform.refusal.search(text) or not file.looks_right.search(text):
            raise unexpected(platform, file.command, text)
        outputs[file.name] = text
    return outputs


def unexpected(platform: Platform, command: str, text: str) -> DeviceFailure:
    """An answer that is not a configuration; its first line (redacted) says what it was."""
    lines = [line.strip() for line in text.splitlines() if any(c.isalnum() for c in line)]
    refusal = platform.refusal.search(text)
    first = refusal.group(0).strip() if refusal else (lines[0] if lines else "(nothing)")
    shown = redact(platform.device_type, first[:120]).text
    return DeviceFailure(UNEXPECTED, f"{command!r} answered {shown!r}, not a configuration")
