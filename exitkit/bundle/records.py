"""JSON records of a bundle checked against their schema as their bytes stream by.

A `.json` file is one record, kept up to RECORD_BYTES; a `.jsonl` file is one record per line,
each line checked as soon as it ends, so only one line is held at a time. Records are parsed
one at a time across the scanning threads: what a parse holds in memory stays bounded.
"""

from __future__ import annotations

import threading

from exitkit.bundle import safe_json, schemas
from exitkit.bundle.limits import RECORD_BYTES
from exitkit.bundle.report import Problem
from exitkit.bundle.verify_text import size_text

_ONE_AT_A_TIME = threading.Lock()


class RecordCheck:
    """A sink for the bytes of one record file; `finish()` says what is wrong with it."""

    def __init__(self, path: str, schema: str) -> None:
        self.path = path
        self.schema = schema
        self.lines = path.removesuffix(".age").endswith(".jsonl")
        self._pending = bytearray()
        self._number = 0
        self._too_large = False
        self.problems: list[Problem] = []

    def write(self, data: bytes) -> None:
        if self.problems or self._too_large:
            return  # the first problem is the one reported
        self._pending += data
        if self.lines and b"\n" in data:
            *complete, rest = self._pending.split(b"\n")
            self._pending = bytearray(rest)
            for line in complete:
                self._line(line)
        if len(self._pending) > RECORD_BYTES:
            self._too_large = True
            self._pending = bytearray()

    def finish(self) -> list[Problem]:
        if self._too_large:
            what = f"line {self._number + 1} is" if self.lines else "the record is"
            detail = f"{what} larger than {size_text(RECORD_BYTES)}, too large to check"
            return [Problem(self.path, "schema", detail)]
        if self.lines:
            self._line(self._pending)
        elif not self.problems:
            self._document(bytes(self._pending), "")
        return self.problems

    def _line(self, line: bytes | bytearray) -> None:
        self._number += 1
        if line.strip() and not self.problems:
            self._document(line, f"line {self._number}: ")

    def _document(self, data: bytes | bytearray, where: str) -> None:
        with _ONE_AT_A_TIME:
            try:
                found = schemas.problems(safe_json.loads(data), self.schema)
            except safe_json.UnsafeJson as error:
                found = [str(error)]
        if found:
            self.problems.append(Problem(self.path, "schema", where + "; ".join(found)))


def record_check(path: str, schema: str | None) -> RecordCheck | None:
    """A check for a file the manifest gives a schema (one of exitkit's), else None."""
    if schema is None or not schemas.is_known(schema):
        return None
    return RecordCheck(path, schema)
