"""Every registered network platform is whole: each part a reader, the redaction, the
normalisation, the restore and the Ansible inventory need is there, and nothing else lists
platform names."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from exitkit.netconfig.platforms import platforms, supported

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("device_type", supported())
def test_a_registered_platform_lacks_no_part(device_type: str) -> None:
    platform = platforms()[device_type]

    assert platform.missing_parts() == []
    assert platform.device_type == device_type
    assert platform.restore_file in platform.files_named()
    assert all(file.command and file.looks_right.pattern for file in platform.files)
    assert "." in platform.ansible_network_os  # a collection's fully qualified name
    for pattern in platform.volatile:
        re.compile(pattern)


@pytest.mark.parametrize("device_type", supported())
def test_the_prompt_and_pager_patterns_tell_a_waiting_session_from_configuration(
    device_type: str,
) -> None:
    platform = platforms()[device_type]

    assert platform.pager.search(" --More-- ") or platform.pager.search("---(more)---")
    assert not platform.prompt.match("interface GigabitEthernet0/1")
    assert not platform.prompt.match("set system host-name edge-1")


def test_no_module_outside_the_platform_modules_names_a_platform() -> None:
    names = "|".join(supported())
    offenders = []
    for path in (ROOT / "exitkit").rglob("*.py"):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith(("exitkit/netconfig/platforms/", "exitkit/sandbox/")):
            continue
        text = path.read_text()
        if re.search(rf"[\"']({names})[\"']", text):
            offenders.append(relative)
    assert offenders == []


def test_the_docs_platform_table_names_every_platform() -> None:
    page = (ROOT / "docs" / "network-devices.md").read_text()
    table = page[page.index("## What is exported, per platform") :]
    table = table[: table.index("### Platform modules")]
    assert [p for p in supported() if f"`{p}`" not in table] == []
