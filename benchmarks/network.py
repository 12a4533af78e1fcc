"""Network export benchmark: emulated devices that answer every command after a delay, backed up
by `exitkit export` and by a plain Nornir + nornir_netmiko script, at the same worker count.

    python benchmarks/network.py [--devices 300] [--delay 0.2] [--workers 32] [--cpus 2]
                                 [--repeat N] [--bundle-dir DIR] [--uniform]

The fleet is mixed, as installed estates are: a third of the devices run a command given on an
exec channel, a third treat exec as a shell (greeting, prompt, wait), a third refuse exec
(`--uniform`: every device answers exec properly).

The devices run in a child process; the devices, exitkit and the Nornir script all share the
machine's first `--cpus` CPUs. Times exclude interpreter start and imports, for both. Prints
exitkit's time, the Nornir script's time, and the floor (devices x delay / workers).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def serve_farm(count: int, delay: float, uniform: bool) -> None:
    """Child process: start the devices, print them as JSON, serve until stdin closes."""
    from dataclasses import replace

    from exitkit.sandbox.devices import DeviceFarm, ExecMode, plan_devices

    modes = [ExecMode.PROPER] if uniform else [ExecMode.PROPER, ExecMode.SHELL, ExecMode.REFUSE]
    specs = [
        replace(spec, exec_mode=modes[(i // 4) % len(modes)])  # every platform in every mode
        for i, spec in enumerate(plan_devices(count))
    ]
    with DeviceFarm.from_specs(specs) as farm:
        for device in farm.devices:
            farm.set_delay(device.name, delay)
        devices = [
            {"name": d.name, "host_key": d.host_key, **d.netmiko_kwargs()} for d in farm.devices
        ]
        print(json.dumps(devices), flush=True)
        sys.stdin.read()


def write_estate(devices: list[dict[str, Any]], folder: Path) -> Path:
    """An estate of the served devices: the login in files beside it, their host keys pinned."""
    first = devices[0]
    folder.mkdir(parents=True)
    (folder / "password").write_text(str(first["password"]) + "\n")
    (folder / "secret").write_text(str(first["secret"]) + "\n")
    estate = {
        "version": 1,
        "estate": "bench",
        "client": {"name": "Bench client"},
        "provider": {"name": "Bench provider"},
        "contract": {"reference": "B-1", "notice_days": 90, "reversibility_days": 60},
        "reviewed": "2099-01-01",
        "credentials": {
            "net": {
                "username": first["username"],
                "password": {"file": "password"},
                "secret": {"file": "secret"},
            }
        },
        "assets": [
            {"id": d["name"], "kind": "network_device", "platform": d["device_type"],
             "host": d["host"], "port": d["port"], "credentials": "net"}
            for d in devices
        ],
    }  # fmt: skip
    (folder / "estate.yaml").write_text(yaml.safe_dump(estate))
    known = "".join(f"[{d['host']}]:{d['port']} {d['host_key']}\n" for d in devices)
    (folder / "known_hosts").write_text(known)
    return folder


def run_exitkit(devices: list[dict[str, Any]], workers: int, work: Path) -> tuple[float, int]:
    """`exitkit export` through the library (the CLI is a thin layer over it)."""
    from exitkit.exporters.registry import ExportOptions, load_exporters
    from exitkit.exporters.run import export_estate
    from exitkit.inventory.loader import load_inventory

    load_exporters()  # imports netmiko and paramiko: outside the timing, as in the Nornir script

    inventory = load_inventory(write_estate(devices, work / "estate"))
    started = time.monotonic()
    summary = export_estate(inventory, work / "bundle", options=ExportOptions(workers=workers))
    return time.monotonic() - started, len(summary.failed)


# The baseline, as an engineer would write it: one nornir_netmiko task per host, 32 threads.
NORNIR_SCRIPT = """
import sys, time, yaml
from pathlib import Path
from nornir import InitNornir
from nornir_netmiko.tasks import netmiko_send_command

work = Path(sys.argv[1])
nr = InitNornir(
    runner={"plugin": "threaded", "options": {"num_workers": int(sys.argv[2])}},
    inventory={"plugin": "SimpleInventory", "options": {"host_file": str(work / "hosts.yaml")}},
    logging={"enabled": False},
)
COMMAND = {"juniper_junos": "show configuration | display set"}

def backup(task):
    command = COMMAND.get(task.host.platform, "show running-config")
    enable = task.host.platform in ("cisco_ios", "arista_eos")
    result = task.run(netmiko_send_command, command_string=command, enable=enable)
    (work / "configs" / f"{task.host.name}.cfg").write_text(result.result)

(work / "configs").mkdir()
started = time.monotonic()
results = nr.run(task=backup)
nr.close_connections()
print(time.monotonic() - started, len(results.failed_hosts))
"""


def run_nornir(devices: list[dict[str, Any]], workers: int, work: Path) -> tuple[float, int]:
    hosts = {
        d["name"]: {
            "hostname": d["host"],
            "port": d["port"],
            "username": d["username"],
            "password": d["password"],
            "platform": d["device_type"],
            "connection_options": {"netmiko": {"extras": {"secret": d["secret"]}}},
        }
        for d in devices
    }
    (work / "hosts.yaml").write_text(yaml.safe_dump(hosts))
    (work / "backup.py").write_text(NORNIR_SCRIPT)
    done = subprocess.run(
        [sys.executable, str(work / "backup.py"), str(work), str(workers)],
        capture_output=True,
        text=True,
        check=True,
    )
    seconds, failed = done.stdout.split()
    return float(seconds), int(failed)


def _pin(cpus: int) -> None:
    available = sorted(os.sched_getaffinity(0))
    os.sched_setaffinity(0, set(available[:cpus]))


def _best(runs: list[tuple[float, int]]) -> tuple[float, int]:
    return min(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devices", type=int, default=300)
    parser.add_argument("--delay", type=float, default=0.2)
    parser.add_argument("--workers", type=int, default=32)
    parser.add_argument("--cpus", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=1, help="best of N runs of each")
    parser.add_argument(
        "--bundle-dir", help="where exitkit writes its bundle (default: a temporary folder)"
    )
    parser.add_argument("--uniform", action="store_true", help="every device answers exec")
    parser.add_argument("--serve-farm", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_farm:
        serve_farm(args.devices, args.delay, args.uniform)
        return
    _pin(args.cpus)
    load_before = os.getloadavg()[0]
    farm = subprocess.Popen(
        [sys.executable, __file__, "--serve-farm", "--devices", str(args.devices),
         "--delay", str(args.delay)] + (["--uniform"] if args.uniform else []),
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    ours: list[tuple[float, int]] = []
    theirs: list[tuple[float, int]] = []
    try:
        assert farm.stdout is not None
        devices = json.loads(farm.stdout.readline())
        for _ in range(args.repeat):
            with (
                tempfile.TemporaryDirectory(dir=args.bundle_dir) as one,
                tempfile.TemporaryDirectory() as two,
            ):
                ours.append(run_exitkit(devices, args.workers, Path(one)))
                theirs.append(run_nornir(devices, args.workers, Path(two)))
    finally:
        if farm.stdin:
            farm.stdin.close()
        farm.wait(timeout=60)
    report(args, _best(ours), _best(theirs), load_before)


def report(
    args: argparse.Namespace,
    ours: tuple[float, int],
    theirs: tuple[float, int],
    load_before: float,
) -> None:
    floor = args.devices * args.delay / args.workers
    cpus = len(os.sched_getaffinity(0))
    best = f"best of {args.repeat}" if args.repeat > 1 else "one run each"
    where = args.bundle_dir or tempfile.gettempdir()
    fleet = "all answering exec" if args.uniform else "exec / exec-as-shell / exec refused"
    print(
        f"{args.devices} emulated devices (IOS, NX-OS, Junos, EOS in turn; {fleet}), every command "
        f"answered after {args.delay * 1000:.0f} ms; {args.workers} workers; {cpus} CPUs; "
        f"{best}; load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after"
    )
    print(f"exitkit export (2 files per device, fsynced):   {ours[0]:6.2f} s  "
          f"{ours[0] / floor:.2f}x floor  {ours[1]} failed  (bundle in {where})")  # fmt: skip
    print(f"Nornir + nornir_netmiko (running config only):  {theirs[0]:6.2f} s  "
          f"{theirs[0] / floor:.2f}x floor  {theirs[1]} failed")  # fmt: skip
    print(f"floor (devices x delay / workers):              {floor:6.2f} s")
    print(f"exitkit / Nornir: {ours[0] / theirs[0]:.2f} (target <= 0.8); "
          f"exitkit / floor: {ours[0] / floor:.2f} (target <= 2)")  # fmt: skip


if __name__ == "__main__":
    main()
