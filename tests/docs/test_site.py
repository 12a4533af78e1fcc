"""The documentation site builds with --strict, offline, and says what the code says.

`mkdocs build --strict` fails on a broken link or anchor, and on a page left out of the navigation
(mkdocs.yml `validation`). The command-line reference and the schema pages are generated from the
code when the site is built (tools/docs/); these tests read the built site as a reader would.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html import unescape
from pathlib import Path

import click
import pytest

from exitkit.cli import cli

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for proxy in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY"):
        env[proxy] = "http://127.0.0.1:9"  # nothing may be fetched: a fetch would fail the build
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    return out


def text_of(page: Path) -> str:
    return unescape(re.sub(r"<[^>]+>", "", page.read_text()))


def commands(command: click.Command, path: str = "exitkit") -> list[tuple[str, click.Command]]:
    found = [(path, command)]
    if isinstance(command, click.Group):
        for name, child in sorted(command.commands.items()):
            found += commands(child, f"{path} {name}")
    return found


def test_every_command_and_option_is_in_the_cli_reference(site: Path) -> None:
    html = (site / "reference" / "cli.html").read_text()
    text = text_of(site / "reference" / "cli.html")
    missing = []
    for path, command in commands(cli):
        if f'id="{path.replace(" ", "-")}"' not in html:
            missing.append(path)
        for param in command.params:
            for name in getattr(param, "opts", []):
                if name.startswith("-") and name not in text.split(path, 1)[-1]:
                    missing.append(f"{path} {name}")
    assert missing == []
    assert "Sentinel" not in text


def test_every_schema_has_a_page_with_every_top_level_field(site: Path) -> None:
    missing = []
    for schema_file in sorted((ROOT / "export_schemas").glob("*.schema.json")):
        name = schema_file.name.removesuffix(".schema.json")
        page = site / "reference" / "schemas" / f"{name}.html"
        if not page.exists():
            missing.append(name)
            continue
        text = text_of(page)
        fields = json.loads(schema_file.read_text()).get("properties", {})
        missing += [f"{name}: {field}" for field in fields if field not in text]
    assert missing == []


def test_the_auditor_page_lists_every_error_class(site: Path) -> None:
    from exitkit.failures import ERROR_CLASSES

    text = text_of(site / "verify.html")
    assert [name for name in ERROR_CLASSES if name not in text] == []
    assert "InventoryError" in text


def test_the_library_page_documents_every_public_name(site: Path) -> None:
    import exitkit

    html = (site / "library-api.html").read_text()
    documented = set(re.findall(r'id="exitkit\.[\w.]*\.(\w+)"', html))
    assert sorted(set(exitkit.__all__) - {"__version__"} - documented) == []


def test_nothing_is_loaded_from_another_site(site: Path) -> None:
    loaded = []
    for page in site.rglob("*.html"):
        html = page.read_text()
        loaded += re.findall(r"<(?:script|img|iframe)[^>]+src=\"(https?:[^\"]+)", html)
        loaded += re.findall(r"<link[^>]+href=\"(https?:[^\"]+)\"[^>]*stylesheet", html)
        loaded += re.findall(r"fonts\.(?:googleapis|gstatic)\.com", html)
    assert loaded == []


def test_every_docs_page_the_code_names_exists() -> None:
    named = set()
    for source in (ROOT / "exitkit").rglob("*.py"):
        named |= set(re.findall(r"docs/[a-z0-9/_-]+\.md", source.read_text()))
    assert sorted(name for name in named if not (ROOT / name).exists()) == []


def test_every_link_of_the_readme_leads_to_a_file() -> None:
    readme = (ROOT / "README.md").read_text()
    targets = {link.split("#")[0] for link in re.findall(r"\]\(([^)]+)\)", readme)}
    local = {target for target in targets if target and "://" not in target}
    assert local and sorted(t for t in local if not (ROOT / t).exists()) == []
