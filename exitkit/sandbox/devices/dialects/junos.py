"""Juniper Junos: prompts and replies, configuration layout, `show` output and a starting config."""

from __future__ import annotations

from typing import TYPE_CHECKING

from exitkit.sandbox.devices.dialect import Dialect, sections
from exitkit.sandbox.devices.junos_cli import JunosCli
from exitkit.sandbox.devices.junos_config import JunosConfig
from exitkit.sandbox.devices.show import junos

if TYPE_CHECKING:
    from exitkit.sandbox.devices.device import DeviceState
    from exitkit.sandbox.devices.secret_formats import SecretMaker

BUILD = "[20220201.3b7c4ba_builder_stable_12_214]"


def dump(state: DeviceState, braces: bool) -> list[str]:
    """`show configuration` (`braces`), or `show configuration | display set`."""
    config = junos(state.running)
    if not braces:
        return config.set_lines()
    stamp = f"{state.tick():%Y-%m-%d %H:%M:%S} UTC"
    return [f"## Last commit: {stamp} by admin", *config.brace_lines()]


def version(state: DeviceState) -> list[str]:
    return [
        f"Hostname: {state.running.hostname()}",
        f"Model: {state.dialect.model}",
        f"Junos: {state.dialect.software}",
        f"JUNOS OS Kernel 64-bit  {BUILD}",
        f"JUNOS OS libs {BUILD}",
        f"JUNOS OS runtime {BUILD}",
        f"JUNOS mx runtime [{state.dialect.software}]",
    ]


def starting(host: str, user: str, s: SecretMaker) -> str:
    a, b = s.octet(), s.octet()
    return f"""set version 21.4R3.15
set system host-name {host}
set system root-authentication encrypted-password "{s.sha512_crypt()}"
set system login user {user} uid 2000
set system login user {user} class super-user
set system login user {user} authentication encrypted-password "{s.sha512_crypt()}"
set system login user backup uid 2001
set system login user backup class read-only
set system login user backup authentication encrypted-password "{s.sha512_crypt()}"
set system domain-name corp.example
set system time-zone Europe/Paris
set system authentication-order [ tacplus password ]
set system name-server 10.0.10.53
set system tacplus-server 10.0.10.11 secret "{s.junos9()}"
set system radius-server 10.0.10.12 secret "{s.junos9()}"
set system services ssh root-login deny
set system services netconf ssh
set system syslog host 10.0.10.20 any warning
set system syslog file messages any notice
set system ntp server 10.0.10.1
set security ike proposal ike-prop authentication-method pre-shared-keys
set security ike policy ike-pol proposals ike-prop
set security ike policy ike-pol pre-shared-key ascii-text "{s.junos9()}"
set security ike gateway gw-branch ike-policy ike-pol
set security ike gateway gw-branch address 198.51.100.{a}
set interfaces ge-0/0/0 description "uplink to core-1"
set interfaces ge-0/0/0 unit 0 family inet address 10.{a}.{b}.1/30
set interfaces ge-0/0/1 unit 0 family inet address 192.168.{b}.1/24
set interfaces lo0 unit 0 family inet address 10.255.{a}.{b}/32
set snmp location "DC1 row {a % 9 + 1}"
set snmp contact "noc@corp.example"
set snmp community {s.word("ro-")} authorization read-only
set routing-options router-id 10.255.{a}.{b}
set routing-options autonomous-system 65{b:03d}
set routing-options static route 0.0.0.0/0 next-hop 10.{a}.{b}.2
set protocols ospf area 0.0.0.0 interface ge-0/0/0.0 authentication md5 1 key "{s.junos9()}"
set protocols ospf area 0.0.0.0 interface lo0.0 passive
set protocols bgp group upstream type external
set protocols bgp group upstream peer-as 65000
set protocols bgp group upstream neighbor 10.{a}.{b}.2 authentication-key "{s.junos9()}"
"""


JUNOS = Dialect(
    platform="juniper_junos",
    short_name="junos",
    default_hostname="junos",
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
    section_order=sections(
        "version, groups, system, chassis, services, security, interfaces, snmp, "
        "forwarding-options, routing-options, protocols, policy-options, firewall, "
        "routing-instances, *"
    ),
    openers=(),
    sub_openers=(),
    rejected=(),
    ignored=(),
    cli=JunosCli,
    config=JunosConfig,
    dump=dump,
    version=version,
    starting=starting,
    blank="set version 21.4R3.15\nset system host-name {host}\n",
    touch='set snmp location "touched-{n}"',
    # A login class whose deny-commands matches (or that lacks view-configuration): the CLI
    # prints this instead of the output.
    secondary_refusal="error: permission denied",
)
