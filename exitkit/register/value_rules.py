"""Rules on values: each column's form (LEI check digits, dates, ISO codes, closed lists), the
mandatory columns of the EBA DPM `e` rules, and the `v` rules that tie one column to another.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from exitkit.inventory import dora_lists as codes
from exitkit.register.rules import Breach, Filed, Rule, at
from exitkit.register.templates import (
    CLOSED_LISTS,
    COUNTRY,
    CURRENCY,
    DATE,
    INTEGER,
    LEI,
    MONETARY,
    TEMPLATES,
    TRUE,
    Column,
)

LICENSED_ACTIVITY = re.compile(r"^eba_TA:x[0-9]{1,4}$")
MANDATORY_RULE = {  # the EBA DPM rule that says which columns of a template may not be empty
    "B_01.01": "e23677_e",
    "B_01.02": "e23676_e",
    "B_02.01": "e23792_e",
    "B_02.02": "e23680_e",
    "B_05.01": "e23674_e",
    "B_06.01": "e23682_e",
    "B_07.01": "e23681_e",
}


def value_problem(column: Column, value: str) -> str | None:
    """Why `value` cannot stand in `column` (None when it can)."""
    if column.kind == LEI:
        return codes.lei_problem(value)
    if column.kind == DATE:
        return None if _is_date(value) else "not a date in the form YYYY-MM-DD"
    if column.kind == COUNTRY:
        if value == column.not_applicable:
            return None
        ok = value.startswith("eba_GA:") and codes.is_country(value.removeprefix("eba_GA:"))
        return None if ok else "not eba_GA: and an ISO 3166-1 alpha-2 country code"
    if column.kind == CURRENCY:
        ok = value.startswith("eba_CU:") and codes.is_currency(value.removeprefix("eba_CU:"))
        return None if ok else "not eba_CU: and an ISO 4217 currency code"
    if column.kind == INTEGER:
        return None if value.isascii() and value.isdigit() else "not a whole number of 0 or more"
    if column.kind == MONETARY:
        return _money_problem(value)
    if column.kind == TRUE:
        return None if value == "true" else "a link is reported as true"
    if column.kind == "licensed_activity":
        return None if LICENSED_ACTIVITY.match(value) else "not a licensed activity (eba_TA:x…)"
    if column.kind in CLOSED_LISTS:
        return None if value in CLOSED_LISTS[column.kind] else f"not in the {column.kind} list"
    return None


def _is_date(value: str) -> bool:
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _money_problem(value: str) -> str | None:
    try:
        number = Decimal(value)
    except InvalidOperation:
        return "not a decimal amount"
    if not number.is_finite() or number < 0:
        return "an amount of 0 or more (v22913_s, v23716_s)"
    return None


def formats(filed: Filed) -> Iterator[Breach]:
    for template_id, rows in filed.tables.items():
        for index, row in enumerate(rows):
            for column in TEMPLATES[template_id].columns:
                value = row.get(column.code, "")
                problem = value_problem(column, value) if value else None
                if problem:
                    yield Breach("format", at(template_id, index, column.code), problem)


def mandatory(filed: Filed) -> Iterator[Breach]:
    for template_id, rows in filed.tables.items():
        rule = MANDATORY_RULE.get(template_id, "mandatory")
        for index, row in enumerate(rows):
            for column in TEMPLATES[template_id].columns:
                if column.mandatory and not row.get(column.code):
                    yield Breach(rule, at(template_id, index, column.code), "must not be empty")


def cross_columns(filed: Filed) -> Iterator[Breach]:
    """The DPM `v` rules that relate two columns of one row."""
    for index, row in enumerate(filed.tables.get("B_02.02", [])):
        start, end = row.get("c0070", ""), row.get("c0080", "")
        if _is_date(start) and _is_date(end) and not end > start:
            yield Breach("v8816_m", at("B_02.02", index, "c0080"), "ends on or before its start")
    for index, row in enumerate(filed.tables.get("B_02.01", [])):
        if row.get("c0020") == codes.ARRANGEMENT_TYPES["subsequent"] and not row.get("c0030"):
            yield Breach("v22912_m", at("B_02.01", index, "c0030"), "no overarching arrangement")
    for index, row in enumerate(filed.tables.get("B_01.02", [])):
        if row.get("c0110") and not row.get("c0100"):
            yield Breach("v8803_m", at("B_01.02", index, "c0100"), "total assets, no currency")
        financial = row.get("c0040") not in {codes.ENTITY_TYPES[t] for t in codes.NON_FINANCIAL}
        if financial and not row.get("c0110"):
            yield Breach("v8804_m", at("B_01.02", index, "c0110"), "a FE reports total assets")
    yield from _provider_rules(filed)
    for index, row in enumerate(filed.tables.get("B_07.01", [])):
        hard = {codes.SUBSTITUTABILITY[w] for w in codes.HARD_TO_SUBSTITUTE}
        if row.get("c0050") in hard and not row.get("c0060"):
            yield Breach("v8825_m", at("B_07.01", index, "c0060"), "hard to substitute: why?")


def _provider_rules(filed: Filed) -> Iterator[Breach]:
    legal_codes = {codes.LEI_TYPE, "eba_qCO:qx2002"}
    for index, row in enumerate(filed.tables.get("B_05.01", [])):
        legal = row.get("c0070") == codes.PERSON_TYPES["legal"]
        if legal and row.get("c0020") not in legal_codes:
            yield Breach("v8817_m", at("B_05.01", index, "c0020"), "a legal person has LEI/EUID")
        if row.get("c0100") and not row.get("c0090"):
            yield Breach("v8824_m", at("B_05.01", index, "c0090"), "expense with no currency")


def parameters(filed: Filed) -> Iterator[Breach]:
    entity = filed.parameters.get("entityID", "")
    match = re.fullmatch(r"rs:([A-Z0-9]{20})\.(IND|CON)", entity)
    if match is None or codes.lei_problem(match.group(1)):
        yield Breach("parameters", "parameters.csv entityID", "not rs:<LEI>.IND or rs:<LEI>.CON")
    elif match.group(1) not in {row.get("c0010") for row in filed.tables.get("B_01.01", [])}:
        yield Breach("parameters", "parameters.csv entityID", "not the LEI of B_01.01")
    if not _is_date(filed.parameters.get("refPeriod", "")):
        yield Breach("parameters", "parameters.csv refPeriod", "not a date YYYY-MM-DD")
    currency = filed.parameters.get("baseCurrency", "")
    if not (currency.startswith("iso4217:") and codes.is_currency(currency[8:])):
        yield Breach("parameters", "parameters.csv baseCurrency", "not iso4217:<code>")


VALUES = [
    Rule("format", "ISO 17442, ISO 8601, ISO 3166-1, ISO 4217, DPM closed lists",
         "every value has its column's form; LEIs carry valid check digits", formats),
    Rule("e-rules", "EBA DPM rules e23674-e23792",
         "mandatory columns of B_01.01, B_01.02, B_02.01, B_02.02, B_05.01, B_06.01, B_07.01",
         mandatory),
    Rule("v-rules", "EBA DPM rules v8803, v8804, v8816, v8817, v8824, v8825, v22912",
         "columns that depend on each other agree", cross_columns),
    Rule("parameters", "EBA filing rules (xBRL-CSV)",
         "entityID is rs:<LEI>.IND or .CON of B_01.01; refPeriod a date; baseCurrency ISO 4217",
         parameters),
]  # fmt: skip
