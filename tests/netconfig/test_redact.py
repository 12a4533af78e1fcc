"""Secret redaction, form by form: every secret form of every platform hides exactly its value
(key ids, encryption types, algorithms, names and trailing options stay), and look-alike lines
that hold no secret come out byte for byte."""

from __future__ import annotations

import re

import pytest

from exitkit.netconfig.normalise import normalise
from exitkit.netconfig.redact import REDACTED, redact
from exitkit.sandbox.devices import PLATFORMS
from exitkit.sandbox.devices.default_configs import starting_config

SECRET = re.compile("«([^»]*)»")


def _source(marked: str) -> str:
    return SECRET.sub(r"\1", marked)


def _expected(marked: str) -> str:
    return SECRET.sub(REDACTED, marked)


# «...» marks the secret value; the rest of the text must come out unchanged.
CISCO_FAMILY = ["cisco_ios", "cisco_xe", "cisco_nxos", "arista_eos"]
IOS = ["cisco_ios", "cisco_xe"]
FORMS: list[tuple[list[str], str]] = [
    # Local accounts and enable
    (IOS, "enable secret 5 «$1$mERr$hx5rVt7rPNoS4wqbXKX7m0»"),
    (IOS, "enable secret 9 «$9$nhEmQVczB7dqsO$X.HsgL6x1il0RxkOSSvyQYwucySCt7qFm4v7pqCxkKM»"),
    (IOS, "enable secret 8 «$8$dsYGNam3K1SIJO$7nv/35M/qr6t.dVc7UY9zrJDWRVqncHub1PE9UlMQFs»"),
    (IOS, "enable password 7 «0822455D0A16»"),
    (IOS, "enable password level 5 7 «104D000A0618»"),
    (IOS, "enable password «plain text enable»"),
    (IOS, "username netadmin privilege 15 secret 9 «$9$nhEmQVczB7dqsO$X.HsgL6x1il0RxkOSS»"),
    (IOS, "username netops privilege 15 algorithm-type scrypt secret 9 «$9$k7e5E.1vO0zH3U$F6»"),
    (IOS, "username backup privilege 15 password 7 «02050D480809»"),
    (IOS, "username backup password 0 «a pass phrase»"),
    (IOS, "username monitor view RO-VIEW secret 5 «$1$qE5X$PVJy.dHw5Rkp8mBdPbo0E.»"),
    (IOS, "username svc common-criteria-policy PW-POLICY password 7 «104D000A0618565A5A»"),
    (IOS, "line vty 0 4\n password 7 «1316180D0E1C0A»\n transport input ssh"),
    (IOS, "line con 0\n password «console pw»"),
    (IOS, "interface Dialer1\n ppp chap password 7 «13061E010803»"),
    (IOS, "interface Dialer1\n ppp pap sent-username isp-user password 0 «PapPw»"),
    (
        ["cisco_nxos"],
        "username admin password 5 «$5$KHMDLJ$4h8u2Nqm0ObMZu4kC.4z»  role network-admin",
    ),
    (["arista_eos"], "username admin privilege 15 role network-admin secret sha512 «$6$aJ.F$UOeq»"),
    (["arista_eos"], "username ops secret 0 «ClearOps1»"),
    (["arista_eos"], "enable password sha512 «$6$kQ1.b$9fyd»"),
    (["arista_eos"], "aaa root secret sha512 «$6$Zx9cQ4mN$V0pB3cRl6M0»"),
    # TACACS+ / RADIUS
    (CISCO_FAMILY, "tacacs-server key 7 «1306181D0A1F0D»"),
    (IOS, "tacacs-server host 10.0.10.11 key «plain tacacs key»"),
    (IOS, "radius-server host 10.1.1.1 auth-port 1645 acct-port 1646 key 7 «0207165218120E2D»"),
    (["arista_eos"], "tacacs-server host 10.1.50.20 vrf MGMT key 7 «04480E051A33490E»"),
    (["cisco_nxos"], 'tacacs-server key 7 "«Fwd1Tac2024»"'),
    (["cisco_nxos"], 'tacacs-server host 10.1.50.21 key 7 "«Hnkq8Mp3»" port 49 timeout 5'),
    (["cisco_nxos"], 'radius-server host 10.1.1.1 key 7 "«Rad22Sec»" authentication accounting'),
    (IOS, "tacacs server TAC1\n address ipv4 10.0.10.11\n key 7 «1513090F557878»\n timeout 5"),
    (IOS, "radius server ISE-01\n key 0 «RadPlain»\n pac key 7 «0835495D1D0A00»"),
    (IOS, "aaa group server radius G\n server-private 10.2.5.12 auth-port 1812 key 7 «0607002C»"),
    (IOS, "aaa server radius dynamic-author\n client 10.1.1.1 server-key 7 «110A1016141D»"),
    (IOS, "aaa server radius dynamic-author\n client 10.1.1.2 vrf MGMT server-key 0 «CoA#22»"),
    (IOS, "aaa server radius dynamic-author\n server-key 7 «1511021F0725293B2B»\n port 3799"),
    # NTP, every algorithm
    (IOS, "ntp authentication-key 1 md5 «060506324F41584B56» 7"),
    (IOS, "ntp authentication-key 2 hmac-sha2-256 «1304181B0D0A4F5A5F» 7"),
    (IOS, "ntp authentication-key 3 cmac-aes-128 «02050D4808095E731F» 7"),
    (IOS, "ntp authentication-key 4 hmac-sha1 «0703204E5D1C0A0B» 7"),
    (IOS, "ntp authentication-key 5 sha1 «PlainSha1Key»"),
    (["cisco_nxos"], "ntp authentication-key 1 md5 «wpvzrt» 7"),
    (["arista_eos"], "ntp authentication-key 1 sha1 7 «0832585B1910010713181F»"),
    (["arista_eos"], "ntp authentication-key 2 md5 7 «104D000A061843»"),
    (["arista_eos"], "ntp authentication-key 3 md5 8a «Z2Vr4wB8sKk9Wfh6vM1aIg==»"),
    # Routing protocols
    (CISCO_FAMILY, "interface Gi0/0\n ip ospf authentication-key 7 «0508571C22431F5B4A»"),
    (IOS, "interface Gi0/0\n ip ospf authentication-key «plain»"),
    (["cisco_nxos"], "interface Vlan99\n  ip ospf authentication-key 3 «7a1c0e5b9d3f2a46»"),
    (CISCO_FAMILY, "interface Gi0/0\n ip ospf message-digest-key 1 md5 7 «1511021F07257A767B»"),
    (["cisco_nxos"], "interface Vlan10\n  ip ospf message-digest-key 1 md5 3 «9125d59c18a9b015»"),
    (
        ["arista_eos"],
        "interface Ethernet1\n   ip ospf message-digest-key 1 sha256 7 «0B1A1C4D1D0E5A»",
    ),
    (IOS, "router ospf 1\n area 1 virtual-link 10.0.0.1 message-digest-key 1 md5 7 «070C285F»"),
    (IOS, "interface Gi0/0\n ospfv3 authentication ipsec spi 256 sha1 7 «1304011A15»"),
    (IOS, "interface Gi0/0\n ipv6 ospf authentication ipsec spi 500 md5 «1234567890ABCDEF12»"),
    (
        ["arista_eos"],
        "interface Et2\n   ospf3 authentication ipsec spi 256 sha1 passphrase 7 «110A10»",
    ),
    (CISCO_FAMILY, "router bgp 65000\n neighbor 10.0.0.1 password 7 «01100F175804575D72»"),
    (IOS, "router bgp 65000\n neighbor 192.0.2.1 password «Bgp plain with spaces»"),
    (["cisco_nxos"], "router bgp 65000\n  neighbor 10.0.0.1\n    password 3 «a667d47acc18ea6b»"),
    (["arista_eos"], "router bgp 65200\n   neighbor SPINES password 7 «IW2u2bOeIuh9XQbLFZ0WEg==»"),
    (CISCO_FAMILY, "key chain OSPF\n key 1\n  key-string 7 «104D000A061843595F»"),
    (IOS, "key chain RIP-KC\n key 1\n  key-string «Rip plain key»"),
    (
        IOS,
        "router eigrp NAMED\n address-family ipv4 unicast autonomous-system 1\n  af-interface default\n   authentication mode hmac-sha-256 7 «03165A0B05»",
    ),
    (IOS, "router isis\n area-password «IsisArea!Pw» authenticate snp validate"),
    (IOS, "router isis\n domain-password «IsisDomPw»"),
    (IOS, "interface Gi0/2\n isis password «IsisIfPass» level-2"),
    (["arista_eos"], "router isis UNDERLAY\n   authentication key 7 «0702165E5D1C0A» level-2"),
    (["arista_eos"], "interface Ethernet1\n   isis authentication key 7 «0508571C22431F» level-2"),
    (["cisco_nxos"], "interface Vlan20\n  ip pim hello-authentication ah-md5 3 «4a8fb7c3d2e1f0a9»"),
    (["cisco_nxos"], "interface Vlan20\n  ip pim hello-authentication ah-md5 «PimPlain»"),
    (["cisco_nxos"], "interface Eth1/1\n  bfd authentication keyed-sha1 key-id 10 key «Bfd-K3y»"),
    # First-hop redundancy
    (IOS, "interface Gi0/1\n standby 1 authentication «Hsrp30tx»"),
    (IOS, "interface Gi0/1\n standby 1 authentication text «HsrpTxt»"),
    (
        IOS,
        "interface Gi0/1\n standby 20 authentication md5 key-string 7 «0017400516081F» timeout 30",
    ),
    (IOS, "interface Gi0/1\n standby 20 authentication md5 key-string «Plain Hsrp Key»"),
    (IOS, "interface Gi0/1\n vrrp 40 authentication text «Vr40Txt»"),
    (IOS, "interface Gi0/1\n glbp 50 authentication md5 key-string «Glbp-Md5-Str»"),
    (
        ["cisco_nxos"],
        "interface Vlan10\n  hsrp 10\n    authentication md5 key-string 7 «0017400516081f»",
    ),
    (["cisco_nxos"], "interface Vlan20\n  vrrp 20\n    authentication text «Vr20nx»"),
    (["arista_eos"], "interface Et10\n   vrrp 10 peer authentication text «VrEos10»"),
    (
        ["arista_eos"],
        "interface Et10\n   vrrp 11 peer authentication ietf-md5 key-string 7 «08224»",
    ),
    # SNMP
    (CISCO_FAMILY, "snmp-server community «Lyon-RO-2024x» view V3-READ RO 10"),
    (IOS, "snmp-server community «DC1-rw-Qm3z» RW SNMP-ACL"),
    (["cisco_nxos"], "snmp-server community «Nx-ro-7Tgh» group network-operator"),
    (["cisco_nxos"], "snmp-server community «Nx-ro-7Tgh» use-ipv4acl SNMP-ACL"),
    (["arista_eos"], "snmp-server community «Eos-ro-3Rfv» view ALL ro SNMP-ACL"),
    (IOS, "snmp mib community-map «Lyon-RO-2024x» context VRF-MGMT"),
    (["cisco_nxos"], "snmp-server mib community-map «Nx-ro-7Tgh» context vrf-mgmt"),
    (IOS, "snmp-server community-map «Comm-44» context C1 target-list T1"),
    (CISCO_FAMILY, "snmp-server host 10.1.1.1 version 2c «TrapComm-44» udp-port 162"),
    (IOS, "snmp-server host 10.20.5.32 vrf MGMT informs version 2c «TrapComm-Mgmt44»"),
    (IOS, "snmp-server host 10.20.5.34 «V1Comm»"),
    (["cisco_nxos"], "snmp-server host 10.1.1.1 traps version 2c «Nx-Trap-41qZ» udp-port 162"),
    (["arista_eos"], "snmp-server host 10.1.50.41 vrf MGMT version 2c «Eos-trap-41Xc»"),
    (IOS, "snmp-server user mon G3 v3 auth sha «Sn3mpAuth» priv aes 256 «Sn3mpPriv»"),
    (
        ["cisco_nxos"],
        "snmp-server user admin network-admin auth md5 «0x8a1c3f0e» priv «0x1f2e3d4c» localizedkey",
    ),
    (
        ["cisco_nxos"],
        "snmp-server user ops network-operator auth sha «0x4b7e» priv aes-128 «0x9e8d» localizedkey",
    ),
    (
        ["arista_eos"],
        "snmp-server user p V3GRP v3 localized f5717f001c73 auth sha «5c8b1c3e» priv aes «9f8e7d6c»",
    ),
    # IKE / ISAKMP / MACsec / wireless / misc
    (IOS, "crypto isakmp key «psk-V6SnRnxPnB» address 203.0.113.147"),
    (IOS, "crypto isakmp key 6 «Rl]bLHHGMcR[ITYJNcT`VBYIDdhaQPWAAB» address 203.0.113.10"),
    (IOS, "crypto isakmp key «VeryS3cretPSK» hostname vpn.example.net no-xauth"),
    (IOS, "crypto keyring KR\n pre-shared-key address 198.51.100.1 key «KrKey!2024»"),
    (IOS, "crypto keyring KR\n pre-shared-key address 0.0.0.0 0.0.0.0 key 6 «cF`PUOHfNfQb»"),
    (IOS, "crypto keyring KR\n pre-shared-key hostname vpn.partner.example key «PartnerKey77»"),
    (IOS, "crypto ikev2 keyring KR\n peer P\n  pre-shared-key local 6 «d[XdFNJM_aZOZV»"),
    (IOS, "crypto ikev2 keyring KR\n peer P\n  pre-shared-key remote «RemotePsk»"),
    (IOS, "crypto ikev2 keyring KR\n peer P\n  pre-shared-key «BothWaysPsk»"),
    (IOS, "crypto ikev2 profile P\n authentication remote pre-share key «ProfileRemoteKey»"),
    (IOS, "crypto isakmp client configuration group EZ\n key «EzVpnGroupKey»"),
    (IOS, "interface Tunnel100\n ip nhrp authentication «NhRp#44»"),
    (
        IOS,
        "key chain MKA macsec\n key 01\n  cryptographic-algorithm aes-256-cmac\n  key-string 7 «075E731F1A5C4F»",
    ),
    (
        ["cisco_nxos"],
        "key chain MK macsec\n  key 1000\n    key-octet-string 7 «075e731f» cryptographic-algorithm AES_256_CMAC",
    ),
    (
        ["arista_eos"],
        "mac security\n   profile MACSEC-DC\n      key 0123456789abcdef 7 «075E731F1A5C4F52»",
    ),
    (
        ["arista_eos"],
        "management security\n   shared-secret profile SS\n      secret 1 7 «070E3345» receive-lifetime infinite transmit-lifetime infinite",
    ),
    (
        ["arista_eos"],
        "daemon TerminAttr\n   exec /usr/bin/TerminAttr -cvaddr=10.1.60.10:9910 -cvauth=key,«Cvp0nb0ardK3y» -cvvrf=MGMT",
    ),
    (IOS, "dot11 ssid CORP\n wpa-psk ascii 7 «070C285F4D06»"),
    (IOS, "key config-key password-encrypt «MasterKey 2024»"),
    (["cisco_nxos"], "key config-key ascii «NxMasterKey»"),
    (IOS, "archive\n path ftp://backup:«Ftp-Arch1ve»@10.20.5.50/lyon/$h-"),
    (IOS, "crypto pki trustpoint TP\n password 7 «045802150C2E»"),
    # Junos, set and curly forms
    (
        ["juniper_junos"],
        'set system root-authentication encrypted-password "«$6$pQ3x9vLm$Wm0m9Sg0»"',
    ),
    (
        ["juniper_junos"],
        'set system login user ops authentication encrypted-password "«$1$abcd$xyz»"',
    ),
    (["juniper_junos"], 'set system radius-server 10.1.1.1 secret "«$9$Hk5FCA0IhruOB»"'),
    (
        ["juniper_junos"],
        'set system tacplus-server 10.0.10.11 secret "«$9$6.hsgwrdHWoq9qV2UOHFEi3t»"',
    ),
    (["juniper_junos"], 'set access profile P client C chap-secret "«$9$dkP5z/CA0»"'),
    (
        ["juniper_junos"],
        'set system ntp authentication-key 1 type sha256 value "«$9$y2ple8X7VYgJ»"',
    ),
    (["juniper_junos"], 'set system ntp authentication-key 2 type md5 value "«$9$3zRe9pBIRS»"'),
    (["juniper_junos"], "set system ntp authentication-key 3 type sha1 value «PlainNtp»"),
    (
        ["juniper_junos"],
        'set protocols ospf area 0 interface ge-0/0/0 authentication md5 1 key "«$9$A4gcpu1cSr»"',
    ),
    (
        ["juniper_junos"],
        'set protocols ospf area 0 interface ge-0/0/2.0 authentication simple-password "«$9$L8o7V»"',
    ),
    (
        ["juniper_junos"],
        'set protocols bgp group up neighbor 10.0.0.2 authentication-key "«$9$wrYoGUjq»"',
    ),
    (["juniper_junos"], 'set protocols isis level 2 authentication-key "«$9$ZUH.fzF»"'),
    (
        ["juniper_junos"],
        'set protocols isis interface xe-0/0/1.0 level 2 hello-authentication-key "«$9$oSaUH»"',
    ),
    (["juniper_junos"], 'set protocols ldp session 10.255.1.2 authentication-key "«$9$1GPRhy»"'),
    (
        ["juniper_junos"],
        'set interfaces ge-0/0/2 unit 0 family inet address 10.2.2.2/24 vrrp-group 20 authentication-key "«$9$Ttz6»"',
    ),
    (
        ["juniper_junos"],
        'set security authentication-key-chains key-chain KC key 0 secret "«$9$Fj9n/tu1»"',
    ),
    (["juniper_junos"], "set snmp community «public» authorization read-only"),
    (["juniper_junos"], 'set snmp community "«Mx rw 9Pk»" authorization read-write'),
    (
        ["juniper_junos"],
        'set snmp v3 usm local-engine user NMS authentication-sha authentication-key "«$9$aKZU»"',
    ),
    (
        ["juniper_junos"],
        'set snmp v3 usm local-engine user NMS privacy-aes128 privacy-key "«$9$cmaS»"',
    ),
    (
        ["juniper_junos"],
        'set snmp v3 usm local-engine user NMS authentication-md5 authentication-password "«pw»"',
    ),
    (["juniper_junos"], 'set snmp v3 snmp-community IDX1 community-name "«$9$bHs2aZ»"'),
    (["juniper_junos"], 'set security ike policy X pre-shared-key ascii-text "«$9$wT2oGiHm»"'),
    (["juniper_junos"], 'set security ike policy Y pre-shared-key hexadecimal "«$9$Q3nCt3»"'),
    (
        ["juniper_junos"],
        'set security ipsec vpn V manual authentication key ascii-text "«$9$kP5z»"',
    ),
    (
        ["juniper_junos"],
        'set security macsec connectivity-association CA pre-shared-key cak "«$9$wT2o»"',
    ),
    (
        ["juniper_junos"],
        'set system archival configuration archive-sites "scp://bk@10.1.1.5:/c" password "«$9$kP5»"',
    ),
    (
        ["juniper_junos"],
        'set system archival configuration archive-sites "ftp://archiver:«Arch1ve»@10.1.50.51/mx"',
    ),
    (
        ["juniper_junos"],
        'system {\n    root-authentication {\n        encrypted-password "«$6$abc$def»"; ## SECRET-DATA\n    }\n}',
    ),
    (
        ["juniper_junos"],
        'system {\n    tacplus-server {\n        10.1.50.20 secret "«$9$ewrKLx»"; ## SECRET-DATA\n    }\n}',
    ),
    (
        ["juniper_junos"],
        'system {\n    ntp {\n        authentication-key 1 type sha256 value "«$9$y2pl»"; ## SECRET-DATA\n    }\n}',
    ),
    (
        ["juniper_junos"],
        'security {\n    macsec {\n        connectivity-association CA {\n            pre-shared-key {\n                ckn 9a8b7c6d5e4f3021;\n                cak "«$9$wT2oGi»"; ## SECRET-DATA\n            }\n        }\n    }\n}',
    ),
    (
        ["juniper_junos"],
        "snmp {\n    community «Srx-ro-Lk8j» {\n        authorization read-only;\n    }\n}",
    ),
    (
        ["juniper_junos"],
        'protocols {\n    ospf {\n        area 0.0.0.0 {\n            interface st0.0 {\n                authentication {\n                    md5 1 key "«$9$A4g»"; ## SECRET-DATA\n',
    ),
    (
        ["juniper_junos"],
        "protocols {\n    bgp {\n        some-future-statement «opaque-value»; ## SECRET-DATA\n    }\n}",
    ),
    (["juniper_junos"], 'set system some-future-statement "«opaque value»" ## SECRET-DATA'),
]

CASES = [(platform, marked) for platforms, marked in FORMS for platform in platforms]


@pytest.mark.parametrize(("platform", "marked"), CASES)
def test_each_secret_form_hides_its_value_and_only_it(platform: str, marked: str) -> None:
    redacted = redact(platform, _source(marked))

    assert redacted.text == _expected(marked)
    assert redacted.count == len(SECRET.findall(marked))


@pytest.mark.parametrize(("platform", "marked"), CASES)
def test_an_unknown_platform_still_hides_every_form(platform: str, marked: str) -> None:
    redacted = redact("vendor_os_nobody_knows", _source(marked)).text
    assert not [s for s in SECRET.findall(marked) if len(s) > 4 and s in redacted]


@pytest.mark.parametrize(("platform", "marked"), CASES)
def test_redacting_twice_changes_nothing(platform: str, marked: str) -> None:
    once = redact(platform, _source(marked)).text
    again = redact(platform, once)
    assert (again.text, again.count) == (once, 0)


# Lines that look like secrets and are not: key ids, algorithms, names, files, policies, prose.
CISCO_HARMLESS = [
    "service password-encryption",
    "security passwords min-length 10",
    "password encryption aes",
    "aaa authentication login default group tacacs+ local",
    "aaa authentication password-prompt Password:",
    "ntp trusted-key 1",
    "ntp trusted-key 1 - 4",
    "ntp authenticate",
    "ntp server 10.1.1.1 key 2",
    "ntp server 10.20.0.123 key 1 prefer",
    "ntp server vrf MGMT 10.99.0.123 key 2",
    "key chain BGP-KEYS\n key 1\n  accept-lifetime 00:00:00 Jan 1 2024 infinite\n  cryptographic-algorithm hmac-sha-256",
    "interface Tunnel100\n tunnel key 123\n tunnel mode gre multipoint",
    "ip ssh pubkey-chain\n  username netadmin\n   key-hash ssh-rsa 5E4B6A1F08C6C4B9 netadmin@jump01",
    "crypto isakmp policy 10\n authentication pre-share",
    "crypto isakmp keepalive 10 3 periodic",
    "crypto ikev2 profile P\n authentication remote pre-share\n authentication local pre-share\n keyring local KR",
    "crypto pki trustpoint TP-ISE\n enrollment terminal pem\n rsakeypair TP-ISE-KEY 2048",
    "interface Gi0/0\n ip ospf authentication message-digest\n ip ospf authentication key-chain OSPF-KC",
    "interface Gi0/0\n ip ospf authentication null",
    "interface Gi0/2\n isis authentication key-chain ISIS-KC\n isis authentication mode md5",
    "interface Gi0/2\n ip authentication key-chain eigrp 100 EIGRP-KC\n ip authentication mode eigrp 100 md5",
    "interface Gi0/2\n ip rip authentication key-chain RIP-KC\n ip rip authentication mode md5",
    "interface Gi0/1\n standby 10 authentication md5 key-chain HSRP-KC",
    "interface Gi0/1\n vrrp 1 authentication md5 key-chain VRRP-KC",
    "interface Te0/1/0\n mka pre-shared-key key-chain MACSEC-KC\n macsec network-link",
    "router isis\n authentication key-chain ISIS-KC level-2\n authentication mode md5 level-2",
    "router bgp 65001\n neighbor 10.0.0.12 ao BGP-AO include-tcp-options",
    "router eigrp N\n address-family ipv4 unicast autonomous-system 1\n  af-interface default\n   authentication key-chain EIGRP-KC",
    " description key uplink to core-1, password in vault, secret 5 here",
    "interface Gi0/0\n description WAN - enable password rotation; key 7 is old",
    "ip access-list extended WAN\n remark allow the crypto key exchange, password-less",
    "access-list 10 remark SNMP pollers - community RO only, secret rotation yearly",
    "ip access-list standard SNMP-ACL\n 10 remark community and key rotation",
    "! enable password is kept in the vault, key 7 too",
    "snmp-server location DC1 row 6, key box at reception",
    "snmp-server contact noc - secret questions? password reset desk",
    "snmp-server group SNMPV3-GRP v3 priv read V3-READ access 10",
    "snmp-server host 10.20.5.33 version 3 priv snmpv3-poller",
    "snmp-server host 10.1.50.42 informs version 3 auth svc-snmp-inform",
    "snmp-server engineID local 800000090300002A6A2B3C01",
    "snmp-server enable traps snmp authentication linkdown linkup",
    "snmp-server trap-source Loopback0",
    'event manager applet SAVE\n action 3.0 syslog msg "nightly save, no password change"',
    "aaa common-criteria policy PW-POLICY\n min-length 12",
    "username admin nopassword",
    "ip http authentication local",
    "interface GigabitEthernet0/0",
    "tacacs-server timeout 10",
    "radius-server directed-request",
    "aaa server radius dynamic-author\n port 3799\n auth-type any",
]
NXOS_HARMLESS = [
    "no password strength-check",
    "feature password encryption aes",
    "feature tacacs+",
    "username ansible password 5 !  role network-admin",
    "username netops passphrase  lifetime 99999 warntime 14 gracetime 3",
    "username ansible sshkey ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7v1n8Rk ansible@automation",
    "snmp-server host 10.1.1.1 use-vrf management",
    "snmp-server host 10.1.1.1 source-interface mgmt0",
    "snmp-server host 10.1.1.1 filter-vrf TENANT-A",
    "snmp-server host 10.1.50.42 informs version 3 priv svc-poller",
    "snmp-server source-interface traps mgmt0",
    "snmp-server context vrf-mgmt vrf management",
    "ntp server 10.1.0.123 prefer use-vrf management key 1",
    "ntp source-interface mgmt0",
    "aaa group server tacacs+ ISE\n    server 10.1.50.20\n    use-vrf management\n    source-interface mgmt0",
    "nxapi certificate httpscrt certfile bootflash:nxapi-server.crt",
    "nxapi certificate httpskey keyfile bootflash:nxapi-server.key",
    "ssh key rsa 2048",
    "vpc domain 101\n  peer-keepalive destination 10.99.1.102 source 10.99.1.101 vrf management",
    "interface Ethernet1/50\n  isis authentication key-chain ISIS-KC level-2\n  isis authentication-type md5 level-2",
    "rmon event 1 log trap public description FATAL(1) owner PMON@FATAL",
    "vlan 10\n  name APP-key-servers",
]
EOS_HARMLESS = [
    "no aaa root",
    "management api http-commands\n   protocol https ssl profile API-SSL\n   no shutdown",
    "management security\n   password minimum length 17",
    "management security\n   password policy CORP-PW\n      minimum digits 1",
    "management security\n   password encryption-key common",
    "management security\n   ssl profile API-SSL\n      certificate server.crt key server.key\n      trust certificate ca.crt",
    "username audit privilege 1 role network-operator nopassword",
    "username svc ssh-key ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDfR2p9 svc@cvp",
    "ntp server vrf MGMT 10.1.0.123 prefer iburst key 1",
    "ntp trusted-key 1-2",
    "snmp-server host 10.1.50.42 vrf MGMT version 3 priv svc-poller",
    "router isis U\n   authentication mode sha key-id 2 level-2",
    "management ssh\n   authentication empty-passwords deny",
    "daemon TerminAttr\n   exec /usr/bin/TerminAttr -cvaddr=10.1.60.10:9910 -cvauth=token,/tmp/token",
    "interface Ethernet2\n   !! the old password sticker is on the rack, key 7 too",
    "mac security\n   profile M\n      cipher aes256-gcm-xpn\n      mka key-server priority 10",
]
JUNOS_HARMLESS = [
    "set system authentication-order [ tacplus password ]",
    "set system login password minimum-length 12",
    "set system login password format sha512",
    "set system login password change-type character-sets",
    'set system root-authentication ssh-rsa "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQDn2t0r root@jump01"',
    'set system login user ops authentication ssh-ed25519 "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5 ops@laptop"',
    'set system login message "Authorized only.\\nYour password and secret key are logged."',
    'set system login announcement "key rotation Sunday: authentication-key \\"x\\" changes"',
    'set system login user noc full-name "NOC (password in vault)"',
    "set system ntp server 10.1.0.123 key 1",
    "set system ntp trusted-key [ 1 2 3 ]",
    "set policy-options community BLOCK members 65000:666",
    'set snmp location "DC1 row 3"',
    "set snmp v3 snmp-community IDX1 security-name svc-poller",
    "set snmp v3 target-parameters TP parameters security-name svc-poller",
    "set protocols bgp group IBGP authentication-key-chain BGP-KC",
    "set protocols bgp group IBGP authentication-algorithm hmac-sha-1-96",
    "set protocols isis level 2 authentication-type md5",
    'set security authentication-key-chains key-chain KC key 0 start-time "2024-1-1.00:00:00 +0100"',
    "set security macsec connectivity-association CA pre-shared-key ckn 37c9c2c45ddd012a",
    "set security ike proposal P authentication-method pre-shared-keys",
    "set security certificates local LC load-key-file /var/tmp/lc1.key",
    'set interfaces xe-0/0/0 description "key account 4412, secret handshake"',
    "policy-options {\n    community BLOCK members 65000:666;\n}",
    "system {\n    login {\n        password {\n            format sha512;\n        }\n    }\n}",
    "system {\n    ntp {\n        server 10.1.0.123 key 1 prefer; ## SECRET-DATA\n        server 10.1.0.124 key 2; ## SECRET-DATA\n    }\n}",
    'system {\n    root-authentication {\n        ssh-rsa "ssh-rsa AAAAB3NzaC1yc2E root@jump01"; ## SECRET-DATA\n    }\n}',
    'system {\n    login {\n        message "The password policy applies.\\nSecret or not, logged.";\n    }\n}',
    '    /* The BGP authentication-key "is rotated" by the\n       secret team; password in vault. */',
    "## Last commit: 2024-03-11 16:20:03 CET by netops",
]
HARMLESS = (
    [(p, t) for p in CISCO_FAMILY for t in CISCO_HARMLESS]
    + [("cisco_nxos", t) for t in NXOS_HARMLESS]
    + [("arista_eos", t) for t in EOS_HARMLESS]
    + [("juniper_junos", t) for t in JUNOS_HARMLESS]
)


@pytest.mark.parametrize(("platform", "text"), HARMLESS)
def test_a_look_alike_without_a_secret_is_left_byte_for_byte(platform: str, text: str) -> None:
    redacted = redact(platform, text)
    assert (redacted.text, redacted.count) == (text, 0)


BANNERS = [
    ("cisco_ios", "banner motd ^C\nenable secret 5 $1$ab$cd\nkey 7 0822455D0A16\n^C"),
    ("cisco_ios", "banner login \x03\nusername admin password 0 NotAPassword\n\x03"),
    ("cisco_ios", "banner login ^C\nsnmp-server community public RO\n\x03"),
    ("cisco_xe", "banner exec #\npassword 7 0822455D0A16 and the secret key\n#"),
    ("cisco_ios", "banner motd ^Cntp authentication-key 1 md5 KEY 7^C"),
    ("cisco_ios", "banner motd %password secret key%"),
    ("cisco_nxos", 'banner motd #\ntacacs-server key 7 "x"\n#'),
    ("arista_eos", "banner login\nusername admin secret sha512 $6$ab$cd\nEOF"),
    ("arista_eos", "banner motd\nsnmp-server community public ro\nEOF"),
    ("arista_eos", "interface Ethernet2\n   comment\n   key: password 7 0822455D0A16\n   EOF"),
    ("juniper_junos", 'set system login message "secret \\"authentication-key\\" password"'),
]


@pytest.mark.parametrize(("platform", "text"), BANNERS)
def test_banners_and_messages_are_prose(platform: str, text: str) -> None:
    assert redact(platform, text).text == text


def test_the_line_after_a_banner_is_redacted_again() -> None:
    text = "banner motd ^C\nkey 7 in prose\n^C\nenable secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0"
    assert redact("cisco_ios", text).text.splitlines()[-1] == "enable secret 5 <redacted>"


def test_a_banner_that_never_closes_is_not_prose() -> None:
    text = "banner motd ^C\nenable secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0"
    assert "$1$mERr" not in redact("cisco_ios", text).text


@pytest.mark.parametrize("platform", PLATFORMS)
@pytest.mark.parametrize("number", [1, 2, 3])
def test_no_planted_secret_of_the_emulated_configurations_survives(
    platform: str, number: int
) -> None:
    starting = starting_config(platform, f"dev-{number}", "netops")
    text = normalise(platform, starting.text).text

    redacted = redact(platform, text)

    assert [s for s in starting.planted_secrets if s in redacted.text] == []
    assert redacted.count >= len(starting.planted_secrets)
