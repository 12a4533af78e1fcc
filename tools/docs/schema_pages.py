"""One reference page per JSON Schema in export_schemas/, written from the schema itself.

Each page lists every field (nested fields by their dotted path, `[]` for an array's items, `*`
for a map's values), its type, whether it is required, its constraints and its description,
then the schema as shipped. The pages are built from the files, so they cannot drift.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

Schema = dict[str, Any]
CONSTRAINTS = (
    "pattern",
    "format",
    "minimum",
    "exclusiveMinimum",
    "maximum",
    "minLength",
    "minItems",
    "minProperties",
    "maxProperties",
)


def load(folder: Path) -> dict[str, Schema]:
    """Schema name (`license.v1`) to schema, for every *.schema.json in `folder`."""
    return {
        path.name.removesuffix(".schema.json"): json.loads(path.read_text())
        for path in sorted(folder.glob("*.schema.json"))
    }


def index(schemas: dict[str, Schema]) -> str:
    """The page listing every schema with its title."""
    lines = [
        "# Schemas",
        "",
        "Every JSON file exitkit writes names its JSON Schema (2020-12) in its `schema` key; the",
        "schemas ship in `export_schemas/` and inside the wheel. These pages are generated from",
        "them when the site is built: one page per schema, every field listed.",
        "",
        "| schema | what it describes |",
        "|---|---|",
    ]
    for name, schema in schemas.items():
        lines.append(f"| [`{name}`]({name}.md) | {schema.get('title', '')} |")
    return "\n".join(lines) + "\n"


def page(name: str, schema: Schema) -> str:
    """One schema's page as Markdown."""
    lines = [f"# `{name}`", "", f"**{schema.get('title', name)}**", ""]
    if "description" in schema:
        lines += [schema["description"], ""]
    lines += [f"`$id`: `{schema.get('$id', '')}` · file: `export_schemas/{name}.schema.json`", ""]
    lines += _table(_rows(schema, "", schema))
    for def_name, definition in schema.get("$defs", {}).items():
        lines += ["", f"## `{def_name}` {{ #def-{def_name} }}", ""]
        if "description" in definition:
            lines += [definition["description"], ""]
        lines += [f"Type: {_type(definition, schema)}.", ""]
        lines += _table(_rows(definition, "", schema))
        lines += _rules(definition)
    lines += _rules(schema)
    text = json.dumps(schema, indent=2, ensure_ascii=False)
    lines += ["", '??? note "The schema as shipped"', "", "    ```json"]
    lines += [f"    {line}" for line in text.splitlines()]
    lines += ["    ```", ""]
    return "\n".join(lines)


def _table(rows: list[str]) -> list[str]:
    if not rows:
        return []
    return ["| field | type | required | constraints and meaning |", "|---|---|---|---|", *rows]


def _rows(schema: Schema, prefix: str, root: Schema) -> list[str]:
    """A row per field of an object schema, recursing into nested objects and array items."""
    rows: list[str] = []
    required = set(schema.get("required", []))
    for field, child in schema.get("properties", {}).items():
        path = f"{prefix}{field}"
        rows.append(_row(path, child, field in required, root))
        for nested, suffix in _nested(child):
            rows += _rows(nested, f"{path}{suffix}.", root)
    extra = schema.get("additionalProperties")
    if isinstance(extra, dict):
        path = f"{prefix}*"
        rows.append(_row(path, extra, False, root))
        for nested, suffix in _nested(extra):
            rows += _rows(nested, f"{path}{suffix}.", root)
    return rows


def _nested(schema: Schema) -> list[tuple[Schema, str]]:
    """The object schemas inside a field: itself, its array items, an object alternative."""
    found: list[tuple[Schema, str]] = []
    if "properties" in schema or isinstance(schema.get("additionalProperties"), dict):
        found.append((schema, ""))
    items = schema.get("items")
    if isinstance(items, dict):
        found += [(nested, f"[]{suffix}") for nested, suffix in _nested(items)]
    for alternative in schema.get("anyOf", []) + schema.get("oneOf", []):
        found += _nested(alternative)
    return found


def _row(path: str, schema: Schema, required: bool, root: Schema) -> str:
    notes = [_constraint(key, schema[key]) for key in CONSTRAINTS if key in schema]
    for alternative in schema.get("anyOf", []) + schema.get("oneOf", []):
        notes += [_constraint(key, alternative[key]) for key in CONSTRAINTS if key in alternative]
    names = schema.get("propertyNames")
    if isinstance(names, dict):
        notes.append(f"keys: {_type(names, root)}")
    if "description" in schema:
        notes.append(_cell(schema["description"]))
    need = "yes" if required else ""
    return f"| `{path}` | {_type(schema, root)} | {need} | {'; '.join(notes)} |"


def _type(schema: Schema, root: Schema) -> str:
    """A short human reading of a schema's type: `string`, `array of object`, `"a" or "b"`."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return f"[`{name}`](#def-{name})"
    if "const" in schema:
        return f"`{json.dumps(schema['const'])}`"
    if "enum" in schema:
        return " or ".join(f"`{json.dumps(value)}`" for value in schema["enum"])
    alternatives = schema.get("anyOf") or schema.get("oneOf")
    if alternatives and all(_typed(a) for a in alternatives):
        return " or ".join(_type(alternative, root) for alternative in alternatives)
    kind = schema.get("type", "any")
    kind = " or ".join(kind) if isinstance(kind, list) else kind
    items = schema.get("items")
    if kind == "array" and isinstance(items, dict):
        return f"array of {_type(items, root)}"
    extra = schema.get("additionalProperties")
    if kind == "object" and isinstance(extra, dict) and "properties" not in schema:
        return f"map of {_type(extra, root)}"
    return str(kind)


def _typed(schema: Schema) -> bool:
    return any(key in schema for key in ("type", "$ref", "const", "enum"))


def _constraint(key: str, value: Any) -> str:
    if key == "pattern":
        return f"pattern `{value}`"  # a code span: its pipes do not split the table row
    words = {
        "exclusiveMinimum": "more than",
        "minimum": "at least",
        "maximum": "at most",
        "minLength": "at least {} character(s)",
        "minItems": "at least {} item(s)",
        "minProperties": "at least {} key(s)",
        "maxProperties": "at most {} key(s)",
    }
    if key == "format":
        return f"format `{value}`"
    word = words[key]
    return word.format(value) if "{}" in word else f"{word} {value}"


def _rules(schema: Schema) -> list[str]:
    """Rules that tie fields together (oneOf of required sets, dependentRequired), as JSON."""
    rules = {key: schema[key] for key in ("dependentRequired", "not") if key in schema}
    alternatives = schema.get("oneOf", [])
    if alternatives and not all(_typed(a) for a in alternatives):
        rules["oneOf"] = alternatives
    if not rules:
        return []
    text = json.dumps(rules, ensure_ascii=False)
    return ["", f"Rules between fields: `{text}`", ""]


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")
