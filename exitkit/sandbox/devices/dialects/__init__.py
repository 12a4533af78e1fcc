"""The emulated platforms, one module each; a platform is its `Dialect` value.

Adding a platform is one module here and one line below.
"""

from __future__ import annotations

from exitkit.sandbox.devices.dialect import Dialect
from exitkit.sandbox.devices.dialects.eos import EOS
from exitkit.sandbox.devices.dialects.ios import IOS
from exitkit.sandbox.devices.dialects.junos import JUNOS
from exitkit.sandbox.devices.dialects.nxos import NXOS

DIALECTS: dict[str, Dialect] = {d.platform: d for d in (IOS, NXOS, JUNOS, EOS)}
# The platforms a farm starts when none are named (and the ones the shared fixtures and the
# per-platform emulator tests cover); every platform of DIALECTS can be started by name.
PLATFORMS = (IOS.platform, NXOS.platform, JUNOS.platform, EOS.platform)
EMULATED = tuple(DIALECTS)

__all__ = ["DIALECTS", "EMULATED", "PLATFORMS", "Dialect"]
