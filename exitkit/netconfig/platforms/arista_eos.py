"""Arista EOS: the IOS-like CLI, enable mode to read, its own volatile header lines."""

from __future__ import annotations

import re

from exitkit.netconfig import cisco_family as cisco
from exitkit.netconfig.platforms import register
from exitkit.netconfig.secrets import REST, ProseBlock, cisco_banners, cisco_rules, rule

VOLATILE = (
    r"! Command: show (?:running|startup)-config.*",
    r"! Time: .*",
    r"! Startup-config last modified at .*",
)

SECRETS = (
    *cisco_rules(REST),
    rule(
        "MACsec CAK",
        "key ",
        r"^\s+key \S+ (?:(?:[1-9]|8a) |0 )?(?P<s>\S+)",
        under=r"^mac security\b",
    ),
    rule(
        "shared secret",
        "secret",
        r"^\s+secret \S+ (?:(?:[1-9]|8a) |0 )?(?P<s>\S+)",
        under=r"^management security\b",
    ),
    rule("CloudVision key", "cvauth", r"-cvauth=key,(?P<s>[^\s,]+)"),
)
# Banners, and `comment` blocks: both run to a line `EOF`.
PROSE = (*cisco_banners(), ProseBlock(re.compile(r"^\s*comment\s*$"), r"^\s*EOF\s*$"))

PLATFORM = register(
    cisco.cisco_platform(
        "arista_eos",
        enable=True,
        volatile=VOLATILE,
        secrets=SECRETS,
        prose=PROSE,
        ansible_network_os="arista.eos.eos",
    )
)
