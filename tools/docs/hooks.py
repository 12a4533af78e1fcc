"""MkDocs hooks: the pages written from the code, generated on every build, never committed.

- `reference/cli.md` from the click commands (`exitkit.cli.cli`, with every self-registered
  command of exitkit/commands/);
- `reference/schemas/*.md` from export_schemas/*.schema.json, one page each, added to the
  navigation under the nav entry that points at `reference/schemas/index.md`;
- in any page, the marker `<!-- exitkit:error-classes -->` becomes the table of failure classes
  (`exitkit.failures.ERROR_CLASSES`) and `<!-- exitkit:error-types -->` the table of
  `ExitkitError` subclasses (bad input, exit 2).
"""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

import cli_reference
import schema_pages
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

SCHEMAS_INDEX = "reference/schemas/index.md"


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent


def _schemas(config: MkDocsConfig) -> dict[str, dict[str, Any]]:
    return schema_pages.load(_root(config) / "export_schemas")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Put one nav entry per schema where the nav names the schema index."""
    names = list(_schemas(config))
    entries = [{"All schemas": SCHEMAS_INDEX}] + [
        {name: f"reference/schemas/{name}.md"} for name in names
    ]
    if not _replace_nav(config.nav or [], entries):
        raise ValueError(f"mkdocs.yml: the nav has no entry for {SCHEMAS_INDEX}")
    return config


def _replace_nav(nav: list[Any], entries: list[dict[str, str]]) -> bool:
    for item in nav:
        if not isinstance(item, dict):
            continue
        for title, value in item.items():
            if value == SCHEMAS_INDEX:
                item[title] = entries
                return True
            if isinstance(value, list) and _replace_nav(value, entries):
                return True
    return False


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated pages to the site."""
    from exitkit.cli import cli

    files.append(File.generated(config, "reference/cli.md", content=cli_reference.render(cli)))
    schemas = _schemas(config)
    files.append(File.generated(config, SCHEMAS_INDEX, content=schema_pages.index(schemas)))
    for name, schema in schemas.items():
        content = schema_pages.page(name, schema)
        files.append(File.generated(config, f"reference/schemas/{name}.md", content=content))
    return files


def on_page_markdown(markdown: str, **_: Any) -> str:
    """Fill the markers of hand-written pages with tables read from the code."""
    if "<!-- exitkit:error-classes -->" in markdown:
        markdown = markdown.replace("<!-- exitkit:error-classes -->", _error_classes())
    if "<!-- exitkit:error-types -->" in markdown:
        markdown = markdown.replace("<!-- exitkit:error-types -->", _error_types())
    return markdown


def _error_classes() -> str:
    from exitkit.failures import ERROR_CLASSES

    rows = ["| class | what happened |", "|---|---|"]
    rows += [f"| `{name}` | {text} |" for name, text in ERROR_CLASSES.items()]
    return "\n".join(rows)


def _error_types() -> str:
    from exitkit import errors

    rows = ["| exception | exit code | raised when |", "|---|---|---|"]
    for name, value in vars(errors).items():
        if inspect.isclass(value) and issubclass(value, errors.ExitkitError):
            doc = " ".join((inspect.getdoc(value) or "").split())
            rows.append(f"| `{name}` | {value.exit_code} | {doc} |")
    return "\n".join(rows)
