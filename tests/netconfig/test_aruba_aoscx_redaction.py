"""Aruba AOS-CX redaction and normalisation: every `ciphertext`/`plaintext` secret and every SNMP
community hides its value and only it; key ids, algorithm names, user names, VRF names, public
keys, certificates, descriptions and banners stay byte for byte; the read's header goes."""

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

AOSCX = "aruba_aoscx"
CT = "AQBapUfaKi9Pc1+MWmxYjvQpSJuEiVSjHvg4OMu4SINBcxokYgAAAGJ9fSOu/Atoh6tbTZj6uzfR8EI="

# «...» marks the secret value; the rest of the text must come out unchanged.
FORMS = [
    f"user admin group administrators password ciphertext «{CT}»",
    "user admin group administrators password plaintext «Typed-Pw-1»",
    f"ntp authentication-key 1 md5 ciphertext «{CT}» trusted",
    "ntp authentication-key 2 sha256 plaintext «Ntp-Typed»",
    f"radius-server host 10.0.10.21 key ciphertext «{CT}» vrf mgmt",
    f"radius-server host 10.0.10.22 port 1812 acct-port 1813 key ciphertext «{CT}» vrf mgmt",
    f"radius-server key ciphertext «{CT}»",
    f"radius dyn-authorization client 10.0.10.21 secret-key ciphertext «{CT}» vrf mgmt",
    f"tacacs-server host 10.0.10.11 key ciphertext «{CT}» vrf mgmt",
    "tacacs-server host 10.0.10.12 key plaintext «Tacacs-Typed» vrf mgmt",
    f"tacacs-server key ciphertext «{CT}»",
    f"ldap-server host 10.0.10.31 bind-password ciphertext «{CT}» vrf mgmt",
    "snmp-server community «Ro-Comm»",
    "snmp-server community «Rw-Comm»\n    access-level rw",
    "snmp-server host 10.0.10.20 trap version v2c community «Trap-Comm» vrf mgmt",
    "snmp-server host 10.0.10.25 inform version v2c community «Inform» port 162 vrf mgmt",
    f"snmpv3 user nms auth sha auth-pass ciphertext «{CT}» priv aes priv-pass ciphertext «{CT}»",
    "snmpv3 user old auth md5 auth-pass plaintext «Md5-Pw» priv des priv-pass plaintext «Des-Pw»",
    f"macsec policy DCI\n    mka pre-shared-key ckn 0123abcd cak ciphertext «{CT}»",
    f"interface 1/1/49\n    ip ospf message-digest-key 1 md5 ciphertext «{CT}»",
    f"interface vlan 10\n    ip ospf authentication-key ciphertext «{CT}»",
    f"router ospf 1\n    area 0.0.0.1 virtual-link 10.0.0.2 authentication-key ciphertext «{CT}»",
    f"router bgp 65010\n    neighbor 203.0.113.0 password ciphertext «{CT}»",
    "router bgp 65010\n    neighbor 203.0.113.0 password plaintext «Bgp-Typed-Pw»",
]
HARMLESS = [
    "user admin group administrators",
    "user admin authorized-key ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHq7Yb2f8 admin@jump",
    "ntp authentication",
    "ntp server 10.0.10.1 key 1 iburst prefer",
    "snmp-server host 10.0.10.26 trap version v3 user nms-poller vrf mgmt",
    "snmp-server system-location DC1 hall B (key cabinet 3, plaintext list)",
    "snmp-server system-contact noc@corp.example - community questions to security@",
    "aaa group server tacacs TACACS-CORP\n    server 10.0.10.11 vrf mgmt",
    "interface 1/1/1\n    description keys kept as ciphertext AQBap elsewhere",
    "interface vlan 10\n    ip ospf authentication message-digest",
    "router bgp 65010\n    neighbor 203.0.113.0 description ISP-A, password set per contract",
    "vlan 20\n    name USERS password reset portal",
    "!export-password: default",
    "!Version ArubaOS-CX GL.10.10.1030",
    "crypto pki ta-profile CORP-ROOT\n    ta-certificate\n-----BEGIN CERTIFICATE-----\n"
    "MIIBszCCAVmgAwIBAgIUJq6e0cQbPqBZ8h8oQm9mZ1r0u3cwCgYIKoZIzj0EAwIw\n"
    "-----END CERTIFICATE-----\n    END_OF_CERTIFICATE",
]
BANNERS = [
    "banner motd !\nAuthorised access only. radius-server key ciphertext AQBap is no key.\n!",
    "banner exec ^\nsnmp-server community public\n^",
]


@pytest.mark.parametrize("marked", FORMS)
def test_each_secret_form_hides_its_value_and_only_it(marked: str) -> None:
    assert_form_hides_its_value(AOSCX, marked)


@pytest.mark.parametrize("text", HARMLESS + BANNERS)
def test_a_look_alike_a_description_or_a_banner_is_left_byte_for_byte(text: str) -> None:
    assert_left_alone(AOSCX, text)


def test_a_real_configuration_loses_its_secrets_and_nothing_else() -> None:
    # the one line dropped: `Current configuration:`
    assert_sample_loses_its_secrets(AOSCX, "aoscx_core_switch.cfg", 1)


# A stored secret is base64 (`ciphertext`); a typed one any word without blanks or quotes.
VALUES = st.text(
    st.characters(min_codepoint=33, max_codepoint=126, blacklist_characters='"'),
    min_size=1,
    max_size=60,
)
TEMPLATES = [
    "user u1 group administrators password ciphertext {}",
    "radius-server host 10.1.1.1 key ciphertext {} vrf mgmt",
    "tacacs-server host 10.1.1.2 key plaintext {}",
    "snmp-server community {}",
    "snmp-server host 10.1.1.3 trap version v2c community {} vrf mgmt",
    "snmpv3 user u auth sha auth-pass ciphertext {0} priv aes priv-pass ciphertext {0}",
]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(TEMPLATES), VALUES)
def test_any_value_in_a_secret_form_is_hidden_and_the_line_kept(template: str, value: str) -> None:
    assert_template_hides(AOSCX, template, value)


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(["Current configuration:", "Startup configuration:"]),
    st.sampled_from(["\n", "\r\n"]),
    st.lists(st.sampled_from(["", "    "]), min_size=0, max_size=3),
)
def test_two_reads_of_an_unchanged_switch_normalise_to_the_same_bytes(
    title: str, newline: str, trailing: list[str]
) -> None:
    body = ["!", "!Version ArubaOS-CX FL.10.10.1010", "!export-password: default"]
    body += ["hostname sw-1", "interface 1/1/1", "    no shutdown"]
    read = newline.join([title, *body, *trailing])

    normalised = normalise(AOSCX, read)

    assert normalised.text == "\n".join(body) + "\n"
