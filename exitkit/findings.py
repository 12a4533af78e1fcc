"""The one findings type: a problem an owner should act on, in `inventory validate`, a report,
or a cloud account's access.json and undeclared.json."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Finding:
    """`code` says what kind of problem, `message` says it for a person; `where` is file:line
    (or a journal event) when there is one, `asset` the asset it is about; `details` are the
    extra keys a record of it carries (`principal`, `account`, `id`)."""

    code: str
    message: str
    where: str | None = None
    asset: str | None = None
    details: Mapping[str, str] = field(default_factory=dict)

    def to_record(self) -> dict[str, Any]:
        record = {"code": self.code, "message": self.message, "where": self.where}
        record |= {"asset": self.asset, **self.details}
        return {key: value for key, value in record.items() if value is not None}
