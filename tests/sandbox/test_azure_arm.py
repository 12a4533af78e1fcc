"""The ARM emulator, seen through the real Azure SDK clients and azure-identity credentials."""

from __future__ import annotations

import json
import ssl
import urllib.error
import urllib.request

import pytest
from azure.core.exceptions import (
    ClientAuthenticationError,
    HttpResponseError,
    ResourceNotFoundError,
)
from azure.core.rest import HttpRequest
from azure.identity import ClientSecretCredential, DefaultAzureCredential
from azure.mgmt.authorization import AuthorizationManagementClient
from azure.mgmt.resource.resources import ResourceManagementClient

from exitkit.sandbox.azure_arm import ArmEmulator
from exitkit.sandbox.azure_roles import CLIENT_ADMINS, OWNER
from exitkit.sandbox.azure_seed import SUB_ERP, SUB_SHARED
from exitkit.sandbox.expected import CLIENT, PROVIDER

GROUP_TYPE = "Microsoft.Resources/resourceGroups"
ARM_SCOPE = "https://management.azure.com/.default"


def _resources(emulator: ArmEmulator, sub: str = SUB_ERP) -> ResourceManagementClient:
    return ResourceManagementClient(emulator.credential(), sub, **emulator.client_kwargs())


def _authorization(emulator: ArmEmulator, sub: str = SUB_ERP) -> AuthorizationManagementClient:
    return AuthorizationManagementClient(emulator.credential(), sub, **emulator.client_kwargs())


def _gets(emulator: ArmEmulator, suffix: str) -> list[int]:
    return [status for method, path, status in emulator.traffic.log if path.endswith(suffix)]


def test_client_secret_credential_gets_a_token_from_the_emulator(
    azure_sandbox: ArmEmulator,
) -> None:
    token = azure_sandbox.credential().get_token(ARM_SCOPE)
    assert token.token.count(".") == 2 and token.expires_on > 0
    assert azure_sandbox.traffic.tokens == 2  # OpenID discovery, then the token itself
    wrong = ClientSecretCredential(
        azure_sandbox.tenant_id,
        "e0e0e0e0-0000-4000-8000-000000000001",
        "not-the-secret",
        authority=azure_sandbox.base_url,
        disable_instance_discovery=True,
        connection_verify=str(azure_sandbox.cert_path),
    )
    with pytest.raises(ClientAuthenticationError, match="AADSTS7000215"):
        wrong.get_token(ARM_SCOPE)


def test_default_credential_and_clients_work_from_the_environment(azure_env: ArmEmulator) -> None:
    credential = DefaultAzureCredential(disable_instance_discovery=True)  # else MSAL asks Microsoft
    client = ResourceManagementClient(
        credential, azure_env.subscription_id, base_url=azure_env.base_url
    )
    assert "rg-erp-prod" in {g.name for g in client.resource_groups.list()}


def test_resource_manager_refuses_calls_without_a_valid_bearer_token(
    azure_sandbox: ArmEmulator,
) -> None:
    context = ssl.create_default_context(cafile=str(azure_sandbox.cert_path))
    url = f"{azure_sandbox.base_url}/subscriptions?api-version=2022-12-01"
    for headers in ({}, {"Authorization": "Bearer forged.token.here"}):
        request = urllib.request.Request(url, headers=headers)
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, context=context)
        assert refused.value.code == 401
        assert refused.value.headers["WWW-Authenticate"].startswith("Bearer ")
        assert json.loads(refused.value.read())["error"]["code"] == "AuthenticationFailed"


def test_subscriptions_are_listed(azure_sandbox: ArmEmulator) -> None:
    client = _resources(azure_sandbox)
    reply = client.send_request(HttpRequest("GET", "/subscriptions?api-version=2022-12-01"))
    reply.raise_for_status()
    listed = {s["subscriptionId"]: s["displayName"] for s in reply.json()["value"]}
    assert listed == {SUB_ERP: "Acme ERP Production", SUB_SHARED: "Acme Shared Services"}


def test_subscription_client_lists_subscriptions(azure_sandbox: ArmEmulator) -> None:
    from azure.mgmt.resource.subscriptions import SubscriptionClient

    client = SubscriptionClient(azure_sandbox.credential(), **azure_sandbox.client_kwargs())
    assert {s.subscription_id for s in client.subscriptions.list()} == {SUB_ERP, SUB_SHARED}


@pytest.mark.parametrize("sub", [SUB_ERP, SUB_SHARED])
def test_groups_and_resources_are_listed_across_pages(azure_sandbox: ArmEmulator, sub: str) -> None:
    client = _resources(azure_sandbox, sub)
    expected = azure_sandbox.estate.in_account(sub)
    groups = [str(g.id) for g in client.resource_groups.list()]
    assert sorted(groups) == sorted(r.id for r in expected if r.type == GROUP_TYPE)
    listed = [(str(r.id), str(r.type), str(r.location)) for r in client.resources.list()]
    assert sorted(listed) == sorted(
        (r.id, r.type, r.region) for r in expected if r.type != GROUP_TYPE
    )
    by_group = [
        str(r.id)
        for g in client.resource_groups.list()
        for r in client.resources.list_by_resource_group(str(g.name))
    ]
    assert sorted(by_group) == sorted(r[0] for r in listed)
    if len(listed) > 5:
        assert len(_gets(azure_sandbox, f"/subscriptions/{sub}/resources")) > 1  # paged by nextLink


def test_a_resource_is_read_by_id_with_an_api_version_from_its_provider(
    azure_sandbox: ArmEmulator,
) -> None:
    client = _resources(azure_sandbox)
    vm = next(
        r for r in azure_sandbox.estate.resources if r.type == "Microsoft.Compute/virtualMachines"
    )
    provider = client.providers.get("Microsoft.Compute")
    versions = next(
        t.api_versions or []
        for t in provider.resource_types or []
        if t.resource_type == "virtualMachines"
    )
    resource = client.resources.get_by_id(vm.id, api_version=versions[0])
    assert resource.id == vm.id and resource.location == "westeurope"
    assert (resource.properties or {})["hardwareProfile"]["vmSize"] == "Standard_D4s_v5"
    assert (resource.tags or {})["owner"] == "acme"
    with pytest.raises(ResourceNotFoundError):
        client.resources.get_by_id(vm.id + "-gone", api_version=versions[0])


def test_a_resource_group_is_exported_as_a_template_by_a_long_running_operation(
    azure_sandbox: ArmEmulator,
) -> None:
    client = _resources(azure_sandbox)
    poller = client.resource_groups.begin_export_template("rg-erp-prod", {"resources": ["*"]})
    template = poller.result().template or {}
    members = [r for r in azure_sandbox.estate.resources if "/resourceGroups/rg-erp-prod/" in r.id]
    assert template["$schema"].endswith("deploymentTemplate.json#")
    assert sorted(r["type"] for r in template["resources"]) == sorted(r.type for r in members)
    vm = next(r for r in template["resources"] if r["type"] == "Microsoft.Compute/virtualMachines")
    assert any("networkInterfaces" in dependency for dependency in vm["dependsOn"])
    polls = _gets(
        azure_sandbox, "/operationStatuses/" + azure_sandbox.traffic.log[-1][1].rsplit("/", 1)[1]
    )
    assert len(polls) == 3  # Running, Running, Succeeded; then the result from Location


def test_role_assignments_name_client_and_provider_principals(azure_sandbox: ArmEmulator) -> None:
    client = _authorization(azure_sandbox)
    names = {
        d.id.rsplit("/", 1)[1]: d.role_name
        for d in client.role_definitions.list(f"/subscriptions/{SUB_ERP}")
    }
    assert names[OWNER] == "Owner"
    assert set(names.values()) == {"Owner", "Contributor", "User Access Administrator", "Reader"}
    held = {
        (a.principal_id, a.principal_type, names[a.role_definition_id.rsplit("/", 1)[1]], a.scope)
        for a in client.role_assignments.list_for_subscription()
    }
    expected = {
        (g.principal, g.principal_type, g.grant, g.scope)
        for g in azure_sandbox.estate.grants
        if g.account == SUB_ERP
    }
    assert held == expected
    assert (CLIENT_ADMINS, "Group", "Owner", f"/subscriptions/{SUB_ERP}") in held
    provider_roles = {g.grant for g in azure_sandbox.estate.grants if g.side == PROVIDER}
    assert provider_roles == {"Owner", "Contributor", "User Access Administrator"}
    assert any(g.side == CLIENT and g.grant == "Reader" for g in azure_sandbox.estate.grants)
    at_scope = client.role_assignments.list_for_scope(
        f"/subscriptions/{SUB_ERP}", filter="atScope()"
    )
    assert {a.scope for a in at_scope} == {f"/subscriptions/{SUB_ERP}"}  # not the group's Reader


def test_throttling_is_survived_by_the_sdk_retry_policy(azure_sandbox: ArmEmulator) -> None:
    client = _resources(azure_sandbox)
    azure_sandbox.throttle_requests(first=2, retry_after=1)
    assert len(list(client.resource_groups.list())) == 4
    assert azure_sandbox.traffic.throttled == 2
    assert _gets(azure_sandbox, "/resourcegroups") == [429, 429, 200]


def test_every_other_list_page_throttled_still_lists_everything(azure_sandbox: ArmEmulator) -> None:
    client = _resources(azure_sandbox)
    azure_sandbox.throttle_requests(every=2, retry_after=0.1, path=r"/resources$")
    listed = {r.id for r in client.resources.list()}
    assert listed == {r.id for r in azure_sandbox.estate.in_account(SUB_ERP)} - {
        r.id for r in azure_sandbox.estate.of_type(GROUP_TYPE)
    }
    assert azure_sandbox.traffic.throttled >= 2


def test_a_bulk_estate_pages_through_thousands_of_resources() -> None:
    with ArmEmulator(page_size=200) as emulator:
        added = emulator.seed_bulk(1000)
        client = ResourceManagementClient(
            emulator.credential(), SUB_SHARED, **emulator.client_kwargs()
        )
        listed = {str(r.id) for r in client.resources.list()}
    assert {r.id for r in added.resources if r.account == SUB_SHARED} <= listed
    assert len(listed) > 500


def test_a_persistently_failing_call_raises_and_the_others_still_answer(
    azure_sandbox: ArmEmulator,
) -> None:
    client = _resources(azure_sandbox)
    azure_sandbox.fail_requests(r"/resourceGroups/rg-erp-security/resources$")
    with pytest.raises(HttpResponseError) as failure:
        list(client.resources.list_by_resource_group("rg-erp-security"))
    assert failure.value.status_code == 403
    assert failure.value.error is not None and failure.value.error.code == "AuthorizationFailed"
    assert [r.name for r in client.resources.list_by_resource_group("rg-network-hub")]
    assert azure_sandbox.traffic.failed == 1


def test_fault_modes_are_reset_between_tests(azure_sandbox: ArmEmulator) -> None:
    assert azure_sandbox.faults.throttle is None and not azure_sandbox.faults.failures
    assert azure_sandbox.traffic.requests == 0
