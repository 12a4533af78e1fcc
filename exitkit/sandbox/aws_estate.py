"""The AWS sandbox: moto's server on loopback, seeded with the demo estate, for boto3 as is.

Moto keeps its state in the process: every server started in one process shares one set of
accounts, so a process runs one sandbox at a time (`reset()` empties it).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import urllib.request
from types import TracebackType
from typing import Any

from exitkit.sandbox.aws_seed import seed_aws_estate
from exitkit.sandbox.aws_session import (
    ACCOUNT_PROD,
    ACCOUNT_SHARED,
    DUMMY_KEY_ID,
    DUMMY_SECRET,
    REGIONS,
    assume_role_credentials,
    dummy_credentials,
    role_arn,
)
from exitkit.sandbox.expected import SandboxError, SeededEstate

ADMIN_POLICY = "arn:aws:iam::aws:policy/AdministratorAccess"
HOST = "127.0.0.1"
_SEEDED: list[SeededEstate] = []  # moto's state is the process's, so is the estate seeded in it
_SEED_LOCK = threading.Lock()


class AwsSandbox:
    """A running moto server; `estate` holds what `seed()` created (empty until then)."""

    def __init__(self, port: int = 0) -> None:
        self._port = port
        self._server: Any = None
        self.endpoint_url = ""
        self.estate = SeededEstate((), ())

    def start(self) -> AwsSandbox:
        if "MOTO_ACCOUNT_ID" in os.environ:
            raise SandboxError("MOTO_ACCOUNT_ID is set: unset it, or every account becomes one")
        # moto reads these when it first builds a backend: they must be set before any request
        os.environ["MOTO_IAM_LOAD_MANAGED_POLICIES"] = "true"
        # moto's ~1,300 built-in AMIs come with snapshots it files under the caller's account
        os.environ.setdefault("MOTO_EC2_LOAD_DEFAULT_AMIS", "false")
        from moto.server import ThreadedMotoServer

        if self._port:
            _check_free(self._port)  # moto's thread would die on a busy port and start() hang

        logging.getLogger("werkzeug").setLevel(logging.ERROR)
        self._server = ThreadedMotoServer(ip_address=HOST, port=self._port, verbose=False)
        self._server.start()
        host, port = self._server.get_host_and_port()
        self.endpoint_url = f"http://{host}:{port}"
        self._check_managed_policies()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.stop()
            self._server = None

    def __enter__(self) -> AwsSandbox:
        return self if self._server is not None else self.start()

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def seed(self) -> SeededEstate:
        """Create the demo estate (both accounts, three regions) once per process; returns it.

        Every moto server of a process shares one state: a second sandbox finds the estate the
        first one seeded and gets its record, instead of a clash of names."""
        with _SEED_LOCK:
            if not _SEEDED:
                _SEEDED.append(seed_aws_estate(self.endpoint_url))
            self.estate = _SEEDED[0]
        return self.estate

    def reset(self) -> None:
        """Empty every account and region of the process's moto state."""
        url = f"{self.endpoint_url}/moto-api/reset"  # our own loopback http URL
        with urllib.request.urlopen(urllib.request.Request(url, method="POST"), timeout=30):  # noqa: S310
            pass
        with _SEED_LOCK:
            _SEEDED.clear()
        self.estate = SeededEstate((), ())

    @property
    def env(self) -> dict[str, str]:
        """Environment for boto3's standard chain: endpoint, dummy keys, no profile files."""
        return {
            "AWS_ENDPOINT_URL": self.endpoint_url,
            "AWS_ACCESS_KEY_ID": DUMMY_KEY_ID,
            "AWS_SECRET_ACCESS_KEY": DUMMY_SECRET,
            "AWS_DEFAULT_REGION": REGIONS[0],
            "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_CONFIG_FILE": os.devnull,
            "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        }

    def client(self, service: str, region: str = REGIONS[0], account: str = ACCOUNT_PROD) -> Any:
        """A boto3 client on the sandbox, in the default account or (assuming a role) another."""
        import boto3

        keys = dummy_credentials()
        if account != ACCOUNT_PROD:
            keys = assume_role_credentials(self.endpoint_url, role_arn(account), "exitkit-test")
        session = boto3.session.Session()  # not the default one: tests may run threads
        return session.client(service, region_name=region, endpoint_url=self.endpoint_url, **keys)

    def _check_managed_policies(self) -> None:
        iam = self.client("iam", "us-east-1")
        try:
            iam.get_policy(PolicyArn=ADMIN_POLICY)
        except Exception as error:
            raise SandboxError(
                "moto started without AWS managed policies (AdministratorAccess is missing): "
                "it was imported and used before MOTO_IAM_LOAD_MANAGED_POLICIES=true was set"
            ) from error


def start_aws_sandbox(seed: bool = True, port: int = 0) -> AwsSandbox:
    """Start moto on 127.0.0.1 and, by default, seed the demo estate."""
    sandbox = AwsSandbox(port).start()
    if seed:
        started = time.perf_counter()
        sandbox.seed()
        logging.getLogger(__name__).info("seeded in %.1fs", time.perf_counter() - started)
    return sandbox


def serve_aws(port: int = 0, seed: bool = True, stop: threading.Event | None = None) -> int:
    """`exitkit sandbox aws`: run the seeded server until Ctrl-C (or `stop` is set)."""
    with start_aws_sandbox(seed=seed, port=port) as sandbox:
        print(f"AWS sandbox (moto) on {sandbox.endpoint_url}")
        print(
            f"accounts: {ACCOUNT_PROD} (the dummy keys), "
            f"{ACCOUNT_SHARED} (sts assume-role {role_arn(ACCOUNT_SHARED)})"
        )
        print(
            f"{len(sandbox.estate.resources)} resources seeded in {', '.join(REGIONS)} and global"
        )
        print("export:")
        for name, value in sandbox.env.items():
            print(f"  export {name}={value}")
        print("Ctrl-C to stop", flush=True)
        waiter = stop or threading.Event()
        try:
            while not waiter.wait(0.5):
                pass
        except KeyboardInterrupt:
            print("stopped")
    return 0


def _check_free(port: int) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((HOST, port))
        except OSError as error:
            raise SandboxError(f"cannot start moto on {HOST}:{port}: {error}") from error
