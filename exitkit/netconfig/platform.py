"""What exitkit knows about one network OS, as one value: the platform modules in
`exitkit.netconfig.platforms` each build one and register it; reading, normalising, redacting,
restoring and the Ansible inventory all read it, and none of them branches on a platform name."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields

from exitkit.netconfig.secrets import ProseBlock, SecretRule


@dataclass(frozen=True)
class ConfigFile:
    """One file of a device's export and the command whose output it holds."""

    name: str
    command: str
    looks_right: re.Pattern[str]  # a complete answer contains a line like this
    # When the export seals unredacted copies (--encrypt-to), the command that shows secrets in
    # clear (ASA `more system:running-config`, RouterOS `/export show-sensitive`); never used
    # otherwise, so a bundle without recipients never reads a secret the device can hide.
    sealed_command: str | None = None
    before: tuple[str, ...] = ()  # typed first in an interactive session (`config global`)
    after: tuple[str, ...] = ()  # typed after the answer, to leave what `before` entered

    def command_for(self, sealing: bool) -> str:
        return self.sealed_command if sealing and self.sealed_command else self.command


@dataclass(frozen=True)
class RestoreRules:
    """How an exported configuration is applied to a device again."""

    comment: str  # lines starting with this are never applied
    not_applied: re.Pattern[str]  # lines shown by the device that configuration mode refuses
    commit: bool  # changes take effect only after `commit`


@dataclass(frozen=True)
class Platform:
    """One netmiko device_type, everything about it in one place."""

    device_type: str
    files: tuple[ConfigFile, ...]  # the first is read first; `restore_file` is the required one
    restore_file: str  # the file that can be applied again, line by line
    hostname: re.Pattern[str]  # where the configuration names the device (group 1)
    prompt: re.Pattern[str]  # the last line of a session waiting for a command
    pager: re.Pattern[str]  # the last line of output held back until a key is pressed
    refusal: re.Pattern[str]  # an answer meaning "not allowed / not known here"
    enable: bool  # reading needs enable mode (IOS, EOS); NX-OS and Junos roles decide instead
    exec_safe: bool  # the OS runs a command given on an exec channel and then ends the channel
    volatile: tuple[str, ...]  # whole lines about the read, not the configuration (regexes)
    secrets: tuple[SecretRule, ...]  # where secret values sit in the configuration
    restore: RestoreRules
    ansible_network_os: str  # the Ansible collection's network OS name
    prose: tuple[ProseBlock, ...] = ()  # banners and messages: text for people, never redacted

    def files_named(self) -> list[str]:
        return [file.name for file in self.files]

    def file(self, name: str) -> ConfigFile:
        return next(file for file in self.files if file.name == name)

    def missing_parts(self) -> list[str]:
        """The parts of this definition left empty (a test keeps this list empty)."""
        empty = [f.name for f in fields(self) if getattr(self, f.name) in ("", (), None)]
        if self.restore_file not in self.files_named():
            empty.append("restore_file (not one of files)")
        return empty


def lines(pattern: str) -> re.Pattern[str]:
    """A pattern matched against whole lines of a multi-line answer."""
    return re.compile(pattern, re.MULTILINE)


def hostname_in(platform: Platform, text: str) -> str | None:
    """The hostname a configuration gives itself, if it names one."""
    found = platform.hostname.search(text)
    return found.group(1).strip('"') if found else None
