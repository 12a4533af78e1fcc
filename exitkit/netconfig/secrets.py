"""Where secrets sit in each platform's configuration: one row per form, the secret in group `s`.

Rows are deliberately broad: a rule that also hides a harmless word costs readability, a rule
that misses a secret costs the exit. The encryption type before a value (`7`, `sha512`) stays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


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


# Prose where "key" or "password" are words, not keywords: `description key account link`.
FREE_TEXT = r"^\s*(?:description|remark|name|alias)\s|^set \S.* description "


def _rule(
    name: str,
    needs: str,
    pattern: str,
    under: str = "",
    not_under: str = "",
    free_text: str = FREE_TEXT,
) -> SecretRule:
    return SecretRule(
        name,
        tuple(needs.split()),
        re.compile(pattern),
        re.compile(under) if under else None,
        re.compile(not_under) if not_under else None,
        re.compile(free_text) if free_text else None,
    )


# How a value is delimited. A quoted value runs to its closing quote (or the end of the line).
QUOTED = r'"(?:[^"\\]|\\.)*(?:"|$)'
TOKEN = QUOTED + r"|\S+"
REST = QUOTED + r"|\S(?:.*\S)?"  # IOS-style LINE arguments: everything to the end of the line
JUNOS_VALUE = QUOTED + r"|[^\s;{]+"
TYPE = r"(?: (?:[0-9]|sha512|sha256|md5))?"  # the encryption-type marker, kept in clear
CRYPT = r"\$(?:1|5|6|8|9|14)\$[^\s\";]+"  # crypt(3)-style hashes, Cisco type 8/9, Junos $9$


def cisco_rules(value: str) -> tuple[SecretRule, ...]:
    """IOS, NX-OS and EOS; `value` is how far a password or key argument runs on the platform."""
    return (
        _rule(
            "password or secret",
            "password secret",
            rf"(?:^|\s)(?:password|secret){TYPE} (?!strength-check\b|encryption aes\b)"
            rf"(?P<s>{value})",
        ),
        _rule("isakmp key", "isakmp", rf"^\s*crypto isakmp key{TYPE} (?P<s>\S+)"),
        _rule(
            "key",
            "key",
            rf"(?:^|(?<!crypto)(?<!isakmp)\s)key{TYPE} (?!chain\b|config-key\b)(?P<s>{value})",
            not_under=r"^key chain ",
        ),
        _rule("master key", "config-key", r"^\s*key config-key password-encrypt (?P<s>.+)"),
        _rule(
            "authentication key",
            "-key",
            rf"(?:authentication|message-digest)-key(?: \d+)?(?: md5)?{TYPE} (?P<s>{TOKEN})",
        ),
        _rule("key string", "key-string", rf"key-string{TYPE} (?P<s>{REST})"),
        _rule(
            "pre-shared key",
            "pre-shared-key",
            rf"(?:^|\s)pre-shared-key(?: (?:local|remote))?{TYPE} (?!address\b|hostname\b)"
            rf"(?P<s>{value})",
        ),
        _rule("SNMP community", "community", rf"^\s*snmp-server community (?P<s>{TOKEN})"),
        _rule(
            "SNMP host community",
            "snmp-server",
            r"^\s*snmp-server host \S+(?: (?:informs|traps|vrf \S+|"
            rf"version (?:1|2c|3(?: (?:auth|noauth|priv))?)))* (?P<s>{TOKEN})",
        ),
        _rule(
            "SNMPv3 auth key",
            "auth",
            rf"^\s*snmp-server user .*?\sauth (?:md5|sha\S*){TYPE} (?P<s>{TOKEN})",
        ),
        _rule(
            "SNMPv3 privacy key",
            "priv",
            r"^\s*snmp-server user .*?\spriv(?: (?:des56|3des|des|aes(?:-?\d+)?(?: \d+)?))?"
            rf" (?P<s>{TOKEN})",
        ),
        _rule(
            "FHRP authentication",
            "authentication",
            rf"^\s*(?:standby|vrrp|glbp)(?: \d+)? authentication (?!md5\b)(?:text )?(?P<s>{TOKEN})",
        ),
        _rule("IS-IS password", "-password", rf"(?:^|\s)(?:area|domain)-password (?P<s>{TOKEN})"),
        _rule("wireless PSK", "wpa-psk", rf"wpa-psk ascii{TYPE} (?P<s>{REST})"),
        _rule("hash", "$", rf"(?P<s>{CRYPT})", free_text=""),
    )


JUNOS_RULES = (
    _rule(
        "secret statement",
        "password secret -key ascii-text hexadecimal",
        r"(?:^|\s)(?:encrypted-password|secret|authentication-key|simple-password|ascii-text|"
        r"hexadecimal|hmac-key|authentication-password|privacy-password|privacy-key)"
        rf" (?P<s>{JUNOS_VALUE})",
    ),
    _rule("key", "key", rf"(?:^|\s)key (?P<s>{QUOTED}|{CRYPT})"),
    _rule(
        "SNMP community (set)", "community", rf"^set snmp (?:\S+ )*?community (?P<s>{JUNOS_VALUE})"
    ),
    _rule("SNMP community", "community", rf"^\s+community (?P<s>{JUNOS_VALUE})", under=r"^snmp \{"),
    _rule("marked secret", "SECRET-DATA", rf"(?P<s>{QUOTED}|[^\s;\"]+);\s*## SECRET-DATA\s*$"),
    _rule("hash", "$", rf"(?P<s>\"?{CRYPT}\"?)", free_text=""),
)
