"""Re-apply an exported configuration to a device (a lab or a fresh replacement) with netmiko.

Lines holding a redacted secret are skipped and counted: applying `<redacted>` as a password
would lock the device. Restore the sealed, unredacted copy to bring the secrets back too.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from netmiko import ConnectHandler

from exitkit.errors import ExitkitError
from exitkit.netconfig.platform import Platform
from exitkit.netconfig.platforms import platform_of
from exitkit.netconfig.redact import REDACTED


class RestoreError(ExitkitError):
    """The configuration cannot be applied to this device type."""


@dataclass(frozen=True)
class Restored:
    applied: int  # lines sent in configuration mode
    skipped: int  # lines left out because they hold a redacted secret
    saved: bool  # written to the startup configuration (or committed, on Junos)


def restorable_lines(platform: Platform, text: str) -> tuple[list[str], int]:
    """The lines of an exported configuration that configuration mode takes, and how many were
    left out because they hold a redacted secret."""
    lines: list[str] = []
    skipped = 0
    for raw in text.splitlines():
        line = raw.rstrip()
        stripped = line.strip()
        if not stripped or stripped.startswith(platform.restore.comment):
            continue
        if platform.restore.not_applied.match(stripped):
            continue
        if REDACTED in line:
            skipped += 1
            continue
        lines.append(line)
    return lines, skipped


def apply_config(device: Mapping[str, Any], config_text: str, save: bool = True) -> Restored:
    """Apply `config_text` (an exported running.cfg or configuration.set) to `device`.

    `device` holds netmiko's ConnectHandler arguments (device_type, host, port, username,
    password, secret). Junos changes are committed; Cisco-style ones saved when `save`.
    """
    platform = platform_of(str(device.get("device_type", "")))
    if platform is None:
        raise RestoreError(f"cannot restore to device type {device.get('device_type')!r}")
    lines, skipped = restorable_lines(platform, config_text)
    conn = ConnectHandler(**dict(device))
    try:
        if platform.enable:
            conn.enable()
        if platform.restore.commit:
            conn.send_config_set(lines, exit_config_mode=False)
            conn.commit()
            conn.exit_config_mode()
        else:
            # A line may rename the device: its prompt (RouterOS `[user@name] >`) ends a line too.
            conn.send_config_set(
                lines,
                cmd_verify=echoed_one_by_one(lines),
                terminator=f"(?:#|{platform.prompt.pattern})",
            )
            if save:
                conn.set_base_prompt()  # the configuration may have renamed the device
                with contextlib.suppress(NotImplementedError):  # FortiOS saves every change
                    conn.save_config()
    finally:
        conn.disconnect()
    return Restored(len(lines), skipped, save or platform.restore.commit)


def echoed_one_by_one(lines: list[str]) -> bool:
    """Whether each line gets its prompt back: a quoted value that goes on over more lines
    (a FortiOS certificate or message) shows none until its closing quote."""
    return not any(line.count('"') % 2 for line in lines)


def missing_lines(platform: Platform, exported: str, now: str) -> list[str]:
    """Lines of `exported` (redacted ones aside) that the device's configuration `now` lacks."""
    expected, _ = restorable_lines(platform, exported)
    present = set(now.splitlines())
    return [line for line in expected if line not in present]
