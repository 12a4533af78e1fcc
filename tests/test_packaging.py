"""The wheel carries what an installed exitkit needs: the JSON Schemas and the playbooks."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_wheel_ships_every_schema(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            tmp_path,
            ROOT,
        ],
        check=True,
        capture_output=True,
    )
    wheel = next(tmp_path.glob("exitkit-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for schema in (ROOT / "export_schemas").glob("*.schema.json"):
        assert f"exitkit/export_schemas/{schema.name}" in names
    assert "exitkit/cli.py" in names
    # exitkit demo needs no checkout (its known_hosts is written when its sandbox starts)
    for name in ("estate.yaml", "plan.yaml"):
        assert f"exitkit/inventories/demo/{name}" in names
    assert "exitkit/inventory_import/platform_maps.yaml" in names  # the default platform maps
