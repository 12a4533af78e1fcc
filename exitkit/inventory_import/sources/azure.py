"""Azure: the subscriptions the credential can see (azure-identity's DefaultAzureCredential,
the subscription list of Resource Manager); `endpoint=` for a sovereign or private cloud.

    azure:
    azure:?endpoint=https://management.usgovcloudapi.net
"""

from __future__ import annotations

from typing import Any

from exitkit.inventory_import import candidates
from exitkit.inventory_import.records import Candidate, Harvest, Skip
from exitkit.inventory_import.sources import ImportContext, source
from exitkit.inventory_import.spec import SourceError, SourceSpec

KIND = "azure"
USABLE = ("enabled", "warned", "pastdue")  # Disabled and Deleted subscriptions are read-only


@source(KIND, ("endpoint",), "azure:")
def read_subscriptions(spec: SourceSpec, ctx: ImportContext) -> Harvest:
    if spec.where:
        raise SourceError(f"{spec.text}: azure takes no path (azure: or azure:?endpoint=URL)")
    endpoint = spec.one("endpoint")
    if endpoint is not None and not endpoint.startswith("https://"):
        raise SourceError("azure source: endpoint= must be an https:// URL")
    harvest = Harvest(spec.text, KIND)
    from azure.core.exceptions import AzureError

    try:
        subscriptions = _subscriptions(endpoint)
    except AzureError as error:
        harvest.failure = f"Azure subscriptions cannot be listed: {_scrubbed(error)}"
        return harvest
    harvest.read = len(subscriptions)
    for subscription in subscriptions:
        harvest.add(_candidate(subscription, endpoint))
    return harvest


def _subscriptions(endpoint: str | None) -> list[dict[str, Any]]:
    from azure.mgmt.resource.subscriptions import SubscriptionClient

    from exitkit.cloud.azure.session import PUBLIC_ARM, credential

    base = (endpoint or PUBLIC_ARM).rstrip("/")
    options: dict[str, Any] = {"base_url": base}
    if endpoint:  # a sovereign or private cloud: its endpoint is the token audience
        options["credential_scopes"] = [f"{base}/.default"]
    client = SubscriptionClient(credential(), **options)
    return [
        {
            "subscription_id": item.subscription_id,
            "display_name": item.display_name,
            "tenant_id": item.tenant_id,
            "state": getattr(item.state, "value", item.state),  # an enum, or its text
        }
        for item in client.subscriptions.list()
    ]


def _scrubbed(error: Exception) -> str:
    from exitkit.cloud.azure.session import env_secrets

    text = str(error).splitlines()[0][:300] if str(error) else type(error).__name__
    for secret in env_secrets():
        text = text.replace(secret, "***")
    return text


def _candidate(subscription: dict[str, Any], endpoint: str | None) -> Candidate | Skip:
    number = str(subscription.get("subscription_id") or "")
    name = str(subscription.get("display_name") or f"azure-{number}")
    origin = f"Azure subscription {number}"
    state = str(subscription.get("state") or "Enabled")
    if state.lower() not in USABLE:
        return Skip(name, origin, f"the subscription is {state.lower()}")
    values: dict[str, Any] = {"kind": "cloud_account", "cloud": "azure", "subscription_id": number}
    owned: tuple[str, ...] = ("subscription_id",)
    if subscription.get("tenant_id"):
        values["tenant_id"] = str(subscription["tenant_id"])
        owned = (*owned, "tenant_id")
    if endpoint:
        values["endpoint"] = endpoint.rstrip("/")
        owned = (*owned, "endpoint")
    return candidates.entry(name, origin, KIND, values, {"name": name}, owned)
