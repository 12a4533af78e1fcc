"""Parts of a sliced export: what each one covers, and what their union must cover.

A part (`exitkit export --part NAME`) is an ordinary, unsigned bundle whose manifest names the
part and whose scope is its slice. The parts of one export are of one estate (the same
inventory.json), cover disjoint assets, and together cover every asset of the kinds they were
cut from: the merged scope is the union of their kinds (every kind when one part names none).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from exitkit.bundle.manifest import Manifest, Scope
from exitkit.errors import ExitkitError, UsageError
from exitkit.inventory.models import KINDS

PART_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
SHOWN = 10  # asset ids named in one message; the count says how many more


class MergeError(ExitkitError):
    """The parts cannot make one bundle: overlapping, of other estates, or leaving gaps."""


class DamagedPart(MergeError):
    """A part fails verification: merge found a problem (exit 1) and writes nothing."""

    exit_code = 1


def check_part(name: str, signed: bool) -> None:
    """`export --part NAME`: a usable name, and no signature (the merged bundle is signed)."""
    if not PART_NAME.match(name):
        raise UsageError(
            f"--part {name!r}: a part name is 1 to 64 letters, digits, '.', '_' or '-', "
            "starting with a letter or a digit"
        )
    if signed:
        raise UsageError(
            "--part with --sign-key: a part is never signed; sign the merged bundle "
            "(exitkit merge PART... --out BUNDLE --sign-key KEY)"
        )


@dataclass(frozen=True)
class Part:
    """One part folder, verified, with what it holds."""

    name: str
    folder: Path
    manifest: Manifest
    manifest_sha256: str
    inventory_sha256: str
    expected: tuple[tuple[str, str], ...]  # every (asset id, kind) of its inventory.json


def merged_scope(parts: Sequence[Part]) -> Scope:
    """The union of the parts' kinds; the whole estate when a part names no kind."""
    kinds: set[str] = set()
    for part in parts:
        if not part.manifest.scope.kinds:
            return Scope()
        kinds |= set(part.manifest.scope.kinds)
    return Scope() if kinds >= set(KINDS) else Scope(tuple(sorted(kinds)), ())


def check_same_export(parts: Sequence[Part]) -> None:
    """One estate, one inventory, one way of encrypting, distinct part names."""
    first = parts[0]
    names = [part.name for part in parts]
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise MergeError(f"part {twice[0]} is given twice (parts: {', '.join(names)})")
    for part in parts[1:]:
        if part.manifest.estate != first.manifest.estate:
            raise MergeError(
                f"parts of different estates: {first.folder} is of estate "
                f"{first.manifest.estate}, {part.folder} of estate {part.manifest.estate}"
            )
        if part.inventory_sha256 != first.inventory_sha256:
            raise MergeError(
                f"parts of different versions of estate {first.manifest.estate}: the "
                f"inventory.json of {part.folder} differs from that of {first.folder}; "
                "export every part from the same estate.yaml"
            )
        if set(part.manifest.encrypted_to) != set(first.manifest.encrypted_to) or (
            part.manifest.encrypted_artifacts != first.manifest.encrypted_artifacts
        ):
            raise MergeError(
                f"parts encrypted differently: {part.folder} and {first.folder} do not have "
                "the same age recipients (give every part the same --encrypt-to)"
            )


def check_coverage(parts: Sequence[Part], scope: Scope) -> None:
    """Every asset of the merged scope in exactly one part; each part's assets in its slice."""
    owners: dict[str, list[str]] = {}
    for part in parts:
        mine = _slice(part)
        for asset_id in mine:
            owners.setdefault(asset_id, []).append(part.name)
        strays = [r.id for r in part.manifest.assets if r.id not in mine]
        if strays:
            raise DamagedPart(
                f"{part.folder}: records assets outside its own scope: {_ids(strays)}"
            )
    shared = {asset: names for asset, names in owners.items() if len(names) > 1}
    if shared:
        shown = "; ".join(f"{a} in {' and '.join(n)}" for a, n in sorted(shared.items())[:SHOWN])
        raise MergeError(f"parts overlap on {len(shared)} asset(s): {shown}")
    uncovered = [a for a, kind in parts[0].expected if scope.covers(a, kind) and a not in owners]
    if uncovered:
        raise MergeError(
            f"the parts leave {len(uncovered)} asset(s) of {describe(scope)} uncovered: "
            f"{_ids(uncovered)}; export them as one more part (exitkit export ESTATE "
            "--part NAME --asset ID...) and merge again"
        )


def describe(scope: Scope) -> str:
    if scope.is_whole:
        return "the whole estate"
    return "kind " + ", ".join(scope.kinds)


def _slice(part: Part) -> set[str]:
    """The asset ids of the part's inventory that its scope covers."""
    kinds, assets = set(part.manifest.scope.kinds), set(part.manifest.scope.assets)
    return {
        asset_id
        for asset_id, kind in part.expected
        if (not kinds or kind in kinds) and (not assets or asset_id in assets)
    }


def _ids(ids: Sequence[str]) -> str:
    more = len(ids) - SHOWN
    return ", ".join(ids[:SHOWN]) + (f" and {more} more" if more > 0 else "")
