"""AWX's side of a sliced job, done by hand: the inventory cut as job slicing cuts it, and each
slice sent through ansible-runner's streaming protocol (the one the Receptor mesh carries):
`ansible-runner transmit | ansible-runner worker | ansible-runner process`."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

TOOLS = Path(sys.executable).parent


def slice_inventory(hosts: dict[str, Any], number: int, count: int) -> dict[str, Any]:
    """Slice `number` (1-based) of `count`: every count-th host by name, from the number-th, as
    AWX hands each slice job its share; groups keep only the slice's hosts."""
    names = sorted(hosts["all"]["hosts"])
    mine = set(names[number - 1 :: count])
    cut = copy.deepcopy(hosts)
    _keep(cut["all"], mine)
    return cut


def _keep(group: dict[str, Any], mine: set[str]) -> None:
    if isinstance(group.get("hosts"), dict):
        group["hosts"] = {name: v for name, v in group["hosts"].items() if name in mine}
    for child in (group.get("children") or {}).values():
        _keep(child, mine)


@dataclass(frozen=True)
class SliceJob:
    """One slice job's private data dir on the controller, as AWX writes it."""

    folder: Path
    playbook: str

    def command(self, worker_dir: Path) -> str:
        runner = TOOLS / "ansible-runner"
        return (
            f"{runner} transmit {self.folder} -p {self.playbook}"
            f" | {runner} worker --private-data-dir {worker_dir}"
            f" | {runner} process {self.folder}"
        )


def slice_job(
    folder: Path,
    project: dict[str, Path],
    inventory: dict[str, Any],
    playbook: str,
    extravars: dict[str, Any],
    envvars: dict[str, str],
) -> SliceJob:
    """A private data dir: project files (copied), the slice's inventory, vars, environment."""
    for name, source in project.items():
        target = folder / "project" / name
        if source.is_dir():
            subprocess.run(["cp", "-r", source, target], check=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.read_bytes())
    (folder / "inventory").mkdir(parents=True)
    (folder / "inventory" / "hosts.yml").write_text(yaml.safe_dump(inventory))
    (folder / "env").mkdir()
    (folder / "env" / "extravars").write_text(json.dumps(extravars))
    (folder / "env" / "envvars").write_text(json.dumps(envvars))
    return SliceJob(folder, playbook)


def run_slices(jobs: list[SliceJob], work: Path) -> list[subprocess.CompletedProcess[str]]:
    """Every slice job at once, each through its own transmit | worker | process pipeline."""
    env = {**os.environ, "PATH": f"{TOOLS}{os.pathsep}{os.environ['PATH']}"}
    running = [
        subprocess.Popen(
            ["bash", "-o", "pipefail", "-c", job.command(work / f"worker-{n}")],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for n, job in enumerate(jobs, 1)
    ]
    done = []
    for process in running:
        out, err = process.communicate(timeout=300)
        done.append(subprocess.CompletedProcess(process.args, process.returncode, out, err))
    return done


def job_status(job: SliceJob) -> tuple[str, int, list[dict[str, Any]]]:
    """What `process` wrote back on the controller: status, rc, and the job events."""
    artifacts = job.folder / "artifacts"  # `process` unpacks the worker's artifacts here
    status = (artifacts / "status").read_text().strip()
    rc = int((artifacts / "rc").read_text().strip())
    events = [json.loads(p.read_text()) for p in sorted((artifacts / "job_events").glob("*.json"))]
    return status, rc, events
