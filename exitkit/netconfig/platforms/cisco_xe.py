"""Cisco IOS-XE: the IOS command set, configuration layout and secrets; its own netmiko driver."""

from __future__ import annotations

from dataclasses import replace

from exitkit.netconfig.platforms import cisco_ios, register

PLATFORM = register(replace(cisco_ios.PLATFORM, device_type="cisco_xe"))
