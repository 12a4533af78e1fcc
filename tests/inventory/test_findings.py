"""`inventory validate` findings: what an owner must act on, exit 1; a clean estate exits 0."""

from __future__ import annotations

from pathlib import Path

from exitkit.bundle import schemas
from tests.conftest import base_estate, run_exitkit, write_estate


def test_a_clean_estate_exits_0(estate: Path) -> None:
    run = run_exitkit("inventory", "validate", estate)
    assert run.code == 0, run
    assert "no findings" in run.out


def test_each_finding_is_reported_with_its_place(tmp_path: Path) -> None:
    estate = base_estate(reviewed="2020-01-01")
    estate["obligations"].append({"id": "gdpr-records", "regulation": "GDPR"})
    estate["credentials"]["net-rw"] = {
        "username": "x",
        "password": {"env": "EXITKIT_TEST_UNSET_VARIABLE"},
    }
    estate["assets"] += [
        {
            "id": "oracle-db",
            "kind": "license",
            "vendor": "Oracle",
            "product": "Database EE",
            "quantity": 4,
            "holder": "provider",
            "transferable": False,
        },
        {"id": "old-doc", "kind": "document", "path": "docs/runbook.md", "reviewed": "2020-01-01"},
        {"id": "aws-prod", "kind": "cloud_account", "cloud": "aws", "account_id": "123456789012"},
    ]
    folder = write_estate(tmp_path / "estate", estate)

    run = run_exitkit("inventory", "validate", folder)

    assert run.code == 1, run
    for code in (
        "inventory-stale",
        "obligation-unassigned",
        "license-lock-in",
        "document-stale",
        "credential-unresolved",
        "cloud-no-client-principal",
    ):
        assert code in run.out
    assert "EXITKIT_TEST_UNSET_VARIABLE is not set" in run.out
    assert "held by the provider and not transferable" in run.out

    report = run_exitkit("inventory", "validate", folder, "--json")
    assert report.code == 1
    assert schemas.problems(report.json, "validation.v1") == []
    lock_in = next(f for f in report.json["findings"] if f["code"] == "license-lock-in")
    assert lock_in["asset"] == "oracle-db" and lock_in["where"].startswith(
        str(folder / "estate.yaml") + ":"
    )


def test_an_output_path_that_cannot_be_written_is_bad_input(estate: Path) -> None:
    run = run_exitkit("inventory", "ansible", estate, "-o", "/proc/no-such-dir/hosts.yml")
    assert run.code == 2, run
    assert run.err.startswith("exitkit: error: /proc/no-such-dir")
    assert "Traceback" not in run.err
