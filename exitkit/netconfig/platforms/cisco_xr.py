"""Cisco IOS-XR: `show running-config`, the one configuration (XR has no startup-config: a
commit is persistent). Restoring applies the lines in configuration mode and commits them.

Every `show` on XR starts with the time of the command and the running configuration carries
`Building configuration...` and `!! Last configuration change at ...`: all three are dropped.
XR shows reversible secrets after `encrypted` (or a type `7`), one-way ones after a type
(`secret 10 $6$...`), and clear ones after `clear` or nothing; the marker always stays.
"""

from __future__ import annotations

import re

from exitkit.netconfig import cisco_family as cisco
from exitkit.netconfig.platform import ConfigFile, Platform, RestoreRules, lines
from exitkit.netconfig.platforms import register
from exitkit.netconfig.rule_table import Form, rule_table, secret_rule
from exitkit.netconfig.secrets import CRYPT, URL_PASSWORD, ProseBlock

CONFIG = lines(r"^(?:hostname \S+|end|!! IOS XR Configuration .*|interface \S+)$")
FILES = (ConfigFile("running.cfg", "show running-config", CONFIG),)

DAY = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)"
MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
TIMESTAMP = rf"{DAY} {MONTH} +\d{{1,2}} \d\d:\d\d:\d\d(?:\.\d+)? \S+"
VOLATILE = (
    TIMESTAMP,  # printed before the output of every command: the time of this read
    r"Building configuration\.\.\.",
    r"!! Last configuration change at .*",
)

FREE_TEXT = (
    r"^\s*(?:!|(?:\d+ )?(?:description|remark)\s)|^snmp-server (?:location|contact)\s"
    r"|^\s*banner \S+"
)
# The marker before a value: `encrypted` or `7` (reversible), `clear` or `0` (clear text).
MARK = r"(?:(?:encrypted|clear|[07]) )?"
VALUE = r"(?P<s>\S+)"
# A trap or inform host and the community it is sent with (a user name for version 3).
SNMP_HOST = (
    r"\S+ (?:traps |informs )?+(?:version (?:1|2c) )?+(?!(?:version|traps|informs)\b)"
    rf"{MARK}{VALUE}"
)
AAA_SERVER = r"^(?:tacacs-server|radius-server|aaa group server)\b"


FORMS: tuple[Form, ...] = (
    ("secret", "secret", rf"(?:^|\s)secret (?:(?:[05789]|10) )?{VALUE}"),
    (
        "password (users, BGP and LDP neighbors, PPP, line templates)",
        "password",
        rf"(?:^|\s)password (?!inheritance-disable\b){MARK}{VALUE}",
    ),
    ("TACACS+/RADIUS server key", "key", rf"^\s+key {MARK}{VALUE}", AAA_SERVER),
    (
        "TACACS+/RADIUS key",
        "-server",
        rf"^(?:tacacs|radius)-server (?:host \S+ (?:\S+ )*?)?key {MARK}{VALUE}",
    ),
    ("RADIUS CoA client key", "server-key", rf"(?:^|\s)server-key {MARK}{VALUE}"),
    (
        "SNMP community",
        "community",
        rf"^snmp-server community(?:-map)? {MARK}{VALUE}",
    ),
    (
        "SNMP host community",
        "snmp-server",
        rf"^snmp-server host {SNMP_HOST}",
    ),
    ("SNMP host community (per VRF)", "host", rf"^\s+host {SNMP_HOST}", r"^snmp-server vrf "),
    (
        "SNMPv3 auth key",
        "auth",
        rf"^snmp-server user \S+ .*?\bauth (?:md5|sha) {MARK}{VALUE}",
    ),
    (
        "SNMPv3 privacy key",
        "priv",
        rf"^snmp-server user \S+ .*?\bpriv (?:des56|3des|aes \d+) {MARK}{VALUE}",
    ),
    ("OSPF MD5 key", "message-digest-key", rf"message-digest-key \d+ md5 {MARK}{VALUE}"),
    (
        "OSPF key",
        "authentication-key",
        rf"(?:^|\s)authentication-key (?!\d+ md5\b){MARK}{VALUE}",
    ),
    ("NTP key", "authentication-key", rf"^\s*authentication-key \d+ md5 {MARK}{VALUE}"),
    ("key chain key", "key-string", rf"^\s*key-string (?:password )?{MARK}{VALUE}"),
    (
        "IS-IS password",
        "-password",
        r"(?:^|\s)(?:lsp|hello)-password (?:(?:hmac-md5|text) )?"
        rf"(?!keychain\b){MARK}{VALUE}",
    ),
    ("HSRP text", "authentication", r"^\s+authentication (?P<s>\S+)$", r"^router hsrp\b"),
    ("VRRP text", "text-authentication", rf"^\s+text-authentication {VALUE}", r"^router vrrp\b"),
    (
        "pre-shared key",
        "pre-shared-key",
        rf"(?:^|\s)pre-shared-key (?:(?:local|remote) )?(?:password )?{MARK}{VALUE}",
    ),
)
SECRETS = (
    *rule_table(FORMS, FREE_TEXT),
    URL_PASSWORD,
    secret_rule("hash", "$", rf"(?P<s>{CRYPT}|\$10\$\S+)"),
)

PROSE = (ProseBlock(re.compile(r"^banner [\w-]+ (?P<d>\^C|\S)"), "{d}"),)

RESTORE = RestoreRules(
    comment="!",
    not_applied=re.compile(rf"^(?:end|Building configuration.*|{TIMESTAMP})$"),
    commit=True,
)

PLATFORM = register(
    Platform(
        device_type="cisco_xr",
        files=FILES,
        restore_file="running.cfg",
        hostname=cisco.HOSTNAME,
        prompt=cisco.PROMPT,  # RP/0/RP0/CPU0:pe-1#, RP/0/RP0/CPU0:pe-1(config-if)#
        pager=cisco.PAGER,
        refusal=lines(
            r"^\s*%? ?(?:Invalid input|Permission denied|This command is not authorized|"
            r"Incomplete command|Ambiguous command|Command authorization failed)\b.*$"
        ),
        enable=False,  # task groups decide what a user may read; XR has no enable mode
        exec_safe=True,
        volatile=VOLATILE,
        secrets=SECRETS,
        restore=RESTORE,
        ansible_network_os="cisco.iosxr.iosxr",
        prose=PROSE,
    )
)
