"""One SSH connection to a device through paramiko (netmiko's transport): the host key checked
against the pinned one before any credential is sent, legacy algorithms only where allowed, and
every failure turned into a DeviceFailure with its class."""

from __future__ import annotations

import socket
from dataclasses import dataclass
from typing import Any

import paramiko

from exitkit.netconfig import algorithms
from exitkit.netconfig.faults import Deadline, DeviceFailure, classify_connect, classify_login
from exitkit.netconfig.hostkeys import HostKeys, changed, fingerprint, host_name, parse_key
from exitkit.netconfig.platform import Platform


@dataclass(frozen=True, repr=False)
class Target:
    """A device, the login to use and how far to trust it; repr never shows the password."""

    platform: Platform
    host: str
    port: int
    username: str
    password: str | None
    host_keys: HostKeys
    secret: str | None = None
    key_file: str | None = None
    host_key: str | None = None  # the key written on the device's entry (TYPE BASE64)
    legacy_ssh: bool = False
    sealing: bool = False  # the export seals unredacted copies: read secrets in clear

    def __repr__(self) -> str:
        return f"Target({self.platform.device_type} {self.username}@{self.host}:{self.port})"


@dataclass(frozen=True)
class Link:
    """What the connection was, for the device's record."""

    host_key_type: str
    host_key: str  # SHA256 fingerprint
    kex: str
    cipher: str
    legacy_allowed: bool

    def to_record(self) -> dict[str, Any]:
        return {
            "host_key": {"type": self.host_key_type, "fingerprint": self.host_key},
            "kex": self.kex,
            "cipher": self.cipher,
            "legacy_allowed": self.legacy_allowed,
        }


class _Transport(paramiko.Transport):  # type: ignore[misc]
    """paramiko's transport, remembering the key exchange it agreed (it forgets it after)."""

    agreed_kex = "unknown"

    def _parse_kex_init(self, m: Any) -> None:
        super()._parse_kex_init(m)
        engine = type(self.kex_engine)
        self.agreed_kex = next(
            (name for name, kind in self._kex_info.items() if kind is engine), "unknown"
        )


def _tcp(target: Target, deadline: Deadline) -> socket.socket:
    """The TCP connection, with Nagle's algorithm off: SSH sends many small packets, and
    Nagle with delayed ACKs stalls each login for tens of milliseconds (OpenSSH does the same)."""
    try:
        sock = socket.create_connection((target.host, target.port), timeout=deadline.bound(10))
    except OSError as error:
        raise classify_connect(error, target.host, target.port) from None
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def _client(target: Target) -> paramiko.SSHClient:
    client = paramiko.SSHClient()
    pinned = parse_key(target.host_key) if target.host_key else None
    known = target.host_keys.expected(target.host, target.port, pinned)
    name = host_name(target.host, target.port)
    for keytype, key in known.items():
        client.get_host_keys().add(name, keytype, key)
    client.set_missing_host_key_policy(target.host_keys.policy(target.host, target.port))
    return client


def connect(target: Target, deadline: Deadline) -> tuple[paramiko.SSHClient, Link]:
    """A logged-in SSH connection to the device; keyboard-interactive is answered with the
    password when the device offers nothing else (paramiko's fallback)."""
    sock = _tcp(target, deadline)
    client = _client(target)
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
            disabled_algorithms=algorithms.disabled(target.legacy_ssh),
            transport_factory=_Transport,
        )
    except Exception as error:
        client.close()
        sock.close()
        raise _login_failure(error, target, deadline) from None
    return client, _link(client, target)


def _login_failure(error: BaseException, target: Target, deadline: Deadline) -> DeviceFailure:
    if isinstance(error, DeviceFailure):
        return error
    if isinstance(error, paramiko.BadHostKeyException):
        return changed(target.host, target.port, error.key, error.expected_key)
    if isinstance(error, paramiko.ssh_exception.IncompatiblePeer):
        return algorithms.refused(target.host, target.port, deadline.bound(5))
    return classify_login(error, target.host, target.port, target.username)


def _link(client: paramiko.SSHClient, target: Target) -> Link:
    transport = client.get_transport()
    key = transport.get_remote_server_key() if transport else None
    return Link(
        host_key_type=key.get_name() if key else "unknown",
        host_key=fingerprint(key) if key else "unknown",
        kex=str(getattr(transport, "agreed_kex", "unknown")),
        cipher=str(getattr(transport, "local_cipher", "unknown")),
        legacy_allowed=target.legacy_ssh,
    )
