"""Reading over exec channels: every file's command on its own channel of one connection, all
started at once. Tried only where the platform runs a command on exec and ends the channel; an
answer that looks like a prompt, a pager, or no first byte soon means "not here" at once, so a
device that treats exec as a shell costs a second, never the device's whole time limit."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import paramiko

from exitkit.netconfig.faults import Deadline
from exitkit.netconfig.platform import ConfigFile, Platform
from exitkit.netconfig.refusal import describe

FIRST_BYTE_S = 5.0  # a command that says nothing this long on exec is not running there
QUIET_S = 0.3  # output that stops this long on a prompt or a pager is waiting for a human
STALLED_S = 10.0  # output that stops this long without the channel ending will not end
_POLL_S = 0.1
_TAIL = 512
# Opens the second and later exec channels of a device while its own thread opens the first.
_OPENING = ThreadPoolExecutor(max_workers=64, thread_name_prefix="exitkit-exec-open")


class NotHere(Exception):
    """Exec cannot read this device; `reason` says why, for the device's record."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class ExecAnswers:
    outputs: dict[str, str]  # file name -> raw answer
    gaps: dict[str, str]  # file name -> why it was not read (the device's answer, redacted)


def _start(transport: paramiko.Transport, command: str, deadline: Deadline) -> paramiko.Channel:
    """Open an exec channel and start `command` on it (two round trips)."""
    try:
        channel = transport.open_session(timeout=deadline.bound(10))
        channel.set_combine_stderr(True)
        channel.exec_command(command)
    except paramiko.SSHException:
        if transport.is_active():
            raise NotHere("the device refused an exec channel") from None
        raise
    return channel


def read_exec(
    client: paramiko.SSHClient,
    platform: Platform,
    deadline: Deadline,
    current: dict[str, str],
    sealing: bool = False,
) -> ExecAnswers:
    """Every file of the platform over exec; NotHere when exec is not how this device reads."""
    transport = client.get_transport()
    if transport is None:
        raise NotHere("no SSH transport")
    first, *others = platform.files
    current["what"] = first.command_for(sealing)
    started = [
        _OPENING.submit(_start, transport, file.command_for(sealing), deadline) for file in others
    ]
    channels: list[tuple[ConfigFile, paramiko.Channel]] = []
    try:
        channels.append((first, _start(transport, first.command_for(sealing), deadline)))
        for file, future in zip(others, started, strict=True):
            current["what"] = file.command_for(sealing)
            channels.append((file, future.result()))
        return _answers(channels, platform, transport, deadline, current, sealing)
    finally:
        for future in started:
            future.cancel()
        for _, channel in channels:
            channel.close()


def _answers(
    channels: list[tuple[ConfigFile, paramiko.Channel]],
    platform: Platform,
    transport: paramiko.Transport,
    deadline: Deadline,
    current: dict[str, str],
    sealing: bool,
) -> ExecAnswers:
    outputs: dict[str, str] = {}
    gaps: dict[str, str] = {}
    for file, channel in channels:
        command = current["what"] = file.command_for(sealing)
        text = _without_prompt(platform, drain(channel, transport, platform, deadline))
        if not platform.refusal.search(text) and file.looks_right.search(text):
            outputs[file.name] = text
        elif file.name == platform.restore_file:
            # e.g. an exec session below the privilege that shows the configuration
            raise NotHere(f"over exec, {describe(platform, command, text)}")
        else:
            gaps[file.name] = describe(platform, command, text)
    return ExecAnswers(outputs, gaps)


def drain(
    channel: paramiko.Channel, transport: paramiko.Transport, platform: Platform, deadline: Deadline
) -> str:
    """Everything the channel says until it ends; an end without exit status is a cut."""
    chunks: list[bytes] = []
    tail = b""
    opened = last = time.monotonic()
    channel.settimeout(_POLL_S)
    while True:
        try:
            data = channel.recv(65536)
        except TimeoutError:
            now = time.monotonic()
            if deadline.expired():
                raise
            if not chunks and now - opened >= FIRST_BYTE_S:
                raise NotHere(f"no answer on the exec channel within {FIRST_BYTE_S:g} s") from None
            if chunks and now - last >= QUIET_S:
                _waiting_for_a_human(platform, tail)
            if chunks and now - last >= STALLED_S:
                raise NotHere(
                    f"the exec channel stayed open {STALLED_S:g} s after its output"
                ) from None
            continue
        if not data:
            break
        chunks.append(data)
        tail = (tail + data)[-_TAIL:]
        last = time.monotonic()
    status = channel.recv_exit_status()
    if status == -1 and (transport.saved_exception is not None or not transport.is_active()):
        raise EOFError("connection closed before the command finished")
    return b"".join(chunks).decode("utf-8", errors="replace").replace("\r\n", "\n")


def _without_prompt(platform: Platform, text: str) -> str:
    """The answer without the prompt some devices print after an exec command's output."""
    body = text.rstrip()
    head, _, last = body.rpartition("\n")
    if last.strip() and platform.prompt.match(last.strip()):
        return head + "\n"
    return text


def _waiting_for_a_human(platform: Platform, tail: bytes) -> None:
    """NotHere when quiet output ends on the platform's pager or prompt."""
    text = tail.decode("utf-8", errors="replace").replace("\r", "\n")
    last = text.rsplit("\n", 1)[-1]
    if platform.pager.search(last):
        raise NotHere("the exec output is paged (the device waits for a key)")
    if platform.prompt.match(last.strip()) and last.strip():
        raise NotHere("the exec channel answered with a prompt: the device treats exec as a shell")
