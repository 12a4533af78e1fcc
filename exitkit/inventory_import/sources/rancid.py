"""RANCID's router.db: `name;type;state[;comment]` (RANCID 3; RANCID 2 used `:`).

Devices marked down are skipped and reported; the device name is the host, as RANCID uses it.
"""

from __future__ import annotations

from pathlib import Path

from exitkit.inventory_import import candidates
from exitkit.inventory_import.records import Harvest, Skip
from exitkit.inventory_import.routerdb import data_lines, delimiter_of
from exitkit.inventory_import.sources import ImportContext, source
from exitkit.inventory_import.spec import SourceError, SourceSpec

KIND = "rancid"


@source(KIND, ("credentials", "delimiter"), "rancid:PATH/router.db")
def read_rancid(spec: SourceSpec, ctx: ImportContext) -> Harvest:
    path = Path(spec.where)
    lines = data_lines(path)
    delimiter = delimiter_of(spec.one("delimiter"), _guess(lines))
    name = spec.one("credentials", candidates.DEFAULT_CREDENTIALS) or candidates.DEFAULT_CREDENTIALS
    credential = candidates.credential_set(name, dict(ctx.credentials))
    harvest = Harvest(spec.text, KIND, read=len(lines))
    for number, line in lines:
        fields = [field.strip() for field in line.split(delimiter)]
        if len(fields) < 3 or not fields[0]:
            raise SourceError(
                f"{path}:{number}: expected name{delimiter}type{delimiter}state, "
                f"found {len(fields)} field(s)"
            )
        device, kind, state = fields[0], fields[1], fields[2].lower()
        origin = f"{path}:{number}"
        if state != "up":
            why = "marked down" if state == "down" else f"state {state!r} is neither up nor down"
            harvest.skipped.append(Skip(device, origin, f"{why} in router.db"))
            continue
        device_type, problem = ctx.maps.device_type(KIND, kind)
        if device_type is None:
            harvest.skipped.append(Skip(device, origin, problem))
            continue
        values = {"platform": device_type, "host": device.lower(), "credentials": name}
        harvest.add(candidates.device(device, origin, KIND, values, credential=credential))
    return harvest


def _guess(lines: list[tuple[int, str]]) -> str:
    return ";" if any(";" in line for _, line in lines) else ":"
