"""Read a device within its time limit, retrying transient failures with backoff and jitter."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace

from exitkit.netconfig.faults import RETRYABLE, Deadline, DeviceFailure, backoff
from exitkit.netconfig.session import Reading, read_once
from exitkit.netconfig.ssh import Target

MIN_ATTEMPT_S = 1.0  # not worth starting an attempt with less time than this left


def read_device(
    target: Target,
    time_limit: float,
    retries: int,
    sleep: Callable[[float], None] = time.sleep,
    known_reason: str | None = None,
) -> Reading:
    """Every configuration file of `target`; DeviceFailure when it cannot be had in time.

    unreachable, timeout and dropped are retried up to `retries` times; auth and
    unexpected-output never (a wrong password tried again only locks the account), nor the
    algorithm and host-key classes, which only a person can change. `known_reason`: exec is
    already known not to be how this device reads.
    """
    deadline = Deadline(time_limit)
    attempt = 0
    while True:
        attempt += 1
        try:
            return replace(read_once(target, deadline, known_reason), attempts=attempt)
        except DeviceFailure as failure:
            pause = backoff(attempt)
            if (
                failure.error_class not in RETRYABLE
                or attempt > retries
                or deadline.left() < pause + MIN_ATTEMPT_S
            ):
                tries = f" (after {attempt} attempts)" if attempt > 1 else ""
                raise DeviceFailure(failure.error_class, failure.reason + tries) from None
            sleep(pause)
