"""One emulated device: what a user connects to (EmulatedDevice) and what it holds (DeviceState)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
from dataclasses import dataclass

import asyncssh

from exitkit.sandbox.devices.cisco_config import CiscoConfig, ConfigEditor
from exitkit.sandbox.devices.default_configs import StartingConfig
from exitkit.sandbox.devices.dialects import DIALECTS, Dialect
from exitkit.sandbox.devices.host_keys import RSA, HostKeys
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
    DROP_ONCE = "drop-once"  # the next configuration dump is cut halfway, then the device heals


class ExecMode(enum.Enum):
    """What the device's SSH server does with an exec request (`ssh device COMMAND`)."""

    PROPER = "proper"  # runs the command, sends its output, exit status 0, closes
    SHELL = "shell"  # treats it as a shell request: greeting, prompt, waits for typed input
    REFUSE = "refuse"  # rejects the channel request; the connection stays up, shells work
    PAGED = "paged"  # runs the command with paging on: the pager prompt waits for a key
    LINGER = "linger"  # runs the command, sends its output, then keeps the channel open


@dataclass(frozen=True)
class DeviceSpec:
    """What a device should be before it starts (the SSH behaviours can change while it runs)."""

    name: str
    platform: str
    username: str = DEFAULT_USERNAME
    password: str = DEFAULT_PASSWORD
    secret: str = DEFAULT_SECRET
    blank: bool = False  # a freshly installed device (hostname only), for restore tests
    config: str | None = None  # explicit starting configuration instead of a generated one
    exec_mode: ExecMode = ExecMode.PROPER
    banner: str = ""  # SSH pre-authentication banner (SSH_MSG_USERAUTH_BANNER)
    motd: str = ""  # printed by the shell after login, before the first prompt
    keyboard_interactive_only: bool = False  # one "Password: " prompt, no password method
    login_delay: float = 0.0  # seconds from login to the first prompt (or exec output)
    legacy_algorithms: bool = False  # only SHA-1 kex, ssh-rsa, CBC ciphers and hmac-sha1
    secondary_refused: bool = False  # the account may not read the second file (startup)


# The spec fields a running device can change (see DeviceFarm.set_behaviour).
BEHAVIOURS = frozenset(
    (
        "exec_mode",
        "banner",
        "motd",
        "keyboard_interactive_only",
        "login_delay",
        "legacy_algorithms",
        "secondary_refused",
    )
)


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
    host_key: str = ""  # OpenSSH public key, "ssh-ed25519 AAAA..." (no comment)

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


class DeviceState:
    """Everything one device knows: configurations, behaviours, faults, host keys and clock.

    Only the farm's event-loop thread touches it.
    """

    def __init__(
        self, spec: DeviceSpec, starting: StartingConfig, keys: HostKeys | None = None
    ) -> None:
        self.spec = spec
        self.initial_spec = spec
        self.dialect: Dialect = DIALECTS[spec.platform]
        self.starting = starting
        self.fault = Fault.NONE
        self.delay = 0.0
        self.booted = dt.datetime.now(dt.UTC) - dt.timedelta(days=17, hours=5, minutes=42)
        self.serial = hashlib.sha256(spec.name.encode()).hexdigest()[:11].upper()
        self._last_tick = dt.datetime.now(dt.UTC).replace(microsecond=0)
        self._touches = 0
        self._keys = keys or HostKeys()
        self._host_keys: dict[str, asyncssh.SSHKey] = {}
        self._initial_keys: dict[str, asyncssh.SSHKey] = {}
        self.running: CiscoConfig | JunosConfig = self.dialect.config(self.dialect, starting.text)
        self.startup = self.running.copy()
        self.saved_at = self._last_tick

    def host_key(self) -> asyncssh.SSHKey:
        """The key the device presents now: RSA when it speaks only legacy algorithms."""
        kind = RSA if self.spec.legacy_algorithms else "ssh-ed25519"
        if kind not in self._host_keys:
            self._host_keys[kind] = self._keys.new(kind)
            self._initial_keys.setdefault(kind, self._host_keys[kind])
        return self._host_keys[kind]

    def change_host_key(self) -> None:
        """Present a new key from the next connection on (a replaced or spoofed device)."""
        kind = RSA if self.spec.legacy_algorithms else "ssh-ed25519"
        self._host_keys[kind] = self._keys.new(kind)

    def behave(self, **changes: object) -> None:
        """Change SSH behaviours (DeviceSpec fields named in BEHAVIOURS)."""
        unknown = set(changes) - BEHAVIOURS
        if unknown:
            raise ValueError(f"not a behaviour a running device can change: {sorted(unknown)}")
        self.spec = dataclasses.replace(self.spec, **changes)  # type: ignore[arg-type]

    def tick(self) -> dt.datetime:
        """The device clock for a volatile line: never the same second twice."""
        now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        self._last_tick = max(now, self._last_tick + dt.timedelta(seconds=1))
        return self._last_tick

    def reset(self) -> None:
        """Back to the starting configuration, behaviours and host keys; no fault, no delay."""
        self.fault, self.delay = Fault.NONE, 0.0
        self.spec = self.initial_spec
        self._host_keys = dict(self._initial_keys)
        self.running = self.dialect.config(self.dialect, self.starting.text)
        self.startup = self.running.copy()

    def set_config(self, text: str) -> None:
        self.running = self.dialect.config(self.dialect, text)

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
        line = self.dialect.touch.format(n=self._touches)
        self.apply([line])
        return line
