"""The NetBox emulator answers as NetBox's REST API documents it, for raw HTTP and for pynetbox:
count/next/previous/results pages with absolute links, nested brief objects, CIDR addresses,
token authentication, and the device filters NetBox offers (an unknown slug is a 400)."""

from __future__ import annotations

from typing import Any

import pynetbox
import pytest
import requests

from exitkit.sandbox.netbox import NetboxEmulator


def get(emulator: NetboxEmulator, path: str, token: str | None = None, **params: Any) -> Any:
    headers = {"Authorization": f"Token {token or emulator.token}", "Accept": "application/json"}
    return requests.get(f"{emulator.base_url}{path}", params=params, headers=headers, timeout=10)


def test_a_list_is_paged_with_absolute_links_that_keep_the_filters(netbox: NetboxEmulator) -> None:
    first = get(netbox, "/api/dcim/devices/", status="active", limit=3)
    assert first.status_code == 200 and first.headers["API-Version"] == "4.1"
    page = first.json()
    assert page["count"] == 13 and len(page["results"]) == 3 and page["previous"] is None
    assert page["next"] == f"{netbox.base_url}/api/dcim/devices/?limit=3&offset=3&status=active"
    second = requests.get(page["next"], headers={"Authorization": f"Token {netbox.token}"}).json()
    assert [d["id"] for d in second["results"]] == [4, 5, 6]
    assert second["previous"] == f"{netbox.base_url}/api/dcim/devices/?limit=3&status=active"


def test_the_page_size_is_capped_and_limit_zero_means_the_largest(netbox: NetboxEmulator) -> None:
    assert len(get(netbox, "/api/dcim/devices/", limit=500).json()["results"]) == 4
    assert len(get(netbox, "/api/dcim/devices/", limit=0).json()["results"]) == 4
    assert len(get(netbox, "/api/dcim/devices/").json()["results"]) == 4


def test_a_device_nests_brief_objects_and_its_primary_ip_in_cidr_form(
    netbox: NetboxEmulator,
) -> None:
    device = get(netbox, "/api/dcim/devices/1/").json()
    assert device["name"] == "par1-core-1"
    assert device["primary_ip"]["address"] == "10.10.0.1/24"
    assert device["primary_ip"]["url"] == f"{netbox.base_url}/api/ipam/ip-addresses/1/"
    assert device["primary_ip4"] == device["primary_ip"] and device["primary_ip6"] is None
    assert device["platform"]["slug"] == "cisco-ios"
    assert set(device["site"]) == {"id", "url", "display", "name", "slug", "description"}
    assert device["role"]["slug"] == "core-switch"
    assert device["status"] == {"value": "active", "label": "Active"}
    assert [tag["slug"] for tag in device["tags"]] == ["backbone", "crit-p1"]
    assert device["custom_fields"] == {"tier": "P1"}
    v6 = get(netbox, "/api/dcim/devices/8/").json()
    assert v6["primary_ip6"]["address"] == "2001:db8:10::1/64"
    assert v6["primary_ip6"]["family"] == {"value": 6, "label": "IPv6"}


@pytest.mark.parametrize(
    ("params", "names"),
    [
        ({"site": "lyo1", "role": "firewall"}, ["lyo1-fw-1"]),
        ({"site": ["par1", "lyo1"], "role": "router"}, ["par1-rtr-1", "lyo1-edge-1", "lab-vyos-1"]),
        ({"tag": ["pci", "crit-p1"]}, ["par1-fw-1"]),  # tags are AND-ed
        ({"has_primary_ip": "false"}, ["par1-pdu-1", "lyo1-pdu-1"]),
        ({"status": "planned"}, ["lyo1-spare-1"]),
        ({"platform": "nx-os", "has_primary_ip": "True"}, ["lyo1-spine-1", "lyo1-leaf-1"]),
    ],
)
def test_device_filters_select_as_netbox_does(
    netbox: NetboxEmulator, params: dict[str, Any], names: list[str]
) -> None:
    page = get(netbox, "/api/dcim/devices/", limit=0, **params).json()
    assert sorted(d["name"] for d in page["results"]) == sorted(names)
    assert page["count"] == len(names)


def test_an_unknown_slug_is_refused_naming_the_filter(netbox: NetboxEmulator) -> None:
    answer = get(netbox, "/api/dcim/devices/", site="atlantis")
    assert answer.status_code == 400
    assert answer.json() == {
        "site": ["Select a valid choice. atlantis is not one of the available choices."]
    }


def test_a_missing_or_wrong_token_is_refused(netbox: NetboxEmulator) -> None:
    anonymous = requests.get(f"{netbox.base_url}/api/dcim/devices/", timeout=10)
    assert anonymous.status_code == 403
    assert anonymous.json()["detail"] == "Authentication credentials were not provided."
    wrong = get(netbox, "/api/dcim/devices/", token="0" * 40)
    assert (wrong.status_code, wrong.json()) == (403, {"detail": "Invalid token"})


def test_pynetbox_reads_every_page_through_the_next_links(netbox: NetboxEmulator) -> None:
    api = pynetbox.api(netbox.base_url, token=netbox.token)
    assert api.status()["netbox-version"].startswith("4.1")
    devices = list(api.dcim.devices.filter(has_primary_ip=True, status="active"))
    assert len(devices) == 11
    assert {d.primary_ip.address for d in devices} >= {"10.10.0.1/24", "2001:db8:10::1/64"}
    assert devices[0].site.slug == "par1" and devices[0].platform.slug == "cisco-ios"
    requested = [target for method, target, status in netbox.log if "/dcim/devices/" in target]
    assert len(requested) == 3  # 11 devices, pages of 4: the first page, then two more
    assert api.dcim.devices.count(has_primary_ip=False) == 2
    with pytest.raises(pynetbox.RequestError) as refused:
        list(api.dcim.devices.filter(role="nonsense"))
    assert refused.value.req.status_code == 400
