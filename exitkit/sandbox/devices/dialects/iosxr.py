"""Cisco IOS-XR: prompts and replies, configuration layout, `show` output and a starting config."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from exitkit.sandbox.devices.dialect import Dialect, sections
from exitkit.sandbox.devices.show import cisco, uptime
from exitkit.sandbox.devices.xr_cli import XrCli, XrConfig

if TYPE_CHECKING:
    from exitkit.sandbox.devices.device import DeviceState
    from exitkit.sandbox.devices.secret_formats import SecretMaker

SOFTWARE = "7.5.2"


def xr_time(t: dt.datetime) -> str:
    """The line XR prints before the output of every command."""
    return f"{t:%a %b} {t.day:>2} {t:%H:%M:%S}.{t.microsecond // 1000:03d} UTC"


def dump(state: DeviceState, startup: bool) -> list[str]:
    """`show running-config` (XR keeps no separate startup configuration)."""
    config = cisco(state.running)
    changed = state.tick()
    return [
        xr_time(state.tick()),
        "Building configuration...",
        f"!! IOS XR Configuration {SOFTWARE}",
        f"!! Last configuration change at {changed:%a %b %d %H:%M:%S %Y} by netops",
        "!",
        *config.body_lines(),
        "!",
        "end",
    ]


def version(state: DeviceState) -> list[str]:
    days, hours, minutes, _ = uptime(state)
    host = state.running.hostname()
    return f"""{xr_time(state.tick())}
Cisco IOS XR Software, Version {SOFTWARE}
Copyright (c) 2013-2022 by Cisco Systems, Inc.

Build Information:
 Built By     : ingunawa
 Built On     : Tue Apr 26 18:43:57 PDT 2022
 Version      : {SOFTWARE}
 Location     : /opt/cisco/XR/packages/

cisco {state.dialect.model} () processor
System uptime is {days} days {hours} hours {minutes} minutes
Device name: {host}""".splitlines()


def starting(host: str, user: str, s: SecretMaker) -> str:
    a, b = s.octet(), s.octet()
    return f"""hostname {host}
clock timezone CET Europe/Paris
logging console informational
logging 10.0.10.30 vrf default severity info
domain name corp.example
username {user}
 group root-lr
 group cisco-support
 secret 10 {s.sha512_crypt()}
username backup
 group netadmin
 password 7 {s.type7()}
aaa accounting exec default start-stop group tacacs+
aaa authorization exec default group tacacs+ local
aaa authentication login default group tacacs+ local
tacacs-server host 10.0.10.11 port 49
 key 7 {s.type7()}
radius-server host 10.0.10.12 auth-port 1812 acct-port 1813
 key 7 {s.type7()}
line default
 transport input ssh
ntp
 authentication-key 1 md5 encrypted {s.type7()}
 authenticate
 trusted-key 1
 server 10.0.10.1 key 1
snmp-server community {s.word("ro-")} RO
snmp-server user nms NMS-GROUP v3 auth sha encrypted {s.type7()} priv aes 128 encrypted \
{s.type7()}
snmp-server host 10.0.10.20 traps version 2c encrypted {s.type7()}
snmp-server location DC1 row {a % 9 + 1}, the key cabinet
key chain ISIS-KC
 key 1
  accept-lifetime 00:00:00 january 01 2024 infinite
  key-string password {s.type7()}
  send-lifetime 00:00:00 january 01 2024 infinite
  cryptographic-algorithm HMAC-MD5
interface Loopback0
 description router-id, password-free
 ipv4 address 10.255.{a}.{b} 255.255.255.255
interface GigabitEthernet0/0/0/0
 description to core-1
 ipv4 address 10.{a}.{b}.1 255.255.255.252
interface GigabitEthernet0/0/0/1
 shutdown
router static
 address-family ipv4 unicast
  0.0.0.0/0 10.{a}.{b}.2
router ospf 1
 router-id 10.255.{a}.{b}
 area 0
  interface GigabitEthernet0/0/0/0
   authentication message-digest
   message-digest-key 1 md5 encrypted {s.type7()}
router isis CORE
 is-type level-2-only
 net 49.0001.0102.5500.{a:04d}.00
 lsp-password hmac-md5 encrypted {s.type7()} level 2
 interface GigabitEthernet0/0/0/0
  hello-password keychain ISIS-KC
  address-family ipv4 unicast
router bgp 65000
 bgp router-id 10.255.{a}.{b}
 address-family ipv4 unicast
 neighbor 10.255.0.1
  remote-as 65000
  password encrypted {s.type7()}
  update-source Loopback0
  address-family ipv4 unicast
mpls ldp
 router-id 10.255.{a}.{b}
 neighbor 10.255.0.1:0 password encrypted {s.type7()}
 interface GigabitEthernet0/0/0/0
ssh server v2
ssh server vrf default
"""


IOSXR = Dialect(
    platform="cisco_xr",
    short_name="xr",
    default_hostname="ios",
    login_banner="\r\nIMPORTANT:  READ CAREFULLY\r\nAuthorized access only.\r\n\r\n",
    has_enable=False,
    config_banner="",
    invalid_input="                   ^\r\n% Invalid input detected at '^' marker.",
    privileged_only="% This command is not authorized",
    length_reply="",
    width_reply="",
    pager_prompt=" --More-- ",
    pager_erase="\b" * 10 + " " * 10 + "\b" * 10,
    indent=" ",
    separator="!",
    version_line="",
    software=SOFTWARE,
    model="IOS-XRv 9000",
    section_order=sections(
        "hostname|clock|logging|domain, username, aaa, tacacs-server, radius-server, line, "
        "ntp, snmp-server, *, key chain, interface, router static, router ospf, router isis, "
        "router bgp, mpls, ssh"
    ),
    openers=(
        ("interface", "config-if"),
        ("username", "config-un"),
        ("tacacs-server host", "config-tacacs-host"),
        ("radius-server host", "config-radius-host"),
        ("aaa group server", "config-sg-tacacs"),
        ("line", "config-line"),
        ("ntp", "config-ntp"),
        ("key chain", "config-isis-keys"),
        ("router static", "config-static"),
        ("router ospf", "config-ospf"),
        ("router isis", "config-isis"),
        ("router bgp", "config-bgp"),
        ("router hsrp", "config-hsrp"),
        ("router vrrp", "config-vrrp"),
        ("mpls ldp", "config-ldp"),
        ("vrf", "config-vrf"),
        ("ipv4 access-list", "config-ipv4-acl"),
    ),
    sub_openers=(
        ("address-family", "config-af"),
        ("neighbor", "config-bgp-nbr"),
        ("area", "config-ospf-ar"),
        ("key", "config-isis-keys"),
    ),
    rejected=("Building configuration", "!! "),
    ignored=(),
    cli=XrCli,
    config=XrConfig,
    dump=dump,
    version=version,
    starting=starting,
    blank="hostname {host}\n",
    touch="snmp-server location touched-{n}",
    show_in_config=True,
    secondary_refusal="% This command is not authorized",
)
