"""One thread that watches every open device session and ends the ones whose time is up or
whose connection died: netmiko would otherwise wait for a prompt that can no longer come."""

from __future__ import annotations

import threading
import time
from typing import Any

from exitkit.netconfig.faults import Deadline

DEADLINE = "deadline"
DROPPED = "dropped"


class Watch:
    """One session under watch; `fired` says why it was ended, None while it runs."""

    def __init__(self, end: float, client: Any, conn: Any) -> None:
        self.end = end
        self.fired: str | None = None
        self._client = client
        self._conn = conn

    def alive(self) -> bool:
        transport = self._client.get_transport()
        return transport is not None and bool(transport.is_active())

    def fire(self, why: str) -> None:
        self.fired = why
        self._client.close()
        channel = getattr(self._conn, "channel", None)
        if channel is not None:  # netmiko raises ReadException at its next read
            channel.remote_conn = None


class Watchdog:
    """Checks every watched session `period` seconds apart, from one daemon thread."""

    def __init__(self, period: float = 0.05) -> None:
        self.period = period
        self._watches: set[Watch] = set()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def watch(self, deadline: Deadline, client: Any, conn: Any) -> Watch:
        watch = Watch(deadline.end, client, conn)
        with self._lock:
            self._watches.add(watch)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="exitkit-watchdog")
                self._thread.daemon = True
                self._thread.start()
        return watch

    def release(self, watch: Watch) -> None:
        with self._lock:
            self._watches.discard(watch)

    def _run(self) -> None:
        while True:
            time.sleep(self.period)
            with self._lock:
                watches = list(self._watches)
            now = time.monotonic()
            for watch in watches:
                if watch.fired is not None:
                    continue
                if now >= watch.end:
                    watch.fire(DEADLINE)
                elif not watch.alive():
                    watch.fire(DROPPED)


WATCHDOG = Watchdog()
