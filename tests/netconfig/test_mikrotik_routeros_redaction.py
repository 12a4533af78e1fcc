"""RouterOS redaction and normalisation, in the terse export exitkit reads and the wrapped one
people paste: every secret property hides exactly its value (names, profiles, algorithms and
public keys stay), the login note and comments stay, and the export's time stamp is volatile."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exitkit.netconfig.normalise import normalise
from exitkit.netconfig.redact import REDACTED, redact
from tests.netconfig.redaction_cases import (
    CONFIGS,
    assert_secrets_gone_and_lines_kept,
    redacted_form,
)

FORMS = [
    "/ppp secret add name=vpn-anna password=«Ppp-Anna-77» profile=default-encryption",
    '/interface pppoe-client add interface=ether1 name=isp password="«isp pass»" user=b@isp',
    "/interface l2tp-client add connect-to=203.0.113.7 ipsec-secret=«L2tp-7Qx» name=l2tp",
    "/interface wireless security-profiles add name=corp wpa2-pre-shared-key=«W1f1-Key!»",
    "/interface wireless security-profiles add name=old wpa-pre-shared-key=«Wpa1-Key»",
    '/interface wifi security add name=guest passphrase="«guest wifi 2024»"',
    '/interface wireguard add listen-port=13231 name=wg0 private-key="«yAnz5TF+lXXJte14=»"',
    '/interface wireguard peers add interface=wg0 preshared-key="«FpCy+zQVR=»" public-key="hQ2k="',
    '/ip ipsec identity add peer=hq secret="«ike secret»"',
    "/ip ipsec peer add address=198.51.100.20/32 name=hq secret=«V6-Ike-Psk»",
    "/radius add address=10.0.10.12 secret=«Rad1us-Sec!» service=ppp,login",
    "/routing bgp connection add as=65012 name=to-hq tcp-md5-key=«Bgp-Md5»",
    "/routing bgp peer add name=isp remote-as=64500 tcp-md5-key=«V6-Bgp»",
    "/routing ospf interface-template add area=backbone auth=md5 auth-id=1 auth-key=«0spf»",
    "/routing ospf interface add authentication-key=«V6-0spf» authentication=md5 interface=e1",
    "/snmp community set [ find default=yes ] name=«Br12-R0»",
    "/snmp community add addresses=10.0.10.20/32 name=«public-ro» security=none",
    "/snmp community add addresses=10.0.10.20/32 name=monitor12 security=private"
    " authentication-password=«SnmpAuth» encryption-password=«SnmpPriv»",
    "/snmp set contact=noc@corp.example enabled=yes trap-community=«Tr4p»",
    "/tool e-mail set server=smtp.corp.example user=router password=«Mail-Pw»",
    "/tool romon set enabled=yes secrets=«Romon-1»",
    "/interface vrrp add interface=bridge name=vrrp1 authentication=ah password=«Vrrp»",
    '/system script add name=b source="/tool fetch url=\\"ftp://backup:«Ftp-Pw»@10.0.10.30/\\""',
    "/ip hotspot user add name=guest password=«Hs-Pw»",
    '/system script add name=f source="/tool fetch user=bk password=\\"«Sc-Pw 1»\\" url=x"',
    '/ppp secret add comment="Anna, laptop; key=none" name=anna password=«Anna-Pw»',
    "set [ find default=yes ] name=«Br12-R0»",
    "add addresses=10.0.10.20/32 name=«mon» read-access=yes",
    "add connect-to=203.0.113.7 name=l2tp password=«L2tpUs3r!pw» \\\n    user=branch-12",
    "set from=router@corp.example server=smtp.corp.example password=\\\n    «Mail-Pw-12»",
    "add addresses=10.0.10.0/24 \\\n    name=«Ro-C0mm» write-access=no",
]

NOT_SECRETS = [
    # an entry that requires v3 security names a v3 user, not a community
    "/snmp community add addresses=10.0.10.20/32 name=monitor12 security=private",
    "add addresses=10.0.10.20/32 authentication-protocol=SHA1 \\\n"
    "    encryption-protocol=AES name=monitor12 security=private",
    "/ppp secret add name=key-holder profile=default-encryption service=l2tp",
    '/interface wireguard peers add interface=wg0 public-key="hQ2kVn7cWm0Xr1Lb9Y4="',
    '/ip firewall filter add action=drop chain=input comment="password spraying; secret=x"',
    "/interface bridge add name=secret-lan",
    "/interface wifi add configuration=c name=wifi1 security=sec1",
    "/system identity set name=rtr-password-vault",
    "/user add group=full name=netops",
    "/user group add name=key-admins policy=read,write,sensitive",
    "/ip ipsec proposal add auth-algorithms=sha256 enc-algorithms=aes-256-cbc name=p1",
    '/system note set note="Authorised only. password=not-a-secret; key=no" show-at-login=yes',
    "# password=shown-in-a-comment",
    'add name=bridge-lan comment="key switches"',
    'add allowed-address=10.0.0.0/16 interface=wg-hq public-key=\\\n    "hQ2kVn7cWm0Xr1Lb9Y4="',
]


@pytest.mark.parametrize("marked", FORMS)
def test_each_form_hides_its_value_and_only_it(marked: str) -> None:
    assert redacted_form("mikrotik_routeros", marked).count == marked.count("«")


@pytest.mark.parametrize("line", NOT_SECRETS)
def test_look_alikes_and_prose_stay_byte_for_byte(line: str) -> None:
    assert redact("mikrotik_routeros", line).text == line


def test_a_real_export_keeps_no_secret_and_every_other_line() -> None:
    source = (CONFIGS / "routeros_branch_rb5009.rsc").read_text()
    secrets = (CONFIGS / "routeros_branch_rb5009.rsc.secrets").read_text().splitlines()
    clean = redact("mikrotik_routeros", source).text
    assert_secrets_gone_and_lines_kept(source, clean, secrets)
    normalised = normalise("mikrotik_routeros", source)
    assert normalised.dropped == 1 and not normalised.text.startswith("# 2024-11-18")


KEY = st.sampled_from(
    [
        "password",
        "secret",
        "ipsec-secret",
        "wpa2-pre-shared-key",
        "passphrase",
        "auth-key",
        "tcp-md5-key",
        "private-key",
        "preshared-key",
        "trap-community",
        "authentication-password",
    ]
)
WORD = st.text(
    alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!@%+-_.,/:",
    min_size=1,
    max_size=40,
)
OTHER = st.lists(
    st.builds(
        lambda k, v: f"{k}={v}",
        st.sampled_from(
            ["name", "comment", "interface", "disabled", "profile", "user", "public-key"]
        ),
        st.text(alphabet="abcdefghij0123456789-.", min_size=1, max_size=12),
    ),
    max_size=4,
)


@settings(max_examples=80, deadline=None)
@given(key=KEY, value=WORD, quoted=st.booleans(), before=OTHER, after=OTHER)
def test_a_secret_property_of_any_spelling_hides_only_its_value(
    key: str, value: str, quoted: bool, before: list[str], after: list[str]
) -> None:
    shown = f'"{value}"' if quoted else value
    masked = f'"{REDACTED}"' if quoted else REDACTED
    line = " ".join(["/interface x add", *before, f"{key}={shown}", *after])
    expected = " ".join(["/interface x add", *before, f"{key}={masked}", *after])
    assert redact("mikrotik_routeros", line).text == expected


@settings(max_examples=60, deadline=None)
@given(
    body=st.lists(
        st.builds(lambda p: " ".join(["/ip address add", *p]), OTHER), min_size=1, max_size=8
    ),
    stamp=st.datetimes(),
    version=st.sampled_from(["7.16.1", "7.12 (stable)", "6.49.10 (long-term)"]),
)
def test_only_the_time_stamp_goes_and_the_export_is_otherwise_kept(
    body: list[str], stamp: object, version: str
) -> None:
    text = "\n".join(body) + "\n"
    assert redact("mikrotik_routeros", text).text == text
    header = f"# {stamp:%Y-%m-%d %H:%M:%S} by RouterOS {version}\n# software id = 7KQ2-XW3M\n"
    assert (
        normalise("mikrotik_routeros", header + text).text == "# software id = 7KQ2-XW3M\n" + text
    )
