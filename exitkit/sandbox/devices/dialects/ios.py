"""Cisco IOS: prompts and replies, configuration layout, `show` output and a starting config."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from exitkit.sandbox.devices.cisco_cli import CiscoCli
from exitkit.sandbox.devices.cisco_config import CiscoConfig
from exitkit.sandbox.devices.dialect import Dialect, sections
from exitkit.sandbox.devices.show import cisco, ios_time, uptime

if TYPE_CHECKING:
    from exitkit.sandbox.devices.device import DeviceState
    from exitkit.sandbox.devices.secret_formats import SecretMaker

INVALID = "                    ^\r\n% Invalid input detected at '^' marker."


def _body(config: CiscoConfig) -> list[str]:
    body = config.body_lines()
    at = next((i for i, line in enumerate(body) if line.startswith("ntp ")), None)
    if at is not None:  # IOS recomputes its clock period all the time
        body.insert(at, f"ntp clock-period {17179869 + random.randint(-4000, 4000)}")
    return body


def dump(state: DeviceState, startup: bool) -> list[str]:
    """`show running-config`, or `show startup-config` when `startup`."""
    config = cisco(state.startup if startup else state.running)
    when = ios_time(state.tick())
    saved = ios_time(state.saved_at if startup else state.tick())
    text = [
        "!",
        f"! Last configuration change at {when} by admin",
        f"! NVRAM config last updated at {saved} by admin",
        "!",
        *_body(config),
        "!",
        "end",
    ]
    size = sum(len(line) + 1 for line in text)
    if startup:
        return [f"Using {size} out of 262144 bytes", *text]
    return ["Building configuration...", "", f"Current configuration : {size} bytes", *text]


def version(state: DeviceState) -> list[str]:
    days, hours, minutes, _ = uptime(state)
    host = state.running.hostname()
    sw = state.dialect.software
    return f"""Cisco IOS Software, C2900 Software (C2900-UNIVERSALK9-M), Version {sw}, \
RELEASE SOFTWARE (fc2)
Technical Support: http://www.cisco.com/techsupport
Copyright (c) 1986-2022 by Cisco Systems, Inc.
Compiled Tue 02-Aug-22 10:59 by prod_rel_team

ROM: System Bootstrap, Version 15.0(1r)M16, RELEASE SOFTWARE (fc1)

{host} uptime is {days // 7} weeks, {days % 7} days, {hours} hours, {minutes} minutes
System returned to ROM by power-on
System image file is "flash0:c2900-universalk9-mz.SPA.159-3.M7.bin"

cisco {state.dialect.model} (revision 1.0) with 483328K/40960K bytes of memory.
Processor board ID FTX{state.serial[:8]}
3 Gigabit Ethernet interfaces
255K bytes of non-volatile configuration memory.
250880K bytes of ATA System CompactFlash 0 (Read/Write)

Configuration register is 0x2102""".splitlines()


def starting(host: str, user: str, s: SecretMaker) -> str:
    a, b = s.octet(), s.octet()
    return f"""service timestamps debug datetime msec
service timestamps log datetime msec
service password-encryption
hostname {host}
boot-start-marker
boot-end-marker
logging buffered 16384
enable secret 5 {s.md5_crypt()}
enable password 7 {s.type7()}
username {user} privilege 15 secret 9 {s.scrypt()}
username backup privilege 15 password 7 {s.type7()}
aaa new-model
aaa authentication login default group tacacs+ local
aaa authorization exec default group tacacs+ local
clock timezone CET 1 0
no ip domain lookup
ip domain name corp.example
ip ssh version 2
crypto isakmp policy 10
 encr aes 256
 authentication pre-share
 group 14
crypto isakmp key {s.word("psk-")} address 203.0.113.{b}
crypto keyring BRANCH-KR
 pre-shared-key address 198.51.100.{a} key {s.word("kr-")}
interface Loopback0
 ip address 10.255.{a}.{b} 255.255.255.255
interface GigabitEthernet0/0
 description uplink to core-1
 ip address 10.{a}.{b}.1 255.255.255.252
 ip ospf authentication message-digest
 ip ospf message-digest-key 1 md5 7 {s.type7()}
interface GigabitEthernet0/1
 description users
 ip address 192.168.{b}.1 255.255.255.0
interface GigabitEthernet0/2
 no ip address
 shutdown
router ospf 1
 router-id 10.255.{a}.{b}
 passive-interface default
 no passive-interface GigabitEthernet0/0
 network 10.0.0.0 0.255.255.255 area 0
ip route 0.0.0.0 0.0.0.0 10.{a}.{b}.2
ip access-list standard MGMT
 permit 10.0.0.0 0.255.255.255
snmp-server community {s.word("ro-")} RO MGMT
snmp-server community {s.word("rw-")} RW MGMT
snmp-server location DC1 row {a % 9 + 1}
snmp-server contact noc@corp.example
tacacs-server key 7 {s.type7()}
tacacs server TAC1
 address ipv4 10.0.10.11
 key 7 {s.type7()}
radius-server key 7 {s.type7()}
line con 0
 logging synchronous
line vty 0 4
 password 7 {s.type7()}
 transport input ssh
ntp authentication-key 1 md5 {s.type7()} 7
ntp server 10.0.10.1
"""


IOS = Dialect(
    platform="cisco_ios",
    short_name="ios",
    default_hostname="Router",
    login_banner="\r\nAuthorized access only. Disconnect IMMEDIATELY if not authorized.\r\n",
    has_enable=True,
    config_banner="Enter configuration commands, one per line.  End with CNTL/Z.",
    invalid_input=INVALID,
    privileged_only=INVALID,
    length_reply="",
    width_reply="",
    pager_prompt=" --More-- ",
    pager_erase="\b" * 10 + " " * 10 + "\b" * 10,
    indent=" ",
    separator="!",
    version_line="version 15.9",
    software="15.9(3)M7",
    model="CISCO2911/K9",
    section_order=sections(
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
    cli=CiscoCli,
    config=CiscoConfig,
    dump=dump,
    version=version,
    starting=starting,
    blank="hostname {host}\n",
    touch="snmp-server location touched-{n}",
    save_reply=("Building configuration...", "[OK]"),
    copy_asks="Destination filename [startup-config]? ",
    # With `aaa authorization commands 15 default group tacacs+`, a command the TACACS+ server
    # refuses prints this and nothing else (Cisco IOS Security Configuration Guide, AAA).
    secondary_refusal="Command authorization failed.",
)
