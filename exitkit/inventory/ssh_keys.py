"""The form of SSH public keys an estate pins: on a device's entry (`host_key: TYPE BASE64`) and
in its known_hosts file (OpenSSH format). Checked on load so a typo is a file:line error, not a
device that fails later; whether a device presents the key is checked at export."""

from __future__ import annotations

import base64
import binascii
import struct
from pathlib import Path

from exitkit.errors import InventoryError

MAX_KNOWN_HOSTS_BYTES = 16 * 1024 * 1024


def key_problem(keytype: str, data: str) -> str | None:
    """Why `keytype data` is not a public key, or None: the base64 must decode to a key blob
    that names the same type (as ssh-keygen checks)."""
    try:
        blob = base64.b64decode(data, validate=True)
        (size,) = struct.unpack(">I", blob[:4])
        named = blob[4 : 4 + size].decode("ascii")
    except (binascii.Error, struct.error, UnicodeDecodeError, ValueError):
        return "its key data is not base64 of an SSH public key"
    if named != keytype:
        return f"its key data is a {named} key, not {keytype}"
    return None


def _hosts_problem(hosts: str) -> str | None:
    """A hashed host name (`|1|SALT|HASH`, as `ssh-keygen -H` writes it) must hold a 20-byte
    salt and a 20-byte HMAC-SHA1."""
    if not hosts.startswith("|1|"):
        return None
    parts = hosts.split("|")
    try:
        sizes = [len(base64.b64decode(part, validate=True)) for part in parts[2:]]
    except (binascii.Error, ValueError):
        sizes = []
    return None if sizes == [20, 20] else "its hashed host name is not |1|SALT|HASH"


def check_known_hosts(path: Path) -> None:
    """InventoryError naming file:line for a line that is not `[MARKER] HOSTS TYPE BASE64`."""
    try:
        if path.stat().st_size > MAX_KNOWN_HOSTS_BYTES:
            raise InventoryError(f"{path}: larger than a known_hosts file can be (16 MiB)")
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return  # written on first use with --accept-new-host-keys
    except (OSError, UnicodeDecodeError) as error:
        raise InventoryError(f"{path}: cannot be read as a known_hosts file ({error})") from None
    for number, line in enumerate(text.splitlines(), start=1):
        fields = line.split()
        if not fields or fields[0].startswith("#"):
            continue
        if fields[0].startswith("@"):
            fields = fields[1:]
        problem = (
            "expected HOSTS TYPE BASE64"
            if len(fields) < 3
            else _hosts_problem(fields[0]) or key_problem(*fields[1:3])
        )
        if problem:
            raise InventoryError(f"{path}:{number}: not a known_hosts line: {problem}")
