"""Realistic-looking secret values (hashes, Cisco type 7, Junos $9$) to plant in emulated configs.

Every value is drawn from a per-device random generator and recorded, so a test can assert that
none of them survives redaction.
"""

from __future__ import annotations

import random
import string

_CRYPT = string.ascii_letters + string.digits + "./"
_JUNOS9 = string.ascii_letters + string.digits + "-./"
_TYPE7_KEY = "dsfd;kfoA,.iyewrkldJKDHSUBsgvca69834ncxv9873254k;fg87"


class SecretMaker:
    """Draws secrets for one device and remembers each one it made."""

    def __init__(self, seed: str) -> None:
        self._rng = random.Random(seed)
        self.planted: list[str] = []

    def _keep(self, value: str) -> str:
        self.planted.append(value)
        return value

    def _chars(self, alphabet: str, n: int) -> str:
        return "".join(self._rng.choice(alphabet) for _ in range(n))

    def word(self, prefix: str) -> str:
        """A plain-text secret such as an SNMP community or a pre-shared key."""
        return self._keep(f"{prefix}{self._chars(string.ascii_letters + string.digits, 10)}")

    def md5_crypt(self) -> str:
        """Cisco type 5 / Unix $1$."""
        return self._keep(f"$1${self._chars(_CRYPT, 4)}${self._chars(_CRYPT, 22)}")

    def sha256_crypt(self) -> str:
        """NX-OS password 5 ($5$)."""
        return self._keep(f"$5${self._chars(_CRYPT, 8)}${self._chars(_CRYPT, 43)}")

    def sha512_crypt(self) -> str:
        """EOS sha512 secrets and Junos encrypted-password ($6$)."""
        return self._keep(f"$6${self._chars(_CRYPT, 16)}${self._chars(_CRYPT, 86)}")

    def scrypt(self) -> str:
        """Cisco type 9 ($9$ on IOS, not to be confused with Junos $9$)."""
        return self._keep(f"$9${self._chars(_CRYPT, 14)}${self._chars(_CRYPT, 43)}")

    def type7(self) -> str:
        """Cisco type 7: the reversible obfuscation, encoded for real from a random password."""
        plain = self._chars(string.ascii_letters + string.digits, 10)
        seed = self._rng.randrange(16)
        body = "".join(
            f"{ord(ch) ^ ord(_TYPE7_KEY[(seed + i) % len(_TYPE7_KEY)]):02X}"
            for i, ch in enumerate(plain)
        )
        return self._keep(f"{seed:02d}{body}")

    def junos9(self) -> str:
        """Junos $9$ reversible secret."""
        return self._keep(f"$9${self._chars(_JUNOS9, 24)}")

    def hex_key(self, n_bytes: int, prefix: str = "0x") -> str:
        """NX-OS SNMPv3 localized keys (0x...) and 3DES-encrypted OSPF keys (bare hex)."""
        return self._keep(
            prefix + "".join(f"{self._rng.randrange(256):02x}" for _ in range(n_bytes))
        )

    def octet(self, low: int = 1, high: int = 254) -> int:
        """A random address byte (not a secret)."""
        return self._rng.randint(low, high)
