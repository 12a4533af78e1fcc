"""The demo: the annual exit drill of the sandbox estate, end to end, in one command.

It starts the emulated estate (devices, AWS, Azure), runs the drill of inventories/demo with its
plan into a signed bundle, verifies the bundle, writes the HTML report, and stops everything.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import click

from exitkit import api
from exitkit.bundle.atomic import dump_json, write_bytes
from exitkit.bundle.signing import generate
from exitkit.bundle.verify_text import render
from exitkit.clock import compact_stamp
from exitkit.errors import OK, PROBLEM, UsageError
from exitkit.plan.checks.network import restore_labs
from exitkit.plan.plan import ExitPlan
from exitkit.plan.playbooks import playbook_dir
from exitkit.sandbox.estate import LOOPBACK, LabDevice, start_sandbox_estate

_PACKAGE = Path(__file__).resolve().parent
DEMO_SCRIPTS = "playbooks"  # the demo's script asset: `repo: ../../playbooks`, a git repository


def demo_estate() -> Path:
    """The demo estate shipped with exitkit: `exitkit/inventories/demo` in an installed wheel,
    `inventories/demo` in a checkout."""
    for base in (_PACKAGE, _PACKAGE.parent):
        candidate = base / "inventories" / "demo"
        if (candidate / "estate.yaml").is_file() and (candidate / "plan.yaml").is_file():
            return candidate
    raise UsageError("the demo estate is missing from this installation of exitkit")


def working_copy(out: Path) -> Path:
    """The demo estate copied to OUT/estate, beside a git repository of the playbooks its script
    asset names: the demo writes nothing where exitkit is installed (the sandbox pins its
    devices' host keys in the estate's known_hosts)."""
    root = out / "estate"
    folder = root / "inventories" / "demo"
    shutil.copytree(demo_estate(), folder, dirs_exist_ok=True)
    scripts = root / DEMO_SCRIPTS
    if not (scripts / ".git").is_dir():
        skip = shutil.ignore_patterns("__pycache__", "*.pyc")
        shutil.copytree(playbook_dir(), scripts, dirs_exist_ok=True, ignore=skip)
        identity = ["-c", "user.name=exitkit demo", "-c", "user.email=demo@exitkit.invalid"]
        for command in (["init", "-q"], ["add", "-A"], [*identity, "commit", "-qm", "playbooks"]):
            subprocess.run(["git", "-C", str(scripts), *command], check=True, capture_output=True)
    return folder


def lab_devices(plan: ExitPlan) -> list[LabDevice]:
    """The loopback lab devices the plan's restore tests name."""
    return [LabDevice(lab.platform, lab.port) for lab in restore_labs(plan) if lab.host in LOOPBACK]


def _signing_key(out: Path) -> Path:
    key = out / "keys" / "demo-signing.key"
    if not key.exists():
        generate(key)
    return key


def run_demo(out: Path) -> int:
    """Run the whole demo into OUT; 0 when the drill passed and its bundle verifies."""
    started = time.monotonic()
    folder = working_copy(out)
    inventory = api.load_estate(folder)
    plan = api.load_exit_plan(folder / "plan.yaml", inventory)
    key = _signing_key(out)
    drill_out = out / "drills" / compact_stamp()
    state = out / "state.db"
    click.echo(f"exitkit demo: estate {inventory.name}, plan of {len(plan.milestones)} milestones")
    with start_sandbox_estate(inventory, lab_devices(plan)) as sandbox:
        for line in sandbox.describe():
            click.echo(f"  started {line}")
        sandbox.apply_env()
        drilled = api.run_drill(inventory, plan, drill_out, state, None, key, click.echo)
        report = api.report(state=state)  # its findings with the sandbox's logins in place
    click.echo("sandbox stopped")
    bundle = drill_out / "bundle"
    outcome = api.verify(bundle, public_key=key.with_name(key.name + ".pub"))
    click.echo("\n" + render(outcome.to_record()))
    html = out / "report.html"
    write_bytes(html, report.html().encode())
    write_bytes(out / "report.json", dump_json(report.to_record()))
    elapsed = time.monotonic() - started
    verdict = "passed" if drilled.ok and outcome.ok else "FAILED"
    click.echo(
        f"\ndrill {verdict} in {elapsed:.0f} s\n"
        f"  bundle:  {bundle} (signed; public key {key}.pub)\n"
        f"  verify:  {'OK' if outcome.ok else 'FAILED'}\n"
        f"  report:  {html}\n"
        f"  journal: {state}"
    )
    return OK if verdict == "passed" else PROBLEM
