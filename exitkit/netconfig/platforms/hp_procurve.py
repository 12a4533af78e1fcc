"""HPE ProCurve / Aruba OS-Switch (AOS-S): `show running-config` and `show config` (the startup
configuration), read through netmiko's hp_procurve driver, which gets past the "Press any key to
continue" screen, strips the VT100 escape codes the switch wraps its output in and types
`no page`. The switch shows its credentials only with `include-credentials`; with
`encrypt-credentials` they appear as AES-256 base64 strings (`encrypted-key`,
`encrypted-password`), still secrets: the fixed default key is the same on every HPE switch.
"""

from __future__ import annotations

import re

from exitkit.netconfig.platform import ConfigFile, Platform, RestoreRules, lines
from exitkit.netconfig.platforms import register
from exitkit.netconfig.secrets import QUOTED, TOKEN, URL_PASSWORD, ProseBlock, SecretRule, rule

# Headers about the read, not configuration: which file is shown (and, for the startup file,
# which of the stored configurations it is).
VOLATILE = (r"(?:Running|Startup) configuration:.*",)

# Prose: names, descriptions, contacts, locations and the banner lines.
FREE_TEXT = (
    r"^\s*(?:;|name |description |snmp-server (?:contact|location) |banner |"
    r"(?:hostname|system-location|system-contact) )"
)
ACCOUNT = r"(?:manager|operator|port-access)"
USER = rf"(?:user-name (?:{QUOTED}|\S+) )?"
VALUE = rf"(?P<s>{TOKEN})"


def _rule(name: str, needs: str, pattern: str, under: str = "") -> SecretRule:
    return rule(name, needs, pattern, under=under, free_text=FREE_TEXT)


SECRETS = (
    _rule(
        "local password",
        "password",
        rf"^\s*password {ACCOUNT} {USER}(?:plaintext|sha1|sha256) {VALUE}",
    ),
    _rule(
        "local user account password",
        "local-user",
        rf"^aaa authentication local-user (?:{QUOTED}|\S+) (?:\S+ )*?(?:password "
        rf"(?:plaintext|sha1|sha256)|encrypted-password) {VALUE}",
    ),
    _rule(
        "encrypted local password",
        "encrypted-password",
        rf"^\s*encrypted-password {ACCOUNT} {USER}{VALUE}",
    ),
    _rule(
        "RADIUS/TACACS+ key",
        "radius-server|tacacs-server",
        rf"^(?:radius|tacacs)-server (?:host \S+ (?:\S+ )*?)?(?:encrypted-)?key {VALUE}",
    ),
    _rule(
        "RADIUS dynamic authorization client key",
        "dyn-authorization",
        rf"^radius-server host \S+ (?:\S+ )*?dyn-authorization (?:\S+ )*?(?:encrypted-)?"
        rf"secret {VALUE}",
    ),
    _rule("SNMP community", "snmp-server community", rf"^snmp-server community {VALUE}"),
    _rule(
        "SNMPv3 community name",
        "snmpv3 community",
        rf"^snmpv3 community index (?:{QUOTED}|\S+) name {VALUE}",
    ),
    _rule(
        "SNMP trap receiver community",
        "snmp-server host",
        rf"^snmp-server host \S+ (?:informs? )?(?:community )?"
        rf"(?!(?:community|informs?|trap-level)\b){VALUE}",
    ),
    # `snmpv3 user "nms" auth sha "..." priv aes "..."`, on one line or continued over lines
    # ending in a backslash (the switch writes it so when the hashes make it long).
    _rule(
        "SNMPv3 authentication key",
        "auth ",
        rf"^(?:snmpv3 user (?:{QUOTED}|\S+) \\?\s*)?auth (?:md5|sha) {VALUE}",
    ),
    _rule(
        "SNMPv3 privacy key",
        "priv",
        rf"^(?:snmpv3 user (?:{QUOTED}|\S+) .*?|\s*)priv(?: (?:des|aes))? (?!\\)"
        rf"{VALUE}",
    ),
    _rule(
        "key chain key",
        "key-string|encrypted-key",
        rf"^key-chain (?:{QUOTED}|\S+) key \d+ (?:\S+ )*?(?:key-string|encrypted-key) {VALUE}",
    ),
    _rule(
        "OSPF/RIP key",
        "authentication-key",
        rf"(?:^|\s)(?:encrypted-)?authentication-key {VALUE}",
    ),
    _rule(
        "OSPF MD5 key",
        "md5-auth-key",
        rf"(?:^|\s)md5-auth-key \d+ (?:encrypted-)?(?:key )?{VALUE}",
    ),
    _rule(
        "NTP/SNTP key",
        "key-value",
        rf"^s?ntp authentication key-id \d+ (?:\S+ )*?(?:encrypted-)?key-value {VALUE}",
    ),
    _rule(
        "BGP neighbor password",
        "password",
        rf"^\s*neighbor \S+ (?:encrypted-)?password {VALUE}",
    ),
    _rule(
        "802.1X supplicant secret",
        "secret",
        rf"^aaa port-access supplicant \S+ (?:\S+ )*?(?:encrypted-)?secret {VALUE}",
    ),
    _rule(
        "encrypt-credentials pre-shared key",
        "pre-shared-key",
        rf"^encrypt-credentials pre-shared-key (?:plaintext|hex) {VALUE}",
    ),
    URL_PASSWORD,
)

# `banner motd "..."` and `banner exec "..."`: a quoted text that may run over lines.
PROSE = (ProseBlock(re.compile(r'^banner \S+ "'), r'^(?:[^"\\]|\\.)*"'),)

CONFIG = lines(r"^(?:; \S+ Configuration Editor; .*|hostname .+)$")

PLATFORM = register(
    Platform(
        device_type="hp_procurve",
        files=(
            ConfigFile("running.cfg", "show running-config", CONFIG),
            ConfigFile("startup.cfg", "show config", CONFIG),
        ),
        restore_file="running.cfg",
        hostname=lines(r'^hostname ("[^"\n]*"|\S+)\s*$'),
        prompt=re.compile(r"^[^\s#>]{1,80}(?:\([\w.\-/]+\))?[>#] ?$"),
        pager=re.compile(
            r"(?i)-+ ?\(?more(?: \d+%)?\)? ?-+(?:, next page: Space, next line: Enter, "
            r"quit: Control-C)?\s*$"
        ),
        refusal=lines(
            r"^\s*(?:Invalid input: .*|Ambiguous input: .*|Incomplete input: .*|"
            r"Insufficient privilege.*|Command not authorized.*|Authorization failed.*|"
            r"Access denied.*)$"
        ),
        # netmiko's driver goes into the manager level itself during session preparation.
        enable=False,
        exec_safe=False,  # no exec command mode: the session is the key screen and the CLI
        volatile=VOLATILE,
        secrets=SECRETS,
        restore=RestoreRules(
            comment=";",
            not_applied=re.compile(r"^(?:Running|Startup) configuration:.*$"),
            commit=False,
        ),
        ansible_network_os="arubanetworks.aos_switch.arubaoss",
        prose=PROSE,
    )
)
