"""The human reading of a completeness.v1 record, as `exitkit verify` prints it.

Every line is made inert before it is printed: an estate name, an asset id or a file name from
the bundle cannot move the cursor or print a line of its own over the result.
"""

from __future__ import annotations

from typing import Any

from exitkit.bundle.inert import inert

PROBLEM_LINES = 200  # the rest are counted; `--json` lists them all


def size_text(count: int) -> str:
    value = float(count)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            return f"{value:.1f} {unit}" if unit != "B" else f"{count} B"
        value /= 1000
    return f"{count} B"  # pragma: no cover


def _signature_line(signature: dict[str, Any]) -> str:
    status = signature.get("status", "not-checked")
    if status == "valid":
        pin = (
            "pinned by --public-key"
            if signature.get("pinned")
            else "key named in the manifest; pass --public-key to pin it"
        )
        return f"signature:    valid (ed25519 {signature['key']}, {pin})"
    if status == "unsigned":
        return "signature:    none (the bundle is not signed)"
    if status == "not-checked":
        return "signature:    present, not checked (pass --public-key)"
    return f"signature:    {status.upper()}"


def _encryption_line(encryption: dict[str, Any]) -> str:
    what = (
        f"every artifact ({encryption['files']} files)"
        if encryption["artifacts"] == "all"
        else f"secret artifacts only ({encryption['files']} files)"
    )
    count = len(encryption["recipients"])
    line = f"encryption:   age, {what}, {count} recipient{'s' if count != 1 else ''}; "
    if encryption["plaintext_checked"] == encryption["files"]:
        return line + "plaintext checked with --identity"
    if encryption["plaintext_checked"]:
        return line + f"plaintext of {encryption['plaintext_checked']} checked with --identity"
    return line + "plaintext not checked (pass --identity)"


def render(record: dict[str, Any]) -> str:
    totals = record["totals"]
    problems = record["problems"]
    integrity = "intact" if record["intact"] else f"DAMAGED ({len(problems)} problems)"
    lines = [
        f"bundle:       {record['bundle']} (estate {record['estate'] or '?'})",
        f"integrity:    {integrity}, {record.get('files', 0)} files, "
        + size_text(record.get("bytes", 0)),
        _signature_line(record["signature"]),
    ]
    if "encryption" in record:
        lines.append(_encryption_line(record["encryption"]))
    schemas = "valid" if record["schemas_valid"] else "INVALID"
    unchecked = record.get("encryption", {})
    if unchecked and unchecked["plaintext_checked"] < unchecked["files"]:
        schemas += " (encrypted records not checked without --identity)"
    lines.append("schemas:      " + schemas)
    scope = record["scope"]
    scope_text = (
        "whole estate"
        if not scope["kinds"] and not scope["assets"]
        else (
            "kinds " + ", ".join(scope["kinds"])
            if scope["kinds"]
            else "assets " + ", ".join(scope["assets"])
        )
    )
    lines.append(
        f"completeness: {totals['exported']}/{totals['expected']} assets exported ({scope_text})"
    )
    for kind, counts in record["by_kind"].items():
        lines.append(f"  {kind:<15} {counts['exported']}/{counts['expected']}")
    for asset in record["assets"]:
        if asset["status"] != "exported":
            reason = asset.get("reason", "")
            lines.append(
                f"  {asset['status'].upper()} {asset['id']} ({asset['kind']}): "
                f"{asset.get('error_class', '')}: {reason}"
            )
        for note in asset.get("partial", []):
            lines.append(f"  PARTIAL {asset['id']} ({asset['kind']}): {note}")
    for problem in problems[:PROBLEM_LINES]:
        detail = f" ({problem['detail']})" if problem.get("detail") else ""
        lines.append(f"  {problem['path']}: {problem['problem']}{detail}")
    if len(problems) > PROBLEM_LINES:
        lines.append(f"  ... and {len(problems) - PROBLEM_LINES} more problems (--json lists all)")
    lines.append("result:       " + ("OK" if record["ok"] else "FAILED"))
    return "\n".join(inert(line) for line in lines)
