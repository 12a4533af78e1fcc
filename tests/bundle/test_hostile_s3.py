"""verify on an S3 prefix crafted by the party being exited (moto's server on loopback).

The same rules as for a folder: a small file is read only up to the size its role allows,
whatever size the bucket reports; object names are paths to check, not places to go.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.bundle.hostile import run_verify
from tests.escrow.conftest import _aws_environment, make_bucket, s3, s3_endpoint

__all__ = ["_aws_environment", "make_bucket", "s3", "s3_endpoint"]  # fixtures used here


def upload(s3: Any, bucket: str, bundle: Path, prefix: str) -> None:
    for path in sorted(bundle.rglob("*")):
        if path.is_file():
            key = f"{prefix}/{path.relative_to(bundle).as_posix()}"
            s3.put_object(Bucket=bucket, Key=key, Body=path.read_bytes())


def test_a_hostile_prefix_is_read_within_bounds(
    s3: Any, make_bucket: Callable[..., str], provider_bundle: tuple[Path, Path]
) -> None:
    bucket = make_bucket()
    upload(s3, bucket, provider_bundle[0], "p")
    s3.put_object(Bucket=bucket, Key="p/manifest.json.sig", Body=bytes(1024 * 1024))
    s3.put_object(Bucket=bucket, Key="p/x\x1b[2Jresult:       OK", Body=b"slipped in")
    run = run_verify(f"s3://{bucket}/p")
    assert run.code == 1, run
    assert "manifest.json.sig: unreadable (1.0 MB or more; verify reads at most 64 B here)" in (
        run.out
    )
    assert "\x1b" not in run.out
    assert "x\\x1b[2Jresult:       OK: unexpected (control characters" in run.out


def test_a_deeply_nested_manifest_in_a_bucket_is_refused(
    s3: Any, make_bucket: Callable[..., str]
) -> None:
    bucket = make_bucket()
    s3.put_object(Bucket=bucket, Key="p/manifest.json", Body=b"[" * 100_000)
    s3.put_object(Bucket=bucket, Key="p/inventory.json", Body=json.dumps({"assets": []}).encode())
    run = run_verify(f"s3://{bucket}/p", "--json")
    assert run.code == 1, run
    problems = run.json["problems"]
    assert {"path": "manifest.json", "problem": "unreadable"}.items() <= problems[0].items()
    assert problems[0]["detail"] == "nested deeper than 64 levels"
