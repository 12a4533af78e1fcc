"""Is every asset in scope in the bundle? One report (completeness.v1) for export and verify."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from exitkit.bundle.manifest import AssetResult, Scope

AssetState = Literal["exported", "failed", "missing", "damaged"]


@dataclass(frozen=True)
class AssetStatus:
    id: str
    kind: str
    state: AssetState
    error_class: str | None = None
    reason: str | None = None
    partial: tuple[str, ...] = ()  # exported, but without these (never hidden, never failed)

    def to_record(self) -> dict[str, Any]:
        record: dict[str, Any] = {"id": self.id, "kind": self.kind, "status": self.state}
        if self.error_class:
            record["error_class"] = self.error_class
        if self.reason:
            record["reason"] = self.reason
        if self.partial:
            record["partial"] = list(self.partial)
        return record


@dataclass(frozen=True)
class Completeness:
    statuses: tuple[AssetStatus, ...]

    @property
    def complete(self) -> bool:
        return all(status.state == "exported" for status in self.statuses)

    @property
    def incomplete(self) -> list[AssetStatus]:
        return [status for status in self.statuses if status.state != "exported"]

    @property
    def partial(self) -> list[AssetStatus]:
        """Exported assets that lack something they should hold (a refused startup config)."""
        return [status for status in self.statuses if status.partial]

    def totals(self) -> dict[str, int]:
        counts = Counter(status.state for status in self.statuses)
        return {"expected": len(self.statuses)} | {
            state: counts.get(state, 0) for state in ("exported", "failed", "missing", "damaged")
        }

    def by_kind(self) -> dict[str, dict[str, int]]:
        table: dict[str, Counter[str]] = {}
        for status in self.statuses:
            table.setdefault(status.kind, Counter())[status.state] += 1
        return {
            kind: {"expected": sum(counts.values())}
            | {
                state: counts.get(state, 0)
                for state in ("exported", "failed", "missing", "damaged")
            }
            for kind, counts in sorted(table.items())
        }


def assess(
    expected: Iterable[tuple[str, str]],
    scope: Scope,
    recorded: Iterable[AssetResult],
    damaged: Iterable[str] = (),
) -> Completeness:
    """Judge each expected (asset id, kind) in scope against the result recorded at export."""
    results = {result.id: result for result in recorded}
    damaged_ids = set(damaged)
    statuses = []
    for asset_id, kind in expected:
        if not scope.covers(asset_id, kind):
            continue
        result = results.get(asset_id)
        if result is None:
            statuses.append(AssetStatus(asset_id, kind, "missing", "not-exported", _absent()))
        elif not result.exported:
            statuses.append(
                AssetStatus(asset_id, kind, "failed", result.error_class, result.reason)
            )
        elif asset_id in damaged_ids or not result.files:
            reason = "artifacts missing or altered" if result.files else "no artifact recorded"
            statuses.append(AssetStatus(asset_id, kind, "damaged", "integrity", reason))
        else:
            statuses.append(AssetStatus(asset_id, kind, "exported", partial=result.partial))
    return Completeness(tuple(statuses))


def _absent() -> str:
    return "in the inventory but absent from the bundle"
