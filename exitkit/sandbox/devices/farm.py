"""A farm of emulated network devices served from one process, driven synchronously from tests.

One asyncio loop in a background thread serves every device, one 127.0.0.1 port each.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from types import TracebackType

import asyncssh

from exitkit.sandbox.devices.default_configs import StartingConfig, blank_config, starting_config
from exitkit.sandbox.devices.device import (
    DEFAULT_PASSWORD,
    DEFAULT_SECRET,
    DEFAULT_USERNAME,
    HOST,
    DeviceSpec,
    DeviceState,
    EmulatedDevice,
    ExecMode,
    Fault,
)
from exitkit.sandbox.devices.dialects import DIALECTS, PLATFORMS
from exitkit.sandbox.devices.host_keys import HostKeys, known_hosts, public_line
from exitkit.sandbox.devices.listener import DeviceListener
from exitkit.sandbox.devices.loop_thread import EventLoopThread
from exitkit.sandbox.devices.show import stored_config


def plan_devices(
    count: int,
    platforms: Sequence[str] = PLATFORMS,
    *,
    username: str = DEFAULT_USERNAME,
    password: str = DEFAULT_PASSWORD,
    enable_secret: str = DEFAULT_SECRET,
) -> list[DeviceSpec]:
    """`count` devices taking the platforms in turn, named per platform: ios-001, nxos-001..."""
    unknown = [p for p in platforms if p not in DIALECTS]
    if unknown or not platforms:
        raise ValueError(f"unknown platform(s) {unknown}; choose from {', '.join(DIALECTS)}")
    numbers: Counter[str] = Counter()
    specs = []
    for i in range(count):
        platform = platforms[i % len(platforms)]
        numbers[platform] += 1
        name = f"{DIALECTS[platform].short_name}-{numbers[platform]:03d}"
        specs.append(DeviceSpec(name, platform, username, password, enable_secret))
    return specs


def _starting(spec: DeviceSpec) -> StartingConfig:
    if spec.config is not None:
        return StartingConfig(spec.config, ())
    if spec.blank:
        return blank_config(spec.platform, spec.name)
    return starting_config(spec.platform, spec.name, spec.username)


class DeviceFarm:
    """Emulated IOS, NX-OS, Junos and EOS devices answering netmiko over SSH on 127.0.0.1."""

    def __init__(self, base_port: int | None = None) -> None:
        self._loop = EventLoopThread()
        self._base_port = base_port
        self._listeners: dict[str, DeviceListener] = {}
        self._keys = HostKeys()
        self._live: set[asyncssh.SSHServerConnection] = set()
        self._blank_count: Counter[str] = Counter()
        self._initial: frozenset[str] = frozenset()
        self._stopped = False

    @classmethod
    def start(
        cls,
        count: int = 8,
        platforms: Sequence[str] = PLATFORMS,
        *,
        username: str = DEFAULT_USERNAME,
        password: str = DEFAULT_PASSWORD,
        enable_secret: str = DEFAULT_SECRET,
        base_port: int | None = None,
    ) -> DeviceFarm:
        """Start `count` devices with realistic configurations, platforms taken in turn."""
        specs = plan_devices(
            count, platforms, username=username, password=password, enable_secret=enable_secret
        )
        return cls.from_specs(specs, base_port=base_port)

    @classmethod
    def from_specs(cls, specs: Iterable[DeviceSpec], base_port: int | None = None) -> DeviceFarm:
        """Start exactly these devices (ports from `base_port` upwards, else chosen by the OS)."""
        farm = cls(base_port)
        try:
            farm._loop.run(farm._add_all(list(specs)))
        except BaseException:
            farm.stop()
            raise
        farm._initial = frozenset(farm._listeners)
        return farm

    async def _add_all(self, specs: list[DeviceSpec]) -> None:
        for spec in specs:
            await self._add(spec)

    async def _add(self, spec: DeviceSpec) -> DeviceListener:
        if spec.name in self._listeners:
            raise ValueError(f"a device named {spec.name!r} already runs in this farm")
        state = DeviceState(spec, _starting(spec), self._keys)
        port = 0 if self._base_port is None else self._base_port + len(self._listeners)
        listener = DeviceListener(state, self._live, port)
        await listener.follow()
        self._listeners[spec.name] = listener
        return listener

    # what a test sees

    @property
    def devices(self) -> list[EmulatedDevice]:
        return self._loop.call(lambda: [self._public(ln) for ln in self._listeners.values()])

    def device(self, name: str) -> EmulatedDevice:
        return self._loop.call(lambda: self._public(self._listener(name)))

    def _listener(self, name: str) -> DeviceListener:
        try:
            return self._listeners[name]
        except KeyError:
            raise KeyError(f"no emulated device named {name!r}") from None

    @staticmethod
    def _public(listener: DeviceListener) -> EmulatedDevice:
        state = listener.state
        spec = state.spec
        return EmulatedDevice(
            name=spec.name,
            platform=spec.platform,
            host=HOST,
            port=listener.port,
            hostname=state.running.hostname(),
            username=spec.username,
            password=spec.password,
            secret=spec.secret,
            planted_secrets=state.starting.planted_secrets,
            host_key=public_line(state.host_key()),
        )

    def known_hosts(self) -> str:
        """OpenSSH known_hosts lines pinning every device's current key: `[127.0.0.1]:PORT ...`."""
        return known_hosts((d.host, d.port, d.host_key) for d in self.devices)

    def write_known_hosts(self, path: Path) -> Path:
        """Write `known_hosts()` to `path` (an estate's known_hosts file); returns the path."""
        path.write_text(self.known_hosts(), encoding="utf-8")
        return path

    def config_of(self, name: str) -> str:
        """The running configuration as shown by the device, without its volatile lines."""
        return self._loop.call(lambda: stored_config(self._listener(name).state))

    # what a test changes

    def set_fault(self, name: str, fault: Fault) -> None:
        """From now on the device shows this fault (Fault.NONE heals it)."""
        self._change(name, lambda state: setattr(state, "fault", fault))

    def set_behaviour(
        self,
        name: str,
        *,
        exec_mode: ExecMode | None = None,
        banner: str | None = None,
        motd: str | None = None,
        keyboard_interactive_only: bool | None = None,
        login_delay: float | None = None,
        legacy_algorithms: bool | None = None,
        secondary_refused: bool | None = None,
    ) -> None:
        """Change SSH behaviours (the DeviceSpec fields of the same names) from the next
        connection on; the ones not given stay as they are. `reset` restores the spec's."""
        given = {
            "exec_mode": exec_mode,
            "banner": banner,
            "motd": motd,
            "keyboard_interactive_only": keyboard_interactive_only,
            "login_delay": login_delay,
            "legacy_algorithms": legacy_algorithms,
            "secondary_refused": secondary_refused,
        }
        changes = {key: value for key, value in given.items() if value is not None}
        self._change(name, lambda state: state.behave(**changes))

    def change_host_key(self, name: str) -> EmulatedDevice:
        """Present a new host key from the next connection on (a replaced or spoofed device);
        returns the device with its new key."""
        self._change(name, lambda state: state.change_host_key())
        return self.device(name)

    def _change(self, name: str, change: Callable[[DeviceState], None]) -> None:
        async def run() -> None:
            listener = self._listener(name)
            change(listener.state)
            await listener.follow()

        self._loop.run(run())

    def set_delay(self, name: str, seconds: float) -> None:
        """Answer every command typed on the device `seconds` late (0 for at once)."""
        self._loop.call(lambda: setattr(self._listener(name).state, "delay", float(seconds)))

    def set_config(self, name: str, text: str) -> None:
        """Replace the running configuration (a `show` body, or Junos set/brace text)."""
        self._loop.call(lambda: self._listener(name).state.set_config(text))

    def apply_config(self, name: str, lines: Sequence[str]) -> None:
        """Apply configuration lines as if typed in configuration mode (Junos: and committed)."""
        self._loop.call(lambda: self._listener(name).state.apply(list(lines)))

    def touch_config(self, name: str) -> str:
        """Change one line (the SNMP location) so the next export differs; returns the line."""
        return self._loop.call(lambda: self._listener(name).state.touch())

    def add_blank_device(self, platform: str, name: str | None = None) -> EmulatedDevice:
        """Start a freshly installed device (hostname only): the target of a restore test."""
        first = next(iter(self._listeners.values()), None)
        template = first.state.spec if first else DeviceSpec("blank", platform)
        if name is None:
            self._blank_count[platform] += 1
            short = DIALECTS[platform].short_name
            name = f"blank-{short}-{self._blank_count[platform]:02d}"
        spec = DeviceSpec(
            name, platform, template.username, template.password, template.secret, blank=True
        )
        listener = self._loop.run(self._add(spec))
        return self._loop.call(lambda: self._public(listener))

    def remove_device(self, name: str) -> None:
        """Stop one device: its port refuses connections from now on."""

        def remove() -> None:
            self._listener(name).close()
            del self._listeners[name]

        self._loop.call(remove)

    def reset(self, name: str | None = None) -> None:
        """Heal faults, remove delays, restore the starting configuration, behaviours and host
        keys (one device or all).

        Resetting the whole farm also removes the devices added since it started.
        """

        async def heal() -> None:
            if name is None:
                for extra in set(self._listeners) - self._initial:
                    self._listeners.pop(extra).close()
            for each in [name] if name else list(self._listeners):
                listener = self._listener(each)
                listener.state.reset()
                await listener.follow()

        self._loop.run(heal())

    # lifetime

    def stop(self) -> None:
        """Close every port and connection and stop the loop thread."""
        if self._stopped:
            return
        self._stopped = True
        try:
            self._loop.run(self._shutdown(), timeout=30)
        finally:
            self._loop.stop()

    async def _shutdown(self) -> None:
        for listener in self._listeners.values():
            listener.close()
        for conn in list(self._live):
            conn.abort()
        current = asyncio.current_task()
        pending = [t for t in asyncio.all_tasks() if t is not current]
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        await asyncio.get_running_loop().shutdown_default_executor()

    def __enter__(self) -> DeviceFarm:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
