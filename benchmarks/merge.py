"""Sliced export benchmark: emulated devices exported by one process, then as four slices through
ansible-runner workers (transmit | worker | process, as AWX's mesh runs them) with the
exitkit.exit collection, then the four parts merged.

    python benchmarks/merge.py [--devices 2000] [--slices 4] [--workers 32] [--cpus 2]

The devices run in a child process and answer at once; the one-process export uses `--workers`
threads, each slice `--workers / --slices`, so both keep as many devices in flight. Times are
wall-clock, from the start of the export (or of the four pipelines, or of the merge) to its end;
the slices' time includes starting ansible-playbook on each worker. Prints the three times.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.network import write_estate  # noqa: E402

TOOLS = Path(sys.executable).parent


def _more_files() -> None:
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def serve_farm(count: int) -> None:
    """Child process: start the devices, print them as JSON, serve until stdin closes."""
    from exitkit.sandbox.devices import DeviceFarm

    _more_files()
    with DeviceFarm.start(count=count) as farm:
        devices = [
            {"name": d.name, "host_key": d.host_key, **d.netmiko_kwargs()} for d in farm.devices
        ]
        print(json.dumps(devices), flush=True)
        sys.stdin.read()


def one_process(estate: Path, out: Path, workers: int) -> tuple[float, int]:
    """`exitkit export --kind network_device` through the library, as the CLI runs it."""
    from exitkit.exporters.registry import ExportOptions, load_exporters
    from exitkit.exporters.run import export_estate
    from exitkit.inventory.loader import load_inventory

    load_exporters()
    inventory = load_inventory(estate)
    started = time.monotonic()
    summary = export_estate(
        inventory, out, kinds=["network_device"], options=ExportOptions(workers=workers)
    )
    return time.monotonic() - started, len(summary.failed)


def install_collection(work: Path) -> Path:
    galaxy = TOOLS / "ansible-galaxy"
    subprocess.run([galaxy, "collection", "build", ROOT / "collection", "--output-path",
                    work / "dist"], check=True, capture_output=True)  # fmt: skip
    tarball = next((work / "dist").glob("exitkit-exit-*.tar.gz"))
    subprocess.run([galaxy, "collection", "install", tarball, "-p", work / "collections"],
                   check=True, capture_output=True)  # fmt: skip
    return work / "collections"


def sliced(estate: Path, work: Path, slices: int, workers: int) -> tuple[float, int]:
    """Every slice job through transmit | worker | process at once, as AWX's nodes run them."""
    from tests.merge.mesh import run_slices, slice_inventory, slice_job

    collections = install_collection(work)
    subprocess.run([TOOLS / "exitkit", "inventory", "ansible", estate, "-o", work / "hosts.yml"],
                   check=True, capture_output=True)  # fmt: skip
    hosts = yaml.safe_load((work / "hosts.yml").read_text())
    jobs = [
        slice_job(
            work / "controller" / f"job-{n}",
            project={"export_part.yml": ROOT / "playbooks" / "export_part.yml"},
            inventory=slice_inventory(hosts, n, slices),
            playbook="export_part.yml",
            extravars={"exitkit_part": f"slice-{n}", "exitkit_parts_dir": str(work / "parts"),
                       "exitkit_estate_path": str(estate.resolve()),
                       "exitkit_workers": max(1, workers // slices)},
            envvars={"ANSIBLE_COLLECTIONS_PATH": str(collections)},
        )
        for n in range(1, slices + 1)
    ]  # fmt: skip
    started = time.monotonic()
    done = run_slices(jobs, work / "nodes")
    seconds = time.monotonic() - started
    failed = sum(1 for pipeline in done if pipeline.returncode != 0)
    for pipeline in done:
        if pipeline.returncode != 0:
            print(pipeline.stdout[-2000:], pipeline.stderr[-2000:], file=sys.stderr)
    return seconds, failed


def merge(parts: Path, out: Path) -> tuple[float, int]:
    from exitkit.bundle.merge import merge_parts

    started = time.monotonic()
    summary = merge_parts(sorted(parts.iterdir()), out)
    return time.monotonic() - started, len(summary.completeness.incomplete)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devices", type=int, default=2000)
    parser.add_argument("--slices", type=int, default=4)
    parser.add_argument("--workers", type=int, default=32)
    parser.add_argument("--cpus", type=int, default=2)
    parser.add_argument("--serve-farm", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_farm:
        serve_farm(args.devices)
        return
    available = sorted(os.sched_getaffinity(0))
    os.sched_setaffinity(0, set(available[: args.cpus]))
    _more_files()
    load_before = os.getloadavg()[0]
    farm = subprocess.Popen(
        [sys.executable, __file__, "--serve-farm", "--devices", str(args.devices)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    work = Path(tempfile.mkdtemp(prefix="exitkit-bench-merge-"))
    try:
        assert farm.stdout is not None
        devices = json.loads(farm.stdout.readline())
        estate = write_estate(devices, work / "estate")
        ours = one_process(estate, work / "one", args.workers)
        split = sliced(estate, work, args.slices, args.workers)
        joined = merge(work / "parts", work / "merged")
    finally:
        if farm.stdin:
            farm.stdin.close()
        farm.wait(timeout=120)
        shutil.rmtree(work, ignore_errors=True)
    cpus = len(os.sched_getaffinity(0))
    print(f"{args.devices} emulated devices (platforms in turn), answering at once; {cpus} CPUs; "
          f"load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after")  # fmt: skip
    print(f"one process, {args.workers} workers:                 {ours[0]:7.1f} s  "
          f"{ours[1]} failed")  # fmt: skip
    print(f"{args.slices} slices through runner workers, "
          f"{max(1, args.workers // args.slices)} workers each: {split[0]:7.1f} s  "
          f"{split[1]} slice job(s) failed")  # fmt: skip
    print(f"merge of the {args.slices} parts:                       {joined[0]:7.1f} s  "
          f"{joined[1]} asset(s) not exported")  # fmt: skip


if __name__ == "__main__":
    main()
