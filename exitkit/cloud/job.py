"""What cloud collection needs from the export it runs in, and the failure it raises: the cloud
exporter (exitkit/exporters/cloud.py) passes its job in and records the failure, so nothing here
imports the exporters."""

from __future__ import annotations

from typing import Protocol

from exitkit.bundle.output import AssetOutput
from exitkit.failures import AssetFailure
from exitkit.inventory.loader import Inventory
from exitkit.inventory.models import Asset


class CloudFailure(AssetFailure):
    """An account or tenant could not be read at all (credentials, endpoint, wrong account,
    nothing collected); `error_class` is one of exitkit.failures.ERROR_CLASSES."""


class Limits(Protocol):
    @property
    def retries(self) -> int: ...

    @property
    def timeout_s(self) -> float: ...


class AccountJob(Protocol):
    """One cloud asset's export: the estate, the asset, where its files go, its limits."""

    @property
    def inventory(self) -> Inventory: ...

    @property
    def asset(self) -> Asset: ...

    @property
    def output(self) -> AssetOutput: ...

    @property
    def options(self) -> Limits: ...

    def scrub(self, text: str) -> str: ...
