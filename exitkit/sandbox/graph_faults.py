"""Fault modes of the Graph emulator, and what it saw.

Throttling answers 429 with Retry-After (Graph's own way) and remembers until when: a client that
asks again for the same URL before that time is counted in `early`, one that asks again after
giving up never does. A failing endpoint answers its error every time.
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, field

from exitkit.sandbox.azure_routes import Reply, Request
from exitkit.sandbox.graph_odata import graph_error


@dataclass
class GraphThrottle:
    pattern: re.Pattern[str]
    times: int  # how many matching calls get a 429 (then it lets them through)
    retry_after: int  # seconds, as Graph sends it
    status: int = 429
    seen: int = 0


@dataclass(frozen=True)
class GraphFailure:
    pattern: re.Pattern[str]
    status: int
    code: str
    message: str


@dataclass
class GraphTraffic:
    """Every Graph request as (method, path, query string, status); throttled and early ones."""

    log: list[tuple[str, str, str, int]] = field(default_factory=list)
    throttled: int = 0
    early: int = 0  # requests repeated before the Retry-After they were given had passed

    def calls(self, fragment: str) -> list[tuple[str, str, str, int]]:
        return [entry for entry in self.log if fragment in entry[1]]


@dataclass
class GraphFaults:
    throttles: list[GraphThrottle] = field(default_factory=list)
    failures: list[GraphFailure] = field(default_factory=list)
    traffic: GraphTraffic = field(default_factory=GraphTraffic)
    _not_before: dict[str, float] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def throttle(self, path: str, times: int = 1, retry_after: int = 1, status: int = 429) -> None:
        rule = GraphThrottle(re.compile(path, re.IGNORECASE), times, retry_after, status)
        with self._lock:
            self.throttles.append(rule)

    def fail(self, path: str, status: int, code: str, message: str) -> None:
        rule = GraphFailure(re.compile(path, re.IGNORECASE), status, code, message)
        with self._lock:
            self.failures.append(rule)

    def reset(self) -> None:
        with self._lock:
            self.throttles, self.failures = [], []
            self.traffic = GraphTraffic()
            self._not_before = {}

    def answer(self, request: Request) -> Reply | None:
        """The fault reply for this request, or None to serve it."""
        key = f"{request.method} {request.path}?{sorted(request.query.items())}"
        now = time.monotonic()
        with self._lock:
            if now < self._not_before.get(key, 0.0):
                self.traffic.early += 1
            for failure in self.failures:
                if failure.pattern.search(request.path):
                    return graph_error(failure.status, failure.code, failure.message)
            for rule in self.throttles:
                if rule.pattern.search(request.path) and rule.seen < rule.times:
                    rule.seen += 1
                    self.traffic.throttled += 1
                    self._not_before[key] = now + rule.retry_after
                    status, _, body = graph_error(
                        rule.status, "TooManyRequests", "Too many requests (sandbox throttling)."
                    )
                    return status, {"Retry-After": str(rule.retry_after)}, body
        return None

    def record(self, request: Request, status: int) -> None:
        query = "&".join(f"{k}={v}" for k, v in sorted(request.query.items()))
        with self._lock:
            self.traffic.log.append((request.method, request.path, query, status))
