"""`exitkit register` as a compliance officer runs it: the package, the summary, the exit codes.

The package is checked by an independent validator from PyPI, eba-xbridge, whose xBRL-CSV rules
run offline on the DORA 4.0 module metadata it ships (no taxonomy download).
"""

from __future__ import annotations

import csv
import json
import zipfile
from pathlib import Path

import yaml
from xbridge.validation import validate

from tests.conftest import run_exitkit
from tests.register.conftest import example_copy

LEI_CLIENT = "969500NORTHWIND00065"


def register(estate: Path, state: Path, out: Path) -> tuple[int, str, str]:
    run = run_exitkit(
        "register", estate, "--plan", estate / "plan.yaml", "--state", state, "--out", out,
        "--reference-date", "2025-12-31",
    )  # fmt: skip
    return run.code, run.out, run.err


def package(out: Path) -> Path:
    (archive,) = out.glob("*.zip")
    return archive


def table(out: Path, template: str) -> list[dict[str, str]]:
    archive = package(out)
    folder = out / archive.stem / "reports"
    with (folder / f"{template.lower()}.csv").open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def xbridge_findings(archive: Path) -> dict[str, list[str]]:
    found = validate(archive, eba=True)
    return {
        kind: sorted({code for section in found.values() for code in section[kind]})
        for kind in ("errors", "warnings")
    }


def test_example_estate_gives_a_package_the_validator_accepts(passed_drill, tmp_path):
    estate, state = passed_drill
    code, out, err = register(estate, state, tmp_path / "reg")
    assert code == 0, (out, err)
    archive = package(tmp_path / "reg")
    assert archive.name.startswith(f"{LEI_CLIENT}.IND_FR_DORA010100_DORA_2025-12-31_")
    assert xbridge_findings(archive) == {"errors": [], "warnings": []}
    names = zipfile.ZipFile(archive).namelist()
    root = archive.stem
    assert f"{root}/META-INF/reportPackage.json" in names
    assert {f"{root}/reports/{f}" for f in ("report.json", "parameters.csv", "b_07.01.csv")} <= set(
        names
    )
    report = json.loads(zipfile.ZipFile(archive).read(f"{root}/reports/report.json"))
    assert report["documentInfo"]["extends"] == [
        "http://www.eba.europa.eu/eu/fr/xbrl/crr/fws/dora/4.0/mod/dora.json"
    ]
    params = zipfile.ZipFile(archive).read(f"{root}/reports/parameters.csv").decode()
    assert f"entityID,rs:{LEI_CLIENT}.IND\r\n" in params
    assert "exit plan: yes — plan.yaml validated (fits its 90-day window), drill" in out
    assert "data-quality rules: 8 groups checked, none broken" in out


def test_the_rows_carry_the_estate_and_the_drilled_exit(passed_drill, tmp_path):
    estate, state = passed_drill
    assert register(estate, state, tmp_path / "reg")[0] == 0
    out = tmp_path / "reg"
    (assessment, iaas) = table(out, "B_07.01")
    assert assessment["c0080"] == "eba_BT:x28"  # exit plan: yes
    assert assessment["c0090"] == "eba_ZZ:x798"  # reintegration: easy (drilled, no lock-in)
    assert assessment["c0110"] == "eba_BT:x28"  # alternatives identified
    assert iaas["c0050"] == "eba_ZZ:x960" and iaas["c0060"] == "eba_ZZ:x964"
    providers = {row["c0010"]: row for row in table(out, "B_05.01")}
    assert providers["969500CONTOSOMSP0064"]["c0110"] == "969500CONTOSOGRP0092"
    assert "969500CONTOSOGRP0092" in providers  # the ultimate parent has its own row
    specific = table(out, "B_02.02")
    assert [(r["c0050"], r["c0060"]) for r in specific] == [
        ("F1", "eba_TA:S14"),
        ("F2", "eba_TA:S14"),
        ("F1", "eba_TA:S17"),
    ]
    assert {r["c0100"] for r in specific} == {"180"}  # contract.notice_days of the estate
    functions = table(out, "B_06.01")
    assert [(f["c0010"], f["c0080"], f["c0090"]) for f in functions] == [
        ("F1", "4", "1"),
        ("F2", "24", "4"),
    ]
    summary = (out / "register-summary.md").read_text()
    assert "**exit plan: yes** — plan.yaml validated" in summary
    assert "**notice period for the financial entity: 180 days** — estate.yaml contract" in summary
    assert "No rule is broken." in summary


def test_failed_last_drill_says_exit_plan_no_with_the_reason(failed_drill, tmp_path):
    estate, state = failed_drill
    code, out, err = register(estate, state, tmp_path / "reg")
    assert code == 0, (out, err)  # the register is right to say no: it is still valid
    assert "exit plan: no — plan.yaml validated (fits its 90-day window), but the last drill" in out
    assert "failed: 0 step(s) and 1 check(s) failed" in out
    assert "possibility of reintegration (S14" in out and ": highly_complex — no tested" in out
    rows = table(tmp_path / "reg", "B_07.01")
    assert {row["c0080"] for row in rows} == {"eba_BT:x29"}
    assert {row["c0090"] for row in rows} == {"eba_ZZ:x967"}
    assert xbridge_findings(package(tmp_path / "reg"))["errors"] == []
    summary = (tmp_path / "reg" / "register-summary.md").read_text()
    assert "**exit plan: no** — plan.yaml validated" in summary


def test_no_drill_recorded_is_no_exit_plan(tmp_path):
    estate = example_copy(tmp_path / "estate")
    code, out, _ = register(estate, tmp_path / "none.db", tmp_path / "reg")
    assert code == 0
    assert "records no finished drill of northwind-prod" in out
    assert "exit plan: no" in out


def test_wrong_lei_check_digit_is_exit_2_naming_the_field(tmp_path):
    estate = example_copy(tmp_path / "estate")
    text = (estate / "estate.yaml").read_text()
    (estate / "estate.yaml").write_text(
        text.replace("969500NORTHWIND00065", "969500NORTHWIND00066")
    )
    code, _, err = register(estate, tmp_path / "state.db", tmp_path / "reg")
    assert code == 2
    line = next(n for n, t in enumerate(text.splitlines(), 1) if t.startswith("client:"))
    assert f"estate.yaml:{line}:" in err
    assert "client.lei: wrong LEI check digits (ISO 17442, MOD 97-10)" in err
    assert "Traceback" not in err and not (tmp_path / "reg").exists()


def test_wrong_check_digit_in_the_register_block_names_its_field(tmp_path):
    estate = example_copy(tmp_path / "estate")
    text = (estate / "estate.yaml").read_text()
    (estate / "estate.yaml").write_text(
        text.replace("969500CONTOSOGRP0092", "969500CONTOSOGRP0029")
    )
    code, _, err = register(estate, tmp_path / "state.db", tmp_path / "reg")
    assert code == 2
    assert "dora_register.provider.ultimate_parent.lei: wrong LEI check digits" in err


def test_closed_lists_and_iso_codes_are_validated_on_load(tmp_path):
    estate = example_copy(tmp_path / "estate")
    data = yaml.safe_load((estate / "estate.yaml").read_text())
    data["dora_register"]["services"][0]["substitutability"] = "hard"
    data["dora_register"]["services"][1]["country"] = "FRA"
    data["dora_register"]["arrangement"]["currency"] = "EURO"
    (estate / "estate.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    run = run_exitkit("inventory", "validate", estate)
    assert run.code == 2
    assert "dora_register.services[0].substitutability: must be one of" in run.err
    assert "dora_register.services[1].country: expected an ISO 3166-1 alpha-2" in run.err
    assert "dora_register.arrangement.currency: expected an ISO 4217 currency code" in run.err


def test_an_estate_without_register_block_is_told_what_is_missing(tmp_path):
    estate = example_copy(tmp_path / "estate")
    data = yaml.safe_load((estate / "estate.yaml").read_text())
    del data["dora_register"]
    (estate / "estate.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    code, _, err = register(estate, tmp_path / "state.db", tmp_path / "reg")
    assert code == 2
    assert "no dora_register: block" in err


def test_the_validator_is_not_vacuous(passed_drill, tmp_path):
    """eba-xbridge does reject what is wrong: a missing column, an unknown filing indicator."""
    estate, state = passed_drill
    assert register(estate, state, tmp_path / "reg")[0] == 0
    archive = package(tmp_path / "reg")
    broken = tmp_path / "broken" / archive.name
    broken.parent.mkdir()
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(broken, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name.endswith("b_06.01.csv"):
                data = data.replace(b",c0100\r\n", b"\r\n", 1)
            if name.endswith("FilingIndicators.csv"):
                data = data.replace(b"B_99.01,", b"B_99.09,")
            target.writestr(name, data)
    errors = xbridge_findings(broken)["errors"]
    assert {"CSV-032", "CSV-034", "CSV-042"} <= set(errors)
