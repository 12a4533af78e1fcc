"""Cisco NX-OS: the role decides what may be read (no enable mode); options may follow a
password on the same line (`role ...`), so a password is one token."""

from __future__ import annotations

from exitkit.netconfig import cisco_family as cisco
from exitkit.netconfig.platforms import register
from exitkit.netconfig.secrets import TOKEN, cisco_banners, cisco_rules, rule, value

VOLATILE = (
    r"!Command: show (?:running|startup)-config.*",
    r"!Running configuration last done at: .*",
    r"!Time: .*",
    r"!Startup config saved at: .*",
)

SECRETS = (
    *cisco_rules(TOKEN),
    rule("PIM hello key", "hello-authentication", rf"hello-authentication ah-md5 {value(TOKEN)}"),
    rule("MACsec CAK", "key-octet-string", rf"key-octet-string {value(TOKEN)}"),
    rule("BFD key", "key-id", r"key-id \d+ (?:hex-)?key (?P<s>\S+)"),
    rule("master key", "config-key", r"^key config-key ascii (?P<s>.+)"),
)

PLATFORM = register(
    cisco.cisco_platform(
        "cisco_nxos",
        enable=False,
        volatile=VOLATILE,
        secrets=SECRETS,
        prose=cisco_banners(),
        ansible_network_os="cisco.nxos.nxos",
    )
)
