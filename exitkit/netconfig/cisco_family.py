"""What IOS, IOS-XE, NX-OS and EOS share: the `show running-config` layout, the refusals their
CLIs print, the prompt and pager. Each platform module takes these and adds its own."""

from __future__ import annotations

import re

from exitkit.netconfig.platform import ConfigFile, Platform, RestoreRules, lines
from exitkit.netconfig.secrets import ProseBlock, SecretRule

REFUSAL = lines(
    r"^\s*%? ?(?:Invalid (?:input|command)|Permission denied|Authorization (?:failed|denied)|"
    r"Command authorization failed|Incomplete command|Unknown command|Ambiguous command|"
    r"Command rejected|Not authorized|Access denied)\b.*$"
)
CONFIG = lines(r"^(?:hostname \S+|end|version \S.*|feature \S+|interface \S+)$")
HOSTNAME = lines(r"^hostname (\S+)\s*$")
PROMPT = re.compile(r"^[^\s#>]{1,80}(?:\([\w.\-/]+\))?[>#] ?$")
PAGER = re.compile(r"(?i)(?:-+ ?\(?more(?: \d+%)?\)? ?-+|<-+ more -+>)\s*$")


def files(
    running: str = "show running-config", startup: str = "show startup-config"
) -> tuple[ConfigFile, ...]:
    return (
        ConfigFile("running.cfg", running, CONFIG),
        ConfigFile("startup.cfg", startup, CONFIG),
    )


RESTORE = RestoreRules(
    comment="!",
    not_applied=re.compile(
        r"^(?:end|version .*|Building configuration.*|Current configuration.*|Using \d+ out of.*)$"
    ),
    commit=False,
)


def cisco_platform(
    device_type: str,
    *,
    enable: bool,
    volatile: tuple[str, ...],
    secrets: tuple[SecretRule, ...],
    prose: tuple[ProseBlock, ...],
    ansible_network_os: str,
) -> Platform:
    """A platform reading `show running-config` / `show startup-config` the Cisco way, with
    its own volatile lines, secrets and prose."""
    return Platform(
        device_type=device_type,
        files=files(),
        restore_file="running.cfg",
        hostname=HOSTNAME,
        prompt=PROMPT,
        pager=PAGER,
        refusal=REFUSAL,
        enable=enable,
        exec_safe=True,
        volatile=volatile,
        secrets=secrets,
        restore=RESTORE,
        ansible_network_os=ansible_network_os,
        prose=prose,
    )
