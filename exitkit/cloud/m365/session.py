"""Signing in to a tenant: azure-identity's credential chain, a national cloud's endpoints, and
what an error means for the export (a class and a one-line reason, no secret in it)."""

from __future__ import annotations

import os
import threading
from typing import Any
from urllib.parse import urlsplit

from azure.core.exceptions import ClientAuthenticationError

from exitkit.cloud.azure.session import MICROSOFT_AUTHORITIES, env_secrets
from exitkit.cloud.collect import first_line
from exitkit.cloud.m365.graph import GraphError
from exitkit.inventory.models import Microsoft365Tenant
from exitkit.scrubbing import scrub as scrub_secrets

PUBLIC_GRAPH = "https://graph.microsoft.com"
_LOCK = threading.Lock()


def graph_endpoint(asset: Microsoft365Tenant) -> str:
    return (asset.endpoint or PUBLIC_GRAPH).rstrip("/")


def tenant_credential(asset: Microsoft365Tenant) -> Any:
    """DefaultAzureCredential (environment, workload identity, managed identity, Azure CLI…),
    never interactive; the tenant's `authority` when it names a national cloud's."""
    from azure.identity import DefaultAzureCredential

    authority = asset.authority or os.environ.get("AZURE_AUTHORITY_HOST", "")
    host = urlsplit(authority if "://" in authority else f"https://{authority}").hostname
    options: dict[str, Any] = {"exclude_interactive_browser_credential": True}
    if asset.authority:
        options["authority"] = asset.authority
    if authority and host not in MICROSOFT_AUTHORITIES:
        options["disable_instance_discovery"] = True
    with _LOCK:
        return DefaultAzureCredential(**options)


def explain(error: BaseException) -> tuple[str, str]:
    if isinstance(error, GraphError):
        return error.error_class, first_line(str(error))
    if type(error).__name__ == "CredentialUnavailableError":
        return "no-credentials", first_line(str(error))
    if isinstance(error, ClientAuthenticationError):
        return "auth", first_line(str(error.message or error))
    return "internal", first_line(f"{type(error).__name__}: {error}")


def scrub(text: str) -> str:
    """The text without any secret of the credential chain's environment."""
    return scrub_secrets(text, env_secrets())
