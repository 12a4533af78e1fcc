"""NetBox, through pynetbox: devices with a primary IP, platform slug mapped to a device type,
site, role and tags kept as labels, criticality from a tag or a custom field when asked.

    netbox+https://netbox.example/?token-env=NETBOX_TOKEN&site=par1&criticality=field:tier
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from exitkit.inventory_import import candidates
from exitkit.inventory_import.records import Candidate, CredentialSet, Harvest, Skip
from exitkit.inventory_import.sources import ImportContext, source
from exitkit.inventory_import.spec import SourceError, SourceSpec

KIND = "netbox"
FILTERS = ("site", "role", "tag", "status", "platform")
PARAMS = ("token-env", "token-file", "criticality", "credentials", *FILTERS)
LOOPBACK = ("127.0.0.1", "::1", "localhost")
TIMEOUT_S = 60.0
LEVELS = ("P1", "P2", "P3", "P4")


@source(KIND, PARAMS, "netbox+https://HOST/?token-env=NAME&site=SLUG")
def read_netbox(spec: SourceSpec, ctx: ImportContext) -> Harvest:
    _check_transport(spec.where)
    token = _token(spec)
    criticality = _criticality_rule(spec.one("criticality"))
    filters = {name: spec.many(name) for name in FILTERS if spec.many(name)}
    filters.setdefault("status", ["active"])
    name = spec.one("credentials", candidates.DEFAULT_CREDENTIALS) or candidates.DEFAULT_CREDENTIALS
    credential = candidates.credential_set(name, dict(ctx.credentials))
    harvest = Harvest(spec.text, KIND)
    import requests
    from pynetbox import ContentError, RequestError

    try:
        devices, without_ip = _fetch(spec.where, token, filters)
    except (RequestError, ContentError, requests.RequestException) as error:
        harvest.failure = _explain(error)
        return harvest
    harvest.read = len(devices)
    if without_ip:
        harvest.notes.append(f"{without_ip} device(s) without a primary IP left out")
    for record in devices:
        harvest.add(_candidate(record, ctx, criticality, name, credential))
    return harvest


def _check_transport(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SourceError(f"netbox source: {url!r} is not an http(s) URL (netbox+https://HOST/)")
    if parts.scheme == "http" and parts.hostname not in LOOPBACK:
        raise SourceError(
            "netbox source: plain http would send the token in clear; use netbox+https "
            "(http is accepted on 127.0.0.1 only)"
        )


def _token(spec: SourceSpec) -> str | None:
    variable, file = spec.one("token-env"), spec.one("token-file")
    if variable and file:
        raise SourceError("netbox source: give token-env or token-file, not both")
    if variable:
        value = os.environ.get(variable)
        if not value:
            raise SourceError(f"netbox source: environment variable {variable} is not set")
        return value.strip()
    if file:
        try:
            return Path(file).read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as error:
            raise SourceError(f"netbox source: token file {file} cannot be read: {error}") from None
    return None  # a NetBox that allows anonymous reads


def _criticality_rule(text: str | None) -> tuple[str, str] | None:
    if text is None:
        return None
    how, _, what = text.partition(":")
    if how not in ("tag", "field") or not what:
        raise SourceError(
            "netbox source: criticality= takes tag:PREFIX (a tag PREFIXp1 gives P1) or "
            "field:NAME (a custom field holding P1..P4)"
        )
    return how, what


def _fetch(url: str, token: str | None, filters: dict[str, list[str]]) -> tuple[list[Any], int]:
    """Every device with a primary IP (plain dicts), and how many were left out for lack of one."""
    import pynetbox
    import requests

    class TimedSession(requests.Session):
        def request(self, *args: Any, **kwargs: Any) -> Any:
            kwargs.setdefault("timeout", TIMEOUT_S)
            return super().request(*args, **kwargs)

    api = pynetbox.api(url.rstrip("/").removesuffix("/api"), token=token)  # either form works
    api.http_session = TimedSession()
    devices = [dict(record) for record in api.dcim.devices.filter(has_primary_ip=True, **filters)]
    without_ip = api.dcim.devices.count(has_primary_ip=False, **filters)
    return devices, int(without_ip)


def _explain(error: Exception) -> str:
    """One line about a failed NetBox read; never the token (requests does not echo headers)."""
    response = getattr(error, "req", None)
    if response is not None:
        detail = _detail(response)
        return f"NetBox answered HTTP {response.status_code}{': ' + detail if detail else ''}"
    return f"NetBox cannot be read: {type(error).__name__}: {str(error)[:300]}"


def _detail(response: Any) -> str:
    try:
        body = response.json()
    except ValueError:
        return ""
    if isinstance(body, dict) and "detail" in body:
        return str(body["detail"])[:300]
    return str(body)[:300]


def _slug(value: Any) -> str | None:
    return str(value["slug"]) if isinstance(value, dict) and value.get("slug") else None


def _candidate(
    device: dict[str, Any],
    ctx: ImportContext,
    criticality: tuple[str, str] | None,
    credentials: str,
    credential: CredentialSet | None,
) -> Candidate | Skip:
    name = str(device.get("name") or "")
    origin = f"netbox device {device.get('id')}"
    if not name:
        return Skip(f"#{device.get('id')}", origin, "the device has no name in NetBox")
    slug = _slug(device.get("platform"))
    if slug is None:
        return Skip(name, origin, "no platform set in NetBox")
    device_type, problem = ctx.maps.device_type(KIND, slug)
    if device_type is None:
        return Skip(name, origin, problem)
    address = str((device.get("primary_ip") or {}).get("address") or "")
    values: dict[str, Any] = {
        "platform": device_type,
        "host": address.split("/")[0],
        "credentials": credentials,
    }
    tags = sorted(slug for tag in device.get("tags") or [] if (slug := _slug(tag)))
    owned: tuple[str, ...] = candidates.DEVICE_OWNED
    if criticality is not None:
        level, why = _level(device, tags, criticality)
        if why:
            return Skip(name, origin, why)
        if level:
            values["criticality"] = level
        owned = (*owned, "criticality")
    role = device.get("role") or device.get("device_role")  # NetBox < 4.0: device_role
    labels = {"site": _slug(device.get("site")), "role": _slug(role), "tags": tags}
    return candidates.device(name, origin, KIND, values, labels, owned, credential)


def _level(
    device: dict[str, Any], tags: list[str], rule: tuple[str, str]
) -> tuple[str | None, str]:
    """(P1..P4 or None when unset, problem): from the most critical matching tag, or a field."""
    how, what = rule
    if how == "tag":
        found = sorted(t[len(what) :].upper() for t in tags if t.startswith(what))
        found = [level for level in found if level in LEVELS]
        return (found[0] if found else None), ""
    value = (device.get("custom_fields") or {}).get(what)
    if value in (None, ""):
        return None, ""
    text = str(value).strip().upper()
    text = f"P{text}" if text in ("1", "2", "3", "4") else text
    if text not in LEVELS:
        return None, f"custom field {what} holds {str(value)[:40]!r}, not one of P1..P4"
    return text, ""
