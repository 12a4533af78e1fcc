"""Importing from NetBox (pynetbox against the emulator) into an estate a person wrote."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import yaml

from exitkit.sandbox.netbox import NetboxEmulator
from tests.conftest import Run
from tests.inventory_import.conftest import (
    assert_hand_written_kept,
    netbox_source,
    run_import,
    text_of,
)


def assets_of(estate: Path) -> dict[str, dict]:
    data = yaml.safe_load(text_of(estate))
    return {asset["id"]: asset for asset in data["assets"]}


def test_devices_are_added_with_labels_and_the_hand_written_file_survives(
    estate: Path, netbox: NetboxEmulator
) -> None:
    report = run_import(estate, netbox_source(netbox))
    assert_hand_written_kept(text_of(estate))
    assets = assets_of(estate)
    assert assets["par1-fw-1"] == {
        "id": "par1-fw-1",
        "kind": "network_device",
        "platform": "fortinet",
        "host": "10.10.9.1",
        "credentials": "net-ro",
        "labels": {
            "source": "netbox",
            "site": "par1",
            "role": "firewall",
            "tags": ["crit-p1", "pci"],
        },
    }
    assert assets["par1-rtr-1"]["host"] == "2001:db8:10::1"
    assert assets["lyo1-spine-1"]["platform"] == "cisco_nxos"
    added = sorted(c.id for c in report.outcome.added)
    assert added == [
        "lyo1-edge-1", "lyo1-fw-1", "lyo1-leaf-1", "lyo1-spine-1",
        "par1-acc-1", "par1-core-2", "par1-fw-1", "par1-rtr-1",
    ]  # fmt: skip
    assert "lyo1-spare-1" not in assets  # planned: only active devices by default
    # the hand-written par1-core-1 is left as it was, and said so
    assert assets["par1-core-1"]["host"] == "192.0.2.10"
    [left] = report.outcome.left
    assert left.name == "par1-core-1" and "written by hand" in left.reason
    skipped = {skip.name: skip.reason for skip in report.harvests[0].skipped}
    assert "'vyos' has no mapping" in skipped["lab-vyos-1"]
    assert skipped["#13"] == "the device has no name in NetBox"
    assert report.harvests[0].notes == ["2 device(s) without a primary IP left out"]
    assert report.problems


def test_a_second_import_changes_nothing(estate: Path, netbox: NetboxEmulator) -> None:
    run_import(estate, netbox_source(netbox))
    first = text_of(estate)
    again = run_import(estate, netbox_source(netbox))
    assert text_of(estate) == first
    assert not again.written and again.diff == ""
    assert not again.outcome.added and not again.outcome.changed
    assert len(again.outcome.unchanged) == 8


def test_a_change_in_netbox_updates_only_the_fields_the_import_owns(
    estate: Path, netbox: NetboxEmulator
) -> None:
    run_import(estate, netbox_source(netbox))
    edited = text_of(estate).replace(
        "  - id: lyo1-leaf-1\n",
        "  # leaf 1 moves to the new hall in May\n  - id: lyo1-leaf-1\n    port: 2222\n"
        "    description: hand-written note   # mine\n",
    )
    (estate / "estate.yaml").write_text(edited)
    leaf = next(d for d in netbox.devices if d.name == "lyo1-leaf-1")
    leaf.address, leaf.tags = "10.11.2.201/24", ("pci",)
    report = run_import(estate, netbox_source(netbox))
    [(candidate, fields)] = report.outcome.changed
    assert candidate.id == "lyo1-leaf-1" and fields == ["host", "labels.tags"]
    entry = assets_of(estate)["lyo1-leaf-1"]
    assert entry["host"] == "10.11.2.201" and entry["labels"]["tags"] == ["pci"]
    assert entry["port"] == 2222 and entry["description"] == "hand-written note"
    text = text_of(estate)
    assert "  # leaf 1 moves to the new hall in May\n" in text and "# mine" in text
    assert_hand_written_kept(text)
    # only the leaf's lines changed
    assert sum(line.startswith(("+", "-")) for line in report.diff.splitlines()[2:]) <= 6


def test_criticality_comes_from_a_custom_field_or_a_tag(
    tmp_path: Path, estate: Path, netbox: NetboxEmulator
) -> None:
    run_import(estate, netbox_source(netbox, "criticality=field:tier"))
    levels = {k: v.get("criticality") for k, v in assets_of(estate).items()}
    assert levels["par1-fw-1"] == "P1" and levels["lyo1-spine-1"] == "P2"  # field value "2"
    assert levels["lyo1-leaf-1"] is None  # the field is empty: the default, P3, applies
    other = tmp_path / "other"
    other.mkdir()
    (other / "estate.yaml").write_text(text_of(estate).split("assets:")[0] + "assets: []\n")
    run_import(other, netbox_source(netbox, "criticality=tag:crit-"))
    levels = {k: v.get("criticality") for k, v in assets_of(other).items()}
    assert levels["par1-core-1"] == "P1" and levels["lyo1-fw-1"] == "P2"
    assert levels["par1-acc-1"] is None


def test_a_bad_criticality_value_is_reported_not_guessed(
    estate: Path, netbox: NetboxEmulator
) -> None:
    netbox.devices[2].custom_fields["tier"] = "very high"
    report = run_import(estate, netbox_source(netbox, "criticality=field:tier"))
    skipped = {skip.name: skip.reason for skip in report.harvests[0].skipped}
    assert skipped["par1-acc-1"] == "custom field tier holds 'very high', not one of P1..P4"
    assert "par1-acc-1" not in assets_of(estate)


def test_filters_reach_netbox_and_select_the_devices(estate: Path, netbox: NetboxEmulator) -> None:
    report = run_import(estate, netbox_source(netbox, "site=lyo1&role=firewall&role=router"))
    assert sorted(c.id for c in report.outcome.added) == ["lyo1-edge-1", "lyo1-fw-1"]
    targets = [target for _, target, _ in netbox.log]
    assert any("site=lyo1" in t and "role=firewall&role=router" in t for t in targets)


def test_the_platform_map_beside_the_estate_overrides_the_defaults(
    estate: Path, netbox: NetboxEmulator
) -> None:
    (estate / "platform_map.yaml").write_text(
        "netbox:\n  vyos: cisco_ios   # our VyOS boxes answer like IOS\n  eos: null\n"
    )
    report = run_import(estate, netbox_source(netbox))
    assets = assets_of(estate)
    assert assets["lab-vyos-1"]["platform"] == "cisco_ios"
    skipped = {skip.name: skip.reason for skip in report.harvests[0].skipped}
    assert "netbox platform 'eos' has no mapping" in skipped["lyo1-edge-1"]


def test_a_platform_mapped_to_a_type_exitkit_cannot_read_is_reported(
    estate: Path, netbox: NetboxEmulator
) -> None:
    (estate / "platform_map.yaml").write_text("netbox:\n  vyos: vyos\n")
    report = run_import(estate, netbox_source(netbox))
    skipped = {skip.name: skip.reason for skip in report.harvests[0].skipped}
    assert skipped["lab-vyos-1"].startswith("netbox platform 'vyos' maps to 'vyos', which exitkit")


def test_five_hundred_devices_page_in_and_validate(
    tmp_path: Path, estate: Path, exitkit: Callable[..., Run]
) -> None:
    with NetboxEmulator(devices=[]) as big:
        big.add_bulk(500)
        source = netbox_source(big)
        run = exitkit(
            "inventory", "import", source, "--into", estate, env={"NETBOX_TOKEN": big.token}
        )
        assert run.code == 0, run
        assert "500 read, 500 offered, 0 skipped" in run.out
        assert f"{estate / 'estate.yaml'}: 500 added, 0 changed, 0 unchanged, 0 left" in run.out
        pages = [t for _, t, _ in big.log if t.startswith("/api/dcim/devices/?")]
        assert len(pages) == 2  # 500 with has_primary_ip; the count of those without
    assert len(assets_of(estate)) == 502
    checked = exitkit("inventory", "validate", estate, env={"NET_PASSWORD": "x"})
    assert checked.code == 0, checked
    assert "estate acme-prod, 502 assets, valid" in checked.out


def test_a_refused_token_is_a_failed_source_and_nothing_is_written(
    estate: Path, netbox: NetboxEmulator, exitkit: Callable[..., Run]
) -> None:
    before = text_of(estate)
    run = exitkit(
        "inventory", "import", netbox_source(netbox), "--into", estate,
        env={"NETBOX_TOKEN": "f" * 40},
    )  # fmt: skip
    assert run.code == 1, run
    assert "FAILED: NetBox answered HTTP 403: Invalid token" in run.out
    assert "f" * 40 not in run.out + run.err
    assert text_of(estate) == before


def test_a_token_on_the_command_line_or_plain_http_elsewhere_is_refused(
    estate: Path, exitkit: Callable[..., Run]
) -> None:
    run = exitkit(
        "inventory", "import", "netbox+https://nb.example/?token=abc123", "--into", estate
    )
    assert run.code == 2 and "token= would put a secret on the command line" in run.err
    assert "abc123" not in run.out + run.err
    run = exitkit("inventory", "import", "netbox+http://nb.example/?token-env=T", "--into", estate)
    assert run.code == 2 and "plain http would send the token in clear" in run.err
