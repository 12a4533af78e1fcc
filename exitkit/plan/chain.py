"""Re-compute the journal's hash chain and, where it breaks, say how: altered, removed, inserted.

Each stored event carries the hash of the one before it and its own hash over (previous hash,
seq, at, type, data). The first event that does not fit is the break; the events around it tell
an altered event (its hash no longer matches its content) from a removed one (a gap, or an event
that would match its hash under a higher number) and an inserted one (the event after it chains
to the event before it).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any, Literal

from exitkit.errors import ExitkitError

GENESIS = "0" * 64
Row = tuple[int, str, str, str, str, str]  # seq, at, type, data, prev, hash
Tampering = Literal["altered", "removed", "inserted"]
RENUMBERED_UP_TO = 256  # how many removed events a renumbered journal is searched for


class JournalBroken(ExitkitError):
    """The journal's hash chain is broken: every reader stops and says where (exit 1)."""

    exit_code = 1


def canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def chain_hash(previous: str, event: dict[str, Any]) -> str:
    return hashlib.sha256(canonical([previous, event])).hexdigest()


@dataclass(frozen=True)
class ChainCheck:
    """The outcome of re-computing the chain: intact, or the first event that breaks it.

    `events` and `head` are what is trusted: the events before the break and the hash of the
    last of them (`head_seq`)."""

    events: int
    head: str
    broken_at: int | None = None
    problem: str = ""
    how: Tampering | None = None
    event_type: str = ""

    @property
    def intact(self) -> bool:
        return self.broken_at is None

    @property
    def head_seq(self) -> int:
        return self.events

    def describe(self) -> str:
        """One line: the first bad event, its type, and what was done to it."""
        return self.problem

    def to_record(self) -> dict[str, Any]:
        record: dict[str, Any] = {"intact": self.intact, "events": self.events, "head": self.head}
        if self.broken_at is not None:
            record |= {"broken_at": self.broken_at, "problem": self.problem, "how": self.how}
            if self.event_type:
                record["event_type"] = self.event_type
        return record


def check_rows(rows: list[Row]) -> ChainCheck:
    """Walk the rows in seq order; stop at the first one that does not continue the chain."""
    trusted: list[Row] = []
    for index, row in enumerate(rows):
        previous = trusted[-1][5] if trusted else GENESIS
        if row[0] == len(trusted) + 1 and row[4] == previous and _sealed(row):
            trusted.append(row)
            continue
        following = rows[index + 1] if index + 1 < len(rows) else None
        return _broken(trusted, row, following)
    return ChainCheck(len(trusted), trusted[-1][5] if trusted else GENESIS)


def _broken(trusted: list[Row], row: Row, following: Row | None) -> ChainCheck:
    seq, _, event_type, _, prev, _ = row
    expected = len(trusted) + 1
    previous = trusted[-1][5] if trusted else GENESIS
    before = trusted[-2][5] if len(trusted) > 1 else GENESIS
    if seq > expected:
        gap = f"event {expected}" if seq == expected + 1 else f"events {expected} to {seq - 1}"
        after = f"event {expected - 1}" if trusted else "the start of the journal"
        return _verdict(
            trusted, expected, "removed", "",
            f"{gap} removed: event {seq} ({event_type}) follows {after}",
        )  # fmt: skip
    if trusted and prev == before and prev != previous:
        # the event before this one chained correctly but this one skips it: it was slipped in
        forged = trusted.pop()
        return _verdict(
            trusted, forged[0], "inserted", forged[2],
            f"event {forged[0]} ({forged[2]}) inserted: event {seq} ({event_type}) after it "
            f"chains to event {forged[0] - 1}",
        )  # fmt: skip
    if following is not None and following[4] == previous:
        return _verdict(
            trusted, seq, "inserted", event_type,
            f"event {seq} ({event_type}) inserted: the event after it chains to event {seq - 1}",
        )  # fmt: skip
    if prev != previous and (removed := _renumbered_by(row)):
        return _verdict(
            trusted, expected, "removed", "",
            f"{removed} event(s) removed before event {seq} ({event_type}), the rest renumbered",
        )  # fmt: skip
    why = (
        "its previous-hash does not match the event before it"
        if prev != previous
        else "its content does not match its hash"
    )
    problem = f"event {seq} ({event_type}) altered: {why}"
    return _verdict(trusted, seq, "altered", event_type, problem)


def _verdict(
    trusted: list[Row], at: int, how: Tampering, event_type: str, problem: str
) -> ChainCheck:
    head = trusted[-1][5] if trusted else GENESIS
    return ChainCheck(len(trusted), head, at, problem, how, event_type)


def _body(seq: int, at: str, event_type: str, data: Any) -> dict[str, Any]:
    return {"seq": seq, "at": at, "type": event_type, "data": data}


def _sealed(row: Row) -> bool:
    """The event's stored content is what its hash covers; data is stored canonical."""
    seq, at, event_type, data, prev, digest = row
    try:
        parsed = json.loads(data)
    except ValueError:
        return False
    return (
        canonical(parsed).decode() == data
        and chain_hash(prev, _body(seq, at, event_type, parsed)) == digest
    )


def _renumbered_by(row: Row) -> int:
    """How many events were removed before this one if it matches its hash under a higher seq."""
    seq, at, event_type, data, prev, digest = row
    try:
        parsed = json.loads(data)
    except ValueError:
        return 0
    for removed in range(1, RENUMBERED_UP_TO + 1):
        if chain_hash(prev, _body(seq + removed, at, event_type, parsed)) == digest:
            return removed
    return 0
