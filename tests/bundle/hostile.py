"""What the hostile-bundle tests share: verify run as a stranger's bundle would meet it.

Each run is the real command in a process of its own, under a memory limit and a time limit,
with every proxy and endpoint pointed at a listener on 127.0.0.1 that records any connection;
the files around the bundle are hashed before and after, and a FIFO outside the bundle tells
whether anything opened it.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import resource
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from tests.conftest import Run

MEMORY = 1536 * 1024 * 1024  # address space of one verify
SECONDS = 60  # and its time
SECRET = "OUTSIDE-SECRET-7f3a"  # in every file outside a bundle: must never be printed


class Listener:
    """A TCP listener on 127.0.0.1 that counts the connections made to it."""

    def __init__(self) -> None:
        self._socket = socket.socket()
        self._socket.bind(("127.0.0.1", 0))
        self._socket.listen(16)
        self._socket.settimeout(0.2)
        self.port = self._socket.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self._socket.accept()
            except OSError:
                continue
            self.connections += 1
            connection.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self._socket.close()


class Canary:
    """A FIFO outside the bundle; `opened` turns true if any process opens it to read."""

    def __init__(self, path: Path) -> None:
        self.path = path
        os.mkfifo(path)
        self.opened = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while not self._stop.is_set():
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_NONBLOCK)
            except OSError as error:
                if error.errno != errno.ENXIO:  # ENXIO: nobody reads it
                    raise
                time.sleep(0.005)
                continue
            self.opened = True
            os.close(fd)

    def __enter__(self) -> Canary:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._thread.join()


def fingerprints(root: Path) -> dict[str, tuple[int, str]]:
    """Every entry under `root` (links not followed, special files not opened): kind and hash."""
    found = {}
    for path in sorted(root.rglob("*")):
        status = path.lstat()
        if path.is_symlink():
            digest = str(path.readlink())
        elif path.is_file() and status.st_size < 64 * 1024 * 1024:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            digest = str(status.st_size)
        found[str(path.relative_to(root))] = (status.st_mode, digest)
    return found


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def offline(listener: Listener) -> dict[str, str]:
    """An environment whose every proxy and endpoint is the listener."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("AWS_", "HTTP", "http", "NO_PROXY", "no_proxy"))
    }
    names = ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "AWS_ENDPOINT_URL")
    return env | dict.fromkeys(names, listener.url)


def run_verify(
    *args: str | Path,
    listener: Listener | None = None,
    cwd: Path | None = None,
) -> Run:
    """`exitkit verify ARGS`, memory and time capped; offline but for the listener if given."""
    env = offline(listener) if listener is not None else dict(os.environ)
    done = subprocess.run(
        [sys.executable, "-m", "exitkit", "verify", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=SECONDS,
        preexec_fn=_limits,
        check=False,
    )
    return Run(done)


def copy_bundle(source: Path, target: Path) -> Path:
    shutil.copytree(source, target, symlinks=True)
    return target


class World:
    """A signed bundle copied into a folder of its own, outside pytest's temporary tree (whose
    JSON files the suite's schema check reads), with files outside it that must stay unread.

    `key` is the provider's signing key: hostile bundles are re-signed with it, as the party
    being exited can do, so the signature never is the reason a lie is caught.
    """

    def __init__(self, root: Path, bundle: Path, key: Path, listener: Listener) -> None:
        self.root = root
        self.key = key
        self.listener = listener
        self.outside = root / "outside"
        self.outside.mkdir()
        (self.outside / "secret.txt").write_text(f"{SECRET}\n")
        self.cwd = root / "cwd"
        self.cwd.mkdir()
        self.bundle = copy_bundle(bundle, root / "bundle")

    def manifest(self) -> dict[str, Any]:
        record: dict[str, Any] = json.loads((self.bundle / "manifest.json").read_bytes())
        return record

    def sign(self, data: bytes) -> None:
        """`data` as manifest.json, signed by the provider's key."""
        from exitkit.bundle.signing import load_private, sign

        (self.bundle / "manifest.json").write_bytes(data)
        (self.bundle / "manifest.json.sig").write_bytes(sign(load_private(self.key), data))

    def rewrite(self, change: Callable[[dict[str, Any]], object]) -> None:
        record = self.manifest()
        change(record)
        self.sign(json.dumps(record, indent=2).encode())

    def vouch(self, path: str, data: bytes) -> None:
        """Write `data` at `path` and make the signed manifest agree with it."""
        (self.bundle / path).write_bytes(data)

        def agree(record: dict[str, Any]) -> None:
            for entry in record["files"]:
                if entry["path"] == path:
                    entry["sha256"] = hashlib.sha256(data).hexdigest()
                    entry["size"] = len(data)

        self.rewrite(agree)

    def verify(self, target: Path | None = None, *args: str | Path) -> Run:
        """Verify as an auditor would, then check what must hold whatever the bundle holds."""
        before = fingerprints(self.root)
        run = run_verify(target or self.bundle, *args, listener=self.listener, cwd=self.cwd)
        assert run.code in (1, 2), run
        assert "Traceback" not in run.err and "internal error" not in run.err, run
        assert SECRET not in run.out + run.err, run
        assert self.listener.connections == 0, "verify opened a network connection"
        assert fingerprints(self.root) == before, "verify changed or added a file"
        return run
