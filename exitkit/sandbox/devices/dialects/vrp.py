"""Huawei VRP: prompts and replies, configuration layout, `display` output and a starting config."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from exitkit.sandbox.devices.dialect import Dialect, sections
from exitkit.sandbox.devices.show import cisco, uptime
from exitkit.sandbox.devices.vrp_cli import VrpCli, VrpConfig

if TYPE_CHECKING:
    from exitkit.sandbox.devices.device import DeviceState
    from exitkit.sandbox.devices.secret_formats import SecretMaker

SOFTWARE = "V200R019C10SPC500"
INVALID = "              ^\r\nError: Unrecognized command found at '^' position."


def vrp_time(t: dt.datetime) -> str:
    return f"{t:%Y-%m-%d %H:%M:%S}+00:00"


def dump(state: DeviceState, saved: bool) -> list[str]:
    """`display current-configuration`, or `display saved-configuration` when `saved`."""
    config = cisco(state.startup if saved else state.running)
    head = [f"!Software Version {SOFTWARE}"]
    if not saved:
        head.append(f"!Last configuration was updated at {vrp_time(state.tick())} by netops")
    head.append(f"!Last configuration was saved at {vrp_time(state.saved_at)} by netops")
    return [*head, "#", *config.body_lines(), "#", "return"]


def version(state: DeviceState) -> list[str]:
    days, hours, minutes, _ = uptime(state)
    host = state.running.hostname()
    return f"""Huawei Versatile Routing Platform Software
VRP (R) software, Version 5.170 (AR6100 {SOFTWARE})
Copyright (C) 2011-2021 HUAWEI TECH CO., LTD
Huawei {state.dialect.model} Router uptime is {days} days, {hours} hours, {minutes} minutes
BKP 0 version information:
1. PCB      Version  : AR01BAK2A VER.B
2. If Supporting PoE : No
3. Board    Type     : {state.dialect.model}
Sysname: {host}""".splitlines()


def _cipher(s: SecretMaker, mark: str = "%^%#") -> str:
    """A reversible VRP cipher (`%^%#...%^%#`), punctuation included."""
    return f"{mark}{s.word('')}~'(<{s.word('')}{mark}"


def _irreversible(s: SecretMaker) -> str:
    """An irreversible VRP password (`$1c$salt$hash$`)."""
    return f"$1c${s.word('')}$.{s.word('')}/:{s.word('')}$"


def starting(host: str, user: str, s: SecretMaker) -> str:
    a, b = s.octet(), s.octet()
    return f"""sysname {host}
info-center loghost 10.0.10.30
clock timezone CET add 01:00:00
header login information "Authorized access only. The password policy applies."
vlan batch 10 20
hwtacacs-server template TAC-1
 hwtacacs-server authentication 10.0.10.11
 hwtacacs-server authorization 10.0.10.11
 hwtacacs-server accounting 10.0.10.11
 hwtacacs-server shared-key cipher {_cipher(s)}
radius-server template RAD-1
 radius-server shared-key cipher {_cipher(s)}
 radius-server authentication 10.0.10.12 1812 weight 80
aaa
 authentication-scheme default
  authentication-mode hwtacacs local
 authorization-scheme default
  authorization-mode hwtacacs local
 domain default
  authentication-scheme default
  hwtacacs-server TAC-1
 local-user {user} password irreversible-cipher {_irreversible(s)}
 local-user {user} privilege level 15
 local-user {user} service-type ssh terminal
 local-user backup password cipher {_cipher(s, "%@%@")}
 local-user backup privilege level 3
 local-user backup service-type ssh
interface Vlanif10
 description users, the password policy applies
 ip address 192.168.{b}.1 255.255.255.0
interface GigabitEthernet0/0/1
 description uplink to core-1
 ip address 10.{a}.{b}.1 255.255.255.252
 ospf authentication-mode md5 1 cipher {_cipher(s)}
interface GigabitEthernet0/0/2
 shutdown
interface LoopBack0
 ip address 10.255.{a}.{b} 255.255.255.255
bgp 65010
 router-id 10.255.{a}.{b}
 peer 10.255.0.1 as-number 65010
 peer 10.255.0.1 password cipher {_cipher(s)}
 ipv4-family unicast
  undo synchronization
  peer 10.255.0.1 enable
ospf 1 router-id 10.255.{a}.{b}
 area 0.0.0.0
  authentication-mode md5 1 cipher {_cipher(s)}
  network 10.{a}.{b}.0 0.0.0.3
ike proposal 10
 encryption-algorithm aes-256
 dh group14
 authentication-algorithm sha2-256
ike peer BRANCH
 pre-shared-key cipher {_cipher(s)}
 ike-proposal 10
 remote-address 198.51.100.{a}
snmp-agent
snmp-agent local-engineid 800007DB03{s.octet():02X}{b:02X}0000000001
snmp-agent community read cipher {_cipher(s)}
snmp-agent sys-info contact noc@corp.example
snmp-agent sys-info location DC1 row {a % 9 + 1}, key cabinet
snmp-agent sys-info version v2c v3
snmp-agent group v3 NMS privacy
snmp-agent usm-user v3 nms
snmp-agent usm-user v3 nms group NMS
snmp-agent usm-user v3 nms authentication-mode sha cipher {_cipher(s)}
snmp-agent usm-user v3 nms privacy-mode aes128 cipher {_cipher(s)}
ntp-service authentication enable
ntp-service authentication-keyid 1 authentication-mode md5 cipher {_cipher(s)}
ntp-service reliable authentication-keyid 1
ntp-service unicast-server 10.0.10.1 authentication-keyid 1
stelnet server enable
ssh server cipher aes256_ctr aes128_ctr
ssh user {user} authentication-type password
ssh user {user} service-type stelnet
user-interface con 0
 authentication-mode password
 set authentication password cipher {_cipher(s)}
user-interface vty 0 4
 authentication-mode aaa
 protocol inbound ssh
"""


VRP = Dialect(
    platform="huawei_vrp",
    short_name="vrp",
    default_hostname="Huawei",
    login_banner="\r\nInfo: The max number of VTY users is 10, and the number\r\n"
    "      of current VTY users on line is 1.\r\n",
    has_enable=False,
    config_banner="",
    invalid_input=INVALID,
    privileged_only="Error: You do not have permission to run the command.",
    length_reply="",
    width_reply="",
    pager_prompt="  ---- More ----",
    pager_erase="\x1b[16D                \x1b[16D",
    indent=" ",
    separator="#",
    version_line="",
    software=SOFTWARE,
    model="AR6140-16G4XG",
    section_order=sections(
        "sysname, info-center, clock, header, vlan, *, hwtacacs-server, radius-server, aaa, "
        "interface, bgp, ospf, ike proposal, ike peer, ipsec, snmp-agent, ntp-service, "
        "stelnet|ssh, user-interface"
    ),
    openers=(
        ("interface", "if"),
        ("aaa", "aaa"),
        ("hwtacacs-server template", "hwtacacs"),
        ("radius-server template", "radius"),
        ("ospf", "ospf"),
        ("isis", "isis"),
        ("bgp", "bgp"),
        ("ike proposal", "ike-proposal"),
        ("ike peer", "ike-peer"),
        ("ipsec proposal", "ipsec-proposal"),
        ("user-interface", "ui"),
        ("acl", "acl"),
        ("l2tp-group", "l2tp"),
    ),
    sub_openers=(
        ("area", "area"),
        ("ipv4-family", "af"),
        ("authentication-scheme", "authen"),
        ("authorization-scheme", "author"),
        ("domain", "domain"),
    ),
    rejected=(),
    ignored=(),
    cli=VrpCli,
    config=VrpConfig,
    dump=dump,
    version=version,
    starting=starting,
    blank="sysname {host}\n",
    touch="snmp-agent sys-info location touched-{n}",
    show_in_config=False,
    secondary_refusal="Error: You do not have permission to run the command.",
)
