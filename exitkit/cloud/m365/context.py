"""What every part of a tenant's collection shares: the tenant, its Graph client, whose side a
principal is on, and the few attributes of a principal an export may keep."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from exitkit.cloud.access import Admin, Classification
from exitkit.cloud.m365.graph import GraphClient
from exitkit.inventory.models import Microsoft365Tenant

TENANT = "tenant"  # the "region" of every task: a tenant has one
_TYPES = {"user": "User", "group": "Group", "serviceprincipal": "ServicePrincipal"}
REVOCATION_KEYS = (
    "role_assignment_id",
    "eligibility_id",
    "role_definition_id",
    "relationship_id",
    "app_id",
    "service_principal_id",
    "app_role_assignment_id",
    "grant_id",
)


@dataclass(frozen=True)
class TenantAdmin(Admin):
    """An admin right in a tenant, and the identifiers that end it (see the revocation playbook)."""

    upn: str = ""
    ends: tuple[tuple[str, str], ...] = field(default=())  # (REVOCATION_KEYS item, identifier)

    def classify(self, client_principals: Any) -> Classification:
        client = {str(p).strip().lower() for p in client_principals}
        if {self.principal.lower(), self.upn.lower()} & client:
            return "client"
        return "unknown" if self.holder_unknown else "provider"

    def revocation(self) -> dict[str, str]:
        return {**super().revocation(), **dict(self.ends)}


@dataclass
class TenantContext:
    asset: Microsoft365Tenant
    graph: GraphClient

    @property
    def tenant_id(self) -> str:
        return self.asset.tenant_id.lower()

    def side(self, *names: str) -> Classification:
        client = {p.strip().lower() for p in self.asset.client_principals}
        return "client" if {n.lower() for n in names if n} & client else "provider"


def principal_of(principal_id: str, body: Any) -> dict[str, str]:
    """A principal as an export keeps it: id, type, display name, and a user's UPN; nothing else
    (no mail, phone, address, job… : GDPR minimisation). None from Graph: deleted or foreign."""
    if not isinstance(body, dict):
        return {"id": principal_id, "type": "Unknown", "display_name": ""}
    kind = str(body.get("@odata.type", "")).rsplit(".", 1)[-1].lower()
    found = {
        "id": str(body.get("id") or principal_id),
        "type": _TYPES.get(kind, kind or "Unknown"),
        "display_name": str(body.get("displayName") or ""),
    }
    if kind == "user":
        found["upn"] = str(body.get("userPrincipalName") or "")
    if kind == "serviceprincipal" and body.get("appId"):
        found["app_id"] = str(body["appId"])
    return found
