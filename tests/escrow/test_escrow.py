"""Escrow to client-controlled S3 (moto's server): push, pull, verify in place, resume, lock."""

from __future__ import annotations

import filecmp
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import botocore.exceptions
import pytest

from tests.conftest import base_estate, run_exitkit, write_estate
from tests.escrow.conftest import ACCESS_KEY_ID, SECRET_ACCESS_KEY

MIB = 1024 * 1024


def tree(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def same_tree(one: Path, other: Path) -> bool:
    names = tree(one)
    _, mismatch, errors = filecmp.cmpfiles(one, other, names, shallow=False)
    return names == tree(other) and not mismatch and not errors


@pytest.fixture(scope="module")
def signed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("escrow")
    estate = write_estate(root / "estate")
    key = root / "signing.key"
    assert run_exitkit("keys", "generate", "--out", key).code == 0
    assert run_exitkit("export", estate, "--out", root / "bundle", "--sign-key", key).code == 0
    return root / "bundle", root / "signing.key.pub"


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A bundle with a 12 MiB document: three parts of 5 MiB at most."""
    root = tmp_path_factory.mktemp("large")
    estate = base_estate()
    estate["assets"].append({"id": "dump", "kind": "document", "path": "docs/dump.bin"})
    folder = write_estate(root / "estate", estate)
    (folder / "docs" / "dump.bin").write_bytes(os.urandom(12 * MIB))
    assert run_exitkit("export", folder, "--out", root / "bundle").code == 0
    return root / "bundle"


def test_push_pull_round_trip_is_byte_exact_and_verifies_in_place(
    signed: tuple[Path, Path], make_bucket: Callable[..., str], tmp_path: Path
) -> None:
    bundle, public_key = signed
    target = f"s3://{make_bucket()}/acme/2026-q4"
    pushed = run_exitkit("escrow", "push", bundle, target)
    assert pushed.code == 0, pushed
    assert f"{target}: 9 files, 9 uploaded, 0 resumed, 0 kept" in pushed.out
    assert "manifest.json last" in pushed.out

    verified = run_exitkit("verify", target, "--public-key", public_key)
    assert verified.code == 0, verified
    assert f"bundle:       {target} (estate acme-test)" in verified.out
    assert "signature:    valid" in verified.out

    pulled = run_exitkit("escrow", "pull", target, "--out", tmp_path / "back")
    assert pulled.code == 0, pulled
    assert "every file matches the sha256 its manifest lists" in pulled.out
    assert same_tree(bundle, tmp_path / "back")

    again = run_exitkit("escrow", "push", bundle, target)
    assert "0 uploaded, 0 resumed, 9 kept" in again.out


def test_sse_kms_and_compliance_lock_make_write_once_evidence(
    signed: tuple[Path, Path], make_bucket: Callable[..., str], s3: Any
) -> None:
    import boto3

    key_id = boto3.client("kms").create_key()["KeyMetadata"]["KeyId"]
    bucket = make_bucket(object_lock=True)
    run = run_exitkit(
        "escrow", "push", signed[0], f"s3://{bucket}/locked", "--kms-key-id", key_id,
        "--object-lock-days", "30", "--object-lock-mode", "compliance",
    )  # fmt: skip
    assert run.code == 0, run
    assert f"encryption:   SSE-KMS with key {key_id}" in run.out
    assert "object lock:  COMPLIANCE until" in run.out
    head = s3.head_object(Bucket=bucket, Key="locked/manifest.json")
    assert head["ServerSideEncryption"] == "aws:kms"
    assert key_id in head["SSEKMSKeyId"]
    assert head["ObjectLockMode"] == "COMPLIANCE"
    with pytest.raises(botocore.exceptions.ClientError, match="AccessDenied"):
        s3.delete_object(Bucket=bucket, Key="locked/manifest.json", VersionId=head["VersionId"])


def test_object_lock_needs_a_bucket_made_for_it(
    signed: tuple[Path, Path], make_bucket: Callable[..., str], s3: Any
) -> None:
    bucket = make_bucket()
    run = run_exitkit("escrow", "push", signed[0], f"s3://{bucket}/x", "--object-lock-days", "7")
    assert run.code == 2
    assert f"the bucket {bucket} has no Object Lock" in run.err
    assert "Contents" not in s3.list_objects_v2(Bucket=bucket)


def test_an_interrupted_push_resumes_from_its_last_good_part(
    large: Path, make_bucket: Callable[..., str], s3: Any, tmp_path: Path
) -> None:
    from exitkit.escrow.push import PushOptions, push
    from exitkit.escrow.s3 import S3Location

    class Killed(Exception):
        pass

    def kill_after_two_parts(what: str, key: str) -> None:
        if what == "part" and key.endswith("dump.bin part 2"):
            raise Killed

    bucket = make_bucket()
    location = S3Location(bucket, "big")
    options = PushOptions(part_size=5 * MIB, workers=1)
    with pytest.raises(Killed):
        push(large, location, options, on_event=kill_after_two_parts)
    assert len(s3.list_multipart_uploads(Bucket=bucket).get("Uploads", [])) == 1
    half = run_exitkit("verify", f"s3://{bucket}/big")
    assert half.code == 1
    assert "manifest.json: missing" in half.out

    events: list[tuple[str, str]] = []
    summary = push(large, location, options, on_event=lambda *event: events.append(event))

    assert summary.outcomes["assets/document/dump/files/dump.bin"] == "resumed"
    assert [key for what, key in events if what == "part"] == [
        "big/assets/document/dump/files/dump.bin part 3"
    ]
    assert s3.list_multipart_uploads(Bucket=bucket).get("Uploads", []) == []
    assert run_exitkit("verify", f"s3://{bucket}/big").code == 0
    assert run_exitkit("escrow", "pull", f"s3://{bucket}/big", "--out", tmp_path / "back").code == 0
    assert same_tree(large, tmp_path / "back")


def test_an_object_changed_in_the_bucket_is_found(
    signed: tuple[Path, Path], make_bucket: Callable[..., str], s3: Any, tmp_path: Path
) -> None:
    bucket = make_bucket()
    assert run_exitkit("escrow", "push", signed[0], f"s3://{bucket}/p").code == 0
    s3.put_object(Bucket=bucket, Key="p/assets/license/m365/license.json", Body=b'{"quantity": 1}')
    s3.put_object(Bucket=bucket, Key="p/assets/license/m365/extra.txt", Body=b"slipped in")

    run = run_exitkit("verify", f"s3://{bucket}/p")
    assert run.code == 1
    assert "assets/license/m365/license.json: altered" in run.out
    assert "assets/license/m365/extra.txt: unexpected" in run.out
    assert "DAMAGED m365 (license)" in run.out

    pulled = run_exitkit("escrow", "pull", f"s3://{bucket}/p", "--out", tmp_path / "back")
    assert pulled.code == 1
    assert "assets/license/m365/license.json: altered" in pulled.out
    assert "assets/license/m365/extra.txt: unexpected" in pulled.out


def test_bad_locations_are_bad_input_and_no_credential_is_printed(
    signed: tuple[Path, Path],
) -> None:
    runs = [
        run_exitkit("escrow", "push", signed[0], "s3://Bad_Bucket/x"),
        run_exitkit("escrow", "push", signed[0], "https://example.com/x"),
        run_exitkit("verify", "s3://escrow-no-such-bucket/x"),
        run_exitkit("escrow", "push", signed[0], "s3://escrow-no-such-bucket/x"),
    ]
    assert [run.code for run in runs] == [2, 2, 2, 2]
    assert "'Bad_Bucket' is not a valid bucket name" in runs[0].err
    assert "not an S3 location" in runs[1].err
    assert "the bucket escrow-no-such-bucket does not exist" in runs[2].err
    assert "the bucket escrow-no-such-bucket does not exist" in runs[3].err
    for run in runs:
        assert "Traceback" not in run.err
        assert SECRET_ACCESS_KEY not in run.out + run.err
        assert ACCESS_KEY_ID not in run.out + run.err


def test_an_encrypted_bundle_round_trips_and_verifies_with_its_key(
    make_bucket: Callable[..., str], tmp_path: Path
) -> None:
    from pyrage import x25519

    identity = x25519.Identity.generate()
    key_file = tmp_path / "key.txt"
    key_file.write_text(f"{identity}\n")
    estate = write_estate(tmp_path / "estate")
    bundle = tmp_path / "bundle"
    recipient = str(identity.to_public())
    assert run_exitkit("export", estate, "--out", bundle, "--encrypt-to", recipient).code == 0
    target = f"s3://{make_bucket()}/sealed"
    assert run_exitkit("escrow", "push", bundle, target).code == 0

    run = run_exitkit("verify", target, "--identity", key_file)
    assert run.code == 0, run
    assert "plaintext checked with --identity" in run.out
    assert run_exitkit("escrow", "pull", target, "--out", tmp_path / "back").code == 0
    assert same_tree(bundle, tmp_path / "back")
