"""Imports point inwards (STYLE.md): the core (inventory, bundle, exporters and what they use)
knows nothing of what uses it (plan, drill, report, the sandbox). Read from the source with
`ast`, function-level imports included, so a late import cannot hide a wrong direction."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "exitkit"

# Modules that import nothing of exitkit: every part may use them.
LEAVES = frozenset(
    {
        "exitkit",  # __version__
        "exitkit.errors",
        "exitkit.defaults",
        "exitkit.clock",
        "exitkit.findings",
        "exitkit.failures",
        "exitkit.scrubbing",
        "exitkit.plugins",
    }
)
OUTER = ("plan", "drill", "report", "escrow", "register", "inventory_import", "sandbox", "demo")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports() -> Iterator[tuple[str, str, int]]:
    """(importing module, imported exitkit module, line) for every import in the package."""
    for path in sorted(PACKAGE.rglob("*.py")):
        name = module_name(path)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [node.module]
                if node.module == "exitkit":  # `from exitkit import api`: a module, or a name
                    targets = [f"exitkit.{a.name}" if a.name != "__version__" else "exitkit"
                               for a in node.names]  # fmt: skip
            elif isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                continue
            for target in targets:
                if target == "exitkit" or target.startswith("exitkit."):
                    yield name, target, node.lineno


IMPORTS = list(imports())


def within(module: str, *packages: str) -> bool:
    return any(module == p or module.startswith(p + ".") for p in packages)


def offending(importer: tuple[str, ...], allowed: tuple[str, ...]) -> list[str]:
    """Imports made by modules of `importer` of anything not `allowed` (nor a leaf)."""
    return [
        f"{source}:{line} imports {target}"
        for source, target, line in IMPORTS
        if within(source, *importer) and not within(target, *allowed) and target not in LEAVES
    ]


def test_the_scan_sees_the_imports() -> None:
    assert ("exitkit.exporters.run", "exitkit.bundle.writer") in {(s, t) for s, t, _ in IMPORTS}
    assert len(IMPORTS) > 300


def test_leaves_import_nothing_of_exitkit() -> None:
    found = [f"{s}:{line} imports {t}" for s, t, line in IMPORTS if s in LEAVES - {"exitkit"}]
    assert found == []


def test_the_inventory_imports_only_itself_and_the_platform_registry_it_validates_against() -> None:
    assert (
        offending(("exitkit.inventory",), ("exitkit.inventory", "exitkit.netconfig.platforms"))
        == []
    )


def test_the_bundle_knows_no_exporter() -> None:
    assert offending(("exitkit.bundle",), ("exitkit.bundle", "exitkit.inventory")) == []


@pytest.mark.parametrize("collector", ["exitkit.cloud", "exitkit.netconfig"])
def test_collectors_know_no_exporter_and_raise_their_own_failure(collector: str) -> None:
    allowed = (collector, "exitkit.bundle", "exitkit.inventory")
    assert offending((collector,), allowed) == []


def test_exporters_know_nothing_of_what_uses_them() -> None:
    core = ("exitkit.exporters", "exitkit.bundle", "exitkit.inventory")
    allowed = (*core, "exitkit.cloud", "exitkit.netconfig")
    assert offending(("exitkit.exporters",), allowed) == []


def test_the_plan_reads_yaml_through_the_inventorys_public_functions() -> None:
    private = ("exitkit.inventory.yaml_source", "exitkit.inventory.model_errors")
    found = [
        f"{source}:{line} imports {target}"
        for source, target, line in IMPORTS
        if target in private
        # the importer rewrites estate.yaml in place, comments kept: it is the inventory's own
        and not within(source, "exitkit.inventory", "exitkit.inventory_import")
    ]
    assert found == []


def test_the_core_never_imports_the_outer_parts() -> None:
    core = ("exitkit.inventory", "exitkit.bundle", "exitkit.exporters", "exitkit.cloud")
    outer = tuple(f"exitkit.{name}" for name in OUTER)
    found = [
        f"{source}:{line} imports {target}"
        for source, target, line in IMPORTS
        if within(source, *core, "exitkit.netconfig") and within(target, *outer)
    ]
    assert found == []


def test_only_the_command_line_imports_the_sandbox() -> None:
    # exitkit.demo is `exitkit demo`: the drill on the sandbox estate, by definition
    users = ("exitkit.cli", "exitkit.commands", "exitkit.demo", "exitkit.sandbox")
    found = [
        f"{source}:{line} imports {target}"
        for source, target, line in IMPORTS
        if within(target, "exitkit.sandbox") and not within(source, *users)
    ]
    assert found == []


def test_the_demo_leaves_the_restore_checks_parameters_to_the_check() -> None:
    text = (PACKAGE / "demo.py").read_text(encoding="utf-8")
    assert '"lab"' not in text and "arguments" not in text
