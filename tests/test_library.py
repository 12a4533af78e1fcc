"""exitkit as a library: what a playbook or a script calls, the results it gets, and the command
line calling exactly the same functions."""

from __future__ import annotations

import ast
import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import pytest

import exitkit
from exitkit.bundle.signing import generate
from tests.conftest import base_estate, run_exitkit, write_estate

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def local_estate(tmp_path: Path) -> Path:
    """An estate of licences, documents and a script: nothing to reach over a network."""
    estate = base_estate()
    estate["assets"] = [
        a for a in estate["assets"] if a["kind"] in ("license", "document", "script")
    ]
    return write_estate(tmp_path / "acme", estate)


def test_a_script_validates_exports_and_verifies_an_estate(
    local_estate: Path, tmp_path: Path
) -> None:
    key, public, _ = generate(tmp_path / "keys" / "exitkit.key")

    checked = exitkit.validate_estate(local_estate)
    summary = exitkit.export(checked.inventory, tmp_path / "bundle", sign_key=key)
    verified = exitkit.verify(tmp_path / "bundle", public_key=public)

    assert checked.ok and checked.to_record()["schema"] == "validation.v1"
    assert summary.failed == [] and len(summary.results) == len(checked.inventory.assets)
    assert verified.ok
    assert verified.to_record()["signature"]["status"] == "valid"


def test_the_library_and_the_command_line_give_the_same_records(local_estate: Path) -> None:
    by_command = run_exitkit("inventory", "validate", local_estate, "--json")

    assert json.loads(by_command.out) == exitkit.validate_estate(local_estate).to_record()


def test_bad_input_is_an_exitkit_error_naming_the_file(tmp_path: Path) -> None:
    (tmp_path / "estate.yaml").write_text("version: 1\nestate: acme\nnonsense: [\n")

    with pytest.raises(exitkit.ExitkitError, match=r"estate\.yaml:\d+"):
        exitkit.load_estate(tmp_path)


def test_every_result_is_a_frozen_dataclass_and_importing_exitkit_stays_light() -> None:
    results = ("Validation", "ExportSummary", "PlanStart", "MilestoneCheck", "DrillResult",
               "Report", "Verification", "PlanStatus")  # fmt: skip
    for name in results:
        result = getattr(exitkit, name)
        assert dataclasses.is_dataclass(result)
        assert result.__dataclass_params__.frozen, name  # type: ignore[attr-defined]
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, exitkit; print(sorted(m for m in sys.modules "
         "if m.startswith('exitkit')))"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert loaded.stdout.strip() == "['exitkit']"


# The command line calls the library surface, not the parts behind it.
BEHIND_THE_SURFACE = {
    "exitkit.exporters.run": {"export_estate", "select"},
    "exitkit.bundle.verify": {"verify_bundle"},
    "exitkit.inventory.findings": {"findings"},
    "exitkit.plan.tracker": {"start_plan", "check_milestone", "plan_status"},
    "exitkit.drill.run": {"run_drill"},
    "exitkit.report.build": {"report_from_path", "report_from_state"},
}


def test_the_command_line_calls_exactly_the_library_surface() -> None:
    front = [ROOT / "exitkit" / "cli.py", ROOT / "exitkit" / "demo.py"]
    front += sorted((ROOT / "exitkit" / "commands").glob("*.py"))
    bypass = [
        f"{path.name}:{node.lineno} imports {node.module}.{alias.name}"
        for path in front
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom) and node.module in BEHIND_THE_SURFACE
        for alias in node.names
        if alias.name in BEHIND_THE_SURFACE[node.module]
    ]
    assert bypass == []


def test_the_docs_document_every_name_of_the_surface() -> None:
    page = (ROOT / "docs" / "library-api.md").read_text(encoding="utf-8")
    section = page[page.index("# Using exitkit as a library") :]
    section = section[: section.index("\n## ", 5)]
    for name in exitkit.__all__:
        if name != "__version__":
            assert f"`{name}" in section, name


def test_the_package_exports_exactly_the_api_names_and_they_resolve() -> None:
    from exitkit import api

    assert set(exitkit.__all__) == {*api.__all__, "ExitkitError", "__version__"}
    # each name resolves (identity is not asserted: other tests may reload exitkit.api)
    assert all(getattr(exitkit, name, None) is not None for name in api.__all__)
