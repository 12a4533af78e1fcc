"""Run the exporters of the selected assets into a bundle, a bounded pool of workers at a time."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from exitkit.bundle.manifest import AssetResult, FileEntry, Manifest, Scope
from exitkit.bundle.parts import check_part
from exitkit.bundle.space import DiskFull, disk_full, is_full
from exitkit.bundle.writer import BundleWriter, now
from exitkit.errors import UsageError
from exitkit.exporters.registry import AssetFailure, ExportOptions, Job, Shared, load_exporters
from exitkit.inventory.credentials import CredentialError
from exitkit.inventory.loader import Inventory
from exitkit.inventory.models import KINDS, Asset

AssetDone = Callable[[AssetResult, bool], None]


@dataclass(frozen=True)
class ExportSummary:
    manifest: Manifest
    results: list[AssetResult]
    kept: int

    @property
    def failed(self) -> list[AssetResult]:
        return [result for result in self.results if not result.exported]


def fingerprint(asset: Asset) -> str:
    """Identifies an asset's definition: a changed definition is exported again on resume."""
    return hashlib.sha256(asset.model_dump_json().encode()).hexdigest()[:16]


def select(inventory: Inventory, kinds: Sequence[str], asset_ids: Sequence[str]) -> list[Asset]:
    unknown_kinds = sorted(set(kinds) - set(KINDS))
    if unknown_kinds:
        raise UsageError(f"unknown kind {', '.join(unknown_kinds)} (kinds: {', '.join(KINDS)})")
    known_ids = {asset.id for asset in inventory.assets}
    unknown_ids = sorted(set(asset_ids) - known_ids)
    if unknown_ids:
        raise UsageError(f"no asset {', '.join(unknown_ids)} in {inventory.path}")
    scope = Scope(tuple(kinds), tuple(asset_ids))
    return [asset for asset in inventory.assets if scope.covers(asset.id, asset.kind)]


def export_estate(
    inventory: Inventory,
    out: Path,
    kinds: Sequence[str] = (),
    asset_ids: Sequence[str] = (),
    options: ExportOptions | None = None,
    sign_key: Ed25519PrivateKey | None = None,
    on_done: AssetDone | None = None,
    journal_head: tuple[int, str] | None = None,
    part: str | None = None,
) -> ExportSummary:
    """Export the selected assets; one failing asset is recorded and never stops the others.

    With `part`, the bundle is one part of a sliced export (see exitkit.bundle.parts)."""
    options = options or ExportOptions()
    exporters = load_exporters()  # before anything is written: a kind without one stops here
    if part is not None:
        check_part(part, sign_key is not None)
    assets = select(inventory, kinds, asset_ids)
    scope = Scope(tuple(sorted(kinds)), tuple(sorted(asset_ids)))
    writer = BundleWriter(out, inventory, scope, options.encrypt_to, part)
    shared = Shared()
    pending, kept = [], 0
    for asset in assets:
        if writer.resumable(asset.id, fingerprint(asset)):
            kept += 1
            if on_done:
                on_done(next(r for r in writer.results if r.id == asset.id), True)
        else:
            pending.append(asset)

    stopped = threading.Event()  # set by the first failure: no asset starts after it

    def run_one(asset: Asset) -> None:
        if stopped.is_set():
            return
        try:
            export_one(asset)
        except BaseException:
            # set here, in the worker, before the failure reaches the caller: the pool's own
            # cancellation comes later, once the worker may already have taken the next asset
            stopped.set()
            raise

    def export_one(asset: Asset) -> None:
        output = writer.output(asset.kind, asset.id)
        job = Job(inventory, asset, output, options, shared)
        started, clock = now(), time.monotonic()
        entries: list[FileEntry] = []
        try:
            exporters[asset.kind].export(job)
            output.sync()
            entries = output.entries
            result = _result(asset, started, clock, entries, partial=tuple(job.notes))
        except AssetFailure as failure:
            result = _result(
                asset, started, clock, [], failure.error_class, job.scrub(failure.reason)
            )
        except CredentialError as missing:
            result = _result(asset, started, clock, [], "credentials", str(missing))
        except DiskFull:
            raise  # no other asset would fit either: the run stops, the finished ones are kept
        except OSError as error:
            if is_full(error):
                raise disk_full(output.folder, None) from None
            reason = job.scrub(f"{type(error).__name__}: {error}")
            result = _result(asset, started, clock, [], "internal", reason)
        except Exception as bug:  # a defect in one exporter must not cost the other assets
            reason = job.scrub(f"{type(bug).__name__}: {bug}")
            result = _result(asset, started, clock, [], "internal", reason)
        writer.record(result, entries)
        if on_done:
            on_done(result, False)

    pool = ThreadPoolExecutor(max_workers=max(1, options.workers))
    try:
        for future in as_completed([pool.submit(run_one, asset) for asset in pending]):
            future.result()
        manifest = writer.finish(sign_key, journal_head)
    except OSError as error:
        stopped.set()
        if is_full(error):
            raise disk_full(out, None) from None
        raise
    except BaseException:  # Ctrl-C lands in this thread, not in a worker
        stopped.set()
        raise
    finally:  # on Ctrl-C or a failing callback: start nothing new, keep what is recorded
        pool.shutdown(wait=True, cancel_futures=True)
        writer.release()
    return ExportSummary(manifest, writer.results, kept)


def _result(
    asset: Asset,
    started: str,
    clock: float,
    entries: list[FileEntry],
    error_class: str | None = None,
    reason: str | None = None,
    partial: tuple[str, ...] = (),
) -> AssetResult:
    return AssetResult(
        id=asset.id,
        kind=asset.kind,
        status="failed" if error_class else "exported",
        started_at=started,
        duration_s=round(time.monotonic() - clock, 3),
        fingerprint=fingerprint(asset),
        files=tuple(entry.path for entry in entries),
        error_class=error_class,
        reason=reason,
        partial=partial,
    )
