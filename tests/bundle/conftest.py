"""Fixtures of the hostile-bundle tests: the provider's signed bundle, and a world around it."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.bundle.hostile import Listener, World
from tests.conftest import run_exitkit, write_estate


@pytest.fixture(scope="session")
def provider_bundle(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A bundle exported and signed by the provider, and the provider's signing key."""
    root = tmp_path_factory.mktemp("provider")
    estate = write_estate(root / "estate")
    key = root / "provider.key"
    assert run_exitkit("keys", "generate", "--out", key).code == 0
    run = run_exitkit("export", estate, "--out", root / "bundle", "--sign-key", key)
    assert run.code == 0, run
    return root / "bundle", key


@pytest.fixture
def listener() -> Iterator[Listener]:
    found = Listener()
    yield found
    found.close()


@pytest.fixture
def world(provider_bundle: tuple[Path, Path], listener: Listener) -> Iterator[World]:
    root = Path(tempfile.mkdtemp(prefix="exitkit-hostile-"))
    try:
        yield World(root, *provider_bundle, listener)
    finally:
        shutil.rmtree(root)
