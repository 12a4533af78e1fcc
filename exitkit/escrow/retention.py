"""S3 Object Lock retention for escrowed bundles: write-once evidence until a date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

import botocore.exceptions

from exitkit.clock import utc_now
from exitkit.errors import UsageError
from exitkit.escrow.s3 import EscrowError, S3Location, error_code, s3_errors

Mode = Literal["GOVERNANCE", "COMPLIANCE"]


@dataclass(frozen=True)
class Retention:
    """Every object pushed is locked in `mode` until `until` (UTC)."""

    mode: Mode
    until: dt.datetime

    @classmethod
    def from_options(
        cls,
        days: int | None,
        until: dt.date | None,
        mode: str | None,
        today: dt.date | None = None,
    ) -> Retention | None:
        if days is not None and until is not None:
            raise UsageError("give --object-lock-days or --object-lock-until, not both")
        if days is None and until is None:
            if mode is not None:
                raise UsageError("--object-lock-mode needs --object-lock-days or -until")
            return None
        today = today or utc_now().date()
        if days is not None:
            if days < 1:
                raise UsageError("--object-lock-days must be at least 1")
            until = today + dt.timedelta(days=days + 1)  # whole days: until the next midnight
        assert until is not None
        if until <= today:
            raise UsageError(f"--object-lock-until {until} is not in the future")
        moment = dt.datetime.combine(until, dt.time(0, 0), tzinfo=dt.UTC)
        return cls("COMPLIANCE" if mode == "COMPLIANCE" else "GOVERNANCE", moment)

    def put_arguments(self) -> dict[str, Any]:
        return {"ObjectLockMode": self.mode, "ObjectLockRetainUntilDate": self.until}

    def satisfied_by(self, head: dict[str, Any]) -> bool:
        """Does an object already in the bucket carry at least this retention?"""
        until = head.get("ObjectLockRetainUntilDate")
        mode = head.get("ObjectLockMode")
        stricter = mode == "COMPLIANCE" or mode == self.mode
        return until is not None and stricter and bool(until >= self.until)

    def describe(self) -> str:
        return f"{self.mode} until {self.until.isoformat().replace('+00:00', 'Z')}"


def require_object_lock(s3: Any, location: S3Location) -> None:
    """Retention can only be set in a bucket created with Object Lock enabled."""
    with s3_errors(location, "reading the bucket's Object Lock configuration"):
        try:
            found = s3.get_object_lock_configuration(Bucket=location.bucket)
        except botocore.exceptions.ClientError as error:
            if error_code(error) != "ObjectLockConfigurationNotFoundError":
                raise
            found = {}
    if found.get("ObjectLockConfiguration", {}).get("ObjectLockEnabled") != "Enabled":
        raise EscrowError(
            f"{location}: the bucket {location.bucket} has no Object Lock, so retention cannot "
            "be set; enable Object Lock on it (it needs versioning) or drop --object-lock-*"
        )


def extend(
    s3: Any, location: S3Location, key: str, head: dict[str, Any], wanted: Retention
) -> None:
    """Lengthen the retention of an object already in the bucket (never weakens it)."""
    mode = "COMPLIANCE" if head.get("ObjectLockMode") == "COMPLIANCE" else wanted.mode
    arguments: dict[str, Any] = {
        "Bucket": location.bucket,
        "Key": key,
        "Retention": {"Mode": mode, "RetainUntilDate": wanted.until},
    }
    if head.get("VersionId"):
        arguments["VersionId"] = head["VersionId"]
    with s3_errors(location, f"setting the retention of {key}"):
        s3.put_object_retention(**arguments)
