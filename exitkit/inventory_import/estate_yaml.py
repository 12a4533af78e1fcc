"""The estate file as a round-trip YAML tree (ruamel.yaml): comments, key order, quoting and
flow style survive; what the import did not touch is written back as it was read."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import YAMLError
from ruamel.yaml.util import load_yaml_guess_indent

from exitkit.inventory_import.spec import SourceError

WIDTH = 4096  # never fold a line the import writes: a folded string reads as a change


def round_trip(sequence: int = 4, offset: int = 2) -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = WIDTH
    yaml.indent(mapping=2, sequence=sequence, offset=offset)
    return yaml


def load_tree(text: str, where: str) -> CommentedMap:
    """The round-trip tree of an estate (already validated by exitkit's safe reader)."""
    try:
        tree = round_trip().load(text)
    except YAMLError as error:
        raise SourceError(f"{where}: cannot be read for editing: {error}") from None
    if not isinstance(tree, CommentedMap):
        raise SourceError(f"{where}: expected a mapping at the top of the file")
    return tree


def dump(node: Any, yaml: YAML | None = None) -> str:
    out = io.StringIO()
    (yaml or round_trip()).dump(node, out)
    return out.getvalue()


def dump_whole(original: str, tree: CommentedMap) -> str:
    """The whole document re-emitted, with the sequence indentation the file used."""
    _, sequence, offset = load_yaml_guess_indent(original)
    sequence, offset = sequence or 2, offset or 0
    return dump(tree, round_trip(max(sequence, offset + 2), offset))


def plain(node: Any) -> Any:
    """Round-trip nodes as the plain data exitkit's safe reader makes of the same text."""
    if isinstance(node, dict):
        return {str(key): plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [plain(value) for value in node]
    if isinstance(node, dt.date):  # as exitkit's own reader gives them: the text
        return node.isoformat()
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, str):
        return str(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    return node


def comments(text: str) -> Counter[str]:
    """The comment fragments of a text, to check that an edit lost none."""
    found: Counter[str] = Counter()
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            found[stripped] += 1
        elif " #" in line:
            found[line[line.index(" #") :].strip()] += 1
    return found
