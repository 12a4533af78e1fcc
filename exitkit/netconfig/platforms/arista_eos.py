"""Arista EOS: the IOS-like CLI, enable mode to read, its own volatile header lines."""

from __future__ import annotations

from exitkit.netconfig import cisco_family as cisco
from exitkit.netconfig.platform import Platform
from exitkit.netconfig.platforms import register
from exitkit.netconfig.secrets import REST, cisco_rules

VOLATILE = (
    r"! Command: show (?:running|startup)-config.*",
    r"! Time: .*",
    r"! Startup-config last modified at .*",
)

SECRETS = cisco_rules(REST)

PLATFORM = register(
    Platform(
        device_type="arista_eos",
        files=cisco.files(),
        restore_file="running.cfg",
        hostname=cisco.HOSTNAME,
        prompt=cisco.PROMPT,
        pager=cisco.PAGER,
        refusal=cisco.REFUSAL,
        enable=True,
        exec_safe=True,
        volatile=VOLATILE,
        secrets=SECRETS,
        restore=cisco.RESTORE,
        ansible_network_os="arista.eos.eos",
    )
)
