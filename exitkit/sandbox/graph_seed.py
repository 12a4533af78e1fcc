"""Acme's Microsoft 365 tenant as Microsoft Graph returns it: directory roles (active and
PIM-eligible), a partner (GDAP) relationship, foreign apps, licences, domains, conditional access.

The provider's account is the tenant's only Global Administrator; the client's IT lead holds
lesser roles. Users carry the personal attributes a real tenant has (phone, address, manager…),
so a test can prove that an export keeps none of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from exitkit.sandbox.azure_roles import EXPORTER_CLIENT_ID, EXPORTER_OBJECT_ID
from exitkit.sandbox.azure_seed import TENANT_ID
from exitkit.sandbox.graph_catalog import (
    GRAPH_APP_ID,
    GRAPH_SP_ID,
    MICROSOFT_TENANT,
    PERMISSION_IDS,
    ROLES,
    graph_app_roles,
)
from exitkit.sandbox.graph_settings import (
    INITIAL_DOMAIN,
    MSP_ADMIN,
    MSP_TIER2,
    PROVIDER_TENANT,
    conditional_access,
    domains,
    subscribed_skus,
    subscriptions,
)

OTHER_CUSTOMER = "dddddddd-0000-4000-8000-0000000000aa"  # another customer of the provider

ALICE = "d0000000-0000-4000-8000-000000000002"  # client: IT lead
MSP_HELPDESK = "d0000000-0000-4000-8000-000000000003"  # provider's technician, a guest
ACME_IT = "d0000000-0000-4000-8000-000000000101"  # client's role-assignable group
RMM_SP = "d0000000-0000-4000-8000-000000000201"  # provider's RMM agent: Directory.ReadWrite.All
RMM_APP_ID = "a0000000-0000-4000-8000-000000000201"
REPORTING_SP = "d0000000-0000-4000-8000-000000000202"  # provider's reporting app: read only
REPORTING_APP_ID = "a0000000-0000-4000-8000-000000000202"
PORTAL_SP = "d0000000-0000-4000-8000-000000000203"  # provider's portal: delegated admin consent
PORTAL_APP_ID = "a0000000-0000-4000-8000-000000000203"
EXCHANGE_SP = "d0000000-0000-4000-8000-000000000204"  # Microsoft's own: never the provider's
GDAP_ACTIVE = "5d027261-d21f-4aa9-b7db-7fa1f56fb163-8777b240-c6f0-4469-9e98-a3205431b836"
GDAP_EXPIRED = "6e138372-e32a-4bba-c8ec-8ab2a67ac274-9888c351-d7a1-4570-af09-b4316542c947"
GDAP_OTHER = "7f249483-f43b-4ccb-d9fd-9bc3b78bd385-a999d462-e8b2-4681-b01a-c5427653d058"
# personal attributes every seeded user has and no export may carry
PERSONAL = (
    "mail", "mobilePhone", "businessPhones", "jobTitle", "officeLocation", "streetAddress",
    "city", "postalCode", "employeeId", "birthday", "givenName", "surname",
    "preferredLanguage", "usageLocation", "onPremisesSamAccountName",
)  # fmt: skip


def _user(object_id: str, upn: str, name: str, phone: str, **extra: Any) -> dict[str, Any]:
    given, _, surname = name.partition(" ")
    return {
        "@odata.type": "#microsoft.graph.user",
        "id": object_id,
        "userPrincipalName": upn,
        "displayName": name,
        "mail": upn.replace("#EXT#@" + INITIAL_DOMAIN, ""),
        "mobilePhone": phone,
        "businessPhones": [phone.replace("6", "1", 1)],
        "jobTitle": extra.pop("jobTitle", "Service Desk Analyst"),
        "officeLocation": "Lyon 3e",
        "streetAddress": "12 rue des Exemples",
        "city": "Lyon",
        "postalCode": "69003",
        "employeeId": f"E{object_id[-4:]}",
        "birthday": "1984-02-29T00:00:00Z",
        "givenName": given,
        "surname": surname,
        "preferredLanguage": "fr-FR",
        "usageLocation": "FR",
        "onPremisesSamAccountName": upn.split("@")[0][:20],
        "accountEnabled": True,
        **extra,
    }


def _group(object_id: str, name: str) -> dict[str, Any]:
    return {
        "@odata.type": "#microsoft.graph.group",
        "id": object_id,
        "displayName": name,
        "isAssignableToRole": True,
        "mail": None,
        "description": f"{name} (role-assignable)",
        "securityEnabled": True,
    }


def _service_principal(object_id: str, app_id: str, name: str, owner: str) -> dict[str, Any]:
    return {
        "@odata.type": "#microsoft.graph.servicePrincipal",
        "id": object_id,
        "appId": app_id,
        "displayName": name,
        "appOwnerOrganizationId": owner,
        "servicePrincipalType": "Application",
        "accountEnabled": True,
        "appRoles": [],
        "tags": ["WindowsAzureActiveDirectoryIntegratedApp"],
    }


def directory_objects() -> dict[str, dict[str, Any]]:
    users = [
        _user(MSP_ADMIN, f"msp-admin@{INITIAL_DOMAIN}", "MSP Administrator", "+33 6 10 00 00 01"),
        _user(ALICE, "alice.martin@acme.example", "Alice Martin", "+33 6 20 00 00 02",
              jobTitle="Head of IT"),
        _user(MSP_HELPDESK, f"tech_msp.example#EXT#@{INITIAL_DOMAIN}", "Théo Support (MSP)",
              "+33 6 30 00 00 03", userType="Guest"),
        *(_user(f"d0000000-0000-4000-8000-0000000010{i:02d}", f"user{i:02d}@acme.example",
                f"Staff Member{i:02d}", f"+33 6 40 00 00 {i:02d}") for i in range(1, 13)),
    ]  # fmt: skip
    graph = _service_principal(GRAPH_SP_ID, GRAPH_APP_ID, "Microsoft Graph", MICROSOFT_TENANT)
    graph["appRoles"] = graph_app_roles()
    exchange = _service_principal(
        EXCHANGE_SP, "00000002-0000-0ff1-ce00-000000000000", "Office 365 Exchange Online",
        MICROSOFT_TENANT,
    )  # fmt: skip
    principals = [
        *users,
        _group(ACME_IT, "Acme IT Admins"),
        _group(MSP_TIER2, "MSP Tier 2 Engineers"),
        _service_principal(EXPORTER_OBJECT_ID, EXPORTER_CLIENT_ID, "exitkit-export", TENANT_ID),
        _service_principal(RMM_SP, RMM_APP_ID, "Example MSP RMM Agent", PROVIDER_TENANT),
        _service_principal(REPORTING_SP, REPORTING_APP_ID, "Example MSP Reporting",
                           PROVIDER_TENANT),
        _service_principal(PORTAL_SP, PORTAL_APP_ID, "Example MSP Admin Portal", PROVIDER_TENANT),
        graph,
        exchange,
    ]  # fmt: skip
    return {p["id"]: p for p in principals}


def _assignment(ident: str, role: str, principal: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": ident,
        "roleDefinitionId": ROLES[role][0],
        "principalId": principal,
        "directoryScopeId": "/",
        **extra,
    }


def role_assignments() -> list[dict[str, Any]]:
    return [
        _assignment("ra-ga-msp-admin", "Global Administrator", MSP_ADMIN),
        _assignment("ra-ua-alice", "User Administrator", ALICE),
        _assignment("ra-hd-msp-helpdesk", "Helpdesk Administrator", MSP_HELPDESK),
        _assignment("ra-sr-acme-it", "Security Reader", ACME_IT),
        _assignment("ra-dr-exitkit", "Directory Readers", EXPORTER_OBJECT_ID),
        _assignment("ra-pra-rmm", "Privileged Role Administrator", RMM_SP),
        _assignment("ra-ua-deleted", "User Administrator", "d0000000-dead-4000-8000-000000000000"),
    ]


def eligibility_schedules() -> list[dict[str, Any]]:
    window = {
        "memberType": "Direct",
        "status": "Provisioned",
        "scheduleInfo": {
            "startDateTime": "2026-01-05T09:00:00Z",
            "expiration": {"type": "afterDateTime", "endDateTime": "2027-01-05T09:00:00Z"},
        },
    }
    return [
        _assignment("es-exa-alice", "Exchange Administrator", ALICE, **window),
        _assignment("es-pra-msp-tier2", "Privileged Role Administrator", MSP_TIER2, **window),
    ]


def _relationship(ident: str, name: str, customer: str, status: str, roles: list[str],
                  end: str) -> dict[str, Any]:  # fmt: skip
    return {
        "id": ident,
        "displayName": name,
        "status": status,
        "duration": "P730D",
        "autoExtendDuration": "P180D" if status == "active" else "PT0S",
        "createdDateTime": "2025-03-01T10:00:00Z",
        "activatedDateTime": "2025-03-02T08:30:00Z",
        "endDateTime": end,
        "customer": {"tenantId": customer, "displayName": "Acme SAS"},
        "accessDetails": {"unifiedRoles": [{"roleDefinitionId": ROLES[r][1]} for r in roles]},
    }


def relationships() -> list[dict[str, Any]]:
    return [
        _relationship(GDAP_ACTIVE, "MSP-Acme-Managed-Services", TENANT_ID, "active",
                      ["Global Administrator", "Exchange Administrator",
                       "Helpdesk Administrator"], "2027-03-02T08:30:00Z"),
        _relationship(GDAP_EXPIRED, "MSP-Acme-Onboarding", TENANT_ID, "expired",
                      ["User Administrator"], "2025-09-01T00:00:00Z"),
        _relationship(GDAP_OTHER, "MSP-Globex", OTHER_CUSTOMER, "active",
                      ["Global Administrator"], "2027-01-01T00:00:00Z"),
    ]  # fmt: skip


def app_role_assignments() -> dict[str, list[dict[str, Any]]]:
    """Application permissions on Microsoft Graph granted to each service principal."""

    def grant(principal: str, permission: str, index: int) -> dict[str, Any]:
        return {
            "id": f"ara-{principal[-3:]}-{index}",
            "appRoleId": PERMISSION_IDS[permission],
            "principalId": principal,
            "principalType": "ServicePrincipal",
            "resourceId": GRAPH_SP_ID,
            "resourceDisplayName": "Microsoft Graph",
            "createdDateTime": "2025-03-03T10:00:00Z",
        }

    return {
        RMM_SP: [grant(RMM_SP, "Directory.ReadWrite.All", 1), grant(RMM_SP, "User.Read.All", 2)],
        REPORTING_SP: [grant(REPORTING_SP, "Reports.Read.All", 1)],
        EXCHANGE_SP: [grant(EXCHANGE_SP, "Directory.ReadWrite.All", 1)],
        EXPORTER_OBJECT_ID: [grant(EXPORTER_OBJECT_ID, "Policy.Read.All", 1)],
    }


def permission_grants() -> list[dict[str, Any]]:
    return [
        {
            "id": "grant-portal-all",
            "clientId": PORTAL_SP,
            "consentType": "AllPrincipals",
            "principalId": None,
            "resourceId": GRAPH_SP_ID,
            "scope": "openid profile Directory.AccessAsUser.All User.ReadWrite.All",
        },
        {
            "id": "grant-reporting-one",
            "clientId": REPORTING_SP,
            "consentType": "Principal",
            "principalId": ALICE,
            "resourceId": GRAPH_SP_ID,
            "scope": "User.Read",
        },
    ]


@dataclass
class GraphTenant:
    """Everything the Graph emulator serves for one tenant."""

    tenant_id: str = TENANT_ID
    display_name: str = "Acme SAS"
    objects: dict[str, dict[str, Any]] = field(default_factory=directory_objects)
    assignments: list[dict[str, Any]] = field(default_factory=role_assignments)
    eligible: list[dict[str, Any]] = field(default_factory=eligibility_schedules)
    relationships: list[dict[str, Any]] = field(default_factory=relationships)
    app_roles: dict[str, list[dict[str, Any]]] = field(default_factory=app_role_assignments)
    grants: list[dict[str, Any]] = field(default_factory=permission_grants)
    skus: list[dict[str, Any]] = field(default_factory=subscribed_skus)
    subscriptions: list[dict[str, Any]] = field(default_factory=subscriptions)
    domains: list[dict[str, Any]] = field(default_factory=domains)
    policies: list[dict[str, Any]] = field(default_factory=lambda: conditional_access()[0])
    locations: list[dict[str, Any]] = field(default_factory=lambda: conditional_access()[1])

    def organization(self) -> dict[str, Any]:
        return {
            "id": self.tenant_id,
            "displayName": self.display_name,
            "countryLetterCode": "FR",
            "tenantType": "AAD",
            "verifiedDomains": [
                {"name": d["id"], "isDefault": d["isDefault"], "isInitial": d["isInitial"]}
                for d in self.domains
                if d["isVerified"]
            ],
        }

    def service_principals(self) -> list[dict[str, Any]]:
        kind = "#microsoft.graph.servicePrincipal"
        return [o for o in self.objects.values() if o["@odata.type"] == kind]
