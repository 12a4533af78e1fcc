"""The data-quality rules exitkit implements itself, each shown catching the mistake it is for.

A register built from the example estate is read back from disk, one value is spoiled, and the
rule named after the EBA check must say where.
"""

from __future__ import annotations

import copy
import datetime as dt
import string

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum import lei as stdnum_lei

from exitkit.inventory import dora_lists
from exitkit.inventory.loader import load_inventory
from exitkit.plan.journal import Journal
from exitkit.register.build import RULES, build_register
from exitkit.register.facts import exit_plan, read_events
from exitkit.register.package import read_tables
from exitkit.register.rules import Filed, check
from tests.conftest import run_exitkit
from tests.register.conftest import example_copy

NOW = dt.datetime(2026, 11, 27, 9, 30, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def filed(tmp_path_factory: pytest.TempPathFactory) -> Filed:
    base = tmp_path_factory.mktemp("rules")
    estate = example_copy(base / "estate")
    inventory = load_inventory(estate)
    result = build_register(
        inventory, estate / "plan.yaml", base / "none.db", base / "out", dt.date(2025, 12, 31), NOW
    )
    assert result.ok, result.breaches
    return Filed(*read_tables(result.folder))


def spoil(filed: Filed, template: str, row: int, column: str, value: str) -> list[str]:
    tables = copy.deepcopy(filed.tables)
    tables[template][row][column] = value
    return [b.describe() for b in check(Filed(tables, filed.parameters, filed.indicators), RULES)]


@pytest.mark.parametrize(
    ("template", "row", "column", "value", "expected"),
    [
        ("B_06.01", 0, "c0010", "", "805: B_06.01 row 1 c0010: a key column is empty"),
        ("B_02.02", 1, "c0050", "F1", "806: B_02.02 row 2: same key (c0010, c0020, c0030, c0050"),
        ("B_02.02", 0, "c0050", "F9", "807: B_02.02 row 1 c0050: F9 is not in B_06.01 c0010"),
        ("B_05.01", 0, "c0110", "529900T8BM49AURSDO55", "807: B_05.01 row 1 c0110: 529900T8BM"),
        ("B_07.01", 0, "c0040", "eba_TA:S02", "807: B_07.01 row 1 c0010+c0020+c0040"),
        ("B_01.01", 0, "c0010", "969500NORTHWIND00066", "format: B_01.01 row 1 c0010: wrong LEI"),
        ("B_07.01", 0, "c0070", "31/12/2025", "format: B_07.01 row 1 c0070: not a date"),
        ("B_02.02", 0, "c0120", "eba_GA:XX", "format: B_02.02 row 1 c0120: not eba_GA: and an"),
        ("B_02.02", 0, "c0150", "eba_GA:qx2007", None),  # "not applicable" in a key column
        ("B_02.02", 0, "c0120", "eba_GA:qx2007", "format: B_02.02 row 1 c0120"),  # ... only there
        ("B_02.01", 0, "c0040", "eba_CU:EURO", "format: B_02.01 row 1 c0040: not eba_CU:"),
        (
            "B_02.02",
            0,
            "c0060",
            "eba_TA:S20",
            "format: B_02.02 row 1 c0060: not in the ict_service",
        ),
        (
            "B_07.01",
            1,
            "c0090",
            "eba_ZZ:x0",
            "format: B_07.01 row 2 c0090: not in the reintegration",
        ),
        ("B_02.01", 0, "c0050", "-5", "format: B_02.01 row 1 c0050: an amount of 0 or more"),
        ("B_06.01", 0, "c0080", "4.5", "format: B_06.01 row 1 c0080: not a whole number"),
        ("B_07.01", 0, "c0070", "", "e23681_e: B_07.01 row 1 c0070: must not be empty"),
        ("B_05.01", 0, "c0060", "", "e23674_e: B_05.01 row 1 c0060: must not be empty"),
        ("B_02.02", 0, "c0080", "2020-01-01", "v8816_m: B_02.02 row 1 c0080: ends on or before"),
        ("B_02.01", 0, "c0020", "eba_CO:x3", "v22912_m: B_02.01 row 1 c0030: no overarching"),
        ("B_07.01", 1, "c0060", "", "v8825_m: B_07.01 row 2 c0060: hard to substitute"),
        ("B_05.01", 0, "c0090", "", "v8824_m: B_05.01 row 1 c0090: expense with no currency"),
        ("B_01.02", 0, "c0110", "", "v8804_m: B_01.02 row 1 c0110: a FE reports total assets"),
    ],
)
def test_each_rule_catches_its_mistake(filed, template, row, column, value, expected):
    found = spoil(filed, template, row, column, value)
    if expected is None:
        assert found == []
    else:
        assert any(line.startswith(expected) for line in found), found


def test_the_register_as_built_breaks_no_rule(filed):
    assert check(filed, RULES) == []


def test_filing_indicators_must_match_the_tables(filed):
    indicators = dict(filed.indicators) | {"B_06.01": "false", "B_99.01": "maybe"}
    found = [b.describe() for b in check(Filed(filed.tables, filed.parameters, indicators), RULES)]
    assert "808: FilingIndicators.csv: B_06.01 is false but has rows" in found
    assert "808: FilingIndicators.csv: B_99.01: no true/false indicator" in found


def test_parameters_name_the_reporting_entity(filed):
    parameters = dict(filed.parameters) | {"entityID": "rs:969500CONTOSOMSP0064.IND"}
    found = [b.describe() for b in check(Filed(filed.tables, parameters, filed.indicators), RULES)]
    assert found == ["parameters: parameters.csv entityID: not the LEI of B_01.01"]


@given(st.text(alphabet=string.ascii_uppercase + string.digits, min_size=18, max_size=18))
def test_lei_check_digits_agree_with_python_stdnum(prefix):
    """Our ISO 17442 check and python-stdnum's, independently written, agree on every code."""
    good = prefix + dora_lists.lei_check_digits(prefix)
    assert dora_lists.lei_problem(good) is None
    assert stdnum_lei.is_valid(good)
    for digits in ("00", "01", "99", good[-2:][::-1]):
        candidate = prefix + digits
        assert (dora_lists.lei_problem(candidate) is None) == stdnum_lei.is_valid(candidate)


def test_a_drill_older_than_its_period_is_no_exit_plan(passed_drill):
    estate, state = passed_drill
    inventory = load_inventory(estate)
    events = read_events(state)
    later = dt.date.today() + dt.timedelta(days=400)
    verdict = exit_plan(inventory, estate / "plan.yaml", events, state, later)
    assert verdict.value == "no"
    assert (
        "passed on" in verdict.basis and "400 days ago: beyond its 365-day period" in verdict.basis
    )
    assert exit_plan(inventory, estate / "plan.yaml", events, state, dt.date.today()).value == "yes"


def test_a_plan_that_does_not_validate_is_no_exit_plan(passed_drill, tmp_path):
    estate, state = passed_drill
    broken = tmp_path / "plan.yaml"
    broken.write_text((estate / "plan.yaml").read_text().replace("due_day: 60", "due_day: 120"))
    verdict = exit_plan(load_inventory(estate), broken, read_events(state), state, dt.date.today())
    assert verdict.value == "no"
    assert "does not validate" in verdict.basis and "outside the 90-day window" in verdict.basis


def test_a_broken_journal_is_exit_1_naming_the_event(passed_drill, tmp_path):
    estate, state = passed_drill
    copy_state = tmp_path / "state.db"
    copy_state.write_bytes(state.read_bytes())
    with Journal(copy_state) as journal:
        journal.db.execute("DROP TRIGGER journal_no_update")
        journal.db.execute("UPDATE journal SET data = '{}' WHERE seq = 2")
    run = run_exitkit(
        "register", estate, "--plan", estate / "plan.yaml", "--state", copy_state,
        "--out", tmp_path / "reg",
    )  # fmt: skip
    assert run.code == 1
    assert "journal broken: event 2" in run.err


def test_same_register_same_bytes(tmp_path):
    estate = example_copy(tmp_path / "estate")
    inventory = load_inventory(estate)
    built = [
        build_register(
            inventory,
            estate / "plan.yaml",
            tmp_path / "none.db",
            tmp_path / out,
            dt.date(2025, 12, 31),
            NOW,
        )
        for out in ("one", "two")
    ]
    assert built[0].archive.read_bytes() == built[1].archive.read_bytes()
