"""Importing Oxidized and RANCID router.db files: models and types mapped, logins moved to
0600 files (never into estate.yaml), down devices reported, bad lines named by file:line."""

from __future__ import annotations

import re
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from exitkit.inventory.credentials import login
from exitkit.inventory.loader import load_inventory
from exitkit.inventory.models import NetworkDevice
from exitkit.inventory_import.spec import SourceError
from tests.conftest import Run
from tests.inventory_import.conftest import assert_hand_written_kept, run_import, text_of

OX_PASSWORD = "Oxid1zed-S3cret!"
OX_ENABLE = "En4ble-S3cret"
FW_PASSWORD = "F0rti-Adm1n"
ROUTER_DB = f"""\
# Oxidized source.csv: name:ip:model:username:password:enable
acc-sw-1:10.1.0.1:ios:netops:{OX_PASSWORD}:{OX_ENABLE}
acc-sw-2:10.1.0.2:iosxe:netops:{OX_PASSWORD}:{OX_ENABLE}
fw-1:10.1.0.9:fortios:admin:{FW_PASSWORD}:
wlc-1:10.1.0.20:aireos:admin:{FW_PASSWORD}:
PAR1-CORE-1:10.1.0.254:ios:::
"""
OX_MAP = "map=name:ip:model:username:password:enable"
RANCID_DB = """\
# RANCID 3 router.db for group core
par1-core-2.acme.example;cisco;up;spare core
lyo1-spine-1.acme.example;cisco-nx;up
old-sw-9.acme.example;cisco;down;waiting for removal
lb-1.acme.example;bigip;up

lyo1-edge-1.acme.example;arista;UP
"""


@pytest.fixture
def oxidized(tmp_path: Path) -> str:
    path = tmp_path / "oxidized" / "router.db"
    path.parent.mkdir()
    path.write_text(ROUTER_DB)
    return f"oxidized:{path}?{OX_MAP}"


@pytest.fixture
def rancid(tmp_path: Path) -> Path:
    path = tmp_path / "rancid" / "router.db"
    path.parent.mkdir()
    path.write_text(RANCID_DB)
    return path


def test_oxidized_passwords_go_to_0600_files_never_into_estate_yaml(
    estate: Path, oxidized: str
) -> None:
    report = run_import(estate, oxidized)
    text = text_of(estate)
    for secret in (OX_PASSWORD, OX_ENABLE, FW_PASSWORD):
        assert secret not in text
        assert secret not in report.diff
    assert_hand_written_kept(text)
    data = yaml.safe_load(text)
    assert data["credentials"]["oxidized-netops"] == {
        "username": "netops",
        "password": {"file": "secrets/oxidized-netops.password"},
        "secret": {"file": "secrets/oxidized-netops.enable"},
    }
    secrets = estate / "secrets"
    assert stat.S_IMODE(secrets.stat().st_mode) == 0o700
    for name in ("oxidized-netops.password", "oxidized-netops.enable", "oxidized-admin.password"):
        assert stat.S_IMODE((secrets / name).stat().st_mode) == 0o600
    assert (secrets / ".gitignore").read_text().endswith("*\n")
    # the references resolve to the values router.db held
    inventory = load_inventory(estate)
    device = inventory.asset("acc-sw-2")
    assert isinstance(device, NetworkDevice) and device.platform == "cisco_xe"
    values = login(inventory.estate.credentials[device.credentials], inventory.base_dir)
    assert (values.username, values.password, values.secret) == ("netops", OX_PASSWORD, OX_ENABLE)


def test_oxidized_models_are_mapped_and_an_unknown_one_is_reported(
    estate: Path, oxidized: str
) -> None:
    report = run_import(estate, oxidized)
    assets = {a["id"]: a for a in yaml.safe_load(text_of(estate))["assets"]}
    assert assets["fw-1"]["platform"] == "fortinet" and assets["fw-1"]["host"] == "10.1.0.9"
    assert assets["acc-sw-1"]["labels"] == {"source": "oxidized"}
    [skipped] = report.harvests[0].skipped
    assert skipped.name == "wlc-1" and skipped.origin.endswith("router.db:5")
    assert "oxidized platform 'aireos' has no mapping" in skipped.reason
    # PAR1-CORE-1 becomes par1-core-1: the hand-written entry of that id is left, and said so
    [left] = report.outcome.left
    assert left.name == "par1-core-1" and "written by hand" in left.reason
    assert assets["par1-core-1"]["host"] == "192.0.2.10"


def test_a_second_oxidized_import_changes_nothing(estate: Path, oxidized: str) -> None:
    run_import(estate, oxidized)
    first = text_of(estate)
    again = run_import(estate, oxidized)
    assert text_of(estate) == first and again.diff == "" and not again.outcome.credentials_added


def test_a_changed_password_makes_a_new_set_and_moves_the_devices_to_it(
    estate: Path, oxidized: str, tmp_path: Path
) -> None:
    run_import(estate, oxidized)
    path = tmp_path / "oxidized" / "router.db"
    path.write_text(ROUTER_DB.replace(OX_PASSWORD, "R0tated-S3cret"))
    report = run_import(estate, oxidized)
    assert report.outcome.credentials_added == ["oxidized-netops-2"]
    assert sorted(c.id for c, fields in report.outcome.changed) == ["acc-sw-1", "acc-sw-2"]
    assert (estate / "secrets" / "oxidized-netops-2.password").read_text() == "R0tated-S3cret\n"
    assert "R0tated-S3cret" not in text_of(estate)


def test_passwords_refuse_stops_before_anything_is_written(
    estate: Path, oxidized: str, exitkit: Callable[..., Run]
) -> None:
    before = text_of(estate)
    run = exitkit("inventory", "import", oxidized + "&passwords=refuse", "--into", estate)
    assert run.code == 2, run
    assert "router.db:2: holds a password and passwords=refuse was given" in run.err
    assert OX_PASSWORD not in run.out + run.err
    assert text_of(estate) == before and not (estate / "secrets").exists()


def test_a_dry_run_prints_the_diff_and_writes_no_file(
    estate: Path, oxidized: str, exitkit: Callable[..., Run]
) -> None:
    before = text_of(estate)
    run = exitkit("inventory", "import", oxidized, "--into", estate, "--dry-run")
    assert run.code == 1, run  # wlc-1 could not be imported
    assert "+  oxidized-netops: {username: netops, password: {file: secrets/" in run.out
    assert "+  - id: acc-sw-1\n" in run.out
    assert "would write secrets/oxidized-netops.password (mode 0600)" in run.out
    assert "dry run, nothing written" in run.out
    for secret in (OX_PASSWORD, OX_ENABLE, FW_PASSWORD):
        assert secret not in run.out + run.err
    assert text_of(estate) == before and not (estate / "secrets").exists()


def test_a_map_with_ignored_columns_and_another_delimiter(estate: Path, tmp_path: Path) -> None:
    path = tmp_path / "ox.csv"
    path.write_text("# name,group,model,address\nbr-1,branches,eos,10.9.0.1\n")
    run_import(estate, f"oxidized:{path}?map=name,group,model,ip&delimiter=,")
    [entry] = [a for a in yaml.safe_load(text_of(estate))["assets"] if a["id"] == "br-1"]
    assert entry["platform"] == "arista_eos" and entry["host"] == "10.9.0.1"
    assert entry["labels"] == {"source": "oxidized", "group": "branches"}
    assert entry["credentials"] == "net-ro"  # no login columns: the estate's default set


@pytest.mark.parametrize(
    ("content", "query", "message"),
    [
        ("sw-1:ios\nsw-2\n", "", "router.db:2: 1 field(s) separated by ':', the map names 2"),
        ("sw-1:ios\n", "map=name:os", "oxidized map: unknown column os"),
        ("sw-1:ios\n", "mapping=name:model", "unknown parameter 'mapping'"),
        (b"sw-1:\xff\n", "", "router.db: not UTF-8 text"),
    ],
)
def test_a_bad_router_db_or_map_is_bad_input_naming_where(
    estate: Path, tmp_path: Path, content: str | bytes, query: str, message: str
) -> None:
    path = tmp_path / "router.db"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    with pytest.raises(SourceError, match=re.escape(message)):
        run_import(estate, f"oxidized:{path}?{query}")


def test_rancid_types_are_mapped_and_down_devices_reported(estate: Path, rancid: Path) -> None:
    report = run_import(estate, f"rancid:{rancid}")
    assert_hand_written_kept(text_of(estate))
    assets = {a["id"]: a for a in yaml.safe_load(text_of(estate))["assets"]}
    assert assets["lyo1-spine-1.acme.example"] == {
        "id": "lyo1-spine-1.acme.example",
        "kind": "network_device",
        "platform": "cisco_nxos",
        "host": "lyo1-spine-1.acme.example",
        "credentials": "net-ro",
        "labels": {"source": "rancid"},
    }
    assert assets["lyo1-edge-1.acme.example"]["platform"] == "arista_eos"
    reasons = {skip.name: skip.reason for skip in report.harvests[0].skipped}
    assert reasons["old-sw-9.acme.example"] == "marked down in router.db"
    assert "rancid platform 'bigip' has no mapping" in reasons["lb-1.acme.example"]
    assert report.harvests[0].read == 5 and report.problems
    again = run_import(estate, f"rancid:{rancid}")
    assert again.diff == "" and len(again.outcome.unchanged) == 3


def test_rancid_2_colon_files_are_read_too(estate: Path, tmp_path: Path) -> None:
    path = tmp_path / "router.db"
    path.write_text("core-a:cisco:up\ncore-b:juniper:down\n")
    report = run_import(estate, f"rancid:{path}")
    assert [c.id for c in report.outcome.added] == ["core-a"]
    assert report.harvests[0].skipped[0].reason == "marked down in router.db"


def test_a_short_rancid_line_is_bad_input(
    estate: Path, tmp_path: Path, exitkit: Callable[..., Run]
) -> None:
    path = tmp_path / "router.db"
    path.write_text("core-a;cisco;up\ncore-b;cisco\n")
    run = exitkit("inventory", "import", f"rancid:{path}", "--into", estate)
    assert run.code == 2
    assert f"{path}:2: expected name;type;state, found 2 field(s)" in run.err
