"""Build the candidate entries sources offer: ids derived, labels set, credentials named."""

from __future__ import annotations

import re
from typing import Any

from exitkit.inventory_import.ids import derive_id
from exitkit.inventory_import.records import Candidate, CredentialSet, Skip

DEFAULT_CREDENTIALS = "net-ro"
DEVICE_OWNED = ("platform", "host")


def credential_set(name: str, existing: dict[str, Any]) -> CredentialSet | None:
    """None when the estate defines `name`; else a set reading NAME_USERNAME / NAME_PASSWORD."""
    if name in existing:
        return None
    prefix = re.sub(r"[^A-Z0-9]+", "_", name.upper()).strip("_") or "NET"
    references = {
        "username": {"env": f"{prefix}_USERNAME"},
        "password": {"env": f"{prefix}_PASSWORD"},
    }
    return CredentialSet(name, references)


def device(
    name: str,
    origin: str,
    kind: str,
    values: dict[str, Any],
    labels: dict[str, Any] | None = None,
    owned: tuple[str, ...] = DEVICE_OWNED,
    credential: CredentialSet | None = None,
) -> Candidate | Skip:
    """A network_device candidate named after `name`, or a Skip when no id can be derived."""
    return entry(
        name, origin, kind, {"kind": "network_device", **values}, labels, owned, credential
    )


def entry(
    name: str,
    origin: str,
    kind: str,
    values: dict[str, Any],
    labels: dict[str, Any] | None = None,
    owned: tuple[str, ...] = (),
    credential: CredentialSet | None = None,
) -> Candidate | Skip:
    asset_id = derive_id(name)
    if asset_id is None:
        return Skip(name, origin, "its name gives no valid asset id ([a-z0-9._-], 64 at most)")
    all_labels = {"source": kind, **{k: v for k, v in (labels or {}).items() if v}}
    fields = {"id": asset_id, **values, "labels": all_labels}
    owned_labels = ("source", *(labels or {}))
    return Candidate(fields, origin, owned, owned_labels, credential)
