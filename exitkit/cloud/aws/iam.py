"""IAM: users, groups, roles and customer policies from one paginated listing, and who is admin."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from exitkit.cloud.access import Admin
from exitkit.cloud.aws.iam_policy import ADMINISTRATOR_ACCESS, grants_admin, is_service_role
from exitkit.cloud.aws.services import GLOBAL, AwsContext, service
from exitkit.cloud.collect import Outcome
from exitkit.cloud.records import Resource, tag_dict

SOURCE = "iam:GetAccountAuthorizationDetails"
FILTER = ["User", "Role", "Group", "LocalManagedPolicy"]
LISTS = {
    "UserDetailList": "user",
    "RoleDetailList": "role",
    "GroupDetailList": "group",
    "Policies": "policy",
}


@service(
    "iam",
    ["iam:GetAccountAuthorizationDetails", "iam:GetPolicy", "iam:GetPolicyVersion"],
    regional=False,
)
def iam(ctx: AwsContext, region: str) -> Outcome:
    client = ctx.client("iam", GLOBAL)
    details: dict[str, list[dict[str, Any]]] = {key: [] for key in LISTS}
    for page in client.get_paginator("get_account_authorization_details").paginate(
        Filter=FILTER, PaginationConfig={"PageSize": 1000}
    ):
        for key in LISTS:
            details[key] += page.get(key, [])
    documents = _policy_documents(client, details)
    resources = [r for key, kind in LISTS.items() for r in _records(ctx, kind, details[key])]
    return Outcome(resources=resources, admins=list(_admins(ctx.account_id, details, documents)))


def _default_document(policy: dict[str, Any]) -> Any:
    return next(
        (
            v.get("Document")
            for v in policy.get("PolicyVersionList", [])
            if v.get("IsDefaultVersion")
        ),
        None,
    )


def _policy_documents(client: Any, details: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """Default document of every policy that is attached somewhere, by ARN."""
    documents = {p["Arn"]: _default_document(p) for p in details["Policies"]}
    attached = {
        a["PolicyArn"]
        for key in ("UserDetailList", "RoleDetailList", "GroupDetailList")
        for entity in details[key]
        for a in entity.get("AttachedManagedPolicies", [])
    }
    for policy_arn in sorted(attached - set(documents) - {ADMINISTRATOR_ACCESS}):
        version = client.get_policy(PolicyArn=policy_arn)["Policy"]["DefaultVersionId"]
        answer = client.get_policy_version(PolicyArn=policy_arn, VersionId=version)
        documents[policy_arn] = answer["PolicyVersion"]["Document"]
    return documents


def _rights(
    entity: dict[str, Any], inline_key: str, documents: dict[str, Any]
) -> Iterator[tuple[str, str]]:
    """(right, managed policy ARN or "" for an inline policy) of every admin grant."""
    for attached in entity.get("AttachedManagedPolicies", []):
        arn = attached["PolicyArn"]
        if arn == ADMINISTRATOR_ACCESS or grants_admin(documents.get(arn)):
            yield str(attached["PolicyName"]), str(arn)
    for inline in entity.get(inline_key, []):
        if grants_admin(inline.get("PolicyDocument")):
            yield f"inline policy {inline['PolicyName']}", ""


def _admins(
    account: str, details: dict[str, list[dict[str, Any]]], documents: dict[str, Any]
) -> Iterator[Admin]:
    """The root user, and every holder of AdministratorAccess or of a policy (attached, inline,
    or through a group) allowing `*` or `iam:*` on `*`."""
    yield Admin(f"arn:aws:iam::{account}:root", "root", "root user", "root", holder_unknown=True)
    groups = {
        g["GroupName"]: list(_rights(g, "GroupPolicyList", documents))
        for g in details["GroupDetailList"]
    }
    for user in details["UserDetailList"]:
        for right, policy in _rights(user, "UserPolicyList", documents):
            yield Admin(user["Arn"], "user", right, user["UserName"], policy_arn=policy)
        for group in user.get("GroupList", []):
            for right, _ in groups.get(group, []):  # the group may hold client users too
                yield Admin(
                    user["Arn"],
                    "user",
                    f"{right} (through group {group})",
                    user["UserName"],
                    group=group,
                )
    for role in details["RoleDetailList"]:
        service_role = is_service_role(role.get("AssumeRolePolicyDocument")) or str(
            role.get("Path", "")
        ).startswith("/aws-service-role/")
        for right, policy in _rights(role, "RolePolicyList", documents):
            yield Admin(
                role["Arn"],
                "role",
                right,
                role["RoleName"],
                holder_unknown=service_role,
                policy_arn=policy,
            )


def _records(ctx: AwsContext, kind: str, entities: list[dict[str, Any]]) -> Iterator[Resource]:
    name_field = {
        "user": "UserName",
        "role": "RoleName",
        "group": "GroupName",
        "policy": "PolicyName",
    }[kind]
    for entity in entities:
        properties = dict(entity)
        if kind == "policy":  # keep the document in force, not every old version
            properties["PolicyVersionList"] = [
                v for v in entity.get("PolicyVersionList", []) if v.get("IsDefaultVersion")
            ]
        name = entity.get(name_field) or str(entity.get("Arn", "")).rsplit("/", 1)[-1]
        yield ctx.resource(
            GLOBAL,
            f"iam:{kind}",
            str(name),
            SOURCE,
            properties,
            arn=entity.get("Arn"),
            tags=tag_dict(entity.get("Tags")),
            created=entity.get("CreateDate"),
        )
