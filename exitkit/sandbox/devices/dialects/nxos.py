"""Cisco NX-OS: prompts and replies, configuration layout, `show` output and a starting config."""

from __future__ import annotations

from typing import TYPE_CHECKING

from exitkit.sandbox.devices.cisco_cli import CiscoCli
from exitkit.sandbox.devices.cisco_config import CiscoConfig
from exitkit.sandbox.devices.dialect import Dialect, sections
from exitkit.sandbox.devices.show import cisco, unix_time, uptime

if TYPE_CHECKING:
    from exitkit.sandbox.devices.device import DeviceState
    from exitkit.sandbox.devices.secret_formats import SecretMaker

BANNER = (
    "Cisco Nexus Operating System (NX-OS) Software\r\n"
    "TAC support: http://www.cisco.com/tac\r\n"
    "Copyright (C) 2002-2021, Cisco and/or its affiliates.\r\n"
    "All rights reserved.\r\n"
)


def dump(state: DeviceState, startup: bool) -> list[str]:
    """`show running-config`, or `show startup-config` when `startup`."""
    config = cisco(state.startup if startup else state.running)
    command = "show startup-config" if startup else "show running-config"
    head = [
        "",
        f"!Command: {command}",
        f"!Running configuration last done at: {unix_time(state.tick())}",
        f"!Time: {unix_time(state.tick())}",
    ]
    if startup:
        head.append(f"!Startup config saved at: {unix_time(state.saved_at)}")
    return [*head, "", *config.body_lines()]


def version(state: DeviceState) -> list[str]:
    days, hours, minutes, seconds = uptime(state)
    return f"""{BANNER.replace(chr(13), "")}
Software
  NXOS: version {state.dialect.software}
  NXOS image file is: bootflash:///nxos.9.3.8.bin
  NXOS compile time:  8/18/2021 16:00:00 [08/19/2021 00:28:34]

Hardware
  cisco {state.dialect.model}
  with 16399900 kB of memory.
  Processor Board ID {state.serial}

  Device name: {state.running.hostname()}
  bootflash:    4287040 kB

Kernel uptime is {days} day(s), {hours} hour(s), {minutes} minute(s), {seconds} second(s)\
""".splitlines()


def starting(host: str, user: str, s: SecretMaker) -> str:
    a, b = s.octet(), s.octet()
    return f"""hostname {host}
feature tacacs+
feature ospf
feature interface-vlan
feature lldp
no password strength-check
username admin password 5 {s.sha256_crypt()} role network-admin
username {user} password 5 {s.sha256_crypt()} role network-admin
ip domain-lookup
tacacs-server key 7 "{s.type7()}"
tacacs-server host 10.0.10.11 key 7 "{s.type7()}"
radius-server key 7 "{s.type7()}"
aaa group server tacacs+ TACACS
  server 10.0.10.11
  use-vrf management
snmp-server user admin network-admin auth md5 {s.hex_key(16)} priv {s.hex_key(16)} localizedkey
snmp-server user {user} network-operator auth sha {s.hex_key(20)} priv aes-128 {s.hex_key(16)} \
localizedkey
snmp-server community {s.word("ro-")} group network-operator
snmp-server location DC1 row {a % 9 + 1}
ntp server 10.0.10.1 use-vrf management
vlan 1,10
vlan 10
  name users
vrf context management
  ip route 0.0.0.0/0 192.168.255.1
interface Vlan10
  no shutdown
  ip address 10.{a}.{b}.1/24
interface Ethernet1/1
  description uplink to spine-1
  no switchport
  ip address 10.{a}.{b}.5/30
  ip ospf authentication-key 3 {s.hex_key(8, prefix="")}
  ip router ospf 1 area 0.0.0.0
  no shutdown
interface Ethernet1/2
  switchport mode trunk
interface mgmt0
  vrf member management
  ip address 192.168.255.{b}/24
line console
line vty
router ospf 1
  router-id 10.255.{a}.{b}
"""


NXOS = Dialect(
    platform="cisco_nxos",
    short_name="nxos",
    default_hostname="switch",
    login_banner="\r\n" + BANNER,
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
    section_order=sections(
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
    cli=CiscoCli,
    config=CiscoConfig,
    dump=dump,
    version=version,
    starting=starting,
    blank="hostname {host}\n",
    touch="snmp-server location touched-{n}",
    save_reply=("[########################################] 100%", "Copy complete."),
    show_in_config=True,
    # A role whose rules deny the command (RBAC, `rule N deny command ...`): NX-OS answers
    # with this line, exit status 0 on an exec channel.
    secondary_refusal="% Permission denied for the role",
)
