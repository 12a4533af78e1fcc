"""Load an estate: find its file, read it safely, validate it once, check cross-references."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from exitkit.errors import InventoryError
from exitkit.inventory.model_errors import format_errors
from exitkit.inventory.models import Asset, Estate, NetworkDevice
from exitkit.inventory.ssh_keys import check_known_hosts
from exitkit.inventory.yaml_source import YamlDocument, YamlError, load_yaml, locate, read_text
from exitkit.netconfig.platforms import supported

ESTATE_FILE = "estate.yaml"
ModelT = TypeVar("ModelT", bound=BaseModel)


@dataclass(frozen=True)
class Inventory:
    """An estate as loaded: the validated model, where it came from, where each asset stands."""

    path: Path
    estate: Estate
    asset_lines: dict[str, int] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.estate.estate

    @property
    def base_dir(self) -> Path:
        """Relative paths in the estate (documents, scripts) are relative to its folder."""
        return self.path.parent

    @property
    def known_hosts(self) -> Path:
        """The estate's known_hosts file (OpenSSH format): pinned device host keys."""
        return self.base_dir / (self.estate.known_hosts or "known_hosts")

    @property
    def assets(self) -> list[Asset]:
        return self.estate.assets

    def asset(self, asset_id: str) -> Asset | None:
        return next((asset for asset in self.estate.assets if asset.id == asset_id), None)

    def where(self, asset_id: str) -> str:
        """`file:line` of an asset, for messages."""
        line = self.asset_lines.get(asset_id)
        return f"{self.path}:{line}" if line else str(self.path)

    def assets_of(self, *kinds: str) -> Iterator[Asset]:
        return (asset for asset in self.estate.assets if asset.kind in kinds)

    def to_record(self) -> dict[str, Any]:
        """The inventory as JSON-ready data; credentials appear as references, never values."""
        record: dict[str, Any] = {"schema": "inventory.v1", "source": self.path.name}
        record.update(self.estate.model_dump(mode="json", exclude_none=True))
        return record


def estate_file(location: Path) -> Path:
    """ESTATE may name the folder of an estate or its YAML file."""
    return location / ESTATE_FILE if location.is_dir() else location


def validate_document(
    document: YamlDocument, model: type[ModelT], error: type[Exception]
) -> ModelT:
    """Validate plain YAML data into `model`; every problem names file:line:column."""
    if not isinstance(document.data, dict):
        raise error(f"{document.path}:1:1: expected a mapping at the top of the file")
    try:
        return model.model_validate(document.data)
    except ValidationError as problems:
        raise error(format_errors(document, problems)) from None


def load_inventory(location: Path) -> Inventory:
    """Load and validate an estate; raises InventoryError naming file:line:column."""
    path = estate_file(location)
    try:
        document = load_yaml(path)
    except YamlError as problem:
        raise InventoryError(str(problem)) from None
    estate = validate_document(document, Estate, InventoryError)
    raw_assets = document.data.get("assets") or []
    lines = {
        asset.id: document.line_of(raw) or 1
        for asset, raw in zip(estate.assets, raw_assets, strict=True)
    }
    inventory = Inventory(path, estate, lines)
    _check_references(inventory, document)
    if any(isinstance(asset, NetworkDevice) for asset in estate.assets):
        check_known_hosts(inventory.known_hosts)
    return inventory


def _check_references(inventory: Inventory, document: YamlDocument) -> None:
    """Cross-field rules a schema cannot express: unique ids, credentials that exist."""
    estate = inventory.estate
    seen: set[str] = set()
    for index, asset in enumerate(estate.assets):
        if asset.id in seen:
            _fail(document, ["assets", index, "id"], f"duplicate asset id {asset.id!r}")
        seen.add(asset.id)
        if isinstance(asset, NetworkDevice) and asset.platform not in supported():
            _fail(
                document,
                ["assets", index, "platform"],
                f"asset {asset.id!r}: exitkit cannot read platform {asset.platform!r}; "
                f"supported platforms: {', '.join(supported())}",
            )
        if isinstance(asset, NetworkDevice) and asset.credentials not in estate.credentials:
            _fail(
                document,
                ["assets", index, "credentials"],
                f"asset {asset.id!r} uses credentials {asset.credentials!r}, "
                "which are not defined under 'credentials:'",
            )
    obligation_ids: set[str] = set()
    for index, obligation in enumerate(estate.obligations):
        if obligation.id in obligation_ids:
            _fail(document, ["obligations", index, "id"], f"duplicate obligation {obligation.id!r}")
        obligation_ids.add(obligation.id)


def _fail(document: YamlDocument, path: list[str | int], problem: str) -> None:
    line, column = locate(document.path, read_text(document.path), path)
    raise InventoryError(f"{document.path}:{line}:{column}: {problem}")
