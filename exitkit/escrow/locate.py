"""Open a bundle wherever it is: a folder, a `pack` archive, or an S3 prefix."""

from __future__ import annotations

from pathlib import Path

from exitkit.bundle.source import BundleSource, open_local


def open_bundle(location: str | Path) -> BundleSource:
    if str(location).startswith("s3://"):
        from exitkit.escrow.s3 import S3Location
        from exitkit.escrow.s3source import S3Source

        return S3Source(S3Location.parse(str(location)))
    return open_local(Path(location))
