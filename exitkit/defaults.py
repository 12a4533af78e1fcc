"""Defaults that more than one part of exitkit relies on, each defined here once."""

from __future__ import annotations

DRILL_EVERY_DAYS = 365  # a plan without `drill: {every_days}` is drilled once a year
DRILL_SAMPLE_PCT = 25.0  # a drill covers a quarter of the estate: every asset within 4 drills
INVENTORY_REVIEW_DAYS = 92  # the inventory is reviewed quarterly
DOCUMENT_REVIEW_DAYS = 365  # a technical document is reviewed at least yearly
