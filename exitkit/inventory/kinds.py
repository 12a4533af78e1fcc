"""The five asset kinds, defined once: the inventory models, the plan, the schemas' `kind` enums
and the exporter registry are all checked against this (tests/test_one_definition.py)."""

from __future__ import annotations

from typing import Literal, get_args

# From the contract practice exitkit serves: licences and their portability, access rights to
# cloud environments, network configurations, automation scripts, technical documentation.
Kind = Literal["license", "cloud_account", "network_device", "script", "document"]
KINDS: tuple[Kind, ...] = get_args(Kind)
