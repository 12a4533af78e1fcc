"""`exitkit report`: a JSON record that follows drill-report.v1 and a page a browser renders offline."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from exitkit.bundle.schemas import problems
from tests.conftest import Run, run_exitkit
from tests.drill.commands import drill_run
from tests.helpers.demo_estate import copy_demo
from tests.plan.commands import plan_start
from tests.report.browser import chromium, visit

EXTERNAL = re.compile(
    r"""(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//|@import""",
    re.I,
)
PAGE_FACTS = """JSON.stringify({
  title: document.title,
  chart: !!document.querySelector('svg#timeline'),
  rows: Array.from(document.querySelectorAll('svg#timeline g.milestone')).map(g => g.dataset.status),
  chartWidth: document.querySelector('svg#timeline') ? document.querySelector('svg#timeline').getBBox().width : 0,
  windowLine: !!document.querySelector('svg#timeline line.window'),
  failedChecks: document.querySelectorAll('.failed-check').length,
  drills: document.querySelectorAll('#drills tr').length - 1,
})"""


@pytest.fixture(scope="module")
def drilled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo estate after one drill and an exit plan noticed 30 days ago, one milestone done."""
    base = tmp_path_factory.mktemp("reported")
    demo = copy_demo(base / "demo", with_lab=False)  # nothing answers, and no lab: problems
    state = base / "state.db"
    run_exitkit("keys", "generate", "--out", base / "key")
    drill = drill_run(
        run_exitkit, demo, demo / "plan.yaml", base / "drill", state, "--sign-key", base / "key"
    )
    assert drill.code in (0, 1), drill
    notice = (dt.date.today() - dt.timedelta(days=30)).isoformat()
    plan_start(run_exitkit, demo / "plan.yaml", demo, state, notice)
    run_exitkit("plan", "run", "m3-licences", "--state", state)
    assert run_exitkit("plan", "check", "m3-licences", "--state", state).code == 0
    return base


def test_the_report_on_a_running_exit_follows_its_schema(
    exitkit: Callable[..., Run], drilled: Path
) -> None:
    html = drilled / "report.html"

    done = exitkit("report", "--state", drilled / "state.db", "--html", html)

    assert done.code == 1, done  # overdue milestones and a failed restore test are problems
    assert f"wrote {html} and {drilled / 'report.json'}: problems found" in done.out
    record = json.loads((drilled / "report.json").read_text())
    assert problems(record, "drill-report.v1") == []
    statuses = {row["id"]: row["status"] for row in record["milestones"]}
    assert statuses["m1-inventory"] == "overdue" and statuses["m3-licences"] == "done"
    assert record["completeness"]["by_kind"]["license"]["exported"] == 2
    assert record["journal"]["intact"] is True
    assert len(record["drills"]) == 1
    restore = [c for c in record["failed_checks"] if c["check"].startswith("restore_test")]
    assert restore and "no lab device configured" in restore[0]["reason"]


def test_the_html_report_renders_its_chart_in_a_browser_and_asks_for_nothing(
    exitkit: Callable[..., Run], drilled: Path
) -> None:
    assert chromium() is not None, "Debian's chromium is missing: `make test` installs it"
    html = drilled / "browser.html"
    exitkit("report", "--state", drilled / "state.db", "--html", html)
    control = drilled / "control.html"
    control.write_text(
        '<img src="http://example.com/x.png"><link rel="stylesheet" href="https://cdn.example.org/a.css">'
    )

    page = visit(html, PAGE_FACTS)
    leaky = visit(control, "JSON.stringify(document.title)")

    assert EXTERNAL.search(html.read_text()) is None
    assert page.requests == [html.resolve().as_uri()]
    assert leaky.requests[1:] == [
        "http://example.com/x.png",
        "https://cdn.example.org/a.css",
    ]  # the probe works
    facts = page.facts
    assert facts["title"] == "Exit drill report: demo"
    assert facts["chart"] and facts["windowLine"] and facts["chartWidth"] > 500
    assert len(facts["rows"]) == 6 and "overdue" in facts["rows"] and "done" in facts["rows"]
    assert facts["failedChecks"] >= 1 and facts["drills"] == 1


def test_a_report_on_a_drill_folder_and_on_a_plain_bundle(
    exitkit: Callable[..., Run], drilled: Path, estate: Path, tmp_path: Path
) -> None:
    exported = exitkit("export", estate, "--out", tmp_path / "bundle")
    assert exported.code == 0, exported

    on_drill = exitkit("report", drilled / "drill", "--html", tmp_path / "drill-report.html")
    on_bundle = exitkit(
        "report",
        tmp_path / "bundle",
        "--html",
        tmp_path / "bundle.html",
        "--json",
        tmp_path / "bundle-report.json",
    )

    assert on_drill.code == 1, on_drill
    drill = json.loads((tmp_path / "drill-report.json").read_text())
    assert problems(drill, "drill-report.v1") == []
    assert drill["source"]["kind"] == "drill" and len(drill["milestones"]) == 6
    assert drill["feasibility"]["fits"] is True
    assert on_bundle.code == 0, on_bundle
    bundle = json.loads((tmp_path / "bundle-report.json").read_text())
    assert problems(bundle, "drill-report.v1") == []
    assert bundle["source"]["kind"] == "bundle" and bundle["milestones"] == []
    assert bundle["completeness"]["complete"] is True
    assert "No plan in this report" in (tmp_path / "bundle.html").read_text()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("nowhere", "--state", "x.db"), "give a BUNDLE or --state, not both"),
        (("nowhere",), "neither a bundle (no manifest.json) nor a drill folder"),
        (("--state", "missing.db"), "no state database"),
    ],
)
def test_report_bad_input_is_named(
    exitkit: Callable[..., Run], tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    done = exitkit("report", *args, "--html", tmp_path / "r.html", cwd=tmp_path)

    assert done.code == 2, done
    assert message in done.err and "Traceback" not in done.err
