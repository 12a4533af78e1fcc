"""The Azure AD side of the ARM emulator: OpenID discovery, the client-credentials token endpoint,
and the check of the bearer token on every ARM call.

Tokens are JWTs signed with a key of the emulator (HS256): real enough for code that decodes
them, and only this emulator accepts them.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import secrets
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs

if TYPE_CHECKING:
    from exitkit.sandbox.azure_routes import Reply, Request

ARM_AUDIENCE = "https://management.azure.com/"
_AAD_PATH = re.compile(
    r"/([^/]+)(/v2\.0)?/\.well-known/openid-configuration|/([^/]+)/oauth2/v2\.0/token"
)
TOKEN_LIFETIME = 3600


@dataclass(frozen=True)
class Application:
    """An app registration that may sign in with a secret, and its service principal."""

    client_id: str
    secret: str
    object_id: str
    name: str


@dataclass
class Authority:
    """Issues and checks tokens for one tenant."""

    tenant_id: str
    apps: dict[str, Application] = field(default_factory=dict)
    key: bytes = field(default_factory=lambda: secrets.token_bytes(32))

    def openid_configuration(self, base_url: str) -> dict[str, Any]:
        tenant = f"{base_url}/{self.tenant_id}"
        return {
            "token_endpoint": f"{tenant}/oauth2/v2.0/token",
            "authorization_endpoint": f"{tenant}/oauth2/v2.0/authorize",
            "device_authorization_endpoint": f"{tenant}/oauth2/v2.0/devicecode",
            "jwks_uri": f"{base_url}/{self.tenant_id}/discovery/v2.0/keys",
            "issuer": f"{tenant}/v2.0",
            "token_endpoint_auth_methods_supported": ["client_secret_post", "private_key_jwt"],
            "response_types_supported": ["code", "id_token", "code id_token", "id_token token"],
            "scopes_supported": ["openid", "profile", "email", "offline_access"],
            "tenant_region_scope": "EU",
            "cloud_instance_name": "microsoftonline.com",
        }

    def answer(self, request: Request) -> Reply | None:
        """Azure AD's side of a request (discovery, token), or None when it is an ARM call."""
        match = _AAD_PATH.fullmatch(request.path)
        if match is None:
            return None
        tenant = match.group(1) or match.group(3)
        if tenant != self.tenant_id:
            error = _aad_error("invalid_tenant", 90002, f"Tenant '{tenant}' not found.")
            return 400, {}, error
        if match.group(3):
            status, body = self.token_response(request.body)
            return status, {"Cache-Control": "no-store"}, body
        return 200, {}, self.openid_configuration(request.base_url)

    def token_response(self, body: bytes) -> tuple[int, dict[str, Any]]:
        """Answer a POST to the token endpoint (client credentials with a secret)."""
        form = {k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace")).items()}
        if form.get("grant_type") != "client_credentials":
            return 400, _aad_error("unsupported_grant_type", 70003, "Only client_credentials.")
        app = self.apps.get(form.get("client_id", ""))
        if app is None:
            return 400, _aad_error(
                "unauthorized_client", 700016, f"Application '{form.get('client_id')}' not found."
            )
        if not hmac.compare_digest(form.get("client_secret", ""), app.secret):
            return 401, _aad_error("invalid_client", 7000215, "Invalid client secret provided.")
        token = self.issue(app, form.get("scope", ARM_AUDIENCE + ".default"))
        reply = {"token_type": "Bearer", "expires_in": TOKEN_LIFETIME}
        reply.update({"ext_expires_in": TOKEN_LIFETIME, "access_token": token})
        return 200, reply

    def issue(self, app: Application, scope: str = ARM_AUDIENCE + ".default") -> str:
        now = int(time.time())
        audience = scope.split()[0].removesuffix(".default") or ARM_AUDIENCE
        claims = {
            "aud": audience,
            "iss": f"https://sts.windows.net/{self.tenant_id}/",
            "iat": now,
            "nbf": now,
            "exp": now + TOKEN_LIFETIME,
            "appid": app.client_id,
            "app_displayname": app.name,
            "idtyp": "app",
            "oid": app.object_id,
            "sub": app.object_id,
            "tid": self.tenant_id,
            "ver": "1.0",
        }
        header = _encode({"typ": "JWT", "alg": "HS256"})
        payload = _encode(claims)
        return f"{header}.{payload}.{self._sign(f'{header}.{payload}')}"

    def check(self, authorization: str | None) -> str | None:
        """None when the bearer token is one we issued and still valid, else why not."""
        if not authorization or not authorization.startswith("Bearer "):
            return "The 'Authorization' header is missing or not a bearer token."
        parts = authorization.removeprefix("Bearer ").strip().split(".")
        try:
            signed = len(parts) == 3 and hmac.compare_digest(
                self._sign(f"{parts[0]}.{parts[1]}").encode(), parts[2].encode()
            )
            claims = json.loads(_decode(parts[1])) if signed else {}
        except (ValueError, UnicodeError):
            signed = False
        if not signed:
            return "The access token is invalid (signature)."
        if claims.get("exp", 0) < time.time():
            return "The access token has expired."
        if claims.get("tid") != self.tenant_id:
            return "The access token is from the wrong issuer."
        return None

    def _sign(self, text: str) -> str:
        digest = hmac.new(self.key, text.encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def _encode(data: dict[str, Any]) -> str:
    raw = json.dumps(data, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _decode(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def _aad_error(error: str, code: int, description: str) -> dict[str, Any]:
    return {
        "error": error,
        "error_description": f"AADSTS{code}: {description}",
        "error_codes": [code],
        "timestamp": time.strftime("%Y-%m-%d %H:%M:%SZ", time.gmtime()),
        "trace_id": secrets.token_hex(16),
        "correlation_id": secrets.token_hex(16),
    }
