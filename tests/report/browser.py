"""Open a page in Debian's headless chromium over the DevTools protocol (on a pipe, no websocket).

Only the page's own target is watched, so the browser's background traffic never counts as the
page's: `requests` is every URL the page asked for, `facts` what a script read from its DOM.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium() -> str | None:
    return shutil.which("chromium")


@dataclass(frozen=True)
class Visit:
    requests: list[str]
    facts: Any


class _Pipe:
    """DevTools messages are JSON, each ended by a NUL byte; chromium reads fd 3, writes fd 4."""

    def __init__(self, to_browser: int, from_browser: int) -> None:
        self.to_browser, self.from_browser = to_browser, from_browser
        self.buffer, self.counter, self.seen = b"", 0, []  # type: ignore[var-annotated]

    def send(
        self, method: str, params: dict[str, Any] | None = None, session: str | None = None
    ) -> int:
        self.counter += 1
        message: dict[str, Any] = {"id": self.counter, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        return self.counter

    def until(self, wanted: Any, timeout: float = 30) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            while b"\0" in self.buffer:
                raw, self.buffer = self.buffer.split(b"\0", 1)
                message = json.loads(raw)
                self.seen.append(message)
                if wanted(message):
                    return message  # type: ignore[no-any-return]
            ready, _, _ = select.select(
                [self.from_browser], [], [], max(0.0, deadline - time.monotonic())
            )
            if not ready:
                raise TimeoutError("chromium did not answer")
            chunk = os.read(self.from_browser, 1 << 16)
            if not chunk:
                raise EOFError("chromium closed the DevTools pipe")
            self.buffer += chunk

    def call(
        self, method: str, params: dict[str, Any] | None = None, session: str | None = None
    ) -> Any:
        number = self.send(method, params, session)
        return self.until(lambda message: message.get("id") == number).get("result", {})


def visit(page: Path, expression: str) -> Visit:
    """Load `page` from disk, wait for its load event, evaluate `expression` (JSON-returning)."""
    to_read, to_write = os.pipe()
    from_read, from_write = os.pipe()
    with tempfile.TemporaryDirectory(prefix="exitkit-chromium-") as profile:
        command = [str(chromium()), *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-pipe"]
        browser = subprocess.Popen(
            ["bash", "-c", f'exec "$0" "$@" 3<&{to_read} 4>&{from_write}', *command, "about:blank"],
            pass_fds=(to_read, from_write),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_read)
        os.close(from_write)
        pipe = _Pipe(to_write, from_read)
        try:
            target = pipe.call("Target.createTarget", {"url": "about:blank"})["targetId"]
            session = pipe.call("Target.attachToTarget", {"targetId": target, "flatten": True})[
                "sessionId"
            ]
            pipe.call("Network.enable", session=session)
            pipe.call("Page.enable", session=session)
            pipe.call("Page.navigate", {"url": page.resolve().as_uri()}, session)
            pipe.until(
                lambda m: m.get("method") == "Page.loadEventFired" and m.get("sessionId") == session
            )
            time.sleep(0.3)  # let late resource requests show up
            result = pipe.call(
                "Runtime.evaluate", {"expression": expression, "returnByValue": True}, session
            )
            requests = [
                m["params"]["request"]["url"]
                for m in pipe.seen
                if m.get("method") == "Network.requestWillBeSent" and m.get("sessionId") == session
            ]
            pipe.send("Browser.close")
            browser.wait(timeout=15)
        finally:
            if browser.poll() is None:
                browser.kill()
                browser.wait()
            os.close(to_write)
            os.close(from_read)
    return Visit(requests, json.loads(result["result"]["value"]))
