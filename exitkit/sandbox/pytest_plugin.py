"""pytest fixtures that start emulated network devices (register with `pytest_plugins`).

`device_farm`: a shared farm, two devices per platform, reset after every test.
`device_farm_factory`: start a farm of your own shape; stopped when the test ends.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import ParamSpec

import pytest

from exitkit.sandbox.devices import PLATFORMS, DeviceFarm

P = ParamSpec("P")


@pytest.fixture(scope="session")
def _shared_device_farm() -> Iterator[DeviceFarm]:
    with DeviceFarm.start(count=2 * len(PLATFORMS)) as farm:
        yield farm


@pytest.fixture
def device_farm(_shared_device_farm: DeviceFarm) -> Iterator[DeviceFarm]:
    """ios-001/002, nxos-001/002, junos-001/002, eos-001/002 with realistic configurations.

    Faults, delays, configuration changes and added blank devices are undone after the test.
    """
    yield _shared_device_farm
    _shared_device_farm.reset()


DeviceFarmFactory = Callable[..., DeviceFarm]


def _remembered(start: Callable[P, DeviceFarm], farms: list[DeviceFarm]) -> Callable[P, DeviceFarm]:
    def remember(*args: P.args, **kwargs: P.kwargs) -> DeviceFarm:
        farm = start(*args, **kwargs)
        farms.append(farm)
        return farm

    return remember


@pytest.fixture
def device_farm_factory() -> Iterator[DeviceFarmFactory]:
    """Takes DeviceFarm.start's arguments: `device_farm_factory(count=300, base_port=...)`."""
    farms: list[DeviceFarm] = []
    yield _remembered(DeviceFarm.start, farms)
    for farm in farms:
        farm.stop()
