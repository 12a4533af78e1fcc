"""The sandbox's pytest fixtures (device emulators, moto, the ARM emulator), when present."""

from __future__ import annotations

import importlib.util

pytest_plugins = [
    name
    for name in ("exitkit.sandbox.pytest_plugin", "exitkit.sandbox.pytest_cloud")
    if importlib.util.find_spec(name) is not None
]
