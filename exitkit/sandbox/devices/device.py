"""One emulated device: what a user connects to (EmulatedDevice) and what it holds (DeviceState)."""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
from dataclasses import dataclass

from exitkit.sandbox.devices.cisco_config import CiscoConfig, ConfigEditor
from exitkit.sandbox.devices.default_configs import StartingConfig
from exitkit.sandbox.devices.dialects import DIALECTS, Dialect
from exitkit.sandbox.devices.junos_config import JunosConfig, tokens

HOST = "127.0.0.1"
# Sandbox credentials: every emulated device accepts these unless a spec says otherwise.
DEFAULT_USERNAME = "netops"
DEFAULT_PASSWORD = "netops-pass"
DEFAULT_SECRET = "enable-pass"


class Fault(enum.Enum):
    """A failure a device can be told to show, from the next connection or command on."""

    NONE = "none"
    REJECT_PASSWORD = "reject-password"  # authentication fails whatever the password
    REFUSE = "refuse"  # nothing listens: TCP connection refused
    HANG = "hang"  # TCP accepted, the SSH banner never comes
    DROP_MID_OUTPUT = "drop-mid-output"  # a configuration dump stops halfway, connection cut


@dataclass(frozen=True)
class DeviceSpec:
    """What a device should be before it starts."""

    name: str
    platform: str
    username: str = DEFAULT_USERNAME
    password: str = DEFAULT_PASSWORD
    secret: str = DEFAULT_SECRET
    blank: bool = False  # a freshly installed device (hostname only), for restore tests
    config: str | None = None  # explicit starting configuration instead of a generated one


@dataclass(frozen=True)
class EmulatedDevice:
    """A running emulated device, as a test or an inventory sees it."""

    name: str
    platform: str
    host: str
    port: int
    hostname: str
    username: str
    password: str
    secret: str  # the enable secret (IOS, EOS); unused on NX-OS and Junos
    planted_secrets: tuple[str, ...]

    def netmiko_kwargs(self) -> dict[str, object]:
        """Arguments for `netmiko.ConnectHandler(**device.netmiko_kwargs())`."""
        return {
            "device_type": self.platform,
            "host": self.host,
            "port": self.port,
            "username": self.username,
            "password": self.password,
            "secret": self.secret,
        }


_TOUCH = {
    "cisco_ios": "snmp-server location touched-{n}",
    "cisco_nxos": "snmp-server location touched-{n}",
    "arista_eos": "snmp-server location touched-{n}",
    "juniper_junos": 'set snmp location "touched-{n}"',
}


class DeviceState:
    """Everything one device knows: configurations, faults, delay and its clock.

    Only the farm's event-loop thread touches it.
    """

    def __init__(self, spec: DeviceSpec, starting: StartingConfig) -> None:
        self.spec = spec
        self.dialect: Dialect = DIALECTS[spec.platform]
        self.starting = starting
        self.fault = Fault.NONE
        self.delay = 0.0
        self.booted = dt.datetime.now(dt.UTC) - dt.timedelta(days=17, hours=5, minutes=42)
        self.serial = hashlib.sha256(spec.name.encode()).hexdigest()[:11].upper()
        self._last_tick = dt.datetime.now(dt.UTC).replace(microsecond=0)
        self._touches = 0
        self.running: CiscoConfig | JunosConfig = self._new_config(starting.text)
        self.startup = self.running.copy()
        self.saved_at = self._last_tick

    def _new_config(self, text: str) -> CiscoConfig | JunosConfig:
        if self.spec.platform == "juniper_junos":
            return JunosConfig(text)
        return CiscoConfig(self.dialect, text)

    def tick(self) -> dt.datetime:
        """The device clock for a volatile line: never the same second twice."""
        now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        self._last_tick = max(now, self._last_tick + dt.timedelta(seconds=1))
        return self._last_tick

    def reset(self) -> None:
        """Back to the starting configuration, no fault, no delay."""
        self.fault, self.delay = Fault.NONE, 0.0
        self.running = self._new_config(self.starting.text)
        self.startup = self.running.copy()

    def set_config(self, text: str) -> None:
        self.running = self._new_config(text)

    def save(self) -> None:
        """`copy running-config startup-config` / `write memory`."""
        self.startup = self.running.copy()
        self.saved_at = self.tick()

    def apply(self, lines: list[str]) -> None:
        """Apply configuration-mode lines (Junos: `set`/`delete`) as if typed and committed."""
        config = self.running
        if isinstance(config, JunosConfig):
            for line in lines:
                words = tokens(line)
                if words[:1] == ["set"]:
                    config.set(words[1:])
                elif words[:1] == ["delete"]:
                    config.delete(words[1:])
            return
        editor = ConfigEditor(config)
        for line in lines:
            editor.enter(line)

    def touch(self) -> str:
        """Change one line so that the next export differs; returns the line applied."""
        self._touches += 1
        line = _TOUCH[self.spec.platform].format(n=self._touches)
        self.apply([line])
        return line
