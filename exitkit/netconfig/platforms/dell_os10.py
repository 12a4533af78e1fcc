"""Dell EMC SmartFabric OS10: `show running-configuration` / `show startup-configuration` after
`terminal length 0`, through netmiko's dell_os10 driver. Local passwords are shown as SHA-512
crypt hashes (`$6$`); `enable password` names its hash (`sha-256`, `sha-512`); server, NTP and
routing keys are shown encrypted after a `9` (or in clear after a `0`)."""

from __future__ import annotations

import re

from exitkit.netconfig import cisco_family as cisco
from exitkit.netconfig.platform import ConfigFile, Platform, RestoreRules, lines
from exitkit.netconfig.platforms import register
from exitkit.netconfig.secrets import (
    NOT_A_PASSWORD,
    TOKEN,
    cisco_banners,
    cisco_rules,
    rule,
)

VOLATILE = (
    r"! Last configuration change at .*",
    r"! Startup-config last updated at .*",
)

# An encryption marker (kept) before a value: `0` clear, `9` encrypted, `sha-256`/`sha-512`
# hashed (`enable password`).
VALUE = rf"(?:(?:0|7|9|sha-256|sha-512) )?(?P<s>{TOKEN})"

# The Cisco-family forms OS10 writes the same way (its values are always one word).
SHARED = frozenset(
    (
        "NTP key",
        "OSPF key",
        "OSPF MD5 key",
        "key chain key",
        "SNMP community",
        "SNMP host community",
        "password in a URL",
        "hash",
    )
)

SECRETS = (
    *(r for r in cisco_rules(TOKEN) if r.name in SHARED),
    # A local account's password has no marker: `username u password 0 role ...` sets "0".
    rule(
        "local account password",
        "password",
        rf"^(?:username|system-user) \S+ password (?P<s>{TOKEN})",
    ),
    rule(
        "password",
        "password",
        rf"^(?!(?:username|system-user) )(?:.*\s)?(?:bind-)?password {NOT_A_PASSWORD}"
        rf"(?!(?:sha-256|sha-512)\s*$){VALUE}",
    ),
    # `snmp-server user NAME GROUP 3 [encrypted] auth sha KEY priv aes KEY`: no marker.
    rule(
        "SNMPv3 auth key",
        "snmp-server user",
        rf"^snmp-server user \S+ \S+ \S+ (?:encrypted )?auth (?:md5|sha) (?P<s>{TOKEN})",
    ),
    rule(
        "SNMPv3 privacy key",
        "snmp-server user",
        rf"^snmp-server user \S+ \S+ \S+ (?:encrypted )?auth .*\spriv (?:des|aes) (?P<s>{TOKEN})",
    ),
    rule(
        "RADIUS/TACACS+ key",
        "radius-server|tacacs-server",
        rf"^(?:radius|tacacs)-server (?:\S+ )*?key {VALUE}",
    ),
    rule(
        "VRRP authentication",
        "authentication-type",
        rf"^\s*authentication-type simple {VALUE}",
    ),
    rule("MACsec CAK", "cak", rf"\bmka pre-shared-key .*?\bcak {VALUE}"),
)

CONFIG = lines(r"^(?:! Version \S+|hostname \S+)\s*$")

PLATFORM = register(
    Platform(
        device_type="dell_os10",
        files=(
            ConfigFile("running.cfg", "show running-configuration", CONFIG),
            ConfigFile("startup.cfg", "show startup-configuration", CONFIG),
        ),
        restore_file="running.cfg",
        hostname=cisco.HOSTNAME,
        prompt=cisco.PROMPT,
        pager=cisco.PAGER,
        refusal=lines(
            r"^\s*%? ?(?:Error: .*|Invalid (?:input|command).*|Permission denied.*|"
            r"Command authorization failed.*|Access denied.*)$"
        ),
        enable=False,  # a sysadmin lands at `#`; roles, not enable, decide what one may read
        exec_safe=False,  # read in the CLI shell (clish), as netmiko and network_cli do
        volatile=VOLATILE,
        secrets=SECRETS,
        restore=RestoreRules(
            comment="!",
            not_applied=re.compile(r"^(?:end|! .*)$"),
            commit=False,
        ),
        ansible_network_os="dellemc.os10.os10",
        prose=cisco_banners(),
    )
)
