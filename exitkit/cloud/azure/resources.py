"""Resource groups and resources, each read in full by id at the newest stable api-version its
provider offers, and every group's ARM template through exportTemplate (a long-running call)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import Any

from exitkit.bundle.atomic import dump_json
from exitkit.cloud.azure.context import SUBSCRIPTION, AzureContext, as_json
from exitkit.cloud.collect import PROBLEMS, Outcome
from exitkit.cloud.records import segment

BATCH = 10  # resources read per follow-up task
EXPORT_OPTIONS = "IncludeParameterDefaultValue"


def api_versions(providers: Iterable[Any]) -> dict[str, str]:
    """For each resource type (lower case), the newest non-preview api-version, else the newest."""
    chosen: dict[str, str] = {}
    for provider in providers:
        body = as_json(provider)
        for rtype in body.get("resourceTypes", []):
            versions = sorted((str(v) for v in rtype.get("apiVersions", [])), reverse=True)
            stable = [v for v in versions if "preview" not in v.lower()]
            if versions:
                name = f"{body['namespace']}/{rtype['resourceType']}".lower()
                chosen[name] = (stable or versions)[0]
    return chosen


def groups(ctx: AzureContext) -> Outcome:
    client = ctx.access.resources()
    found = [as_json(g) for g in client.resource_groups.list()]
    return Outcome(
        resources=[ctx.record(g, "ResourceGroups.List") for g in found],
        follow=[
            ctx.task(
                "templates",
                g["name"],
                "ResourceGroups.exportTemplate",
                partial(template, ctx, g["name"]),
            )
            for g in found
        ],
    )


def template(ctx: AzureContext, group: str) -> Outcome:
    client = ctx.access.resources(key=("templates", group))
    poller = client.resource_groups.begin_export_template(
        group, {"resources": ["*"], "options": EXPORT_OPTIONS}
    )
    result = as_json(poller.result())
    outcome = Outcome(
        files={f"templates/{segment(group)}.json": dump_json(result.get("template") or {})}
    )
    error = result.get("error")
    if error:
        outcome.notes[PROBLEMS] = [
            ("partial-template", f"{error.get('code')}: {error.get('message')}")
        ]
    return outcome


def resources(ctx: AzureContext) -> Outcome:
    client = ctx.access.resources()
    versions = api_versions(client.providers.list())
    listed = [as_json(r) for r in client.resources.list()]
    batches = [listed[i : i + BATCH] for i in range(0, len(listed), BATCH)]
    return Outcome(
        follow=[
            ctx.task(
                "resources",
                SUBSCRIPTION,
                "Resources.GetById",
                partial(_read, ctx, batch, versions),
            )
            for batch in batches
        ]
    )


def _read(ctx: AzureContext, batch: list[dict[str, Any]], versions: dict[str, str]) -> Outcome:
    client = ctx.access.resources()
    found = []
    for summary in batch:
        version = versions.get(str(summary["type"]).lower())
        if version is None:  # a type no provider lists: keep what the listing said
            found.append(ctx.record(summary, "Resources.List"))
            continue
        body = as_json(client.resources.get_by_id(summary["id"], api_version=version))
        found.append(ctx.record(body, f"Resources.GetById@{version}"))
    return Outcome(resources=found)
