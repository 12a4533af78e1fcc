"""Aruba AOS-CX: `show running-config` and `show startup-config` after `no page`, through
netmiko's aruba_aoscx driver. The switch shows every secret it stores as `ciphertext` (AES
under the export password; `!export-password: default` means a key every AOS-CX shares, so the
value is as good as clear); a typed-in configuration says `plaintext`. SNMP communities are
shown in clear."""

from __future__ import annotations

import re

from exitkit.netconfig.platform import ConfigFile, Platform, RestoreRules, lines
from exitkit.netconfig.platforms import register
from exitkit.netconfig.secrets import TOKEN, URL_PASSWORD, cisco_banners, rule

# The header naming which configuration is shown: about the read, and refused on a restore.
VOLATILE = (
    r"Current configuration:",
    r"Startup configuration:",
)

# Prose on AOS-CX: descriptions, aliases, `!` comments and the SNMP system location/contact.
FREE_TEXT = (
    r"^\s*(?:!|description\s|alias\s|name\s)|^snmp-server system-(?:location|contact)\s"
    r"|^\s*(?:system-location|system-contact)\s"
)
VALUE = rf"(?P<s>{TOKEN})"

SECRETS = (
    # `user admin group administrators password ciphertext AQBap...`, `key ciphertext`,
    # `auth-pass ciphertext`, `priv-pass ciphertext`, `secret-key ciphertext`, `md5 ciphertext`,
    # `cak ciphertext`: every stored secret carries one of these two markers, and only secrets do.
    rule(
        "ciphertext or plaintext secret",
        "ciphertext|plaintext",
        rf"(?:^|\s)(?:ciphertext|plaintext) {VALUE}",
        free_text=FREE_TEXT,
    ),
    rule(
        "SNMP community",
        "snmp-server community",
        rf"^snmp-server community {VALUE}",
        free_text=FREE_TEXT,
    ),
    rule(
        "SNMP trap receiver community",
        "community",
        rf"^snmp-server host \S+ (?:\S+ )*?community {VALUE}",
        free_text=FREE_TEXT,
    ),
    URL_PASSWORD,
)

CONFIG = lines(r"^(?:!Version ArubaOS-CX \S+|hostname \S+)\s*$")

PLATFORM = register(
    Platform(
        device_type="aruba_aoscx",
        files=(
            ConfigFile("running.cfg", "show running-config", CONFIG),
            ConfigFile("startup.cfg", "show startup-config", CONFIG),
        ),
        restore_file="running.cfg",
        hostname=lines(r"^hostname (\S+)\s*$"),
        prompt=re.compile(r"^[^\s#>]{1,80}(?:\([\w.\-/]+\))?[>#] ?$"),
        pager=re.compile(
            r"(?i)-+ ?\(?more(?: \d+%)?\)? ?-+(?:, next page: Space, next line: Enter, "
            r"quit: Control-C)?\s*$"
        ),
        refusal=lines(
            r"^\s*%? ?(?:Invalid input: .*|Command incomplete\.?|Ambiguous command\.?|"
            r"Insufficient privilege.*|Permission denied.*|Command authorization failed.*|"
            r"Access denied.*)$"
        ),
        enable=False,  # an administrator lands at `#`; an operator's role decides, not enable
        exec_safe=False,  # read in the CLI shell, as netmiko and network_cli do
        volatile=VOLATILE,
        secrets=SECRETS,
        restore=RestoreRules(
            comment="!",
            not_applied=re.compile(r"^(?:Current configuration:|Startup configuration:)$"),
            commit=False,
        ),
        ansible_network_os="arubanetworks.aoscx.aoscx",
        prose=cisco_banners(),
    )
)
