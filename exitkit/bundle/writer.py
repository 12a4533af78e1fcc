"""Write a bundle: asset folders, per-asset progress for resume, then inventory, report, manifest.

Progress of each finished asset is saved under `.partial/` at once, so a run that is killed
resumes where it stopped; the folder is removed when the signed manifest is in place.
"""

from __future__ import annotations

import json
import shutil
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from exitkit import __version__
from exitkit.bundle import atomic, signing
from exitkit.bundle.completeness import assess
from exitkit.bundle.encryption import Sealing, estate_recipients
from exitkit.bundle.hashing import sha256_file
from exitkit.bundle.manifest import (
    COMPLETENESS,
    INVENTORY,
    MANIFEST,
    PARTIAL,
    SIGNATURE,
    AssetResult,
    FileEntry,
    Manifest,
    Scope,
)
from exitkit.bundle.output import AssetOutput, asset_folder
from exitkit.bundle.report import completeness_record
from exitkit.bundle.space import lock_folder
from exitkit.clock import utc_stamp
from exitkit.errors import BundleError
from exitkit.inventory.loader import Inventory

SEALING = "sealing"  # under .partial/: how the run in progress encrypts (JSON)


def now() -> str:
    return utc_stamp()


class BundleWriter:
    """One export run into one bundle folder."""

    def __init__(
        self,
        root: Path,
        inventory: Inventory,
        scope: Scope,
        encrypt_to: Sequence[str] = (),
        part: str | None = None,
    ) -> None:
        self.root = root
        self.part = part  # a part of a sliced export: its manifest says so, and it is unsigned
        self.inventory = inventory
        self.scope = scope
        self.sealing = Sealing.resolve(encrypt_to, estate_recipients(inventory))
        self._lock = threading.Lock()
        self._results: dict[str, AssetResult] = {}
        self._files: dict[str, FileEntry] = {}
        self._previous_results, self._previous_files = _previous_run(root)
        (root / PARTIAL).mkdir(parents=True, exist_ok=True)
        self._held = lock_folder(root / PARTIAL, root)  # before anything here is written
        if not _same_sealing(_previous_sealing(root), self.sealing):
            # other recipients: what an earlier run wrote may be in clear, or unreadable to them
            self._previous_results, self._previous_files = {}, {}
            for stale in (root / PARTIAL).glob("*.json"):
                stale.unlink()
        atomic.write_bytes(
            root / PARTIAL / SEALING, atomic.dump_json(_sealing_record(self.sealing))
        )

    def resumable(self, asset_id: str, fingerprint: str) -> bool:
        """Keep an asset exported by an earlier run when its definition and files are unchanged."""
        result = self._previous_results.get(asset_id)
        if result is None or not result.exported or result.fingerprint != fingerprint:
            return False
        entries = [self._previous_files.get(path) for path in result.files]
        if not all(
            entry is not None and self._sealed_as_now(entry) and _intact(self.root, entry)
            for entry in entries
        ):
            return False
        self._keep(result, [entry for entry in entries if entry is not None])
        return True

    def _sealed_as_now(self, entry: FileEntry) -> bool:
        """An earlier file is kept only when this run would have encrypted it the same way."""
        if entry.encryption is None:
            return not self.sealing.encrypt_all
        recipients = set(entry.encryption.get("recipients", ()))
        sealed = bool(entry.encryption.get("sealed")) or self.sealing.encrypt_all
        return sealed and recipients == set(self.sealing.recipients)

    def output(self, kind: str, asset_id: str) -> AssetOutput:
        """A clean artifact folder for one asset (what an earlier attempt left is removed)."""
        folder = self.root / asset_folder(kind, asset_id)
        if folder.exists():
            shutil.rmtree(folder)
        return AssetOutput(self.root, kind, asset_id, self.sealing)

    def record(self, result: AssetResult, entries: list[FileEntry]) -> None:
        """Save one asset's outcome now, so a killed run keeps it."""
        progress = {"result": result.to_record(), "files": [e.to_record() for e in entries]}
        # a hint for resume, safe to lose: a resumed asset's files are hashed again anyway
        atomic.write_bytes(
            self.root / PARTIAL / f"{result.kind}--{result.id}.json",
            atomic.dump_json(progress),
            durable=False,
        )
        self._keep(result, entries)

    def _keep(self, result: AssetResult, entries: list[FileEntry]) -> None:
        with self._lock:
            self._results[result.id] = result
            for entry in entries:
                self._files[entry.path] = entry

    @property
    def results(self) -> list[AssetResult]:
        return sorted(self._results.values(), key=lambda result: result.id)

    def finish(
        self, sign_key: Ed25519PrivateKey | None, journal_head: tuple[int, str] | None = None
    ) -> Manifest:
        """Write inventory.json, the completeness report and the (signed) manifest; a plan's
        journal head, when given, goes into the manifest so the signature anchors it."""
        self._write_top(INVENTORY, self.inventory.to_record(), "inventory.v1")
        expected = [(asset.id, asset.kind) for asset in self.inventory.assets]
        completeness = assess(expected, self.scope, self.results)
        report = completeness_record(
            completeness, self.inventory.name, self.scope, str(self.root), signature=None
        )
        self._write_top(COMPLETENESS, report, "completeness.v1")
        manifest = Manifest(
            estate=self.inventory.name,
            created_at=now(),
            exitkit_version=__version__,
            scope=self.scope,
            files=tuple(self._files.values()),
            assets=tuple(self.results),
            signed_by=_signer(sign_key),
            encrypted_to=self.sealing.recipients,
            encrypted_artifacts=self.sealing.artifacts,
            journal=journal_head,
            part=self.part,
        )
        self._remove_leftovers()
        manifest_bytes = manifest.to_bytes()
        atomic.write_bytes(self.root / MANIFEST, manifest_bytes)
        if sign_key is not None:
            atomic.write_bytes(self.root / SIGNATURE, signing.sign(sign_key, manifest_bytes))
        else:
            (self.root / SIGNATURE).unlink(missing_ok=True)
        shutil.rmtree(self.root / PARTIAL, ignore_errors=True)
        self.release()
        return manifest

    def release(self) -> None:
        """Let another export into the folder (the end of a run, finished or not)."""
        self._held.close()

    def _write_top(self, relative: str, record: dict[str, Any], schema: str) -> None:
        digest, size = atomic.write_bytes(self.root / relative, atomic.dump_json(record))
        self._files[relative] = FileEntry(relative, digest, size, schema=schema)

    def _remove_leftovers(self) -> None:
        """Files of assets no longer exported (or of failed attempts) must not linger."""
        keep = set(self._files) | {MANIFEST, SIGNATURE}
        for path in sorted(self.root.rglob("*"), reverse=True):
            relative = path.relative_to(self.root).as_posix()
            if relative == PARTIAL or relative.startswith(PARTIAL + "/"):
                continue
            if path.is_file() and relative not in keep:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()


def _signer(key: Ed25519PrivateKey | None) -> dict[str, str] | None:
    if key is None:
        return None
    public = key.public_key()
    return {
        "algorithm": "ed25519",
        "public_key": signing.public_key_b64(public),
        "fingerprint": signing.fingerprint(public),
    }


def _sealing_record(sealing: Sealing) -> dict[str, Any]:
    return {"recipients": list(sealing.recipients), "encrypt_all": sealing.encrypt_all}


def _same_sealing(one: Sealing, other: Sealing) -> bool:
    return set(one.recipients) == set(other.recipients) and one.encrypt_all == other.encrypt_all


def _previous_sealing(root: Path) -> Sealing:
    """How an earlier run into this folder encrypted: its progress notes, else its manifest."""
    try:
        record = json.loads((root / PARTIAL / SEALING).read_bytes())
        return Sealing(tuple(record["recipients"]), bool(record["encrypt_all"]))
    except (OSError, ValueError, KeyError, TypeError):
        pass
    try:
        manifest = Manifest.read(root)
    except (OSError, ValueError, KeyError, TypeError):
        return Sealing()
    return Sealing(manifest.encrypted_to, manifest.encrypted_artifacts == "all")


def _intact(root: Path, entry: FileEntry) -> bool:
    path = root / entry.path
    return (
        path.is_file() and path.stat().st_size == entry.size and sha256_file(path) == entry.sha256
    )


def _previous_run(root: Path) -> tuple[dict[str, AssetResult], dict[str, FileEntry]]:
    """Results and files of an earlier run into this folder (finished or killed)."""
    if root.exists() and not root.is_dir():
        raise BundleError(f"{root} exists and is not a folder")
    is_bundle = (root / MANIFEST).exists() or (root / PARTIAL).exists()
    if root.is_dir() and any(root.iterdir()) and not is_bundle:
        raise BundleError(
            f"{root} is not empty and is not an exitkit bundle; choose an empty --out folder"
        )
    results: dict[str, AssetResult] = {}
    files: dict[str, FileEntry] = {}
    try:
        manifest = Manifest.read(root)
        results.update((result.id, result) for result in manifest.assets)
        files.update((entry.path, entry) for entry in manifest.files)
    except (OSError, ValueError, KeyError, TypeError):
        pass  # no finished run, or an unreadable one: everything is exported again
    for progress_file in sorted((root / PARTIAL).glob("*.json")):
        try:
            progress = json.loads(progress_file.read_bytes())
            result = AssetResult.from_record(progress["result"])
            entries = [FileEntry.from_record(entry) for entry in progress["files"]]
        except (OSError, ValueError, KeyError, TypeError):
            continue
        results[result.id] = result
        files.update((entry.path, entry) for entry in entries)
    return results, files
