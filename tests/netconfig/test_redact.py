"""Secret redaction: every secret form of every platform is replaced, the line and the rest of
the configuration are kept, and no generated secret of any format survives."""

from __future__ import annotations

import string

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from exitkit.netconfig.normalise import normalise
from exitkit.netconfig.redact import REDACTED, redact
from exitkit.sandbox.devices import PLATFORMS
from exitkit.sandbox.devices.default_configs import starting_config

CRYPT = string.ascii_letters + string.digits + "./"
JUNOS9 = string.ascii_letters + string.digits + "-./"
HEX = "0123456789abcdef"
PLAIN = "".join(c for c in string.printable if c not in string.whitespace + '"\\')


def _chars(alphabet: str, low: int, high: int | None = None) -> st.SearchStrategy[str]:
    return st.text(st.sampled_from(alphabet), min_size=low, max_size=high or low)


SECRETS: dict[str, st.SearchStrategy[str]] = {
    "plain": _chars(PLAIN, 4, 32),
    "phrase": st.lists(_chars(PLAIN, 3, 12), min_size=2, max_size=4).map(" ".join),
    "type7": st.builds(
        lambda seed, body: f"{seed:02d}{body}",
        st.integers(0, 15),
        _chars("0123456789ABCDEF", 8, 40).filter(lambda b: len(b) % 2 == 0),
    ),
    "md5": st.builds(lambda a, b: f"$1${a}${b}", _chars(CRYPT, 4, 8), _chars(CRYPT, 22)),
    "sha256": st.builds(lambda a, b: f"$5${a}${b}", _chars(CRYPT, 8, 16), _chars(CRYPT, 43)),
    "sha512": st.builds(lambda a, b: f"$6${a}${b}", _chars(CRYPT, 8, 16), _chars(CRYPT, 86)),
    "type8": st.builds(lambda a, b: f"$8${a}${b}", _chars(CRYPT, 14), _chars(CRYPT, 43)),
    "scrypt": st.builds(lambda a, b: f"$9${a}${b}", _chars(CRYPT, 14), _chars(CRYPT, 43)),
    "junos9": st.builds(lambda b: f"$9${b}", _chars(JUNOS9, 12, 60)),
    "hex": st.builds(lambda b: f"0x{b}", _chars(HEX, 16, 40)),
    "barehex": _chars(HEX, 16, 32),
    "quoted": _chars(PLAIN.replace("'", "") + " ", 4, 30).map(lambda s: s.strip() or "x y"),
}

# (platform, configuration text with {s} where a secret goes, formats that fit there)
FORMS: list[tuple[str, str, tuple[str, ...]]] = [
    ("cisco_ios", "enable secret 5 {s}", ("md5",)),
    ("cisco_ios", "enable secret 9 {s}", ("scrypt",)),
    ("cisco_ios", "enable secret 8 {s}", ("type8",)),
    ("cisco_ios", "enable password 7 {s}", ("type7",)),
    ("cisco_ios", "enable password {s}", ("plain", "phrase")),
    ("cisco_ios", "username netops privilege 15 secret 9 {s}", ("scrypt",)),
    ("cisco_ios", "username backup privilege 15 password 7 {s}", ("type7",)),
    ("cisco_ios", "username backup password 0 {s}", ("plain", "phrase")),
    ("cisco_ios", "snmp-server community {s} RO MGMT", ("plain",)),
    ("cisco_ios", "snmp-server host 10.0.0.9 version 2c {s}", ("plain",)),
    ("cisco_ios", "snmp-server user mon g3 v3 auth sha {s} priv aes 128 {s}", ("plain",)),
    ("cisco_ios", "tacacs-server key 7 {s}", ("type7",)),
    ("cisco_ios", "tacacs-server host 10.0.10.11 key {s}", ("plain", "phrase")),
    ("cisco_ios", "tacacs server TAC1\n address ipv4 10.0.10.11\n key 7 {s}", ("type7",)),
    ("cisco_ios", "radius-server key 7 {s}", ("type7",)),
    ("cisco_ios", "crypto isakmp key {s} address 203.0.113.7", ("plain",)),
    ("cisco_ios", "crypto keyring KR\n pre-shared-key address 198.51.100.1 key {s}", ("plain",)),
    ("cisco_ios", "interface Gi0/0\n ip ospf message-digest-key 1 md5 7 {s}", ("type7",)),
    ("cisco_ios", "interface Gi0/0\n ip ospf authentication-key {s}", ("plain",)),
    ("cisco_ios", "interface Gi0/1\n standby 1 authentication {s}", ("plain",)),
    ("cisco_ios", "line vty 0 4\n password 7 {s}\n transport input ssh", ("type7",)),
    ("cisco_ios", "ntp authentication-key 1 md5 {s} 7", ("type7",)),
    ("cisco_ios", "router bgp 65000\n neighbor 10.0.0.1 password 7 {s}", ("type7", "phrase")),
    ("cisco_ios", "key chain OSPF\n key 1\n  key-string 7 {s}", ("type7", "phrase")),
    ("cisco_ios", "router isis\n area-password {s}\n domain-password {s}", ("plain",)),
    ("cisco_nxos", "username admin password 5 {s} role network-admin", ("sha256",)),
    ("cisco_nxos", 'tacacs-server key 7 "{s}"', ("type7", "quoted")),
    ("cisco_nxos", 'tacacs-server host 10.0.10.11 key 7 "{s}"', ("type7", "quoted")),
    ("cisco_nxos", 'radius-server key 7 "{s}"', ("type7", "quoted")),
    (
        "cisco_nxos",
        "snmp-server user admin network-admin auth md5 {s} priv {s} localizedkey",
        ("hex",),
    ),
    (
        "cisco_nxos",
        "snmp-server user ops network-operator auth sha {s} priv aes-128 {s} localizedkey",
        ("hex",),
    ),
    ("cisco_nxos", "snmp-server community {s} group network-operator", ("plain",)),
    ("cisco_nxos", "interface Ethernet1/1\n  ip ospf authentication-key 3 {s}", ("barehex",)),
    ("cisco_nxos", "router bgp 65000\n  neighbor 10.0.0.1\n    password 3 {s}", ("barehex",)),
    ("arista_eos", "username admin privilege 15 role network-admin secret sha512 {s}", ("sha512",)),
    ("arista_eos", "username ops secret 0 {s}", ("plain",)),
    ("arista_eos", "enable password sha512 {s}", ("sha512",)),
    ("arista_eos", "aaa root secret sha512 {s}", ("sha512",)),
    ("arista_eos", "snmp-server community {s} ro", ("plain",)),
    ("arista_eos", "tacacs-server key 7 {s}", ("type7",)),
    ("arista_eos", "interface Ethernet1\n   ip ospf authentication-key 7 {s}", ("type7",)),
    ("arista_eos", "router bgp 65001\n   neighbor 10.0.0.1 password 7 {s}", ("type7",)),
    (
        "juniper_junos",
        'set system root-authentication encrypted-password "{s}"',
        ("sha512", "md5"),
    ),
    (
        "juniper_junos",
        'set system login user ops authentication encrypted-password "{s}"',
        ("sha512",),
    ),
    ("juniper_junos", 'set system tacplus-server 10.0.10.11 secret "{s}"', ("junos9",)),
    ("juniper_junos", 'set system radius-server 10.0.10.12 secret "{s}"', ("junos9",)),
    (
        "juniper_junos",
        'set security ike policy p pre-shared-key ascii-text "{s}"',
        ("junos9",),
    ),
    ("juniper_junos", "set snmp community {s} authorization read-only", ("barehex",)),
    (
        "juniper_junos",
        'set protocols ospf area 0 interface ge-0/0/0.0 authentication md5 1 key "{s}"',
        ("junos9",),
    ),
    (
        "juniper_junos",
        'set protocols bgp group up neighbor 10.0.0.2 authentication-key "{s}"',
        ("junos9",),
    ),
    (
        "juniper_junos",
        'system {\n    root-authentication {\n        encrypted-password "{s}"; ## SECRET-DATA\n'
        "    }\n}",
        ("sha512",),
    ),
    (
        "juniper_junos",
        "system {\n    tacplus-server {\n        10.0.0.1 {\n"
        '            secret "{s}";\n        }\n    }\n}',
        ("junos9", "quoted"),
    ),
    (
        "juniper_junos",
        "snmp {\n    community {s} {\n        authorization read-only;\n    }\n}",
        ("barehex",),
    ),
    (
        "juniper_junos",
        'protocols {\n    bgp {\n        authentication-key "{s}"; ## SECRET-DATA\n    }\n}',
        ("junos9",),
    ),
]


@st.composite
def configurations(draw: st.DrawFn) -> tuple[str, str, list[str]]:
    platform, template, formats = draw(st.sampled_from(FORMS))
    slots = template.count("{s}")
    secrets = [draw(SECRETS[draw(st.sampled_from(formats))]) for _ in range(slots)]
    text = template
    for secret in secrets:
        text = text.replace("{s}", secret, 1)
    bare = template.replace("{s}", "")
    assume(all(s not in bare and REDACTED not in s and "## SECRET" not in s for s in secrets))
    return platform, text, secrets


@settings(max_examples=600, deadline=None)
@given(configurations())
def test_no_generated_secret_survives_and_every_line_stays(
    case: tuple[str, str, list[str]],
) -> None:
    platform, text, secrets = case

    redacted = redact(platform, text)

    for secret in secrets:
        assert secret not in redacted.text, (platform, text, redacted.text)
    assert redacted.count == len(secrets)
    assert len(redacted.text.splitlines()) == len(text.splitlines())
    again = redact(platform, redacted.text)
    assert (again.text, again.count) == (redacted.text, 0)  # idempotent


@settings(max_examples=200, deadline=None)
@given(configurations())
def test_an_unknown_platform_is_redacted_with_every_rule(case: tuple[str, str, list[str]]) -> None:
    _, text, secrets = case
    redacted = redact("vendor_os_nobody_knows", text)
    assert not [secret for secret in secrets if secret in redacted.text]


@pytest.mark.parametrize(
    ("platform", "line", "expected"),
    [
        (
            "cisco_ios",
            "enable secret 5 $1$aS4w$2C/qV9DzeJdVBQTi3a/oJ5",
            "enable secret 5 <redacted>",
        ),
        (
            "cisco_ios",
            "username backup privilege 15 password 7 044B1C56571144645F1734",
            "username backup privilege 15 password 7 <redacted>",
        ),
        (
            "cisco_ios",
            "ntp authentication-key 1 md5 11263B500E203920237929 7",
            "ntp authentication-key 1 md5 <redacted> 7",
        ),
        (
            "cisco_ios",
            "crypto isakmp key psk-V6SnRnxPnB address 203.0.113.147",
            "crypto isakmp key <redacted> address 203.0.113.147",
        ),
        (
            "cisco_ios",
            "snmp-server community ro-aAPb RO MGMT",
            "snmp-server community <redacted> RO MGMT",
        ),
        (
            "cisco_nxos",
            "username admin password 5 $5$l/FtwpZC$OSWTtd role network-admin",
            "username admin password 5 <redacted> role network-admin",
        ),
        (
            "cisco_nxos",
            "snmp-server user netops network-operator auth sha 0xbac8 priv aes-128 0x0156 localizedkey",
            "snmp-server user netops network-operator auth sha <redacted> priv aes-128 <redacted> localizedkey",
        ),
        (
            "arista_eos",
            "username admin privilege 15 role network-admin secret sha512 $6$aJ.F$UOeq",
            "username admin privilege 15 role network-admin secret sha512 <redacted>",
        ),
        (
            "juniper_junos",
            'set system tacplus-server 10.0.10.11 secret "$9$6.hsgwrdHWoq9qV2UOHFEi3t"',
            "set system tacplus-server 10.0.10.11 secret <redacted>",
        ),
        (
            "juniper_junos",
            '            secret "$9$6.hsgwrdHWoq9qV2UOHFEi3t"; ## SECRET-DATA',
            "            secret <redacted>; ## SECRET-DATA",
        ),
    ],
)
def test_only_the_secret_token_is_replaced(platform: str, line: str, expected: str) -> None:
    redacted = redact(platform, line)
    assert (redacted.text, redacted.count) == (expected, expected.count(REDACTED))


HARMLESS = {
    "cisco_ios": [
        "service password-encryption",
        "key chain BGP-KEYS\n key 1\n  accept-lifetime 00:00:00 Jan 1 2024 infinite",
        "ntp trusted-key 1",
        "password encryption aes",
        "aaa authentication login default group tacacs+ local",
        "ip ssh pubkey-chain",
        "crypto isakmp policy 10",
        " authentication pre-share",
        " ip ospf authentication message-digest",
        " description key uplink to core-1",
        "snmp-server location DC1 row 6",
        "interface GigabitEthernet0/0",
    ],
    "cisco_nxos": [
        "no password strength-check",
        "feature password encryption aes",
        "feature tacacs+",
    ],
    "arista_eos": ["no aaa root", "management api http-commands", "   no shutdown"],
    "juniper_junos": [
        "set system authentication-order [ tacplus password ]",
        "set policy-options community BLOCK members 65000:666",
        'set snmp location "DC1 row 3"',
        "policy-options {\n    community BLOCK members 65000:666;\n}",
        "system {\n    login {\n        password {\n            format sha512;\n        }\n    }\n}",
    ],
}


@pytest.mark.parametrize(("platform", "text"), [(p, t) for p, ts in HARMLESS.items() for t in ts])
def test_configuration_without_secrets_is_left_alone(platform: str, text: str) -> None:
    assert redact(platform, text).text == text


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
