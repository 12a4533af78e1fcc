"""Huawei VRP redaction and normalisation: every `cipher`, `irreversible-cipher`, `simple` and
`plain` value and every encrypted form (`%^%#...%^%#`, `%@%@...%@%@`, `%$%$...%$%$`, `$1c$...$`)
hides its value and only it; algorithm lists, key ids, user names and header texts stay byte for
byte; the lines saying when the configuration last changed go."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exitkit.netconfig.normalise import normalise
from exitkit.netconfig.platform import hostname_in
from exitkit.netconfig.platforms import platforms
from exitkit.netconfig.redact import REDACTED, redact
from tests.netconfig.redaction_cases import (
    VALUES,
    assert_form_hides_its_value,
    assert_left_alone,
    assert_only_values_changed,
)

VRP = "huawei_vrp"
CONFIGS = Path(__file__).parent / "configs"
C1 = "%^%#4Sl*Ba\"=PK(m;W@b'YfQ8+iS~&$x.-N_nB5T`N|Y%^%#"
C2 = "%@%@r=]X;0`'tK4T!h&7A$Ap6{)@Y8sd3S:Jz~3dD,x>%@%@"
C3 = "%$%$xP0.2k;R=9L@z`+bQh]!3Ws7G,Y&vN'cE%$%$"
IRREVERSIBLE = "$1c$p/q9DO]v>&$gQ*sI\\y7{8h-Y;fWb+Ia2*YPd@fB!o'k=V%7!X$"

FORMS = [
    f"hwtacacs-server template T\n hwtacacs-server shared-key cipher «{C1}»",
    f"radius-server template R\n radius-server shared-key cipher «{C1}»",
    f"aaa\n local-user netadmin password irreversible-cipher «{IRREVERSIBLE}»",
    f"aaa\n local-user backup password cipher «{C2}»",
    "aaa\n local-user legacy password simple «LegacyPlain-2019»",
    f" local-user admin password cipher «{C3}» old-password cipher «{C1}»",
    f"interface Vlanif10\n vrrp vrid 10 authentication-mode md5 «{C1}»",
    "interface Vlanif10\n vrrp vrid 11 authentication-mode md5 «VrrpMd5Plain»",
    f"interface Vlanif20\n vrrp vrid 20 authentication-mode simple cipher «{C1}»",
    "interface Vlanif20\n vrrp vrid 21 authentication-mode simple «VrrpTxt»",
    f"interface Gi0/0/0\n ospf authentication-mode md5 1 cipher «{C1}»",
    "interface Gi0/0/1\n ospf authentication-mode hmac-sha256 2 plain «OspfPlain256»",
    f"interface Gi0/0/2\n ospf authentication-mode simple cipher «{C1}»",
    "interface Gi0/0/2\n ospf authentication-mode simple plain «OspfSimplePlain»",
    f"interface Gi0/0/1\n isis authentication-mode md5 cipher «{C1}»",
    "interface Cellular0/0/0\n pin verify auto «4711»",
    f"l2tp-group 1\n tunnel password cipher «{C1}»",
    f"interface Dialer1\n ppp chap password cipher «{C1}»",
    f"interface Dialer1\n ppp pap local-user isp-user password cipher «{C1}»",
    f"bgp 65020\n peer 203.0.113.17 password cipher «{C1}»",
    "bgp 65020\n peer 10.255.20.2 password simple «BgpIbgpPlain»",
    f"ospf 1\n area 0.0.0.0\n  authentication-mode md5 1 cipher «{C1}»",
    f"isis 1\n area-authentication-mode md5 cipher «{C1}»",
    f"isis 1\n domain-authentication-mode hmac-sha256 key-id 5 cipher «{C1}»",
    f"ike peer LYON\n pre-shared-key cipher «{C1}»",
    "ike peer LEGACY\n pre-shared-key simple «LegacyIkePsk»",
    "ike peer OLDER\n pre-shared-key «OlderIkePsk»",
    f"wlan\n security-profile name C\n  security wpa2 psk pass-phrase «{C1}» aes",
    "wlan\n security-profile name G\n  security wpa-wpa2 psk pass-phrase «GuestPass1» aes-tkip",
    f"snmp-agent community read cipher «{C1}» acl 2000",
    "snmp-agent community write «Rw-Plain-Old»",
    f"snmp-agent target-host trap address udp-domain 10.2.0.15 params securityname cipher «{C1}» "
    "v2c",
    "snmp-agent target-host trap address udp-domain 10.2.0.16 params securityname «TrapOld» v2c",
    f"snmp-agent usm-user v3 nms authentication-mode sha cipher «{C1}»",
    f"snmp-agent usm-user v3 nms privacy-mode aes128 cipher «{C1}»",
    f"ntp-service authentication-keyid 1 authentication-mode md5 cipher «{C1}»",
    f"ntp-service authentication-keyid 2 authentication-mode hmac-sha256 cipher «{C3}»",
    f"user-interface con 0\n set authentication password cipher «{C1}»",
    f"super password level 15 cipher «{C1}»",
    f"dot1x-access-profile name d1\n a-command-this-table-does-not-know «{C1}»",
]
HARMLESS = [
    " ssh server cipher aes256_ctr aes128_ctr",
    "ssh client cipher aes256_ctr",
    " undo ssh server cipher des_cbc 3des_cbc",
    "ssl policy default_policy type server\n ciphersuite ecdhe_rsa_aes128_gcm_sha256",
    "ospf 1\n area 0.0.0.1\n  authentication-mode keychain OSPF-KC",
    "snmp-agent target-host trap address udp-domain 10.2.0.17 params securityname nms v3 privacy",
    "snmp-agent usm-user v3 nms-poller group NMS",
    "snmp-agent sys-info location Paris DC2, key cabinet row 3 (cipher lock)",
    "interface Vlanif10\n description Users (password simple reset portal, cipher X)",
    "ike proposal 10\n authentication-method pre-share",
    "ntp-service reliable authentication-keyid 1",
    "aaa\n local-user netadmin privilege level 15",
    "user-interface con 0\n authentication-mode password",
    "!Software Version V200R019C10SPC500",
    "acl number 3000\n rule 5 remark password simple servers\n rule 10 permit ip",
]
BANNERS = [
    'header login information "Authorized access only.\nEvery key, password and cipher use."',
    ' header shell information "local-user a password cipher %^%#x%^%# is prose"',
    "header login information #community read cipher public#",
]


@pytest.mark.parametrize("marked", FORMS)
def test_each_secret_form_hides_its_value_and_only_it(marked: str) -> None:
    assert_form_hides_its_value(VRP, marked)


@pytest.mark.parametrize("text", HARMLESS + BANNERS)
def test_a_look_alike_or_a_header_is_left_byte_for_byte(text: str) -> None:
    assert_left_alone(VRP, text)


def test_the_line_after_a_header_is_redacted_again() -> None:
    text = f'header login information "cipher in prose"\nsuper password level 15 cipher {C1}'
    assert redact(VRP, text).text.splitlines()[-1] == f"super password level 15 cipher {REDACTED}"


def test_a_real_configuration_loses_its_secrets_and_nothing_else() -> None:
    source = (CONFIGS / "vrp_campus_router.cfg").read_text()
    secrets = (CONFIGS / "vrp_campus_router.cfg.secrets").read_text().splitlines()
    normalised = normalise(VRP, source)

    redacted = redact(VRP, normalised.text)

    assert normalised.dropped == 2  # last updated, last saved
    assert hostname_in(platforms()[VRP], normalised.text) == "ar-par-01"  # ` sysname ar-par-01`
    assert [s for s in secrets if s in redacted.text] == []
    assert redacted.count == len(secrets)
    assert_only_values_changed(normalised.text, redacted.text)


# A cipher text: printable, no blank, never its own closing delimiter.
CIPHER_TEXT = st.text(st.characters(min_codepoint=33, max_codepoint=126), min_size=1, max_size=60)
TEMPLATES = [
    "hwtacacs-server template T\n hwtacacs-server shared-key cipher {}",
    "aaa\n local-user u1 password irreversible-cipher {}",
    "bgp 1\n peer 10.0.0.1 password simple {}",
    "interface Gi0/0/1\n ospf authentication-mode md5 3 cipher {}",
    "snmp-agent community read cipher {} acl 2000",
    "ntp-service authentication-keyid 4 authentication-mode hmac-sha256 cipher {}",
]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(TEMPLATES), VALUES)
def test_any_clear_value_is_hidden_and_the_line_kept(template: str, value: str) -> None:
    assert redact(VRP, template.format(value)).text == template.format(REDACTED)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["%^%#", "%@%@", "%$%$", "%#%#"]), CIPHER_TEXT, st.sampled_from(TEMPLATES))
def test_any_encrypted_value_is_hidden_wherever_it_is(
    delimiter: str, text: str, template: str
) -> None:
    value = delimiter + text.replace(delimiter, "") + delimiter
    assert redact(VRP, template.format(value)).text == template.format(REDACTED)
    assert redact(VRP, f"some-command {value} level 2").text == f"some-command {REDACTED} level 2"


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.datetimes(), st.sampled_from(["+00:00", "+08:00", "-05:00"])),
        min_size=2,
        max_size=2,
    ),
    st.sampled_from(["\n", "\r\n"]),
)
def test_two_reads_of_an_unchanged_device_normalise_to_the_same_bytes(
    reads: list[tuple[dt.datetime, str]], newline: str
) -> None:
    body = ["!Software Version V200R019C10SPC500", "#", "sysname ar-1", "#", "return"]
    texts = []
    for when, zone in reads:
        stamp = f"{when:%Y-%m-%d %H:%M:%S}{zone}"
        head = [
            f"!Last configuration was updated at {stamp} by netops",
            f"!Last configuration was saved at {stamp}",
        ]
        texts.append(newline.join([body[0], *head, *body[1:]]))
    first, second = (normalise(VRP, text).text for text in texts)
    assert first == second == "\n".join(body) + "\n"
