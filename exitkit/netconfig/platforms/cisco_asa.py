"""Cisco ASA: `show running-config` in enable mode, and the system execution space of a firewall in
multiple-context mode (`changeto system`).

`show running-config` shows every key as `*****`; only `more system:running-config` shows them in
clear, so that command is used when the export seals an unredacted copy, never otherwise. The
redacted view hides both spellings alike, so it does not depend on which command was read.
In multiple-context mode the login lands in a context (the admin context for the management
address): `running.cfg` is that context, `system.cfg` the system execution space, which lists
every context and its `config-url`; each other context is its own asset (its own management
address). In single-context mode `changeto system` is refused, the refusal is left aside, and
`system.cfg` holds the device's one configuration again.
"""

from __future__ import annotations

import re

from exitkit.netconfig import cisco_family as cisco
from exitkit.netconfig.platform import ConfigFile, Platform, RestoreRules, lines
from exitkit.netconfig.platforms import register
from exitkit.netconfig.rule_table import Form, rule_table, secret_rule
from exitkit.netconfig.secrets import CRYPT, TOKEN, URL_PASSWORD, ProseBlock

CONFIG = lines(r"^(?:ASA Version \S.*|hostname \S+|: end|interface \S+)$")
SHOW, CLEAR = "show running-config", "more system:running-config"

FILES = (
    ConfigFile("running.cfg", SHOW, CONFIG, sealed_command=CLEAR),
    # `changeto system` last: the session is not brought back to the context it logged in to.
    ConfigFile("system.cfg", SHOW, CONFIG, sealed_command=CLEAR, before=("changeto system",)),
)

VOLATILE = (
    r": Written by \S+ at .*",  # who saved the configuration last, and when
    r": Saved",
    # An MD5 of the whole configuration, keys in clear included: it says nothing restorable,
    # and in the redacted view it would tell that a hidden key changed.
    r"Cryptochecksum:\s*[0-9a-fA-F]+",
)

# Prose: descriptions, remarks and one-line banners (`banner motd <text>`, one line each).
FREE_TEXT = (
    r"^\s*(?:!|:|(?:description|remark)\s)|^access-list \S+ (?:line \d+ )?remark\s"
    r"|^banner \S+|^snmp-server (?:location|contact)\s|^name \S+ \S+ description\s"
)
# An optional encryption marker before a key: `8` once a master passphrase encrypts them
# (`password encryption aes`), `0` for clear text.
MARK = r"(?:[08] (?!(?:version|udp-port|timeout|key-id)\b))?"
VALUE = r"(?P<s>\S+)"


FORMS: tuple[Form, ...] = (
    ("enable password", "password", rf"^enable password (?:level \d+ )?{VALUE}"),
    ("login password", "passwd", rf"^passwd {VALUE}"),
    ("local user password", "password", rf"^username \S+ password {VALUE}"),
    ("AAA server key", "key", rf"^\s+key {MARK}{VALUE}", r"^aaa-server \S+ "),
    (
        "AAA server key, typed on the host line",
        "host",
        rf"^aaa-server \S+ (?:\(\S+\) )?host \S+ (?!timeout\b){VALUE}",
    ),
    (
        "RADIUS common or LDAP login password",
        "radius-common-pw ldap-login-password",
        rf"^\s+(?:radius-common-pw|ldap-login-password) {MARK}{VALUE}",
    ),
    (
        "tunnel-group pre-shared key",
        "pre-shared-key",
        r"^\s+(?:ikev1 |ikev2 (?:remote|local)-authentication )?pre-shared-key "
        rf"{MARK}{VALUE}",
    ),
    ("failover key", "failover", rf"^failover key (?:hex )?{MARK}{VALUE}"),
    ("failover IPsec key", "failover", rf"^failover ipsec pre-shared-key {MARK}{VALUE}"),
    ("SNMP community", "community", rf"^snmp-server community {MARK}{VALUE}"),
    ("SNMP host community", "community", rf"^snmp-server host .* community {MARK}{VALUE}"),
    (
        "SNMPv3 auth key",
        "auth",
        rf"^snmp-server user \S+ .*\bauth (?:md5|sha(?:224|256|384|512)?) {VALUE}",
    ),
    (
        "SNMPv3 privacy key",
        "priv",
        rf"^snmp-server user \S+ .*\bpriv (?:des|3des|aes (?:128|192|256)) {VALUE}",
    ),
    ("NTP key", "ntp", rf"^ntp authentication-key \d+ (?:md5|sha\d*|cmac) {VALUE}"),
    (
        "OSPF MD5 key",
        "message-digest-key",
        rf"(?:^|\s)message-digest-key \d+ md5 {MARK}{VALUE}",
    ),
    ("OSPF key", "authentication-key", rf"^\s*ospf authentication-key {MARK}{VALUE}"),
    (
        "EIGRP key",
        "eigrp",
        rf"^\s*authentication key eigrp \d+ {MARK}(?P<s>\S+)(?= key-id \d+)",
    ),
    (
        "OSPFv3 IPsec key",
        "ipsec",
        r"authentication ipsec spi \d+ (?:md5|sha1)" rf" {MARK}{VALUE}",
    ),
    ("BGP neighbor password", "password", rf"^\s+neighbor \S+ password {MARK}{VALUE}"),
    ("dynamic DNS password", "password", rf"^\s+dyndns username \S+ password {VALUE}"),
    ("VPDN password", "vpdn", rf"^vpdn username \S+ password {VALUE}"),
    ("WCCP password", "wccp", rf"^wccp \S+ .*\bpassword {MARK}{VALUE}"),
    ("password", "password", rf"^\s*password {MARK}(?!encryption\b){VALUE}"),
    (
        "password at the end of a line",
        "password",
        rf"\spassword {MARK}(?!encryption\b)(?P<s>{TOKEN})$",
    ),
)
SECRETS = (
    *rule_table(FORMS, FREE_TEXT),
    URL_PASSWORD,
    secret_rule("hash", "$", rf"(?P<s>{CRYPT}|\$sha512\$\d+\$\S+)"),
)

PROSE = (ProseBlock(re.compile(r"^banner (?:motd|login|exec|asdm) "), r"$"),)

RESTORE = RestoreRules(
    comment="!",
    not_applied=re.compile(r"^(?::.*|ASA Version .*|Cryptochecksum:.*|end)$"),
    commit=False,
)

PLATFORM = register(
    Platform(
        device_type="cisco_asa",
        files=FILES,
        restore_file="running.cfg",
        hostname=cisco.HOSTNAME,
        prompt=cisco.PROMPT,  # `fw-1/admin(config)#` in multiple-context mode
        pager=cisco.PAGER,  # `<--- More --->`
        refusal=lines(
            r"^\s*(?:ERROR: )?%? ?(?:Invalid input|Command authorization failed|"
            r"Permission denied|Access denied|Incomplete command)\b.*$"
        ),
        enable=True,
        # The ASA's SSH server takes no command on an exec channel: a shell it is.
        exec_safe=False,
        volatile=VOLATILE,
        secrets=SECRETS,
        restore=RESTORE,
        ansible_network_os="cisco.asa.asa",
        prose=PROSE,
    )
)
