"""moto's S3 server on loopback for the escrow tests; every command finds it via AWS_ENDPOINT_URL.

The server runs in a process of its own: moto keeps one state per process, and the AWS
sandbox (exitkit.sandbox) needs that state to start with its managed policies loaded and
without these tests' buckets in it.
"""

from __future__ import annotations

import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import boto3
import pytest

REGION = "eu-west-3"
ACCESS_KEY_ID = "AKIAESCROWTESTKEY001"
SECRET_ACCESS_KEY = "escrow-Secret-Value-That-Must-Never-Print"


SERVER = """
import sys
from moto.server import ThreadedMotoServer
server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
server.start()
print(server.get_host_and_port()[1], flush=True)
sys.stdin.read()  # until the tests close it
server.stop()
"""


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    server = subprocess.Popen(
        [sys.executable, "-c", SERVER],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert server.stdout is not None and server.stdin is not None
    port = server.stdout.readline().strip()
    assert port.isdigit(), "moto's server did not start"
    yield f"http://127.0.0.1:{port}"
    server.stdin.close()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()


@pytest.fixture(autouse=True)
def _aws_environment(s3_endpoint: str, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_CONFIG_FILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ENDPOINT_URL", s3_endpoint)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", ACCESS_KEY_ID)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY)
    monkeypatch.setenv("AWS_DEFAULT_REGION", REGION)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent")


@pytest.fixture
def s3() -> Any:
    return boto3.client("s3")


@pytest.fixture
def make_bucket(s3: Any) -> Callable[..., str]:
    def make(object_lock: bool = False) -> str:
        name = f"escrow-{uuid.uuid4().hex[:12]}"
        s3.create_bucket(
            Bucket=name,
            CreateBucketConfiguration={"LocationConstraint": REGION},
            ObjectLockEnabledForBucket=object_lock,
        )
        return name

    return make
