"""The TCP port of one device: an SSH server, a silent socket (hang) or nothing (refused).

A fault that acts before SSH starts is a change of what listens on the port.
"""

from __future__ import annotations

import asyncio

import asyncssh

from exitkit.sandbox.devices.device import HOST, DeviceState, Fault
from exitkit.sandbox.devices.ssh_session import DeviceServer


class _Silent(asyncio.Protocol):
    """Accepts a TCP connection and never says a word (no SSH banner)."""

    def __init__(self, held: set[asyncio.BaseTransport]) -> None:
        self._held = held
        self._transport: asyncio.BaseTransport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self._transport = transport
        self._held.add(transport)

    def connection_lost(self, exc: Exception | None) -> None:
        if self._transport is not None:
            self._held.discard(self._transport)


def _wanted(fault: Fault) -> str:
    return {Fault.REFUSE: "nothing", Fault.HANG: "silent"}.get(fault, "ssh")


class DeviceListener:
    """Keeps the device's port in the state its fault asks for (the port number never changes)."""

    def __init__(
        self,
        state: DeviceState,
        host_key: asyncssh.SSHKey,
        live: set[asyncssh.SSHServerConnection],
        port: int = 0,
    ) -> None:
        self.state = state
        self.port = port
        self._host_key = host_key
        self._live = live
        self._server: asyncssh.SSHAcceptor | asyncio.Server | None = None
        self._kind = "nothing"
        self._held: set[asyncio.BaseTransport] = set()

    async def follow_fault(self) -> None:
        """Open, close or swap the listening socket to match the device's current fault."""
        wanted = _wanted(self.state.fault)
        if wanted == self._kind:
            return
        self.close()
        if wanted == "ssh":
            acceptor = await asyncssh.listen(
                HOST,
                self.port,
                server_factory=lambda: DeviceServer(self.state, self._live),
                server_host_keys=[self._host_key],
                line_editor=False,
                reuse_address=True,
                backlog=64,
            )
            self._server = acceptor
            self.port = acceptor.get_port()
        elif wanted == "silent":
            loop = asyncio.get_running_loop()
            silent = await loop.create_server(
                lambda: _Silent(self._held), HOST, self.port, reuse_address=True
            )
            self._server = silent
            self.port = silent.sockets[0].getsockname()[1]
        self._kind = wanted

    def close(self) -> None:
        """Stop listening (the port then refuses) and drop connections held silent."""
        if self._server is not None:
            self._server.close()  # closes the listening socket at once; sessions stay
            self._server = None
        for transport in list(self._held):
            transport.close()
        self._held.clear()
        self._kind = "nothing"
