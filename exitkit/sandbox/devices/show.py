"""What every platform's `show` output shares: device clocks, uptime and the stored view.

Every read takes a fresh tick of the device clock, so two reads always differ in their
volatile lines (timestamps, `ntp clock-period`, byte counts) and never in the configuration.
The per-platform renderers live in the platform modules of `dialects/`.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from exitkit.sandbox.devices.cisco_config import CiscoConfig
from exitkit.sandbox.devices.junos_config import JunosConfig

if TYPE_CHECKING:
    from exitkit.sandbox.devices.device import DeviceState


def ios_time(t: dt.datetime) -> str:
    return f"{t:%H:%M:%S} UTC {t:%a %b} {t.day} {t.year}"


def unix_time(t: dt.datetime) -> str:
    return f"{t:%a %b %d %H:%M:%S %Y}"


def cisco(config: CiscoConfig | JunosConfig) -> CiscoConfig:
    assert isinstance(config, CiscoConfig)
    return config


def junos(config: CiscoConfig | JunosConfig) -> JunosConfig:
    assert isinstance(config, JunosConfig)
    return config


def uptime(state: DeviceState) -> tuple[int, int, int, int]:
    """Days, hours, minutes and seconds since the device booted."""
    seconds = int((dt.datetime.now(dt.UTC) - state.booted).total_seconds())
    return seconds // 86400, seconds % 86400 // 3600, seconds % 3600 // 60, seconds % 60


def junos_candidate(state: DeviceState, candidate: JunosConfig, display_set: bool) -> list[str]:
    """`show` inside configuration mode: the candidate, stamped with when it last changed."""
    if display_set:
        return candidate.set_lines()
    return [f"## Last changed: {state.tick():%Y-%m-%d %H:%M:%S} UTC", *candidate.brace_lines()]


def stored_config(state: DeviceState) -> str:
    """The running configuration as the device shows it, minus every volatile line."""
    config = state.running
    if isinstance(config, JunosConfig):
        return "\n".join(config.brace_lines()) + "\n"
    return "\n".join(config.body_lines()) + "\n"
