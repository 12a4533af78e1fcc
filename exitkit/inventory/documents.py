"""Reading any YAML file a user writes (an estate, a plan) the way the inventory reads its own:
safely, validated once, every problem at its file:line:column. The public face of `yaml_source`
and `model_errors` for the rest of exitkit."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from exitkit.errors import ExitkitError
from exitkit.inventory.loader import validate_document as validate_document
from exitkit.inventory.model_errors import MAX_REPORTED, data_path, describe, field_name
from exitkit.inventory.yaml_source import YamlDocument as YamlDocument
from exitkit.inventory.yaml_source import YamlError, load_yaml, locate, read_text

Where = Sequence[str | int]


def read_document(path: Path, error: type[ExitkitError]) -> YamlDocument:
    """The YAML file at `path` as plain data with line numbers; `error` (naming file:line) when it
    cannot be read or is not safe, plain YAML."""
    try:
        return load_yaml(path)
    except YamlError as problem:
        raise error(str(problem)) from None


def located(path: Path, where: Where) -> str:
    """`file:line:column` of the value at `where` (keys and list indexes) in the YAML file."""
    line, column = locate(path, read_text(path), where)
    return f"{path}:{line}:{column}"


class Problems:
    """Problems found in one document, each located at its file:line:column; raised together."""

    def __init__(self, document: YamlDocument) -> None:
        self.document = document
        self._text = read_text(document.path)
        self._found: list[tuple[int, int, str]] = []

    def add(self, where: Where, problem: str) -> None:
        line, column = locate(self.document.path, self._text, where)
        self._found.append((line, column, problem))

    def add_invalid(self, where: Where, data: Any, invalid: ValidationError) -> None:
        """The validation errors of `data`, a mapping found at `where` in the document."""
        for error in invalid.errors(include_input=False, include_url=False)[:MAX_REPORTED]:
            inner = data_path(data, error["loc"])
            label = field_name(self.document.data, [*where, *inner])
            self.add([*where, *inner], f"{label}: {describe(dict(error))}")

    def raise_any(self, error: type[ExitkitError]) -> None:
        if not self._found:
            return
        ordered = sorted(set(self._found))
        path = self.document.path
        lines = [f"{path}:{line}:{column}: {problem}" for line, column, problem in ordered]
        if len(lines) > MAX_REPORTED:
            lines = [*lines[:MAX_REPORTED], f"... and {len(lines) - MAX_REPORTED} more problems"]
        raise error("\n".join(lines))
