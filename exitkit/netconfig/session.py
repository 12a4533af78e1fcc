"""One device read over SSH: one login, then exec channels where the platform runs commands on
them, else (or when exec turns out not to be how this device reads) netmiko's platform driver on
a shell channel of the same connection, inside the same per-device time limit.

The record says how the device was read and, when exec was left, why.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import paramiko

from exitkit.netconfig.exec_read import NotHere, read_exec
from exitkit.netconfig.faults import Deadline, DeviceFailure, classify_session
from exitkit.netconfig.interactive import open_shell, read_shell
from exitkit.netconfig.ssh import Link, Target, connect
from exitkit.netconfig.watchdog import DEADLINE, DROPPED, WATCHDOG

EXEC = "exec"
INTERACTIVE = "interactive"


@dataclass(frozen=True)
class Reading:
    """What a device answered: raw text per file read, the files it would not give, how."""

    outputs: dict[str, str]
    method: str
    link: Link
    gaps: dict[str, str] = field(default_factory=dict)  # file name -> the device's refusal
    fallback: str | None = None  # why exec was not used, when it was not
    attempts: int = 1


def read_once(target: Target, deadline: Deadline, known_reason: str | None = None) -> Reading:
    """Read every file of the device; `known_reason` says exec is already known not to work."""
    client, link = connect(target, deadline)
    try:
        fallback = known_reason
        if target.platform.exec_safe and known_reason is None:
            try:
                with _watched(deadline, client, None) as current:
                    answers = read_exec(client, target.platform, deadline, current, target.sealing)
                return Reading(answers.outputs, EXEC, link, answers.gaps)
            except NotHere as why:
                fallback = why.reason
        elif not target.platform.exec_safe:
            fallback = f"{target.platform.device_type} does not end exec channels on its own"
        return _interactive(target, client, link, deadline, fallback)
    finally:
        client.close()


def _interactive(
    target: Target,
    client: paramiko.SSHClient,
    link: Link,
    deadline: Deadline,
    fallback: str | None,
) -> Reading:
    """The shell path, on the same connection when the device keeps it open after exec."""
    try:
        conn = open_shell(target, client, deadline)
    except Exception:  # some devices end the connection with their exec channel: log in again
        client.close()
        client, link = connect(target, deadline)
        with _watched(deadline, client, None) as current:
            current["what"] = "opening a shell"
            conn = open_shell(target, client, deadline)
    try:
        with _watched(deadline, client, conn) as current:
            answers = read_shell(conn, target.platform, deadline, current, target.sealing)
        return Reading(answers.outputs, INTERACTIVE, link, answers.gaps, fallback)
    finally:
        client.close()


@contextmanager
def _watched(deadline: Deadline, client: Any, conn: Any) -> Iterator[dict[str, str]]:
    """Ends the session at the deadline or when its connection dies, and turns what netmiko or
    paramiko raise into a DeviceFailure naming the command being read."""
    watch = WATCHDOG.watch(deadline, client, conn)
    current = {"what": "login"}
    try:
        yield current
    except (DeviceFailure, NotHere):
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
