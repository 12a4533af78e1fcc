"""Property tests: generated configurations mixing every secret form with look-alike harmless
lines (names, key ids, file names, descriptions and banners whose prose says "password", "key",
"secret"). Redaction removes every planted value, leaves every other line byte for byte, and in
a secret line replaces the value and nothing else."""

from __future__ import annotations

import string

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from exitkit.netconfig.redact import REDACTED, redact

CRYPT = string.ascii_letters + string.digits + "./"
JUNOS9 = string.ascii_letters + string.digits + "-./"
HEX = "0123456789abcdef"
PLAIN = "".join(c for c in string.printable if c not in string.whitespace + "\"\\'")
WORD = string.ascii_letters + string.digits


def _chars(alphabet: str, low: int, high: int | None = None) -> st.SearchStrategy[str]:
    return st.text(st.sampled_from(alphabet), min_size=low, max_size=high or low)


def _type7() -> st.SearchStrategy[str]:
    body = _chars("0123456789ABCDEF", 8, 40).filter(lambda b: len(b) % 2 == 0)
    return st.builds(lambda seed, b: f"{seed:02d}{b}", st.integers(0, 15), body)


def _crypt(marker: str, salt: int, body: int) -> st.SearchStrategy[str]:
    return st.builds(lambda a, b: f"${marker}${a}${b}", _chars(CRYPT, salt), _chars(CRYPT, body))


# A clear-text value never starts like an encryption-type marker or a policy keyword.
_NOT_A_VALUE = ("policy", "minimum", "maximum", "encryption", "length", "history", "prompt")


def _plain_ok(value: str) -> bool:
    first = value.split(" ")[0]
    return not (first.isdigit() and len(first) == 1) and first not in ("8a", "sha512")


SECRETS: dict[str, st.SearchStrategy[str]] = {
    "plain": _chars(PLAIN, 4, 24).filter(_plain_ok),
    "word": _chars(WORD, 4, 24).filter(lambda w: w not in _NOT_A_VALUE),
    "phrase": st.lists(_chars(PLAIN, 3, 10), min_size=2, max_size=4)
    .map(" ".join)
    .filter(_plain_ok),
    "type7": _type7(),
    "md5": _crypt("1", 4, 22),
    "sha256": _crypt("5", 8, 43),
    "sha512": _crypt("6", 16, 86),
    "type8": _crypt("8", 14, 43),
    "scrypt": _crypt("9", 14, 43),
    "junos9": st.builds(lambda b: f"$9${b}", _chars(JUNOS9, 12, 60)),
    "hex": st.builds(lambda b: f"0x{b}", _chars(HEX, 16, 40)),
    "barehex": _chars(HEX, 16, 32),
    "quoted": st.lists(_chars(PLAIN, 1, 10), min_size=1, max_size=3).map(" ".join),
}

ENCRYPTED = ("type7", "md5", "sha256", "sha512", "type8", "scrypt")
CISCO_FORMS: list[tuple[str, tuple[str, ...]]] = [
    ("enable secret 5 {s}", ("md5",)),
    ("enable secret 9 {s}", ("scrypt", "type8")),
    ("username ops privilege 15 password 7 {s}", ("type7",)),
    ("snmp-server community {s} RO 10", ("plain", "word")),
    ("snmp-server community {s} view V RO ACL", ("word",)),
    ("snmp-server host 10.1.1.1 version 2c {s} udp-port 162", ("word",)),
    ("snmp-server user mon G v3 auth sha {s} priv aes 128 {s}", ("word", "hex")),
    ("ntp authentication-key 1 md5 {s} 7", ("type7",)),
    ("ntp authentication-key 4 hmac-sha2-256 {s} 7", ("type7",)),
    ("tacacs-server key 7 {s}", ("type7",)),
    ("interface Gi0/0\n ip ospf message-digest-key 1 md5 7 {s}", ("type7",)),
    ("interface Gi0/0\n ip ospf authentication-key 7 {s}", ("type7",)),
    ("router bgp 65000\n neighbor 10.0.0.1 password 7 {s}", ("type7",)),
    ("key chain KC\n key 1\n  key-string 7 {s}", ("type7",)),
    ("interface Vlan10\n standby 1 authentication md5 key-string 7 {s} timeout 30", ("type7",)),
    ("interface Vlan10\n vrrp 1 authentication text {s}", ("word",)),
    ("aaa server radius dynamic-author\n client 10.1.1.1 server-key 7 {s}", ("type7",)),
]
PLATFORM_FORMS: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    "cisco_ios": [
        ("enable password {s}", ("plain", "phrase")),
        ("username ops password 0 {s}", ("plain", "phrase")),
        ("line vty 0 4\n password {s}\n transport input ssh", ("plain", "phrase")),
        ("router bgp 65000\n neighbor 192.0.2.1 password {s}", ("plain", "phrase")),
        ("tacacs server T\n address ipv4 10.0.0.1\n key 7 {s}\n timeout 5", ("type7",)),
        ("radius server R\n key 0 {s}", ("plain", "phrase")),
        ("crypto isakmp key {s} address 203.0.113.7", ("plain",)),
        ("crypto keyring KR\n pre-shared-key address 198.51.100.1 key {s}", ("plain", "phrase")),
        ("crypto ikev2 keyring KR\n peer P\n  pre-shared-key local {s}", ("plain",)),
        ("router isis\n area-password {s} authenticate snp validate", ("word",)),
        ("interface Gi0/2\n isis password {s} level-2", ("word",)),
        ("snmp mib community-map {s} context C", ("word",)),
        ("interface Tunnel1\n ip nhrp authentication {s}", ("word",)),
        ("archive\n path ftp://backup:{s}@10.0.0.5/cfg", ("word",)),
    ],
    "cisco_nxos": [
        ("username admin password 5 {s}  role network-admin", ("sha256",)),
        ('tacacs-server host 10.0.10.11 key 7 "{s}" port 49', ("word", "quoted")),
        ('radius-server host 10.1.1.1 key 7 "{s}" authentication accounting', ("quoted",)),
        ("snmp-server user admin network-admin auth md5 {s} priv {s} localizedkey", ("hex",)),
        ("snmp-server host 10.1.1.1 traps version 2c {s} udp-port 162", ("word",)),
        ("snmp-server mib community-map {s} context vrf-mgmt", ("word",)),
        ("interface Ethernet1/1\n  ip ospf authentication-key 3 {s}", ("barehex",)),
        ("interface Vlan20\n  ip pim hello-authentication ah-md5 3 {s}", ("barehex",)),
        ("router bgp 65000\n  neighbor 10.0.0.1\n    password 3 {s}", ("barehex",)),
        ("interface Vlan10\n  hsrp 10\n    authentication text {s}", ("word",)),
    ],
    "arista_eos": [
        ("username admin privilege 15 role network-admin secret sha512 {s}", ("sha512",)),
        ("username ops secret 0 {s}", ("plain", "phrase")),
        ("ntp authentication-key 1 sha1 7 {s}", ("type7",)),
        ("tacacs-server host 10.1.1.1 vrf MGMT key 7 {s}", ("type7",)),
        ("snmp-server community {s} view ALL ro ACL", ("word",)),
        ("interface Ethernet1\n   isis authentication key 7 {s} level-2", ("type7",)),
        (
            "interface Ethernet10\n   vrrp 11 peer authentication ietf-md5 key-string 7 {s}",
            ("type7",),
        ),
        ("mac security\n   profile M\n      key 0123abcd 7 {s}", ("type7",)),
        ("router bgp 65001\n   neighbor 10.0.0.1 password 7 {s}", ("type7",)),
    ],
    "juniper_junos": [
        ('set system root-authentication encrypted-password "{s}"', ("sha512", "md5")),
        ('set system radius-server 10.0.10.12 secret "{s}"', ("junos9", "quoted")),
        ('set system ntp authentication-key 1 type sha256 value "{s}"', ("junos9",)),
        ('set security ike policy p pre-shared-key ascii-text "{s}"', ("junos9", "quoted")),
        ('set security macsec connectivity-association CA pre-shared-key cak "{s}"', ("junos9",)),
        ("set snmp community {s} authorization read-only", ("word",)),
        (
            'set snmp v3 usm local-engine user u authentication-sha authentication-key "{s}"',
            ("junos9",),
        ),
        (
            'set protocols ospf area 0 interface ge-0/0/0.0 authentication md5 1 key "{s}"',
            ("junos9",),
        ),
        (
            'set protocols isis interface xe-0/0/1.0 level 2 hello-authentication-key "{s}"',
            ("junos9",),
        ),
        (
            'system {\n    root-authentication {\n        encrypted-password "{s}"; ## SECRET-DATA\n    }\n}',
            ("sha512",),
        ),
        (
            'system {\n    ntp {\n        authentication-key 2 type md5 value "{s}"; ## SECRET-DATA\n    }\n}',
            ("junos9",),
        ),
        ("snmp {\n    community {s} {\n        authorization read-only;\n    }\n}", ("word",)),
    ],
}
PLATFORM_FORMS["cisco_xe"] = PLATFORM_FORMS["cisco_ios"]

PROSE_WORDS = (
    "password",
    "key",
    "secret",
    "7",
    "5",
    "md5",
    "sha512",
    "community",
    "enable",
    "username",
    "authentication-key",
    "pre-shared-key",
    "server-key",
    "key-string",
    "priv",
    "auth",
    "$",
    "0x1f",
    "the",
    "rotation",
    "vault",
    "is",
    "not",
    "here",
    "ask",
    "NOC",
    "admin",
    "level-2",
)
prose = st.lists(st.sampled_from(PROSE_WORDS), min_size=2, max_size=9).map(" ".join)
name = _chars(string.ascii_uppercase + string.digits + "-", 3, 12).filter(lambda n: n[0].isalpha())
host = _chars(string.ascii_lowercase + string.digits + "-", 3, 16).filter(lambda n: n[0].isalpha())
number = st.integers(1, 65535).map(str)
ip = st.tuples(*[st.integers(1, 254)] * 4).map(lambda t: ".".join(map(str, t)))


def _harmless(platform: str) -> st.SearchStrategy[str]:
    cisco = [
        st.builds("hostname {}".format, host),
        st.builds("interface Gi0/{}\n description {}".format, number, prose),
        st.builds("ntp server {} key {}".format, ip, number),
        st.builds("ntp trusted-key {}".format, number),
        st.builds("interface Tunnel{0}\n tunnel key {0}".format, number),
        st.builds(
            "key chain {}\n key {}\n  cryptographic-algorithm hmac-sha-256".format, name, number
        ),
        st.builds("boot system flash:{}.bin".format, host),
        st.builds("! {}".format, prose),
        st.builds("snmp-server location {}".format, prose),
        st.builds("snmp-server host {} version 3 priv {}".format, ip, host),
        st.builds("interface Gi0/{}\n ip ospf authentication key-chain {}".format, number, name),
        st.builds(
            "interface Gi0/{}\n isis authentication key-chain {} level-2".format, number, name
        ),
        st.builds(
            "interface Gi0/{}\n standby 1 authentication md5 key-chain {}".format, number, name
        ),
    ]
    extra = {
        "cisco_ios": [
            st.builds("banner motd ^C\n{}\n{}\n^C".format, prose, prose),
            st.builds("banner login \x03\n{}\n\x03".format, prose),
            st.builds("banner exec #{}#".format, prose),
            st.builds("ip access-list extended {}\n remark {}".format, name, prose),
        ],
        "cisco_nxos": [
            st.builds("banner motd #\n{}\n#".format, prose),
            st.builds("snmp-server host {} use-vrf {}".format, ip, host),
            st.builds("snmp-server host {} source-interface mgmt0".format, ip),
            st.builds("nxapi certificate httpskey keyfile bootflash:{}.key".format, host),
            st.builds("vlan {}\n  name {}".format, number, name),
        ],
        "arista_eos": [
            st.builds("banner login\n{}\n{}\nEOF".format, prose, prose),
            st.builds(
                "management security\n   ssl profile {}\n      certificate {}.crt key {}.key".format,
                name,
                host,
                host,
            ),
            st.builds("management security\n   password minimum length {}".format, number),
            st.builds("management security\n   password policy {}".format, name),
            st.builds("ntp server vrf MGMT {} iburst key {}".format, ip, number),
        ],
    }
    junos = [
        st.builds("set system host-name {}".format, host),
        st.builds('set interfaces ge-0/0/{} description "{}"'.format, number, prose),
        st.builds('set system login message "{}\\n{}"'.format, prose, prose),
        st.builds('set system login announcement "{}"'.format, prose),
        st.builds("set system ntp server {} key {}".format, ip, number),
        st.builds("set system login password minimum-length {}".format, number),
        st.builds(
            "set security certificates local {} load-key-file /var/tmp/{}.key".format, name, host
        ),
        st.builds("set policy-options community {} members 65000:{}".format, name, number),
        st.builds("set protocols bgp group {} authentication-key-chain {}".format, name, name),
        st.builds(
            "system {{\n    ntp {{\n        server {} key {}; ## SECRET-DATA\n    }}\n}}".format,
            ip,
            number,
        ),
        st.builds("    /* {}\n       {} */".format, prose, prose),
        st.builds(
            'set system login user {0} authentication ssh-rsa "ssh-rsa AAAAB3Nza {0}@h"'.format,
            host,
        ),
    ]
    if platform == "juniper_junos":
        return st.one_of(junos)
    return st.one_of(cisco + extra.get(platform, extra["cisco_ios"]))


@st.composite
def configurations(draw: st.DrawFn, platform: str) -> tuple[str, str, list[str]]:
    """(configuration, the exact redaction expected, the planted secret values)"""
    forms = PLATFORM_FORMS[platform] + ([] if platform == "juniper_junos" else CISCO_FORMS)
    blocks: list[tuple[str, str]] = []
    planted: list[str] = []
    for _ in range(draw(st.integers(1, 8))):
        template, formats = draw(st.sampled_from(forms))
        text, expected = template, template
        for _slot in range(template.count("{s}")):
            secret = draw(SECRETS[draw(st.sampled_from(formats))])
            planted.append(secret)
            text = text.replace("{s}", secret, 1)
            expected = expected.replace("{s}", REDACTED, 1)
        blocks.append((text, expected))
    for _ in range(draw(st.integers(1, 8))):
        line = draw(_harmless(platform))
        blocks.append((line, line))
    order = draw(st.permutations(range(len(blocks))))
    text = "\n".join(blocks[i][0] for i in order)
    expected = "\n".join(blocks[i][1] for i in order)
    # A planted value must be findable: not also a word of the lines around it.
    assume(all(s not in expected and REDACTED not in s for s in planted))
    return text, expected, planted


PLATFORMS = ["cisco_ios", "cisco_xe", "cisco_nxos", "arista_eos", "juniper_junos"]


@pytest.mark.parametrize("platform", PLATFORMS)
@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(data=st.data())
def test_only_the_secret_values_change(platform: str, data: st.DataObject) -> None:
    text, expected, planted = data.draw(configurations(platform))

    redacted = redact(platform, text)

    assert [s for s in planted if s in redacted.text] == []  # (a) every planted value is gone
    for got, want in zip(redacted.text.split("\n"), expected.split("\n"), strict=True):
        assert got == want  # (b) harmless lines byte for byte, (c) only the value replaced
    assert redacted.count == len(planted)


@pytest.mark.parametrize("platform", PLATFORMS)
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(data=st.data())
def test_an_unknown_platform_leaks_nothing(platform: str, data: st.DataObject) -> None:
    text, _, planted = data.draw(configurations(platform))
    redacted = redact("vendor_os_nobody_knows", text).text
    assert [s for s in planted if s in redacted] == []
