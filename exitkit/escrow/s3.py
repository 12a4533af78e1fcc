"""S3 locations (`s3://bucket/prefix`), the boto3 client, and S3 errors a user can act on.

Credentials and endpoint come from boto3's standard chain (profiles, environment,
`AWS_ENDPOINT_URL`); no credential value ever appears in a message.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

import boto3
import botocore.exceptions
from botocore.config import Config

from exitkit.errors import ExitkitError

_BUCKET = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
_CONFIG = Config(retries={"mode": "adaptive", "max_attempts": 5}, max_pool_connections=16)
_AUTH_CODES = {"AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch", "403"}
_MISSING_BUCKET = {"NoSuchBucket"}


class EscrowError(ExitkitError):
    """An S3 location cannot be used: bad URL, no bucket, no access, no Object Lock."""


@dataclass(frozen=True)
class S3Location:
    bucket: str
    prefix: str = ""  # without leading or trailing slash

    @classmethod
    def parse(cls, url: str) -> S3Location:
        if not url.startswith("s3://"):
            raise EscrowError(f"{url}: not an S3 location (expected s3://bucket/prefix)")
        bucket, _, prefix = url.removeprefix("s3://").partition("/")
        if not _BUCKET.match(bucket) or ".." in bucket:
            raise EscrowError(
                f"{url}: {bucket!r} is not a valid bucket name "
                "(3-63 characters: lowercase letters, digits, dots and hyphens)"
            )
        prefix = prefix.strip("/")
        parts = PurePosixPath(prefix).parts if prefix else ()
        if any(part in (".", "..") for part in parts) or "//" in prefix:
            raise EscrowError(f"{url}: the prefix may not hold empty, '.' or '..' segments")
        return cls(bucket, prefix)

    def key(self, path: str) -> str:
        return f"{self.prefix}/{path}" if self.prefix else path

    @property
    def list_prefix(self) -> str:
        return f"{self.prefix}/" if self.prefix else ""

    def relative(self, key: str) -> str:
        return key[len(self.list_prefix) :]

    def __str__(self) -> str:
        return f"s3://{self.bucket}/{self.prefix}" if self.prefix else f"s3://{self.bucket}"


def client() -> Any:
    """An S3 client from boto3's standard chain; thread-safe, shared by the workers."""
    return boto3.session.Session().client("s3", config=_CONFIG)


def error_code(error: botocore.exceptions.ClientError) -> str:
    return str(error.response.get("Error", {}).get("Code", "")) or "unknown"


def is_missing(error: botocore.exceptions.ClientError) -> bool:
    return error_code(error) in {"404", "NoSuchKey", "NotFound", "NoSuchUpload"}


def require_bucket(s3: Any, location: S3Location) -> None:
    with s3_errors(location, "opening the bucket"):
        try:
            s3.head_bucket(Bucket=location.bucket)
        except botocore.exceptions.ClientError as error:
            if error_code(error) in {"404", "NoSuchBucket", "NotFound"}:
                raise EscrowError(
                    f"{location}: the bucket {location.bucket} does not exist"
                ) from None
            raise


@contextlib.contextmanager
def s3_errors(location: S3Location, doing: str) -> Iterator[None]:
    """Turn boto3's exceptions into one line for the terminal, with no secret in it."""
    try:
        yield
    except botocore.exceptions.NoCredentialsError:
        raise EscrowError(
            f"{location}: no AWS credentials found while {doing} (set AWS_PROFILE, or "
            "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or use an instance role)"
        ) from None
    except botocore.exceptions.EndpointConnectionError as error:
        endpoint = error.kwargs.get("endpoint_url", "the S3 endpoint")
        raise EscrowError(f"{location}: cannot reach {endpoint} while {doing}") from None
    except botocore.exceptions.ClientError as error:
        code = error_code(error)
        if code in _MISSING_BUCKET:
            raise EscrowError(f"{location}: the bucket {location.bucket} does not exist") from None
        if code in _AUTH_CODES:
            raise EscrowError(
                f"{location}: access denied ({code}) while {doing}; "
                "check the credentials and the bucket policy"
            ) from None
        message = str(error.response.get("Error", {}).get("Message", ""))[:200]
        raise EscrowError(f"{location}: S3 refused ({code}) while {doing}: {message}") from None
    except botocore.exceptions.BotoCoreError as error:
        raise EscrowError(f"{location}: {type(error).__name__} while {doing}") from None
