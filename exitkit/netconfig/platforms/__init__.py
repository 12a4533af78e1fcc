"""The network platforms exitkit reads, one module each (like Oxidized's model files): a module
builds its `Platform` and registers it; nothing else lists platform names."""

from __future__ import annotations

from exitkit.netconfig.platform import Platform
from exitkit.plugins import import_package_modules

PLATFORMS: dict[str, Platform] = {}


def register(platform: Platform) -> Platform:
    if platform.device_type in PLATFORMS:
        raise ValueError(f"platform {platform.device_type} is registered twice")
    PLATFORMS[platform.device_type] = platform
    return platform


def platforms() -> dict[str, Platform]:
    """Every registered platform, by netmiko device_type."""
    import_package_modules(__name__)
    return PLATFORMS


def platform_of(device_type: str) -> Platform | None:
    """The platform for a netmiko device_type, None when exitkit cannot read it."""
    return platforms().get(device_type)


def supported() -> list[str]:
    return sorted(platforms())
