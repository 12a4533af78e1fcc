"""Rotation: whatever the estate and the sample, every asset is drilled within ceil(100 / sample)."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from exitkit.drill.rotation import choose, drills_to_cover, last_drilled
from exitkit.inventory.models import License


def licence(number: int, criticality: str) -> License:
    return License(
        id=f"lic-{number}",
        kind="license",
        vendor="V",
        product="P",
        quantity=1,
        holder="client",
        transferable=True,
        criticality=criticality,
    )  # type: ignore[arg-type]


@settings(max_examples=200, deadline=None)
@given(
    criticalities=st.lists(st.sampled_from(["P1", "P2", "P3", "P4"]), min_size=1, max_size=60),
    sample=st.sampled_from([1, 5, 10, 12.5, 25, 33, 50, 75, 100]),
    drills_before=st.integers(min_value=0, max_value=6),
)
def test_every_asset_is_drilled_within_ceil_100_over_sample_drills(
    criticalities: list[str], sample: float, drills_before: int
) -> None:
    assets = [licence(n, c) for n, c in enumerate(criticalities)]
    history: list[tuple[str, ...]] = []
    for _ in range(drills_before):  # wherever the rotation stands
        history.append(choose(assets, sample, last_drilled(history)).assets)

    window = []
    for _ in range(drills_to_cover(sample)):
        chosen = choose(assets, sample, last_drilled(history))
        history.append(chosen.assets)
        window.append(set(chosen.assets))

    p1 = {a.id for a in assets if a.criticality == "P1"}
    others = [a for a in assets if a.criticality != "P1"]
    assert set.union(*window) == {a.id for a in assets}
    assert all(p1 <= drilled for drilled in window)
    assert all(len(drilled - p1) == math.ceil(len(others) * sample / 100) for drilled in window)
