"""What went wrong with a device, in one of a few classes, and when it is worth trying again.

netmiko and paramiko raise many exception types for few situations; this is the one place that
maps them. Reasons are written here, never copied from an exception, so no device output (which
may hold secrets) reaches a message.
"""

from __future__ import annotations

import random
import socket
import time

import paramiko
from netmiko import NetmikoAuthenticationException, NetmikoTimeoutException, ReadTimeout

from exitkit.failures import AssetFailure

AUTH = "auth"
UNREACHABLE = "unreachable"
TIMEOUT = "timeout"
DROPPED = "dropped"
UNEXPECTED = "unexpected-output"
ALGORITHMS = "ssh-algorithms"  # the device offers only algorithms the entry does not allow
HOST_KEY_UNKNOWN = "host-key-unknown"  # no pinned key and no --accept-new-host-keys
HOST_KEY_CHANGED = "host-key-changed"  # the device presented another key than the pinned one
FAILURE_CLASSES = (
    AUTH,
    UNREACHABLE,
    TIMEOUT,
    DROPPED,
    UNEXPECTED,
    ALGORITHMS,
    HOST_KEY_UNKNOWN,
    HOST_KEY_CHANGED,
)
# Never AUTH (it would lock accounts), nor what a second try cannot change.
RETRYABLE = frozenset({UNREACHABLE, TIMEOUT, DROPPED})


class DeviceFailure(AssetFailure):
    """A device could not be read; `error_class` is one of FAILURE_CLASSES. The exporter scrubs
    its reason of the device's login before recording it."""


class Deadline:
    """The time limit of one device, retries included."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def left(self) -> float:
        return max(0.0, self.end - time.monotonic())

    def expired(self) -> bool:
        return self.left() <= 0.0

    def bound(self, seconds: float) -> float:
        """`seconds`, or less when the deadline comes first (never below 0.1 s)."""
        return max(0.1, min(seconds, self.left()))


def backoff(attempt: int, base: float = 0.5, cap: float = 8.0) -> float:
    """Exponential backoff with jitter before attempt `attempt + 1` (attempt counts from 1)."""
    ceiling = min(cap, base * 2 ** (attempt - 1))
    return random.uniform(ceiling / 2, ceiling)


def _where(host: str, port: int) -> str:
    return f"{host}:{port}"


def classify_connect(error: OSError, host: str, port: int) -> DeviceFailure:
    """A failure to open the TCP connection: nothing to log in to."""
    if isinstance(error, socket.gaierror):
        return DeviceFailure(UNREACHABLE, f"{host} does not resolve")
    if isinstance(error, socket.timeout | TimeoutError):
        return DeviceFailure(UNREACHABLE, f"no TCP connection to {_where(host, port)} in time")
    if isinstance(error, ConnectionRefusedError):
        return DeviceFailure(UNREACHABLE, f"{_where(host, port)} refused the TCP connection")
    return DeviceFailure(
        UNREACHABLE, f"no TCP connection to {_where(host, port)} ({error.strerror})"
    )


def classify_login(error: BaseException, host: str, port: int, user: str) -> DeviceFailure:
    """A failure while connecting and authenticating."""
    where = _where(host, port)
    text = str(error)
    if isinstance(error, NetmikoAuthenticationException | paramiko.AuthenticationException):
        return DeviceFailure(AUTH, f"{where} rejected the login of user {user}")
    if "protocol banner" in text or "No existing session" in text:
        return DeviceFailure(TIMEOUT, f"{where} accepted TCP but did not complete SSH in time")
    if isinstance(error, NetmikoTimeoutException) and "DNS failure" in text:
        return DeviceFailure(UNREACHABLE, f"{host} does not resolve")
    if isinstance(error, NetmikoTimeoutException) and "TCP connection" in text:
        return DeviceFailure(UNREACHABLE, f"no TCP connection to {where} (refused or no route)")
    if isinstance(error, OSError | EOFError | paramiko.SSHException | NetmikoTimeoutException):
        return DeviceFailure(DROPPED, f"{where} closed the connection during the SSH handshake")
    raise error


def classify_session(
    error: BaseException, *, what: str, alive: bool, timed_out: bool, limit: float
) -> DeviceFailure:
    """A failure after login, while reading `what` (a command)."""
    if timed_out:
        return DeviceFailure(
            TIMEOUT, f"no complete answer to {what!r} within the {limit:g} s limit"
        )
    if isinstance(error, ValueError) and "enable" in str(error):
        return DeviceFailure(AUTH, "enable mode refused (check the credential's secret)")
    if not alive or isinstance(error, EOFError | ConnectionError):
        return DeviceFailure(DROPPED, f"the connection dropped while reading {what!r}")
    if isinstance(error, ReadTimeout | NetmikoTimeoutException | socket.timeout | TimeoutError):
        return DeviceFailure(TIMEOUT, f"no prompt after {what!r}: the device stopped answering")
    if isinstance(error, OSError | paramiko.SSHException):
        return DeviceFailure(DROPPED, f"the SSH session failed while reading {what!r}")
    raise error
