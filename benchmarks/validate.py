"""Benchmark: `exitkit inventory validate` on a 50,000-asset estate: wall time and peak memory.

Usage: python benchmarks/validate.py [--assets 50000]. Beside it, the plain-library baseline a
user would write: `yaml.safe_load` (libyaml) of the same file, with no validation at all.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

KINDS = (
    "{{id: sw-{i}, kind: network_device, platform: cisco_ios, host: 192.0.2.{h}, port: 22, credentials: net-ro, criticality: P2}}",
    "{{id: lic-{i}, kind: license, vendor: Vendor, product: Product {i}, quantity: 10, holder: client, transferable: true, expires: 2027-06-30}}",
    "{{id: doc-{i}, kind: document, path: docs/doc-{i}.md, reviewed: 2026-09-01}}",
    "{{id: aws-{i}, kind: cloud_account, cloud: aws, account_id: '{a:012d}', regions: [eu-west-3], client_principals: ['arn:aws:iam::{a:012d}:role/breakglass']}}",
    "{{id: scr-{i}, kind: script, repo: scripts/repo-{i}}}",
)


def write_estate(path: Path, assets: int) -> None:
    lines = [
        "version: 1",
        "estate: bench",
        "client: {name: Client}",
        "provider: {name: MSP}",
        "contract: {reference: B, notice_days: 90, reversibility_days: 60}",
        "reviewed: 2026-10-01",
        "obligations: [{id: nis2, regulation: NIS2, owner: client}]",
        "credentials:",
        "  net-ro: {username: netops, password: {env: BENCH_NET_PASSWORD}}",
        "assets:",
    ]
    for i in range(assets):
        lines.append("  - " + KINDS[i % len(KINDS)].format(i=i, h=i % 250, a=100000000000 + i))
    path.write_text("\n".join(lines) + "\n")


# A fresh watcher process per measurement, so each peak is that command's own.
WATCH = (
    "import resource, subprocess, sys, time; s = time.perf_counter(); "
    "c = subprocess.run(sys.argv[1:], capture_output=True).returncode; "
    "print(time.perf_counter() - s, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, c)"
)


def measure(command: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MB, exit code of one run of `command`."""
    done = subprocess.run(
        [sys.executable, "-c", WATCH, *command],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "BENCH_NET_PASSWORD": "x"},
    )
    wall, peak_kib, code = done.stdout.split()
    return float(wall), int(peak_kib) / 1024, int(code)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--assets", type=int, default=50_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="exitkit-bench-") as scratch:
        estate = Path(scratch) / "estate.yaml"
        write_estate(estate, args.assets)
        size = estate.stat().st_size / 1e6
        baseline = [
            sys.executable,
            "-c",
            f"import yaml; yaml.load(open({str(estate)!r}), Loader=yaml.CSafeLoader)",
        ]
        base_wall, base_peak, _ = measure(baseline)
        wall, peak, code = measure(
            [sys.executable, "-m", "exitkit", "inventory", "validate", str(estate), "--json"]
        )
        print(f"estate: {args.assets} assets of 5 kinds, {size:.1f} MB of YAML")
        print(
            f"yaml.load (CSafeLoader, no validation): {base_wall:5.2f} s  peak {base_peak:5.0f} MB"
        )
        print(
            f"exitkit inventory validate:             {wall:5.2f} s  peak {peak:5.0f} MB  (exit {code})"
        )
        print("targets: under 3 s and 400 MB")


if __name__ == "__main__":
    main()
