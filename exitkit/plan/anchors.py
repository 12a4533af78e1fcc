"""The journal's head as signed bundles recorded it, and whether the journal still holds it.

Every signed manifest a drill (or a plan step) writes carries the journal head at signing: the
seq and hash of the last event. Someone who can write the state database can rewrite the chain
end to end or cut its last events, but not re-sign a manifest, nor change one escrowed under
Object Lock. So a journal shorter than a signed head, or with another hash at that seq, was cut
or rewritten after the signature.

Anchors are looked for in the drill folders and plan bundle the journal names, in the folders
beside those drill folders (where later drills go), and in every `--anchor` location: a bundle,
a drill folder, a folder of drill folders, or an escrow prefix `s3://bucket/prefix`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from exitkit.bundle import safe_json
from exitkit.bundle.signing import is_valid, public_key_from_b64
from exitkit.plan.journal import Event, JournalBroken

MANIFEST = "manifest.json"
SIGNATURE = "manifest.json.sig"
MAX_MANIFEST_BYTES = 64 * 1024 * 1024
Divergence = Literal["shorter", "diverges"]


@dataclass(frozen=True)
class Anchor:
    """A journal head (seq, hash) that a valid signature covers, and where it was found."""

    seq: int
    hash: str
    where: str
    signed_at: str
    fingerprint: str

    def to_record(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "hash": self.hash,
            "where": self.where,
            "signed_at": self.signed_at,
            "fingerprint": self.fingerprint,
        }


@dataclass(frozen=True)
class AnchorCheck:
    """The journal against the anchors seen: the newest, and the first one it no longer holds."""

    seen: int
    newest: Anchor | None = None
    failed: Anchor | None = None
    how: Divergence | None = None
    problem: str = ""

    @property
    def ok(self) -> bool:
        return self.failed is None

    def describe(self) -> str:
        if self.failed is not None:
            return self.problem
        if self.newest is None:
            return "no signed anchor found"
        return f"holds the head signed in {self.newest.where} (event {self.newest.seq})"

    def to_record(self) -> dict[str, Any]:
        record: dict[str, Any] = {"ok": self.ok, "seen": self.seen}
        if self.newest is not None:
            record["newest"] = self.newest.to_record()
        if self.failed is not None:
            record |= {"failed": self.failed.to_record(), "how": self.how, "problem": self.problem}
        return record


def anchor_of(manifest: bytes, signature: bytes | None, where: str) -> Anchor | None:
    """The head a manifest carries, if its signature verifies with the key it names."""
    try:
        record = safe_json.loads(manifest)  # a bundle's manifest is hostile until checked
        head, signer = record.get("journal"), record.get("signed_by")
        if not isinstance(head, dict) or not isinstance(signer, dict) or signature is None:
            return None
        key = public_key_from_b64(str(signer["public_key"]))
        seq, digest = int(head["seq"]), str(head["hash"])
    except (safe_json.UnsafeJson, ValueError, KeyError, TypeError, AttributeError):
        return None
    if not is_valid(key, manifest, signature):
        return None
    return Anchor(
        seq, digest, where, str(record.get("created_at", "")), signer.get("fingerprint", "")
    )


def compare(events: list[Event], anchors: Iterable[Anchor]) -> AnchorCheck:
    """Every anchor's head must be in the journal, at its seq, with its hash."""
    hashes = {event.seq: event.hash for event in events}
    found = sorted(anchors, key=lambda anchor: (anchor.seq, anchor.signed_at), reverse=True)
    newest = found[0] if found else None
    for anchor in found:
        if anchor.seq > len(events):
            problem = (
                f"the journal is shorter than the head signed in {anchor.where} at "
                f"{anchor.signed_at}: it ends at event {len(events)}, the signed head is event "
                f"{anchor.seq}, so events were removed from its end"
            )
            return AnchorCheck(len(found), newest, anchor, "shorter", problem)
        if hashes.get(anchor.seq) != anchor.hash:
            problem = (
                f"the journal diverges from the head signed in {anchor.where} at "
                f"{anchor.signed_at}: event {anchor.seq} no longer has the signed hash, so the "
                "journal was rewritten up to it"
            )
            return AnchorCheck(len(found), newest, anchor, "diverges", problem)
    return AnchorCheck(len(found), newest)


def find_anchors(events: list[Event], locations: Iterable[str] = ()) -> list[Anchor]:
    """Every signed head in the folders the journal names, beside them, and at `locations`."""
    folders: list[Path] = []
    for event in events:
        if event.type == "drill.started" and event.data.get("out"):
            out = Path(str(event.data["out"]))
            folders += [out / "bundle", *(child / "bundle" for child in _children(out.parent))]
        elif event.type == "plan.started" and event.data.get("bundle"):
            folders.append(Path(str(event.data["bundle"])))
    found: dict[tuple[int, str, str], Anchor] = {}
    for location in locations:
        if location.startswith("s3://"):
            anchor = _escrowed(location)
            if anchor is not None:
                found[(anchor.seq, anchor.hash, anchor.where)] = anchor
        else:
            folders += list(_bundles_at(Path(location)))
    for folder in dict.fromkeys(folders):
        anchor = _in_folder(folder)
        if anchor is not None:
            found[(anchor.seq, anchor.hash, anchor.where)] = anchor
    return list(found.values())


def read_anchor(location: str) -> Anchor | None:
    """The signed head of one bundle: a folder, a drill folder, or an escrow prefix."""
    if location.startswith("s3://"):
        return _escrowed(location)
    path = Path(location)
    return _in_folder(path if (path / MANIFEST).is_file() else path / "bundle")


def _children(folder: Path) -> list[Path]:
    try:
        return sorted(child for child in folder.iterdir() if child.is_dir())
    except OSError:
        return []


def _bundles_at(path: Path) -> Iterator[Path]:
    """A bundle, a drill folder, or a folder of either."""
    if (path / MANIFEST).is_file():
        yield path
    elif (path / "bundle" / MANIFEST).is_file():
        yield path / "bundle"
    else:
        for child in _children(path):
            yield child
            yield child / "bundle"


def _read(path: Path) -> bytes | None:
    try:
        if path.is_symlink() or not path.is_file():
            return None
        with path.open("rb") as handle:
            data = handle.read(MAX_MANIFEST_BYTES + 1)
    except OSError:
        return None
    return data if len(data) <= MAX_MANIFEST_BYTES else None


def _in_folder(folder: Path) -> Anchor | None:
    manifest = _read(folder / MANIFEST)
    if manifest is None:
        return None
    return anchor_of(manifest, _read(folder / SIGNATURE), str(folder))


def _escrowed(location: str) -> Anchor | None:
    """The manifest and its signature at an escrow prefix (S3, Object Lock on the bucket)."""
    from exitkit.escrow.s3 import S3Location, client, s3_errors

    where = S3Location.parse(location)
    s3 = client()
    parts: dict[str, bytes | None] = {}
    for name in (MANIFEST, SIGNATURE):
        with s3_errors(where, f"reading {name}"):
            try:
                answer = s3.get_object(Bucket=where.bucket, Key=where.key(name))
                parts[name] = answer["Body"].read(MAX_MANIFEST_BYTES + 1)
            except s3.exceptions.NoSuchKey:
                parts[name] = None
    manifest = parts[MANIFEST]
    if manifest is None or len(manifest) > MAX_MANIFEST_BYTES:
        return None
    return anchor_of(manifest, parts[SIGNATURE], location)


def anchored(events: list[Event], state: Path, locations: Iterable[str] = ()) -> AnchorCheck:
    """Checked events against every anchor in sight; a journal that lost a signed head stops
    the reader as a broken chain does."""
    check = compare(events, find_anchors(events, locations))
    if not check.ok:
        raise JournalBroken(f"{state}: journal behind its signed anchor: {check.problem}")
    return check
