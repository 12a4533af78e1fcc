"""pytest fixtures that start the cloud sandboxes: moto's server (AWS) and the ARM emulator (Azure).

Load them with `pytest_plugins = ["exitkit.sandbox.pytest_cloud"]` in the root conftest.
Both servers live for the session; per-test fixtures give each test the environment to point
exitkit's real clients at them, and clean fault modes and counters.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from exitkit.sandbox.aws_estate import AwsSandbox, start_aws_sandbox
from exitkit.sandbox.azure_arm import ArmEmulator, start_azure_sandbox

_FOREIGN_AWS = (
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "AWS_SESSION_TOKEN",
    "AWS_SECURITY_TOKEN",
    "AWS_ROLE_ARN",
)
_FOREIGN_AZURE = ("AZURE_CLIENT_CERTIFICATE_PATH", "AZURE_USERNAME", "AZURE_FEDERATED_TOKEN_FILE")


@pytest.fixture(scope="session")
def aws_sandbox() -> Iterator[AwsSandbox]:
    """Moto on 127.0.0.1, seeded with the demo estate (two accounts, three regions)."""
    with start_aws_sandbox(seed=True) as sandbox:
        yield sandbox


@pytest.fixture
def aws_env(aws_sandbox: AwsSandbox, monkeypatch: pytest.MonkeyPatch) -> AwsSandbox:
    """The AWS sandbox, with boto3's standard chain (environment) pointed at it for this test."""
    for name in _FOREIGN_AWS:
        monkeypatch.delenv(name, raising=False)
    for name, value in aws_sandbox.env.items():
        monkeypatch.setenv(name, value)
    return aws_sandbox


@pytest.fixture(scope="session")
def azure_sandbox() -> Iterator[ArmEmulator]:
    """The ARM emulator on https://127.0.0.1, with its own certificate and seeded estate."""
    with start_azure_sandbox() as emulator:
        yield emulator


@pytest.fixture(autouse=True)
def _azure_clean_slate(request: pytest.FixtureRequest) -> Iterator[None]:
    """A test that uses the emulator starts with no fault mode and zeroed counters."""
    if "azure_sandbox" not in request.fixturenames:
        yield
        return
    emulator: ArmEmulator = request.getfixturevalue("azure_sandbox")
    emulator.reset_modes()
    emulator.reset_counters()
    yield
    emulator.reset_modes()


@pytest.fixture
def azure_env(azure_sandbox: ArmEmulator, monkeypatch: pytest.MonkeyPatch) -> ArmEmulator:
    """The emulator, with EnvironmentCredential's variables and the CA bundle set for this test."""
    for name in _FOREIGN_AZURE:
        monkeypatch.delenv(name, raising=False)
    for name, value in azure_sandbox.env.items():
        monkeypatch.setenv(name, value)
    return azure_sandbox
