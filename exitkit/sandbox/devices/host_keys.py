"""SSH host keys of emulated devices: ed25519 made per device, RSA (legacy devices) from a pool.

An ed25519 key costs microseconds; an RSA key tens of milliseconds, so RSA keys are made once per
process and handed out in turn. No two devices of one farm ever get the same key.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

import asyncssh

RSA = "ssh-rsa"
_RSA_POOL: list[asyncssh.SSHKey] = []
_RSA_LOCK = threading.Lock()


def _pooled_rsa(index: int) -> asyncssh.SSHKey:
    with _RSA_LOCK:
        while len(_RSA_POOL) <= index:
            _RSA_POOL.append(asyncssh.generate_private_key(RSA, key_size=2048))
        return _RSA_POOL[index]


class HostKeys:
    """The keys one farm hands out."""

    def __init__(self) -> None:
        self._rsa_given = 0

    def new(self, kind: str) -> asyncssh.SSHKey:
        """A key no other device of this farm has: `ssh-ed25519` or `ssh-rsa`."""
        if kind == RSA:
            self._rsa_given += 1
            return _pooled_rsa(self._rsa_given - 1)
        return asyncssh.generate_private_key(kind)


def public_line(key: asyncssh.SSHKey) -> str:
    """The OpenSSH public key without its comment: `ssh-ed25519 AAAA...`."""
    kind, blob = key.export_public_key("openssh").decode().split()[:2]
    return f"{kind} {blob}"


def known_hosts(entries: Iterable[tuple[str, int, str]]) -> str:
    """OpenSSH known_hosts lines for (host, port, public key line)."""
    lines = []
    for host, port, key in entries:
        where = host if port == 22 else f"[{host}]:{port}"
        lines.append(f"{where} {key}\n")
    return "".join(lines)
