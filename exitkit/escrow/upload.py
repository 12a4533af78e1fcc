"""Put one bundle file into S3 and prove it arrived intact; resume a broken multipart upload.

Each upload carries its SHA-256 (S3 checks it on receipt) and the manifest's sha256 as
metadata; after upload HeadObject must report both, or the push fails.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import botocore.exceptions

from exitkit.bundle.source import BundleDamaged
from exitkit.escrow.retention import Retention, extend
from exitkit.escrow.s3 import S3Location, error_code, is_missing, s3_errors

Event = Callable[[str, str], None]  # (what happened, to which key): "part", "kept", …
META = "sha256"  # x-amz-meta-sha256: the file's sha256 as the manifest has it


class EscrowMismatch(BundleDamaged):
    """What the bucket holds after upload is not what was sent (exit 1)."""


def b64(digest: bytes) -> str:
    return base64.b64encode(digest).decode()


@dataclass(frozen=True)
class Target:
    """Where and how every object of one push is written."""

    s3: Any
    location: S3Location
    kms_key_id: str | None
    retention: Retention | None
    part_size: int
    on_event: Event

    def put_arguments(self, sha256: str) -> dict[str, Any]:
        arguments: dict[str, Any] = {"Bucket": self.location.bucket, "Metadata": {META: sha256}}
        if self.kms_key_id:
            arguments |= {"ServerSideEncryption": "aws:kms", "SSEKMSKeyId": self.kms_key_id}
        if self.retention:
            arguments |= self.retention.put_arguments()
        return arguments


def head(target: Target, key: str) -> dict[str, Any] | None:
    with s3_errors(target.location, f"checking {key}"):
        try:
            found: dict[str, Any] = target.s3.head_object(
                Bucket=target.location.bucket, Key=key, ChecksumMode="ENABLED"
            )
        except botocore.exceptions.ClientError as error:
            if is_missing(error):
                return None
            raise
    return found


def _part_digests(path: Path, part_size: int) -> list[bytes]:
    digests = []
    with path.open("rb") as handle:
        while data := handle.read(part_size):
            digests.append(hashlib.sha256(data).digest())
    return digests


def _checksums(path: Path, sha256: str, size: int, part_size: int) -> set[str]:
    """The ChecksumSHA256 values S3 may report for this file: whole, or of its parts."""
    found = {b64(bytes.fromhex(sha256))}
    if size > part_size:
        found.add(b64(hashlib.sha256(b"".join(_part_digests(path, part_size))).digest()))
    return found


def matches(
    target: Target, found: dict[str, Any], path: Path, sha256: str, size: int
) -> str | None:
    """None when the object in the bucket is this file, stored as asked; else what differs."""
    if int(found.get("ContentLength", -1)) != size:
        return f"size {found.get('ContentLength')} instead of {size}"
    if found.get("Metadata", {}).get(META) != sha256:
        return "its recorded sha256 is not the manifest's"
    checksum = str(found.get("ChecksumSHA256") or "").split("-")[0]
    if checksum and checksum not in _checksums(path, sha256, size, target.part_size):
        return "S3's checksum of its content differs"
    if target.kms_key_id and found.get("ServerSideEncryption") != "aws:kms":
        return "not encrypted with SSE-KMS"
    return None


def ensure(target: Target, path: Path, key: str, sha256: str, size: int) -> str:
    """Make `key` hold `path`; returns "kept", "uploaded" or "resumed"."""
    found = head(target, key)
    if found is not None and matches(target, found, path, sha256, size) is None:
        if target.retention and not target.retention.satisfied_by(found):
            extend(target.s3, target.location, key, found, target.retention)
        target.on_event("kept", key)
        return "kept"
    how = "uploaded"
    if size <= target.part_size:
        _put(target, path, key, sha256)
    else:
        how = _multipart(target, path, key, sha256)
    try:
        confirm(target, path, key, sha256, size)
    except EscrowMismatch:
        if how != "resumed":
            raise
        # the unfinished upload was of an older version of the file: start it afresh
        how = _multipart(target, path, key, sha256, fresh=True)
        confirm(target, path, key, sha256, size)
    target.on_event(how, key)
    return how


def confirm(target: Target, path: Path, key: str, sha256: str, size: int) -> None:
    found = head(target, key)
    problem = "it is not there" if found is None else matches(target, found, path, sha256, size)
    if problem:
        raise EscrowMismatch(f"{target.location.bucket}/{key}: after upload, {problem}")


def _put(target: Target, path: Path, key: str, sha256: str) -> None:
    """One request; the file (at most one part size) is read and checked before it is sent."""
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != sha256:
        raise BundleDamaged(f"{path}: sha256 differs from the manifest; run `exitkit verify`")
    arguments = target.put_arguments(sha256) | {
        "Key": key,
        "ChecksumAlgorithm": "SHA256",  # S3 checks the value on receipt; Object Lock needs it
        "ChecksumSHA256": b64(bytes.fromhex(sha256)),
    }
    with s3_errors(target.location, f"uploading {key}"):
        try:
            target.s3.put_object(Body=data, **arguments)
        except botocore.exceptions.ClientError as error:
            if error_code(error) in {"BadDigest", "XAmzContentSHA256Mismatch"}:
                raise EscrowMismatch(
                    f"{target.location.bucket}/{key}: S3 received other bytes than were sent "
                    "(damaged in transit); run the push again"
                ) from None
            raise


def _open_upload(
    target: Target, key: str, sha256: str, fresh: bool
) -> tuple[str, dict[int, dict[str, Any]]]:
    """The newest unfinished upload of `key` with its parts, or a new one (always if `fresh`)."""
    bucket = target.location.bucket
    with s3_errors(target.location, f"looking for an unfinished upload of {key}"):
        listed = target.s3.list_multipart_uploads(Bucket=bucket, Prefix=key).get("Uploads", [])
        uploads = sorted((u for u in listed if u["Key"] == key), key=lambda u: u["Initiated"])
        for stale in uploads if fresh else uploads[:-1]:
            target.s3.abort_multipart_upload(Bucket=bucket, Key=key, UploadId=stale["UploadId"])
        if uploads and not fresh:
            upload_id = uploads[-1]["UploadId"]
            pages = target.s3.get_paginator("list_parts").paginate(
                Bucket=bucket, Key=key, UploadId=upload_id
            )
            parts = {p["PartNumber"]: p for page in pages for p in page.get("Parts", [])}
            return upload_id, parts
        created = target.s3.create_multipart_upload(
            Key=key, ChecksumAlgorithm="SHA256", **target.put_arguments(sha256)
        )
    return str(created["UploadId"]), {}


def _same_part(old: dict[str, Any] | None, data: bytes, digest: bytes) -> bool:
    """A part already uploaded holds `data`: by its SHA-256, or its MD5 ETag when S3 has no SHA."""
    if old is None or int(old.get("Size", -1)) != len(data):
        return False
    if old.get("ChecksumSHA256"):
        return bool(old["ChecksumSHA256"] == b64(digest))
    etag = str(old.get("ETag", "")).strip('"')
    return etag == hashlib.md5(data, usedforsecurity=False).hexdigest()


def _multipart(target: Target, path: Path, key: str, sha256: str, fresh: bool = False) -> str:
    upload_id, existing = _open_upload(target, key, sha256, fresh)
    bucket, whole, parts = target.location.bucket, hashlib.sha256(), []
    reused = 0
    with s3_errors(target.location, f"uploading {key}"), path.open("rb") as handle:
        number = 0
        while data := handle.read(target.part_size):
            number += 1
            digest = hashlib.sha256(data).digest()
            whole.update(data)
            old = existing.get(number)
            if _same_part(old, data, digest):
                assert old is not None
                etag, reused = old["ETag"], reused + 1
            else:
                etag = target.s3.upload_part(
                    Bucket=bucket,
                    Key=key,
                    UploadId=upload_id,
                    PartNumber=number,
                    Body=data,
                    ChecksumSHA256=b64(digest),
                )["ETag"]
                target.on_event("part", f"{key} part {number}")
            parts.append({"PartNumber": number, "ETag": etag, "ChecksumSHA256": b64(digest)})
        if whole.hexdigest() != sha256:
            target.s3.abort_multipart_upload(Bucket=bucket, Key=key, UploadId=upload_id)
            raise BundleDamaged(f"{path}: sha256 differs from the manifest; run `exitkit verify`")
        target.s3.complete_multipart_upload(
            Bucket=bucket, Key=key, UploadId=upload_id, MultipartUpload={"Parts": parts}
        )
    return "resumed" if reused else "uploaded"
