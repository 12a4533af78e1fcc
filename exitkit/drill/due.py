"""Is a drill due? For cron, systemd timers and AWX: the last finished drill against every_days."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from exitkit.plan.history import finished_drills
from exitkit.plan.journal import Event, parse_time


@dataclass(frozen=True)
class DrillDue:
    estate: str
    every_days: int
    today: dt.date
    last_drill: str | None = None
    last_at: dt.datetime | None = None

    @property
    def next_due(self) -> dt.date | None:
        return self.last_at.date() + dt.timedelta(days=self.every_days) if self.last_at else None

    @property
    def due(self) -> bool:
        return self.next_due is None or self.today > self.next_due

    def describe(self) -> str:
        if self.last_at is None:
            return f"{self.estate}: no finished drill recorded: a drill is due"
        age = (self.today - self.last_at.date()).days
        verdict = "DUE" if self.due else "not due"
        return (
            f"{self.estate}: last drill {self.last_drill} on {self.last_at.date()} "
            f"({age} days ago), every {self.every_days} days, next due {self.next_due}: {verdict}"
        )

    def to_record(self) -> dict[str, Any]:
        return {
            "estate": self.estate,
            "due": self.due,
            "every_days": self.every_days,
            "last_drill": self.last_drill,
            "next_due": self.next_due.isoformat() if self.next_due else None,
        }


def drill_due(events: list[Event], estate: str, every_days: int, today: dt.date) -> DrillDue:
    done = finished_drills(events, estate)
    if not done:
        return DrillDue(estate, every_days, today)
    last = done[-1]
    return DrillDue(estate, every_days, today, last.id, parse_time(last.finished_at))
