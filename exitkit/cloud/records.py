"""cloud-resource.v1 records: one resource as plain JSON, stable across exports of one estate."""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from exitkit.clock import utc_stamp

RESOURCE_SCHEMA = "cloud-resource.v1"
# Fields that change while nothing in the estate changes: they say when it was looked at.
VOLATILE_KEYS = frozenset(
    {
        "ResponseMetadata",
        "RoleLastUsed",
        "PasswordLastUsed",
        "LatestRestorableTime",
        "LastCheckTimestamp",
        "LastUsedDate",
        "NextToken",
        "Marker",
        "IsTruncated",
        "ApproximateNumberOfMessages",
        "ApproximateNumberOfMessagesDelayed",
        "ApproximateNumberOfMessagesNotVisible",
    }
)
TAG_LISTS = frozenset({"Tags", "TagList", "TagSet"})
_SAFE_SEGMENT = re.compile(r"[^a-z0-9._-]+")


def utc_iso(value: dt.datetime | dt.date) -> str:
    """ISO 8601 in UTC with a `Z`, to the second: how every time in a record is written."""
    if isinstance(value, dt.datetime):
        return utc_stamp(value)
    return value.isoformat()


def plain(value: Any) -> Any:
    """`value` as JSON-ready data: times as UTC strings, bytes as base64, volatile keys dropped."""
    if isinstance(value, Mapping):
        return {
            str(k): _plain_field(str(k), v) for k, v in value.items() if str(k) not in VOLATILE_KEYS
        }
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, set | frozenset):
        return sorted((plain(item) for item in value), key=json.dumps)
    if isinstance(value, dt.datetime | dt.date):
        return utc_iso(value)
    if isinstance(value, bytes | bytearray):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def _plain_field(key: str, value: Any) -> Any:
    """Tag lists come back in any order: sorted, they compare equal across exports."""
    result = plain(value)
    if key in TAG_LISTS and isinstance(result, list) and all(isinstance(i, dict) for i in result):
        return sorted(result, key=lambda item: json.dumps(item, sort_keys=True))
    return result


def created_at(value: Any) -> str | None:
    """A creation time from an API field (a datetime or an ISO string), as `utc_iso` writes it."""
    if isinstance(value, dt.datetime | dt.date):
        return utc_iso(value)
    if isinstance(value, str) and value:
        try:
            return utc_iso(dt.datetime.fromisoformat(value.replace("Z", "+00:00")))
        except ValueError:
            return value
    return None


def tag_dict(
    items: Iterable[Mapping[str, Any]] | None, key: str = "Key", value: str = "Value"
) -> dict[str, str]:
    """AWS's `[{"Key": k, "Value": v}]` tag lists as a plain mapping."""
    return {str(item[key]): str(item.get(value, "")) for item in items or () if key in item}


def segment(text: str) -> str:
    """A path segment for a service or region: lower case, nothing that could leave a folder."""
    cleaned = _SAFE_SEGMENT.sub("-", text.lower()).strip(".-")
    return cleaned or "unnamed"


@dataclass(frozen=True)
class Resource:
    """One resource as exported: where it lives, what it is, and the API's own description."""

    cloud: str
    account: str
    region: str
    service: str
    type: str
    id: str
    name: str
    source: str  # the API call that described it, e.g. "ec2:DescribeInstances"
    arn: str | None = None
    tags: dict[str, str] | None = None  # None: not collected yet (the tagging API may fill it)
    created: str | None = None
    group: str | None = None  # Azure resource group
    properties: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, str]:
        return self.type, self.id

    @property
    def file(self) -> str:
        """The JSON Lines file of the bundle that holds this record."""
        return f"resources/{segment(self.service)}/{segment(self.region)}.jsonl"

    def to_record(self) -> dict[str, Any]:
        record: dict[str, Any] = {
            "schema": RESOURCE_SCHEMA,
            "cloud": self.cloud,
            "account": self.account,
            "region": self.region,
            "service": self.service,
            "type": self.type,
            "id": self.id,
            "name": self.name,
            "source": self.source,
            "tags": dict(sorted((self.tags or {}).items())),
            "created": self.created,
            "properties": plain(self.properties),
        }
        if self.arn:
            record["arn"] = self.arn
        if self.group:
            record["group"] = self.group
        return record


def json_lines(resources: Iterable[Resource]) -> bytes:
    """Records sorted by (type, id), one compact JSON object per line."""
    ordered = sorted(resources, key=lambda resource: resource.key)
    lines = (
        json.dumps(r.to_record(), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        for r in ordered
    )
    return "".join(line + "\n" for line in lines).encode("utf-8")
