"""The safe YAML reader: same data as PyYAML for plain documents, and safe for hostile ones."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from exitkit.inventory.yaml_source import YamlError, load_yaml, locate

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**12), max_value=10**12)
    | st.floats(allow_nan=False, allow_infinity=False, width=32)
    | st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=20)
)
documents = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text("abcdefgh-_", min_size=1, max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None)
@given(
    st.dictionaries(st.text("abcdefgh", min_size=1, max_size=6), documents, min_size=1, max_size=5)
)
def test_plain_documents_round_trip(tmp_path_factory: pytest.TempPathFactory, data: dict) -> None:
    path = tmp_path_factory.mktemp("yaml") / "doc.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    assert load_yaml(path).data == data


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=200))
def test_arbitrary_bytes_never_crash(tmp_path_factory: pytest.TempPathFactory, blob: bytes) -> None:
    path = tmp_path_factory.mktemp("yaml") / "doc.yaml"
    path.write_bytes(blob)
    try:
        load_yaml(path)
    except YamlError as error:
        assert str(error).startswith(f"{path}:")


def test_yaml_1_1_booleans_stay_strings(tmp_path: Path) -> None:
    path = tmp_path / "doc.yaml"
    path.write_text("country: no\nswitch: on\nflag: true\n")
    assert load_yaml(path).data == {"country": "no", "switch": "on", "flag": True}


def test_anchors_and_merge_keys_work_within_bounds(tmp_path: Path) -> None:
    path = tmp_path / "doc.yaml"
    path.write_text(
        "defaults: &d {platform: cisco_ios, port: 22}\n"
        "assets:\n" + "".join(f"  - {{<<: *d, id: sw-{i}, port: 2200}}\n" for i in range(500))
    )
    data = load_yaml(path).data
    assert data["assets"][7] == {"platform": "cisco_ios", "port": 2200, "id": "sw-7"}


def test_locate_finds_nested_values(tmp_path: Path) -> None:
    text = "a:\n  b:\n    - x\n    - {c: 1, d: 2}\n"
    path = tmp_path / "doc.yaml"
    assert locate(path, text, ["a", "b", 1, "d"]) == (4, 17)
    assert locate(path, text, ["a", "b", 1, "missing"]) == (4, 7)
