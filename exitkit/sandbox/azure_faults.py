"""Fault modes of the ARM emulator, and its traffic counters.

Throttling (429 + Retry-After) checks that the SDK's retry policy copes; a call that keeps
failing with an ARM error checks that an exporter records the failure and goes on.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field

from exitkit.sandbox.azure_lists import arm_error, retry_after_headers
from exitkit.sandbox.azure_routes import Reply, Request


@dataclass
class Throttle:
    """Answer 429 to the first `first` matching ARM calls, and to every `every`-th one after."""

    first: int = 0
    every: int = 0
    retry_after: float = 1.0
    pattern: re.Pattern[str] | None = None
    seen: int = 0

    def hits(self, request: Request) -> bool:
        if self.pattern and not self.pattern.search(request.path):
            return False
        self.seen += 1
        return self.seen <= self.first or bool(self.every and self.seen % self.every == 0)


@dataclass(frozen=True)
class Failure:
    """A call (path regex, optionally one method) that fails every time with an ARM error."""

    pattern: re.Pattern[str]
    status: int
    code: str
    message: str
    method: str | None = None


@dataclass
class Traffic:
    """What the emulator served: counts and a log of (method, path, status)."""

    requests: int = 0
    arm: int = 0
    tokens: int = 0
    throttled: int = 0
    failed: int = 0
    log: list[tuple[str, str, int]] = field(default_factory=list)


@dataclass
class FaultModes:
    """The faults in force; `answer` is consulted for every authenticated ARM call."""

    throttle: Throttle | None = None
    failures: list[Failure] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def throttle_requests(
        self, first: int = 0, every: int = 0, retry_after: float = 1.0, path: str | None = None
    ) -> None:
        pattern = re.compile(path, re.IGNORECASE) if path else None
        with self._lock:
            self.throttle = Throttle(first, every, retry_after, pattern)

    def fail_requests(
        self, path: str, status: int, code: str, message: str, method: str | None
    ) -> None:
        text = message or f"The emulator refuses '{path}' (fault injected by the test)."
        rule = Failure(re.compile(path, re.IGNORECASE), status, code, text, method)
        with self._lock:
            self.failures.append(rule)

    def reset(self) -> None:
        with self._lock:
            self.throttle = None
            self.failures = []

    def answer(self, request: Request) -> Reply | None:
        """The fault reply for this request, or None to serve it normally."""
        with self._lock:
            for rule in self.failures:
                if rule.pattern.search(request.path) and rule.method in (None, request.method):
                    return arm_error(rule.status, rule.code, rule.message)
            if self.throttle and self.throttle.hits(request):
                status, _, body = arm_error(429, "TooManyRequests", "Throttled by the sandbox.")
                return status, retry_after_headers(self.throttle.retry_after), body
        return None
