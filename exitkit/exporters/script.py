"""Automation scripts: a git repository exported as a `git bundle` plus a list of its files.

A `git bundle` is git's own portable format: `git clone repo.bundle` restores the history.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from exitkit.exporters.registry import AssetFailure, Exporter, Job, exporter
from exitkit.inventory.models import Script

_URL_CREDENTIALS = re.compile(r"(?<=://)[^/@]+@")
GIT_TIMEOUT_S = 600


def without_credentials(location: str) -> str:
    """A repository URL safe to record: `https://token@host/x` loses its user part."""
    return _URL_CREDENTIALS.sub("", location)


def _git(args: list[str], cwd: Path | None = None, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(
            ["git", "-c", "safe.directory=*", *args],
            cwd=cwd,
            input=stdin,
            capture_output=True,
            timeout=GIT_TIMEOUT_S,
            check=False,
            env={"GIT_TERMINAL_PROMPT": "0", "PATH": "/usr/bin:/bin:/usr/local/bin", "HOME": "/"},
        )
    except FileNotFoundError:
        raise AssetFailure("tool-missing", "git is not installed") from None
    except subprocess.TimeoutExpired:
        raise AssetFailure("timeout", f"git {args[0]} took over {GIT_TIMEOUT_S} s") from None
    if done.returncode != 0:
        lines = done.stderr.decode(errors="replace").strip().splitlines() or ["failed"]
        raise AssetFailure("git", f"git {args[0]}: {without_credentials(lines[-1])}")
    return done.stdout


def _local_repository(job: Job, asset: Script) -> Path | None:
    if "://" in asset.repo or asset.repo.startswith("git@"):
        return None
    path = Path(asset.repo)
    path = path if path.is_absolute() else job.inventory.base_dir / path
    if not path.exists():
        raise AssetFailure("missing", f"repository path not found: {asset.repo}")
    try:
        top = _git(["rev-parse", "--show-toplevel"], cwd=path).decode().strip()
    except AssetFailure:
        raise AssetFailure("not-a-repository", f"{asset.repo} is not a git repository") from None
    return Path(top)


def _file_list(repository: Path, revision: str) -> list[dict[str, Any]]:
    """Every file at `revision` with its mode, size and sha256."""
    listing = _git(["ls-tree", "-r", "-z", "--full-tree", revision], cwd=repository)
    files: list[dict[str, Any]] = []
    for line in filter(None, listing.split(b"\0")):
        meta, path = line.split(b"\t", 1)
        mode, object_type, object_id = meta.decode().split()
        if object_type == "blob":
            files.append({"path": path.decode(errors="replace"), "mode": mode, "blob": object_id})
    wanted = "".join(item["blob"] + "\n" for item in files).encode()
    contents = _git(["cat-file", "--batch"], cwd=repository, stdin=wanted)
    offset = 0
    for item in files:
        header_end = contents.index(b"\n", offset)
        size = int(contents[offset:header_end].split()[2])
        body = contents[header_end + 1 : header_end + 1 + size]
        item["size"] = size
        item["sha256"] = hashlib.sha256(body).hexdigest()
        offset = header_end + 1 + size + 1
    return files


@exporter("script")
class ScriptExporter(Exporter):
    def export(self, job: Job) -> None:
        asset = job.asset
        assert isinstance(asset, Script)
        with tempfile.TemporaryDirectory(prefix="exitkit-git-") as scratch:
            repository = _local_repository(job, asset)
            working_tree = repository is not None
            if repository is None:
                repository = Path(scratch) / "mirror.git"
                _git(["clone", "--mirror", "--quiet", asset.repo, str(repository)])
            self._export(job, asset, repository, working_tree)

    def _export(self, job: Job, asset: Script, repository: Path, working_tree: bool) -> None:
        revision = asset.ref or "HEAD"
        try:
            head = _git(["rev-parse", "--verify", f"{revision}^{{commit}}"], cwd=repository)
        except AssetFailure:
            raise AssetFailure("empty", f"{asset.repo}: no commit at {revision}") from None
        refs = ["--all"] if asset.ref is None else [asset.ref]

        def write_bundle(target: Path) -> None:
            _git(["bundle", "create", "--quiet", str(target), *refs], cwd=repository)

        job.output.produce("repo.bundle", write_bundle)
        status = _git(["status", "--porcelain"], cwd=repository) if working_tree else b""
        record = {
            "asset": asset.id,
            "repository": without_credentials(asset.repo),
            "ref": revision,
            "head": head.decode().strip(),
            "bundle": "repo.bundle",
            "uncommitted_changes": bool(status.strip()),
            "files": _file_list(repository, head.decode().strip()),
        }
        job.output.write_json("script.json", record, "script.v1")
