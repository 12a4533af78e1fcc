"""Safe, fast YAML reading for the files users write (estate, plan), with positions for errors.

Plain data is built straight from libyaml's event stream: no object is ever constructed from a
tag, duplicate keys are refused, and aliases may not expand the document beyond a bound (the
"billion laughs" bomb). Booleans are only true/false (YAML 1.2), so `no` and `on` stay
strings; numbers are read as PyYAML reads them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from exitkit.errors import ExitkitError

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML wheels ship libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

PathKey = tuple[str | int, ...]

# A document may reuse nodes through aliases, but never expand past this many times its size.
ALIAS_EXPANSION_FACTOR = 10
ALIAS_EXPANSION_FLOOR = 10_000

_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:timestamp",
    "!",
}
_INT = re.compile(r"[-+]?[0-9]+\Z")
# A float needs its dot, as PyYAML reads it: `1e3` stays a string, so does `0o17`.
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+\.[0-9]*)([eE][-+]?[0-9]+)?\Z")
_SPECIAL_FIRST = set("0123456789+-.~tTfFnN")


@dataclass
class YamlDocument:
    """The data of one YAML file, and the line where each mapping of it starts."""

    path: Path
    data: Any
    mapping_lines: dict[int, int] = field(default_factory=dict)

    def line_of(self, value: object) -> int | None:
        """The 1-based line where a mapping of this document starts."""
        return self.mapping_lines.get(id(value))


class YamlError(ExitkitError):
    """A file is not the YAML exitkit reads; the message names file:line:column."""

    def __init__(self, path: Path, line: int, column: int, problem: str) -> None:
        super().__init__(f"{path}:{line}:{column}: {problem}")
        self.path, self.line, self.column, self.problem = path, line, column, problem


def resolve_plain(text: str) -> Any:
    """Type of an unquoted scalar under the YAML 1.2 core schema; dates stay strings."""
    if not text:
        return None
    if text[0] not in _SPECIAL_FIRST:
        return text
    lowered = text.lower()
    if lowered in ("null", "~"):
        return None
    if lowered in ("true", "false") and text in ("true", "True", "TRUE", "false", "False", "FALSE"):
        return lowered == "true"
    if _INT.match(text):
        return int(text, 10)
    if text.startswith("0x"):
        try:
            return int(text[2:], 16)
        except ValueError:
            return text
    if _FLOAT.match(text):
        return float(text)
    if lowered in (".inf", "+.inf", "-.inf", ".nan"):
        return float(lowered.replace(".", ""))
    return text


def read_text(path: Path) -> str:
    """The file's text, or a YamlError that says why it cannot be read."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise YamlError(path, 1, 1, "file not found") from None
    except IsADirectoryError:
        raise YamlError(path, 1, 1, "is a directory, expected a YAML file") from None
    except UnicodeDecodeError as error:
        raise YamlError(path, 1, 1, f"not UTF-8 text ({error.reason})") from None
    except OSError as error:
        raise YamlError(path, 1, 1, f"cannot read: {error.strerror}") from None


def _events(path: Path, text: str) -> Iterator[Any]:
    try:
        yield from yaml.parse(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = error.problem or str(error)
        if error.context and error.context_mark and error.context_mark is not mark:
            problem += f" ({error.context} started at line {error.context_mark.line + 1})"
        raise YamlError(path, line, column, f"YAML syntax error: {problem}") from None
    except yaml.YAMLError as error:
        raise YamlError(path, 1, 1, f"YAML error: {error}") from None


class _Builder:
    """Turns the event stream into dicts, lists and scalars, enforcing the safety rules."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.mapping_lines: dict[int, int] = {}
        self.nodes = 0
        self.expanded = 0

    def fail(self, event: Any, problem: str) -> YamlError:
        mark = event.start_mark
        return YamlError(self.path, mark.line + 1, mark.column + 1, problem)

    def check_tag(self, event: Any) -> None:
        tag = getattr(event, "tag", None)
        if tag is not None and tag not in _STANDARD_TAGS:
            raise self.fail(event, f"tag {tag!r} is not allowed (exitkit reads plain data only)")

    def scalar(self, event: Any) -> Any:
        self.check_tag(event)
        if not event.style and event.implicit[0]:
            return resolve_plain(event.value)
        if event.tag == "tag:yaml.org,2002:int":
            return resolve_plain(event.value)
        return event.value

    def alias(self, event: Any) -> tuple[Any, int]:
        if event.anchor not in self.anchors:
            raise self.fail(event, f"alias *{event.anchor} names no anchor")
        value, size = self.anchors[event.anchor]
        self.expanded += size
        if self.expanded > ALIAS_EXPANSION_FLOOR + ALIAS_EXPANSION_FACTOR * self.nodes:
            raise self.fail(event, "aliases expand the document too far (an alias bomb?)")
        return value, size

    def node(self, event: Any, events: Iterator[Any]) -> tuple[Any, int]:
        """Build the node that starts with `event`; returns (value, expanded size)."""
        self.nodes += 1
        if isinstance(event, yaml.ScalarEvent):
            value, size = self.scalar(event), 1
        elif isinstance(event, yaml.AliasEvent):
            return self.alias(event)
        elif isinstance(event, yaml.SequenceStartEvent):
            value, size = self.sequence(event, events)
        elif isinstance(event, yaml.MappingStartEvent):
            value, size = self.mapping(event, events)
        else:  # pragma: no cover - libyaml guarantees the grammar
            raise self.fail(event, f"unexpected {type(event).__name__}")
        if getattr(event, "anchor", None):
            self.anchors[event.anchor] = (value, size)
        return value, size

    def sequence(self, start: Any, events: Iterator[Any]) -> tuple[list[Any], int]:
        self.check_tag(start)
        items: list[Any] = []
        size = 1
        for event in events:
            if isinstance(event, yaml.SequenceEndEvent):
                return items, size
            value, child = self.node(event, events)
            items.append(value)
            size += child
        raise self.fail(start, "unterminated sequence")  # pragma: no cover

    def mapping(self, start: Any, events: Iterator[Any]) -> tuple[dict[str, Any], int]:
        self.check_tag(start)
        result: dict[str, Any] = {}
        merges: list[dict[str, Any]] = []
        size = 1
        self.mapping_lines[id(result)] = start.start_mark.line + 1
        for key_event in events:
            if isinstance(key_event, yaml.MappingEndEvent):
                for merged in merges:
                    for key, value in merged.items():
                        result.setdefault(key, value)
                return result, size
            key = self.key(key_event)
            value, child = self.node(next(events), events)
            size += child + 1
            if key == "<<" and not key_event.style:
                merges.extend(self.merge_sources(key_event, value))
            elif key in result:
                raise self.fail(key_event, f"duplicate key {key!r}")
            else:
                result[key] = value
        raise self.fail(start, "unterminated mapping")  # pragma: no cover

    def key(self, event: Any) -> str:
        if not isinstance(event, yaml.ScalarEvent):
            raise self.fail(event, "a mapping key must be a plain scalar")
        self.check_tag(event)
        return str(event.value)

    def merge_sources(self, event: Any, value: Any) -> list[dict[str, Any]]:
        sources = value if isinstance(value, list) else [value]
        if not all(isinstance(source, dict) for source in sources):
            raise self.fail(event, "a merge key '<<' takes a mapping or a list of mappings")
        return sources


def load_yaml(path: Path, text: str | None = None) -> YamlDocument:
    """Read exactly one YAML document from `path` into plain data."""
    source = read_text(path) if text is None else text
    builder = _Builder(path)
    events = _events(path, source)
    documents: list[Any] = []
    for event in events:
        if isinstance(event, yaml.DocumentStartEvent):
            if documents:
                raise builder.fail(event, "one YAML document expected, found a second one")
            value, _ = builder.node(next(events), events)
            documents.append(value)
    if not documents or documents[0] is None:
        raise YamlError(path, 1, 1, "the file is empty")
    return YamlDocument(path, documents[0], builder.mapping_lines)


def locate(path: Path, text: str, target: Sequence[str | int]) -> tuple[int, int]:
    """Line and column (1-based) of the node at `target`, or of its deepest existing parent."""
    best = (1, 1)
    stack: list[list[Any]] = []  # per open container: [kind, position, expecting_key]
    trail: list[str | int] = []
    want = list(target)
    for event in _events(path, text):
        if isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            stack.pop()
            if trail:
                trail.pop()
            if stack and stack[-1][0] == "map":
                stack[-1][2] = True
            continue
        if isinstance(event, yaml.StreamStartEvent | yaml.StreamEndEvent):
            continue
        if isinstance(event, yaml.DocumentStartEvent | yaml.DocumentEndEvent):
            continue
        if stack and stack[-1][0] == "map" and stack[-1][2]:
            stack[-1][2] = False
            trail.append(str(getattr(event, "value", "")))
            if trail == want[: len(trail)]:
                best = (event.start_mark.line + 1, event.start_mark.column + 1)
            continue
        if stack and stack[-1][0] == "seq":
            trail.append(stack[-1][1])
            stack[-1][1] += 1
        if trail == want[: len(trail)]:
            best = (event.start_mark.line + 1, event.start_mark.column + 1)
            if len(trail) == len(want):
                return best
        if isinstance(event, yaml.MappingStartEvent):
            stack.append(["map", 0, True])
            continue
        if isinstance(event, yaml.SequenceStartEvent):
            stack.append(["seq", 0, False])
            continue
        if trail:
            trail.pop()
        if stack and stack[-1][0] == "map":
            stack[-1][2] = True
    return best
