"""The SSH side of a device: banner and authentication, then a shell with echo and a pager, or
one command on an exec channel (answered, refused, paged or taken for a shell).

Each session is one small asyncio task reading typed lines; delays and drop faults act here.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import re
from collections.abc import Sequence

import asyncssh

from exitkit.sandbox.devices.cli_common import Reply
from exitkit.sandbox.devices.device import DeviceState, ExecMode, Fault

log = logging.getLogger(__name__)

_EOL = re.compile(r"[\r\n]")
_ERASE = re.compile(r"[^\x08\x7f]?[\x08\x7f]")
_QUIT_PAGER = "qQ\x03"
_USERAUTH_SERVICE = b"ssh-userauth"


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
        conn = self._conn
        if conn is not None and self._state.spec.banner:
            conn.send_auth_banner(self._state.spec.banner)
        if conn is not None and self._state.spec.keyboard_interactive_only:
            # paramiko falls back from a refused password to keyboard-interactive by asking for
            # the ssh-userauth service again; OpenSSH and device servers accept that, asyncssh
            # only once: keep accepting it until authentication completes.
            conn._next_service = _USERAUTH_SERVICE
        return True  # authentication is always required

    def auth_completed(self) -> None:
        if self._conn is not None:
            self._conn._next_service = None

    def password_auth_supported(self) -> bool:
        return not self._state.spec.keyboard_interactive_only

    def kbdint_auth_supported(self) -> bool:
        return self._state.spec.keyboard_interactive_only

    def get_kbdint_challenge(
        self, username: str, lang: str, submethods: str
    ) -> tuple[str, str, str, list[tuple[str, bool]]]:
        return "", "", "", [("Password: ", False)]  # one prompt, echo off

    def validate_kbdint_response(self, username: str, responses: Sequence[str]) -> bool:
        return len(responses) == 1 and self.validate_password(username, responses[0])

    def validate_password(self, username: str, password: str) -> bool:
        spec = self._state.spec
        if self._state.fault is Fault.REJECT_PASSWORD:
            return False
        options = self._state.dialect.user_options
        if options:
            username = username.split(options, 1)[0]
        return _same(username, spec.username) and _same(password, spec.password)

    def session_requested(self) -> DeviceSession:
        assert self._conn is not None
        username = str(self._conn.get_extra_info("username"))
        return DeviceSession(self._state, username)


def _lines(text: str) -> str:
    """Text typed by a person, as a terminal line discipline sends it (CRLF, ending in one)."""
    return "".join(line + "\r\n" for line in text.splitlines()) if text else ""


class DeviceSession(asyncssh.SSHServerSession[str]):
    """An interactive shell: echoes what is typed, answers each line, pages long output."""

    def __init__(self, state: DeviceState, username: str) -> None:
        self._state = state
        self._username = username
        self._cli = state.dialect.cli(state, username)
        self._chan: asyncssh.SSHServerChannel[str] | None = None
        self._typed = ""
        self._skip_lf = False
        self._eof = False
        self._wakeup = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._exec: str | None = None
        self._paged = False

    def connection_made(self, chan: asyncssh.SSHServerChannel[str]) -> None:
        self._chan = chan

    def pty_requested(
        self, term_type: str, term_size: tuple[int, int, int, int], term_modes: object
    ) -> bool:
        return True

    def shell_requested(self) -> bool:
        return True

    def exec_requested(self, command: str) -> bool:
        mode = self._state.spec.exec_mode
        if mode is ExecMode.REFUSE:
            return False  # a channel request failure; the connection stays up
        if mode is not ExecMode.SHELL:  # SHELL: the command is ignored, a shell starts
            self._exec = command
            self._paged = mode is ExecMode.PAGED
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
        return True  # half open: output still due (a slow exec) is sent, then the task exits

    def connection_lost(self, exc: Exception | None) -> None:
        if self._task is not None:
            self._task.cancel()

    def _write(self, text: str) -> None:
        if self._chan is not None and not self._chan.is_closing():
            self._chan.write(text)

    async def _run(self) -> None:
        cli = self._cli
        try:
            await self._login_delay()
            self._write(_lines(self._state.spec.motd) + cli.greeting() + cli.prompt())
            while (line := await self._read_line()) is not None:
                self._write("\r\n" if cli.hide_input else line + "\r\n")
                reply = cli.handle(line)
                if line.strip() and self._state.delay > 0:
                    await asyncio.sleep(self._state.delay)
                if self._cut(reply):
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
        """One command on an exec channel, answered after the delays, at the privilege the
        account is configured with; paged only when the device pages exec output."""
        cli = self._cli
        cli.start_exec()
        if not self._paged:
            cli.page_length = 0
        try:
            reply = cli.handle(command)
            await self._login_delay()
            if self._state.delay > 0:
                await asyncio.sleep(self._state.delay)
            if self._cut(reply):
                await self._drop(reply)
                return
            await self._send(reply)
            if self._state.spec.exec_mode is ExecMode.LINGER:
                await self._wait_input()  # until the client gives up on the channel
        except Exception:  # a bug here must end one session, never the farm
            log.exception("emulated exec on %s failed", self._state.spec.name)
        if self._chan is not None:
            self._chan.exit(0)

    async def _login_delay(self) -> None:
        if self._state.spec.login_delay > 0:  # a slow device: typed input waits meanwhile
            await asyncio.sleep(self._state.spec.login_delay)

    def _cut(self, reply: Reply) -> bool:
        """Whether a drop fault cuts this reply (DROP_ONCE heals as it strikes)."""
        fault = self._state.fault
        if not reply.dump or fault not in (Fault.DROP_MID_OUTPUT, Fault.DROP_ONCE):
            return False
        if fault is Fault.DROP_ONCE:
            self._state.fault = Fault.NONE
        return True

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
