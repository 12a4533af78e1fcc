"""`exitkit export --part` and `exitkit merge`: parts of one export joined into one signed bundle,
the same as a one-machine export timestamps aside; overlapping, foreign, damaged or incomplete
sets of parts refused, naming what."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest
import yaml

from exitkit.bundle.signing import generate
from tests.conftest import base_estate, write_estate
from tests.helpers.in_process import command
from tests.merge.same_bundle import assert_same_export

Run = Callable[..., tuple[int, str]]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Run:
    return partial(command, capsys, monkeypatch)


@pytest.fixture
def parts(run: Run, estate: Path, tmp_path: Path) -> tuple[Path, Path]:
    """The estate cut in two parts: licence and document, then the script repository."""
    one = tmp_path / "parts" / "site-a"
    two = tmp_path / "parts" / "site-b"
    code, out = run("export", estate, "--out", one, "--part", "site-a",
                    "--asset", "m365", "--asset", "runbook")  # fmt: skip
    assert code == 0, out
    assert "part site-a: 2 exported" in out
    code, out = run("export", estate, "--out", two, "--part", "site-b", "--asset", "ops-scripts")
    assert code == 0, out
    return one, two


def manifest(bundle: Path) -> dict:  # type: ignore[type-arg]
    return json.loads((bundle / "manifest.json").read_bytes())


def test_merged_parts_are_the_one_machine_export_signed_once(
    run: Run, estate: Path, parts: tuple[Path, Path], tmp_path: Path
) -> None:
    generate(tmp_path / "export.key")
    code, out = run("export", estate, "--out", tmp_path / "one")
    assert code == 0, out

    code, out = run("merge", *parts, "--out", tmp_path / "merged",
                    "--sign-key", tmp_path / "export.key")  # fmt: skip

    assert code == 0, out
    assert "merged 2 parts (site-a, site-b) of estate acme-test, the whole estate: " in out
    assert "3 of 3 assets exported" in out and "signed" in out
    part = manifest(parts[0])
    assert part["part"] == "site-a" and "signed_by" not in part
    assert part["scope"] == {"kinds": [], "assets": ["m365", "runbook"]}
    merged = manifest(tmp_path / "merged")
    assert merged["scope"] == {"kinds": [], "assets": []} and "part" not in merged
    assert [p["part"] for p in merged["merged_from"]] == ["site-a", "site-b"]
    identical = assert_same_export(tmp_path / "one", tmp_path / "merged")
    assert "assets/script/ops-scripts/repo.bundle" in identical
    assert "inventory.json" in identical
    code, out = run("verify", tmp_path / "merged", "--public-key", tmp_path / "export.key.pub")
    assert code == 0, out


def test_parts_that_overlap_leave_a_gap_or_differ_in_estate_are_refused(
    run: Run, estate: Path, parts: tuple[Path, Path], tmp_path: Path
) -> None:
    again = tmp_path / "parts" / "again"
    run("export", estate, "--out", again, "--part", "again", "--asset", "runbook")
    other = yaml.safe_load((estate / "estate.yaml").read_text())
    other["estate"] = "globex"
    elsewhere = write_estate(tmp_path / "globex", base_estate(estate="globex"))
    run("export", elsewhere, "--out", tmp_path / "parts" / "globex", "--part", "g",
        "--asset", "ops-scripts")  # fmt: skip
    newer = yaml.safe_load((estate / "estate.yaml").read_text())
    newer["reviewed"] = "2099-02-01"
    (estate / "estate.yaml").write_text(yaml.safe_dump(newer))
    run("export", estate, "--out", tmp_path / "parts" / "newer", "--part", "newer",
        "--asset", "ops-scripts")  # fmt: skip
    out = tmp_path / "merged"

    overlap = run("merge", *parts, again, "--out", out)
    gap = run("merge", parts[0], "--out", out)
    foreign = run("merge", parts[0], tmp_path / "parts" / "globex", "--out", out)
    newer_estate = run("merge", parts[0], tmp_path / "parts" / "newer", "--out", out)

    assert overlap == (
        2,
        "exitkit: error: parts overlap on 1 asset(s): runbook in site-a and again",
    )
    assert gap[0] == 2
    assert "the parts leave 1 asset(s) of the whole estate uncovered: ops-scripts" in gap[1]
    assert foreign[0] == 2 and "parts of different estates" in foreign[1]
    assert "estate acme-test" in foreign[1] and "estate globex" in foreign[1]
    assert newer_estate[0] == 2 and "different versions of estate acme-test" in newer_estate[1]
    assert not out.exists()


def test_a_damaged_unfinished_or_whole_bundle_is_no_part_to_merge(
    run: Run, estate: Path, parts: tuple[Path, Path], tmp_path: Path
) -> None:
    script = parts[1] / "assets" / "script" / "ops-scripts" / "repo.bundle"
    script.write_bytes(script.read_bytes() + b"appended")
    unfinished = tmp_path / "parts" / "unfinished" / ".partial"
    unfinished.mkdir(parents=True)
    run("export", estate, "--out", tmp_path / "whole")

    damaged = run("merge", *parts, "--out", tmp_path / "merged")
    cut_short = run("merge", parts[0], unfinished.parent, "--out", tmp_path / "merged")
    whole = run("merge", tmp_path / "whole", "--out", tmp_path / "merged")

    assert damaged[0] == 1
    assert f"{parts[1]}: the part fails verification: " in damaged[1]
    assert "assets/script/ops-scripts/repo.bundle: altered" in damaged[1]
    assert cut_short[0] == 1 and "did not finish (no manifest.json)" in cut_short[1]
    assert whole[0] == 2 and "is not a part (it was exported without --part)" in whole[1]
    assert not (tmp_path / "merged" / "manifest.json").exists()


def test_a_part_resumes_alone_and_the_merge_runs_again_over_its_own_bundle(
    run: Run, estate: Path, parts: tuple[Path, Path], tmp_path: Path
) -> None:
    shutil.rmtree(parts[0])  # site-a exported anew, while its document is away
    document = estate / "docs" / "runbook.md"
    document.rename(estate / "runbook.away")
    code, out = run("export", estate, "--out", parts[0], "--part", "site-a",
                    "--asset", "m365", "--asset", "runbook")  # fmt: skip
    assert code == 1 and "FAILED runbook (document)" in out

    code, merged_out = run("merge", *parts, "--out", tmp_path / "merged")
    assert code == 1, merged_out
    assert "2 of 3 assets exported" in merged_out and "FAILED runbook (document)" in merged_out
    report = json.loads((tmp_path / "merged" / "reports" / "completeness.json").read_bytes())
    assert report["totals"]["failed"] == 1 and not report["complete"]

    (estate / "runbook.away").rename(document)
    code, out = run("export", estate, "--out", parts[0], "--part", "site-a",
                    "--asset", "m365", "--asset", "runbook")  # fmt: skip
    assert code == 0 and "part site-a: 2 exported (1 kept from an earlier run)" in out
    code, merged_out = run("merge", *parts, "--out", tmp_path / "merged")
    assert code == 0, merged_out
    assert "3 of 3 assets exported" in merged_out
    code, out = run("verify", tmp_path / "merged")
    assert code == 0, out


def test_a_part_is_named_plainly_and_never_signed(run: Run, estate: Path, tmp_path: Path) -> None:
    generate(tmp_path / "k")

    signed = run(
        "export", estate, "--out", tmp_path / "p", "--part", "a", "--sign-key", tmp_path / "k"
    )
    badly_named = run("export", estate, "--out", tmp_path / "p", "--part", "../a")

    assert signed[0] == 2 and "a part is never signed; sign the merged bundle" in signed[1]
    assert badly_named[0] == 2 and "--part '../a': a part name is 1 to 64 letters" in badly_named[1]
    assert not (tmp_path / "p").exists()
