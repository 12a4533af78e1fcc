"""Benchmark: Microsoft Graph through exitkit's client (azure-identity + requests) beside Microsoft's
Graph SDK for Python (msgraph-sdk), on the Graph emulator: import time, and a paged collection
(directory role assignments with `$expand=principal`, 100 per page) read to the end.

msgraph-sdk is not an exitkit dependency: give an interpreter that has it (and azure-identity),
e.g. a throwaway venv: `python -m venv /tmp/g && /tmp/g/bin/pip install msgraph-sdk`.
Usage: python benchmarks/m365_graph.py [--assignments 1000] [--msgraph-python /tmp/g/bin/python]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from typing import Any

from exitkit.cloud.collect import Collection
from exitkit.cloud.m365.graph import GraphClient
from exitkit.sandbox.azure_arm import ArmEmulator
from exitkit.sandbox.azure_roles import EXPORTER_CLIENT_ID, EXPORTER_SECRET
from exitkit.sandbox.azure_seed import TENANT_ID
from exitkit.sandbox.graph_seed import MSP_ADMIN

IMPORTS = {
    "exitkit (azure-identity + requests)": "import azure.identity, requests",
    "msgraph-sdk": "import azure.identity; from msgraph import GraphServiceClient",
}
SDK_RUN = r"""
import asyncio, json, sys, time
t0 = time.perf_counter()
import httpx
from azure.identity import ClientSecretCredential
from kiota_authentication_azure.azure_identity_authentication_provider import (
    AzureIdentityAuthenticationProvider)
from msgraph import GraphRequestAdapter, GraphServiceClient
from msgraph.generated.role_management.directory.role_assignments.role_assignments_request_builder import (
    RoleAssignmentsRequestBuilder)
from msgraph_core import GraphClientFactory
imported = time.perf_counter() - t0
base, cert, tenant, client_id, secret = sys.argv[1:6]
credential = ClientSecretCredential(tenant, client_id, secret, authority=base,
                                    disable_instance_discovery=True, connection_verify=cert)
auth = AzureIdentityAuthenticationProvider(credential, scopes=[base + "/.default"],
                                           allowed_hosts=["127.0.0.1"])
http = GraphClientFactory.create_with_default_middleware(client=httpx.AsyncClient(verify=cert))
adapter = GraphRequestAdapter(auth, http)
adapter.base_url = base + "/v1.0"
graph = GraphServiceClient(request_adapter=adapter)
query = RoleAssignmentsRequestBuilder.RoleAssignmentsRequestBuilderGetQueryParameters(
    expand=["principal"], top=999)
config = RoleAssignmentsRequestBuilder.RoleAssignmentsRequestBuilderGetRequestConfiguration(
    query_parameters=query)

async def read():
    builder = graph.role_management.directory.role_assignments
    page = await builder.get(request_configuration=config)
    items = list(page.value or [])
    while page.odata_next_link:
        page = await builder.with_url(page.odata_next_link).get()
        items += page.value or []
    return items

async def main():
    runs = []
    for _ in range(3):  # one event loop: the SDK's httpx client belongs to it
        t1 = time.perf_counter()
        items = await read()
        runs.append(time.perf_counter() - t1)
    return runs, items

runs, items = asyncio.run(main())
print(json.dumps({"import_s": imported, "runs_s": runs, "items": len(items)}))
"""


def import_time(python: str, statement: str) -> float:
    """Median of 3 cold imports, each in a fresh interpreter."""
    code = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
    times = [
        float(
            subprocess.run([python, "-c", code], capture_output=True, text=True, check=True).stdout
        )
        for _ in range(3)
    ]
    return statistics.median(times)


def seed(emulator: ArmEmulator, count: int) -> None:
    emulator.graph.page_size = 100
    for index in range(count):
        emulator.graph.tenant.assignments.append(
            {"id": f"bulk-{index}", "roleDefinitionId": "88d8e3e3-8f55-4a1e-953a-9b9898b8876b",
             "principalId": MSP_ADMIN, "directoryScopeId": "/"}
        )  # fmt: skip


def exitkit_runs(emulator: ArmEmulator) -> tuple[list[float], int]:
    import os

    os.environ["REQUESTS_CA_BUNDLE"] = str(emulator.cert_path)
    runs, found = [], 0
    for _ in range(3):
        collection = Collection(1, lambda error: ("x", str(error)), str)
        client = GraphClient(emulator.base_url, emulator.credential(), collection)
        started = time.perf_counter()
        found = len(
            client.read("roleManagement/directory/roleAssignments", {"$expand": "principal"})
        )
        runs.append(time.perf_counter() - started)
    return runs, found


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--assignments", type=int, default=1000)
    parser.add_argument("--msgraph-python", default="")
    args = parser.parse_args()
    with ArmEmulator() as emulator:
        seed(emulator, args.assignments)
        mine, found = exitkit_runs(emulator)
        print(f"{found} role assignments, {emulator.graph.page_size} per page, 3 runs each")
        print(f"  exitkit (azure-identity + requests): import {import_time(sys.executable, IMPORTS['exitkit (azure-identity + requests)']):.2f} s, "
              f"read {statistics.median(mine):.2f} s (median)")  # fmt: skip
        if args.msgraph_python:
            sdk: dict[str, Any] = json.loads(subprocess.run(
                [args.msgraph_python, "-c", SDK_RUN, emulator.base_url, str(emulator.cert_path),
                 TENANT_ID, EXPORTER_CLIENT_ID, EXPORTER_SECRET],
                capture_output=True, text=True, check=False).stdout or "{}")  # fmt: skip
            cold = import_time(args.msgraph_python, IMPORTS["msgraph-sdk"])
            print(
                f"  msgraph-sdk: import {cold:.2f} s (+ {sdk['import_s']:.2f} s for the request "
                f"builders used), read {statistics.median(sdk['runs_s']):.2f} s (median), "
                f"{sdk['items']} items"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
