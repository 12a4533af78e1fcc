"""What the template builders read: the estate, its register block, the derived facts, the dates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from exitkit.errors import InventoryError
from exitkit.inventory.dora_register import Register
from exitkit.inventory.loader import Inventory
from exitkit.inventory.models import Estate
from exitkit.register.facts import Derived

Row = dict[str, str]


@dataclass(frozen=True)
class RegisterContext:
    inventory: Inventory
    today: dt.date  # the date of the reporting
    reference_date: dt.date
    exit_plan: Derived
    reintegration: tuple[Derived, ...]  # one per register service, in order

    @property
    def estate(self) -> Estate:
        return self.inventory.estate

    @property
    def register(self) -> Register:
        register = self.estate.dora_register
        if register is None:  # checked when the context is made; kept for the type checker
            raise InventoryError(f"{self.inventory.path}: no dora_register: block")
        return register

    @property
    def client_lei(self) -> str:
        return str(self.estate.client.lei)

    @property
    def provider_lei(self) -> str:
        return str(self.estate.provider.lei)

    @property
    def reference(self) -> str:
        return self.estate.contract.reference


def day(value: dt.date | None, open_end: str = "") -> str:
    return value.isoformat() if value is not None else open_end


def amount(value: Decimal | None) -> str:
    """A monetary amount as known: plain decimal notation, never scaled or rounded."""
    return "" if value is None else format(value, "f")


def code(table: dict[str, str], word: str | None) -> str:
    return "" if word is None else table[word]
