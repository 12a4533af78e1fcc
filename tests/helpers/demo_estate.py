"""A live copy of the demo estate for tests: its sandbox running on free ports of 127.0.0.1."""

from __future__ import annotations

import re
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from exitkit.inventory.loader import load_inventory
from exitkit.plan.load import load_plan
from exitkit.sandbox.estate import start_sandbox_estate

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "inventories" / "demo"
DEMO_DEVICE_PORTS = range(22101, 22112)  # ten devices and the lab, as in inventories/demo
DEMO_ARM_PORT = 28443


def _free_ports(count: int) -> int:
    """The first of `count` consecutive free ports."""
    for base in range(30000, 60000, 97):
        sockets = []
        try:
            for port in range(base, base + count):
                probe = socket.socket()
                sockets.append(probe)
                probe.bind(("127.0.0.1", port))
            return base
        except OSError:
            continue
        finally:
            for probe in sockets:
                probe.close()
    raise RuntimeError("no free ports on 127.0.0.1")


_LAB = re.compile(r"\{restore_test: \{sample: 1, lab: \{[^}]*\}\}\}", re.DOTALL)


def copy_demo(target: Path, with_lab: bool = True) -> Path:
    """inventories/demo copied to `target`, every port moved to a free one (and no lab)."""
    shutil.copytree(DEMO, target)
    base = _free_ports(len(DEMO_DEVICE_PORTS) + 1)
    moves = {old: base + i for i, old in enumerate(DEMO_DEVICE_PORTS)}
    moves[DEMO_ARM_PORT] = base + len(DEMO_DEVICE_PORTS)
    pattern = re.compile(r"\b(" + "|".join(map(str, moves)) + r")\b")
    for name in ("estate.yaml", "plan.yaml"):
        text = pattern.sub(lambda m: str(moves[int(m.group(1))]), (target / name).read_text())
        text = text.replace("repo: ../../playbooks", f"repo: {ROOT / 'playbooks'}")
        if not with_lab:
            text = _LAB.sub("{restore_test: {sample: 1}}", text)
        (target / name).write_text(text)
    return target


@pytest.fixture(scope="module")
def live_demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A copy of the demo estate whose devices, AWS and Azure answer; yields its folder."""
    folder = copy_demo(tmp_path_factory.mktemp("live") / "demo")
    inventory = load_inventory(folder)
    from exitkit.demo import lab_devices

    labs = lab_devices(load_plan(folder / "plan.yaml", inventory))
    with start_sandbox_estate(inventory, labs) as sandbox:
        sandbox.apply_env()
        yield folder
