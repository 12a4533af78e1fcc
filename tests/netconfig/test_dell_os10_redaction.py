"""Dell OS10 redaction and normalisation: SHA-512/SHA-256 password hashes, `9`-encrypted and
`0`-clear keys, SNMP communities and v3 keys hide their value and only it; the encryption
markers (`9`, `sha-512`), roles, privilege levels, key ids, descriptions and banners stay byte
for byte; the time of the last change goes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exitkit.netconfig.normalise import normalise
from tests.netconfig.redaction_cases import (
    assert_form_hides_its_value,
    assert_left_alone,
    assert_sample_loses_its_secrets,
    assert_template_hides,
)

OS10 = "dell_os10"
SHA512 = "$6$q9QBeYjZ$jfxzVqGhkxX3smxJSH9DDz7/3OJc6m5wjF8nnLD7/VKx8SloIhp4NoGZs0I/UNwh8WVuxwf."
HEX = "7d0b3c1f4e5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e"

# «...» marks the secret value; the rest of the text must come out unchanged.
FORMS = [
    f"system-user linuxadmin password «{SHA512}»",
    f"username admin password «{SHA512}» role sysadmin priv-lvl 15",
    "username ops password «Clear-Typed-1» role netoperator",
    f"enable password sha-512 «{SHA512}» priv-lvl 15",
    "enable password sha-256 «$5$Ab3Cd5Ef$Gh7Ij9Kl1Mn3Op5Qr7St9Uv1Wx3Yz5Ab7Cd9Ef1Gh3Ij» priv-lvl 5",
    "enable password 0 «Enable-Clear» priv-lvl 15",
    f"ntp authentication-key 1 md5 9 «{HEX}»",
    "ntp authentication-key 2 sha1 0 «Ntp-Clear»",
    f"radius-server host 10.0.10.21 key 9 «{HEX}»",
    "radius-server host 10.0.10.22 auth-port 1812 key 0 «Radius-Clear»",
    "radius-server host radius.corp.example key «Radius-Bare»",
    f"tacacs-server host 10.0.10.11 key 9 «{HEX}»",
    f"radius-server key 9 «{HEX}»",
    f"radius-server dynamic-authorization client 10.0.10.21 key 9 «{HEX}»",
    f"ldap-server bind-password 9 «{HEX}»",
    "snmp-server community «Ro-Comm» ro",
    "snmp-server community «Rw-Comm» rw acl SNMP-MGMT",
    "snmp-server host 10.0.10.20 traps version 2c «Trap-Comm» udp-port 162",
    "snmp-server host 10.0.10.25 informs version 2c «Inform-Comm» udp-port 162",
    "snmp-server host 10.0.10.27 «Plain-Trap-Comm»",
    "snmp-server user nms NMS-RW 3 auth sha «Auth-Clear» priv aes «Priv-Clear»",
    "snmp-server user nms NMS-RO 3 encrypted auth sha «0x1d3f5a7c» priv aes «0x2e4a6c8e»",
    "snmp-server user nms NMS-RO 3 auth md5 «Md5-Auth»",
    f"interface ethernet1/1/53\n ip ospf message-digest-key 1 md5 9 «{HEX}»",
    f"interface ethernet1/1/54\n ip ospf authentication-key 9 «{HEX}»",
    f"interface vlan20\n vrrp-group 20\n  authentication-type simple 9 «{HEX}»",
    f"router bgp 65107\n neighbor 10.255.1.12\n  password 9 «{HEX}»",
    "router bgp 65107\n template SPINES\n  password «Bgp-Template-Clear»",
    f"interface ethernet1/1/49\n mka pre-shared-key ckn 0123abcd cak 9 «{HEX}»",
    "copy running-configuration scp://backup:«ScpPw»@10.0.10.50/leaf.cfg",
]
HARMLESS = [
    "password-attributes min-length 12 character-restriction upper 1 numeric 1",
    "password-attributes lockout-period 5 max-retry 3",
    "aaa authentication login default group radius local",
    "ntp authenticate",
    "ntp trusted-key 1",
    "ntp server 10.0.10.1 key 1 prefer",
    "radius-server vrf management",
    "snmp-server host 10.0.10.26 traps version 3 priv nms-poller udp-port 162",
    "snmp-server group NMS-RW 3 priv read default write default",
    'snmp-server contact "noc@corp.example (community and key questions to security@)"',
    'snmp-server location "DC1 hall B, rack 7, key cabinet 3"',
    "interface ethernet1/1/1\n description server-01 (password reset VLAN)",
    "router bgp 65107\n neighbor 10.255.1.12\n  description DC1-SPINE-01, password rotated",
    "router ospf 1\n area 0.0.0.0 authentication message-digest",
    "ip ssh server password-authentication",
    "vlt-domain 1\n vlt-mac 00:11:22:33:44:55",
    "! Version 10.5.4.2",
]
BANNERS = [
    "banner login %\nAuthorised only. radius-server host 10.0.10.21 key 9 abc is no key.\n%",
    "banner motd ^C\nusername admin password secret\n^C",
]


@pytest.mark.parametrize("marked", FORMS)
def test_each_secret_form_hides_its_value_and_only_it(marked: str) -> None:
    assert_form_hides_its_value(OS10, marked)


@pytest.mark.parametrize("text", HARMLESS + BANNERS)
def test_a_look_alike_a_description_or_a_banner_is_left_byte_for_byte(text: str) -> None:
    assert_left_alone(OS10, text)


def test_a_real_configuration_loses_its_secrets_and_nothing_else() -> None:
    # the one line dropped: `! Last configuration change at ...`
    assert_sample_loses_its_secrets(OS10, "os10_leaf.cfg", 1)


# OS10 values are one word (a blank would need quotes the CLI does not show).
VALUES = st.text(
    st.characters(min_codepoint=33, max_codepoint=126, blacklist_characters='"'),
    min_size=1,
    max_size=60,
)
TEMPLATES = [
    "username u1 password {} role sysadmin priv-lvl 15",
    "enable password sha-512 {} priv-lvl 15",
    "radius-server host 10.1.1.1 key 9 {}",
    "tacacs-server host 10.1.1.2 key 0 {}",
    "snmp-server community {} ro",
    "snmp-server user u G 3 auth sha {} priv aes {}",
    "ntp authentication-key 3 sha256 9 {}",
]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(TEMPLATES), VALUES)
def test_any_value_in_a_secret_form_is_hidden_and_the_line_kept(template: str, value: str) -> None:
    assert_template_hides(OS10, template, value)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.datetimes(),
            st.sampled_from(["! Last configuration change at", "! Startup-config last updated at"]),
            st.sampled_from(["\n", "\r\n"]),
        ),
        min_size=2,
        max_size=2,
    )
)
def test_two_reads_of_an_unchanged_switch_normalise_to_the_same_bytes(
    reads: list[tuple[object, str, str]],
) -> None:
    body = ["!", "ip vrf default", "!", "hostname leaf-1", "interface vlan10", " no shutdown"]
    texts = [
        newline.join(["! Version 10.5.4.2", f"{title} {when:%b %e %H:%M:%S %Y}", *body])
        for when, title, newline in reads
    ]
    first, second = (normalise(OS10, text).text for text in texts)
    assert first == second == "\n".join(["! Version 10.5.4.2", *body]) + "\n"
