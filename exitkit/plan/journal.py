"""The tracker's state: an append-only journal in SQLite where each event carries the previous hash.

hash = sha256(canonical JSON of [previous hash, event]); changing, removing or reordering an
event breaks the chain from that event on, and `verify()` says where.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from exitkit.errors import ExitkitError

DEFAULT_STATE = Path(".exitkit/state.db")
GENESIS = "0" * 64
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


def canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def chain_hash(previous: str, event: dict[str, Any]) -> str:
    return hashlib.sha256(canonical([previous, event])).hexdigest()


def utc_now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


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


@dataclass(frozen=True)
class ChainCheck:
    """The outcome of re-computing the chain: intact, or the first event that breaks it."""

    events: int
    head: str
    broken_at: int | None = None
    problem: str = ""

    @property
    def intact(self) -> bool:
        return self.broken_at is None

    def to_record(self) -> dict[str, Any]:
        record: dict[str, Any] = {"intact": self.intact, "events": self.events, "head": self.head}
        if self.broken_at is not None:
            record |= {"broken_at": self.broken_at, "problem": self.problem}
        return record


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
        """Re-compute every hash; the first event that does not match breaks the chain."""
        previous, expected_seq = GENESIS, 1
        rows = self.db.execute("SELECT seq, at, type, data, prev, hash FROM journal ORDER BY seq")
        count = 0
        for seq, at, event_type, data, prev, digest in rows:
            count += 1
            problem = ""
            if seq != expected_seq:
                problem = f"expected event {expected_seq}, found {seq} (an event was removed)"
            elif prev != previous:
                problem = "its previous-hash does not match the event before it"
            else:
                problem = _content_problem(seq, at, event_type, data, prev, digest)
            if problem:
                return ChainCheck(count, previous, seq, f"event {seq} ({event_type}): {problem}")
            previous, expected_seq = digest, seq + 1
        return ChainCheck(count, previous)

    def trusted(self) -> tuple[list[Event], ChainCheck]:
        """The events up to where the chain breaks (all of them when intact), and the check."""
        verdict = self.verify()
        events = self.events()
        if verdict.broken_at is not None:
            events = [event for event in events if event.seq < verdict.broken_at]
        return events, verdict


def _content_problem(seq: int, at: str, event_type: str, data: str, prev: str, digest: str) -> str:
    """Why a stored event does not match its hash; data is stored canonical, byte for byte."""
    try:
        parsed = json.loads(data)
    except ValueError:
        return "its data is not JSON (altered)"
    body = {"seq": seq, "at": at, "type": event_type, "data": parsed}
    if canonical(parsed).decode() != data or chain_hash(prev, body) != digest:
        return "its content does not match its hash (altered)"
    return ""
