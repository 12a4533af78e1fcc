"""A device's first configuration, generated per device with planted secrets.

The text of each platform's realistic configuration lives in its module of `dialects/`.
"""

from __future__ import annotations

from dataclasses import dataclass

from exitkit.sandbox.devices.dialects import DIALECTS
from exitkit.sandbox.devices.secret_formats import SecretMaker


@dataclass(frozen=True)
class StartingConfig:
    """A device's first configuration and the secret values written into it."""

    text: str
    planted_secrets: tuple[str, ...]


def starting_config(platform: str, hostname: str, username: str) -> StartingConfig:
    """The realistic configuration a device of this platform starts with."""
    maker = SecretMaker(f"{platform}/{hostname}")
    text = DIALECTS[platform].starting(hostname, username, maker)
    return StartingConfig(text=text, planted_secrets=tuple(maker.planted))


def blank_config(platform: str, hostname: str) -> StartingConfig:
    """A freshly installed device: a hostname and nothing else (the target of a restore test)."""
    return StartingConfig(text=DIALECTS[platform].blank.format(host=hostname), planted_secrets=())
