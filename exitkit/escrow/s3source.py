"""A bundle read in place from an S3 prefix, so `exitkit verify s3://bucket/prefix` works.

Every object is downloaded and hashed: a checksum the bucket reports is not evidence, since
whoever can replace an object can set its metadata too. The listing is bounded, and a small
file is read only up to the size its role allows, whatever size the bucket reports.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, BinaryIO

import botocore.exceptions

from exitkit.bundle import limits
from exitkit.bundle.safe_read import Refused
from exitkit.bundle.source import (
    WHOLE_FILES,
    BundleSource,
    Inspect,
    Member,
    SourceRefused,
    T,
    parallel_scan,
    read_capped,
    too_large,
)
from exitkit.escrow.s3 import S3Location, client, is_missing, s3_errors


class S3Source(BundleSource):
    def __init__(self, location: S3Location, s3: Any = None) -> None:
        self.where = location
        self.location = str(location)
        self._s3 = s3
        self._members: dict[str, Member] | None = None

    @property
    def s3(self) -> Any:
        if self._s3 is None:
            self._s3 = client()
        return self._s3

    def members(self) -> dict[str, Member]:
        if self._members is None:
            found = {}
            with s3_errors(self.where, "listing the bundle"):
                pages = self.s3.get_paginator("list_objects_v2").paginate(
                    Bucket=self.where.bucket, Prefix=self.where.list_prefix
                )
                for page in pages:
                    for item in page.get("Contents", []):
                        name = self.where.relative(item["Key"])
                        if name and not name.endswith("/"):
                            found[name] = Member(name, int(item["Size"]))
                    if len(found) > limits.BUNDLE_MEMBERS:
                        raise SourceRefused(
                            self.location, f"holds more than {limits.BUNDLE_MEMBERS} objects"
                        )
            self._members = found
        return self._members

    def open_object(self, path: str) -> BinaryIO:
        """The object's body as a stream; FileNotFoundError when there is no such object."""
        try:
            response = self.s3.get_object(Bucket=self.where.bucket, Key=self.where.key(path))
        except botocore.exceptions.ClientError as error:
            if is_missing(error):
                raise FileNotFoundError(path) from None
            raise
        body: BinaryIO = response["Body"]
        return body

    def read(self, path: str) -> bytes:
        listed = self.members().get(path)
        if listed is not None and listed.size > WHOLE_FILES[path]:
            raise too_large(path, listed.size)
        with s3_errors(self.where, f"reading {path}"), self.open_object(path) as body:
            return read_capped(path, body)

    def scan(self, paths: Sequence[str], inspect: Inspect[T]) -> Iterator[tuple[str, T | Refused]]:
        with s3_errors(self.where, "reading the bundle's objects"):
            yield from parallel_scan(paths, inspect, self.open_object)
