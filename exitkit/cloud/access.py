"""Who holds an admin-equivalent right on a cloud account, and whose side each holder is on."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from exitkit.findings import Finding

ACCESS_SCHEMA = "cloud-access.v1"
Classification = Literal["client", "provider", "unknown"]


@dataclass(frozen=True)
class Admin:
    """One admin-equivalent right held by one principal."""

    principal: str  # IAM ARN | Azure AD object id
    type: str  # "root" | "user" | "role" (AWS); "User" | "Group" | "ServicePrincipal"… (Azure)
    right: str  # the policy or role that makes it admin, and how it is held
    name: str = ""
    scope: str = ""  # Azure: the scope of the assignment
    holder_unknown: bool = False  # no API says who uses it (root user, service role, deleted)
    account_wide: bool = True  # False: admin of a part only (an Azure resource group)
    policy_arn: str = ""  # AWS: the managed policy attached to this principal itself
    assignment_id: str = ""  # Azure: the role assignment's id
    group: str = ""  # AWS: the group a user holds the right through (leaving it revokes it)

    def revocation(self) -> dict[str, str]:
        """What revoking this right at exit takes: the grant's identifier, when it has one that
        can be removed on its own: a managed policy, a role assignment, a user's membership of
        the group that gives the right (an inline policy is revoked by hand)."""
        item = {"principal": self.principal, "type": self.type, "right": self.right}
        for key, value in (
            ("name", self.name),
            ("policy_arn", self.policy_arn),
            ("assignment_id", self.assignment_id),
            ("group", self.group),
        ):
            if value:
                item[key] = value
        return item

    def classify(self, client_principals: Iterable[str]) -> Classification:
        """Named in `client_principals`: client. No API says who uses it (the AWS root user, a
        service role, a deleted or foreign Azure principal): unknown. Any other admin: provider,
        since the provider runs the estate; those are the rights to revoke at exit."""
        if _normal(self.principal) in {_normal(p) for p in client_principals}:
            return "client"
        return "unknown" if self.holder_unknown else "provider"

    def to_record(self, client_principals: Sequence[str]) -> dict[str, Any]:
        record: dict[str, Any] = {
            "principal": self.principal,
            "type": self.type,
            "right": self.right,
            "classification": self.classify(client_principals),
        }
        if self.name:
            record["name"] = self.name
        if self.scope:
            record["scope"] = self.scope
        return record


def _normal(principal: str) -> str:
    return principal.strip().lower()


def access_record(
    asset_id: str,
    cloud: str,
    account: str,
    admins: Iterable[Admin],
    client_principals: Sequence[str],
    complete: bool,
) -> dict[str, Any]:
    """The cloud-access.v1 record of one account: admins, the client's standing, what to revoke.

    Only account-wide rights count for `client_admin`: an Owner of one resource group cannot
    take the subscription over.
    """
    unique = sorted(set(admins), key=lambda a: (a.principal.lower(), a.right, a.scope))
    rows = [admin.to_record(client_principals) for admin in unique]
    client_admin = any(a.account_wide and a.classify(client_principals) == "client" for a in unique)
    revoke = [a.revocation() for a in unique if a.classify(client_principals) == "provider"]
    findings: list[dict[str, Any]] = []
    if not client_admin:
        findings.append(
            Finding(
                "cloud-no-client-admin",
                f"no principal of the client holds an admin right on {cloud} account "
                f"{account}: the client could not take it over",
                asset=asset_id,
            ).to_record()
        )
    for row in rows:
        if row["classification"] == "unknown":
            findings.append(
                Finding(
                    "cloud-admin-unattributed",
                    f"{row['principal']} holds {row['right']} and no API tells who uses "
                    "it: list it in client_principals, or revoke it",
                    asset=asset_id,
                    details={"principal": row["principal"]},
                ).to_record()
            )
    if not complete:
        findings.append(
            Finding(
                "cloud-access-incomplete",
                "the access rights could not all be read (see account.json failures): "
                "this list may miss admins",
                asset=asset_id,
            ).to_record()
        )
    return {
        "asset": asset_id,
        "cloud": cloud,
        "account": account,
        "admins": rows,
        "client_admin": client_admin,
        "revoke_at_exit": revoke,
        "findings": findings,
    }
