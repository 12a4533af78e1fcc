"""Lambda functions and their configuration; environment values that look secret are redacted."""

from __future__ import annotations

import re
from typing import Any

from exitkit.cloud.aws.services import AwsContext, pages, service
from exitkit.cloud.collect import Outcome
from exitkit.scrubbing import REDACTED as REDACTED

SECRET_NAME = re.compile(r"pass|secret|token|key|credential|pwd|auth", re.IGNORECASE)


def redact_environment(function: dict[str, Any]) -> dict[str, Any]:
    """The function with the values of secret-looking environment variables replaced."""
    variables = function.get("Environment", {}).get("Variables")
    if not variables:
        return function
    safe = {k: REDACTED if SECRET_NAME.search(k) else v for k, v in variables.items()}
    return {**function, "Environment": {**function["Environment"], "Variables": safe}}


@service("lambda", ["lambda:ListFunctions"])
def functions(ctx: AwsContext, region: str) -> Outcome:
    client = ctx.client("lambda", region)
    return Outcome(
        resources=[
            ctx.resource(
                region,
                "lambda:function",
                str(item["FunctionName"]),
                "lambda:ListFunctions",
                redact_environment(item),
                arn=item.get("FunctionArn"),
            )
            for item in pages(client, "list_functions", "Functions", 50)
        ]
    )
