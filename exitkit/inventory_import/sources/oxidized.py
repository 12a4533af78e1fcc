"""Oxidized's CSV source (router.db) with its column map, as in Oxidized's `source.csv.map`:

    oxidized:router.db?map=name:ip:model:username:password:enable&delimiter=:

Model names map to device types; logins become credential sets whose values go to 0600 files
(`passwords=file`, the default) or make the import refuse the file (`passwords=refuse`).
"""

from __future__ import annotations

from pathlib import Path

from exitkit.inventory_import import candidates
from exitkit.inventory_import.logins import Login
from exitkit.inventory_import.records import Candidate, Harvest, Skip
from exitkit.inventory_import.routerdb import data_lines, delimiter_of
from exitkit.inventory_import.sources import ImportContext, source
from exitkit.inventory_import.spec import SourceError, SourceSpec

KIND = "oxidized"
COLUMNS = ("name", "ip", "model", "username", "password", "enable", "group")
DEFAULT_MAP = "name:model"  # Oxidized's own default: name 0, model 1
PARAMS = ("map", "delimiter", "passwords", "credentials")


@source(KIND, PARAMS, "oxidized:PATH/router.db?map=name:ip:model:username:password")
def read_oxidized(spec: SourceSpec, ctx: ImportContext) -> Harvest:
    path = Path(spec.where)
    columns = column_map(spec.one("map", DEFAULT_MAP) or DEFAULT_MAP)
    delimiter = delimiter_of(spec.one("delimiter"), ":")
    refuse = _password_mode(spec.one("passwords", "file")) == "refuse"
    default = spec.one("credentials", candidates.DEFAULT_CREDENTIALS)
    lines = data_lines(path)
    harvest = Harvest(spec.text, KIND, read=len(lines))
    for number, line in lines:
        row = _row(path, number, line.split(delimiter), columns, delimiter)
        if refuse and (row.get("password") or row.get("enable")):
            raise SourceError(
                f"{path}:{number}: holds a password and passwords=refuse was given "
                "(remove the password columns from the map, or let exitkit move them to files)"
            )
        harvest.add(_candidate(row, f"{path}:{number}", ctx, default))
    return harvest


def column_map(text: str) -> list[str]:
    """`name:ip:model` (or with commas): the router.db field each column holds; `_` skips."""
    columns = [part.strip().lower() for part in text.replace(",", ":").split(":")]
    named = [column for column in columns if column not in ("", "_")]
    unknown = sorted(set(named) - set(COLUMNS))
    if unknown:
        raise SourceError(
            f"oxidized map: unknown column {', '.join(unknown)} (known: {', '.join(COLUMNS)}, "
            "and _ for a column to ignore)"
        )
    if len(named) != len(set(named)):
        raise SourceError("oxidized map: a column is named twice")
    if "name" not in named or "model" not in named:
        raise SourceError("oxidized map: needs at least name and model columns")
    return columns


def _password_mode(value: str | None) -> str:
    if value not in ("file", "refuse"):
        raise SourceError("oxidized source: passwords= takes file or refuse")
    return value


def _row(
    path: Path, number: int, fields: list[str], columns: list[str], delimiter: str
) -> dict[str, str]:
    if len(fields) < len(columns):
        raise SourceError(
            f"{path}:{number}: {len(fields)} field(s) separated by {delimiter!r}, the map names "
            f"{len(columns)} ({':'.join(columns)})"
        )
    return {
        column: value.strip()
        for column, value in zip(columns, fields, strict=False)
        if column not in ("", "_")
    }


def _candidate(
    row: dict[str, str], origin: str, ctx: ImportContext, default: str | None
) -> Candidate | Skip:
    name = row["name"]
    if not row.get("model"):
        return Skip(name, origin, "no model in router.db")
    device_type, problem = ctx.maps.device_type(KIND, row["model"])
    if device_type is None:
        return Skip(name, origin, problem)
    login = Login(row.get("username", ""), row.get("password", ""), row.get("enable", ""))
    owned: tuple[str, ...] = candidates.DEVICE_OWNED
    if login.username or login.password or login.enable:
        credential_name, credential = ctx.logins.name_for(login)
        owned = (*owned, "credentials")
    else:
        credential_name = default or candidates.DEFAULT_CREDENTIALS
        credential = candidates.credential_set(credential_name, dict(ctx.credentials))
    values = {
        "platform": device_type,
        "host": row.get("ip") or name,
        "credentials": credential_name,
    }
    labels = {"group": row.get("group")} if "group" in row else None
    return candidates.device(name, origin, KIND, values, labels, owned, credential)
