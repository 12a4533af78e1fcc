"""Cisco IOS: `show running-config` / `show startup-config` in enable mode."""

from __future__ import annotations

from exitkit.netconfig import cisco_family as cisco
from exitkit.netconfig.platforms import register
from exitkit.netconfig.secrets import REST, TOKEN, cisco_banners, cisco_rules, rule, value

VOLATILE = (
    r"Building configuration\.\.\.",
    r"Current configuration ?: \d+ bytes",
    r"Using \d+ out of \d+ bytes(?:, uncompressed size = \d+ bytes)?",
    r"! Last configuration change at .*",
    r"! NVRAM config last updated at .*",
    r"! No configuration change since last restart",
    r"ntp clock-period \d+",
)

SECRETS = (
    *cisco_rules(REST),
    rule(
        "TACACS+/RADIUS server block key",
        "key ",
        rf"^\s+(?:pac )?key {value(REST)}",
        under=r"^(?:tacacs|radius) server ",
    ),
    rule(
        "RADIUS group private server key",
        "server-private",
        rf"^\s+server-private \S+ (?:\S+ )*?key {value(REST)}",
    ),
    rule(
        "Easy VPN group key",
        "key ",
        rf"^\s+(?:group \S+ )?key {value(REST)}",
        under=r"^crypto (?:isakmp client configuration group|ipsec client ezvpn) ",
    ),
    rule(
        "IKEv2 profile key",
        "pre-share",
        rf"authentication (?:local|remote) pre-share key {value(REST)}",
    ),
    rule("NHRP key", "nhrp", rf"^\s*ip nhrp authentication (?P<s>{TOKEN})"),
    rule("EIGRP HMAC key", "hmac-sha-256", rf"authentication mode hmac-sha-256 {value(REST)}"),
    rule(
        "wireless PSK", "wpa-psk|set-key", rf"(?:wpa-psk|psk set-key) (?:ascii|hex) {value(REST)}"
    ),
    rule("master key", "config-key", r"^key config-key password-encrypt (?P<s>.+)"),
)

PLATFORM = register(
    cisco.cisco_platform(
        "cisco_ios",
        enable=True,
        volatile=VOLATILE,
        secrets=SECRETS,
        prose=cisco_banners(),
        ansible_network_os="cisco.ios.ios",
    )
)
