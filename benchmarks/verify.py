"""Benchmark: `exitkit verify` on a 1 GiB bundle of 2,000 files, beside `sha256sum -c`.

Both read the same files from a warm page cache in the same run; printed figures are seconds
(best of N) and throughput. Usage: python benchmarks/verify.py [--files 2000] [--mib 1024]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from exitkit.bundle.verify import verify_bundle
from exitkit.exporters.registry import ExportOptions
from exitkit.exporters.run import export_estate
from exitkit.inventory.loader import load_inventory


def make_estate(root: Path, files: int, total_bytes: int) -> Path:
    docs = root / "estate" / "docs"
    docs.mkdir(parents=True)
    size = total_bytes // files
    block = os.urandom(size)
    assets = []
    for index in range(files):
        # distinct content per file: a different prefix keeps every hash different
        (docs / f"doc-{index}.bin").write_bytes(index.to_bytes(8, "big") + block[8:])
        assets.append(
            {
                "id": f"doc-{index}",
                "kind": "document",
                "path": f"docs/doc-{index}.bin",
                "reviewed": "2026-10-01",
            }
        )
    estate = {
        "version": 1,
        "estate": "bench",
        "client": {"name": "Client"},
        "provider": {"name": "MSP"},
        "contract": {"reference": "B", "notice_days": 90, "reversibility_days": 60},
        "reviewed": "2026-10-01",
        "assets": assets,
    }
    (root / "estate" / "estate.yaml").write_text(yaml.safe_dump(estate))
    return root / "estate"


def best_of(runs: int, action: object) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()  # type: ignore[operator]
        timings.append(time.perf_counter() - start)
    return min(timings)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--mib", type=int, default=1024)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if shutil.which("sha256sum") is None:
        sys.exit("sha256sum is needed for the baseline")
    with tempfile.TemporaryDirectory(
        prefix="exitkit-bench-", dir=os.environ.get("BENCH_DIR")
    ) as scratch:
        root = Path(scratch)
        estate = make_estate(root, args.files, args.mib * 1024 * 1024)
        bundle = root / "bundle"
        start = time.perf_counter()
        export_estate(load_inventory(estate), bundle, options=ExportOptions(workers=4))
        export_s = time.perf_counter() - start
        listing = "".join(
            f"{line.split()[0]}  {line.split()[1]}\n"
            for line in subprocess.run(
                ["find", "assets", "-type", "f", "-name", "*.bin", "-exec", "sha256sum", "{}", "+"],
                cwd=bundle,
                capture_output=True,
                text=True,
                check=True,
            ).stdout.splitlines()
        )
        (root / "SHA256SUMS").write_text(listing)
        checked = len(listing.splitlines())

        def sha256sum() -> None:
            subprocess.run(
                ["sha256sum", "--quiet", "-c", str(root / "SHA256SUMS")], cwd=bundle, check=True
            )

        def exitkit_verify() -> None:
            assert verify_bundle(bundle).ok

        def exitkit_cli() -> None:
            subprocess.run(
                [sys.executable, "-m", "exitkit", "verify", str(bundle)],
                check=True,
                capture_output=True,
            )

        sha256sum()  # warm the page cache for everyone
        baseline = best_of(args.runs, sha256sum)
        library = best_of(args.runs, exitkit_verify)
        command = best_of(args.runs, exitkit_cli)
        gib = args.mib / 1024
        print(
            f"bundle: {args.files} artifacts + records, {args.mib} MiB, exported in {export_s:.1f} s"
        )
        print(
            f"sha256sum -c ({checked} files):           {baseline:6.2f} s  {gib / baseline:5.2f} GiB/s"
        )
        print(
            f"exitkit verify (library, all checks):   {library:6.2f} s  {gib / library:5.2f} GiB/s"
        )
        print(
            f"exitkit verify (command line):          {command:6.2f} s  {gib / command:5.2f} GiB/s"
        )
        print(f"ratio exitkit/sha256sum (command line): {command / baseline:.2f}  (target <= 1.00)")


if __name__ == "__main__":
    main()
