"""The SSH device emulators, seen through netmiko's real drivers as the network exporter sees them."""

from __future__ import annotations

import random
import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import paramiko
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from netmiko import (
    BaseConnection,
    ConnectHandler,
    NetmikoAuthenticationException,
    NetmikoTimeoutException,
    ReadTimeout,
)

from exitkit.sandbox.devices import PLATFORMS, DeviceFarm, DeviceSpec, EmulatedDevice, Fault, serve
from exitkit.sandbox.devices.default_configs import starting_config
from exitkit.sandbox.devices.device import DeviceState
from exitkit.sandbox.devices.junos_config import JunosConfig
from exitkit.sandbox.devices.show import stored_config
from exitkit.sandbox.pytest_plugin import DeviceFarmFactory

# What changes on every read, per platform: the exporter's normalisation must drop these.
VOLATILE = {
    "cisco_ios": r"Building configuration\.\.\.|Current configuration : \d+ bytes|"
    r"! Last configuration change at .*|! NVRAM config last updated at .*|ntp clock-period \d+",
    "cisco_nxos": r"!Command: .*|!Running configuration last done at: .*|!Time: .*",
    "arista_eos": r"! Command: .*|! Time: .*",
    "juniper_junos": r"## Last commit: .*|## Last changed: .*",
}
SHOW_CONFIG = {
    "cisco_ios": "show running-config",
    "cisco_nxos": "show running-config",
    "arista_eos": "show running-config",
    "juniper_junos": "show configuration | display set",
}
SOFTWARE = {
    "cisco_ios": "Version 15.9(3)M7",
    "cisco_nxos": "NXOS: version 9.3(8)",
    "arista_eos": "Software image version: 4.31.0F",
    "juniper_junos": "Junos: 21.4R3.15",
}
CISCO_STYLE = ("cisco_ios", "cisco_nxos", "arista_eos")


def normalise(text: str, platform: str) -> list[str]:
    volatile = re.compile(f"^(?:{VOLATILE[platform]})$")
    return [line for line in text.splitlines() if line.strip() and not volatile.match(line)]


def body(text: str, device: EmulatedDevice) -> list[str]:
    """A Cisco-style configuration from its hostname line on, volatile lines removed."""
    lines = normalise(text, device.platform)
    return lines[lines.index(f"hostname {device.hostname}") :]


def first(farm: DeviceFarm, platform: str) -> EmulatedDevice:
    return next(d for d in farm.devices if d.platform == platform)


@contextmanager
def connected(device: EmulatedDevice, **options: object) -> Iterator[BaseConnection]:
    conn = ConnectHandler(**{**device.netmiko_kwargs(), **options})
    try:
        conn.enable()
        yield conn
    finally:
        conn.disconnect()


def export(device: EmulatedDevice) -> str:
    with connected(device) as conn:
        return str(conn.send_command(SHOW_CONFIG[device.platform]))


def apply(device: EmulatedDevice, lines: list[str]) -> None:
    """Configure the way an operator's script would: send_config_set, and commit on Junos."""
    with connected(device) as conn:
        if device.platform == "juniper_junos":
            conn.send_config_set(lines, exit_config_mode=False)
            conn.commit()
            conn.exit_config_mode()
        else:
            conn.send_config_set(lines)


@pytest.mark.parametrize("platform", PLATFORMS)
def test_netmiko_connects_prepares_the_session_and_exports_the_configuration(
    device_farm: DeviceFarm, platform: str
) -> None:
    device = first(device_farm, platform)
    with connected(device) as conn:
        prompt = conn.find_prompt()
        running = str(conn.send_command(SHOW_CONFIG[platform]))
        version = str(conn.send_command("show version"))
        startup = (
            "" if platform == "juniper_junos" else str(conn.send_command("show startup-config"))
        )
        braces = str(conn.send_command("show configuration")) if platform == "juniper_junos" else ""

    assert device.hostname in prompt and SOFTWARE[platform] in version
    if platform == "juniper_junos":
        assert prompt == f"{device.username}@{device.hostname}>"
        assert all(line.startswith("set ") for line in running.splitlines())
        assert f"set system host-name {device.hostname}" in running
        assert braces.splitlines()[0].startswith("## Last commit: ")
        assert f"    host-name {device.hostname};" in braces
    else:
        assert prompt == f"{device.hostname}#"
        assert body(startup, device) == body(running, device)


@pytest.mark.parametrize("platform", CISCO_STYLE)
def test_ios_and_eos_show_their_configuration_only_after_enable(
    device_farm: DeviceFarm, platform: str
) -> None:
    device = first(device_farm, platform)
    conn = ConnectHandler(**device.netmiko_kwargs())
    try:
        before = str(conn.send_command("show running-config"))
        conn.enable()
        after = str(conn.send_command("show running-config"))
    finally:
        conn.disconnect()

    if platform == "cisco_nxos":  # no enable: the login lands in the privileged prompt
        assert f"hostname {device.hostname}" in before
    else:
        assert "% Invalid input" in before and "hostname" not in before
    assert f"hostname {device.hostname}" in after


def read_until(channel: paramiko.Channel, pattern: str, timeout: float = 5) -> str:
    seen, deadline = "", time.monotonic() + timeout
    while not re.search(pattern, seen) and time.monotonic() < deadline:
        if channel.recv_ready():
            seen += channel.recv(65535).decode()
        else:
            time.sleep(0.02)
    assert re.search(pattern, seen), f"{pattern!r} never came; got {seen[-300:]!r}"
    return seen


@pytest.mark.parametrize("platform", PLATFORMS)
def test_a_client_that_does_not_disable_paging_meets_the_pager(
    device_farm: DeviceFarm, platform: str
) -> None:
    device = first(device_farm, platform)
    client = paramiko.SSHClient()
    client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
    client.connect(device.host, device.port, device.username, device.password, look_for_keys=False)
    try:
        shell = client.invoke_shell()
        read_until(shell, r"[>#] ?$")
        if platform in ("cisco_ios", "arista_eos"):
            shell.send(f"enable\n{device.secret}\n".encode())
            read_until(shell, r"#$")
        command = "show configuration" if platform == "juniper_junos" else "show running-config"
        shell.send(f"{command}\n".encode())
        pager = r"---\(more\)---" if platform == "juniper_junos" else r" --More-- "
        first_page = read_until(shell, pager)
        shell.send(b" ")
        second_page = read_until(shell, pager)
        shell.send(b"q")
        read_until(shell, r"[>#] ?$")
    finally:
        client.close()

    assert len(first_page.splitlines()) < 40
    assert second_page.strip() and second_page not in first_page


@pytest.mark.parametrize("platform", CISCO_STYLE)
def test_lines_sent_with_send_config_set_land_under_their_interface(
    device_farm: DeviceFarm, platform: str
) -> None:
    device = first(device_farm, platform)
    with connected(device) as conn:
        conn.send_config_set(
            ["interface Loopback42", "description restored by exitkit", "ntp server 10.9.9.9"]
        )
        unsaved = str(conn.send_command("show startup-config", expect_string=r"#"))
        conn.save_config()
        saved = str(conn.send_command("show startup-config", expect_string=r"#"))

    shown = device_farm.config_of(device.name).splitlines()
    assert "Loopback42" not in unsaved and "interface Loopback42" in saved.splitlines()

    indent = {"cisco_ios": " ", "cisco_nxos": "  ", "arista_eos": "   "}[platform]
    block = shown.index("interface Loopback42")
    assert shown[block + 1] == f"{indent}description restored by exitkit"
    assert "ntp server 10.9.9.9" in shown  # a global command typed in a sub-mode leaves it


def test_junos_applies_set_lines_only_once_committed(device_farm: DeviceFarm) -> None:
    device = first(device_farm, "juniper_junos")
    with connected(device) as conn:
        conn.send_config_set(['set interfaces ge-0/0/5 description "restored by exitkit"'])
        discarded = str(conn.send_command("show configuration | display set"))
    apply(device, ['set interfaces ge-0/0/5 description "restored by exitkit"'])

    assert "ge-0/0/5" not in discarded  # exit configuration-mode without commit drops it
    assert 'set interfaces ge-0/0/5 description "restored by exitkit"' in export(device)
    assert '        description "restored by exitkit";' in device_farm.config_of(device.name)


@pytest.mark.parametrize("platform", PLATFORMS)
def test_a_configuration_restored_onto_a_blank_device_exports_the_same(
    device_farm: DeviceFarm, platform: str
) -> None:
    source = first(device_farm, platform)
    exported = export(source)
    blank = device_farm.add_blank_device(platform)
    assert normalise(export(blank), platform) != normalise(exported, platform)

    apply(blank, exported.splitlines())

    assert normalise(export(blank), platform) == normalise(exported, platform)


@pytest.mark.parametrize("platform", PLATFORMS)
def test_two_reads_differ_only_in_volatile_lines(device_farm: DeviceFarm, platform: str) -> None:
    device = first(device_farm, platform)
    command = "show configuration" if platform == "juniper_junos" else "show running-config"
    with connected(device) as conn:
        one, two = (str(conn.send_command(command)) for _ in range(2))

    assert one != two
    assert normalise(one, platform) == normalise(two, platform)


@pytest.mark.parametrize("platform", PLATFORMS)
def test_every_planted_secret_is_in_the_raw_export(device_farm: DeviceFarm, platform: str) -> None:
    device = first(device_farm, platform)
    exported = export(device)

    assert len(device.planted_secrets) >= 8
    assert [s for s in device.planted_secrets if s not in exported] == []


def test_a_rejected_password_is_an_authentication_failure(device_farm: DeviceFarm) -> None:
    device = first(device_farm, "cisco_ios")
    device_farm.set_fault(device.name, Fault.REJECT_PASSWORD)

    with pytest.raises(NetmikoAuthenticationException):
        ConnectHandler(**device.netmiko_kwargs())


def test_a_device_that_stops_listening_refuses_the_connection(device_farm: DeviceFarm) -> None:
    device = first(device_farm, "cisco_nxos")
    device_farm.set_fault(device.name, Fault.REFUSE)

    with pytest.raises(NetmikoTimeoutException, match="TCP connection to device failed"):
        ConnectHandler(**device.netmiko_kwargs())
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection((device.host, device.port), timeout=2).close()

    device_farm.set_fault(device.name, Fault.NONE)
    assert f"hostname {device.hostname}" in export(device)  # same port, listening again


def test_a_hung_device_times_out_waiting_for_the_ssh_banner(device_farm: DeviceFarm) -> None:
    device = first(device_farm, "arista_eos")
    device_farm.set_fault(device.name, Fault.HANG)
    started = time.monotonic()

    with pytest.raises(NetmikoTimeoutException):
        ConnectHandler(**device.netmiko_kwargs(), conn_timeout=1, banner_timeout=1)

    assert time.monotonic() - started < 5


@pytest.mark.parametrize("platform", PLATFORMS)
def test_a_connection_dropped_mid_export_ends_in_a_read_timeout(
    device_farm: DeviceFarm, platform: str
) -> None:
    device = first(device_farm, platform)
    device_farm.set_fault(device.name, Fault.DROP_MID_OUTPUT)
    conn = ConnectHandler(**device.netmiko_kwargs())
    conn.enable()
    assert str(conn.send_command("show version"))  # only configuration dumps are cut

    with pytest.raises(ReadTimeout):  # netmiko never returns the half it received
        conn.send_command(SHOW_CONFIG[platform], read_timeout=1)

    assert not conn.is_alive()
    conn.disconnect()


def test_a_slow_device_answers_every_command_late(device_farm: DeviceFarm) -> None:
    device = first(device_farm, "juniper_junos")
    with connected(device) as conn:
        device_farm.set_delay(device.name, 0.3)
        started = time.monotonic()
        conn.send_command("show version")
        slow = time.monotonic() - started
        device_farm.set_delay(device.name, 0)
        started = time.monotonic()
        conn.send_command("show version")
        fast = time.monotonic() - started

    assert slow >= 0.3 > fast


@pytest.mark.parametrize("platform", PLATFORMS)
def test_a_touched_configuration_differs_in_one_line(
    device_farm: DeviceFarm, platform: str
) -> None:
    device = first(device_farm, platform)
    before = normalise(export(device), platform)

    line = device_farm.touch_config(device.name)
    after = normalise(export(device), platform)

    changed = set(after) ^ set(before)
    assert len(changed) in (1, 2) and any("touched-1" in c for c in changed), (line, changed)


def test_a_configuration_can_be_replaced_from_the_test(device_farm: DeviceFarm) -> None:
    device = first(device_farm, "arista_eos")
    device_farm.set_config(device.name, "hostname edge-9\ninterface Ethernet1\n   shutdown\n")

    shown = export(device)

    assert "hostname edge-9" in shown and "interface Ethernet1\n   shutdown" in shown
    assert "username" not in shown


def test_hundreds_of_devices_start_in_one_process(device_farm_factory: DeviceFarmFactory) -> None:
    started = time.monotonic()
    farm = device_farm_factory(count=240)
    took = time.monotonic() - started

    devices = farm.devices
    assert len({d.port for d in devices}) == 240 and took < 10
    for device in (devices[0], devices[-1]):
        assert device.hostname in export(device)


def free_port_run(length: int) -> int:
    """A base port below Linux's ephemeral range with `length` free ports from it."""
    for _ in range(50):
        base = random.randint(20000, 30000)
        try:
            for port in range(base, base + length):
                with socket.socket() as probe:
                    probe.bind(("127.0.0.1", port))
        except OSError:
            continue
        return base
    raise AssertionError("no run of free ports found")


def test_serve_lists_the_devices_and_writes_inventory_assets(tmp_path: Path) -> None:
    inventory, lines = tmp_path / "devices.yaml", []
    stop = threading.Event()
    base = free_port_run(4)
    server = threading.Thread(
        target=serve,
        kwargs={
            "count": 4,
            "base_port": base,
            "inventory_out": inventory,
            "echo": lines.append,
            "until": stop,
        },
    )
    server.start()
    deadline = time.monotonic() + 10
    while not any("press Ctrl-C" in line for line in lines) and time.monotonic() < deadline:
        time.sleep(0.05)
    stop.set()
    server.join(timeout=10)

    assert lines[0].split() == ["ios-001", "cisco_ios", f"127.0.0.1:{base}"]
    written = yaml.safe_load(inventory.read_text())
    assets = written["assets"]
    pinned = (tmp_path / written["known_hosts"]).read_text().splitlines()
    assert [line.split()[0] for line in pinned] == [f"[127.0.0.1]:{base + i}" for i in range(4)]
    assert [a["port"] for a in assets] == [base, base + 1, base + 2, base + 3]
    assert assets[2] == {
        "id": "junos-001",
        "kind": "network_device",
        "platform": "juniper_junos",
        "host": "127.0.0.1",
        "port": base + 2,
        "credentials": "sandbox-net",
        "criticality": "P3",
        "managed_by": "provider",
    }


@settings(max_examples=25, deadline=None)
@given(
    platform=st.sampled_from(PLATFORMS),
    hostname=st.from_regex(r"[a-z][a-z0-9-]{0,14}", fullmatch=True),
    username=st.from_regex(r"[a-z][a-z0-9]{1,10}", fullmatch=True),
)
def test_a_shown_configuration_loads_back_into_the_same_configuration(
    platform: str, hostname: str, username: str
) -> None:
    spec = DeviceSpec(hostname, platform, username=username)
    state = DeviceState(spec, starting_config(platform, hostname, username))
    shown = stored_config(state)

    state.set_config(shown)

    assert stored_config(state) == shown
    if platform == "juniper_junos":
        assert isinstance(state.running, JunosConfig)
        state.set_config("\n".join(state.running.set_lines()))
        assert stored_config(state) == shown
