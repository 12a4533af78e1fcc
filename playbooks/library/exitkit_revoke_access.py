#!/usr/bin/python
"""Ansible module: revoke the provider's rights listed in an exitkit bundle's cloud access records.

Reads `assets/cloud_account/<id>/access.json` (cloud-access.v1), list `revoke_at_exit`. Check mode
lists what would be revoked. A live run needs confirm=true and revokes what it knows how to:
AWS managed policies detached from a role, user or group (`policy_arn`), a user removed from the
group that gives the right (`group`), Azure role assignments
deleted by id (`assignment_id`); anything else is reported as manual and fails the task.
A right already gone is reported as such and changes nothing, so a second run is harmless.
Azure calls go to the subscription's `endpoint` as the bundle's inventory.json records it.
"""

from __future__ import annotations

from ansible.module_utils.exitkit_revocation import (
    access_records,
    endpoints,
    revocation_module,
    run_revocations,
)

DOCUMENTATION = r"""
module: exitkit_revoke_access
short_description: Revoke provider access to cloud accounts, from an exitkit bundle
options:
  bundle: {description: folder of an exitkit bundle, type: path, required: true}
  assets: {description: only these cloud_account ids, type: list, elements: str}
  confirm: {description: must be true for a live run, type: bool, default: false}
  report: {description: write the list of revocations to this JSON file, type: path}
"""


def planned(bundle, assets):
    items = []
    where = endpoints(bundle)
    for asset, path, record in access_records(bundle, assets):
        if record.get("cloud") == "microsoft365":
            continue  # a tenant's rights are ended by revoke_tenant_access.yml
        for entry in record.get("revoke_at_exit", []):
            entry = entry if isinstance(entry, dict) else {"principal": str(entry)}
            item = {"asset": asset, "cloud": record.get("cloud"), "record": path, **entry}
            if record.get("cloud") == "azure" and where.get(asset):
                item["endpoint"] = where[asset]
            items.append(item)
    return items


def revoke_aws(item):
    """'revoked', or 'absent' when the policy is no longer attached."""
    import boto3

    iam = boto3.client("iam")
    principal, policy = item["principal"], item.get("policy_arn", "")
    name = principal.rsplit("/", 1)[-1]
    try:
        if item.get("group") and ":user/" in principal:  # the group may hold others: leave it
            iam.remove_user_from_group(GroupName=item["group"], UserName=name)
        elif ":role/" in principal:
            iam.detach_role_policy(RoleName=name, PolicyArn=policy)
        elif ":user/" in principal:
            iam.detach_user_policy(UserName=name, PolicyArn=policy)
        elif ":group/" in principal:
            iam.detach_group_policy(GroupName=name, PolicyArn=policy)
        else:
            raise ValueError(f"not a role, user or group ARN: {principal}")
    except iam.exceptions.NoSuchEntityException:
        return "absent"
    return "revoked"


def azure_credential():
    """DefaultAzureCredential; instance discovery only for Microsoft's own authorities."""
    import os
    from urllib.parse import urlsplit

    from azure.identity import DefaultAzureCredential

    authority = os.environ.get("AZURE_AUTHORITY_HOST", "")
    host = urlsplit(authority if "://" in authority else f"https://{authority}").hostname or ""
    microsoft = host.startswith("login.") or host.endswith(".windows.net")
    options = {"exclude_interactive_browser_credential": True}
    if authority and not microsoft:
        options["disable_instance_discovery"] = True
    return DefaultAzureCredential(**options)


def revoke_azure(item):
    """'revoked', or 'absent' when ARM answers that there was no such assignment (204)."""
    from azure.mgmt.authorization import AuthorizationManagementClient

    assignment = item["assignment_id"]
    subscription = assignment.split("/subscriptions/", 1)[1].split("/", 1)[0]
    options = {}
    if item.get("endpoint"):  # a sovereign or private cloud: its endpoint is the token audience
        endpoint = item["endpoint"].rstrip("/")
        options = {"base_url": endpoint, "credential_scopes": [f"{endpoint}/.default"]}
    client = AuthorizationManagementClient(azure_credential(), subscription, **options)
    deleted = client.role_assignments.delete_by_id(assignment)
    return "revoked" if deleted is not None else "absent"


def revoke(item):
    """'revoked', 'absent' (already gone), or 'manual' when this module does not know how;
    raises on an API error."""
    aws = item.get("policy_arn") or item.get("group")
    if aws and item.get("principal", "").startswith("arn:"):
        return revoke_aws(item)
    if item.get("assignment_id"):
        return revoke_azure(item)
    return "manual"


def main():
    module = revocation_module()
    items, outcome = run_revocations(module, planned, revoke)
    accounts = len({item["asset"] for item in items})
    if module.check_mode or not items:
        message = f"{len(items)} provider right(s) on {accounts} account(s) would be revoked"
        if not items:
            message = "no provider right listed for revocation in the bundle's access records"
        module.exit_json(changed=bool(items), would_revoke=items, msg=message)
    result = dict(changed=bool(outcome["revoked"]), would_revoke=items, **outcome)
    if outcome["manual"] or outcome["errors"]:
        result["msg"] = (
            f"{len(outcome['revoked'])} revoked, {len(outcome['absent'])} already gone, "
            f"{len(outcome['manual'])} to revoke by hand, {len(outcome['errors'])} failed"
        )
        module.fail_json(**result)
    module.exit_json(
        msg=f"{len(outcome['revoked'])} provider right(s) revoked, "
        f"{len(outcome['absent'])} already gone",
        **result,
    )


if __name__ == "__main__":
    main()
