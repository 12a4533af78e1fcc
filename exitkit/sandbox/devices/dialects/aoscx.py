"""Aruba AOS-CX (6300, 8325): its CLI, configuration layout and a starting configuration whose
secrets are `ciphertext` values, as the switch stores and shows them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from exitkit.sandbox.devices.cisco_cli import CiscoCli
from exitkit.sandbox.devices.cli_common import Handler, Reply
from exitkit.sandbox.devices.dialect import Dialect, sections
from exitkit.sandbox.devices.procurve_cli import ContextConfig
from exitkit.sandbox.devices.show import cisco, uptime

if TYPE_CHECKING:
    from exitkit.sandbox.devices.device import DeviceState
    from exitkit.sandbox.devices.secret_formats import SecretMaker

SOFTWARE = "FL.10.10.1010"


class AoscxConfig(ContextConfig):
    """Contexts nest by four-space indentation and have no closing line."""

    closer = ""


class AoscxCli(CiscoCli):
    """One SSH session on an AOS-CX switch: `no page`, `Invalid input: <word>`."""

    def _invalid(self) -> Reply:
        words = self._typed.split()
        return Reply([self.dialect.invalid_input.format(word=words[0] if words else "")])

    def _commands(self) -> list[tuple[str, Handler]]:
        return [
            ("no page", lambda _: self._paging(0)),
            ("page", lambda _: self._paging(24)),
            *super()._commands(),
        ]

    def _paging(self, length: int) -> Reply:
        self.page_length = length
        return Reply()


def dump(state: DeviceState, startup: bool) -> list[str]:
    """`show running-config`, or `show startup-config` when `startup`."""
    config = cisco(state.startup if startup else state.running)
    title = "Startup configuration:" if startup else "Current configuration:"
    head = [title, "!", f"!Version ArubaOS-CX {SOFTWARE}", "!export-password: default"]
    return [*head, *config.body_lines()]


def version(state: DeviceState) -> list[str]:
    days, hours, minutes, _ = uptime(state)
    rule = "-" * 77
    return [
        rule,
        "ArubaOS-CX",
        "(c) Copyright 2017-2022 Hewlett Packard Enterprise Development LP",
        rule,
        f"Version      : {SOFTWARE}",
        "Build Date   : 2022-06-13 16:49:35 UTC",
        f"Build ID     : ArubaOS-CX:{SOFTWARE}:8f3e2c1b9a40:202206131649",
        "Active Image : primary",
        "",
        "Service OS Version : FL.01.09.0003",
        "BIOS Version       : FL.01.0002",
        f"Uptime             : {days} days, {hours} hours, {minutes} minutes",
    ]


def _ciphertext(s: SecretMaker) -> str:
    """A value as AOS-CX shows a stored secret: base64 of the AES blob, starting `AQBap`."""
    return "AQBap" + "".join(s.word("") for _ in range(6)) + "AAAA"


def starting(host: str, user: str, s: SecretMaker) -> str:
    a, b = s.octet(), s.octet(2, 250)
    ct = _ciphertext
    return f"""hostname {host}
user admin group administrators password ciphertext {ct(s)}
user {user} group administrators password ciphertext {ct(s)}
user auditor group auditors password ciphertext {ct(s)}
clock timezone europe/paris
ntp authentication
ntp authentication-key 1 md5 ciphertext {ct(s)} trusted
ntp server 10.0.10.1 key 1 iburst
ntp enable
ssh server vrf mgmt
radius-server host 10.0.10.21 key ciphertext {ct(s)} vrf mgmt
radius dyn-authorization client 10.0.10.21 secret-key ciphertext {ct(s)} vrf mgmt
tacacs-server host 10.0.10.11 key ciphertext {ct(s)} vrf mgmt
aaa group server tacacs TACACS-CORP
    server 10.0.10.11 vrf mgmt
aaa authentication login ssh group TACACS-CORP local
aaa accounting all-mgmt ssh start-stop group TACACS-CORP
logging 10.0.10.60 severity warning vrf mgmt
snmp-server vrf mgmt
snmp-server system-location DC1 row {a % 9 + 1}, key cabinet 2
snmp-server system-contact noc@corp.example
snmp-server community {s.word("ro-")}
snmp-server host 10.0.10.20 trap version v2c community {s.word("trap-")} vrf mgmt
snmpv3 user nms-poller auth sha auth-pass ciphertext {ct(s)} priv aes priv-pass ciphertext \
{ct(s)}
vlan 1,10,20
spanning-tree
spanning-tree priority 4
interface mgmt
    no shutdown
    ip static 10.0.0.{b}/24
    default-gateway 10.0.0.1
interface 1/1/1
    no shutdown
    description uplink to core-2 (password reset VLAN)
    no routing
    vlan trunk native 1
    vlan trunk allowed 10,20
interface 1/1/2
    no shutdown
    description users, key cabinet
    no routing
    vlan access 20
interface 1/1/48
    no shutdown
    description WAN to ISP
    ip address 203.0.113.{b}/31
interface vlan 10
    ip address 10.30.{a}.1/24
    ip ospf 1 area 0.0.0.0
    ip ospf authentication message-digest
    ip ospf message-digest-key 1 md5 ciphertext {ct(s)}
router ospf 1
    router-id 10.255.{a}.{b}
    area 0.0.0.0
router bgp 65010
    bgp router-id 10.255.{a}.{b}
    neighbor 203.0.113.{b - 1} remote-as 64500
    neighbor 203.0.113.{b - 1} password ciphertext {ct(s)}
    address-family ipv4 unicast
        neighbor 203.0.113.{b - 1} activate
        network 10.30.{a}.0/24
    exit-address-family
https-server vrf mgmt
"""


AOSCX = Dialect(
    platform="aruba_aoscx",
    short_name="aoscx",
    default_hostname="switch",
    login_banner=(
        "\r\nLast login: 2026-11-20 08:12:44 from 10.0.10.5\r\n"
        'User "admin" has logged in 3 times in the past 30 days\r\n'
    ),
    has_enable=False,  # an administrator lands at `#`
    config_banner="",
    invalid_input="Invalid input: {word}",
    privileged_only="Invalid input: {word}",
    length_reply="",
    width_reply="",
    pager_prompt="-- MORE --, next page: Space, next line: Enter, quit: Control-C",
    pager_erase="\r" + " " * 63 + "\r",
    indent="    ",
    separator="",
    version_line="",
    software=SOFTWARE,
    model="JL658A 6300M",
    section_order=sections("*"),
    openers=(
        ("interface vlan", "config-if-vlan"),
        ("interface", "config-if"),
        ("vlan", "config-vlan"),
        ("router ospf", "config-ospf-1"),
        ("router bgp", "config-bgp"),
        ("aaa group server", "config-sg"),
        ("vrf", "config-vrf"),
    ),
    sub_openers=(("address-family", "config-bgp-ipv4-uc"),),
    rejected=("Current configuration", "Startup configuration"),
    ignored=(),
    cli=AoscxCli,
    config=AoscxConfig,
    dump=dump,
    version=version,
    starting=starting,
    blank="hostname {host}\n",
    touch="snmp-server system-location touched-{n}",
    save_reply=("Copying configuration: [Success]",),
    copy_asks=None,
    secondary_refusal="Command authorization failed.",
)
