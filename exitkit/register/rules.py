"""Data-quality rules run on the package as filed (its CSV files read back), each named after
the EBA check it implements: the technical checks on keys and filing indicators (805-808) here,
the value rules (formats, closed lists, the DPM `e`/`v` rules) in `value_rules.py`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from exitkit.register.context import Row
from exitkit.register.templates import ALL_TEMPLATES, TEMPLATES


@dataclass(frozen=True)
class Filed:
    """A package as the supervisor reads it."""

    tables: dict[str, list[Row]]
    parameters: dict[str, str]
    indicators: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Breach:
    rule: str  # the EBA rule (805, v8816_m, e23680_e) or exitkit's (format, parameters)
    where: str  # B_02.02 row 3 c0080, or a file name
    message: str
    group: str = ""  # the Rule that found it

    def describe(self) -> str:
        return f"{self.rule}: {self.where}: {self.message}"


Check = Callable[[Filed], Iterator[Breach]]


@dataclass(frozen=True)
class Rule:
    id: str
    source: str
    says: str
    check: Check


def at(template: str, index: int, column: str = "") -> str:
    """Where a value sits: data rows count from 1, as in the template."""
    return f"{template} row {index + 1}" + (f" {column}" if column else "")


def empty_keys(filed: Filed) -> Iterator[Breach]:
    for template_id, rows in filed.tables.items():
        for index, row in enumerate(rows):
            for key in TEMPLATES[template_id].keys:
                if not row.get(key):
                    yield Breach("805", at(template_id, index, key), "a key column is empty")


def duplicate_keys(filed: Filed) -> Iterator[Breach]:
    for template_id, rows in filed.tables.items():
        keys = TEMPLATES[template_id].keys
        seen: dict[tuple[str, ...], int] = {}
        for index, row in enumerate(rows):
            value = tuple(row.get(key, "") for key in keys)
            if value in seen:
                yield Breach(
                    "806",
                    at(template_id, index),
                    f"same key ({', '.join(keys)}) as row {seen[value] + 1}",
                )
            seen.setdefault(value, index)


def _always(row: Row) -> bool:
    return True


@dataclass(frozen=True)
class Reference:
    """Values of `columns` in `child` rows must be a row of `parent` (at `parent_columns`)."""

    child: str
    columns: tuple[str, ...]
    parent: str
    parent_columns: tuple[str, ...]
    when: Callable[[Row], bool] = _always


REFERENCES = (
    Reference("B_01.01", ("c0010",), "B_01.02", ("c0010",)),
    Reference("B_02.02", ("c0010",), "B_02.01", ("c0010",)),
    Reference("B_02.02", ("c0020",), "B_01.02", ("c0010",)),
    Reference("B_02.02", ("c0030",), "B_05.01", ("c0010",)),
    Reference("B_02.02", ("c0050",), "B_06.01", ("c0010",)),
    Reference("B_03.01", ("c0010",), "B_02.01", ("c0010",)),
    Reference("B_03.01", ("c0020",), "B_01.02", ("c0010",)),
    Reference("B_03.02", ("c0010",), "B_02.01", ("c0010",)),
    Reference("B_03.02", ("c0020",), "B_05.01", ("c0010",)),
    Reference("B_05.01", ("c0110",), "B_05.01", ("c0010",)),  # the ultimate parent has a row
    Reference("B_06.01", ("c0040",), "B_01.02", ("c0010",)),
    Reference("B_07.01", ("c0010", "c0020", "c0040"), "B_02.02", ("c0010", "c0030", "c0060")),
    Reference("B_02.01", ("c0010",), "B_02.02", ("c0010",)),  # an arrangement says what it does
    # a direct provider (one with an expense) serves something; an ultimate parent need not
    Reference("B_05.01", ("c0010",), "B_02.02", ("c0030",), lambda row: bool(row.get("c0100"))),
)


def foreign_keys(filed: Filed) -> Iterator[Breach]:
    for ref in REFERENCES:
        known = {
            tuple(row.get(c, "") for c in ref.parent_columns)
            for row in filed.tables.get(ref.parent, [])
        }
        for index, row in enumerate(filed.tables.get(ref.child, [])):
            value = tuple(row.get(c, "") for c in ref.columns)
            if ref.when(row) and all(value) and value not in known:
                yield Breach(
                    "807",
                    at(ref.child, index, "+".join(ref.columns)),
                    f"{'/'.join(value)} is not in {ref.parent} {'+'.join(ref.parent_columns)}",
                )


def filing_indicators(filed: Filed) -> Iterator[Breach]:
    for template in ALL_TEMPLATES:
        said = filed.indicators.get(template)
        has_rows = bool(filed.tables.get(template))
        if said not in ("true", "false"):
            yield Breach("808", "FilingIndicators.csv", f"{template}: no true/false indicator")
        elif (said == "true") != has_rows:
            state = "has rows" if has_rows else "has none"
            yield Breach("808", "FilingIndicators.csv", f"{template} is {said} but {state}")
    for template in sorted(set(filed.indicators) - set(ALL_TEMPLATES)):
        yield Breach("808", "FilingIndicators.csv", f"{template} is not a DORA template")


TECHNICAL = [
    Rule("805", "EBA technical check", "key columns are never empty", empty_keys),
    Rule("806", "EBA technical check", "no two rows of a template share a key", duplicate_keys),
    Rule("807", "EBA technical check", "every reference names a row that exists", foreign_keys),
    Rule("808", "EBA technical check", "filing indicators match the tables", filing_indicators),
]


def check(filed: Filed, rules: list[Rule]) -> list[Breach]:
    return [replace(breach, group=rule.id) for rule in rules for breach in rule.check(filed)]
