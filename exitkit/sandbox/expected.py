"""What a sandbox seeded: plain records a test compares an export with, for AWS and Azure alike."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from exitkit.errors import ExitkitError

CLIENT = "client"
PROVIDER = "provider"
OTHER = "other"


class SandboxError(ExitkitError):
    """A sandbox cannot start or be seeded (a port, a certificate, a library that misbehaves)."""


@dataclass(frozen=True)
class ExpectedResource:
    """One seeded resource, as an exporter should find it once and only once.

    `id` is the service's own short identifier (instance id, bucket or role name, ARM id);
    `arn` is the AWS ARN ("" for Azure, and for the rare AWS resource without one).
    """

    cloud: str  # "aws" | "azure"
    account: str  # AWS account id | Azure subscription id
    region: str  # AWS region or Azure location; "global" for IAM, S3-less globals, DNS
    type: str  # "ec2:instance", "s3:bucket", "iam:role"… | "Microsoft.Compute/virtualMachines"…
    id: str
    name: str
    arn: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class AccessGrant:
    """A principal's access to an account or subscription, and whose side it is on."""

    cloud: str
    account: str
    principal: str  # IAM ARN | Azure AD object id
    principal_type: str  # "role" | "user" (AWS) | "User" | "Group" | "ServicePrincipal" (Azure)
    name: str  # role/user name | display name
    side: str  # CLIENT | PROVIDER | OTHER
    grant: str  # policy ARN (AWS) | role definition name (Azure)
    scope: str  # "account" (AWS) | ARM scope (Azure)
    admin: bool  # full control, or able to give it to itself (iam:*, User Access Administrator)
    through: str = ""  # the IAM group the grant comes through, when it does

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class SeededEstate:
    """Everything a seeder created: resources and access grants, in creation order."""

    resources: tuple[ExpectedResource, ...]
    grants: tuple[AccessGrant, ...]

    def in_account(self, account: str) -> list[ExpectedResource]:
        return [r for r in self.resources if r.account == account]

    def of_type(self, *types: str) -> list[ExpectedResource]:
        return [r for r in self.resources if r.type in types]

    def admins(self, side: str | None = None) -> list[AccessGrant]:
        return [g for g in self.grants if g.admin and (side is None or g.side == side)]

    def merged(self, other: SeededEstate) -> SeededEstate:
        return SeededEstate(self.resources + other.resources, self.grants + other.grants)


def duplicates(keys: Iterable[str]) -> list[str]:
    """Keys seen more than once: a seeded estate must name every resource once."""
    seen: set[str] = set()
    twice: list[str] = []
    for key in keys:
        if key in seen:
            twice.append(key)
        seen.add(key)
    return twice
