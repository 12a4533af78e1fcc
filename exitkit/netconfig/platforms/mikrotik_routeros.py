"""MikroTik RouterOS: `/export terse` over an exec channel (RouterOS runs one command per exec
and ends it; a shell would need `+ct` in the user name to stop terminal probing and colours).

`terse` writes one complete command per line (no section headers, no `\\` line wrapping), so
a line is a restorable command and a secret never spans lines. `hide-sensitive` keeps secrets
off the wire; only an export that seals its copies reads `show-sensitive` (RouterOS 7: a v6
router shows secrets in `/export` and knows no `show-sensitive`).
"""

from __future__ import annotations

import re

from exitkit.netconfig.platform import ConfigFile, Platform, RestoreRules, lines
from exitkit.netconfig.platforms import register
from exitkit.netconfig.secrets import URL_PASSWORD, ProseBlock, SecretRule, rule

FREE_TEXT = r"^\s*#"

# Properties whose value is a secret (RouterOS 6 and 7 menus).
SECRET_KEYS = (
    "password|secret|ipsec-secret|wpa-pre-shared-key|wpa2-pre-shared-key|passphrase"
    "|sae-password|pre-shared-key|authentication-password|encryption-password|auth-key"
    "|authentication-key|tcp-md5-key|private-key|preshared-key|trap-community|static-key-[0-3]"
    "|secrets|radius-secret|shared-secret|eap-password"
)
# A value: a quoted string or a word.
VALUE = r'"(?:[^"\\]|\\.)*(?:"|$)|[^\s"\\]+'
# Where the rest of the line closes every quote it opens: a property, not words inside a
# comment's or a note's text.
OUTSIDE_QUOTES = r'(?=(?:[^"\\]|\\(?:.|$))*(?:"(?:[^"\\]|\\.)*"(?:[^"\\]|\\(?:.|$))*)*$)'
# SNMP communities: the name of a v1/v2c community is its secret; an entry that requires
# v3 security (`security=authorized|private`) names a v3 user instead, which stays.
NOT_V3 = r"(?!.*\bsecurity=(?:authorized|private)\b)"
COMMUNITY_PROPERTIES = (
    r"(?=.*\b(?:addresses|read-access|write-access|authentication-protocol|encryption-protocol"
    r"|security)=)"
)
COMMUNITY_ENTRY = rf"{NOT_V3}(?:{COMMUNITY_PROPERTIES}|\[ find default=yes \] )"


def _rule(name: str, needs: str, pattern: str, under: str = "") -> SecretRule:
    return rule(name, needs, pattern, under=under, free_text=FREE_TEXT)


SECRETS = (
    _rule("secret property", "=", rf"(?:^|\s){OUTSIDE_QUOTES}(?:{SECRET_KEYS})=(?P<s>{VALUE})"),
    # Inside a script's source the value sits between escaped quotes: `password=\"...\"`.
    _rule(
        "secret property in a script",
        '=\\"',
        rf'(?:^|\s)(?:{SECRET_KEYS})=\\"(?P<s>(?:[^"\\]|\\[^"])*)\\"',
    ),
    _rule(
        "SNMP community (terse)",
        "community",
        rf"^/snmp community (?:add|set) {NOT_V3}(?:.*\s)?name=(?P<s>{VALUE})",
    ),
    _rule(
        "SNMP community",
        "name=",
        rf"^(?:add|set) {COMMUNITY_ENTRY}(?:.*\s)?name=(?P<s>{VALUE})",
    ),
    # `/export` without `terse` wraps long commands with `\`: the rest sits on indented lines.
    _rule(
        "SNMP community (wrapped)",
        "name=",
        rf"^\s+{NOT_V3}(?:.*\s)?name=(?P<s>{VALUE})",
        under=rf"^(?:/snmp community )?(?:add|set) {NOT_V3}{COMMUNITY_PROPERTIES}",
    ),
    # The continuation of a line that ends on `password=\`: the value opens the next line.
    SecretRule(
        "secret property wrapped after its =",
        ("    ",),
        re.compile(rf"^\s+(?P<s>{VALUE})"),
        under=re.compile(rf"(?:^|\s)(?:{SECRET_KEYS})=\\$"),
        free_text=re.compile(FREE_TEXT),
    ),
    rule(URL_PASSWORD.name, "://", URL_PASSWORD.pattern.pattern, free_text=FREE_TEXT),
)

PLATFORM = register(
    Platform(
        device_type="mikrotik_routeros",
        files=(
            ConfigFile(
                "export.rsc",
                "/export terse hide-sensitive",
                lines(r"^(?:/\S.*|# \S.* by RouterOS \S+.*)$"),
                sealed_command="/export terse show-sensitive",
            ),
        ),
        restore_file="export.rsc",
        hostname=lines(r"^(?:/system identity )?set name=(\"[^\"]*\"|\S+)\s*$"),
        prompt=re.compile(r"^\[[^\]\s@]{1,64}@[^\]]{1,64}\] (?:/[\w/ -]{0,80})?(?:<SAFE>)?> ?$"),
        pager=re.compile(
            r"(?i)(?:--more--|-- \[Q quit\|D dump\|(?:down|right|C-z pause)[^\]]*\])\s*$"
        ),
        refusal=lines(
            r"^\s*(?:bad command name .*|expected end of command .*|syntax error .*|"
            r"not enough permissions.*|no such item.*|input does not match any value of .*)$"
        ),
        enable=False,
        exec_safe=True,
        # The export's own header stamp, and what CAPsMAN writes about the moment's channel.
        volatile=(
            r"# \S+ \S+ by RouterOS \S+.*",
            r"# managed by CAPsMAN",
            r"# channel: .*, CAPsMAN forwarding",
        ),
        secrets=SECRETS,
        restore=RestoreRules(comment="#", not_applied=re.compile(r"^(?!)$"), commit=False),
        ansible_network_os="community.routeros.routeros",
        # A note shown at login is text for people.
        prose=(ProseBlock(re.compile(r'^(?:/system note )?set (?:.* )?note="'), r'(?<!\\)"'),),
    )
)
