"""HPE ProCurve / Aruba OS-Switch (2920, 2930F): its CLI, configuration layout and a starting
configuration with `include-credentials` and `encrypt-credentials` on."""

from __future__ import annotations

from typing import TYPE_CHECKING

from exitkit.sandbox.devices.dialect import Dialect, sections
from exitkit.sandbox.devices.procurve_cli import ESC, ContextConfig, ProcurveCli
from exitkit.sandbox.devices.show import cisco, uptime

if TYPE_CHECKING:
    from exitkit.sandbox.devices.device import DeviceState
    from exitkit.sandbox.devices.secret_formats import SecretMaker

SOFTWARE = "WB.16.10.0012"
HEADER = (
    f"; J9727A Configuration Editor; Created on release #{SOFTWARE}",
    "; Ver #14:41.44.00.04.19.02.13.98.82.34.61.18.28.f3.84.9c.63.ff.37.27:05",
)
BANNER = f"""{ESC}[2J{ESC}[1;1HHP J9727A 2920-24G-PoE+ Switch\r
Software revision {SOFTWARE}\r
\r
(C) Copyright 2019 Hewlett Packard Enterprise Development LP\r
\r
                   RESTRICTED RIGHTS LEGEND\r
 Confidential computer software. Valid license from HPE required for possession,\r
 use or copying. Consistent with FAR 12.211 and 12.212, Commercial Computer\r
 Software, Computer Software Documentation, and Technical Data for Commercial\r
 Items are licensed to the U.S. Government under vendor's standard commercial\r
 license.\r
\r
We'd like to keep you up to date about:\r
  * Software feature updates\r
  * New product announcements\r
  * Special events\r
\r
Please register your products now at:  www.hpe.com/networking/register\r
\r
\r
Press any key to continue"""


def dump(state: DeviceState, startup: bool) -> list[str]:
    """`show running-config`, or `show config` (the startup configuration) when `startup`."""
    config = cisco(state.startup if startup else state.running)
    title = "Startup configuration: 1" if startup else "Running configuration:"
    return [f"{ESC}[1;24r{ESC}[24;1H{title}", "", *HEADER, "", *config.body_lines()]


def version(state: DeviceState) -> list[str]:
    days, hours, minutes, _ = uptime(state)
    return [
        "Image stamp:    /ws/swbuildm/rel_ukiah_qaoff/code/build/bom(swbuildm_rel_ukiah_qaoff)",
        "                Oct 23 2019 15:46:27",
        f"                {SOFTWARE}",
        "                2097",
        "Boot Image:     Primary",
        f"Up time:        {days} days {hours} hours {minutes} minutes",
    ]


def _b64(s: SecretMaker) -> str:
    """An `encrypt-credentials` value: base64 of AES-256-CBC."""
    return "".join(s.word("") for _ in range(4)) + "="


def starting(host: str, user: str, s: SecretMaker) -> str:
    a, b = s.octet(), s.octet(2, 250)
    return f"""hostname "{host}"
module 1 type j9727a
include-credentials
encrypt-credentials
time timezone 60
time daylight-time-rule western-europe
console idle-timeout 900
ip default-gateway 10.20.{a}.1
ip dns server-address priority 1 10.0.10.53
ip authorized-managers 10.0.10.0 255.255.255.0 access manager
sntp server priority 1 10.0.10.1
timesync sntp
sntp unicast
logging 10.0.10.60
logging severity warning
radius-server host 10.0.10.21 encrypted-key "{_b64(s)}"
radius-server host 10.0.10.22 encrypted-key "{_b64(s)}"
tacacs-server host 10.0.10.11 encrypted-key "{_b64(s)}"
tacacs-server timeout 3
aaa authentication ssh login tacacs local
aaa authentication ssh enable tacacs local
aaa port-access authenticator 2-20
aaa port-access authenticator active
snmp-server community "{s.word("ro-")}" operator
snmp-server community "{s.word("rw-")}" manager unrestricted
snmp-server host 10.0.10.20 community "{s.word("trap-")}" trap-level critical
snmp-server location "DC1 row {a % 9 + 1}, key cabinet 2"
snmp-server contact "noc@corp.example"
snmpv3 enable
snmpv3 user "nms-poller" \\
auth sha "{s.hex_key(20, "")}" \\
priv aes "{s.hex_key(20, "")}"
snmpv3 group operatorauth user "nms-poller" sec-model ver3
key-chain "OSPF-KEYS" key 1 encrypted-key "{_b64(s)}"
banner motd "Authorised access only. Your password and key use is logged."
interface 1
   name "uplink to core-1 (password reset VLAN)"
interface 24
   name "AP lobby"
   spanning-tree bpdu-filter
vlan 1
   name "DEFAULT_VLAN"
   no untagged 1-24
   no ip address
vlan 10
   name "MGMT"
   untagged 1
   ip address 10.20.{a}.{b} 255.255.255.0
   ip ospf 10.20.{a}.{b} area backbone
   ip ospf 10.20.{a}.{b} authentication-key "{s.word("ospf-")}"
vlan 20
   name "USERS"
   tagged 1
   untagged 2-20
   no ip address
router ospf
   area backbone
   enable
spanning-tree
spanning-tree priority 4
no tftp server
no autorun
no dhcp config-file-update
no dhcp image-file-update
password manager user-name "{user}" sha1 "{s.hex_key(20, "")}"
password operator user-name "operator" sha1 "{s.hex_key(20, "")}"
"""


PROCURVE = Dialect(
    platform="hp_procurve",
    short_name="procurve",
    default_hostname="HP-2920-24G-PoEP",
    login_banner=BANNER,
    # The SSH account is the operator (`>`); `enable` asks the manager's user name and password.
    has_enable=True,
    config_banner="",
    invalid_input="Invalid input: {word}",
    privileged_only="Invalid input: {word}",
    length_reply="",
    width_reply="",
    pager_prompt="-- MORE --, next page: Space, next line: Enter, quit: Control-C",
    pager_erase=f"{ESC}[2K\r",
    indent="   ",
    separator="",
    version_line="",
    software=SOFTWARE,
    model="J9727A",
    section_order=sections("*"),
    openers=(
        ("interface", "eth"),
        ("vlan", "vlan"),
        ("router ospf", "ospf"),
        ("router bgp", "bgp"),
        ("oobm", "oobm"),
    ),
    sub_openers=(),
    rejected=("Running configuration", "Startup configuration"),
    ignored=(";",),
    cli=ProcurveCli,
    config=ContextConfig,
    dump=dump,
    version=version,
    starting=starting,
    blank='hostname "{host}"\n',
    touch='snmp-server location "touched-{n}"',
    save_reply=(),
    copy_asks=None,
    # TACACS+ command authorization refusing the command.
    secondary_refusal="Command not authorized.",
)
