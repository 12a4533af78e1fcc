"""Build the ARM template `exportTemplate` returns for a resource group, as Azure shapes it."""

from __future__ import annotations

import json
import re
from typing import Any

from exitkit.sandbox.azure_seed import API_VERSIONS

SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"
_COPIED = ("kind", "sku", "identity", "zones", "plan")


def export_template(resources: list[dict[str, Any]], options: str = "") -> dict[str, Any]:
    """A deployable template of `resources`; names become parameters unless the options say not."""
    parameterize = "skipresourcenameparameterization" not in options.lower()
    parameters: dict[str, Any] = {}
    entries = []
    for resource in resources:
        entry = _entry(resource, resources)
        if parameterize:
            entry["name"] = _parameter(resource, parameters)
        entries.append(entry)
    return {
        "$schema": SCHEMA,
        "contentVersion": "1.0.0.0",
        "parameters": parameters,
        "variables": {},
        "resources": entries,
    }


def _entry(resource: dict[str, Any], group: list[dict[str, Any]]) -> dict[str, Any]:
    properties = {
        k: v for k, v in resource.get("properties", {}).items() if k != "provisioningState"
    }
    entry: dict[str, Any] = {
        "type": resource["type"],
        "apiVersion": API_VERSIONS.get(resource["type"], ["2021-04-01"])[0],
        "name": resource["name"],
        "location": resource["location"],
    }
    entry.update({key: resource[key] for key in _COPIED if key in resource})
    if resource.get("tags"):
        entry["tags"] = resource["tags"]
    entry["properties"] = properties
    depends = _depends_on(resource, group)
    if depends:
        entry["dependsOn"] = depends
    return entry


def _depends_on(resource: dict[str, Any], group: list[dict[str, Any]]) -> list[str]:
    """Other resources of the group this one names (by id) or is a child of."""
    text = json.dumps(resource.get("properties", {})).lower()
    own = resource["id"].lower()
    return [
        _resource_id_expression(other)
        for other in group
        if other["id"].lower() != own
        and (other["id"].lower() in text or own.startswith(other["id"].lower() + "/"))
    ]


def _resource_id_expression(resource: dict[str, Any]) -> str:
    names = ", ".join(f"'{part}'" for part in resource["name"].split("/"))
    return f"[resourceId('{resource['type']}', {names})]"


def _parameter(resource: dict[str, Any], parameters: dict[str, Any]) -> str:
    kind = resource["type"].split("/")[-1]
    key = re.sub(r"[^A-Za-z0-9]", "_", f"{kind}_{resource['name']}_name")
    parameters[key] = {"defaultValue": resource["name"], "type": "String"}
    return f"[parameters('{key}')]"
