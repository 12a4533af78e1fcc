"""Cisco ASA redaction and normalisation: every secret form, as `more system:running-config`
shows it (clear) and as `show running-config` shows it (`*****`), hides its value and only it;
look-alikes, descriptions and banners stay byte for byte; the header lines about the read go."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exitkit.netconfig.normalise import normalise
from exitkit.netconfig.redact import REDACTED, redact
from tests.netconfig.redaction_cases import (
    VALUES,
    assert_form_hides_its_value,
    assert_left_alone,
    assert_only_values_changed,
)

ASA = "cisco_asa"
CONFIGS = Path(__file__).parent / "configs"

# «...» marks the secret value; the rest of the text must come out unchanged.
FORMS = [
    "enable password «$sha512$5000$Nw6HY0T1yXQ0mQ2k5cBg5g==$K3m8ZsvcQx1m2a6Jg7HfVg==» pbkdf2",
    "enable password «8Ry2YjIyt7RRXU24» encrypted",
    "enable password level 10 «Hc0Zt3J9.nUxZq7P» encrypted",
    "passwd «2KFQnbNIdI.2KYOU» encrypted",
    "username admin password «$sha512$5000$2Ba7h1mXkEo6T5h2gGq9Cw==$T3fV3a1Pq0j9W==» pbkdf2 "
    "privilege 15",
    "username backup password «rh6bVK9bYtqzU2n4» encrypted privilege 15",
    "username ops password «3USUcOPFUiMCO4Jk» nt-encrypted",
    "aaa-server ISE (inside) host 10.20.0.21\n key «Ise-Radius-Key#2024»",
    "aaa-server ISE (inside) host 10.20.0.21\n key «*****»",
    "aaa-server ISE (inside) host 10.20.0.21\n key 8 «KB0BUNXBYS]UcFQVYXeJDZJTeUFaA»",
    "aaa-server ISE (inside) host 10.20.0.21\n radius-common-pw «Ise-Common-Pw»",
    "aaa-server AD (inside) host 10.2.0.4\n ldap-login-password «BindPw1»",
    "aaa-server AD (inside) host 10.2.0.4\n ldap-login-password «*****»",
    "aaa-server TAC (mgmt) host 10.2.0.5 «OneLineTacKey» timeout 5",
    "aaa-server TAC host 10.2.0.6 «OneLineTacKey2»",
    "tunnel-group 198.51.100.44 ipsec-attributes\n ikev1 pre-shared-key «Lyon-Ikev1-Psk!»",
    "tunnel-group 198.51.100.44 ipsec-attributes\n ikev1 pre-shared-key «*****»",
    "tunnel-group 1.2.3.4 ipsec-attributes\n ikev2 remote-authentication pre-shared-key «R»",
    "tunnel-group 1.2.3.4 ipsec-attributes\n ikev2 local-authentication pre-shared-key 8 «Zx»",
    "tunnel-group 1.2.3.4 ipsec-attributes\n pre-shared-key «Legacy82Psk»",
    "failover key «Fo-Shared-Key-2024»",
    "failover key hex «0x3a5f0e1b9d44c7a2e0f1b3c5d7e9f0a1»",
    "failover ipsec pre-shared-key 0 «Fo-IPsec-Psk-99»",
    "failover ipsec pre-shared-key 8 «KB0BUNXBYS]UcFQVYXeJDZ»",
    "snmp-server community «Ro-Comm-Par»",
    "snmp-server community «*****»",
    "snmp-server host inside 10.20.0.15 community «Trap-Comm-Par» version 2c",
    "snmp-server host mgmt 10.2.0.9 poll community «*****» version 2c udp-port 161",
    "snmp-server user nms NMS-V3 v3 engineID 80000009fe5a encrypted auth sha256 «3a:9f:21:6b» "
    "priv aes 256 «5c:7a:01:ee»",
    "snmp-server user legacy G v3 auth sha «Snmp-Auth-1» priv aes 128 «Snmp-Priv-1»",
    "snmp-server user legacy G v3 auth md5 «AuthMd5» priv 3des «Priv3des»",
    "ntp authentication-key 1 md5 «Ntp-Md5-Key-1»",
    "ntp authentication-key 2 sha256 «*****»",
    "interface GigabitEthernet1/2\n ospf message-digest-key 1 md5 «Ospf-Md5-Inside!7»",
    "interface GigabitEthernet1/2\n ospf message-digest-key 2 md5 «*****»",
    "interface GigabitEthernet1/3\n ospf authentication-key «DmzOspfPlain»",
    "router ospf 1\n area 1 virtual-link 10.0.0.2 message-digest-key 1 md5 «VlinkKey»",
    "interface GigabitEthernet1/4\n authentication key eigrp 100 «EigrpKey» key-id 1",
    "interface GigabitEthernet1/4\n ipv6 ospf 1 authentication ipsec spi 500 sha1 «0123456789abcdef»",
    "router bgp 65020\n address-family ipv4 unicast\n  neighbor 203.0.113.9 password 0 «BgpMd5»",
    "router bgp 65020\n address-family ipv4 unicast\n  neighbor 203.0.113.9 password «*****»",
    "ddns update method DYN\n dyndns username corp password «DynDnsPw»",
    "vpdn username isp-user password «PppoePw» store-local",
    "wccp web-cache redirect-list WEB password «WccpPw»",
    "context CUST-A\n  config-url ftp://backup:«FtpPass1»@10.0.10.50/cust-a.cfg",
]
HARMLESS = [
    "username readonly nopassword privilege 1",
    "password encryption aes",
    "aaa authentication ssh console TACACS LOCAL",
    "aaa-server TAC (mgmt) host 10.2.0.5 timeout 5",
    "aaa-server TAC (mgmt) host 10.2.0.5",
    "aaa-server AD (inside) host 10.2.0.4\n ldap-login-dn CN=svc-asa,OU=Service,DC=corp,DC=example",
    "crypto ca trustpoint TP-VPN\n keypair TP-VPN-KEY",
    "crypto ikev1 policy 10\n authentication pre-share",
    "ntp trusted-key 1",
    "ntp server 10.20.0.123 key 1 source inside prefer",
    "snmp-server host inside 10.20.0.16 version 3 nms-poller",
    "snmp-server location Paris DC2, room 3 (key box at reception)",
    "snmp-server enable traps snmp authentication linkup linkdown",
    "name 10.20.0.16 VAULT description password vault (no key here)",
    "interface GigabitEthernet1/1\n description Outside: community key account password 7",
    "access-list OUTSIDE-IN remark password reset portal, community key",
    "access-list OUTSIDE-IN line 3 remark the secret password is not here",
    "interface GigabitEthernet1/2\n ospf authentication message-digest",
    "failover lan interface FOLINK GigabitEthernet1/8",
    "tunnel-group CORP general-attributes\n authentication-server-group ISE",
    "ssh key-exchange group dh-group14-sha256",
    "webvpn\n anyconnect profiles CORP-VPN disk0:/corp-vpn.xml",
    "ASA Version 9.12(4)56",
    ": Hardware:   ASA5516, 8192 MB RAM, CPU Atom C2000 series 2416 MHz",
]
BANNERS = [
    "banner motd Authorized access only. Key, password and secret handling is logged.",
    "banner login password 7 0822455D0A16 is not a password",
    "banner exec snmp-server community public",
    "banner asdm ikev1 pre-shared-key nothing",
]


@pytest.mark.parametrize("marked", FORMS)
def test_each_secret_form_hides_its_value_and_only_it(marked: str) -> None:
    assert_form_hides_its_value(ASA, marked)


@pytest.mark.parametrize("text", HARMLESS + BANNERS)
def test_a_look_alike_or_a_banner_is_left_byte_for_byte(text: str) -> None:
    assert_left_alone(ASA, text)


def test_a_real_configuration_loses_its_secrets_and_nothing_else() -> None:
    source = (CONFIGS / "asa_edge_firewall.cfg").read_text()
    secrets = (CONFIGS / "asa_edge_firewall.cfg.secrets").read_text().split()
    normalised = normalise(ASA, source)

    redacted = redact(ASA, normalised.text)

    assert normalised.dropped == 3  # `: Saved`, `: Written by ...`, `Cryptochecksum:...`
    assert [s for s in secrets if s in redacted.text] == []
    assert redacted.count == len(secrets)
    assert_only_values_changed(normalised.text, redacted.text)


TEMPLATES = [
    "snmp-server community {}",
    "snmp-server host inside 10.1.1.1 community {} version 2c",
    "aaa-server TAC (inside) host 10.1.1.2\n key {}",
    "tunnel-group 1.2.3.4 ipsec-attributes\n ikev2 local-authentication pre-shared-key {}",
    "ntp authentication-key 7 sha512 {}",
    "failover key {}",
    "username u1 password {} encrypted privilege 15",
]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(TEMPLATES), VALUES)
def test_any_value_in_a_secret_form_is_hidden_and_the_line_kept(template: str, value: str) -> None:
    redacted = redact(ASA, template.format(value)).text
    assert redacted == template.format(REDACTED)


def _header(when: str, checksum: str) -> tuple[list[str], list[str]]:
    head = [": Saved", "", ": Serial Number: JAD21450ABC", f": Written by enable_15 at {when}"]
    return head, [f"Cryptochecksum:{checksum}", ": end"]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.text("0123456789:. ACDEFJMNOSTUW", min_size=1, max_size=30),
            st.text("0123456789abcdef", min_size=32, max_size=32),
            st.sampled_from(["\n", "\r\n"]),
        ),
        min_size=2,
        max_size=2,
    )
)
def test_two_reads_of_an_unchanged_firewall_normalise_to_the_same_bytes(
    reads: list[tuple[str, str, str]],
) -> None:
    body = ["ASA Version 9.16(4)", "!", "hostname fw-1", "interface Gi0/0", " nameif outside"]
    texts = []
    for when, checksum, newline in reads:
        head, tail = _header(when.strip() or "0", checksum)
        texts.append(newline.join([*head, *body, *tail]))
    first, second = (normalise(ASA, text).text for text in texts)
    assert first == second
    assert first.splitlines() == [": Serial Number: JAD21450ABC", *body, ": end"]
