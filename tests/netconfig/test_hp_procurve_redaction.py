"""ProCurve / Aruba OS-Switch redaction and normalisation: every secret form, plain
(`include-credentials`) and encrypted (`encrypt-credentials`), hides its value and only it;
names, descriptions, banners and look-alikes stay byte for byte; the read's header goes."""

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

PROCURVE = "hp_procurve"

# «...» marks the secret value; the rest of the text must come out unchanged.
FORMS = [
    'password manager user-name "admin" sha1 "«a94a8fe5ccb19ba61c4c0873d391e987982fbbd3»"',
    'password operator user-name "operator" sha256 "«2c26b46b68ffc68ff99b453c1d30413413»"',
    'password manager plaintext "«Aruba@123»"',
    "password manager sha1 «a94a8fe5ccb19ba61c4c0873d391e987982fbbd3»",
    'password port-access user-name "dot1x" plaintext "«Port Access Pw»"',
    'encrypted-password manager user-name "admin" "«QnJlYWtHbGFzcw==»"',
    "encrypted-password operator «T3BlcmF0b3JQdw==»",
    'radius-server host 10.0.10.21 key "«Radius-Key-21»"',
    'radius-server host 10.0.10.21 encrypted-key "«pBd7Yh1yX4Rmb9Cq=»"',
    'radius-server host 10.0.10.22 acct-port 1813 key "«Radius Key 22»"',
    'radius-server key "«Global-Radius»"',
    'radius-server encrypted-key "«R2xvYmFsUmFkaXVz»"',
    'radius-server host 10.0.10.22 dyn-authorization secret "«CoA-Secret»"',
    'tacacs-server host 10.0.10.11 key "«Tacacs-Key»"',
    "tacacs-server host 10.0.10.11 encrypted-key «VGFjYWNzS2V5»",
    'tacacs-server encrypted-key "«R2xvYmFsVGFjYWNz»"',
    'snmp-server community "«Ro-Comm»" operator',
    'snmp-server community "«Rw-Comm»" manager unrestricted',
    "snmp-server community «public» restricted",
    'snmp-server host 10.0.10.20 community "«Trap-Comm»" trap-level critical',
    'snmp-server host 10.0.10.21 "«Trap-Comm-Old»"',
    'snmp-server host 10.0.10.25 informs community "«Inform-Comm»"',
    'snmpv3 user "nms" auth sha "«8db06202b8f293e9bc0c»" priv aes "«5bc4313e9fd7c2953aae»"',
    'snmpv3 user "legacy" auth md5 "«9e4cfef901f21cf9»" priv "«82ca4dc99e782db1»"',
    'snmpv3 user "nms" \\\nauth sha "«8db06202b8f293e9bc0c»" \\\npriv aes "«5bc4313e9fd7c2953aae»"',
    'key-chain "OSPF-KEYS" key 1 key-string "«Ospf-Chain-Key»"',
    'key-chain "OSPF-KEYS" key 2 encrypted-key "«T3NwZkNoYWlu»"',
    'key-chain "BGP" key 5 accept "01/01/2024 00:00:00" key-string "«Bgp-Chain»"',
    'vlan 10\n   ip ospf 10.40.3.10 authentication-key "«Ospf-Key»"',
    'vlan 20\n   ip ospf 10.40.20.1 md5-auth-key 1 "«Ospf-Md5»"',
    'router ospf\n   area 1 virtual-link 10.0.0.2 authentication-key "«Vlink»"',
    'router bgp 65040\n   neighbor 10.40.3.1 password "«Bgp-Pw»"',
    'router bgp 65040\n   neighbor 10.40.3.2 encrypted-password "«QmdwUHc=»"',
    'sntp authentication key-id 7 authentication-mode md5 key-value "«Sntp-Key»" trusted',
    'ntp authentication key-id 3 authentication-mode sha1 key-value "«Ntp-Key»"',
    'aaa port-access supplicant 48 identity "sw-uplink" secret "«Supplicant-Pw»"',
    "encrypt-credentials pre-shared-key plaintext «My-Aes-Psk»",
    'aaa authentication local-user "bob" group "netops" password sha1 "«a94a8fe5ccb19ba6»"',
    'aaa authentication local-user "eve" password plaintext "«Eve Pw»"',
    'aaa authentication local-user "ann" encrypted-password "«QW5uUHc=»"',
    'snmpv3 community index "1" name "«Comm-V3-Map»" sec-name "v2-ro" tag "TagNMS"',
    "copy tftp://backup:«TftpPw»@10.0.10.50/sw.cfg",
]
HARMLESS = [
    "include-credentials",
    "encrypt-credentials",
    "password complexity all",
    "password minimum-length 12",
    "password configuration-control",
    "password manager",
    "no password operator",
    "aaa authentication ssh login tacacs local",
    "radius-server host 10.0.10.23 clearpass",
    "radius-server host 10.0.10.22 time-window 0",
    "tacacs-server timeout 3",
    'snmpv3 group operatorauth user "nms" sec-model ver3',
    "snmpv3 enable",
    "sntp server priority 1 10.0.10.1 key-id 7",
    'vlan 20\n   ip ospf 10.40.20.1 md5-auth-key-chain "OSPF-KEYS"',
    'vlan 20\n   name "USERS password reset portal"',
    'interface 47\n   name "uplink (key: none, community: none)"',
    'snmp-server contact "community and key questions: security@"',
    'snmp-server location "Building 2, key cabinet B"',
    'hostname "SECRET-KEY-SW"',
    "; JL256A Configuration Editor; Created on release #WC.16.11.0015",
    "router bgp 65040\n   neighbor 10.40.3.1 remote-as 65000",
    'aaa authentication local-user "bob" group "netops"',
    'aaa authentication local-user "bob" password complexity',
]
BANNERS = [
    'banner motd "Authorised access only; password and key use is logged."',
    'banner motd "snmp-server community public\nradius-server key \\"abc\\"\npassword x"',
    'banner exec "tacacs-server key is not here"',
]


@pytest.mark.parametrize("marked", FORMS)
def test_each_secret_form_hides_its_value_and_only_it(marked: str) -> None:
    assert_form_hides_its_value(PROCURVE, marked)


@pytest.mark.parametrize("text", HARMLESS + BANNERS)
def test_a_look_alike_a_name_or_a_banner_is_left_byte_for_byte(text: str) -> None:
    assert_left_alone(PROCURVE, text)


def test_a_real_configuration_loses_its_secrets_and_nothing_else() -> None:
    # the one line dropped: `Running configuration:`
    assert_sample_loses_its_secrets(PROCURVE, "procurve_access_switch.cfg", 1)


# A credential as the switch shows it: quoted, anything printable but a quote or a backslash.
VALUES = st.text(
    st.characters(min_codepoint=32, max_codepoint=126, blacklist_characters='"\\'),
    min_size=1,
    max_size=40,
)
TEMPLATES = [
    'password manager user-name "admin" plaintext "{}"',
    'radius-server host 10.1.1.1 key "{}"',
    'tacacs-server host 10.1.1.2 encrypted-key "{}"',
    'snmp-server community "{}" operator unrestricted',
    'snmp-server host 10.1.1.3 community "{}" trap-level all',
    'key-chain "K" key 1 key-string "{}"',
    'snmpv3 user "u" auth sha "{}" \\',
]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(TEMPLATES), VALUES)
def test_any_value_in_a_secret_form_is_hidden_and_the_line_kept(template: str, value: str) -> None:
    assert_template_hides(PROCURVE, template, value)


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(
        ["Running configuration:", "Startup configuration: 1", "Startup configuration: 3"]
    ),
    st.sampled_from(["\n", "\r\n"]),
    st.lists(st.sampled_from(["", "   "]), min_size=0, max_size=3),
)
def test_two_reads_of_an_unchanged_switch_normalise_to_the_same_bytes(
    title: str, newline: str, trailing: list[str]
) -> None:
    body = ["; J9727A Configuration Editor; Created on release #WB.16.10.0012", 'hostname "sw-1"']
    body += ["vlan 10", '   name "MGMT"', "   exit"]
    read = newline.join([title, "", *body, *trailing])

    normalised = normalise(PROCURVE, read)

    assert normalised.text == "\n".join(body) + "\n"
