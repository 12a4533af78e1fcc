"""Huawei VRP: `display current-configuration` (the restorable one) and `display
saved-configuration`, after `screen-length 0 temporary` (netmiko's huawei driver types it).

VRP shows a secret after a marker that stays: `cipher` and `irreversible-cipher` (encrypted,
`%^%#...%^%#`, `%@%@...%@%@`, `%$%$...%$%$`, `$1c$...$`), `simple` or `plain` (clear text).
An encrypted form is a secret wherever it appears, marker or not.
"""

from __future__ import annotations

import re

from exitkit.netconfig import cisco_family as cisco
from exitkit.netconfig.platform import ConfigFile, Platform, RestoreRules, lines
from exitkit.netconfig.platforms import register
from exitkit.netconfig.rule_table import Form, rule_table
from exitkit.netconfig.secrets import QUOTED, URL_PASSWORD, ProseBlock

CONFIG = lines(r"^(?: ?sysname \S+|return|#|!Software Version .*)$")
FILES = (
    ConfigFile("current.cfg", "display current-configuration", CONFIG),
    ConfigFile("saved.cfg", "display saved-configuration", CONFIG),
)

# When the configuration last changed and was last saved, and by whom (`... by SYSTEM
# automatically` after an automatic save): about the device's history, not its configuration.
VOLATILE = (r"!Last configuration was (?:updated|saved) at .*",)

# Encrypted values: reversible ones between a repeated 4-character delimiter, irreversible ones
# `$1a$`..`$1e$` (VRP's own, not crypt(3)'s) up to their closing `$`.
ENCRYPTED = r"%\^%#.*?%\^%#|%@%@.*?%@%@|%\$%\$.*?%\$%\$|%#%#.*?%#%#|\$1[a-e]\$\S*\$"
VALUE = rf"(?P<s>{ENCRYPTED}|{QUOTED}|\S+)"
FREE_TEXT = (
    r"^\s*(?:#|!|description\s|remark\s|alias\s)|^\s*rule \d+ remark\s"
    r"|^snmp-agent sys-info (?:location|contact)\s|^\s*header \S+"
)


FORMS: tuple[Form, ...] = (
    (
        "value after cipher, irreversible-cipher or plain",
        "cipher plain",
        # `ssh server cipher aes256_ctr ...` lists algorithms, no secret.
        rf"(?:^|(?<!ssh server)(?<!ssh client)\s)(?:irreversible-cipher|cipher|plain) {VALUE}",
    ),
    ("clear value after simple", "simple", rf"(?:^|\s)simple (?!(?:cipher|plain)\b){VALUE}"),
    (
        "SNMP community (older form)",
        "community",
        rf"^snmp-agent community (?:read|write) (?!(?:cipher|plain|simple)\b){VALUE}",
    ),
    (
        "SNMP target security name (v1/v2c community)",
        "securityname",
        r"\ssecurityname (?!(?:cipher|plain|simple)\b)(?P<s>\S+)(?= v(?:1|2c)\b)",
    ),
    (
        "pre-shared key (older form)",
        "pre-shared-key",
        rf"^\s*pre-shared-key (?!(?:cipher|simple|plain)\b){VALUE}",
    ),
    (
        "WLAN pass-phrase",
        "pass-phrase",
        rf"\spass-phrase (?!(?:cipher|simple|plain)\b){VALUE}",
    ),
    (
        "VRRP key",
        "vrrp",
        r"^\s*vrrp vrid \d+ authentication-mode (?:md5|simple) "
        rf"(?!(?:cipher|simple|plain)\b){VALUE}",
    ),
    ("SIM PIN", "pin", r"^\s*pin verify (?:auto )?(?P<s>\S+)"),
    ("encrypted value", "% $1", rf"(?P<s>{ENCRYPTED})", "", ""),
)
SECRETS = (*rule_table(FORMS, FREE_TEXT), URL_PASSWORD)

# `header login information "..."`: the text between two delimiters, on one line or several.
PROSE = (ProseBlock(re.compile(r"^\s*header (?:login|shell) information (?P<d>\S)"), "{d}"),)

RESTORE = RestoreRules(
    comment="#",
    not_applied=re.compile(r"^(?:return|!.*)$"),
    commit=False,
)

PLATFORM = register(
    Platform(
        device_type="huawei_vrp",
        files=FILES,
        restore_file="current.cfg",
        hostname=lines(r"^ ?sysname (\S+)\s*$"),  # AR and S series show it indented by one
        # <hw-1>, [hw-1], [hw-1-GigabitEthernet0/0/1], [~hw-1] (V8), HRP_M<fw-1> (USG pairs)
        prompt=re.compile(r"^(?:HRP_[MS])?(?:<[^\s<>]{1,80}>|\[[~*]?[^\s\[\]]{1,120}\]) ?$"),
        pager=cisco.PAGER,  # `  ---- More ----`
        refusal=lines(
            r"^\s*Error: ?(?:Unrecognized command|Wrong parameter|Incomplete command|"
            r"Too many parameters|You do not have permission|Insufficient|"
            r"The command is not supported|Permission denied)\b.*$"
        ),
        enable=False,  # the account's level decides; there is no enable mode
        # VRP keeps an exec channel open waiting for input, like a shell.
        exec_safe=False,
        volatile=VOLATILE,
        secrets=SECRETS,
        restore=RESTORE,
        ansible_network_os="community.network.ce",
        prose=PROSE,
    )
)
