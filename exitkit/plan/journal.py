"""The tracker's state: an append-only journal in SQLite where each event carries the previous hash.

hash = sha256(canonical JSON of [previous hash, event]); changing, removing or reordering an
event breaks the chain from that event on, and `verify()` says where.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from exitkit.clock import utc_stamp
from exitkit.errors import ExitkitError
from exitkit.plan.chain import (
    GENESIS,
    ChainCheck,
    JournalBroken,
    canonical,
    chain_hash,
    check_rows,
)

DEFAULT_STATE = Path(".exitkit/state.db")
FORMAT = "exitkit-journal-1"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS journal (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    type TEXT NOT NULL,
    data TEXT NOT NULL,
    prev TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE TRIGGER IF NOT EXISTS journal_no_update BEFORE UPDATE ON journal
BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
CREATE TRIGGER IF NOT EXISTS journal_no_delete BEFORE DELETE ON journal
BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
"""


class StateError(ExitkitError):
    """The state database cannot be opened or is not an exitkit journal."""


def utc_now() -> str:
    return utc_stamp(timespec="microseconds")


def parse_time(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


@dataclass(frozen=True)
class Event:
    seq: int
    at: str
    type: str
    data: dict[str, Any] = field(hash=False)
    prev: str = GENESIS
    hash: str = ""

    def body(self) -> dict[str, Any]:
        """What the hash covers."""
        return {"seq": self.seq, "at": self.at, "type": self.type, "data": self.data}


class Journal:
    """One connection per command; every append is its own immediate transaction."""

    def __init__(self, path: Path, create: bool = True) -> None:
        self.path = path
        if not create and not path.is_file():
            raise StateError(
                f"{path}: no state database (run `exitkit plan start` or `exitkit drill run`)"
            )
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(path, isolation_level=None, timeout=30)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=FULL")
            self.db.executescript(_SCHEMA)
            self.db.execute("INSERT OR IGNORE INTO meta VALUES ('format', ?)", (FORMAT,))
        except (sqlite3.Error, OSError) as error:
            raise StateError(f"{path}: not a usable exitkit state database ({error})") from None

    def __enter__(self) -> Journal:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def append(self, event_type: str, data: dict[str, Any]) -> Event:
        """Add one event at the end of the chain, atomically."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            row = self.db.execute(
                "SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1"
            ).fetchone()
            seq, previous = (row[0] + 1, row[1]) if row else (1, GENESIS)
            event = Event(seq, utc_now(), event_type, json.loads(canonical(data)), previous)
            digest = chain_hash(previous, event.body())
            self.db.execute(
                "INSERT INTO journal (seq, at, type, data, prev, hash) VALUES (?, ?, ?, ?, ?, ?)",
                (seq, event.at, event_type, canonical(event.data).decode(), previous, digest),
            )
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        return Event(seq, event.at, event_type, event.data, previous, digest)

    def head(self) -> tuple[int, str]:
        """The last event's seq and hash (0 and the genesis hash for an empty journal)."""
        row = self.db.execute("SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1").fetchone()
        return (int(row[0]), str(row[1])) if row else (0, GENESIS)

    def events(self) -> list[Event]:
        rows = self.db.execute("SELECT seq, at, type, data, prev, hash FROM journal ORDER BY seq")
        found = []
        for seq, at, event_type, data, prev, digest in rows:
            try:
                parsed = json.loads(data)
            except ValueError:
                parsed = {"unreadable": data}
            found.append(Event(seq, at, event_type, parsed, prev, digest))
        return found

    def verify(self) -> ChainCheck:
        """Re-compute every hash; the first event that does not fit breaks the chain."""
        rows = self.db.execute("SELECT seq, at, type, data, prev, hash FROM journal ORDER BY seq")
        return check_rows(list(rows))

    def trusted(self) -> tuple[list[Event], ChainCheck]:
        """The events up to where the chain breaks (all of them when intact), and the check."""
        verdict = self.verify()
        events = self.events()
        if verdict.broken_at is not None:
            events = events[: verdict.events]
        return events, verdict

    def checked(self) -> tuple[list[Event], ChainCheck]:
        """Every event, once the chain is proven intact; a broken chain stops the reader here."""
        events, verdict = self.trusted()
        if not verdict.intact:
            raise JournalBroken(broken_line(self.path, verdict))
        return events, verdict


def broken_line(state: Path, verdict: ChainCheck) -> str:
    """The one line every reader prints for a broken journal."""
    return (
        f"{state}: journal broken: {verdict.problem}; nothing it records is trusted "
        f"(restore the state database from a copy, and compare it with a signed anchor)"
    )


__all__ = [
    "DEFAULT_STATE",
    "GENESIS",
    "ChainCheck",
    "Event",
    "Journal",
    "JournalBroken",
    "StateError",
    "canonical",
    "chain_hash",
]
