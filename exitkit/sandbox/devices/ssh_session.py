"""The SSH side of a device: password check, then an interactive shell with echo and a pager.

Each session is one small asyncio task reading typed lines; the delay and drop faults act here.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import re

import asyncssh

from exitkit.sandbox.devices.cisco_cli import CiscoCli
from exitkit.sandbox.devices.cisco_config import CiscoConfig
from exitkit.sandbox.devices.cli_common import Cli, Reply
from exitkit.sandbox.devices.device import DeviceState, Fault
from exitkit.sandbox.devices.junos_cli import JunosCli

log = logging.getLogger(__name__)

_EOL = re.compile(r"[\r\n]")
_ERASE = re.compile(r"[^\x08\x7f]?[\x08\x7f]")
_QUIT_PAGER = "qQ\x03"


def _same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


class DeviceServer(asyncssh.SSHServer):
    """One inbound SSH connection to a device."""

    def __init__(self, state: DeviceState, live: set[asyncssh.SSHServerConnection]) -> None:
        self._state = state
        self._live = live
        self._conn: asyncssh.SSHServerConnection | None = None

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self._conn = conn
        self._live.add(conn)

    def connection_lost(self, exc: Exception | None) -> None:
        if self._conn is not None:
            self._live.discard(self._conn)

    def begin_auth(self, username: str) -> bool:
        return True  # authentication is always required

    def password_auth_supported(self) -> bool:
        return True

    def validate_password(self, username: str, password: str) -> bool:
        spec = self._state.spec
        if self._state.fault is Fault.REJECT_PASSWORD:
            return False
        return _same(username, spec.username) and _same(password, spec.password)

    def session_requested(self) -> DeviceSession:
        assert self._conn is not None
        username = str(self._conn.get_extra_info("username"))
        return DeviceSession(self._state, username)


def _privilege_15(state: DeviceState, username: str) -> bool:
    config = state.running
    lines = config.body_lines() if isinstance(config, CiscoConfig) else []
    return any(re.match(rf"username {re.escape(username)} .*privilege 15\b", ln) for ln in lines)


def _new_cli(state: DeviceState, username: str) -> Cli:
    if state.spec.platform == "juniper_junos":
        return JunosCli(state, username)
    return CiscoCli(state, username)


class DeviceSession(asyncssh.SSHServerSession[str]):
    """An interactive shell: echoes what is typed, answers each line, pages long output."""

    def __init__(self, state: DeviceState, username: str) -> None:
        self._state = state
        self._username = username
        self._cli = _new_cli(state, username)
        self._chan: asyncssh.SSHServerChannel[str] | None = None
        self._typed = ""
        self._skip_lf = False
        self._eof = False
        self._wakeup = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._exec: str | None = None

    def connection_made(self, chan: asyncssh.SSHServerChannel[str]) -> None:
        self._chan = chan

    def pty_requested(
        self, term_type: str, term_size: tuple[int, int, int, int], term_modes: object
    ) -> bool:
        return True

    def shell_requested(self) -> bool:
        return True

    def exec_requested(self, command: str) -> bool:
        self._exec = command  # `ssh device COMMAND`: one command, no pager, then exit
        return True

    def session_started(self) -> None:
        run = self._run() if self._exec is None else self._run_exec(self._exec)
        self._task = asyncio.get_running_loop().create_task(run)

    def data_received(self, data: str, datatype: asyncssh.DataType) -> None:
        self._typed += data
        self._wakeup.set()

    def eof_received(self) -> bool:
        self._eof = True
        self._wakeup.set()
        return False

    def connection_lost(self, exc: Exception | None) -> None:
        if self._task is not None:
            self._task.cancel()

    def _write(self, text: str) -> None:
        if self._chan is not None and not self._chan.is_closing():
            self._chan.write(text)

    async def _run(self) -> None:
        cli = self._cli
        try:
            self._write(cli.greeting() + cli.prompt())
            while (line := await self._read_line()) is not None:
                self._write("\r\n" if cli.hide_input else line + "\r\n")
                reply = cli.handle(line)
                if line.strip() and self._state.delay > 0:
                    await asyncio.sleep(self._state.delay)
                if reply.dump and self._state.fault is Fault.DROP_MID_OUTPUT:
                    await self._drop(reply)
                    return
                await self._send(reply)
                if reply.close:
                    break
                self._write(reply.ask if reply.ask is not None else cli.prompt())
        except Exception:  # a bug here must end one session, never the farm
            log.exception("emulated session on %s failed", self._state.spec.name)
        if self._chan is not None:
            self._chan.exit(0)

    async def _run_exec(self, command: str) -> None:
        """One command on an exec channel, answered after the delay, at the privilege the
        account is configured with (IOS/EOS `privilege 15`, as with `aaa authorization exec`)."""
        cli = self._cli
        cli.page_length = 0
        if isinstance(cli, CiscoCli) and _privilege_15(self._state, self._username):
            cli.privileged = True
        try:
            reply = cli.handle(command)
            if self._state.delay > 0:
                await asyncio.sleep(self._state.delay)
            if reply.dump and self._state.fault is Fault.DROP_MID_OUTPUT:
                await self._drop(reply)
                return
            if reply.lines:
                self._write("\r\n".join(reply.lines) + "\r\n")
        except Exception:  # a bug here must end one session, never the farm
            log.exception("emulated exec on %s failed", self._state.spec.name)
        if self._chan is not None:
            self._chan.exit(0)

    async def _wait_input(self) -> bool:
        """Wait until something was typed; False once the client sent EOF."""
        while not self._typed:
            if self._eof:
                return False
            self._wakeup.clear()
            await self._wakeup.wait()
        return True

    def _take(self, n: int) -> str:
        taken, self._typed = self._typed[:n], self._typed[n:]
        return taken

    async def _read_line(self) -> str | None:
        while True:
            if not await self._wait_input():
                return None
            if self._skip_lf:
                self._skip_lf = False
                if self._typed.startswith("\n"):
                    self._take(1)
                    continue
            found = _EOL.search(self._typed)
            if found is None:
                self._wakeup.clear()
                await self._wakeup.wait()
                continue
            line = self._take(found.start())
            self._skip_lf = self._take(1) == "\r"
            while _ERASE.search(line):
                line = _ERASE.sub("", line, count=1)
            return line

    async def _read_key(self) -> str | None:
        if not await self._wait_input():
            return None
        key = self._take(1)
        self._skip_lf = key == "\r"
        return key

    async def _send(self, reply: Reply) -> None:
        lines, page = reply.lines, self._cli.page_length
        if not lines:
            return
        if not reply.paged or page <= 0 or len(lines) <= page:
            self._write("\r\n".join(lines) + "\r\n")
            return
        shown, step = 0, page
        dialect = self._state.dialect
        while shown < len(lines):
            chunk = lines[shown : shown + step]
            self._write("\r\n".join(chunk) + "\r\n")
            shown += len(chunk)
            if shown >= len(lines):
                return
            self._write(dialect.pager_prompt)
            key = await self._read_key()
            self._write(dialect.pager_erase)
            if key is None or key in _QUIT_PAGER:
                return
            step = 1 if key in "\r\n" else page

    async def _drop(self, reply: Reply) -> None:
        """Send the first half of a configuration dump, then cut the connection."""
        half = reply.lines[: len(reply.lines) // 2]
        self._write("\r\n".join(half) + "\r\n")
        await asyncio.sleep(0.1)  # let the half reach the client before the cut
        if self._chan is not None:
            conn = self._chan.get_extra_info("connection")
            if isinstance(conn, asyncssh.SSHServerConnection):
                conn.abort()
