"""Cisco IOS: `show running-config` / `show startup-config` in enable mode."""

from __future__ import annotations

from exitkit.netconfig import cisco_family as cisco
from exitkit.netconfig.platform import Platform
from exitkit.netconfig.platforms import register
from exitkit.netconfig.secrets import REST, cisco_rules

VOLATILE = (
    r"Building configuration\.\.\.",
    r"Current configuration ?: \d+ bytes",
    r"Using \d+ out of \d+ bytes(?:, uncompressed size = \d+ bytes)?",
    r"! Last configuration change at .*",
    r"! NVRAM config last updated at .*",
    r"! No configuration change since last restart",
    r"ntp clock-period \d+",
)

SECRETS = cisco_rules(REST)

PLATFORM = register(
    Platform(
        device_type="cisco_ios",
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
        ansible_network_os="cisco.ios.ios",
    )
)
