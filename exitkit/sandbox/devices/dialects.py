"""How each emulated platform talks: prompts, replies, pager, and the layout of its configuration.

Per-platform differences live here as data; the CLI and config code read them and never branch
on a platform name.
"""

from __future__ import annotations

from dataclasses import dataclass

PLATFORMS = ("cisco_ios", "cisco_nxos", "juniper_junos", "arista_eos")


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


# Keywords that start a global configuration line: typed unindented inside a sub-mode, they
# leave it (the real CLIs fall back to the parent mode when the sub-mode does not know them).
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _sections(text: str) -> tuple[str, ...]:
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

_CISCO_INVALID = "% Invalid input detected at '^' marker."

IOS = Dialect(
    platform="cisco_ios",
    short_name="ios",
    default_hostname="Router",
    login_banner="\r\nAuthorized access only. Disconnect IMMEDIATELY if not authorized.\r\n",
    has_enable=True,
    config_banner="Enter configuration commands, one per line.  End with CNTL/Z.",
    invalid_input="                    ^\r\n" + _CISCO_INVALID,
    privileged_only="                    ^\r\n" + _CISCO_INVALID,
    length_reply="",
    width_reply="",
    pager_prompt=" --More-- ",
    pager_erase="\b" * 10 + " " * 10 + "\b" * 10,
    indent=" ",
    separator="!",
    version_line="version 15.9",
    software="15.9(3)M7",
    model="CISCO2911/K9",
    section_order=_sections(
        "version, service, hostname, boot-start-marker|boot|boot-end-marker, logging, enable, "
        "username, aaa, clock, ip, crypto, key, *, interface, router, ip route, ip access-list, "
        "access-list, snmp-server, tacacs-server, tacacs, radius-server, radius, control-plane, "
        "line, ntp"
    ),
    openers=(
        ("interface", "config-if"),
        ("line", "config-line"),
        ("router", "config-router"),
        ("ip access-list standard", "config-std-nacl"),
        ("ip access-list extended", "config-ext-nacl"),
        ("crypto isakmp policy", "config-isakmp"),
        ("crypto keyring", "conf-keyring"),
        ("crypto map", "config-crypto-map"),
        ("tacacs server", "config-server-tacacs"),
        ("radius server", "config-radius-server"),
        ("aaa group server", "config-sg-tacacs+"),
        ("vlan", "config-vlan"),
        ("key chain", "config-keychain"),
        ("class-map", "config-cmap"),
        ("policy-map", "config-pmap"),
        ("route-map", "config-route-map"),
        ("control-plane", "config-cp"),
        ("vrf definition", "config-vrf"),
        ("ip vrf", "config-vrf"),
    ),
    sub_openers=(
        ("address-family", "config-router-af"),
        ("class", "config-pmap-c"),
        ("key", "config-keychain-key"),
    ),
    rejected=("Building configuration", "Current configuration", "Using "),
    ignored=("version ", "ntp clock-period"),
)

NXOS = Dialect(
    platform="cisco_nxos",
    short_name="nxos",
    default_hostname="switch",
    login_banner=(
        "\r\nCisco Nexus Operating System (NX-OS) Software\r\n"
        "TAC support: http://www.cisco.com/tac\r\n"
        "Copyright (C) 2002-2021, Cisco and/or its affiliates.\r\n"
        "All rights reserved.\r\n"
    ),
    has_enable=False,
    config_banner="Enter configuration commands, one per line. End with CNTL/Z.",
    invalid_input="                    ^\r\n% Invalid command at '^' marker.",
    privileged_only="% Permission denied",
    length_reply="",
    width_reply="",
    pager_prompt=" --More-- ",
    pager_erase="\r" + " " * 10 + "\r",
    indent="  ",
    separator="",
    version_line="version 9.3(8) Bios:version  ",
    software="9.3(8)",
    model="Nexus9000 C9300v Chassis",
    section_order=_sections(
        "version, hostname, vdc, feature, no password, username, ip domain-lookup, "
        "tacacs-server, radius-server, aaa, snmp-server, ntp, *, vlan, vrf, interface, line, "
        "boot, router"
    ),
    openers=(
        ("interface", "config-if"),
        ("router", "config-router"),
        ("vlan", "config-vlan"),
        ("vrf context", "config-vrf"),
        ("line", "config-line"),
        ("role name", "config-role"),
        ("aaa group server", "config-tacacs+"),
        ("ip access-list", "config-acl"),
        ("route-map", "config-route-map"),
    ),
    sub_openers=(("address-family", "config-router-af"), ("neighbor", "config-router-neighbor")),
    rejected=("Command: ", "Time: "),
    ignored=("version ",),
)

EOS = Dialect(
    platform="arista_eos",
    short_name="eos",
    default_hostname="localhost",
    login_banner="\r\nLast login: Mon Jan  6 09:12:44 2025 from 10.0.0.50\r\n",
    has_enable=True,
    config_banner="",
    invalid_input="% Invalid input",
    privileged_only="% Invalid input (privileged mode required)",
    length_reply="Pagination disabled.",
    width_reply="Width set to {n} columns.",
    pager_prompt=" --More-- ",
    pager_erase="\r" + " " * 10 + "\r",
    indent="   ",
    separator="!",
    version_line="",
    software="4.31.0F",
    model="vEOS-lab",
    section_order=_sections(
        "no aaa root, aaa, username, enable, transceiver, service, hostname, ip domain-name, "
        "ip name-server, snmp-server, tacacs-server, radius-server, spanning-tree, *, vlan, "
        "interface, ip routing, ip route, router, ntp, management"
    ),
    openers=(
        ("interface", "config-if"),
        ("router", "config-router"),
        ("vlan", "config-vlan"),
        ("management", "config-mgmt"),
        ("ip access-list", "config-acl"),
        ("route-map", "config-route-map"),
        ("vrf instance", "config-vrf"),
    ),
    sub_openers=(("address-family", "config-router-bgp-af"),),
    rejected=(),
    ignored=(),
)

JUNOS = Dialect(
    platform="juniper_junos",
    short_name="junos",
    default_hostname="",
    login_banner="--- JUNOS 21.4R3.15 Kernel 64-bit  JNPR-12.1-20220201.3b7c4ba_buil\r\n",
    has_enable=False,
    config_banner="Entering configuration mode",
    invalid_input="                    ^\r\nunknown command.",
    privileged_only="",
    length_reply="Screen length set to {n}",
    width_reply="Screen width set to {n}",
    pager_prompt="---(more)---",
    pager_erase="\r" + " " * 12 + "\r",
    indent="    ",
    separator="",
    version_line="",
    software="21.4R3.15",
    model="vmx",
    section_order=_sections(
        "version, groups, system, chassis, services, security, interfaces, snmp, "
        "forwarding-options, routing-options, protocols, policy-options, firewall, "
        "routing-instances, *"
    ),
    openers=(),
    sub_openers=(),
    rejected=(),
    ignored=(),
)

DIALECTS: dict[str, Dialect] = {d.platform: d for d in (IOS, NXOS, EOS, JUNOS)}


def section_rank(order: tuple[str, ...], line: str) -> int:
    """Where a top-level line sorts in the shown configuration (the longest known prefix wins)."""
    best, best_len = order.index("*") if "*" in order else len(order), 0
    for text in (line, line[3:] if line.startswith("no ") else line):
        for rank, section in enumerate(order):
            for prefix in section.split("|"):
                if (text == prefix or text.startswith(prefix + " ")) and len(prefix) > best_len:
                    best, best_len = rank, len(prefix)
    return best
