"""Reading a cloud account's export the way a user would: its JSON Lines, records and templates."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from exitkit.bundle import schemas
from tests.conftest import Run, base_estate, run_exitkit, write_estate


def estate_of(tmp_path: Path, accounts: list[dict[str, Any]]) -> Path:
    """An estate folder whose assets are these cloud accounts."""
    return write_estate(tmp_path / "estate", base_estate(assets=accounts))


def export(estate: Path, out: Path, env: dict[str, str] | None = None) -> Run:
    """`exitkit export` of the estate's cloud accounts, as a user runs it."""
    return run_exitkit("export", estate, "--out", out, "--kind", "cloud_account", env=env)


def account_folder(bundle: Path, asset_id: str) -> Path:
    return bundle / "assets" / "cloud_account" / asset_id


def records(bundle: Path, asset_id: str) -> list[dict[str, Any]]:
    """Every cloud-resource.v1 line of an account, each checked against its schema."""
    found = []
    for path in sorted((account_folder(bundle, asset_id) / "resources").rglob("*.jsonl")):
        service, region = path.parent.name, path.stem
        lines = path.read_text().splitlines()
        assert lines, f"{path} is empty"
        for line in lines:
            record = json.loads(line)
            assert schemas.problems(record, "cloud-resource.v1") == [], (path, record)
            assert (record["service"].lower(), record["region"].lower()) == (service, region), path
            found.append(record)
        keys = [(json.loads(line)["type"], json.loads(line)["id"]) for line in lines]
        assert keys == sorted(keys), f"{path} is not sorted by (type, id)"
    return found


def keyed(found: list[dict[str, Any]]) -> Counter[tuple[str, str, str, str]]:
    return Counter((r["account"], r["region"], r["type"], r["id"]) for r in found)


def record_of(bundle: Path, asset_id: str, name: str) -> dict[str, Any]:
    return json.loads((account_folder(bundle, asset_id) / name).read_text())


def everything_said(bundle: Path, *runs: Any) -> str:
    """Every byte the bundle holds and every line the runs printed, as one text to search."""
    seen = "".join(run.out + run.err for run in runs)
    for path in bundle.rglob("*"):
        if path.is_file():
            seen += path.read_bytes().decode(errors="replace")
    return seen


def without_collection_times(bundle: Path) -> dict[str, bytes]:
    """Every file of the bundle's cloud accounts, account.json without its `collection` block."""
    files = {}
    for path in sorted((bundle / "assets" / "cloud_account").rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if path.name == "account.json":
            record = json.loads(data)
            record.pop("collection")
            data = json.dumps(record, sort_keys=True).encode()
        files[path.relative_to(bundle).as_posix()] = data
    return files
