"""How an import edits estate.yaml: only the lines it must, whatever the layout; ids never
duplicated; another source's or a person's entry left alone; bad input refused before writing."""

from __future__ import annotations

import re
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from exitkit.errors import InventoryError
from exitkit.inventory.loader import load_inventory
from exitkit.inventory_import.spec import SourceError
from tests.conftest import Run
from tests.inventory_import.conftest import HAND_WRITTEN, run_import, text_of

HEADER = HAND_WRITTEN.split("credentials:")[0]


def router_db(tmp_path: Path, text: str, name: str = "router.db") -> str:
    path = tmp_path / name
    path.write_text(text)
    return f"rancid:{path}"


def test_an_import_into_a_hand_written_file_only_adds_lines(estate: Path, tmp_path: Path) -> None:
    report = run_import(estate, router_db(tmp_path, "sw-1;cisco;up\nsw-2;juniper;up\n"))
    changed = [line for line in report.diff.splitlines()[3:] if line[:1] in "+-"]
    assert changed and all(line.startswith("+") for line in changed)
    text = text_of(estate)
    assert text.endswith("  # end of assets: new entries go above this line\n")
    assert "    labels: {source: rancid}\n  # end of assets" in text


def test_an_estate_with_no_assets_and_no_credentials_gets_both(tmp_path: Path) -> None:
    folder = tmp_path / "new"
    folder.mkdir()
    (folder / "estate.yaml").write_text(HEADER + "# our devices\nassets: []   # none yet\n")
    report = run_import(folder, router_db(tmp_path, "sw-1;cisco;up\n"))
    assert report.outcome.credentials_added == ["net-ro"]
    text = text_of(folder)
    assert text.startswith(HEADER + "credentials:\n  net-ro: {username: {env: NET_RO_USERNAME}")
    assert "# our devices\nassets:   # none yet\n  - id: sw-1\n" in text
    assert load_inventory(folder).asset("sw-1") is not None


def test_an_estate_without_an_assets_key_gets_one(tmp_path: Path) -> None:
    folder = tmp_path / "bare"
    folder.mkdir()
    (folder / "estate.yaml").write_text(HEADER)
    run_import(folder, router_db(tmp_path, "sw-1;cisco;up\n"))
    assert [a.id for a in load_inventory(folder).assets] == ["sw-1"]
    assert text_of(folder).startswith(HEADER)


def test_an_owned_entry_in_flow_style_is_updated_in_its_own_style(
    estate: Path, tmp_path: Path
) -> None:
    text = text_of(estate).replace(
        "  # end of assets",
        "  - {id: sw-1, kind: network_device, platform: cisco_ios, host: sw-1, credentials: net-ro,\n"
        "     labels: {source: rancid}, port: 2022}   # moved to ssh on 2022\n  # end of assets",
    )
    (estate / "estate.yaml").write_text(text)
    report = run_import(estate, router_db(tmp_path, "sw-1;cisco-nx;up\n"))
    [(candidate, fields)] = report.outcome.changed
    assert candidate.id == "sw-1" and fields == ["platform"]
    after = text_of(estate)
    assert "platform: cisco_nxos" in after and "port: 2022" in after
    assert "port: 2022} # moved to ssh on 2022\n  # end of assets" in after
    head, tail = text.split("  - {id: sw-1"), after.split("  - {id: sw-1")
    assert tail[0] == head[0]  # nothing above the entry moved


def test_an_unusual_layout_is_rewritten_whole_and_keeps_every_comment(tmp_path: Path) -> None:
    folder = tmp_path / "flow"
    folder.mkdir()
    original = HEADER + (
        "assets: [  # all on a few lines\n"
        "  {id: m365, kind: license, vendor: Microsoft, product: M365, quantity: 1,\n"
        "   holder: client, transferable: true}]\n"
    )
    (folder / "estate.yaml").write_text(original)
    run_import(folder, router_db(tmp_path, "sw-1;cisco;up\n"))
    text = text_of(folder)
    assert "# all on a few lines" in text and "# Acme's estate, kept by hand" in text
    assert [a.id for a in load_inventory(folder).assets] == ["m365", "sw-1"]


def test_an_id_offered_by_two_sources_is_taken_from_the_first_only(
    estate: Path, tmp_path: Path
) -> None:
    first = router_db(tmp_path, "sw-1;cisco;up\n", "a.db")
    ox = tmp_path / "ox.db"
    ox.write_text("SW-1:eos\n")
    report = run_import(estate, first, f"oxidized:{ox}")
    [left] = report.outcome.left
    assert left.name == "sw-1" and left.reason == f"also offered by {first}"
    ids = [a["id"] for a in yaml.safe_load(text_of(estate))["assets"]]
    assert ids.count("sw-1") == 1
    # next time, the entry belongs to rancid: oxidized's offer is left, and says why
    again = run_import(estate, f"oxidized:{ox}")
    assert again.outcome.left[0].reason == "an entry with this id exists, imported from rancid"


def test_the_file_mode_of_the_estate_is_kept(estate: Path, tmp_path: Path) -> None:
    (estate / "estate.yaml").chmod(0o640)
    run_import(estate, router_db(tmp_path, "sw-1;cisco;up\n"))
    assert stat.S_IMODE((estate / "estate.yaml").stat().st_mode) == 0o640


@pytest.mark.parametrize(
    ("map_text", "message"),
    [
        ("netbox:\n  vyos: Cisco IOS\n", ":2:9: expected a netmiko device type"),
        ("netbx:\n  vyos: cisco_ios\n", ":1:1: unknown section 'netbx'"),
        ("- vyos\n", ":1:1: a platform map is a mapping"),
    ],
)
def test_a_bad_platform_map_is_bad_input_naming_file_and_line(
    estate: Path, tmp_path: Path, map_text: str, message: str
) -> None:
    (estate / "platform_map.yaml").write_text(map_text)
    with pytest.raises(SourceError, match=re.escape(f"platform_map.yaml{message}")):
        run_import(estate, router_db(tmp_path, "sw-1;cisco;up\n"))


def test_an_invalid_estate_is_refused_before_any_source_is_read(tmp_path: Path) -> None:
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "estate.yaml").write_text(HEADER + "assets:\n  - {id: x, kind: gadget}\n")
    with pytest.raises(InventoryError, match="unknown asset kind"):
        run_import(folder, "rancid:/nonexistent/router.db")


def test_an_unknown_source_kind_is_exit_2_with_one_line(
    estate: Path, exitkit: Callable[..., Run]
) -> None:
    run = exitkit("inventory", "import", "librenms:https://nms.example", "--into", estate)
    assert run.code == 2, run
    [line] = run.err.strip().splitlines()
    assert line.startswith("exitkit: error: unknown source kind 'librenms'")
    assert "netbox+https://HOST/" in line and "rancid:PATH/router.db" in line
