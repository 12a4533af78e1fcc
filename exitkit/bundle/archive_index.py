"""The first pass over a .tar.gz: the members it holds, and the small files verify reads whole.

A small file is kept only within the limit of its role and only from the bundle's own folder
(the archive's top level, or the one folder `pack` puts everything in), so an archive cannot
make verify hold more than a few of them in memory.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from exitkit.bundle import tar_stream
from exitkit.bundle.manifest import MANIFEST
from exitkit.bundle.source import WHOLE_FILES, Member
from exitkit.bundle.tar_stream import ArchiveError, Inflated, MemberData, TarMember

_FOLDERS_KEPT = 2  # the top level and one folder: a bundle is in one of them


@dataclass
class ArchiveIndex:
    top: str = ""  # "name/" when the bundle sits in one folder of the archive
    members: dict[str, Member] = field(default_factory=dict)  # by bundle-relative path
    last: dict[str, int] = field(default_factory=dict)  # path -> ordinal of its last copy
    whole: dict[str, bytes] = field(default_factory=dict)  # WHOLE_FILES, last copy

    def relative(self, name: str) -> str:
        name = name.removeprefix("./")
        return name[len(self.top) :] if self.top and name.startswith(self.top) else name


def _small_file(name: str) -> tuple[str, str] | None:
    """(folder, role) when `name` is a manifest, signature or inventory at most one folder deep."""
    folder, _, role = name.removeprefix("./").rpartition("/")
    if role in WHOLE_FILES and "/" not in folder:
        return (folder + "/" if folder else ""), role
    return None


def _keep(kept: dict[tuple[str, str], bytes], member: TarMember, data: MemberData) -> None:
    where = _small_file(member.name)
    if where is None or not member.is_file or member.size > WHOLE_FILES[where[1]]:
        return
    if len({folder for folder, _ in kept} | {where[0]}) > _FOLDERS_KEPT:
        raise ArchiveError("manifest.json or inventory.json sits in more than two folders")
    kept[where] = data.read(member.size)


def index_archive(path: Path) -> ArchiveIndex:
    """Read the archive once, forwards; ArchiveError when it cannot be read safely."""
    listed: list[tuple[int, TarMember]] = []
    kept: dict[tuple[str, str], bytes] = {}
    stream = Inflated(path)
    try:
        for ordinal, (member, data) in enumerate(tar_stream.members(stream)):
            _keep(kept, member, data)
            if member.kind != "directory":
                listed.append((ordinal, member))
    finally:
        stream.close()
    index = ArchiveIndex(top=_top_folder([member.name for _, member in listed]))
    counts: dict[str, int] = {}
    for ordinal, member in listed:
        name = index.relative(member.name)
        counts[name] = counts.get(name, 0) + 1
        index.members[name] = Member(name, member.size, member.kind, counts[name])
        index.last[name] = ordinal
    index.whole = {role: data for (folder, role), data in kept.items() if folder == index.top}
    return index


def _top_folder(names: list[str]) -> str:
    """The folder holding manifest.json (`name/`, as pack writes it), or '' at the top."""
    clean = [name.removeprefix("./") for name in names]
    if MANIFEST in clean:
        return ""
    tops = {name[: -len(MANIFEST)] for name in clean if name.endswith("/" + MANIFEST)}
    tops = {top for top in tops if top.count("/") == 1 and _safe_top(top)}
    return tops.pop() if len(tops) == 1 else ""


def _safe_top(top: str) -> bool:
    return top.endswith("/") and top[:-1] not in ("", ".", "..")
