"""Juniper Junos: the set form (restorable with `load set` / commit) and the curly form."""

from __future__ import annotations

import re

from exitkit.netconfig.platform import ConfigFile, Platform, RestoreRules, lines
from exitkit.netconfig.platforms import register
from exitkit.netconfig.secrets import JUNOS_PROSE, JUNOS_RULES

VOLATILE = (
    r"## Last commit: .*",
    r"## Last changed: .*",
    r"\{(?:master|backup|primary|secondary|linecard|fpc)\d*(?::\d+)?\}",
)

SECRETS = JUNOS_RULES

PLATFORM = register(
    Platform(
        device_type="juniper_junos",
        files=(
            ConfigFile("configuration.set", "show configuration | display set", lines(r"^set \S+")),
            ConfigFile(
                "configuration.conf",
                "show configuration",
                lines(r"^(?:version \S+;|\S+ \{)$"),
            ),
        ),
        restore_file="configuration.set",
        hostname=lines(r"^set system host-name (\S+)\s*$"),
        prompt=re.compile(r"^(?:\{[\w:]+\}\s*)?[^\s]{1,120}[>#%] ?$"),
        pager=re.compile(r"(?i)-+ ?\(more(?: \d+%)?\) ?-+\s*$"),
        refusal=lines(
            r"^\s*(?:unknown command\.|syntax error.*|error: .*|permission denied.*|"
            r"invalid command.*)$"
        ),
        enable=False,
        exec_safe=True,
        volatile=VOLATILE,
        secrets=SECRETS,
        restore=RestoreRules(comment="#", not_applied=re.compile(r"^(?:## .*)$"), commit=True),
        ansible_network_os="junipernetworks.junos.junos",
        prose=JUNOS_PROSE,
    )
)
