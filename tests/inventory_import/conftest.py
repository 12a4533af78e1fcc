"""Fixtures for `exitkit inventory import`: an estate with comments a user wrote by hand, the
NetBox emulator (pynetbox is real; only the server is emulated), and a way to run the import."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path

import pytest

from exitkit.inventory_import.run import ImportReport, import_sources
from exitkit.sandbox.netbox import NetboxEmulator

HAND_WRITTEN = """\
# Acme's estate, kept by hand since 2023 (header comment)
version: 1
estate: acme-prod
client:   {name: Acme SAS, lei: 969500EXAMPLE0000001}   # aligned on purpose
provider: {name: Example MSP}
contract: {reference: CTR-2024-017, notice_days: 90, reversibility_days: 60}
reviewed: 2099-01-01

credentials:
  net-ro: {username: netops, password: {env: NET_PASSWORD}}   # read-only account

assets:
  # --- written by hand, before any import ---
  - {id: par1-core-1, kind: network_device, platform: cisco_ios, host: 192.0.2.10,
     credentials: net-ro, criticality: P1, description: "kept by hand"}   # a clash on purpose
  - id: m365
    kind: license
    vendor: Microsoft
    product: "Microsoft 365 E3"   # quoted on purpose
    quantity: 120
    holder: client
    transferable: true
    expires: 2099-06-30
  # end of assets: new entries go above this line
"""
COMMENTS = [line.strip() for line in HAND_WRITTEN.splitlines() if "#" in line]


@pytest.fixture
def estate(tmp_path: Path) -> Path:
    """An estate folder whose estate.yaml a person wrote: comments, flow style, quotes."""
    folder = tmp_path / "acme"
    folder.mkdir()
    (folder / "estate.yaml").write_text(HAND_WRITTEN)
    return folder


@pytest.fixture(scope="session")
def netbox_server() -> Iterator[NetboxEmulator]:
    """The NetBox emulator with small pages (NetBox's MAX_PAGE_SIZE = 4), so paging is used."""
    with NetboxEmulator(page_size=4, max_page_size=4) as emulator:
        yield emulator


@pytest.fixture
def netbox(
    netbox_server: NetboxEmulator, monkeypatch: pytest.MonkeyPatch
) -> Iterator[NetboxEmulator]:
    """The emulator with NETBOX_TOKEN set for this test, its log emptied, its devices restored
    afterwards (a test may rename or move them)."""
    monkeypatch.setenv("NETBOX_TOKEN", netbox_server.token)
    saved = copy.deepcopy(netbox_server.devices)
    netbox_server.log.clear()
    yield netbox_server
    netbox_server.devices[:] = saved


def netbox_source(emulator: NetboxEmulator, query: str = "") -> str:
    return f"netbox+{emulator.base_url}/?token-env=NETBOX_TOKEN" + (f"&{query}" if query else "")


def run_import(estate: Path, *sources: str, dry_run: bool = False) -> ImportReport:
    return import_sources(list(sources), estate, dry_run=dry_run)


def text_of(estate: Path) -> str:
    return (estate / "estate.yaml").read_text()


def assert_hand_written_kept(text: str) -> None:
    """Every comment, the header and the hand-written entries are in the file as written."""
    for comment in COMMENTS:
        assert comment in text, comment
    header = HAND_WRITTEN.split("credentials:")[0]
    assets = HAND_WRITTEN[HAND_WRITTEN.index("assets:") : HAND_WRITTEN.index("  # end of assets")]
    assert text.startswith(header)
    assert assets in text
    assert (
        "  net-ro: {username: netops, password: {env: NET_PASSWORD}}   # read-only account\n"
        in text
    )
