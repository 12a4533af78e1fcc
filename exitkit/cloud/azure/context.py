"""What an Azure collector needs: the subscription, its clients, the record of an ARM resource."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from exitkit.cloud.azure.session import AzureAccess
from exitkit.cloud.collect import Outcome, Task
from exitkit.cloud.records import Resource, created_at

SUBSCRIPTION = "subscription"  # the "region" of tasks that read the whole subscription
GLOBAL = "global"


def group_of(resource_id: str) -> str | None:
    """The resource group named in an ARM id, if any."""
    parts = resource_id.split("/")
    lowered = [part.lower() for part in parts]
    if "resourcegroups" in lowered:
        index = lowered.index("resourcegroups") + 1
        return parts[index] if index < len(parts) else None
    return None


def as_json(model: Any) -> dict[str, Any]:
    """An SDK model as the REST JSON it came from (camelCase, nested `properties`)."""
    if isinstance(model, dict):
        return model
    if hasattr(model, "as_dict") and not hasattr(model, "_attribute_map"):
        return dict(model.as_dict())
    return dict(model.serialize(keep_readonly=True))


@dataclass
class AzureContext:
    subscription_id: str
    access: AzureAccess

    def task(self, service: str, scope: str, label: str, run: Callable[[], Outcome]) -> Task:
        return Task(service, scope, label, run)

    def record(self, body: dict[str, Any], source: str) -> Resource:
        rtype = str(body.get("type", ""))
        location = str(body.get("location") or GLOBAL).replace(" ", "").lower()
        system = body.get("systemData") or {}
        return Resource(
            cloud="azure",
            account=self.subscription_id,
            region=location,
            service=rtype.split("/", 1)[0].lower() or "unknown",
            type=rtype,
            id=str(body["id"]),
            name=str(body.get("name") or body["id"]),
            source=source,
            tags={str(k): str(v) for k, v in (body.get("tags") or {}).items()},
            created=created_at(system.get("createdAt") or body.get("createdTime")),
            group=group_of(str(body["id"])),
            properties=body,
        )
