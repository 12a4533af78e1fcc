"""Arista EOS: prompts and replies, configuration layout, `show` output and a starting config."""

from __future__ import annotations

from typing import TYPE_CHECKING

from exitkit.sandbox.devices.cisco_cli import CiscoCli
from exitkit.sandbox.devices.cisco_config import CiscoConfig
from exitkit.sandbox.devices.dialect import Dialect, sections
from exitkit.sandbox.devices.show import cisco, unix_time, uptime

if TYPE_CHECKING:
    from exitkit.sandbox.devices.device import DeviceState
    from exitkit.sandbox.devices.secret_formats import SecretMaker


def dump(state: DeviceState, startup: bool) -> list[str]:
    """`show running-config`, or `show startup-config` when `startup`."""
    config = cisco(state.startup if startup else state.running)
    device = f"! device: {config.hostname()} (vEOS-lab, EOS-{state.dialect.software})"
    if startup:
        stamp = f"! Startup-config last modified at  {unix_time(state.saved_at)} by admin"
        head = ["! Command: show startup-config", stamp, device]
    else:
        time = f"! Time: {unix_time(state.tick())}"
        head = ["! Command: show running-config", device, time]
    boot = ["!", "! boot system flash:/vEOS-lab.swi", "!"]
    return [*head, *boot, *config.body_lines(), "!", "end"]


def version(state: DeviceState) -> list[str]:
    days, hours, minutes, _ = uptime(state)
    sw = state.dialect.software
    return f"""Arista {state.dialect.model}
Hardware version:
Serial number: {state.serial}
System MAC address: 5000.00{state.serial[:2].lower()}.0000

Software image version: {sw}
Architecture: x86_64
Internal build version: {sw}-33797590.4310F

Uptime: {days // 7} weeks, {days % 7} days, {hours} hours and {minutes} minutes
Total memory: 3983616 kB
Free memory: 2411032 kB""".splitlines()


def starting(host: str, user: str, s: SecretMaker) -> str:
    a, b = s.octet(), s.octet()
    return f"""no aaa root
aaa authentication login default group tacacs+ local
aaa authorization exec default group tacacs+ local
username admin privilege 15 role network-admin secret sha512 {s.sha512_crypt()}
username {user} privilege 15 role network-admin secret sha512 {s.sha512_crypt()}
enable password sha512 {s.sha512_crypt()}
service routing protocols model multi-agent
hostname {host}
ip domain-name corp.example
snmp-server location DC1 row {a % 9 + 1}
snmp-server community {s.word("ro-")} ro
snmp-server community {s.word("rw-")} rw
tacacs-server key 7 {s.type7()}
tacacs-server host 10.0.10.11
radius-server key 7 {s.type7()}
spanning-tree mode mstp
vlan 10
   name users
interface Ethernet1
   description uplink to spine-1
   no switchport
   ip address 10.{a}.{b}.0/31
   ip ospf authentication-key 7 {s.type7()}
interface Ethernet2
   switchport access vlan 10
interface Loopback0
   ip address 10.255.{a}.{b}/32
interface Management1
   ip address 192.168.255.{b}/24
ip routing
ip route 0.0.0.0/0 10.{a}.{b}.1
router bgp 65{b:03d}
   router-id 10.255.{a}.{b}
   neighbor 10.{a}.{b}.1 remote-as 65000
   neighbor 10.{a}.{b}.1 password 7 {s.type7()}
router ospf 1
   network 10.0.0.0/8 area 0.0.0.0
management api http-commands
   no shutdown
"""


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
    section_order=sections(
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
    cli=CiscoCli,
    config=CiscoConfig,
    dump=dump,
    version=version,
    starting=starting,
    blank="hostname {host}\n",
    touch="snmp-server location touched-{n}",
    save_reply=("Copy completed successfully.",),
    show_in_config=True,
    # `aaa authorization commands all default group tacacs+` (or a role) refusing a command:
    # EOS names the command as typed (netmiko issue #2175 quotes one for `terminal width 511`).
    secondary_refusal="% Authorization denied for command '{command}'",
)
