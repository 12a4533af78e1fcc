"""Fortinet FortiOS: `show` at the top level (global and every VDOM, as a backup file has it),
read on netmiko's fortinet driver (which turns the pager off with `config system console`).

FortiOS re-encrypts every reversible secret (`set psksecret ENC <base64>`) with a new salt on
each read: the redacted view replaces every `ENC` value, so it stays byte-identical; the sealed
copy keeps the values as read, and a FortiGate takes them back as they are.
"""

from __future__ import annotations

import re

from exitkit.netconfig.platform import ConfigFile, Platform, RestoreRules, lines
from exitkit.netconfig.platforms import register
from exitkit.netconfig.secrets import QUOTED, URL_PASSWORD, ProseBlock, SecretRule, rule

# Lines written for people: never keyword arguments.
FREE_TEXT = r"^\s*(?:#|set (?:comments?|description|alias|buffer) )"

# The settings that hold a secret when typed or pasted in clear (FortiOS shows them as ENC).
SECRET_SETTINGS = (
    "password|passwd|password[2-5]|psksecret|psksecret-remote|ppk-secret|secret"
    "|secondary-secret|tertiary-secret|rsso-secret|key|auth-pwd|priv-pwd|authentication-key"
    "|auth-string|key-string|auth-password-[\\w-]+|authpasswd|authkey|enckey|passphrase"
    "|sae-password|group-password|ddns-password|ddns-key|proxy-password|api-key|secret-key"
    "|client-secret|secret-token|sso-password|logon-password|history[01]"
)
# A clear value: quoted, or one word; never the start of a PEM block (its markers stay).
CLEAR = rf"(?!ENC )(?!\"?-----BEGIN )(?P<s>{QUOTED}|\S+)"


def _rule(name: str, needs: str, pattern: str, under: str = "") -> SecretRule:
    return rule(name, needs, pattern, under=under, free_text=FREE_TEXT)


SECRETS = (
    # Every value FortiOS shows encrypted: admin hashes (`ENC SH2...`), reversible secrets.
    _rule("encrypted value", "ENC", r"^\s*set [\w-]+(?: \d+)? ENC (?P<s>\S+)"),
    _rule("secret setting", "set", rf"^\s*set (?:{SECRET_SETTINGS}) {CLEAR}"),
    _rule("OSPF MD5 key", "md5-key", rf"^\s*set md5-key \d+ {CLEAR}"),
    _rule(
        "private key",
        "private-key",
        r"^\s*set (?:ssh-)?private-key (?!\"?-----BEGIN )"
        rf"(?!ENC )(?P<s>{QUOTED}|\S+)",
    ),
    # SNMP v1/v2c communities are named entries (tables stay unindented inside `config global`).
    _rule(
        "SNMP community",
        "name",
        rf"^ {{8}}set name (?P<s>{QUOTED}|\S+)",
        under=r"^config system snmp community$",
    ),
    rule(URL_PASSWORD.name, "://", URL_PASSWORD.pattern.pattern, free_text=FREE_TEXT),
)

# Replacement messages, comments and descriptions: quoted text that may span lines.
PROSE = (
    ProseBlock(re.compile(r'^\s*set (?:buffer|comments?|description) "'), r'^(?:[^"\\]|\\.)*"'),
)

PLATFORM = register(
    Platform(
        device_type="fortinet",
        # `show` at the top level: global and every VDOM, as `execute backup config` writes it
        # (inside a VDOM it shows that VDOM only). `show full-configuration` (defaults too)
        # takes minutes on a small FortiGate, and a FortiGate keeps no separate startup file.
        files=(
            ConfigFile("running.conf", "show", lines(r"^(?:#config-version=\S+|config \S.*)$")),
        ),
        restore_file="running.conf",
        hostname=lines(r"^\s+set hostname (\"[^\"]+\"|\S+)\s*$"),
        prompt=re.compile(r"^[\w.\-]{1,64}(?: \([\w.\-\" ]{1,64}\))? [#$] ?$"),
        pager=re.compile(r"--More--\s*$"),
        refusal=lines(
            r"^\s*(?:Unknown action \d+|command parse error before .*|"
            r"Command fail\. Return code -?\d+|Permission denied\.?)\s*$"
        ),
        enable=False,
        # The VDOM context (`config global`, `config vdom`) and the paging setting belong to a
        # session: netmiko's driver is what turns the pager off.
        exec_safe=False,
        # The configuration file's revision counter, not configuration.
        volatile=(r"#conf_file_ver=\d+",),
        secrets=SECRETS,
        restore=RestoreRules(comment="#", not_applied=re.compile(r"^(?!)$"), commit=False),
        ansible_network_os="fortinet.fortios.fortios",
        prose=PROSE,
    )
)
