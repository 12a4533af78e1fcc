"""The demo: the annual exit drill of the sandbox estate, end to end, in one command.

It starts the emulated estate (devices, AWS, Azure), runs the drill of inventories/demo with its
plan into a signed bundle, verifies the bundle, writes the HTML report, and stops everything.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import click

from exitkit.bundle.atomic import dump_json, write_bytes
from exitkit.bundle.signing import generate, load_private
from exitkit.bundle.verify import verify_bundle
from exitkit.bundle.verify_text import render
from exitkit.drill.run import run_drill
from exitkit.errors import UsageError
from exitkit.inventory.loader import load_inventory
from exitkit.plan.load import load_plan
from exitkit.plan.plan import ExitPlan
from exitkit.report.build import report_from_state
from exitkit.report.html import render_html
from exitkit.sandbox.estate import LabDevice, start_sandbox_estate


def demo_estate() -> Path:
    """inventories/demo of the checkout exitkit runs from."""
    for base in (Path.cwd(), Path(__file__).resolve().parent.parent):
        candidate = base / "inventories" / "demo"
        if (candidate / "estate.yaml").is_file() and (candidate / "plan.yaml").is_file():
            return candidate
    raise UsageError("inventories/demo not found: run the demo from an exitkit checkout")


def lab_devices(plan: ExitPlan) -> list[LabDevice]:
    """The loopback lab devices the plan's restore tests name."""
    labs = []
    for milestone in plan.milestones:
        for call in milestone.checks:
            lab = call.arguments.get("lab") if call.name == "restore_test" else None
            if lab and lab.get("host") in ("127.0.0.1", "localhost"):
                labs.append(LabDevice(lab["platform"], int(lab["port"])))
    return labs


def _signing_key(out: Path) -> Path:
    key = out / "keys" / "demo-signing.key"
    if not key.exists():
        generate(key)
    return key


def run_demo(out: Path) -> int:
    """Run the whole demo into OUT; 0 when the drill passed and its bundle verifies."""
    started = time.monotonic()
    folder = demo_estate()
    inventory = load_inventory(folder)
    plan = load_plan(folder / "plan.yaml", inventory)
    key = _signing_key(out)
    drill_out = out / "drills" / dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    state = out / "state.db"
    click.echo(f"exitkit demo: estate {inventory.name}, plan of {len(plan.milestones)} milestones")
    with start_sandbox_estate(inventory, lab_devices(plan)) as sandbox:
        for line in sandbox.describe():
            click.echo(f"  started {line}")
        sandbox.apply_env()
        record = run_drill(inventory, plan, drill_out, state, None, load_private(key), click.echo)
        report = report_from_state(state, dt.date.today())  # findings with the sandbox's logins
    click.echo("sandbox stopped")
    bundle = drill_out / "bundle"
    outcome = verify_bundle(bundle, None, key.with_name(key.name + ".pub"))
    click.echo("\n" + render(outcome.record))
    html = out / "report.html"
    write_bytes(html, render_html(report).encode())
    write_bytes(out / "report.json", dump_json(report))
    elapsed = time.monotonic() - started
    verdict = "passed" if record["ok"] and outcome.ok else "FAILED"
    click.echo(
        f"\ndrill {verdict} in {elapsed:.0f} s\n"
        f"  bundle:  {bundle} (signed; public key {key}.pub)\n"
        f"  verify:  {'OK' if outcome.ok else 'FAILED'}\n"
        f"  report:  {html}\n"
        f"  journal: {state}"
    )
    return 0 if verdict == "passed" else 1
