"""Which assets a drill covers: P1 assets every time, the others least recently drilled first.

With a sample of p %, each drill takes ceil(p/100 x n) of the n other assets, the ones drilled
longest ago (never drilled first), so every asset is drilled within ceil(100 / p) drills.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from exitkit.inventory.models import Asset


@dataclass(frozen=True)
class Sample:
    assets: tuple[str, ...]  # in inventory order
    always: tuple[str, ...]  # P1: every drill
    rotated: tuple[str, ...]


def drills_to_cover(sample_pct: float) -> int:
    return math.ceil(100 / sample_pct)


def last_drilled(history: Iterable[Iterable[str]]) -> dict[str, int]:
    """For each asset, the index of the last drill (oldest first) that covered it."""
    latest: dict[str, int] = {}
    for index, assets in enumerate(history):
        for asset_id in assets:
            latest[asset_id] = index
    return latest


def choose(assets: Iterable[Asset], sample_pct: float, drilled: Mapping[str, int]) -> Sample:
    """The sample of the next drill, given when each asset was last drilled."""
    listed = list(assets)
    always = [asset.id for asset in listed if asset.criticality == "P1"]
    others = [asset.id for asset in listed if asset.criticality != "P1"]
    take = math.ceil(len(others) * sample_pct / 100) if others else 0
    position = {asset_id: index for index, asset_id in enumerate(others)}
    oldest_first = sorted(
        others, key=lambda asset_id: (drilled.get(asset_id, -1), position[asset_id])
    )
    rotated = set(oldest_first[:take])
    chosen = tuple(asset.id for asset in listed if asset.id in rotated or asset.id in always)
    return Sample(chosen, tuple(always), tuple(a for a in chosen if a in rotated))
