"""IAM of the AWS sandbox: who holds admin in each account, on the client's or the provider's side.

Admin comes from AdministratorAccess, from a customer policy allowing `*` on `*`, or from one
allowing `iam:*` (enough to grant oneself anything); directly or through a group.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from exitkit.sandbox.aws_session import ACCOUNT_PROD, AUDIT_ROLE, AccountSession
from exitkit.sandbox.expected import CLIENT, OTHER, PROVIDER, AccessGrant, SeededEstate

ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess"
READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess"
LAMBDA_BASIC = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
FULL_ACCESS = "msp-full-access"  # customer policy: * on *
IAM_MANAGE = "msp-iam-manage"  # customer policy: iam:* on *
CUSTOMER_POLICIES = {
    FULL_ACCESS: {"Effect": "Allow", "Action": "*", "Resource": "*"},
    IAM_MANAGE: {"Effect": "Allow", "Action": "iam:*", "Resource": "*"},
}


@dataclass(frozen=True)
class Principal:
    """A role or user to create, the policy it holds, whose side it is on."""

    kind: str  # "role" | "user"
    name: str
    side: str
    policy: str  # a managed policy ARN, or the name of a customer policy
    admin: bool
    group: str = ""  # users only: the policy is attached to this group, not the user
    trusted: str = "account"  # roles: "account" (any principal of the account) or a service


PROD = (
    Principal("role", "acme-breakglass", CLIENT, ADMIN, True),
    Principal("role", "msp-admin", PROVIDER, ADMIN, True),
    Principal("user", "msp-operator", PROVIDER, ADMIN, True),
    Principal("user", "msp-deploy", PROVIDER, FULL_ACCESS, True, group="msp-ops"),
    Principal("role", "msp-automation", PROVIDER, IAM_MANAGE, True),
    Principal("user", "acme-auditor", CLIENT, READ_ONLY, False, group="acme-auditors"),
    Principal("role", AUDIT_ROLE, OTHER, READ_ONLY, False),
    Principal("role", "acme-lambda-exec", OTHER, LAMBDA_BASIC, False, trusted="lambda"),
)
SHARED = (
    Principal("role", "acme-breakglass", CLIENT, ADMIN, True),
    Principal("role", "msp-admin", PROVIDER, ADMIN, True),
    Principal("role", AUDIT_ROLE, OTHER, READ_ONLY, False),
    Principal("role", "acme-lambda-exec", OTHER, LAMBDA_BASIC, False, trusted="lambda"),
)


def seed_iam(acct: AccountSession) -> SeededEstate:
    """Create the account's policies, groups, roles and users; return them and their grants."""
    iam = acct.client("iam", "us-east-1")
    principals = PROD if acct.account_id == ACCOUNT_PROD else SHARED
    arns = _customer_policies(acct, iam, {p.policy for p in principals})
    groups: set[str] = set()
    grants: list[AccessGrant] = []
    for principal in principals:
        policy = arns.get(principal.policy, principal.policy)
        if principal.group and principal.group not in groups:
            iam.create_group(GroupName=principal.group)
            iam.attach_group_policy(GroupName=principal.group, PolicyArn=policy)
            acct.add(
                "global", "iam:group", principal.group, principal.group, f"group/{principal.group}"
            )
            groups.add(principal.group)
        grants.append(_create_principal(acct, iam, principal, policy))
    created = tuple(acct.created)
    acct.created.clear()
    return SeededEstate(created, tuple(grants))


def _customer_policies(acct: AccountSession, iam: Any, wanted: set[str]) -> dict[str, str]:
    arns = {}
    for name, statement in CUSTOMER_POLICIES.items():
        if name not in wanted:
            continue
        document = json.dumps({"Version": "2012-10-17", "Statement": [statement]})
        arn = str(iam.create_policy(PolicyName=name, PolicyDocument=document)["Policy"]["Arn"])
        acct.add("global", "iam:policy", name, name, arn=arn)
        arns[name] = arn
    return arns


def _create_principal(acct: AccountSession, iam: Any, who: Principal, policy: str) -> AccessGrant:
    tags = [{"Key": "side", "Value": who.side}]
    if who.kind == "role":
        trust = json.dumps(_trust_policy(acct.account_id, who.trusted))
        iam.create_role(RoleName=who.name, AssumeRolePolicyDocument=trust, Tags=tags)
        iam.attach_role_policy(RoleName=who.name, PolicyArn=policy)
    else:
        iam.create_user(UserName=who.name, Tags=tags)
        if who.group:
            iam.add_user_to_group(GroupName=who.group, UserName=who.name)
        else:
            iam.attach_user_policy(UserName=who.name, PolicyArn=policy)
    arn = f"arn:aws:iam::{acct.account_id}:{who.kind}/{who.name}"
    acct.add("global", f"iam:{who.kind}", who.name, who.name, arn=arn)
    return AccessGrant(
        "aws",
        acct.account_id,
        arn,
        who.kind,
        who.name,
        who.side,
        policy,
        "account",
        who.admin,
        who.group,
    )


def _trust_policy(account_id: str, trusted: str) -> dict[str, Any]:
    principal: dict[str, str] = (
        {"AWS": f"arn:aws:iam::{account_id}:root"}
        if trusted == "account"
        else {"Service": f"{trusted}.amazonaws.com"}
    )
    statement = {"Effect": "Allow", "Principal": principal, "Action": "sts:AssumeRole"}
    return {"Version": "2012-10-17", "Statement": [statement]}
