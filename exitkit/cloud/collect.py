"""Run one account's collection tasks on a bounded pool; a failing task is recorded, never fatal.

A task may hand back follow-up tasks (one per bucket, per stack…) that join the same pool."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Any

from exitkit.cloud.access import Admin
from exitkit.cloud.records import Resource

Key = tuple[str, str]  # (service, region) — or, for Azure, (service, scope)
PROBLEMS = (
    "problems"  # Outcome.notes key: [(error class, reason)] of a task that did part of its job
)
SETUP: Key = ("setup", "global")  # calls made before the tasks start: identity, regions
Explain = Callable[[BaseException], tuple[str, str]]


@dataclass
class Outcome:
    """What one task found; `notes` carries data other steps need (tags by ARN, accounts seen)."""

    resources: list[Resource] = field(default_factory=list)
    follow: list[Task] = field(default_factory=list)
    admins: list[Admin] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)
    notes: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Task:
    service: str
    region: str
    label: str  # the call or step, for messages: "ec2:DescribeInstances"
    run: Callable[[], Outcome]

    @property
    def key(self) -> Key:
        return self.service, self.region


@dataclass(frozen=True)
class Failure:
    service: str
    region: str
    step: str
    error_class: str
    reason: str

    def to_record(self) -> dict[str, str]:
        return {
            "service": self.service,
            "region": self.region,
            "step": self.step,
            "error_class": self.error_class,
            "reason": self.reason,
        }


class Collection:
    """The tasks of one account, their outcomes, failures and API calls per (service, region)."""

    def __init__(self, workers: int, explain: Explain, scrub: Callable[[str], str]) -> None:
        self.workers = max(1, workers)
        self.outcomes: list[Outcome] = []
        self.failures: list[Failure] = []
        self.calls: Counter[Key] = Counter()
        self.requests: Counter[Key] = Counter()
        self.produced: Counter[Key] = Counter()  # resources read by the tasks of each key
        self.operations: set[str] = set()  # "service:Operation" of every call made
        self._explain = explain
        self._scrub = scrub
        self._local = threading.local()
        self._lock = threading.Lock()

    def count(self, request: bool = False, key: Key | None = None, operation: str = "") -> None:
        """Count one API call (or one HTTP request) against the task running in this thread."""
        where = key or getattr(self._local, "key", None) or SETUP
        with self._lock:
            (self.requests if request else self.calls)[where] += 1
            if operation:
                self.operations.add(operation)

    def run(self, tasks: Iterable[Task]) -> None:
        with ThreadPoolExecutor(self.workers, thread_name_prefix="exitkit-cloud") as pool:
            running: set[Future[Outcome]] = {pool.submit(self._execute, t) for t in tasks}
            while running:
                done, running = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    outcome = future.result()
                    running |= {pool.submit(self._execute, t) for t in outcome.follow}
                    outcome.follow = []
                    with self._lock:
                        self.outcomes.append(outcome)

    def _execute(self, task: Task) -> Outcome:
        self._local.key = task.key
        with self._lock:
            self.produced[task.key] += 0  # a task that found nothing still shows in the table
        try:
            outcome = task.run()
        except Exception as error:  # one failing call is data: recorded, the rest goes on
            error_class, reason = self._explain(error)
            failure = Failure(*task.key, task.label, error_class, self._scrub(reason))
            with self._lock:
                self.failures.append(failure)
            return Outcome()
        finally:
            self._local.key = None
        with self._lock:
            self.produced[task.key] += len(outcome.resources)
            for error_class, reason in outcome.notes.pop(PROBLEMS, []):  # done, but not in full
                self.failures.append(
                    Failure(*task.key, task.label, error_class, self._scrub(reason))
                )
        return outcome

    @property
    def resources(self) -> list[Resource]:
        return [resource for outcome in self.outcomes for resource in outcome.resources]

    @property
    def admins(self) -> list[Admin]:
        return [admin for outcome in self.outcomes for admin in outcome.admins]

    @property
    def files(self) -> dict[str, bytes]:
        return {name: data for outcome in self.outcomes for name, data in outcome.files.items()}

    def notes(self, name: str) -> list[Any]:
        return [outcome.notes[name] for outcome in self.outcomes if name in outcome.notes]


def first_line(text: str, limit: int = 300) -> str:
    """An error message fit for a record: its first line, cut to `limit` characters."""
    line = next((part.strip() for part in str(text).splitlines() if part.strip()), "")
    return line if len(line) <= limit else line[: limit - 1] + "…"
