"""Credentials and clients for one Azure subscription: DefaultAzureCredential, an ARM endpoint."""

from __future__ import annotations

import os
import threading
from typing import Any
from urllib.parse import urlsplit

from exitkit import __version__
from exitkit.cloud.collect import Collection, Key
from exitkit.inventory.models import AzureSubscription

PUBLIC_ARM = "https://management.azure.com"
# Azure AD authorities Microsoft runs; for any other (Azure Stack, a sandbox) MSAL's instance
# discovery would ask login.microsoftonline.com about it, so it is turned off
MICROSOFT_AUTHORITIES = frozenset(
    {
        "login.microsoftonline.com",
        "login.microsoft.com",
        "login.windows.net",
        "sts.windows.net",
        "login.microsoftonline.us",
        "login.usgovcloudapi.net",
        "login-us.microsoftonline.com",
        "login.chinacloudapi.cn",
        "login.partner.microsoftonline.cn",
    }
)
RETRIED = frozenset({408, 429, 500, 502, 503, 504})
SECRET_VARIABLES = ("AZURE_CLIENT_SECRET", "AZURE_PASSWORD", "AZURE_CLIENT_CERTIFICATE_PASSWORD")
_CREDENTIAL_LOCK = threading.Lock()


def credential() -> Any:
    """azure-identity's DefaultAzureCredential, never interactive (exports run unattended)."""
    from azure.identity import DefaultAzureCredential

    authority = os.environ.get("AZURE_AUTHORITY_HOST", "")
    host = urlsplit(authority if "://" in authority else f"https://{authority}").hostname
    options: dict[str, Any] = {"exclude_interactive_browser_credential": True}
    if authority and host not in MICROSOFT_AUTHORITIES:
        options["disable_instance_discovery"] = True
    return DefaultAzureCredential(**options)


def env_secrets() -> list[str]:
    return [value for name in SECRET_VARIABLES if (value := os.environ.get(name))]


class AzureAccess:
    """One credential, and ARM clients on one endpoint whose requests are counted."""

    def __init__(
        self, asset: AzureSubscription, collection: Collection, attempts: int, timeout_s: float
    ) -> None:
        self.subscription_id = asset.subscription_id
        self.endpoint = (asset.endpoint or PUBLIC_ARM).rstrip("/")
        self._collection = collection
        with _CREDENTIAL_LOCK:
            self.credential = credential()
        self._options: dict[str, Any] = {
            "base_url": self.endpoint,
            "retry_total": attempts,
            "retry_backoff_factor": 0.8,
            "connection_timeout": min(timeout_s, 30),
            "read_timeout": timeout_s,
            "user_agent": f"exitkit/{__version__}",
        }
        if asset.endpoint:  # a sovereign or private cloud: its ARM endpoint is the token audience
            self._options["credential_scopes"] = [f"{self.endpoint}/.default"]

    def _hooks(self, key: Key | None) -> dict[str, Any]:
        def sent(request: Any) -> None:
            self._collection.count(request=True, key=key)

        def answered(response: Any) -> None:
            if response.http_response.status_code not in RETRIED:
                self._collection.count(key=key)

        return {"raw_request_hook": sent, "raw_response_hook": answered}

    def resources(self, subscription_id: str | None = None, key: Key | None = None) -> Any:
        from azure.mgmt.resource.resources import ResourceManagementClient

        return ResourceManagementClient(
            self.credential,
            subscription_id or self.subscription_id,
            **self._options,
            **self._hooks(key),
        )

    def subscriptions(self) -> Any:
        from azure.mgmt.resource.subscriptions import SubscriptionClient

        return SubscriptionClient(self.credential, **self._options, **self._hooks(None))

    def authorization(self) -> Any:
        from azure.mgmt.authorization import AuthorizationManagementClient

        return AuthorizationManagementClient(
            self.credential, self.subscription_id, **self._options, **self._hooks(None)
        )
