"""Technical documents: copied as they are, hashed, with their review date kept."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from exitkit.bundle.hashing import sha256_file
from exitkit.defaults import DOCUMENT_REVIEW_DAYS
from exitkit.exporters.registry import AssetFailure, Exporter, Job, exporter
from exitkit.inventory.models import Document


@exporter("document")
class DocumentExporter(Exporter):
    def export(self, job: Job) -> None:
        asset = job.asset
        assert isinstance(asset, Document)
        source = Path(asset.path)
        source = source if source.is_absolute() else job.inventory.base_dir / source
        if not source.exists():
            raise AssetFailure("missing", f"document not found: {asset.path}")
        sources = (
            sorted(p for p in source.rglob("*") if p.is_file()) if source.is_dir() else [source]
        )
        if not sources:
            raise AssetFailure("missing", f"document folder is empty: {asset.path}")
        files = []
        for path in sources:
            name = path.relative_to(source).as_posix() if source.is_dir() else path.name
            entry = job.output.copy_from(f"files/{name}", path)
            if entry.content_sha256 != sha256_file(path):
                raise AssetFailure("changed", f"{asset.path} changed while it was copied")
            files.append({"name": name, "sha256": entry.content_sha256, "size": entry.content_size})
        overdue = (
            asset.reviewed is None or (dt.date.today() - asset.reviewed).days > DOCUMENT_REVIEW_DAYS
        )
        record = {
            "asset": asset.id,
            "title": asset.title or source.name,
            "source": asset.path,
            "reviewed": asset.reviewed.isoformat() if asset.reviewed else None,
            "review_overdue": overdue,
            "files": files,
        }
        job.output.write_json("document.json", record, "document.v1")
