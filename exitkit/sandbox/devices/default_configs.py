"""Realistic starting configurations per platform, generated per device with planted secrets.

Cisco-style configs are written as `show running-config` bodies; Junos as `set` lines.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from exitkit.sandbox.devices.secret_formats import SecretMaker


@dataclass(frozen=True)
class StartingConfig:
    """A device's first configuration and the secret values written into it."""

    text: str
    planted_secrets: tuple[str, ...]


def _ios(host: str, user: str, s: SecretMaker) -> str:
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


def _nxos(host: str, user: str, s: SecretMaker) -> str:
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


def _eos(host: str, user: str, s: SecretMaker) -> str:
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


def _junos(host: str, user: str, s: SecretMaker) -> str:
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


_BLANK = {
    "cisco_ios": "hostname {host}\n",
    "cisco_nxos": "hostname {host}\n",
    "arista_eos": "hostname {host}\n",
    "juniper_junos": "set version 21.4R3.15\nset system host-name {host}\n",
}

_GENERATORS: dict[str, Callable[[str, str, SecretMaker], str]] = {
    "cisco_ios": _ios,
    "cisco_nxos": _nxos,
    "arista_eos": _eos,
    "juniper_junos": _junos,
}


def starting_config(platform: str, hostname: str, username: str) -> StartingConfig:
    """The realistic configuration a device of this platform starts with."""
    maker = SecretMaker(f"{platform}/{hostname}")
    text = _GENERATORS[platform](hostname, username, maker)
    return StartingConfig(text=text, planted_secrets=tuple(maker.planted))


def blank_config(platform: str, hostname: str) -> StartingConfig:
    """A freshly installed device: a hostname and nothing else (the target of a restore test)."""
    return StartingConfig(text=_BLANK[platform].format(host=hostname), planted_secrets=())
