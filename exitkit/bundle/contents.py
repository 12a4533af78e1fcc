"""Every file of a bundle against its manifest entry: present, a regular file, the size and
hash it claims, its content checked; nothing missing, added or renamed.

A file is read only when it can be the file the manifest lists: a listed file up to one byte
past its size, a file not listed only when its size is that of a missing one (a rename).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from exitkit.bundle import encryption
from exitkit.bundle.claims import unsafe_reason
from exitkit.bundle.filecheck import FileCheck, Inspector
from exitkit.bundle.manifest import MANIFEST, SIGNATURE, FileEntry, Manifest
from exitkit.bundle.report import Problem
from exitkit.bundle.safe_read import Refused
from exitkit.bundle.source import BundleSource, Member


@dataclass
class _Plan:
    """Which members are read, and what is already known to be wrong."""

    listed: dict[str, FileEntry]
    stored: dict[str, Member]
    present: list[str] = field(default_factory=list)
    missing: dict[str, FileEntry] = field(default_factory=dict)
    extra: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _replaced(kind: str) -> str:
    if kind == "symbolic link":
        return "a link replaced the file"
    if kind == "hard link":
        return "a hard link replaced the file: it may be a file outside the bundle"
    return f"a {kind} replaced the file"


def _plan(members: dict[str, Member], manifest: Manifest) -> _Plan:
    listed = {entry.path: entry for entry in manifest.files}
    stored = {path: m for path, m in members.items() if path not in (MANIFEST, SIGNATURE)}
    plan = _Plan(listed, stored)
    plan.problems = [
        Problem(member.path, "unexpected", f"{member.count} copies")
        for member in members.values()
        if member.count > 1
    ]
    for path, entry in listed.items():
        if unsafe_reason(path) is not None:
            continue
        member = stored.get(path)
        if member is None:
            plan.missing[path] = entry
        elif member.regular:
            plan.present.append(path)
        else:
            plan.problems.append(Problem(path, "altered", _replaced(member.kind)))
    plan.extra = sorted(set(stored) - set(listed))
    return plan


def _sealed_digests(
    entries: list[FileEntry], identities: list[encryption.Identity]
) -> dict[str, str | None]:
    if not identities:
        return {}
    return {
        entry.path: encryption.open_text(entry.encryption["plaintext_sha256_age"], identities)
        for entry in entries
        if entry.encryption and entry.encryption.get("plaintext_sha256_age")
    }


def _compare(entry: FileEntry, check: FileCheck) -> list[Problem]:
    path = entry.path
    if check.size > entry.size:
        detail = f"larger than the {entry.size} bytes the manifest says"
        return [Problem(path, "altered", detail)]
    if check.sha256 != entry.sha256:
        return [Problem(path, "altered", "sha256 differs from the manifest")]
    if check.size != entry.size:
        detail = f"the manifest says {entry.size} bytes; the file has {check.size}"
        return [Problem(path, "invalid", detail)]
    return check.problems


def check_files(
    source: BundleSource,
    members: dict[str, Member],
    manifest: Manifest,
    identities: list[encryption.Identity],
) -> tuple[dict[str, FileCheck], list[Problem]]:
    """Each file read once (in parallel where the source allows); what is wrong, by path."""
    plan = _plan(members, manifest)
    sizes = {entry.size for entry in plan.missing.values()}
    renamable = [
        path
        for path in plan.extra
        if unsafe_reason(path) is None
        and plan.stored[path].regular
        and plan.stored[path].size in sizes
    ]
    sealed = _sealed_digests(list(manifest.files), identities)
    inspector = Inspector(plan.listed, identities, sealed, max(sizes, default=0))
    checks: dict[str, FileCheck] = {}
    problems = plan.problems
    for path, result in source.scan(plan.present + renamable, inspector):
        if isinstance(result, Refused):
            if path in plan.listed:
                problems.append(Problem(path, "unreadable", result.detail))
        else:
            checks[path] = result
    for path in plan.present:
        if path in checks:
            problems += _compare(plan.listed[path], checks[path])
    problems += _extra_problems(plan, checks)
    return checks, problems


def _extra_problems(plan: _Plan, checks: dict[str, FileCheck]) -> list[Problem]:
    """Files not listed: renamed (same size and hash as a missing one) or unexpected."""
    problems = []
    missing_by_claim = {(e.sha256, e.size): path for path, e in plan.missing.items()}
    for name in plan.extra:
        check = checks.get(name)
        old = missing_by_claim.pop((check.sha256, check.size), None) if check else None
        if old is not None:
            problems.append(Problem(name, "renamed", f"listed in the manifest as {old}"))
            del plan.missing[old]
            continue
        reason = unsafe_reason(name)
        member = plan.stored[name]
        if reason is None and not member.regular:
            reason = f"a {member.kind}, not listed in the manifest"
        problems.append(Problem(name, "unexpected", reason or "not listed in the manifest"))
    missing = [Problem(path, "missing", "listed in the manifest") for path in sorted(plan.missing)]
    return problems + missing
