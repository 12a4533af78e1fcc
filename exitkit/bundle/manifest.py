"""manifest.json: every file of a bundle (hash, size, asset, schema) and every asset's outcome."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from exitkit.bundle.atomic import dump_json

MANIFEST = "manifest.json"
SIGNATURE = "manifest.json.sig"
INVENTORY = "inventory.json"
COMPLETENESS = "reports/completeness.json"
PARTIAL = ".partial"
Status = Literal["exported", "failed"]


@dataclass(frozen=True)
class FileEntry:
    """One file of the bundle, as the manifest vouches for it."""

    path: str
    sha256: str
    size: int
    asset: str | None = None
    kind: str | None = None
    schema: str | None = None
    encryption: dict[str, Any] | None = None

    @property
    def content_sha256(self) -> str | None:
        """sha256 of the content: of the plaintext for an encrypted file (None when sealed)."""
        if self.encryption is None:
            return self.sha256
        value = self.encryption.get("plaintext_sha256")
        return str(value) if value else None

    @property
    def content_size(self) -> int:
        """Size of the content: of the plaintext for an encrypted file."""
        if self.encryption is None:
            return self.size
        return int(self.encryption["plaintext_size"])

    def to_record(self) -> dict[str, Any]:
        return {key: value for key, value in asdict(self).items() if value is not None}

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> FileEntry:
        return cls(**record)


@dataclass(frozen=True)
class AssetResult:
    """What happened to one asset at export: its files, or why it has none."""

    id: str
    kind: str
    status: Status
    started_at: str
    duration_s: float
    fingerprint: str
    files: tuple[str, ...] = ()
    error_class: str | None = None
    reason: str | None = None
    partial: tuple[str, ...] = ()  # what an exported asset lacks ("startup.cfg not read: ...")

    @property
    def exported(self) -> bool:
        return self.status == "exported"

    def to_record(self) -> dict[str, Any]:
        record = {key: value for key, value in asdict(self).items() if value not in (None, ())}
        record["files"] = list(self.files)
        return record

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> AssetResult:
        lists = {
            "files": tuple(record.get("files", ())),
            "partial": tuple(record.get("partial", ())),
        }
        return cls(**{**record, **lists})


@dataclass(frozen=True)
class Scope:
    """What an export was asked to cover; completeness is judged against it."""

    kinds: tuple[str, ...] = ()
    assets: tuple[str, ...] = ()

    def covers(self, asset_id: str, kind: str) -> bool:
        return (not self.kinds or kind in self.kinds) and (
            not self.assets or asset_id in self.assets
        )

    @property
    def is_whole(self) -> bool:
        return not self.kinds and not self.assets

    def to_record(self) -> dict[str, Any]:
        return {"kinds": list(self.kinds), "assets": list(self.assets)}


@dataclass(frozen=True)
class Manifest:
    estate: str
    created_at: str
    exitkit_version: str
    scope: Scope
    files: tuple[FileEntry, ...]
    assets: tuple[AssetResult, ...]
    signed_by: dict[str, str] | None = None
    encrypted_to: tuple[str, ...] = field(default=())
    encrypted_artifacts: str | None = None  # "all" (--encrypt-to) or "secrets" (sealed only)
    journal: tuple[int, str] | None = None  # the plan journal's head (seq, hash) at signing
    part: str | None = None  # `export --part NAME`: one slice of an export, unsigned, merged later
    merged_from: tuple[dict[str, str], ...] = ()  # `merge`: each part's name and manifest sha256

    def to_record(self) -> dict[str, Any]:
        record: dict[str, Any] = {
            "schema": "manifest.v1",
            "estate": self.estate,
            "created_at": self.created_at,
            "exitkit_version": self.exitkit_version,
            "scope": self.scope.to_record(),
            "files": [entry.to_record() for entry in sorted(self.files, key=lambda e: e.path)],
            "assets": [result.to_record() for result in sorted(self.assets, key=lambda a: a.id)],
        }
        if self.signed_by:
            record["signed_by"] = self.signed_by
        if self.encrypted_to:
            record["encrypted_to"] = list(self.encrypted_to)
            record["encrypted_artifacts"] = self.encrypted_artifacts or "all"
        if self.journal is not None:
            record["journal"] = {"seq": self.journal[0], "hash": self.journal[1]}
        if self.part is not None:
            record["part"] = self.part
        if self.merged_from:
            record["merged_from"] = [dict(part) for part in self.merged_from]
        return record

    def to_bytes(self) -> bytes:
        return dump_json(self.to_record())

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Manifest:
        scope = record.get("scope", {})
        return cls(
            estate=record["estate"],
            created_at=record["created_at"],
            exitkit_version=record["exitkit_version"],
            scope=Scope(tuple(scope.get("kinds", ())), tuple(scope.get("assets", ()))),
            files=tuple(FileEntry.from_record(entry) for entry in record["files"]),
            assets=tuple(AssetResult.from_record(result) for result in record["assets"]),
            signed_by=record.get("signed_by"),
            encrypted_to=tuple(record.get("encrypted_to", ())),
            encrypted_artifacts=record.get("encrypted_artifacts"),
            journal=_journal_head(record.get("journal")),
            part=record.get("part"),
            merged_from=tuple(record.get("merged_from", ())),
        )

    @classmethod
    def read(cls, bundle: Path) -> Manifest:
        return cls.from_record(json.loads((bundle / MANIFEST).read_bytes()))


def _journal_head(record: Any) -> tuple[int, str] | None:
    if not isinstance(record, dict):
        return None
    return int(record["seq"]), str(record["hash"])
