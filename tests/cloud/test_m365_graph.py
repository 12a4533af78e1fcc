"""exitkit's Graph client against the emulator: pages followed to the end, Retry-After obeyed and
bounded, every call it may make one that access/ grants."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from exitkit.cloud.collect import Collection
from exitkit.cloud.m365.graph import GraphClient, GraphError
from exitkit.sandbox.azure_arm import ArmEmulator
from tests.cloud.m365_bundles import graph

__all__ = ["graph"]


def client(emulator: ArmEmulator, tries: int = 3) -> tuple[GraphClient, Collection]:
    collection = Collection(1, lambda error: ("x", str(error)), str)
    credential = emulator.credential()
    return GraphClient(
        emulator.base_url, credential, collection, tries=tries, max_wait_s=5
    ), collection


def test_pages_are_followed_to_the_last_and_each_request_counted(graph: ArmEmulator) -> None:
    found, collection = client(graph)
    assignments = found.read("roleManagement/directory/roleAssignments", {"$expand": "principal"})
    assert len(assignments) == 7 and all("principal" in a for a in assignments[:6])
    requests = graph.graph.faults.traffic.calls("/roleAssignments")
    assert len(requests) == 3  # the emulator serves 3 per page
    assert sum(collection.requests.values()) == sum(collection.calls.values()) == 3


def test_a_throttle_that_never_ends_is_asked_no_more_than_tries_times(graph: ArmEmulator) -> None:
    graph.graph.faults.throttle(r"/domains$", times=100, retry_after=1)
    found, collection = client(graph, tries=2)
    with pytest.raises(GraphError) as raised:
        found.read("domains")
    assert raised.value.error_class == "throttled"
    assert [status for *_, status in graph.graph.faults.traffic.calls("/domains")] == [429, 429]
    assert graph.graph.faults.traffic.early == 0
    assert Counter(collection.requests.values()) == Counter({2: 1})


def test_a_call_exitkit_does_not_declare_is_refused_before_it_is_sent(graph: ArmEmulator) -> None:
    found, _ = client(graph)
    with pytest.raises(ValueError, match="not a Graph call exitkit declares"):
        found.read("users")
    assert graph.graph.faults.traffic.log == []


def test_a_token_meant_for_resource_manager_is_refused_by_graph(graph: ArmEmulator) -> None:
    import requests

    token = graph.issue_token()  # audience: management.azure.com
    answer = requests.get(
        f"{graph.base_url}/v1.0/domains",
        headers={"Authorization": f"Bearer {token}"},
        verify=str(graph.cert_path),
        timeout=30,
    )
    assert answer.status_code == 401
    assert answer.json()["error"]["code"] == "InvalidAuthenticationToken"


def test_a_tenant_entry_with_an_unknown_key_is_refused_with_its_line(tmp_path: Path) -> None:
    from tests.cloud.bundles import estate_of
    from tests.cloud.m365_bundles import tenant
    from tests.conftest import run_exitkit

    good = estate_of(tmp_path / "good", [tenant("https://127.0.0.1:9")])
    assert run_exitkit("inventory", "validate", good).code in (0, 1)  # findings, not errors
    bad = estate_of(tmp_path / "bad", [tenant("https://127.0.0.1:9", licences={"m365": "SPB"})])
    refused = run_exitkit("inventory", "validate", bad)
    assert refused.code == 2, refused
    assert "estate.yaml:" in refused.err and "licences" in refused.err
