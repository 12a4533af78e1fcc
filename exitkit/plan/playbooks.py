"""Run the playbooks of playbooks/ through ansible-runner; their job events are kept as evidence."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from exitkit.bundle import atomic
from exitkit.clock import utc_now, utc_stamp
from exitkit.errors import PlanError
from exitkit.inventory.ansible import ansible_inventory
from exitkit.inventory.loader import Inventory

_PACKAGE = Path(__file__).resolve().parent.parent
PLAYBOOK_TIMEOUT_S = 1800
OUT_OF_SAMPLE = "exitkit_out_of_sample"
RESULT_EVENTS = ("runner_on_ok", "runner_on_failed", "runner_on_unreachable", "runner_on_skipped")


@contextlib.contextmanager
def interruptible() -> Iterator[threading.Event]:
    """Ctrl-C or SIGTERM sets the event (ansible-runner then stops its playbook) instead of
    ansible-runner's own handlers, which would stay installed and swallow every later Ctrl-C."""
    interrupted = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield interrupted
        return
    previous = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
    for number in previous:
        signal.signal(number, lambda _number, _frame: interrupted.set())
    try:
        yield interrupted
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def playbook_dir() -> Path:
    """`exitkit/playbooks` in an installed wheel, `playbooks/` in a checkout."""
    for candidate in (_PACKAGE / "playbooks", _PACKAGE.parent / "playbooks"):
        if candidate.is_dir():
            return candidate
    raise PlanError("the playbooks folder is missing from this installation")


def known_playbooks() -> list[str]:
    return sorted(path.name for path in playbook_dir().glob("*.yml"))


@dataclass(frozen=True)
class PlaybookRun:
    """One ansible-runner run: its outcome, the task results, where its events are kept."""

    playbook: str
    check_mode: bool
    status: str
    rc: int
    duration_s: float
    events_file: Path
    events_sha256: str
    stats: dict[str, Any] = field(default_factory=dict, hash=False)
    results: tuple[dict[str, Any], ...] = ()
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.status == "successful" and self.rc == 0

    def failure(self) -> str:
        """Why the run failed, in one line: the first failed task's message, or the status."""
        if self.error:
            return self.error
        for result in self.results:
            if result["event"] in ("runner_on_failed", "runner_on_unreachable"):
                message = str(result["res"].get("msg", "failed")).splitlines()[0][:300]
                return f"task '{result['task']}' on {result['host']}: {message}"
        return f"ansible-runner status {self.status}, rc {self.rc}"

    def result_of(self, action: str) -> dict[str, Any] | None:
        """The result of the last task that ran module `action`."""
        found = [
            result
            for result in self.results
            if result["action"].rsplit(".", 1)[-1] == action
            and result["event"] != "runner_on_skipped"
        ]
        return found[-1]["res"] if found else None

    def evidence(self, root: Path | None = None) -> dict[str, Any]:
        name = self.events_file
        if root is not None and name.is_relative_to(root):
            name = name.relative_to(root)
        return {
            "playbook": self.playbook,
            "check_mode": self.check_mode,
            "status": self.status,
            "rc": self.rc,
            "events": {"path": name.as_posix(), "sha256": self.events_sha256},
            "stats": self.stats,
        }


def hosts_for(inventory: Inventory, sample: frozenset[str] | None) -> dict[str, Any]:
    """exitkit's Ansible inventory plus the controller; devices outside a drill's sample grouped."""
    hosts = ansible_inventory(inventory)
    everything = hosts["all"]
    everything["hosts"]["localhost"] = {
        "ansible_connection": "local",
        "ansible_python_interpreter": sys.executable,
    }
    if sample is not None:
        outside = [
            name for name in everything["hosts"] if name != "localhost" and name not in sample
        ]
        everything["children"][OUT_OF_SAMPLE] = {"hosts": dict.fromkeys(outside)}
    return hosts


def run_playbook(
    name: str,
    inventory: Inventory,
    events_file: Path,
    *,
    check_mode: bool,
    extravars: Mapping[str, Any] | None = None,
    sample: frozenset[str] | None = None,
    extra_inventory: Path | None = None,
) -> PlaybookRun:
    """Run playbooks/NAME; the events go to `events_file` whatever the outcome."""
    import ansible_runner

    started, clock = utc_now(), time.monotonic()
    scratch = Path(tempfile.mkdtemp(prefix="exitkit-runner-"))
    try:
        hosts_file = scratch / "exitkit-hosts.json"
        hosts_file.write_text(json.dumps(hosts_for(inventory, sample)), encoding="utf-8")
        sources = [str(hosts_file)] + ([str(extra_inventory)] if extra_inventory else [])
        with interruptible() as interrupted:
            runner = ansible_runner.run(
                private_data_dir=str(scratch),
                playbook=str(playbook_dir() / name),
                inventory=sources,
                extravars=dict(extravars or {}),
                cmdline="--check" if check_mode else None,
                limit=f"all:!{OUT_OF_SAMPLE}" if sample is not None else None,
                envvars=_environment(scratch),
                quiet=True,
                timeout=PLAYBOOK_TIMEOUT_S,
                cancel_callback=interrupted.is_set,
            )
        if interrupted.is_set():  # Ctrl-C stops the drill (a rerun resumes), not just this step
            raise KeyboardInterrupt
        events = list(runner.events)
        status, rc, stats, error = runner.status, runner.rc, runner.stats or {}, ""
    except Exception as problem:  # ansible-runner refusing to start is an outcome, not a crash
        events, status, rc, stats = [], "error", -1, {}
        error = f"ansible-runner could not run {name}: {type(problem).__name__}: {problem}"
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    duration = round(time.monotonic() - clock, 3)
    record = {
        "schema": "playbook-run.v1",
        "playbook": name,
        "check_mode": check_mode,
        "started_at": utc_stamp(started),
        "duration_s": duration,
        "status": status,
        "rc": rc,
        "stats": stats,
        "events": events,
    }
    if error:
        record["error"] = error
    digest, _ = atomic.write_bytes(events_file, atomic.dump_json(record))
    results = tuple(_result(event) for event in events if event.get("event") in RESULT_EVENTS)
    return PlaybookRun(
        name, check_mode, status, rc, duration, events_file, digest, stats, results, error
    )


def _environment(scratch: Path) -> dict[str, str]:
    """ansible-playbook from this Python's environment; plain output; temp files kept inside."""
    tools = str(Path(sys.executable).parent)
    return {
        "PATH": tools + os.pathsep + os.environ.get("PATH", "/usr/bin:/bin"),
        "ANSIBLE_NOCOLOR": "1",
        "ANSIBLE_RETRY_FILES_ENABLED": "0",
        "ANSIBLE_LOCAL_TEMP": str(scratch / "tmp"),
    }


def _result(event: dict[str, Any]) -> dict[str, Any]:
    data = event.get("event_data", {})
    return {
        "event": event["event"],
        "host": data.get("host", ""),
        "task": data.get("task", ""),
        "action": data.get("resolved_action") or data.get("task_action", ""),
        "res": data.get("res", {}) if isinstance(data.get("res"), dict) else {},
    }
