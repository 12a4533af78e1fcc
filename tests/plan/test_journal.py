"""The journal's hash chain: any change to any event is found, at that event."""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from exitkit.plan.journal import Journal

EVENT_DATA = st.dictionaries(
    st.text(min_size=1, max_size=8),
    st.one_of(st.integers(), st.text(max_size=20), st.booleans()),
    max_size=4,
)


@settings(max_examples=30, deadline=None)
@given(events=st.lists(EVENT_DATA, min_size=1, max_size=12), data=st.data())
def test_altering_any_event_breaks_the_chain_exactly_there(
    events: list[dict[str, object]], data: st.DataObject
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "state.db"
        with Journal(path) as journal:
            for item in events:
                journal.append("test.event", item)
            assert journal.verify().intact
        victim = data.draw(st.integers(min_value=1, max_value=len(events)))
        column = data.draw(st.sampled_from(["data", "at", "type"]))
        with sqlite3.connect(path) as db:
            db.execute("DROP TRIGGER journal_no_update")
            db.execute(f"UPDATE journal SET {column} = {column} || ' ' WHERE seq = ?", (victim,))

        with Journal(path) as journal:
            verdict = journal.verify()
            trusted, _ = journal.trusted()

        assert verdict.broken_at == victim
        assert [event.seq for event in trusted] == list(range(1, victim))
