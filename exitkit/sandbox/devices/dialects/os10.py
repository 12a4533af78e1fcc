"""Dell EMC SmartFabric OS10 (S5248F-ON): its CLI, configuration layout and a starting
configuration with SHA-512 password hashes and `9`-encrypted keys, as OS10 shows them."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from exitkit.sandbox.devices.cisco_cli import CiscoCli
from exitkit.sandbox.devices.cisco_config import CiscoConfig
from exitkit.sandbox.devices.cli_common import Handler, Reply
from exitkit.sandbox.devices.dialect import Dialect, sections
from exitkit.sandbox.devices.show import cisco, uptime

if TYPE_CHECKING:
    from exitkit.sandbox.devices.device import DeviceState
    from exitkit.sandbox.devices.secret_formats import SecretMaker

SOFTWARE = "10.5.4.2"


class Os10Cli(CiscoCli):
    """One SSH session on OS10: its `-configuration` spellings of the Cisco commands."""

    def _commands(self) -> list[tuple[str, Handler]]:
        return [
            ("show running-configuration", lambda _: self._show_config(startup=False)),
            ("show startup-configuration", lambda _: self._show_config(startup=True)),
            ("copy running-configuration startup-configuration", self._privileged(self._save)),
            *super()._commands(),
        ]

    def _terminal_width(self, args: list[str]) -> Reply:
        return Reply()


def _stamp(t: dt.datetime) -> str:
    return f"{t:%b} {t.day:>2} {t:%H:%M:%S} {t.year}"


def dump(state: DeviceState, startup: bool) -> list[str]:
    """`show running-configuration`, or `show startup-configuration` when `startup`."""
    config = cisco(state.startup if startup else state.running)
    if startup:
        stamp = f"! Startup-config last updated at {_stamp(state.saved_at)}"
    else:
        stamp = f"! Last configuration change at {_stamp(state.tick())}"
    return [f"! Version {SOFTWARE}", stamp, "!", *config.body_lines()]


def version(state: DeviceState) -> list[str]:
    days, hours, minutes, _ = uptime(state)
    return f"""Dell SmartFabric OS10 Enterprise
Copyright (c) 1999-2023 by Dell Inc. All Rights Reserved.
OS Version: {SOFTWARE}
Build Version: {SOFTWARE}.164
Build Time: 2023-06-14T21:04:11+0000
System Type: {state.dialect.model}
Architecture: x86_64
Up Time: {days} days {hours:02d}:{minutes:02d}:00""".splitlines()


def _hex(s: SecretMaker) -> str:
    """A key as OS10 shows it after `9`: hex of the encrypted value."""
    return s.hex_key(32, "")


def starting(host: str, user: str, s: SecretMaker) -> str:
    a, b = s.octet(), s.octet(2, 250)
    return f"""ip vrf default
hostname {host}
system-user linuxadmin password {s.sha512_crypt()}
username admin password {s.sha512_crypt()} role sysadmin priv-lvl 15
username {user} password {s.sha512_crypt()} role sysadmin priv-lvl 15
username auditor password {s.sha512_crypt()} role sysadmin priv-lvl 1
enable password sha-512 {s.sha512_crypt()} priv-lvl 15
password-attributes min-length 12 character-restriction upper 1 numeric 1
aaa authentication login default group tacacs+ local
aaa authentication login console local
radius-server host 10.0.10.21 key 9 {_hex(s)}
tacacs-server host 10.0.10.11 key 9 {_hex(s)}
ntp authenticate
ntp authentication-key 1 md5 9 {_hex(s)}
ntp trusted-key 1
ntp server 10.0.10.1 key 1 prefer
logging server 10.0.10.60 severity log-warning
snmp-server community {s.word("ro-")} ro
snmp-server community {s.word("rw-")} rw acl SNMP-MGMT
snmp-server contact noc@corp.example
snmp-server location DC1 row {a % 9 + 1}, key cabinet 2
snmp-server host 10.0.10.20 traps version 2c {s.word("trap-")} udp-port 162
snmp-server user nms-poller NMS-RO 3 auth sha {s.word("auth-")} priv aes {s.word("priv-")}
interface ethernet1/1/1
 description uplink to spine-1 (password reset VLAN)
 no shutdown
 no switchport
 ip address 10.{a}.{b}.1/31
 ip ospf 1 area 0.0.0.0
 ip ospf message-digest-key 1 md5 9 {_hex(s)}
interface ethernet1/1/2
 description servers, key cabinet
 no shutdown
 switchport mode trunk
 switchport access vlan 1
 switchport trunk allowed vlan 10,20
interface mgmt1/1/1
 no shutdown
 no ip address dhcp
 ip address 10.0.0.{b}/24
 ipv6 address autoconfig
interface vlan10
 description MGMT
 no shutdown
 ip address 10.40.{a}.2/24
 vrrp-group 10
  priority 200
  virtual-address 10.40.{a}.1
interface vlan20
 no shutdown
ip access-list SNMP-MGMT
 seq 10 permit ip 10.0.10.0/24 any
router ospf 1
 router-id 10.255.{a}.{b}
router bgp 650{a % 90 + 10}
 router-id 10.255.{a}.{b}
 neighbor 10.{a}.{b}.0
  description spine-1
  password 9 {_hex(s)}
  remote-as 65000
  no shutdown
management route 0.0.0.0/0 10.0.0.1
"""


OS10 = Dialect(
    platform="dell_os10",
    short_name="os10",
    default_hostname="OS10",
    login_banner=(
        "Linux OS10 4.19.235 #1 SMP Debian 4.19.235-1 x86_64\r\n\r\n"
        "The programs included with the Debian GNU/Linux system are free software;\r\n"
        "the exact distribution terms for each program are described in the\r\n"
        "individual files in /usr/share/doc/*/copyright.\r\n\r\n"
        "-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*\r\n"
        "-*         Dell EMC Network Operating System (OS10)                  *-\r\n"
        "-*                                                                    *-\r\n"
        "-* Copyright (c) 1999-2023 by Dell Inc. All Rights Reserved.          *-\r\n"
        "-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*\r\n\r\n"
        "This product is protected by U.S. and international copyright and\r\n"
        "intellectual property laws. Dell EMC and the Dell EMC logo are trademarks\r\n"
        "of Dell Inc. in the United States and/or other jurisdictions.\r\n\r\n"
    ),
    has_enable=False,  # a sysadmin lands at `#`
    config_banner="",
    invalid_input="% Error: Unrecognized command.",
    privileged_only="% Error: Unrecognized command.",
    length_reply="",
    width_reply="",
    pager_prompt="--more--",
    pager_erase="\r        \r",
    indent=" ",
    separator="!",
    version_line="",
    software=SOFTWARE,
    model="S5248F-ON",
    section_order=sections(
        "ip vrf, hostname, system-user, username, enable, password-attributes, aaa, "
        "radius-server|tacacs-server, ntp, logging, snmp-server, *, interface, ip access-list, "
        "router, management"
    ),
    openers=(
        ("interface ethernet", "conf-if-eth"),
        ("interface mgmt", "conf-if-ma"),
        ("interface vlan", "conf-if-vl"),
        ("interface", "conf-if"),
        ("ip access-list", "config-ipv4-acl"),
        ("router ospf", "config-router-ospf"),
        ("router bgp", "config-router-bgp"),
    ),
    sub_openers=(("neighbor", "config-router-neighbor"), ("vrrp-group", "conf-vlan-vrid")),
    rejected=(),
    ignored=(),
    cli=Os10Cli,
    config=CiscoConfig,
    dump=dump,
    version=version,
    starting=starting,
    blank="hostname {host}\n",
    touch="snmp-server location touched-{n}",
    save_reply=(),
    copy_asks=None,
    secondary_refusal="% Error: Permission denied.",
)
