"""Checks on the exported bundle: every asset in scope exported, the bundle intact and signed."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from pydantic import Field

from exitkit.bundle.manifest import MANIFEST, SIGNATURE
from exitkit.bundle.verify import verify_bundle
from exitkit.inventory.models import KINDS
from exitkit.plan.checks.registry import (
    CheckContext,
    CheckResult,
    Params,
    check,
    failed,
    file_evidence,
    passed,
)
from exitkit.plan.model import Kind

MAX_LISTED = 50


class CompleteParams(Params):
    kinds: list[Kind] = Field(default_factory=list)


class VerifiedParams(Params):
    public_key: str | None = None
    require_signature: bool = True


def no_bundle(name: str, bundle: Path | None) -> CheckResult | None:
    """The failed result when there is no bundle to look at, else None."""
    if bundle is not None and (bundle / MANIFEST).is_file():
        return None
    where = f"no bundle at {bundle}" if bundle else "no bundle"
    return failed(name, f"no evidence: {where} (run the milestone's export steps first)")


@check("complete", CompleteParams)
def complete(context: CheckContext, params: CompleteParams) -> CheckResult:
    kinds = tuple(params.kinds) or KINDS
    expected = context.in_scope(*kinds)
    if not expected:
        return passed(
            "complete", f"no asset of kind {', '.join(kinds)} in scope", kinds=list(kinds)
        )
    missing_bundle = no_bundle("complete", context.bundle)
    if missing_bundle or context.bundle is None:
        return missing_bundle or failed("complete", "no bundle")
    record = verify_bundle(context.bundle, context.inventory).record
    recorded = {status["id"]: status for status in record["assets"]}
    rows: list[dict[str, Any]] = []
    for asset in expected:
        status = recorded.get(asset.id, {"status": "missing", "reason": "not in the bundle"})
        row = {"id": asset.id, "kind": asset.kind, "status": status["status"]}
        if status.get("reason"):
            row["reason"] = status["reason"]
        rows.append(row)
    counts = Counter(row["status"] for row in rows)
    evidence = {
        "manifest": file_evidence(context.bundle / MANIFEST, context.bundle),
        "kinds": list(kinds),
        "counts": dict(sorted(counts.items())),
        "assets": rows[:MAX_LISTED],
    }
    short = [row for row in rows if row["status"] != "exported"]
    if short:
        named = ", ".join(f"{row['id']} ({row['status']})" for row in short[:5])
        reason = f"{len(short)} of {len(rows)} asset(s) not exported: {named}"
        return failed("complete", reason, **evidence)
    return passed(
        "complete", f"all {len(rows)} asset(s) of {', '.join(kinds)} exported", **evidence
    )


@check("verified", VerifiedParams)
def verified(context: CheckContext, params: VerifiedParams) -> CheckResult:
    missing_bundle = no_bundle("verified", context.bundle)
    if missing_bundle or context.bundle is None:
        return missing_bundle or failed("verified", "no bundle")
    key = context.public_key
    if params.public_key:
        key = Path(params.public_key)
        key = key if key.is_absolute() else context.inventory.base_dir / key
    record = verify_bundle(context.bundle, context.inventory, key).record
    signature = record["signature"]
    evidence = {
        "manifest": file_evidence(context.bundle / MANIFEST, context.bundle),
        "signature_file": file_evidence(context.bundle / SIGNATURE, context.bundle),
        "signature": signature,
        "intact": record["intact"],
        "schemas_valid": record["schemas_valid"],
        "files": record.get("files", 0),
        "problems": record["problems"][:MAX_LISTED],
    }
    problems = [f"{p['path']}: {p['problem']}" for p in record["problems"]]
    if problems:
        reason = f"bundle damaged: {len(problems)} problem(s), first: {problems[0]}"
        return failed("verified", reason, **evidence)
    allowed = ("valid",) if params.require_signature else ("valid", "unsigned")
    if signature["status"] not in allowed:
        reason = f"bundle intact but its signature is {signature['status']}"
        if signature["status"] == "unsigned":
            reason += " (give the drill or the export a --sign-key)"
        return failed("verified", reason, **evidence)
    signed = f", signed by {signature['key']}" if signature.get("key") else ""
    return passed("verified", f"bundle intact, {record.get('files', 0)} files{signed}", **evidence)
