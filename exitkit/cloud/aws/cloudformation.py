"""CloudFormation: stacks, what each created, and its template as a file of its own."""

from __future__ import annotations

import json
from functools import partial
from typing import Any

from exitkit.cloud.aws.services import AwsContext, pages, service
from exitkit.cloud.collect import Outcome
from exitkit.cloud.records import segment, tag_dict


@service(
    "cloudformation",
    [
        "cloudformation:DescribeStacks",
        "cloudformation:GetTemplate",
        "cloudformation:ListStackResources",
    ],
)
def cloudformation(ctx: AwsContext, region: str) -> Outcome:
    client = ctx.client("cloudformation", region)
    return Outcome(
        follow=[
            ctx.task(
                "cloudformation",
                region,
                f"cloudformation:GetTemplate {s['StackName']}",
                partial(_stack, ctx, region, s),
            )
            for s in pages(client, "describe_stacks", "Stacks")
        ]
    )


def template_file(region: str, stack: str, body: Any) -> tuple[str, bytes]:
    """Where a stack's template goes, and its bytes: JSON as written, YAML text as is."""
    if isinstance(body, dict):
        return f"templates/cloudformation/{segment(region)}/{segment(stack)}.json", (
            json.dumps(body, indent=2, ensure_ascii=False) + "\n"
        ).encode()
    text = str(body)
    suffix = "json" if text.lstrip().startswith("{") else "yaml"
    return f"templates/cloudformation/{segment(region)}/{segment(stack)}.{suffix}", text.encode()


def _stack(ctx: AwsContext, region: str, stack: dict[str, Any]) -> Outcome:
    name = str(stack["StackName"])
    client = ctx.client("cloudformation", region)
    body = client.get_template(StackName=stack["StackId"], TemplateStage="Original")["TemplateBody"]
    path, data = template_file(region, name, body)
    members = pages(
        client, "list_stack_resources", "StackResourceSummaries", StackName=stack["StackId"]
    )
    created = [
        {k: m.get(k) for k in ("LogicalResourceId", "PhysicalResourceId", "ResourceType")}
        for m in members
    ]
    resource = ctx.resource(
        region,
        "cloudformation:stack",
        name,
        "cloudformation:DescribeStacks",
        {**stack, "TemplateFile": path, "StackResources": created},
        arn=stack.get("StackId"),
        tags=tag_dict(stack.get("Tags")),
        created=stack.get("CreationTime"),
    )
    return Outcome(resources=[resource], files={path: data})
