"""Licence records: who holds each licence, whether it can move to the client, when it ends."""

from __future__ import annotations

from exitkit.exporters.registry import Exporter, Job, exporter
from exitkit.inventory.models import License


@exporter("license")
class LicenseExporter(Exporter):
    def export(self, job: Job) -> None:
        asset = job.asset
        assert isinstance(asset, License)
        record = asset.model_dump(mode="json", exclude_none=True, exclude={"kind"})
        record = {"asset": record.pop("id"), **record, "lock_in": asset.lock_in()}
        job.output.write_json("license.json", record, "license.v1")
