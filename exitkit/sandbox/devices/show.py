"""What the `show` commands print on each platform, volatile header lines included.

Every read takes a fresh tick of the device clock, so two reads always differ in their
volatile lines (timestamps, `ntp clock-period`, byte counts) and never in the configuration.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from exitkit.sandbox.devices.cisco_config import CiscoConfig
from exitkit.sandbox.devices.device import DeviceState
from exitkit.sandbox.devices.junos_config import JunosConfig


def _ios_time(t: dt.datetime) -> str:
    return f"{t:%H:%M:%S} UTC {t:%a %b} {t.day} {t.year}"


def _unix_time(t: dt.datetime) -> str:
    return f"{t:%a %b %d %H:%M:%S %Y}"


def _cisco(config: CiscoConfig | JunosConfig) -> CiscoConfig:
    assert isinstance(config, CiscoConfig)
    return config


def _junos(config: CiscoConfig | JunosConfig) -> JunosConfig:
    assert isinstance(config, JunosConfig)
    return config


def _ios_body(state: DeviceState, config: CiscoConfig) -> list[str]:
    body = config.body_lines()
    at = next((i for i, line in enumerate(body) if line.startswith("ntp ")), None)
    if at is not None:  # IOS recomputes its clock period all the time
        body.insert(at, f"ntp clock-period {17179869 + random.randint(-4000, 4000)}")
    return body


def ios_config(state: DeviceState, startup: bool) -> list[str]:
    config = _cisco(state.startup if startup else state.running)
    when = _ios_time(state.tick())
    saved = _ios_time(state.saved_at if startup else state.tick())
    text = [
        "!",
        f"! Last configuration change at {when} by admin",
        f"! NVRAM config last updated at {saved} by admin",
        "!",
        *_ios_body(state, config),
        "!",
        "end",
    ]
    size = sum(len(line) + 1 for line in text)
    if startup:
        return [f"Using {size} out of 262144 bytes", *text]
    return ["Building configuration...", "", f"Current configuration : {size} bytes", *text]


def nxos_config(state: DeviceState, startup: bool) -> list[str]:
    config = _cisco(state.startup if startup else state.running)
    command = "show startup-config" if startup else "show running-config"
    head = [
        "",
        f"!Command: {command}",
        f"!Running configuration last done at: {_unix_time(state.tick())}",
        f"!Time: {_unix_time(state.tick())}",
    ]
    if startup:
        head.append(f"!Startup config saved at: {_unix_time(state.saved_at)}")
    return [*head, "", *config.body_lines()]


def eos_config(state: DeviceState, startup: bool) -> list[str]:
    config = _cisco(state.startup if startup else state.running)
    device = f"! device: {config.hostname()} (vEOS-lab, EOS-{state.dialect.software})"
    if startup:
        stamp = f"! Startup-config last modified at  {_unix_time(state.saved_at)} by admin"
        head = ["! Command: show startup-config", stamp, device]
    else:
        time = f"! Time: {_unix_time(state.tick())}"
        head = ["! Command: show running-config", device, time]
    boot = ["!", "! boot system flash:/vEOS-lab.swi", "!"]
    return [*head, *boot, *config.body_lines(), "!", "end"]


def junos_config(state: DeviceState, display_set: bool) -> list[str]:
    config = _junos(state.running)
    if display_set:
        return config.set_lines()
    stamp = f"{state.tick():%Y-%m-%d %H:%M:%S} UTC"
    return [f"## Last commit: {stamp} by admin", *config.brace_lines()]


def junos_candidate(state: DeviceState, candidate: JunosConfig, display_set: bool) -> list[str]:
    """`show` inside configuration mode: the candidate, stamped with when it last changed."""
    if display_set:
        return candidate.set_lines()
    return [f"## Last changed: {state.tick():%Y-%m-%d %H:%M:%S} UTC", *candidate.brace_lines()]


def _uptime(state: DeviceState) -> tuple[int, int, int, int]:
    seconds = int((dt.datetime.now(dt.UTC) - state.booted).total_seconds())
    return seconds // 86400, seconds % 86400 // 3600, seconds % 3600 // 60, seconds % 60


def _ios_version(state: DeviceState) -> list[str]:
    days, hours, minutes, _ = _uptime(state)
    host = state.running.hostname()
    sw = state.dialect.software
    return f"""Cisco IOS Software, C2900 Software (C2900-UNIVERSALK9-M), Version {sw}, \
RELEASE SOFTWARE (fc2)
Technical Support: http://www.cisco.com/techsupport
Copyright (c) 1986-2022 by Cisco Systems, Inc.
Compiled Tue 02-Aug-22 10:59 by prod_rel_team

ROM: System Bootstrap, Version 15.0(1r)M16, RELEASE SOFTWARE (fc1)

{host} uptime is {days // 7} weeks, {days % 7} days, {hours} hours, {minutes} minutes
System returned to ROM by power-on
System image file is "flash0:c2900-universalk9-mz.SPA.159-3.M7.bin"

cisco {state.dialect.model} (revision 1.0) with 483328K/40960K bytes of memory.
Processor board ID FTX{state.serial[:8]}
3 Gigabit Ethernet interfaces
255K bytes of non-volatile configuration memory.
250880K bytes of ATA System CompactFlash 0 (Read/Write)

Configuration register is 0x2102""".splitlines()


def _nxos_version(state: DeviceState) -> list[str]:
    days, hours, minutes, seconds = _uptime(state)
    return f"""Cisco Nexus Operating System (NX-OS) Software
TAC support: http://www.cisco.com/tac
Copyright (C) 2002-2021, Cisco and/or its affiliates.
All rights reserved.

Software
  NXOS: version {state.dialect.software}
  NXOS image file is: bootflash:///nxos.9.3.8.bin
  NXOS compile time:  8/18/2021 16:00:00 [08/19/2021 00:28:34]

Hardware
  cisco {state.dialect.model}
  with 16399900 kB of memory.
  Processor Board ID {state.serial}

  Device name: {state.running.hostname()}
  bootflash:    4287040 kB

Kernel uptime is {days} day(s), {hours} hour(s), {minutes} minute(s), {seconds} second(s)\
""".splitlines()


def _eos_version(state: DeviceState) -> list[str]:
    days, hours, minutes, _ = _uptime(state)
    sw = state.dialect.software
    return f"""Arista {state.dialect.model}
Hardware version:
Serial number: {state.serial}
System MAC address: 5000.00{state.serial[:2].lower()}.0000

Software image version: {sw}
Architecture: x86_64
Internal build version: {sw}-33797590.4310F

Uptime: {days // 7} weeks, {days % 7} days, {hours} hours and {minutes} minutes
Total memory: 3983616 kB
Free memory: 2411032 kB""".splitlines()


def _junos_version(state: DeviceState) -> list[str]:
    build = "[20220201.3b7c4ba_builder_stable_12_214]"
    return [
        f"Hostname: {state.running.hostname()}",
        f"Model: {state.dialect.model}",
        f"Junos: {state.dialect.software}",
        f"JUNOS OS Kernel 64-bit  {build}",
        f"JUNOS OS libs {build}",
        f"JUNOS OS runtime {build}",
        f"JUNOS mx runtime [{state.dialect.software}]",
    ]


VERSION: dict[str, Callable[[DeviceState], list[str]]] = {
    "cisco_ios": _ios_version,
    "cisco_nxos": _nxos_version,
    "arista_eos": _eos_version,
    "juniper_junos": _junos_version,
}

CONFIG: dict[str, Callable[[DeviceState, bool], list[str]]] = {
    "cisco_ios": ios_config,
    "cisco_nxos": nxos_config,
    "arista_eos": eos_config,
}


def stored_config(state: DeviceState) -> str:
    """The running configuration as the device shows it, minus every volatile line."""
    config = state.running
    if isinstance(config, JunosConfig):
        return "\n".join(config.brace_lines()) + "\n"
    return "\n".join(config.body_lines()) + "\n"
