"""Asset ids derived from whatever names sources hold: always valid, or none at all."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from exitkit.inventory.models import ASSET_ID_PATTERN
from exitkit.inventory_import.ids import derive_id


@given(st.text(max_size=200))
def test_a_derived_id_is_always_a_valid_asset_id(name: str) -> None:
    derived = derive_id(name)
    if derived is not None:
        assert re.fullmatch(ASSET_ID_PATTERN, derived) and ".." not in derived
        assert derive_id(derived) == derived  # stable: a second import finds the same id


def test_names_as_sources_write_them() -> None:
    assert derive_id("Acme ERP") == "acme-erp"
    assert derive_id("lon1-core-1.acme.example") == "lon1-core-1.acme.example"
    assert derive_id("Core_SW 1 (Paris)") == "core_sw-1-paris"
    assert derive_id("../../etc/passwd") == "etc-passwd"
    assert derive_id("---") is None and derive_id("日本") is None
