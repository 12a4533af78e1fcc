"""Turn pydantic's validation errors into messages that name file:line:column and the field.

No input value is ever echoed: a misplaced password must not reach a terminal or a log.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError

from exitkit.inventory.models import ASSET_TAGS
from exitkit.inventory.yaml_source import YamlDocument, locate, read_text

MAX_REPORTED = 5

_TYPE_NAMES = {
    "dict_type": "expected a mapping",
    "model_type": "expected a mapping",
    "model_attributes_type": "expected a mapping",
    "list_type": "expected a list",
    "string_type": "expected a string (quote numbers such as account ids)",
    "int_type": "expected a whole number",
    "int_parsing": "expected a whole number",
    "int_from_float": "expected a whole number",
    "bool_type": "expected true or false",
    "bool_parsing": "expected true or false",
    "date_type": "expected a date (YYYY-MM-DD)",
    "date_parsing": "expected a date (YYYY-MM-DD)",
    "date_from_datetime_parsing": "expected a date (YYYY-MM-DD)",
}


def data_path(data: Any, loc: Sequence[str | int]) -> list[str | int]:
    """The part of pydantic's `loc` that exists in the data (drops union tags)."""
    path: list[str | int] = []
    current = data
    for part in loc:
        child = _child(current, part)
        if child is not _ABSENT:
            current = child
        elif isinstance(current, dict) and isinstance(part, str) and not _is_tag(part):
            path.append(part)  # a missing or unknown key: name it, locate its parent
            break
        else:
            continue
        path.append(part)
    return path


_ABSENT = object()


def _child(container: Any, part: str | int) -> Any:
    if isinstance(container, dict):
        return container.get(part, _ABSENT)
    if isinstance(container, list) and isinstance(part, int) and 0 <= part < len(container):
        return container[part]
    return _ABSENT


def _is_tag(part: str) -> bool:
    return part in ASSET_TAGS


def field_name(data: Any, path: Sequence[str | int]) -> str:
    """`assets[3] (core-sw-1).port` style name of a field, for the person at the terminal."""
    text = ""
    current = data
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
            item = current[part] if isinstance(current, list) and part < len(current) else None
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                text += f" ({item['id']})"
        else:
            text += f".{part}" if text else part
        current = current.get(part) if isinstance(current, dict) else None
    return text or "(top level)"


def describe(error: dict[str, Any]) -> str:
    """One error's problem in plain words, without its input value."""
    kind = error["type"]
    if kind == "extra_forbidden":
        return f"unknown key {error['loc'][-1]!r}"
    if kind == "missing":
        return f"missing required key {error['loc'][-1]!r}"
    if kind in _TYPE_NAMES:
        return _TYPE_NAMES[kind]
    if kind == "literal_error":
        return "must be one of " + str(error.get("ctx", {}).get("expected", "the allowed values"))
    if kind == "string_pattern_mismatch":
        return "has the wrong form (expected " + str(error["ctx"]["pattern"]) + ")"
    message = str(error["msg"])
    return message.removeprefix("Value error, ")


def format_errors(document: YamlDocument, error: ValidationError) -> str:
    """All problems of a document, the first on the first line, each with file:line:column."""
    text = read_text(document.path)
    located: list[tuple[int, int, str]] = []
    errors = error.errors(include_input=False, include_url=False)
    for item in errors[:MAX_REPORTED]:
        path = data_path(document.data, item["loc"])
        line, column = locate(document.path, text, path)
        problem = f"{field_name(document.data, path)}: {describe(dict(item))}"
        located.append((line, column, problem))
    lines = [
        f"{document.path}:{line}:{column}: {problem}" for line, column, problem in sorted(located)
    ]
    if len(errors) > MAX_REPORTED:
        lines.append(f"... and {len(errors) - MAX_REPORTED} more problems")
    return "\n".join(lines)
