"""Normalising API answers into records: plain JSON, stable, free of volatile fields."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from exitkit.cloud.records import VOLATILE_KEYS, Resource, json_lines, plain, segment, utc_iso

keys = st.one_of(st.text(max_size=12), st.sampled_from(sorted(VOLATILE_KEYS)))
leaves = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.text(max_size=20),
    st.datetimes(timezones=st.sampled_from([dt.UTC, dt.timezone(dt.timedelta(hours=2))])),
    st.binary(max_size=8),
    st.decimals(allow_nan=False, allow_infinity=False, places=2),
)
answers = st.recursive(
    leaves,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=4)),
    max_leaves=25,
)


def _keys(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


@given(answers)
def test_plain_is_json_idempotent_and_drops_volatile_fields_at_any_depth(answer: Any) -> None:
    once = plain(answer)
    assert plain(once) == once
    assert json.loads(json.dumps(once)) == once
    assert not _keys(once) & VOLATILE_KEYS


@given(st.datetimes(timezones=st.sampled_from([dt.UTC, dt.timezone(dt.timedelta(hours=-5))])))
def test_every_time_is_written_in_utc_to_the_second(moment: dt.datetime) -> None:
    text = utc_iso(moment)
    assert text.endswith("Z") and len(text) == 20
    parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    assert parsed == moment.replace(microsecond=0)


def test_tag_lists_are_sorted_and_decimals_become_numbers() -> None:
    answer = {"Tags": [{"Key": "b", "Value": "2"}, {"Key": "a", "Value": "1"}], "n": Decimal("3")}
    assert plain(answer) == {
        "Tags": [{"Key": "a", "Value": "1"}, {"Key": "b", "Value": "2"}],
        "n": 3,
    }


@given(st.text(max_size=30))
def test_a_path_segment_never_leaves_its_folder(text: str) -> None:
    name = segment(text)
    assert name and "/" not in name and name not in (".", "..") and not name.startswith(".")


def _resource(rtype: str, rid: str) -> Resource:
    return Resource("aws", "123456789012", "eu-west-3", "ec2", rtype, rid, rid, "test", tags=None)


def test_json_lines_are_sorted_by_type_then_id_one_record_per_line() -> None:
    data = json_lines(
        [_resource("ec2:vpc", "b"), _resource("ec2:instance", "z"), _resource("ec2:vpc", "a")]
    )
    lines = [json.loads(line) for line in data.decode().splitlines()]
    assert [(r["type"], r["id"]) for r in lines] == [
        ("ec2:instance", "z"),
        ("ec2:vpc", "a"),
        ("ec2:vpc", "b"),
    ]
    assert lines[0]["tags"] == {} and lines[0]["schema"] == "cloud-resource.v1"
    assert data.endswith(b"\n") and b"\n\n" not in data
