"""Write the merged tree back by editing only the lines that changed: new entries are inserted
after the last asset (or credential set), an updated entry replaces its own lines, and every
other byte of the file stays as the user wrote it. The result is checked against the tree (same
data, no comment lost); when a layout is too unusual to splice, the whole tree is re-emitted."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from exitkit.inventory.yaml_source import YamlError, load_yaml
from exitkit.inventory_import.estate_yaml import (
    comments,
    dump,
    dump_whole,
    plain,
    round_trip,
)
from exitkit.inventory_import.spec import SourceError


class _Unusual(Exception):
    """The original layout is not one the splicer handles; fall back to a full re-emit."""


@dataclass
class _Edit:
    start: int  # first line replaced (0-based)
    end: int  # first line kept after the edit
    lines: list[str] = field(default_factory=list)


def render(
    original: str, tree: CommentedMap, changed: set[int], added: int, credentials: list[str]
) -> str:
    """The new text of the estate: spliced when possible, faithful in any case."""
    try:
        text = _splice(original, tree, changed, added, credentials)
    except _Unusual:
        text = None
    if text is not None and _faithful(original, text, tree):
        return text
    text = dump_whole(original, tree)
    if not _faithful(original, text, tree):  # ruamel cannot emit some comment placements
        raise SourceError(
            "the estate's YAML layout cannot be edited without losing a comment or changing "
            "its meaning; nothing was written (block-style `assets:` and `credentials:` can be)"
        )
    return text


def _faithful(original: str, text: str, tree: CommentedMap) -> bool:
    """The spliced text holds the tree's data (read by the fast safe reader) and every comment."""
    try:
        same = load_yaml(Path("estate.yaml"), text).data == plain(tree)
    except YamlError:
        return False
    return same and not (comments(original) - comments(text))


def _splice(
    original: str, tree: CommentedMap, changed: set[int], added: int, credentials: list[str]
) -> str:
    """Edits located with the positions ruamel kept for every node read from the original."""
    lines = original.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    edits: list[_Edit] = []
    if changed or added:
        edits += _asset_edits(lines, tree, changed, added)
    if credentials:
        edits.append(_credential_edit(lines, tree, len(credentials)))
    for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        lines[edit.start : edit.end] = edit.lines
    return "".join(lines)


def _asset_edits(
    lines: list[str], tree: CommentedMap, changed: set[int], added: int
) -> list[_Edit]:
    assets: CommentedSeq = tree["assets"]
    kept = len(assets) - added  # entries read from the file; the added ones follow them
    if not kept or not _read_from_file(tree, "assets"):
        return [_new_section(lines, tree, "assets", CommentedSeq(assets[kept:]))]
    if assets.fa.flow_style():
        raise _Unusual
    starts = [assets.lc.item(i)[0] for i in range(kept)]
    dash = _dash_column(lines[starts[0]], assets.lc.item(0)[1])
    bound = _next_key_line(tree, "assets", len(lines))
    edits = []
    for index in sorted(changed):
        end = starts[index + 1] if index + 1 < kept else bound
        end = _trim(lines, starts[index], end, dash)
        edits.append(_Edit(starts[index], end, _emit_items(_alone(assets, index), dash)))
    if added:
        end = _trim(lines, starts[-1], bound, dash)
        edits.append(_Edit(end, end, _emit_items(CommentedSeq(assets[kept:]), dash)))
    return edits


def _credential_edit(lines: list[str], tree: CommentedMap, added: int) -> _Edit:
    credentials: CommentedMap = tree["credentials"]
    names = list(credentials)
    kept, new = names[: len(names) - added], names[len(names) - added :]
    body = CommentedMap((name, credentials[name]) for name in new)
    if not kept or not _read_from_file(tree, "credentials"):
        return _new_section(lines, tree, "credentials", body)
    if credentials.fa.flow_style():
        raise _Unusual
    column = credentials.lc.key(kept[0])[1]
    start = credentials.lc.key(kept[-1])[0]
    end = _trim(lines, start, _next_key_line(tree, "credentials", len(lines)), column)
    return _Edit(end, end, _indent(dump(body).splitlines(keepends=True), column))


def _new_section(lines: list[str], tree: CommentedMap, key: str, body: Any) -> _Edit:
    """A top-level key that was missing (or empty: `[]`, `{}`, nothing): written whole."""
    text = dump(CommentedMap([(key, body)]), round_trip(4, 2)).splitlines(keepends=True)
    if _read_from_file(tree, key):
        line = tree.lc.key(key)[0]
        if _next_key_line(tree, key, len(lines)) != line + 1 and line + 1 < len(lines):
            raise _Unusual  # an empty value spread over lines, or comments under it
        comment = lines[line][lines[line].index(" #") :].strip() if " #" in lines[line] else ""
        if comment and comment not in text[0]:  # `assets: []  # none yet`: the comment stays
            text[0] = f"{text[0].rstrip()}   {comment}\n"
        return _Edit(line, line + 1, text)
    if key == "credentials" and _read_from_file(tree, "assets"):
        at = _comment_block_start(lines, tree.lc.key("assets")[0])
        return _Edit(at, at, text)
    return _Edit(len(lines), len(lines), text)


def _read_from_file(tree: CommentedMap, key: str) -> bool:
    return key in tree.lc.data


def _alone(assets: CommentedSeq, index: int) -> CommentedSeq:
    """The entry at `index` in a sequence of its own, with the comment written after it."""
    alone = CommentedSeq([assets[index]])
    if index in assets.ca.items:
        alone.ca.items[0] = assets.ca.items[index]
    return alone


def _emit_items(items: CommentedSeq, dash: int) -> list[str]:
    """Entries as block sequence items whose dash sits at `dash`, as the file's do."""
    emitted = dump(items, round_trip(dash + 2, dash)).splitlines(keepends=True)
    return emitted[: _trim(emitted, 0, len(emitted), dash)]


def _indent(lines: list[str], column: int) -> list[str]:
    return [(" " * column + line) if line.strip() else line for line in lines]


def _dash_column(line: str, content_column: int) -> int:
    dash = line.rfind("-", 0, content_column)
    if dash < 0 or line[:dash].strip():
        raise _Unusual
    return dash


def _next_key_line(tree: CommentedMap, key: str, default: int) -> int:
    """The line of the top-level key written after `key` in the file, or the end of the file."""
    own = tree.lc.key(key)[0]
    written = [tree.lc.key(other)[0] for other in tree if _read_from_file(tree, other)]
    return min((line for line in written if line > own), default=default)


def _trim(lines: list[str], start: int, end: int, column: int) -> int:
    """`end` moved up over blank lines and comments at or left of `column`: those belong to
    what follows (a section heading, the next entry), not to the entry above them."""
    while end > start + 1:
        text = lines[end - 1]
        stripped = text.strip()
        indent = len(text) - len(text.lstrip())
        if stripped and not (stripped.startswith("#") and indent <= column):
            break
        end -= 1
    return end


def _comment_block_start(lines: list[str], line: int) -> int:
    while line > 0 and lines[line - 1].strip().startswith("#"):
        line -= 1
    return line
