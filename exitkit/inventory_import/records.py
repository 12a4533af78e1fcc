"""What a source hands the merge: plain records of entries to import and of what was left out."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class CredentialSet:
    """A credential set an imported entry needs: references only; `files` are the values to
    write (0600) beside the estate, keyed by the path the references name."""

    name: str
    references: dict[str, Any]
    files: dict[str, str] = field(default_factory=dict, repr=False)


@dataclass(frozen=True)
class Candidate:
    """One asset a source offers: every field for a new entry, and which of them it owns."""

    fields: dict[str, Any]
    origin: str  # where it came from, for messages: "router.db:12", "netbox device 17"
    owned: tuple[str, ...]  # fields the import keeps up to date on an entry it owns
    owned_labels: tuple[str, ...] = ()
    credential: CredentialSet | None = None

    @property
    def id(self) -> str:
        return str(self.fields["id"])


@dataclass(frozen=True)
class Skip:
    """An entry of a source that was not imported, and why (never with a secret in it)."""

    name: str
    origin: str
    reason: str


@dataclass
class Harvest:
    """Everything one source yielded: candidates, what it skipped, notes, or why it failed."""

    source: str  # the SOURCE as the user wrote it
    kind: str  # the owner marker written into labels.source
    candidates: list[Candidate] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    failure: str | None = None
    read: int = 0  # entries the source listed

    def add(self, found: Candidate | Skip) -> None:
        if isinstance(found, Skip):
            self.skipped.append(found)
        else:
            self.candidates.append(found)
