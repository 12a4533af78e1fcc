"""Credentials and clients for the AWS sandbox's two accounts, always pointed at the moto server."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

import boto3
from botocore.config import Config

from exitkit.sandbox.expected import ExpectedResource

ACCOUNT_PROD = "123456789012"  # moto's default account: any unknown access key lands here
ACCOUNT_SHARED = "111122223333"  # reached only by assuming a role in it
REGIONS = ("eu-west-3", "eu-west-1", "us-east-1")
DUMMY_KEY_ID = "testing"
DUMMY_SECRET = "testing"
AUDIT_ROLE = "exitkit-audit"  # the read-only role an exporter assumes in each account
SEED_ROLE = "OrganizationAccountAccessRole"  # what the seeder assumes to reach the 2nd account
_SESSION_LOCK = threading.Lock()
_SESSIONS: list[Any] = []  # one shared session: it caches the service models clients load
_CONFIG = Config(retries={"mode": "standard", "max_attempts": 3}, max_pool_connections=32)


def _session() -> Any:
    if not _SESSIONS:
        _SESSIONS.append(boto3.session.Session())
    return _SESSIONS[0]


def role_arn(account_id: str, role: str = AUDIT_ROLE) -> str:
    return f"arn:aws:iam::{account_id}:role/{role}"


def dummy_credentials() -> dict[str, str]:
    return {"aws_access_key_id": DUMMY_KEY_ID, "aws_secret_access_key": DUMMY_SECRET}


def assume_role_credentials(endpoint_url: str, arn: str, session_name: str) -> dict[str, str]:
    """Temporary keys for a role: moto files them under the account named in the role's ARN."""
    with _SESSION_LOCK:
        sts = _session().client(
            "sts", region_name="us-east-1", endpoint_url=endpoint_url, **dummy_credentials()
        )
    keys = sts.assume_role(RoleArn=arn, RoleSessionName=session_name)["Credentials"]
    return {
        "aws_access_key_id": str(keys["AccessKeyId"]),
        "aws_secret_access_key": str(keys["SecretAccessKey"]),
        "aws_session_token": str(keys["SessionToken"]),
    }


@dataclass
class AccountSession:
    """One account as the seeder sees it: its keys, cached clients, what it created there."""

    endpoint_url: str
    account_id: str
    credentials: dict[str, str]
    created: list[ExpectedResource] = field(default_factory=list)
    state: dict[str, str] = field(default_factory=dict)
    _clients: dict[tuple[str, str], Any] = field(default_factory=dict)

    def client(self, service: str, region: str) -> Any:
        """A cached client; safe from several threads (boto3 sessions are not, clients are)."""
        key = (service, region)
        with _SESSION_LOCK:
            if key not in self._clients:
                self._clients[key] = _session().client(
                    service,
                    region_name=region,
                    endpoint_url=self.endpoint_url,
                    config=_CONFIG,
                    **self.credentials,
                )
            return self._clients[key]

    def add(
        self, region: str, kind: str, rid: str, name: str, path: str = "", arn: str = ""
    ) -> None:
        """Record a created resource; `path` builds the ARN of services that use type/id."""
        if not arn:
            service = kind.split(":", 1)[0]
            where = "" if region == "global" else region
            arn = f"arn:aws:{service}:{where}:{self.account_id}:{path}"
        self.created.append(ExpectedResource("aws", self.account_id, region, kind, rid, name, arn))


def open_account(endpoint_url: str, account_id: str) -> AccountSession:
    """The default account with the dummy keys; any other through sts:AssumeRole."""
    if account_id == ACCOUNT_PROD:
        return AccountSession(endpoint_url, account_id, dummy_credentials())
    keys = assume_role_credentials(endpoint_url, role_arn(account_id, SEED_ROLE), "exitkit-seed")
    return AccountSession(endpoint_url, account_id, keys)
