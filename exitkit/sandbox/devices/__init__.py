"""SSH emulators of IOS, NX-OS, Junos and EOS devices that netmiko's real drivers can export from.

Start a farm with `DeviceFarm.start(count=...)`; see `serve` for the command-line entry point.
"""

from exitkit.sandbox.devices.banners import HOSTILE_BANNER
from exitkit.sandbox.devices.device import DeviceSpec, EmulatedDevice, ExecMode, Fault
from exitkit.sandbox.devices.dialects import EMULATED, PLATFORMS
from exitkit.sandbox.devices.farm import DeviceFarm, plan_devices
from exitkit.sandbox.devices.serve import inventory_fragment, serve

__all__ = [
    "EMULATED",
    "HOSTILE_BANNER",
    "PLATFORMS",
    "DeviceFarm",
    "DeviceSpec",
    "EmulatedDevice",
    "ExecMode",
    "Fault",
    "inventory_fragment",
    "plan_devices",
    "serve",
]
