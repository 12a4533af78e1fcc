"""The one clock: every time exitkit writes is UTC, ISO 8601 with a `Z`."""

from __future__ import annotations

import datetime as dt
from typing import Literal

Precision = Literal["seconds", "microseconds"]


def utc_now() -> dt.datetime:
    """Now, in UTC (an aware datetime)."""
    return dt.datetime.now(dt.UTC)


def utc_stamp(moment: dt.datetime | None = None, timespec: Precision = "seconds") -> str:
    """`2026-05-01T08:30:00Z`: `moment` (default now; a naive one is taken as UTC) as written in
    every record; the journal keeps microseconds."""
    moment = moment or utc_now()
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    text = moment.astimezone(dt.UTC).isoformat(timespec=timespec)
    return text.replace("+00:00", "Z")


def compact_stamp(moment: dt.datetime | None = None) -> str:
    """`20260501T083000Z`: now (or `moment`) as a name for a folder or a drill id."""
    return (moment or utc_now()).astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
