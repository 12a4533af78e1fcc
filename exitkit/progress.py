"""Progress of long work: a bar on a terminal, one plain line per item otherwise."""

from __future__ import annotations

import sys
import threading
from types import TracebackType
from typing import TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)


class ProgressDisplay:
    """Counts finished items; draws a bar when `stream` is a terminal, prints lines when not."""

    def __init__(self, title: str, total: int, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.title = title
        self.total = total
        self.done = 0
        self._lock = threading.Lock()
        self._bar: Progress | None = None
        self._task: TaskID | None = None
        if self.stream.isatty():
            self._bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=Console(file=self.stream),
                transient=True,
            )

    def __enter__(self) -> ProgressDisplay:
        if self._bar is not None:
            self._bar.start()
            self._task = self._bar.add_task(self.title, total=self.total)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self._bar.stop()

    def advance(self, line: str) -> None:
        with self._lock:
            self.done += 1
            if self._bar is not None and self._task is not None:
                self._bar.update(self._task, advance=1)
                if line.startswith("FAILED"):
                    self._bar.console.print(line)
            else:
                print(f"[{self.done}/{self.total}] {line}", file=self.stream, flush=True)
