"""Which AWS accounts these credentials reach: the starting identity's and the organisation's."""

from __future__ import annotations

from typing import Any

from botocore.exceptions import ClientError

from exitkit.cloud.aws.errors import explain
from exitkit.cloud.aws.services import GLOBAL, AwsContext, pages, setup_calls
from exitkit.cloud.collect import Outcome

NOTE = "reachable"  # Outcome.notes key: {"checked": [...], "accounts": {id: how}}
setup_calls("organization", "organizations:ListAccounts")


def reachable_accounts(ctx: AwsContext, role_assumed: bool) -> Outcome:
    checked: list[dict[str, Any]] = []
    accounts: dict[str, str] = {}
    if role_assumed:
        start = ctx.access.base_client("sts").get_caller_identity()
        accounts[str(start["Account"])] = "the credentials exitkit started with belong to it"
        checked.append({"source": "sts:GetCallerIdentity", "status": "read"})
    client = ctx.client("organizations", GLOBAL)
    try:
        members = list(pages(client, "list_accounts", "Accounts", 20))
    except ClientError as error:  # not the management account, or no organisation: a fact
        checked.append(
            {
                "source": "organizations:ListAccounts",
                "status": f"not available ({explain(error)[1]})",
            }
        )
    else:
        checked.append({"source": "organizations:ListAccounts", "status": "read"})
        for member in members:
            if member.get("Status", "ACTIVE") == "ACTIVE":
                accounts.setdefault(str(member["Id"]), "a member of the AWS organisation")
    return Outcome(notes={NOTE: {"checked": checked, "accounts": accounts}})
