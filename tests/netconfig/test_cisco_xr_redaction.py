"""Cisco IOS-XR redaction and normalisation: every secret form hides its value and only it (the
`encrypted`/`clear`/type markers, key ids, algorithms and keychain names stay); look-alikes,
descriptions and banners stay byte for byte; the lines stamped with the time of the read go."""

from __future__ import annotations

import datetime as dt
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

XR = "cisco_xr"
CONFIGS = Path(__file__).parent / "configs"

FORMS = [
    "username netadmin\n secret 10 «$6$kUk4U0Kx7wZ3Ew0.$GtnYIuxG1ZYtjf3vXfkCXYxy»",
    "username backup\n secret 5 «$1$d7cN$V5pVX.BP8y2uSyHBQ1VpR/»",
    "username ro\n secret 8 «$8$7Jx1XvQ3KIJq6U$8aG0lLZ3MyoW0t9D6qdTHDdC»",
    "username ro\n secret 9 «$9$nhEmQVczB7dqsO$X.HsgL6x1il0RxkOSSvyQY»",
    "username legacy\n password 7 «094F471A1A0A»",
    "line console\n password 7 «1306181D0A1F0D»",
    "aaa group server tacacs+ TACACS-GRP\n server-private 10.20.0.22 port 49\n  key 7 «0110»",
    "tacacs-server host 10.20.0.23 port 49\n key 7 «14141B180F0B7B7977»",
    "radius-server host 10.20.0.21 auth-port 1812 acct-port 1813\n key 7 «1511021F07»",
    "tacacs-server key 7 «0508571C22431F5B4A»",
    "radius-server key «RadiusClear»",
    "tacacs-server host 10.1.1.1 port 49 key 7 «0508571C22»",
    "aaa server radius dynamic-author\n client 10.20.0.21 vrf MGMT\n  server-key 7 «070C285F»",
    "snmp-server community «Ro-Comm-Pe1» RO SystemOwner MGMT-ONLY",
    "snmp-server community encrypted «0835495D1D0A00» RW SDROwner",
    "snmp-server community clear «Rw-Clear» RW",
    "snmp-server community-map «Ro-Comm-Pe1» target-list VRF-MGMT",
    "snmp-server host 10.20.0.16 traps version 2c «Trap-Comm-Pe1»",
    "snmp-server host 10.20.0.18 traps encrypted «110A1016141D5A5E57» udp-port 1162",
    "snmp-server host 10.20.0.19 informs version 2c clear «Inform-Comm»",
    "snmp-server vrf MGMT\n host 10.20.0.15 traps version 2c encrypted «110A1016141D5A5E57»",
    "snmp-server user nms NMS-V3 v3 auth sha encrypted «06520A32104B1B4C» priv aes 128 "
    "encrypted «13061E010803557878» SystemOwner",
    "snmp-server user nms2 G v3 auth md5 clear «SnmpAuthClear» priv des56 clear «SnmpPriv»",
    "ntp\n authentication-key 1 md5 encrypted «060506324F41584B56»",
    "ntp\n authentication-key 2 md5 clear «NtpClearKey2»",
    "key chain ISIS-KC\n key 1\n  key-string password «02050D4808095E731F»",
    "key chain ISIS-KC\n key 2\n  key-string clear «IsisKcClear2»",
    "key chain MACSEC\n key 0100\n  key-string password «0822455D0A16» cryptographic-algorithm "
    "aes-256-cmac",
    "interface GigabitEthernet0/0/0/5\n ppp pap sent-username pe1 password encrypted «13061E»",
    "interface GigabitEthernet0/0/0/5\n ppp chap password encrypted «02050D480809»",
    "router ospf CORE\n area 0\n  message-digest-key 1 md5 encrypted «0822455D0A16»",
    "router ospf CORE\n area 0\n  interface Hu0/0/0/0\n   authentication-key encrypted «104D»",
    "router isis CORE\n lsp-password hmac-md5 encrypted «045802150C2E1D1C5A» level 2",
    "router isis CORE\n lsp-password text clear «IsisLspText»",
    "router isis CORE\n interface Loopback0\n  hello-password hmac-md5 encrypted «121A0C» level 2",
    "router bgp 65000\n neighbor-group RR\n  password encrypted «110A1016141D»",
    "router bgp 65000\n neighbor 203.0.113.1\n  password clear «Bgp-Isp-Md5»",
    "mpls ldp\n neighbor\n  password encrypted «01100F175804»",
    "mpls ldp\n neighbor 10.255.1.2:0 password encrypted «0822455D0A16»",
    "router hsrp\n interface Hu0/0/0/1\n  address-family ipv4\n   hsrp 10\n    authentication «Hs»",
    "router vrrp\n interface Hu0/0/0/1\n  address-family ipv4\n   vrrp 20\n    text-authentication «V»",
    "crypto ikev2 keyring KR\n peer BRANCH\n  pre-shared-key password «0822455D0A16»",
    "crypto ikev2 keyring KR\n peer BRANCH\n  pre-shared-key local clear «LocalPsk»",
]
HARMLESS = [
    "router bgp 65000\n neighbor 10.255.1.2\n  password inheritance-disable",
    "router isis CORE\n interface Hu0/0/0/0\n  hello-password keychain ISIS-KC",
    "router isis CORE\n lsp-password keychain ISIS-KC level 2",
    "key chain ISIS-KC\n key 1\n  cryptographic-algorithm HMAC-MD5",
    "ntp\n trusted-key 1\n server vrf MGMT 10.20.0.123 key 1 prefer",
    "snmp-server host 10.20.0.17 traps version 3 priv nms-poller",
    "snmp-server host 10.20.0.17 informs version 3 auth nms-auth",
    "snmp-server location Paris DC2 - the key cabinet, row 3",
    "snmp-server group NMS-V3 v3 priv read ALL",
    "aaa password-policy STRONG\n min-length 12",
    "router ospf CORE\n area 0\n  authentication message-digest keychain OSPF-KC",
    "interface Loopback0\n description Router-ID; key: password 7 in vault",
    "ipv4 access-list MGMT-ONLY\n 10 remark NOC jump hosts (password vault subnet)",
    "!! IOS XR Configuration 7.3.2",
    "router hsrp\n interface Hu0/0/0/1\n  address-family ipv4\n   hsrp 10\n    priority 110",
    "router ospf CORE\n area 0\n  interface Hu0/0/0/0\n   authentication message-digest",
]
BANNERS = [
    "banner motd ^C\nsecret 10 $6$ab$cd and the password 7 0822455D0A16\n^C",
    "banner login ;key 7 0822455D0A16 snmp-server community public;",
    "banner exec #\nusername admin\n password 7 0822455D0A16\n#",
]


@pytest.mark.parametrize("marked", FORMS)
def test_each_secret_form_hides_its_value_and_only_it(marked: str) -> None:
    assert_form_hides_its_value(XR, marked)


@pytest.mark.parametrize("text", HARMLESS + BANNERS)
def test_a_look_alike_or_a_banner_is_left_byte_for_byte(text: str) -> None:
    assert_left_alone(XR, text)


def test_the_line_after_a_banner_is_redacted_again() -> None:
    text = "banner motd ^C\nkey 7 in prose\n^C\ntacacs-server key 7 0508571C22431F5B4A"
    assert redact(XR, text).text.splitlines()[-1] == f"tacacs-server key 7 {REDACTED}"


def test_a_real_configuration_loses_its_secrets_and_nothing_else() -> None:
    source = (CONFIGS / "iosxr_pe_router.cfg").read_text()
    secrets = (CONFIGS / "iosxr_pe_router.cfg.secrets").read_text().splitlines()
    normalised = normalise(XR, source)

    redacted = redact(XR, normalised.text)

    assert normalised.dropped == 3  # the time of the read, `Building...`, `Last ... change`
    assert normalised.text.startswith("!! IOS XR Configuration 7.3.2\n")
    assert [s for s in secrets if s in redacted.text] == []
    assert redacted.count == 36  # two values appear twice
    assert_only_values_changed(normalised.text, redacted.text)


TEMPLATES = [
    "username u\n secret 10 {}",
    "tacacs-server host 10.0.0.1 port 49\n key 7 {}",
    "snmp-server community {} RO",
    "snmp-server host 10.0.0.2 traps version 2c {}",
    "ntp\n authentication-key 9 md5 clear {}",
    "key chain K\n key 1\n  key-string clear {}",
    "router bgp 1\n neighbor 10.0.0.3\n  password encrypted {}",
    "router isis X\n lsp-password hmac-md5 encrypted {} level 2",
]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(TEMPLATES), VALUES)
def test_any_value_in_a_secret_form_is_hidden_and_the_line_kept(template: str, value: str) -> None:
    assert redact(XR, template.format(value)).text == template.format(REDACTED)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.datetimes(),
            st.sampled_from(["UTC", "CET", "EST"]),
            st.sampled_from(["netops", "admin"]),
            st.sampled_from(["\n", "\r\n"]),
        ),
        min_size=2,
        max_size=2,
    )
)
def test_two_reads_of_an_unchanged_router_normalise_to_the_same_bytes(
    reads: list[tuple[dt.datetime, str, str, str]],
) -> None:
    body = [
        "!! IOS XR Configuration 7.5.2",
        "!",
        "hostname pe-1",
        "interface Loopback0",
        "!",
        "end",
    ]
    texts = []
    for when, zone, user, newline in reads:
        head = [
            f"{when:%a %b} {when.day:>2} {when:%H:%M:%S}.{when.microsecond // 1000:03d} {zone}",
            "Building configuration...",
        ]
        changed = f"!! Last configuration change at {when:%a %b %d %H:%M:%S %Y} by {user}"
        texts.append(newline.join([*head, body[0], changed, *body[1:]]))
    first, second = (normalise(XR, text).text for text in texts)
    assert first == second == "\n".join(body) + "\n"
