"""Checks on cloud accounts, from the records the cloud exporters write into the bundle.

`assets/cloud_account/<id>/access.json` (cloud-access.v1) and `undeclared.json`: when a record
is absent the check fails with "no evidence", never with an exception.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from exitkit.bundle.output import asset_folder
from exitkit.plan.checks.bundle import no_bundle
from exitkit.plan.checks.registry import (
    CheckContext,
    CheckResult,
    NoParams,
    check,
    failed,
    file_evidence,
    passed,
)


def read_record(bundle: Path, asset_id: str, name: str) -> tuple[dict[str, Any] | None, str]:
    """A cloud account's JSON record, or None and why it cannot be used."""
    path = bundle / asset_folder("cloud_account", asset_id) / name
    try:
        record = json.loads(path.read_bytes())
    except FileNotFoundError:
        return None, f"no evidence ({name} absent)"
    except (OSError, ValueError) as error:
        return None, f"{name} unreadable: {error}"
    if not isinstance(record, dict):
        return None, f"{name} is not a JSON object"
    return record, ""


def _account_rows(context: CheckContext, name: str) -> list[tuple[str, dict[str, Any] | None, str]]:
    assert context.bundle is not None
    return [
        (a.id, *read_record(context.bundle, a.id, name)) for a in context.in_scope("cloud_account")
    ]


def _looked_at(context: CheckContext, asset_id: str, name: str) -> dict[str, Any]:
    assert context.bundle is not None
    path = context.bundle / asset_folder("cloud_account", asset_id) / name
    return file_evidence(path, context.bundle)


@check("client_admin_everywhere", NoParams)
def client_admin_everywhere(context: CheckContext, params: NoParams) -> CheckResult:
    missing = no_bundle("client_admin_everywhere", context.bundle)
    if missing:
        return missing
    accounts, problems = [], []
    for asset_id, record, why in _account_rows(context, "access.json"):
        row: dict[str, Any] = {
            "asset": asset_id,
            "record": _looked_at(context, asset_id, "access.json"),
        }
        if record is None:
            problems.append(f"{asset_id}: {why}")
        else:
            admins = [a for a in record.get("admins", []) if isinstance(a, dict)]
            row["client_admins"] = [a for a in admins if a.get("classification") == "client"]
            row["revoke_at_exit"] = len(record.get("revoke_at_exit", []))
            if record.get("client_admin") is not True:
                problems.append(f"{asset_id}: the client holds no admin right")
        accounts.append(row)
    if not accounts:
        return passed("client_admin_everywhere", "no cloud account in scope", accounts=[])
    if problems:
        reason = f"{len(problems)} of {len(accounts)} account(s): " + "; ".join(problems[:5])
        return failed("client_admin_everywhere", reason, accounts=accounts)
    return passed(
        "client_admin_everywhere",
        f"the client is admin on all {len(accounts)} account(s)",
        accounts=accounts,
    )


@check("no_undeclared_assets", NoParams)
def no_undeclared_assets(context: CheckContext, params: NoParams) -> CheckResult:
    missing = no_bundle("no_undeclared_assets", context.bundle)
    if missing:
        return missing
    accounts, problems, findings = [], [], []
    for asset_id, record, why in _account_rows(context, "undeclared.json"):
        accounts.append(
            {"asset": asset_id, "record": _looked_at(context, asset_id, "undeclared.json")}
        )
        if record is None:
            problems.append(f"{asset_id}: {why}")
            continue
        found = record.get("findings", [])
        findings += [{"asset": asset_id, "finding": item} for item in found]
        if found:
            problems.append(f"{asset_id}: {len(found)} undeclared resource(s)")
    evidence = {"accounts": accounts, "findings": findings[:100]}
    if not accounts:
        return passed("no_undeclared_assets", "no cloud account in scope", **evidence)
    if problems:
        reason = f"{len(problems)} of {len(accounts)} account(s): " + "; ".join(problems[:5])
        return failed("no_undeclared_assets", reason, **evidence)
    return passed(
        "no_undeclared_assets", f"nothing undeclared in {len(accounts)} account(s)", **evidence
    )
