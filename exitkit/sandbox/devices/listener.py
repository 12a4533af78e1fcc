"""The TCP port of one device: an SSH server, a silent socket (hang) or nothing (refused).

A fault that acts before SSH starts, a new host key or other algorithms are a change of what
listens on the port.
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


# What old switches offer, alone: SHA-1 key exchange, ssh-rsa (SHA-1 signatures), CBC, hmac-sha1.
LEGACY_ALGORITHMS: dict[str, list[str]] = {
    "kex_algs": ["diffie-hellman-group14-sha1", "diffie-hellman-group1-sha1"],
    "encryption_algs": ["aes128-cbc", "aes256-cbc", "3des-cbc"],
    "mac_algs": ["hmac-sha1"],
}


def _host_keys(state: DeviceState) -> list[asyncssh.SSHKey | asyncssh.SSHKeyPair]:
    """The device's key; a legacy device offers its RSA key with SHA-1 signatures only."""
    key = state.host_key()
    if not state.spec.legacy_algorithms:
        return [key]
    pair = asyncssh.load_keypairs([key])[0]
    pair.host_key_algorithms = pair.sig_algorithms = (b"ssh-rsa",)
    return [pair]


def _wanted(state: DeviceState) -> tuple[str, bool, int]:
    kind = {Fault.REFUSE: "nothing", Fault.HANG: "silent"}.get(state.fault, "ssh")
    if kind != "ssh":
        return kind, False, 0
    return kind, state.spec.legacy_algorithms, id(state.host_key())


class DeviceListener:
    """Keeps the device's port in the state its fault asks for (the port number never changes)."""

    def __init__(
        self, state: DeviceState, live: set[asyncssh.SSHServerConnection], port: int = 0
    ) -> None:
        self.state = state
        self.port = port
        self._live = live
        self._server: asyncssh.SSHAcceptor | asyncio.Server | None = None
        self._kind: tuple[str, bool, int] = ("nothing", False, 0)
        self._held: set[asyncio.BaseTransport] = set()

    async def follow(self) -> None:
        """Open, close or swap the listening socket to match the device's fault, host key and
        algorithms (connections already open keep what they had)."""
        wanted = _wanted(self.state)
        if wanted == self._kind:
            return
        self.close()
        if wanted[0] == "ssh":
            legacy = LEGACY_ALGORITHMS if self.state.spec.legacy_algorithms else {}
            acceptor = await asyncssh.listen(
                HOST,
                self.port,
                server_factory=lambda: DeviceServer(self.state, self._live),
                server_host_keys=_host_keys(self.state),
                line_editor=False,
                reuse_address=True,
                backlog=64,
                **legacy,
            )
            self._server = acceptor
            self.port = acceptor.get_port()
        elif wanted[0] == "silent":
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
        self._kind = ("nothing", False, 0)
