"""Palo Alto PAN-OS: the configuration as `set` commands (configuration mode, `set cli
config-output-format set`; pasted back in configuration mode and committed) and as the XML of
`show config running` (the committed configuration, what `load config` imports), pager off.

Secrets are hashes (`phash $5$...`) or values encrypted with the master key (`-AQ==...`);
SNMPv2c communities show in clear.
"""

from __future__ import annotations

import re

from exitkit.netconfig.platform import ConfigFile, Platform, RestoreRules, lines
from exitkit.netconfig.platforms import register
from exitkit.netconfig.secrets import QUOTED, URL_PASSWORD, ProseBlock, SecretRule, rule

# Words written for people: a description's or comment's value is prose.
FREE_TEXT = r"^\s*(?:#|<(?:description|comment|login-banner)>)|^set \S.* (?:description|comment) "

# The words after which PAN-OS writes a secret (its `set` form) and the XML elements holding one.
SECRET_WORDS = (
    "phash|secret|key|bind-password|password|authpwd|privpwd|snmp-community-string|community"
    "|private-key|passphrase|auth-key|agent-user-override-key|pre-shared-key|api-key|auth-password"
    "|priv-password|shared-secret|hmac-key|psk"
)
# `key` and `password` start many setting names: only the exact word is followed by a secret.
SET_VALUE = rf"(?P<s>{QUOTED}|[^\s\[\]]+)"


def _rule(name: str, needs: str, pattern: str) -> SecretRule:
    return rule(name, needs, pattern, free_text=FREE_TEXT)


SECRETS = (
    _rule(
        "secret setting (set)",
        "set",
        rf"^set \S.*? (?:{SECRET_WORDS}) (?!(?:key|md5|sha1|sha256|\[)(?:\s|$)){SET_VALUE}\s*$",
    ),
    _rule(
        "OSPF / RIP MD5 key (set)",
        "md5",
        rf"^set \S.* md5 \d+ key {SET_VALUE}",
    ),
    _rule(
        "secret element (XML)",
        "<",
        rf"^\s*<(?P<tag>{SECRET_WORDS})>(?!-----BEGIN )(?P<s>[^<]+)</(?P=tag)>",
    ),
    rule(URL_PASSWORD.name, "://", URL_PASSWORD.pattern.pattern, free_text=FREE_TEXT),
)

PROSE = (
    ProseBlock(re.compile(r'^set \S.* login-banner "'), r'^(?:[^"\\]|\\.)*"'),
    ProseBlock(re.compile(r"^\s*<login-banner>"), r"</login-banner>"),
)

PLATFORM = register(
    Platform(
        device_type="paloalto_panos",
        files=(
            # Configuration mode shows the candidate: the committed configuration unless an
            # administrator left changes uncommitted (then the XML file is the running one).
            ConfigFile(
                "running-config.set",
                "show",
                lines(r"^set \S+"),
                before=("set cli config-output-format set", "configure"),
                after=("exit", "set cli config-output-format default"),
            ),
            ConfigFile("running-config.xml", "show config running", lines(r"^\s*<config\b")),
        ),
        restore_file="running-config.set",
        hostname=lines(r"^set deviceconfig system hostname (\S+)\s*$"),
        prompt=re.compile(r"^[\w.\-]{1,64}@[\w.\-]{1,64}(?:\([\w\-]{1,32}\))?[>#] ?$"),
        pager=re.compile(r"(?i)(?:--more--|lines \d+-\d+(?:/\d+)?(?: \(END\))?)\s*$"),
        refusal=lines(
            r"^\s*(?:Unknown command: .*|Invalid syntax\.?|Server error ?: .*|"
            r"Access denied.*|Command rejected.*)$"
        ),
        enable=False,
        # PAN-OS takes no command on an exec channel: the CLI needs a shell.
        exec_safe=False,
        # The configuration-mode context netmiko leaves when an answer ends on it.
        volatile=(r"\[edit(?: [^\]]*)?\]",),
        secrets=SECRETS,
        restore=RestoreRules(comment="#", not_applied=re.compile(r"^\[edit.*\]$"), commit=True),
        ansible_network_os="paloaltonetworks.panos.panos",
        prose=PROSE,
    )
)
