"""What a platform is to the emulator: one `Dialect` value holds everything that differs.

Each platform module in `dialects/` builds one; the CLI, configuration and SSH code read it and
never branch on a platform name. The Cisco-style configuration vocabulary shared by IOS, NX-OS
and EOS is here as well.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from exitkit.sandbox.devices.cisco_config import CiscoConfig
    from exitkit.sandbox.devices.cli_common import Cli
    from exitkit.sandbox.devices.device import DeviceState
    from exitkit.sandbox.devices.junos_config import JunosConfig
    from exitkit.sandbox.devices.secret_formats import SecretMaker


@dataclass(frozen=True)
class Dialect:
    """One platform's CLI dialect (netmiko device_type names)."""

    platform: str
    short_name: str  # used in generated device names: ios-001
    default_hostname: str
    login_banner: str
    has_enable: bool  # False: the user lands in the privileged prompt
    config_banner: str  # printed on entering configuration mode
    invalid_input: str  # the reply to a command the platform does not know
    privileged_only: str  # the reply to a privileged command typed in user mode
    length_reply: str  # reply to "terminal length 0" (EOS speaks, others are silent)
    width_reply: str  # reply to "terminal width N" ({n} is the width)
    pager_prompt: str
    pager_erase: str
    indent: str  # one level of sub-mode indentation in the shown configuration
    separator: str  # the line between configuration sections
    version_line: str  # a configuration line rendered from the software, not stored
    software: str
    model: str
    section_order: tuple[str, ...]  # "a|b": one section; "*": where unknown top-level lines go
    openers: tuple[tuple[str, str], ...]  # top-level line prefix -> sub-mode prompt name
    sub_openers: tuple[tuple[str, str], ...]  # sub-mode line prefix -> nested prompt name
    rejected: tuple[str, ...]  # lines shown by `show` that configuration mode refuses
    ignored: tuple[str, ...]  # lines configuration mode accepts but does not store
    cli: Callable[[DeviceState, str], Cli]  # the CLI of one session (state, username)
    config: Callable[[Dialect, str], CiscoConfig | JunosConfig]  # a configuration from its text
    dump: Callable[[DeviceState, bool], list[str]]  # a configuration read; True: the second file
    version: Callable[[DeviceState], list[str]]  # `show version`
    starting: Callable[[str, str, SecretMaker], str]  # realistic config (hostname, username)
    blank: str  # a freshly installed device's configuration ({host})
    touch: str  # a configuration line that makes the next export differ ({n})
    save_reply: tuple[str, ...] = ()  # `write memory` / `copy run start`
    copy_asks: str | None = None  # the question `copy running-config startup-config` asks
    show_in_config: bool = False  # `show ...` works in configuration mode without `do`
    # The account may read the first file but not the second: the platform's refusal
    # ({command}: the command as typed).
    secondary_refusal: str = ""
    # What separates terminal options from the user name at login (RouterOS `netops+ct`).
    user_options: str = ""


# Keywords that start a global configuration line: typed unindented inside a sub-mode, they
# leave it (the real CLIs fall back to the parent mode when the sub-mode does not know them).
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def sections(text: str) -> tuple[str, ...]:
    return tuple(text.split(", "))


GLOBAL_WORDS = _words(
    """hostname username enable snmp-server ntp logging service aaa banner tacacs-server
    radius-server spanning-tree boot boot-start-marker boot-end-marker clock version feature
    crypto access-list cdp lldp license hardware errdisable archive alias transceiver system
    copp role tacacs radius management daemon event monitor platform power mac router interface
    line vlan key control-plane class-map policy-map track object-group route-map mpls
    password"""
)

# "ip ..." lines that belong to an interface rather than to the global configuration.
INTERFACE_IP_WORDS = _words(
    """address ospf helper-address access-group vrf nat pim mtu redirects unreachables
    proxy-arp router igmp dhcp"""
)

# Lines of which a device keeps one per context: entering a new one replaces the old.
# (prefix, number of leading words that identify the line)
SINGLE_VALUED: tuple[tuple[str, int], ...] = (
    ("hostname", 1),
    ("description", 1),
    ("username", 2),
    ("enable secret", 2),
    ("enable password", 2),
    ("snmp-server location", 2),
    ("snmp-server contact", 2),
    ("snmp-server community", 3),
    ("tacacs-server key", 2),
    ("radius-server key", 2),
    ("ip domain-name", 2),
    ("ip domain name", 3),
    ("switchport mode", 2),
    ("switchport access vlan", 3),
    ("mtu", 1),
    ("speed", 1),
    ("duplex", 1),
    ("clock timezone", 2),
    ("router-id", 1),
    ("exec-timeout", 1),
    ("transport input", 2),
    ("ip ssh version", 3),
    ("logging buffered", 2),
    ("vrf member", 2),
)


def section_rank(order: tuple[str, ...], line: str) -> int:
    """Where a top-level line sorts in the shown configuration (the longest known prefix wins)."""
    best, best_len = order.index("*") if "*" in order else len(order), 0
    for text in (line, line[3:] if line.startswith("no ") else line):
        for rank, section in enumerate(order):
            for prefix in section.split("|"):
                if (text == prefix or text.startswith(prefix + " ")) and len(prefix) > best_len:
                    best, best_len = rank, len(prefix)
    return best
