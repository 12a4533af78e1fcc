"""JSON from a bundle, parsed within bounds: UTF-8 only, no duplicate key, no huge number,
no deep nesting, no more values than memory can hold.

Python's `json` keeps the last of two equal keys and turns 10^400 into an integer that later
overflows; a file whose meaning depends on which reader you ask is refused here instead.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from typing import Any

from exitkit.bundle.limits import JSON_DEPTH, JSON_NUMBER_CHARS
from exitkit.errors import ExitkitError

JSON_VALUES = 4_000_000  # arrays, objects, keys and values of one document
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_LEAF = re.compile(r"\[\]|\{\}")
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


class UnsafeJson(ExitkitError):
    """A document verify will not read: why, in words for the auditor."""

    exit_code = 1


class _Refused(ValueError):
    pass


def _short(text: str) -> str:
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    record = dict(pairs)
    if len(record) != len(pairs):
        raise _Refused(f"the key {_short(_repeated(key for key, _ in pairs))} appears twice")
    return record


def _repeated(keys: Iterable[str]) -> str:
    seen: set[str] = set()
    for key in keys:
        if key in seen:
            return key
        seen.add(key)
    return ""


def _number_text(text: str) -> None:
    if len(text) > JSON_NUMBER_CHARS:
        raise _Refused(f"a number of {len(text)} characters (at most {JSON_NUMBER_CHARS})")


def _int(text: str) -> int:
    _number_text(text)
    return int(text)


def _float(text: str) -> float:
    _number_text(text)
    value = float(text)
    if not math.isfinite(value):
        raise _Refused(f"the number {text} is out of range")
    return value


def _constant(text: str) -> Any:
    raise _Refused(f"{text} is not a JSON number")


def _depth(text: str) -> int:
    """Nesting depth of valid JSON text, counted up to JSON_DEPTH + 1 (leaves stripped per pass)."""
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    depth = 0
    while brackets and depth <= JSON_DEPTH:
        brackets = _LEAF.sub("", brackets)
        depth += 1
    return depth


def _decode(data: bytes | bytearray) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        where = f"byte {data[error.start]:#04x} at offset {error.start}"
        raise UnsafeJson(f"not UTF-8 ({where})") from None


def loads(data: bytes | bytearray) -> Any:
    """The document in `data`; UnsafeJson says why it is refused."""
    text = _decode(data)
    values = sum(text.count(mark) for mark in "[{,:")
    if values > JSON_VALUES:
        raise UnsafeJson(f"more than {JSON_VALUES} values")
    try:
        record = json.loads(
            text,
            object_pairs_hook=_object,
            parse_int=_int,
            parse_float=_float,
            parse_constant=_constant,
        )
    except RecursionError:
        raise UnsafeJson(f"nested deeper than {JSON_DEPTH} levels") from None
    except ValueError as error:  # JSONDecodeError or _Refused
        why = str(error) if isinstance(error, _Refused) else f"not JSON: {error}"
        raise UnsafeJson(why) from None
    if _depth(text) > JSON_DEPTH:
        raise UnsafeJson(f"nested deeper than {JSON_DEPTH} levels")
    return record
