"""The odd things real network devices do over SSH, as real paramiko and netmiko clients meet them.

Each behaviour is chosen per device (DeviceSpec) or changed on a running farm (set_behaviour).
"""

from __future__ import annotations

import dataclasses
import re
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import paramiko
import pytest
import yaml
from netmiko import ConnectHandler, NetmikoAuthenticationException

from exitkit.inventory.loader import load_inventory
from exitkit.sandbox.devices import (
    HOSTILE_BANNER,
    PLATFORMS,
    DeviceFarm,
    DeviceSpec,
    EmulatedDevice,
    ExecMode,
    Fault,
)
from exitkit.sandbox.estate import start_sandbox_estate
from tests.conftest import base_estate

FIRST_FILE = {
    "cisco_ios": "show running-config",
    "cisco_nxos": "show running-config",
    "arista_eos": "show running-config",
    "juniper_junos": "show configuration | display set",
}
SECOND_FILE = {
    "cisco_ios": "show startup-config",
    "cisco_nxos": "show startup-config",
    "arista_eos": "show startup-config",
    "juniper_junos": "show configuration",
}
REFUSAL = {
    "cisco_ios": "Command authorization failed.",
    "cisco_nxos": "% Permission denied for the role",
    "arista_eos": "% Authorization denied for command 'show startup-config'",
    "juniper_junos": "error: permission denied",
}
PAGER = {"cisco_ios": " --More-- ", "juniper_junos": "---(more)---"}
SLOW = 2.0
# asyncssh's SHA-1 group key exchange warns that finite-field DH is deprecated: that is the point.
pytestmark = pytest.mark.filterwarnings("ignore:Diffie-Hellman over finite fields")


def _specs() -> list[DeviceSpec]:
    specs = [
        DeviceSpec("exec-shell", "cisco_ios", exec_mode=ExecMode.SHELL, motd=HOSTILE_BANNER),
        DeviceSpec("paged-cisco_ios", "cisco_ios", exec_mode=ExecMode.PAGED),
        DeviceSpec("paged-juniper_junos", "juniper_junos", exec_mode=ExecMode.PAGED),
        DeviceSpec("kbdint", "arista_eos", keyboard_interactive_only=True),
        DeviceSpec("legacy", "cisco_ios", legacy_algorithms=True),
    ]
    for platform in PLATFORMS:
        specs.append(DeviceSpec(f"refused-{platform}", platform, secondary_refused=True))
        specs.append(
            DeviceSpec(
                f"hostile-{platform}",
                platform,
                banner=HOSTILE_BANNER,
                motd=HOSTILE_BANNER,
                login_delay=SLOW,
            )
        )
    return specs


@pytest.fixture(scope="module")
def odd_farm() -> Iterator[DeviceFarm]:
    with DeviceFarm.from_specs(_specs()) as farm:
        yield farm


@contextmanager
def ssh(device: EmulatedDevice, **options: object) -> Iterator[paramiko.SSHClient]:
    client = paramiko.SSHClient()
    client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
    client.connect(
        device.host,
        device.port,
        device.username,
        device.password,
        look_for_keys=False,
        allow_agent=False,
        timeout=10,
        **options,
    )
    try:
        yield client
    finally:
        client.close()


def run(client: paramiko.SSHClient, command: str) -> tuple[str, int]:
    """One command on an exec channel: its whole output and exit status."""
    _, stdout, _ = client.exec_command(command, timeout=10)
    output = stdout.read().decode()
    return output, stdout.channel.recv_exit_status()


def read_until(channel: paramiko.Channel, pattern: str, timeout: float = 10) -> str:
    seen, deadline = "", time.monotonic() + timeout
    while not re.search(pattern, seen) and time.monotonic() < deadline:
        if channel.recv_ready():
            seen += channel.recv(65535).decode()
        else:
            time.sleep(0.02)
    assert re.search(pattern, seen), f"{pattern!r} never came; got {seen[-300:]!r}"
    return seen


def first(farm: DeviceFarm, platform: str) -> EmulatedDevice:
    return next(d for d in farm.devices if d.platform == platform)


# exec channels


def test_a_proper_exec_channel_answers_the_command_and_exits(device_farm: DeviceFarm) -> None:
    device = first(device_farm, "cisco_ios")
    with ssh(device) as client:
        output, status = run(client, "show running-config")

    assert status == 0 and f"hostname {device.hostname}" in output.splitlines()


def test_a_shell_exec_channel_ignores_the_command_and_waits_at_the_prompt(
    odd_farm: DeviceFarm,
) -> None:
    device = odd_farm.device("exec-shell")
    with ssh(device) as client:
        channel = client.get_transport().open_session()
        channel.exec_command("show running-config")
        greeting = read_until(channel, rf"\r\n{re.escape(device.hostname)}>$")
        channel.send(b"show version\n")
        version = read_until(channel, rf"\r\n{re.escape(device.hostname)}>$")
        closed = channel.exit_status_ready()

    assert "AUTHORIZED ACCESS ONLY" in greeting and "hostname" not in greeting
    assert "Cisco IOS Software" in version and not closed


def test_a_refused_exec_request_leaves_the_connection_up_for_a_shell(
    device_farm: DeviceFarm,
) -> None:
    device = first(device_farm, "cisco_nxos")
    device_farm.set_behaviour(device.name, exec_mode=ExecMode.REFUSE)

    with ssh(device) as client:
        with pytest.raises(paramiko.SSHException):
            client.exec_command("show running-config", timeout=10)
        shell = client.invoke_shell()
        prompt = read_until(shell, rf"{re.escape(device.hostname)}#$")

    assert prompt.endswith(f"{device.hostname}#")


@pytest.mark.parametrize("platform", ["cisco_ios", "juniper_junos"])
def test_a_paged_exec_channel_stops_at_the_pager_until_a_key(
    odd_farm: DeviceFarm, platform: str
) -> None:
    device = odd_farm.device(f"paged-{platform}")
    with ssh(device) as client:
        channel = client.get_transport().open_session()
        channel.exec_command(FIRST_FILE[platform].replace(" | display set", ""))
        first_page = read_until(channel, re.escape(PAGER[platform]))
        waiting = not channel.exit_status_ready()
        channel.send(b" ")
        second_page = read_until(channel, re.escape(PAGER[platform]))
        channel.send(b"q")
        status = channel.recv_exit_status()

    assert waiting and status == 0
    assert len(first_page.splitlines()) <= 25 and second_page.strip()
    assert second_page not in first_page


# banners, login messages, slow logins, authentication


def test_the_pre_authentication_banner_reaches_the_client(odd_farm: DeviceFarm) -> None:
    device = odd_farm.device("hostile-cisco_ios")
    with ssh(device) as client:
        banner = client.get_transport().get_banner()

    assert banner is not None and banner.decode() == HOSTILE_BANNER


def test_the_hostile_banner_looks_like_prompts_and_login_questions() -> None:
    lines = HOSTILE_BANNER.splitlines()

    assert len(lines) >= 20 and "--More--" not in HOSTILE_BANNER
    assert any(line.endswith("#") for line in lines) and any(line.endswith(">") for line in lines)
    for word in ("Password:", "password", "Username:", "login:"):
        assert word in HOSTILE_BANNER


@pytest.mark.parametrize("platform", PLATFORMS)
def test_netmiko_logs_in_through_banner_motd_and_a_slow_login(
    odd_farm: DeviceFarm, platform: str
) -> None:
    device = odd_farm.device(f"hostile-{platform}")
    conn = ConnectHandler(**device.netmiko_kwargs())
    try:
        conn.enable()
        prompt = conn.find_prompt()
        shown = str(conn.send_command(FIRST_FILE[platform]))
    finally:
        conn.disconnect()

    assert device.hostname in prompt and "AUTHORIZED" not in prompt
    wanted = (
        f"set system host-name {device.hostname}"
        if platform == "juniper_junos"
        else f"hostname {device.hostname}"
    )
    assert wanted in shown.splitlines()


def test_a_slow_device_starts_exec_output_late(odd_farm: DeviceFarm) -> None:
    device = odd_farm.device("hostile-arista_eos")
    with ssh(device) as client:
        started = time.monotonic()
        output, status = run(client, "show version")
        took = time.monotonic() - started

    assert status == 0 and "Software image version" in output
    assert took >= SLOW * 0.9


def test_a_keyboard_interactive_only_device_refuses_the_password_method(
    odd_farm: DeviceFarm,
) -> None:
    device = odd_farm.device("kbdint")
    with socket.create_connection((device.host, device.port), timeout=10) as sock:
        transport = paramiko.Transport(sock)
        try:
            transport.start_client(timeout=10)
            with pytest.raises(paramiko.BadAuthenticationType) as refused:
                transport.auth_password(device.username, device.password, fallback=False)
            asked: list[tuple[str, bool]] = []

            def answer(title: str, text: str, prompts: list[tuple[str, bool]]) -> list[str]:
                asked.extend(prompts)
                return [device.password]

            transport.auth_interactive(device.username, answer)
            authenticated = transport.is_authenticated()
        finally:
            transport.close()

    assert refused.value.allowed_types == ["keyboard-interactive"]
    assert asked == [("Password: ", False)] and authenticated
    with (
        pytest.raises(paramiko.AuthenticationException),
        ssh(dataclasses.replace(device, password="not-the-password")),
    ):
        pass


def test_netmiko_logs_in_to_a_keyboard_interactive_only_device(odd_farm: DeviceFarm) -> None:
    device = odd_farm.device("kbdint")
    conn = ConnectHandler(**device.netmiko_kwargs())
    try:
        conn.enable()
        shown = str(conn.send_command("show running-config"))
    finally:
        conn.disconnect()
    wrong = {**device.netmiko_kwargs(), "password": "not-the-password"}

    assert f"hostname {device.hostname}" in shown.splitlines()
    with pytest.raises(NetmikoAuthenticationException):
        ConnectHandler(**wrong)


# algorithms and host keys


def test_a_legacy_device_speaks_only_sha1_rsa_and_cbc(odd_farm: DeviceFarm) -> None:
    device = odd_farm.device("legacy")
    with ssh(device) as client:
        transport = client.get_transport()
        assert transport is not None
        agreed = (transport.host_key_type, transport.remote_cipher, transport.remote_mac)
        output, _ = run(client, "show running-config")

    assert agreed[0] == "ssh-rsa" and agreed[1].endswith("-cbc") and agreed[2] == "hmac-sha1"
    assert device.host_key.startswith("ssh-rsa ") and f"hostname {device.hostname}" in output


@pytest.mark.parametrize(
    "disabled",
    [
        {"kex": ["diffie-hellman-group14-sha1", "diffie-hellman-group1-sha1"]},
        {"keys": ["ssh-rsa"]},
        {"ciphers": ["aes128-cbc", "aes192-cbc", "aes256-cbc", "3des-cbc"]},
        {"macs": ["hmac-sha1"]},
    ],
    ids=["kex", "host-key", "cipher", "mac"],
)
def test_a_client_that_disables_legacy_algorithms_cannot_connect(
    odd_farm: DeviceFarm, disabled: dict[str, list[str]]
) -> None:
    device = odd_farm.device("legacy")

    with (
        pytest.raises(paramiko.SSHException, match=r"[Ii]ncompatible"),
        ssh(device, disabled_algorithms=disabled),
    ):
        pass


def test_a_running_device_can_turn_legacy_and_back(device_farm: DeviceFarm) -> None:
    device = first(device_farm, "arista_eos")
    device_farm.set_behaviour(device.name, legacy_algorithms=True)
    legacy = device_farm.device(device.name)
    with ssh(legacy) as client:
        old = client.get_transport().remote_cipher

    device_farm.reset(device.name)
    with ssh(device) as client:
        new = client.get_transport().remote_cipher

    assert legacy.host_key.startswith("ssh-rsa ") and old.endswith("-cbc")
    assert device_farm.device(device.name).host_key == device.host_key
    assert not new.endswith("-cbc")


def test_every_device_has_its_own_host_key_and_known_hosts_pins_them(
    device_farm: DeviceFarm, tmp_path: Path
) -> None:
    devices = device_farm.devices
    pinned = device_farm.write_known_hosts(tmp_path / "known_hosts")
    lines = pinned.read_text().splitlines()

    assert len({d.host_key for d in devices}) == len(devices)
    assert all(re.fullmatch(r"ssh-ed25519 AAAA[A-Za-z0-9+/]+=*", d.host_key) for d in devices)
    assert lines == [f"[{d.host}]:{d.port} {d.host_key}" for d in devices]

    device = devices[0]
    client = paramiko.SSHClient()
    client.load_host_keys(str(pinned))
    client.set_missing_host_key_policy(paramiko.RejectPolicy())
    client.connect(device.host, device.port, device.username, device.password, timeout=10)
    client.close()


def test_a_changed_host_key_is_caught_by_a_pinning_client(
    device_farm: DeviceFarm, tmp_path: Path
) -> None:
    device = first(device_farm, "juniper_junos")
    pinned = device_farm.write_known_hosts(tmp_path / "known_hosts")

    replaced = device_farm.change_host_key(device.name)
    client = paramiko.SSHClient()
    client.load_host_keys(str(pinned))
    with pytest.raises(paramiko.BadHostKeyException):
        client.connect(device.host, device.port, device.username, device.password, timeout=10)
    client.close()

    assert replaced.host_key != device.host_key
    assert f"[{device.host}]:{device.port} {replaced.host_key}" in device_farm.known_hosts()


def test_a_farm_of_hundreds_hands_out_distinct_keys(device_farm_factory: object) -> None:
    specs = [DeviceSpec(f"sw-{i:03d}", PLATFORMS[i % 4]) for i in range(300)]
    specs += [DeviceSpec(f"old-{i}", "cisco_ios", legacy_algorithms=True) for i in range(3)]
    started = time.monotonic()
    with DeviceFarm.from_specs(specs) as farm:
        took = time.monotonic() - started
        keys = [d.host_key for d in farm.devices]

    assert len(set(keys)) == len(keys) == 303 and took < 15
    assert sum(key.startswith("ssh-rsa ") for key in keys) == 3


# refusals and cuts


@pytest.mark.parametrize("platform", PLATFORMS)
def test_an_account_refused_the_second_file_gets_the_platform_refusal(
    odd_farm: DeviceFarm, platform: str
) -> None:
    device = odd_farm.device(f"refused-{platform}")
    with ssh(device) as client:
        exec_first, _ = run(client, FIRST_FILE[platform])
        exec_second, status = run(client, SECOND_FILE[platform])
    conn = ConnectHandler(**device.netmiko_kwargs())
    try:
        conn.enable()
        shell_first = str(conn.send_command(FIRST_FILE[platform]))
        shell_second = str(conn.send_command(SECOND_FILE[platform]))
    finally:
        conn.disconnect()

    assert exec_second.strip() == REFUSAL[platform] and status == 0
    assert shell_second.strip() == REFUSAL[platform]
    assert device.hostname in exec_first and device.hostname in shell_first


@pytest.mark.parametrize("platform", ["cisco_ios", "juniper_junos"])
def test_a_dump_cut_once_comes_whole_on_the_retry(device_farm: DeviceFarm, platform: str) -> None:
    device = first(device_farm, platform)
    with ssh(device) as client:
        whole, _ = run(client, FIRST_FILE[platform])
    device_farm.set_fault(device.name, Fault.DROP_ONCE)

    with ssh(device) as client:
        _, stdout, _ = client.exec_command(FIRST_FILE[platform], timeout=10)
        with pytest.raises((EOFError, OSError, paramiko.SSHException)):
            stdout.read()
            client.exec_command("show version", timeout=5)
        transport_alive = client.get_transport().is_active()
    with ssh(device) as client:
        retried, status = run(client, FIRST_FILE[platform])

    assert not transport_alive and status == 0
    assert len(retried.splitlines()) == len(whole.splitlines())


# the estate the sandbox describes


def test_the_sandbox_estate_writes_known_hosts_where_the_estate_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    port = _free_ports(2)
    devices = [
        {"id": "sw-1", "platform": "cisco_ios", "port": port},
        {"id": "sw-2", "platform": "cisco_nxos", "port": port + 1, "legacy_ssh": True},
    ]
    assets = [
        {"kind": "network_device", "host": "127.0.0.1", "credentials": "net-ro", **d}
        for d in devices
    ]
    folder = tmp_path / "estate"
    folder.mkdir()
    estate = {**base_estate(assets=assets), "known_hosts": "pinned/hosts"}
    (folder / "pinned").mkdir()
    (folder / "estate.yaml").write_text(yaml.safe_dump(estate, sort_keys=False))

    with start_sandbox_estate(load_inventory(folder)) as running:
        assert running.farm is not None
        keys = {d.port: d.host_key for d in running.farm.devices}
        written = (folder / "pinned" / "hosts").read_text().splitlines()

    assert running.known_hosts == folder / "pinned" / "hosts"
    assert written == [f"[127.0.0.1]:{p} {keys[p]}" for p in (port, port + 1)]
    assert keys[port].startswith("ssh-ed25519 ") and keys[port + 1].startswith("ssh-rsa ")


def _free_ports(length: int) -> int:
    for base in range(24000, 30000, 97):
        try:
            for port in range(base, base + length):
                with socket.socket() as probe:
                    probe.bind(("127.0.0.1", port))
        except OSError:
            continue
        return base
    raise AssertionError("no run of free ports found")
