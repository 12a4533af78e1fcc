"""Legacy SSH algorithms: off unless a device's entry (or its credential) allows them, and when
a device offers nothing else, a failure that names what it offered and the setting to change.

Installed access switches often offer only SHA-1 key exchange, ssh-rsa host keys and CBC
ciphers; modern clients refuse them by default, and so does exitkit until told otherwise.
"""

from __future__ import annotations

import socket
import struct

from exitkit.netconfig.faults import ALGORITHMS, DeviceFailure

# What `legacy_ssh: true` allows, as paramiko's `disabled_algorithms` when it is false.
LEGACY: dict[str, list[str]] = {
    "kex": [
        "diffie-hellman-group1-sha1",
        "diffie-hellman-group14-sha1",
        "diffie-hellman-group-exchange-sha1",
    ],
    "keys": ["ssh-rsa", "ssh-dss"],
    "ciphers": ["aes128-cbc", "aes192-cbc", "aes256-cbc", "3des-cbc"],
    "macs": ["hmac-md5", "hmac-md5-96", "hmac-sha1-96"],
}
_KEXINIT = 20
_MAX_PACKET = 35000  # RFC 4253 6.1: every implementation handles packets this large
_LISTS = ("kex", "host keys", "ciphers", "ciphers s2c", "macs")


def disabled(legacy_allowed: bool) -> dict[str, list[str]]:
    return {} if legacy_allowed else {kind: list(names) for kind, names in LEGACY.items()}


def _read_line(sock: socket.socket) -> bytes:
    line = b""
    while not line.endswith(b"\n") and len(line) < 256:
        byte = sock.recv(1)
        if not byte:
            break
        line += byte
    return line


def _read_exact(sock: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            raise EOFError
        data += chunk
    return data


def _name_lists(payload: bytes) -> list[list[str]]:
    """The name-lists of a KEXINIT payload: kex, host keys, ciphers both ways, macs..."""
    lists, offset = [], 17  # message number, 16-byte cookie
    for _ in range(len(_LISTS)):
        (size,) = struct.unpack(">I", payload[offset : offset + 4])
        raw = payload[offset + 4 : offset + 4 + size]
        names = raw.decode("ascii", errors="replace").split(",")
        lists.append([n for n in names if n and n.isprintable()][:30])
        offset += 4 + size
    return lists


def offered(host: str, port: int, timeout: float) -> dict[str, list[str]]:
    """What the device's SSH server offers, read from its KEXINIT (sent in clear)."""
    with socket.create_connection((host, port), timeout=timeout) as sock:
        sock.sendall(b"SSH-2.0-exitkit_probe\r\n")
        for _ in range(100):  # servers may send text lines before their version
            if _read_line(sock).startswith(b"SSH-"):
                break
        else:
            return {}
        length, _padding = struct.unpack(">IB", _read_exact(sock, 5))
        if not 0 < length <= _MAX_PACKET:
            return {}
        payload = _read_exact(sock, length - 1)
        if payload[:1] != bytes([_KEXINIT]):
            return {}
    kex, keys, ciphers, _, macs = _name_lists(payload)
    return {"kex": kex, "host keys": keys, "ciphers": ciphers, "macs": macs}


def refused(host: str, port: int, timeout: float) -> DeviceFailure:
    """The failure for a device whose algorithms exitkit would not use; never retried."""
    try:
        lists = offered(host, port, timeout)
    except (OSError, EOFError, struct.error):
        lists = {}
    shown = "; ".join(f"{kind} {', '.join(names)}" for kind, names in lists.items() if names)
    return DeviceFailure(
        ALGORITHMS,
        f"{host}:{port} offers no SSH algorithm exitkit uses by default"
        + (f" (it offers {shown})" if shown else "")
        + ": if this device cannot be upgraded, set `legacy_ssh: true` on its entry or its "
        "credential to allow SHA-1 key exchange, ssh-rsa host keys and CBC ciphers",
    )
