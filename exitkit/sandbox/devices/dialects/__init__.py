"""The emulated platforms, one module each; a platform is its `Dialect` value.

Adding a platform is one module here and one line below.
"""

from __future__ import annotations

from exitkit.sandbox.devices.dialect import Dialect
from exitkit.sandbox.devices.dialects.aoscx import AOSCX
from exitkit.sandbox.devices.dialects.asa import ASA
from exitkit.sandbox.devices.dialects.eos import EOS
from exitkit.sandbox.devices.dialects.fortios import FORTIOS
from exitkit.sandbox.devices.dialects.ios import IOS
from exitkit.sandbox.devices.dialects.iosxr import IOSXR
from exitkit.sandbox.devices.dialects.junos import JUNOS
from exitkit.sandbox.devices.dialects.nxos import NXOS
from exitkit.sandbox.devices.dialects.os10 import OS10
from exitkit.sandbox.devices.dialects.panos import PANOS
from exitkit.sandbox.devices.dialects.procurve import PROCURVE
from exitkit.sandbox.devices.dialects.routeros import ROUTEROS
from exitkit.sandbox.devices.dialects.vrp import VRP

DIALECTS: dict[str, Dialect] = {d.platform: d for d in (IOS, NXOS, JUNOS, EOS)}
DIALECTS[ASA.platform] = ASA
DIALECTS[IOSXR.platform] = IOSXR
DIALECTS[VRP.platform] = VRP
DIALECTS[FORTIOS.platform] = FORTIOS
DIALECTS[PANOS.platform] = PANOS
DIALECTS[ROUTEROS.platform] = ROUTEROS
DIALECTS[PROCURVE.platform] = PROCURVE
DIALECTS[AOSCX.platform] = AOSCX
DIALECTS[OS10.platform] = OS10
# The platforms a farm starts when none are named (and the ones the shared fixtures and the
# per-platform emulator tests cover); every platform of DIALECTS can be started by name.
PLATFORMS = (IOS.platform, NXOS.platform, JUNOS.platform, EOS.platform)
EMULATED = tuple(DIALECTS)

__all__ = ["DIALECTS", "EMULATED", "PLATFORMS", "Dialect"]
