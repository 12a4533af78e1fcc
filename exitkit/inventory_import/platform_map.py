"""Platform maps: a source's platform name (NetBox slug, Oxidized model, RANCID type) to the
netmiko device type exitkit reads. Defaults ship as data; the user's map overrides them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from exitkit.inventory.yaml_source import YamlError, load_yaml, locate, read_text
from exitkit.inventory_import.spec import SourceError
from exitkit.netconfig.platforms import supported

SECTIONS = ("netbox", "oxidized", "rancid")
USER_MAP = "platform_map.yaml"  # beside the estate, read when --map is not given
_DEVICE_TYPE = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class PlatformMaps:
    """Per section, name -> device type; a name mapped to None was removed by the user."""

    sections: dict[str, dict[str, str | None]]
    origin: str  # what was read, for messages

    def device_type(self, section: str, name: str) -> tuple[str | None, str]:
        """(device type, "") when exitkit can read it, else (None, why not)."""
        key = name.strip().lower()
        mapped = self.sections[section].get(key)
        if mapped is None:
            return None, (
                f"{section} platform {name!r} has no mapping to a device type "
                f"(add `{key}: DEVICE_TYPE` under `{section}:` in {USER_MAP} or --map)"
            )
        if mapped not in supported():
            return None, (
                f"{section} platform {name!r} maps to {mapped!r}, which exitkit cannot read "
                f"(supported: {', '.join(supported())})"
            )
        return mapped, ""


def load_maps(user_map: Path | None) -> PlatformMaps:
    """The shipped defaults, with the user's map (when there is one) laid over them."""
    default = resources.files("exitkit.inventory_import").joinpath("platform_maps.yaml")
    sections = _read(Path("exitkit/inventory_import/platform_maps.yaml"), default.read_text())
    for device_type in supported():  # a slug that already is a device type maps to itself
        sections["netbox"].setdefault(device_type, device_type)
        sections["netbox"].setdefault(device_type.replace("_", "-"), device_type)
    origin = "the default platform map"
    if user_map is not None:
        for section, entries in _read(user_map, read_text(user_map)).items():
            sections[section].update(entries)
        origin += f" and {user_map}"
    return PlatformMaps(sections, origin)


def _read(path: Path, text: str) -> dict[str, dict[str, str | None]]:
    try:
        data = load_yaml(path, text).data
    except YamlError as problem:
        raise SourceError(str(problem)) from None
    if not isinstance(data, dict):
        raise SourceError(f"{path}:1:1: a platform map is a mapping of {', '.join(SECTIONS)}")
    sections: dict[str, dict[str, str | None]] = {name: {} for name in SECTIONS}
    for section, entries in data.items():
        if section not in SECTIONS:
            line = next(
                (n for n, raw in enumerate(text.splitlines(), 1) if raw.startswith(f"{section}:")),
                1,
            )
            raise SourceError(
                f"{path}:{line}:1: unknown section {section!r} (use {', '.join(SECTIONS)})"
            )
        if not isinstance(entries, dict):
            _fail(path, text, [section], "expected a mapping of platform name: device type")
        for name, device_type in entries.items():
            sections[section][str(name).lower()] = _checked(path, text, section, name, device_type)
    return sections


def _checked(path: Path, text: str, section: str, name: str, value: Any) -> str | None:
    if value is None or (isinstance(value, str) and _DEVICE_TYPE.match(value)):
        return value
    _fail(path, text, [section, name], "expected a netmiko device type such as cisco_ios, or null")
    return None  # pragma: no cover - _fail raises


def _fail(path: Path, text: str, where: list[str | int], problem: str) -> None:
    line, column = locate(path, text, where)
    raise SourceError(f"{path}:{line}:{column}: {problem}")
