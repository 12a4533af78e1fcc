"""The demo: export the sandbox estate into a signed bundle and verify it, as a user would."""

from __future__ import annotations

from pathlib import Path

import click

from exitkit.bundle.signing import generate, load_private
from exitkit.bundle.verify import verify_bundle
from exitkit.bundle.verify_text import render
from exitkit.errors import UsageError
from exitkit.exporters.run import export_estate
from exitkit.inventory.loader import load_inventory
from exitkit.progress import ProgressDisplay


def demo_estate() -> Path:
    """inventories/demo of the checkout exitkit runs from."""
    for base in (Path.cwd(), Path(__file__).resolve().parent.parent):
        candidate = base / "inventories" / "demo"
        if (candidate / "estate.yaml").is_file():
            return candidate
    raise UsageError("inventories/demo not found: run the demo from an exitkit checkout")


def run_demo(out: Path) -> int:
    estate = load_inventory(demo_estate())
    key_path = out / "keys" / "demo-signing.key"
    if not key_path.exists():
        generate(key_path)
    bundle = out / "bundle"
    click.echo(f"exporting {len(estate.assets)} assets of estate {estate.name} into {bundle}")
    with ProgressDisplay("exporting", len(estate.assets)) as progress:
        summary = export_estate(
            estate,
            bundle,
            sign_key=load_private(key_path),
            on_done=lambda result, kept: progress.advance(
                f"{'kept' if kept else result.status} {result.id} ({result.kind})"
            ),
        )
    outcome = verify_bundle(bundle, estate, key_path.with_name(key_path.name + ".pub"))
    click.echo(render(outcome.record))
    click.echo(f"\nbundle: {bundle}\nsigning key: {key_path} (public: {key_path}.pub)")
    return 0 if outcome.ok and not summary.failed else 1
