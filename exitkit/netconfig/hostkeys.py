"""Pinned SSH host keys: an estate's known_hosts file (OpenSSH format, hashed names included)
and keys written on device entries. A device with no known key is refused unless the export
trusts new keys on first use, and then its key is added to the file."""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import threading
from dataclasses import dataclass
from pathlib import Path

import paramiko

from exitkit.errors import InventoryError
from exitkit.inventory.ssh_keys import MAX_KNOWN_HOSTS_BYTES
from exitkit.netconfig.faults import HOST_KEY_CHANGED, HOST_KEY_UNKNOWN, DeviceFailure


def fingerprint(key: paramiko.PKey) -> str:
    """OpenSSH's SHA256 fingerprint: `SHA256:` and the unpadded base64 of the key's hash."""
    digest = hashlib.sha256(key.asbytes()).digest()
    return "SHA256:" + base64.b64encode(digest).decode().rstrip("=")


def host_name(host: str, port: int) -> str:
    """How known_hosts names a host: `host` on port 22, `[host]:port` elsewhere."""
    return host if port == 22 else f"[{host}]:{port}"


def parse_key(text: str) -> paramiko.PKey:
    """The key written on a device's entry as `TYPE BASE64` (checked for form on load)."""
    try:
        keytype, data = text.split()[:2]
        return paramiko.PKey.from_type_string(keytype, base64.b64decode(data, validate=True))
    except (ValueError, binascii.Error, paramiko.SSHException, IndexError):
        raise DeviceFailure(
            HOST_KEY_UNKNOWN,
            "the host_key on the device's entry is a key type exitkit cannot check",
        ) from None


@dataclass(frozen=True)
class Presented:
    """The key a device presented, as its record shows it."""

    keytype: str
    fingerprint: str


class HostKeys:
    """The keys an export trusts; thread-safe, shared by every device of one export."""

    def __init__(self, path: Path, accept_new: bool = False) -> None:
        self.path = path
        self.accept_new = accept_new
        self._known = paramiko.HostKeys()
        self._lock = threading.Lock()
        if path.exists():
            self._load(path)

    def _load(self, path: Path) -> None:
        try:
            if path.stat().st_size > MAX_KNOWN_HOSTS_BYTES:
                raise InventoryError(f"{path}: larger than a known_hosts file can be")
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError as error:
            raise InventoryError(f"{path}: cannot be read ({error.strerror})") from None
        for number, line in enumerate(text.splitlines(), start=1):
            line = line.strip()
            if not line or line.startswith(("#", "@")):  # markers: CA and revoked keys
                continue
            try:
                entry = paramiko.hostkeys.HostKeyEntry.from_line(line, number)
            except (paramiko.hostkeys.InvalidHostKey, ValueError, binascii.Error):
                raise InventoryError(f"{path}:{number}: not a known_hosts line") from None
            if entry is not None:  # None: a key type paramiko cannot use, skipped as ssh does
                for name in entry.hostnames:
                    self._known.add(name, entry.key.get_name(), entry.key)

    def expected(
        self, host: str, port: int, pinned: paramiko.PKey | None
    ) -> dict[str, paramiko.PKey]:
        """The keys `host:port` may present, by key type: the entry's own key when it has one."""
        if pinned is not None:
            return {pinned.get_name(): pinned}
        with self._lock:
            found = self._known.lookup(host_name(host, port))
        return dict(found) if found else {}

    def policy(self, host: str, port: int) -> paramiko.MissingHostKeyPolicy:
        return _FirstUse(self, host, port)

    def learn(self, host: str, port: int, key: paramiko.PKey) -> None:
        """Trust on first use: the key is added to the file, and the file is fsynced."""
        name = host_name(host, port)
        line = f"{name} {key.get_name()} {key.get_base64()}\n"
        with self._lock:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
                try:
                    os.write(fd, line.encode())
                    os.fsync(fd)
                finally:
                    os.close(fd)
            except OSError as error:
                raise DeviceFailure(
                    HOST_KEY_UNKNOWN,
                    f"{host}:{port} presented {key.get_name()} key {fingerprint(key)}, which "
                    f"could not be added to {self.path} ({error.strerror}): nothing was sent",
                ) from None
            self._known.add(name, key.get_name(), key)


class _FirstUse(paramiko.MissingHostKeyPolicy):  # type: ignore[misc]
    """Called by paramiko when no key is known for the device: trust it, or refuse it."""

    def __init__(self, keys: HostKeys, host: str, port: int) -> None:
        self._keys, self._host, self._port = keys, host, port

    def missing_host_key(
        self, client: paramiko.SSHClient, hostname: str, key: paramiko.PKey
    ) -> None:
        if self._keys.accept_new:
            self._keys.learn(self._host, self._port, key)
            return
        raise DeviceFailure(
            HOST_KEY_UNKNOWN,
            f"{self._host}:{self._port} presented {key.get_name()} key {fingerprint(key)}, "
            f"which is not in {self._keys.path} nor on the device's entry: check it and add "
            "it, or export with --accept-new-host-keys to trust it on first use",
        )


def changed(host: str, port: int, got: paramiko.PKey, expected: paramiko.PKey) -> DeviceFailure:
    return DeviceFailure(
        HOST_KEY_CHANGED,
        f"{host}:{port} presented {got.get_name()} key {fingerprint(got)}, but "
        f"{expected.get_name()} key {fingerprint(expected)} is pinned for it: the device was "
        "replaced or someone is in the way; nothing was sent to it",
    )
