"""What each platform is asked, where the answers go, and how to tell an answer from a refusal.

Per-platform differences are rows of these tables; no other module branches on a platform name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class ConfigFile:
    """One file of a device's export and the command whose output it holds."""

    name: str
    command: str
    looks_right: re.Pattern[str]  # a complete answer contains a line like this


@dataclass(frozen=True)
class Platform:
    """One netmiko device_type as the exporter sees it."""

    device_type: str
    files: tuple[ConfigFile, ...]
    restore_file: str  # the file that can be applied again, line by line
    hostname: re.Pattern[str]  # where the configuration names the device (group 1)
    refusal: re.Pattern[str]  # an answer meaning "not allowed / not known here"
    enable: bool  # reading needs enable mode (IOS, EOS); NX-OS and Junos roles decide instead
    comment: str  # lines starting with this are never applied on restore
    not_applied: re.Pattern[str]  # lines shown by the device that configuration mode refuses
    commit: bool  # configuration changes take effect only after `commit`

    def files_named(self) -> list[str]:
        return [file.name for file in self.files]


def _re(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.MULTILINE)


_CISCO_REFUSAL = _re(
    r"^\s*% ?(?:Invalid (?:input|command)|Permission denied|Authorization failed|"
    r"Incomplete command|Unknown command|Ambiguous command).*$"
)
_CISCO_CONFIG = _re(r"^(?:hostname \S+|end|version \S.*|feature \S+|interface \S+)$")
_CISCO_HOSTNAME = _re(r"^hostname (\S+)\s*$")
_CISCO_NOT_APPLIED = re.compile(
    r"^(?:end|version .*|Building configuration.*|Current configuration.*|Using \d+ out of.*)$"
)


def _cisco(device_type: str, enable: bool) -> Platform:
    return Platform(
        device_type=device_type,
        files=(
            ConfigFile("running.cfg", "show running-config", _CISCO_CONFIG),
            ConfigFile("startup.cfg", "show startup-config", _CISCO_CONFIG),
        ),
        restore_file="running.cfg",
        hostname=_CISCO_HOSTNAME,
        refusal=_CISCO_REFUSAL,
        enable=enable,
        comment="!",
        not_applied=_CISCO_NOT_APPLIED,
        commit=False,
    )


JUNOS = Platform(
    device_type="juniper_junos",
    files=(
        ConfigFile("configuration.set", "show configuration | display set", _re(r"^set \S+")),
        ConfigFile("configuration.conf", "show configuration", _re(r"^(?:version \S+;|\S+ \{)$")),
    ),
    restore_file="configuration.set",
    hostname=_re(r"^set system host-name (\S+)\s*$"),
    refusal=_re(r"^\s*(?:unknown command\.|syntax error.*|error: .*|permission denied.*)$"),
    enable=False,
    comment="#",
    not_applied=re.compile(r"^(?:## .*)$"),
    commit=True,
)

PLATFORMS: dict[str, Platform] = {
    "cisco_ios": _cisco("cisco_ios", enable=True),
    "cisco_xe": _cisco("cisco_xe", enable=True),
    "cisco_nxos": _cisco("cisco_nxos", enable=False),
    "arista_eos": _cisco("arista_eos", enable=True),
    "juniper_junos": JUNOS,
}


def platform_of(device_type: str) -> Platform | None:
    """The table row for a netmiko device_type, None when exitkit does not know it."""
    return PLATFORMS.get(device_type)


def hostname_in(platform: Platform, text: str) -> str | None:
    """The hostname a configuration gives itself, if it names one."""
    found = platform.hostname.search(text)
    return found.group(1).strip('"') if found else None
