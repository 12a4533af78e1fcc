"""One definition per concept: an asset kind, an error class, a clock, a scrubber, a findings
type, a default, an exit code, the AWS read-only policy. Each test fails when a second
definition appears or when something stops agreeing with the one definition."""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, get_args

import pytest

from exitkit.cloud.aws.errors import CLASS_OF_CODE
from exitkit.cloud.aws.readonly_policy import POLICY_FILE, policy_text
from exitkit.exporters.registry import EXPORTERS, load_exporters
from exitkit.failures import ERROR_CLASSES
from exitkit.inventory.kinds import KINDS
from exitkit.inventory.models import ASSET_TAGS, Asset
from exitkit.netconfig.faults import FAILURE_CLASSES
from tests.conftest import base_estate, write_estate
from tests.helpers.in_process import command

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "exitkit"


def product_modules() -> Iterator[tuple[Path, ast.Module]]:
    """Every module of exitkit but the sandbox (emulators speak for the other side)."""
    for path in sorted(PACKAGE.rglob("*.py")):
        if "sandbox" not in path.relative_to(PACKAGE).parts:
            yield path, ast.parse(path.read_text(encoding="utf-8"))


def where(path: Path, node: ast.AST) -> str:
    return f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 0)}"


# asset kinds


def test_every_asset_model_is_of_a_kind_defined_once() -> None:
    members = get_args(get_args(Asset)[0])
    model_kinds = {get_args(get_args(m)[0].model_fields["kind"].annotation)[0] for m in members}
    assert model_kinds == set(KINDS)
    assert {tag.split("/")[0] for tag in ASSET_TAGS} == set(KINDS)


def test_the_plan_takes_the_same_kinds() -> None:
    from exitkit.plan.model import ExportSpec

    annotation = ExportSpec.model_fields["kinds"].annotation
    assert set(get_args(get_args(annotation)[0])) == set(KINDS)


def _kind_enums(schema: Any) -> Iterator[list[str]]:
    if isinstance(schema, dict):
        for key, value in schema.items():
            if key == "kind" and isinstance(value, dict) and "enum" in value:
                yield value["enum"]
            yield from _kind_enums(value)
    elif isinstance(schema, list):
        for item in schema:
            yield from _kind_enums(item)


@pytest.mark.parametrize("schema", ["manifest.v1", "inventory.v1"])
def test_the_schemas_list_the_same_kinds(schema: str) -> None:
    document = json.loads((ROOT / "export_schemas" / f"{schema}.schema.json").read_text())
    enums = list(_kind_enums(document))
    assert enums, f"{schema} names no asset kind"
    for enum in enums:
        assert sorted(enum) == sorted(KINDS)


def test_every_kind_has_its_exporter_and_every_exporter_a_kind() -> None:
    assert sorted(load_exporters()) == sorted(KINDS)


def test_an_export_does_not_start_when_a_kind_has_no_exporter(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    load_exporters()
    monkeypatch.delitem(EXPORTERS, "document")  # as if exitkit shipped without it
    estate = write_estate(tmp_path / "estate", base_estate())
    out = tmp_path / "bundle"

    code, printed = command(capsys, monkeypatch, "export", estate, "--out", out)

    assert code == 70
    assert printed == (
        "exitkit: error: this exitkit is incomplete (a bug, please report it): "
        "no exporter for asset kind document"
    )
    assert "KeyError" not in printed
    assert not out.exists()  # stopped before anything was written


# error classes


def _constants(tree: ast.Module) -> dict[str, str]:
    """Module-level NAME = "text" assignments."""
    found = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
            for target in node.targets:
                if isinstance(target, ast.Name) and isinstance(node.value.value, str):
                    found[target.id] = node.value.value
    return found


def _texts(node: ast.AST | None) -> set[str]:
    return {
        n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    } if node is not None else set()  # fmt: skip


def _class_expressions(tree: ast.Module) -> Iterator[tuple[ast.AST, ast.AST]]:
    """(node, expression giving an error class): a failure raised, an error explained, a call's
    problem noted, a status or error code mapped to a class."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args:
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if name.endswith("Failure"):
                yield node, node.args[0]
            if name == "_result" and len(node.args) >= 5:  # exporters/run.py
                yield node, node.args[4]
        if isinstance(node, ast.FunctionDef) and node.name in ("explain", "error_class"):
            for inner in ast.walk(node):
                if isinstance(inner, ast.Return) and isinstance(inner.value, ast.Tuple):
                    yield inner, inner.value.elts[0]
                elif isinstance(inner, ast.Return) and node.name == "error_class":
                    yield inner, inner.value  # type: ignore[misc]
        target = node.targets[0] if isinstance(node, ast.Assign) else None
        if isinstance(target, ast.Subscript) and getattr(target.slice, "id", "") == "PROBLEMS":
            for item in ast.walk(node.value):  # type: ignore[attr-defined]  # outcome.notes[...]
                if isinstance(item, ast.Tuple):
                    yield item, item.elts[0]
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "STATUS_CLASS":
            yield node, node.value


def raised_error_classes() -> dict[str, str]:
    """Every error class exitkit's code can put in a record, with where it comes from."""
    trees = list(product_modules())
    constants: dict[str, str] = {}
    for _, tree in trees:
        constants |= {k: v for k, v in _constants(tree).items() if k.isupper()}
    found: dict[str, str] = {}
    for path, tree in trees:
        for node, expression in _class_expressions(tree):
            names = {n.id for n in ast.walk(expression) if isinstance(n, ast.Name)}
            texts = _texts(expression) | {constants[n] for n in names if n in constants}
            for text in texts:
                found.setdefault(text, where(path, node))
    for name in (*FAILURE_CLASSES, *CLASS_OF_CODE.values()):
        found.setdefault(name, "a class table")
    return found


def test_every_error_class_raised_in_the_code_is_documented_once() -> None:
    found = raised_error_classes()
    assert {"auth", "host-key-changed", "git", "wrong-account", "partial-template"} <= set(found)
    undocumented = {name: at for name, at in found.items() if name not in ERROR_CLASSES}
    assert not undocumented, f"add these to exitkit/failures.py ERROR_CLASSES: {undocumented}"


def test_every_documented_error_class_is_one_the_code_can_raise() -> None:
    assert sorted(set(ERROR_CLASSES) - set(raised_error_classes())) == []


def test_failures_are_one_type() -> None:
    from exitkit.cloud.job import CloudFailure
    from exitkit.exporters.registry import AssetFailure
    from exitkit.failures import AssetFailure as TheFailure
    from exitkit.netconfig.faults import DeviceFailure

    assert AssetFailure is TheFailure
    assert issubclass(DeviceFailure, TheFailure) and issubclass(CloudFailure, TheFailure)
    defined = [
        str(path.relative_to(ROOT))
        for path, tree in product_modules()
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
        and node.name.endswith("Failure")
        and any(getattr(base, "id", "") == "Exception" for base in node.bases)
    ]
    assert defined == ["exitkit/failures.py"]


def _docs_section(page: str, title: str) -> str:
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    start = text.index(title)
    end = text.find("\n#", start + len(title))
    return text[start:end]


def test_the_docs_failure_tables_say_what_the_code_raises() -> None:
    network = _docs_section("network-devices.md", "## Failures\n\nA failing device")
    listed = re.findall(r"^\| `([a-z-]+)` \|", network, re.M)
    assert listed == list(FAILURE_CLASSES)
    cloud = _docs_section("cloud-accounts.md", "### When calls fail")
    named = set(re.findall(r"[(,] ?`([a-z-]+)`(?=[,):])", cloud))
    assert {"access-denied", "wrong-account", "no-credentials"} <= named
    assert named <= set(ERROR_CLASSES)
    for name in [*listed, *named]:
        assert ERROR_CLASSES[name]


# clock, scrubber, findings, defaults, exit codes, user-file models


@pytest.mark.parametrize(
    ("pattern", "home"),
    [
        (r"datetime\.now\(", "exitkit/clock.py"),
        (r'replace\("\+00:00", "Z"\)', "exitkit/clock.py"),
        (r"isoformat\(timespec=", "exitkit/clock.py"),
        (r"^PROBLEM = ", "exitkit/errors.py"),
        (r"^class Model\(BaseModel\)", "exitkit/inventory/user_model.py"),
    ],
)
def test_one_home_for(pattern: str, home: str) -> None:
    homes = sorted(
        str(path.relative_to(ROOT))
        for path, _ in product_modules()
        if re.search(pattern, path.read_text(encoding="utf-8"), re.M)
    )
    assert homes == [home]


def test_one_redaction_marker() -> None:
    homes = {
        str(path.relative_to(ROOT))
        for path, tree in product_modules()
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and node.value == "<redacted>"
    }
    assert homes == {"exitkit/scrubbing.py"}


def test_no_loose_findings() -> None:
    """A finding is an exitkit.findings.Finding, turned into a record, never a dict literal."""
    loose = [
        where(path, node)
        for path, tree in product_modules()
        if path != PACKAGE / "findings.py"
        for node in ast.walk(tree)
        if isinstance(node, ast.Dict) and {"code", "message"} <= _texts_of_keys(node)
    ]
    assert loose == []


def _texts_of_keys(node: ast.Dict) -> set[str]:
    return {k.value for k in node.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)}


def test_the_drill_period_and_review_ages_are_defined_once() -> None:
    from exitkit.defaults import DRILL_EVERY_DAYS, DRILL_SAMPLE_PCT
    from exitkit.plan.checks.registry import CheckContext
    from exitkit.plan.model import DrillPolicy

    assert DrillPolicy().every_days == DRILL_EVERY_DAYS
    assert DrillPolicy().sample == DRILL_SAMPLE_PCT
    assert CheckContext.__dataclass_fields__["drill_every_days"].default == DRILL_EVERY_DAYS
    literal = [
        where(path, node)
        for path, tree in product_modules()
        if path.name != "defaults.py"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and node.value in (365, 92) and type(node.value) is int
        and not _is_bound(tree, node)
    ]  # fmt: skip
    assert literal == []


def _is_bound(tree: ast.Module, constant: ast.Constant) -> bool:
    """`le=365`: a limit on a value, not a default."""
    return any(
        isinstance(node, ast.keyword) and node.arg in ("le", "ge") and node.value is constant
        for node in ast.walk(tree)
    )


def test_commands_exit_with_the_named_codes() -> None:
    numeric = [
        where(path, node)
        for path, tree in product_modules()
        if path.parent.name == "commands" or path.name == "cli.py"
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and getattr(node.func, "attr", "") == "exit"
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and node.args[0].value != 0
    ]
    assert numeric == []


# the AWS read-only policy


def test_the_shipped_aws_policy_is_the_one_generated_from_the_service_registrations() -> None:
    shipped = (ROOT / "access" / POLICY_FILE).read_text(encoding="utf-8")
    assert shipped == policy_text(), "run: python -m exitkit.cloud.aws.readonly_policy " + (
        f"access/{POLICY_FILE}"
    )


def test_every_aws_service_declares_the_actions_of_its_own_service() -> None:
    from exitkit.cloud.aws.services import load_services

    prefix = {"tagging": "tag"}
    for name, service in load_services().items():
        assert service.actions, name
        assert {a.split(":")[0] for a in service.actions} == {prefix.get(name, name)}, name
