"""`exitkit escrow push|pull`: keep a bundle in client-controlled S3 storage, and bring it back."""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
from pathlib import Path

import click

from exitkit.errors import PROBLEM


@click.group("escrow")
def escrow() -> None:
    """Keep a bundle where the provider cannot alter it: an S3 bucket the client controls."""


@escrow.command("push")
@click.argument("bundle", type=click.Path(path_type=Path))
@click.argument("target", metavar="s3://BUCKET/PREFIX")
@click.option("--kms-key-id", help="Encrypt every object with SSE-KMS under this key.")
@click.option(
    "--object-lock-days", type=click.IntRange(1, 36500), help="Lock every object this many days."
)
@click.option(
    "--object-lock-until",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Lock every object until this date (UTC).",
)
@click.option(
    "--object-lock-mode",
    type=click.Choice(["GOVERNANCE", "COMPLIANCE"], case_sensitive=False),
    help="COMPLIANCE: nobody can delete or shorten it; GOVERNANCE (default): only a "
    "principal with s3:BypassGovernanceRetention can.",
)
def push(
    bundle: Path,
    target: str,
    kms_key_id: str | None,
    object_lock_days: int | None,
    object_lock_until: dt.datetime | None,
    object_lock_mode: str | None,
) -> None:
    """Copy the finished bundle BUNDLE to s3://BUCKET/PREFIX, manifest.json last.

    Run it again after an interruption: what is already there with the right checksum is kept.
    """
    from exitkit.bundle.verify_text import size_text
    from exitkit.escrow.push import PushOptions
    from exitkit.escrow.push import push as push_bundle
    from exitkit.escrow.retention import Retention
    from exitkit.escrow.s3 import S3Location
    from exitkit.progress import ProgressDisplay

    location = S3Location.parse(target)
    until = object_lock_until.date() if object_lock_until else None
    mode = object_lock_mode.upper() if object_lock_mode else None
    retention = Retention.from_options(object_lock_days, until, mode)
    options = PushOptions(kms_key_id=kms_key_id, retention=retention)
    with contextlib.ExitStack() as stack:
        shown: list[ProgressDisplay] = []

        def on_start(total: int) -> None:
            shown.append(stack.enter_context(ProgressDisplay("pushing", total)))

        def on_event(what: str, key: str) -> None:
            if what != "part":
                shown[0].advance(f"{what} {key}")

        summary = push_bundle(bundle, location, options, on_event, on_start=on_start)
    click.echo(
        f"{location}: {len(summary.outcomes)} files, {summary.count('uploaded')} uploaded, "
        f"{summary.count('resumed')} resumed, {summary.count('kept')} kept (already there); "
        f"{size_text(summary.bytes_sent)} sent, manifest.json last"
    )
    click.echo("checksums:    every object's size and sha256 match the bundle (HeadObject)")
    if kms_key_id:
        click.echo(f"encryption:   SSE-KMS with key {kms_key_id}")
    if retention:
        click.echo(f"object lock:  {retention.describe()} on every object")
    if summary.extra:
        click.echo(
            f"{len(summary.extra)} object(s) under the prefix are not part of this bundle, "
            "so it will not verify there: " + ", ".join(summary.extra[:5])
        )
        sys.exit(PROBLEM)
    sys.exit(0)


@escrow.command("pull")
@click.argument("source", metavar="s3://BUCKET/PREFIX")
@click.option("--out", type=click.Path(path_type=Path), required=True, help="Bundle folder.")
def pull(source: str, out: Path) -> None:
    """Bring the bundle at s3://BUCKET/PREFIX back into the folder OUT, checking every file."""
    from exitkit.escrow.pull import pull as pull_bundle
    from exitkit.escrow.s3 import S3Location
    from exitkit.progress import ProgressDisplay

    location = S3Location.parse(source)
    with contextlib.ExitStack() as stack:
        shown: list[ProgressDisplay] = []

        def on_start(total: int) -> None:
            shown.append(stack.enter_context(ProgressDisplay("pulling", total)))

        def on_event(what: str, path: str) -> None:
            shown[0].advance(f"{what} {path}")

        summary = pull_bundle(location, out, on_event, on_start=on_start)
    click.echo(
        f"{location} -> {out}: {len(summary.outcomes)} files, "
        f"{summary.count('downloaded')} downloaded, {summary.count('kept')} kept (already there)"
    )
    for problem in summary.problems:
        click.echo(f"  {problem}")
    if summary.problems:
        click.echo("result:       FAILED (the bucket does not hold the bundle its manifest lists)")
        sys.exit(PROBLEM)
    click.echo("every file matches the sha256 its manifest lists")
    click.echo(f"check signature and completeness with: exitkit verify {out}")
    sys.exit(0)


commands: list[click.Command] = [escrow]
