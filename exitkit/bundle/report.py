"""The completeness.v1 record: what `verify --json` prints and what an export leaves in reports/."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from exitkit.bundle.completeness import Completeness
from exitkit.bundle.manifest import Scope
from exitkit.clock import utc_stamp


@dataclass(frozen=True)
class Problem:
    """Something wrong with one file of a bundle."""

    path: str
    problem: str
    detail: str = ""

    def to_record(self) -> dict[str, str]:
        record = {"path": self.path, "problem": self.problem}
        if self.detail:
            record["detail"] = self.detail
        return record

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}" + (f" ({self.detail})" if self.detail else "")


def completeness_record(
    completeness: Completeness,
    estate: str,
    scope: Scope,
    bundle: str,
    signature: dict[str, Any] | None,
    problems: list[Problem] | None = None,
) -> dict[str, Any]:
    found = problems or []
    intact = not any(problem.problem != "schema" for problem in found)
    schemas_valid = not any(problem.problem == "schema" for problem in found)
    signature_ok = signature is None or signature.get("status") in ("valid", "unsigned")
    return {
        "schema": "completeness.v1",
        "bundle": bundle,
        "estate": estate,
        "checked_at": utc_stamp(),
        "ok": intact and schemas_valid and signature_ok and completeness.complete,
        "intact": intact,
        "complete": completeness.complete,
        "schemas_valid": schemas_valid,
        "signature": signature or {"status": "not-checked"},
        "scope": scope.to_record(),
        "totals": completeness.totals(),
        "by_kind": completeness.by_kind(),
        "assets": [status.to_record() for status in completeness.statuses],
        "problems": [problem.to_record() for problem in found],
    }
