"""Where secrets sit in a configuration: one rule per form, the secret value (and only it) in
group `s`. Key ids, encryption types (`7`, `sha512`), algorithms, user, file and VRF names and
the options after a value stay in clear; a quoted value keeps its quotes.

The Cisco-family forms shared by IOS, NX-OS and EOS, and the Junos forms, are here; a form only
one platform has lives in that platform's module. Lines written for people are prose, never
keyword arguments: descriptions and comments (`free_text`), and banners and login messages that
span lines (`ProseBlock`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class SecretRule:
    """A secret-bearing form: `pattern` finds it in a line, `under`/`not_under` test the
    top-level line the match sits beneath (for lines nested in a block); lines matching
    `free_text` (descriptions, remarks) are prose, not keyword arguments."""

    name: str
    needs: tuple[str, ...]  # a line holds one of these words, or the rule cannot match it
    pattern: re.Pattern[str]
    under: re.Pattern[str] | None = None
    not_under: re.Pattern[str] | None = None
    free_text: re.Pattern[str] | None = None


@dataclass(frozen=True)
class ProseBlock:
    """Text for people that may span lines (a banner, a login message, an annotation): nothing
    in it is redacted. The text starts where `opens` ends and runs to the first match of
    `closes`, on that line or a later one; `{d}` in `closes` is the delimiter `opens` captured
    in group `d` (an IOS banner ends where its delimiter character comes again). A block that
    never closes is not prose: its lines are redacted like any other."""

    opens: re.Pattern[str]
    closes: str

    def closing(self, opened: re.Match[str]) -> re.Pattern[str]:
        return _closing(self.closes, opened.groupdict().get("d") or "")


CONTROL_C = r"\^C|\x03"  # IOS shows a banner delimiter as `^C`; a file may hold the real \x03


@cache
def _closing(closes: str, delimiter: str) -> re.Pattern[str]:
    escaped = CONTROL_C if delimiter in ("^C", "\x03") else re.escape(delimiter)
    return re.compile(closes.replace("{d}", f"(?:{escaped})"))


# Prose where "key" or "password" are words, not keywords.
CISCO_FREE_TEXT = (
    r"^\s*(?:!|(?:\d+ )?(?:description|remark|name|alias|comment)\s)|^access-list \S+ remark\s"
    r"|^snmp-server (?:location|contact)\s|^\s*action \S+ (?:syslog|puts)\s"
)
JUNOS_FREE_TEXT = r"^\s*(?:#|(?:description|full-name) )|^set \S.* (?:description|full-name) "


def rule(
    name: str,
    needs: str,  # the words, separated by "|"
    pattern: str,
    under: str = "",
    not_under: str = "",
    free_text: str = CISCO_FREE_TEXT,
) -> SecretRule:
    return SecretRule(
        name,
        tuple(needs.split("|")),
        re.compile(pattern),
        re.compile(under) if under else None,
        re.compile(not_under) if not_under else None,
        re.compile(free_text) if free_text else None,
    )


# How a value is delimited. A quoted value runs to its closing quote (or the end of the line).
QUOTED = r'"(?:[^"\\]|\\.)*(?:"|$)'
TOKEN = QUOTED + r"|\S+"
REST = r"\S(?:.*\S)?"  # IOS-style LINE arguments: everything to the end of the line
JUNOS_VALUE = QUOTED + r"|[^\s;{]+"
CRYPT = r"\$(?:1|5|6|8|9|14)\$[^\s\";]+"  # crypt(3)-style hashes, Cisco type 8/9, Junos $9$
ENCRYPTED = r"[1-9]|8a|sha512"  # encryption-type markers; `0` (or none) means clear text


def value(plain: str) -> str:
    """A password argument after its optional encryption-type marker (kept in clear). An
    encrypted value is one token; a clear one runs as far as `plain` says on the platform.
    NX-OS writes `password 5 !` for an account without a password: `!` is no secret."""
    return rf"(?:(?P<enc>{ENCRYPTED}) |0 )?+(?!!(?:\s|$))(?P<s>(?(enc)(?:{TOKEN})|(?:{plain})))"


# Words after `password`/`secret` that configure a policy, never a password.
NOT_A_PASSWORD = (
    r"(?!(?:policy|minimum|maximum|encryption|strength-check|secure-mode|prompt|history|"
    r"lifetime|expiry|reuse|length|complexity|lockout|min-length|max-length)\b)"
)
# An FHRP key-string may be followed by `timeout N`.
FHRP_VALUE = r"(?:(?P<enc>[1-9]) |0 )?(?P<s>(?(enc)\S+|.+?))(?= timeout \d+\s*$|\s*$)"
SNMP_HOST_WORD = r"(?:version|use-vrf|source-interface|filter-vrf|vrf|informs|traps|udp-port)\b"


URL_PASSWORD = rule("password in a URL", "://", r"[a-z][\w+.-]*://[^\s/:@\"]+:(?P<s>[^\s@\"/]+)@")


def cisco_rules(plain: str) -> tuple[SecretRule, ...]:
    """Forms IOS, NX-OS and EOS share; `plain` is how far a clear-text password runs there."""
    v, t = value(plain), value(TOKEN)
    return (
        rule(
            "password",
            "password",
            rf"(?:^|(?<!isis)\s)password(?: level \d+)? {NOT_A_PASSWORD}{v}",
        ),
        rule(
            "secret",
            "secret",
            rf"(?:^|\s)secret(?: level \d+)? {NOT_A_PASSWORD}{v}",
            not_under=r"^management security\b",
        ),
        rule(
            "TACACS+/RADIUS key",
            "tacacs-server|radius-server",
            rf"^(?:tacacs|radius)-server (?:host \S+ (?:\S+ )*?)?key {v}",
        ),
        rule("RADIUS CoA client key", "server-key", rf"(?:^|\s)server-key {v}"),
        rule(
            "NTP key",
            "ntp authentication-key",
            rf"^ntp authentication-key \d+ [\w-]+(?: (?:[0-9]|8a)(?= \S))? (?P<s>{TOKEN})",
        ),
        rule("OSPF key", "authentication-key", rf"(?:^|(?<!ntp)\s)authentication-key {v}"),
        rule("OSPF MD5 key", "message-digest-key", rf"message-digest-key \d+ [\w-]+ {v}"),
        rule("key chain key", "key-string", rf"^\s*key-string {v}"),
        rule(
            "FHRP MD5 key", "key-string", rf"authentication (?:ietf-)?md5 key-string {FHRP_VALUE}"
        ),
        rule("FHRP text", "authentication text", rf"(?:^|\s)authentication text (?P<s>{TOKEN})"),
        rule(
            "FHRP bare text",
            "standby|vrrp|glbp",
            rf"^\s*(?:standby|vrrp|glbp)(?: \d+)?(?: peer)? authentication "
            rf"(?!(?:md5|ietf-md5|text)\b)(?P<s>{TOKEN})",
        ),
        rule(
            "IS-IS password",
            "password",
            rf"(?:^|\s)(?:(?:area|domain)-password|isis password) (?P<s>{TOKEN})",
        ),
        rule("IS-IS key", "authentication key", rf"(?:^|\s)authentication key {t}"),
        rule(
            "OSPFv3 IPsec authentication key",
            "ipsec spi",
            rf"authentication ipsec spi \d+ (?:md5|sha1)(?: passphrase)? {t}",
        ),
        rule(
            "OSPFv3 IPsec encryption key",
            "ipsec spi",
            rf"encryption ipsec spi \d+ esp (?:3des|des|aes-cbc \d+|aes-\d+) {t}",
        ),
        rule(
            "OSPFv3 IPsec encryption authentication key",
            "ipsec spi",
            rf"encryption ipsec spi \d+ esp \S+(?: \d+)? \S+ (?:md5|sha1) {t}",
        ),
        rule(
            "pre-shared key",
            "pre-shared-key",
            rf"(?:^|\s)pre-shared-key(?: local| remote)? (?!(?:address|hostname|ipv6|key-chain)\b)"
            rf"{v}",
        ),
        rule(
            "keyring pre-shared key",
            "pre-shared-key",
            rf"^\s*pre-shared-key (?:address|hostname|ipv6) \S+(?: \S+)*? key {v}",
        ),
        rule(
            "ISAKMP key",
            "crypto isakmp key",
            r"^crypto isakmp key (?:[0-9] )?(?P<s>\S+) (?:address|hostname)\b",
        ),
        rule("SNMP community", "snmp-server community", rf"^snmp-server community (?P<s>{TOKEN})"),
        rule(
            "SNMP community map",
            "community-map",
            rf"^snmp(?:-server)? (?:mib )?community-map (?P<s>{TOKEN})",
        ),
        rule(
            "SNMP host community",
            "snmp-server host",
            r"^snmp-server host \S+(?: (?:vrf \S+|informs|traps))*(?: version (?:1|2c))?"
            rf"(?: (?:informs|traps))? (?!{SNMP_HOST_WORD})(?P<s>{TOKEN})",
        ),
        rule(
            "SNMPv3 auth key",
            "snmp-server user",
            r"^snmp-server user \S+ .*?\bauth (?:md5|sha(?:-2 \d+|-?\d+)?)"
            rf"(?: (?:[1-9]|0))? (?P<s>{TOKEN})",
        ),
        rule(
            "SNMPv3 privacy key",
            "snmp-server user",
            r"^snmp-server user \S+ .*?\spriv(?: (?:des56|3des|des|aes(?:-?\d+)?(?: \d+)?))?"
            rf" (?P<s>{TOKEN})",
        ),
        URL_PASSWORD,
        rule("hash", "$", rf"(?P<s>{CRYPT})", free_text=""),
    )


def cisco_banners() -> tuple[ProseBlock, ...]:
    """`banner motd ^C ... ^C` (any delimiter character) and the EOS-style `banner motd`
    followed by lines up to `EOF`."""
    return (
        ProseBlock(re.compile(r"^banner [\w-]+ (?P<d>\^C|\S)"), "{d}"),
        ProseBlock(re.compile(r"^banner [\w-]+\s*$"), r"^EOF\s*$"),
    )


# Statements Junos marks `## SECRET-DATA` whose last value is no secret: public keys, and the
# key id of an NTP server (`server 10.1.0.123 key 1 prefer; ## SECRET-DATA`).
JUNOS_NOT_SECRET = (
    r"\s*(?:set \S.* )?"
    r"(?:ssh-(?:rsa|dsa|ecdsa|ed25519) |(?:server|peer|broadcast) \S+ (?:.* )?key \d+\b)"
)


def _junos(name: str, needs: str, pattern: str, under: str = "") -> SecretRule:
    return rule(name, needs, pattern, under=under, free_text=JUNOS_FREE_TEXT)


JUNOS_RULES = (
    _junos(
        "password or secret",
        "password|secret",
        r"(?:^|\s)(?:(?:encrypted|simple|authentication|privacy|pap|chap)-password"
        rf"|(?:chap-|pap-|shared-)?secret) (?P<s>{JUNOS_VALUE})",
    ),
    _junos("quoted password", "password", rf"(?:^|\s)password (?P<s>{QUOTED}|{CRYPT})"),
    _junos(
        "authentication key",
        "authentication-key",
        rf"(?:^|[\s-])authentication-key (?!\d+ type\b)(?P<s>{JUNOS_VALUE})",
    ),
    _junos(
        "NTP key",
        "authentication-key",
        rf"(?:^|\s)authentication-key \d+ type \S+ value (?P<s>{JUNOS_VALUE})",
    ),
    _junos(
        "key",
        "privacy-key|hmac-key|cak|community-name",
        rf"(?:^|\s)(?:privacy-key|hmac-key|cak|community-name) (?P<s>{JUNOS_VALUE})",
    ),
    _junos(
        "pre-shared or manual key",
        "ascii-text|hexadecimal",
        rf"(?:^|\s)(?:pre-shared-key|key) (?:ascii-text|hexadecimal) (?P<s>{JUNOS_VALUE})",
    ),
    _junos("OSPF MD5 key", "key ", rf"(?:^|\s)md5 \d+ key (?P<s>{JUNOS_VALUE})"),
    _junos("quoted key", "key ", rf"(?:^|\s)key (?P<s>{QUOTED}|{CRYPT})"),
    _junos(
        "SNMP community (set)",
        "set snmp",
        rf"^set snmp (?:(?:logical-system|routing-instance) \S+ )?community (?P<s>{JUNOS_VALUE})",
    ),
    _junos(
        "SNMP community", "community", rf"^\s+community (?P<s>{JUNOS_VALUE})", under=r"^snmp \{"
    ),
    _junos(
        "marked secret",
        "SECRET-DATA",
        rf"^(?!{JUNOS_NOT_SECRET}).*\s"
        rf"(?P<s>{QUOTED}|[^\s;\"]+);?\s*## SECRET-DATA\s*$",
    ),
    URL_PASSWORD,
    rule("hash", "$", rf"(?P<s>{CRYPT})", free_text=""),
)

JUNOS_PROSE = (
    ProseBlock(
        re.compile(r"^\s*(?:set system login )?(?:message|announcement) \""),
        r'^(?:[^"\\]|\\.)*"',
    ),
    ProseBlock(re.compile(r"^\s*/\*"), r"\*/"),
)
