"""Microsoft's well-known identifiers the Graph emulator serves: built-in directory roles (their
real template ids and privileged label), licence SKUs, and Microsoft Graph's permission ids."""

from __future__ import annotations

from typing import Any

GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000"
GRAPH_SP_ID = "d0000000-0000-4000-8000-000000000300"
MICROSOFT_TENANT = "f8cdef31-a31e-4b4a-93e4-5f571e91255a"  # owner of Microsoft's first-party apps

_ROLE_IDS = {  # name: (template id, Microsoft marks it privileged)
    "Global Administrator": ("62e90394-69f5-4237-9190-012177145e10", True),
    "Privileged Role Administrator": ("e8611ab8-c189-46e8-94e1-60213ab1f814", True),
    "User Administrator": ("fe930be7-5e62-47db-91af-98c3a49a38b1", True),
    "Helpdesk Administrator": ("729827e3-9c14-49f7-bb1b-9608f156bbb8", True),
    "Exchange Administrator": ("29232cdf-9323-42fd-ade2-1d097af3e4de", False),
    "Security Reader": ("5d6b6bb7-de71-4623-b4af-96380a352509", True),
    "Global Reader": ("f2ef992c-3afb-46b9-b7cf-a126ee74c451", True),
    "Billing Administrator": ("b0f54661-2d74-4c50-afa3-1ec803f12efe", False),
    "Directory Readers": ("88d8e3e3-8f55-4a1e-953a-9b9898b8876b", False),
}
# name: (definition id, template id); built-in roles have one id for both
ROLES = {name: (ident, ident) for name, (ident, _) in _ROLE_IDS.items()}

SKUS = {  # part number: (sku id, product name)
    "SPB": ("cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46", "Microsoft 365 Business Premium"),
    "EXCHANGESTANDARD": ("4b9405b0-7788-4568-add1-99614e613b69", "Exchange Online (Plan 1)"),
    "AAD_PREMIUM_P2": ("eec0eb4f-6444-4f95-aba0-50c24d67f998", "Microsoft Entra ID P2"),
}

PERMISSION_IDS = {  # Microsoft Graph application permissions (app roles of its service principal)
    "Directory.ReadWrite.All": "19dbc75e-c2e2-444c-a770-ec69d8559fc7",
    "Directory.Read.All": "7ab1d382-f21e-4acd-a863-ba3e13f7da61",
    "User.Read.All": "df021288-bdef-4463-88db-98f22de89214",
    "User.ReadWrite.All": "741f803b-c850-494e-b5df-cde7c675a1ca",
    "Reports.Read.All": "230c1aed-a721-4c5d-9cb4-a90514e508ef",
    "Policy.Read.All": "246dd0d5-5bd0-4def-940b-0421030a5b68",
    "RoleManagement.ReadWrite.Directory": "9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8",
    "Application.ReadWrite.All": "1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9",
}


def role_definitions() -> list[dict[str, Any]]:
    return [
        {
            "id": ident,
            "templateId": ident,
            "displayName": name,
            "description": f"Built-in role {name}.",
            "isBuiltIn": True,
            "isEnabled": True,
            "isPrivileged": privileged,
            "rolePermissions": [{"allowedResourceActions": ["microsoft.directory/*/read"]}],
        }
        for name, (ident, privileged) in _ROLE_IDS.items()
    ]


def graph_app_roles() -> list[dict[str, Any]]:
    return [
        {
            "id": ident,
            "value": value,
            "displayName": value,
            "allowedMemberTypes": ["Application"],
            "isEnabled": True,
        }
        for value, ident in PERMISSION_IDS.items()
    ]
