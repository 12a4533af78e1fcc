"""Cisco ASA: prompts and replies, configuration layout, `show` output and a starting config."""

from __future__ import annotations

from typing import TYPE_CHECKING

from exitkit.sandbox.devices.asa_cli import SOFTWARE, AsaCli, render
from exitkit.sandbox.devices.cisco_config import CiscoConfig
from exitkit.sandbox.devices.dialect import Dialect, sections
from exitkit.sandbox.devices.show import uptime

if TYPE_CHECKING:
    from exitkit.sandbox.devices.device import DeviceState
    from exitkit.sandbox.devices.secret_formats import SecretMaker

INVALID = "                ^\r\nERROR: % Invalid input detected at '^' marker."


def dump(state: DeviceState, startup: bool) -> list[str]:
    """`show running-config` / `show startup-config`: keys masked as `*****`."""
    return render(state, False, False)


def version(state: DeviceState) -> list[str]:
    days, hours, _, _ = uptime(state)
    host = state.running.hostname()
    return f"""
Cisco Adaptive Security Appliance Software Version {SOFTWARE}
SSP Operating System Version 2.10(1.162)
Device Manager Version 7.16(1)

Compiled on Thu 17-Mar-22 12:04 GMT by builders
System image file is "boot:/asa9164-smp-k8.bin"
Config file at boot was "startup-config"

{host} up {days} days {hours} hours

Hardware:   {state.dialect.model}, 2048 MB RAM, CPU Xeon 4100/6100/8100 series 2200 MHz
Serial Number: {state.serial}
Configuration register is 0x1""".splitlines()


def _pbkdf2(s: SecretMaker) -> str:
    """An ASA local password hash (PBKDF2-SHA512, 5000 iterations)."""
    return f"$sha512$5000${s.word('')}==${s.word('')}=="


def starting(host: str, user: str, s: SecretMaker) -> str:
    a, b = s.octet(), s.octet(1, 200)
    return f"""hostname {host}
domain-name corp.example
enable password {_pbkdf2(s)} pbkdf2
passwd {s.word("Kq.")} encrypted
names
name 10.0.10.20 NMS-1 description NOC poller (its key and password live in the vault)
interface GigabitEthernet0/0
 description outside to ISP, password-free
 nameif outside
 security-level 0
 ip address 203.0.113.{b} 255.255.255.248
interface GigabitEthernet0/1
 description inside
 nameif inside
 security-level 100
 ip address 10.{a}.0.1 255.255.255.0
 ospf message-digest-key 1 md5 {s.word("ospf-")}
 ospf authentication message-digest
interface Management0/0
 management-only
 nameif management
 security-level 100
 ip address 192.168.255.{b} 255.255.255.0
ftp mode passive
dns server-group DefaultDNS
 domain-name corp.example
object network OBJ-WEB
 host 10.{a}.0.10
access-list OUTSIDE-IN remark web server: the key rotation is handled by secops
access-list OUTSIDE-IN extended permit tcp any object OBJ-WEB eq https
access-list VPN-BRANCH extended permit ip 10.{a}.0.0 255.255.255.0 10.200.{a}.0 255.255.255.0
pager lines 24
logging enable
logging timestamp
logging trap informational
logging host inside 10.0.10.30
access-group OUTSIDE-IN in interface outside
router ospf 1
 router-id 10.255.{a}.{b}
 network 10.{a}.0.0 255.255.255.0 area 0
 area 0 authentication message-digest
route outside 0.0.0.0 0.0.0.0 203.0.113.{b + 1} 1
aaa-server TACACS protocol tacacs+
aaa-server TACACS (inside) host 10.0.10.11
 key {s.word("tac-")}
aaa-server LDAP protocol ldap
aaa-server LDAP (inside) host 10.0.10.40
 ldap-base-dn DC=corp,DC=example
 ldap-scope subtree
 ldap-naming-attribute sAMAccountName
 ldap-login-password {s.word("ldap-")}
 ldap-login-dn CN=svc-asa,OU=Service,DC=corp,DC=example
 server-type microsoft
aaa authentication ssh console TACACS LOCAL
aaa authentication enable console TACACS LOCAL
http server enable
http 192.168.255.0 255.255.255.0 management
snmp-server host inside 10.0.10.20 community {s.word("trap-")} version 2c
snmp-server location DC1 row {a % 9 + 1}
snmp-server contact noc@corp.example
snmp-server community {s.word("ro-")}
snmp-server user NMS-V3 NMS-GROUP v3 engineID 80000009fe1c2d3e4f encrypted auth sha \
{s.hex_key(20, prefix="")} priv aes 256 {s.hex_key(32, prefix="")}
crypto ipsec ikev1 transform-set ESP-AES256-SHA esp-aes-256 esp-sha-hmac
crypto map OUTSIDE-MAP 10 match address VPN-BRANCH
crypto map OUTSIDE-MAP 10 set peer 198.51.100.{a}
crypto map OUTSIDE-MAP 10 set ikev1 transform-set ESP-AES256-SHA
crypto map OUTSIDE-MAP interface outside
crypto ikev1 enable outside
crypto ikev1 policy 10
 authentication pre-share
 encryption aes-256
 hash sha
 group 14
 lifetime 86400
ssh 192.168.255.0 255.255.255.0 management
ssh version 2
ntp authentication-key 1 md5 {s.word("ntp-")}
ntp trusted-key 1
ntp authenticate
ntp server 10.0.10.1 key 1 source inside prefer
failover key {s.word("fo-")}
tunnel-group 198.51.100.{a} type ipsec-l2l
tunnel-group 198.51.100.{a} ipsec-attributes
 ikev1 pre-shared-key {s.word("psk1-")}
 ikev2 remote-authentication pre-shared-key {s.word("psk2r-")}
 ikev2 local-authentication pre-shared-key {s.word("psk2l-")}
username {user} password {_pbkdf2(s)} pbkdf2 privilege 15
username backup password {s.word("Bk.")} encrypted privilege 15
banner motd Authorized access only. The password policy applies.
prompt hostname context
"""


ASA = Dialect(
    platform="cisco_asa",
    short_name="asa",
    default_hostname="ciscoasa",
    login_banner="",
    has_enable=True,
    config_banner="",
    invalid_input=INVALID,
    privileged_only=INVALID,
    length_reply="",
    width_reply="",
    pager_prompt="<--- More --->",
    pager_erase="\r" + " " * 14 + "\r",
    indent=" ",
    separator="!",
    version_line="",
    software=SOFTWARE,
    model="ASAv",
    section_order=sections(
        "hostname|domain-name|enable|passwd|names|name, *, interface, "
        "ftp|dns|same-security-traffic, object|object-group, access-list, "
        "pager|logging|mtu|icmp|arp|nat|access-group, router, route, aaa-server, "
        "aaa|user-identity|http|snmp-server, crypto ipsec|crypto map|crypto ikev1 enable, "
        "crypto ikev1 policy|crypto ikev2 policy, ssh|ntp|failover|telnet|console|dhcpd, "
        "tunnel-group, group-policy, username, banner|prompt"
    ),
    openers=(
        ("interface", "config-if"),
        ("aaa-server", "config-aaa-server-host"),
        ("object network", "config-network-object"),
        ("object-group", "config-network-object-group"),
        ("dns server-group", "config-dns-server-group"),
        ("router", "config-router"),
        ("crypto ikev1 policy", "config-ikev1-policy"),
        ("crypto ikev2 policy", "config-ikev2-policy"),
        ("tunnel-group", "config-tunnel-ipsec"),
        ("group-policy", "config-group-policy"),
        ("class-map", "config-cmap"),
        ("policy-map", "config-pmap"),
        ("context", "config-ctx"),
    ),
    sub_openers=(("class", "config-pmap-c"), ("address-family", "config-router-af")),
    rejected=(":", "Cryptochecksum:"),
    ignored=("terminal ",),
    cli=AsaCli,
    config=CiscoConfig,
    dump=dump,
    version=version,
    starting=starting,
    blank="hostname {host}\n",
    touch="snmp-server location touched-{n}",
    save_reply=("Building configuration...", "Cryptochecksum: 4d8a3f1c 9b2e7a60 5c1d8e3f", "[OK]"),
    copy_asks="Destination filename [startup-config]? ",
    show_in_config=True,
    # `aaa authorization command` with a TACACS+ server that refuses the command.
    secondary_refusal="Command authorization failed",
)
