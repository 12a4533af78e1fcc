"""Credentials and clients of one AWS account: boto3's standard chain, an assumed role, counted."""

from __future__ import annotations

import threading
from typing import Any

import botocore.session
from botocore.config import Config
from botocore.credentials import AssumeRoleCredentialFetcher, DeferredRefreshableCredentials

from exitkit import __version__
from exitkit.cloud.collect import Collection
from exitkit.cloud.job import CloudFailure

SESSION_NAME = "exitkit-export"
HOME_REGION = "us-east-1"  # where global services (IAM, Route 53, STS) are called
_CREATE = threading.Lock()  # botocore sessions are not safe to create clients from in parallel
_LOADER: list[Any] = []  # one loader for every session: service models are read once


def _session() -> Any:
    session = botocore.session.get_session()
    with _CREATE:
        if not _LOADER:
            _LOADER.append(session.get_component("data_loader"))
        session.register_component("data_loader", _LOADER[0])
    return session


class AwsAccess:
    """The sessions and clients exitkit uses for one account."""

    def __init__(
        self,
        role_arn: str | None,
        collection: Collection,
        attempts: int,
        timeout_s: float,
        pool: int,
    ) -> None:
        self._collection = collection
        self._base = _session()
        self.home = self._base.get_config_variable("region") or HOME_REGION
        self._count(self._base)
        if self._base.get_credentials() is None:
            raise CloudFailure(
                "no-credentials",
                "no AWS credentials: boto3's standard chain (environment, profile, SSO, "
                "instance role) found none",
            )
        self._session = self._base
        if role_arn:
            self._session = _session()
            self._count(self._session)
            fetcher = AssumeRoleCredentialFetcher(
                self._base.create_client,
                self._base.get_credentials(),
                role_arn,
                extra_args={"RoleSessionName": SESSION_NAME},
            )
            self._session._credentials = DeferredRefreshableCredentials(
                fetcher.fetch_credentials, "assume-role"
            )
        self._config = Config(
            retries={"mode": "adaptive", "max_attempts": attempts},
            max_pool_connections=pool,
            connect_timeout=min(timeout_s, 30),
            read_timeout=timeout_s,
            user_agent_extra=f"exitkit/{__version__}",
        )
        self._clients: dict[tuple[str, str], Any] = {}

    def _count(self, session: Any) -> None:
        session.register("before-call", self._count_call)
        session.register("before-send", lambda **_: self._collection.count(request=True))

    def _count_call(self, model: Any, **_: Any) -> None:
        self._collection.count(operation=f"{model.service_model.service_name}:{model.name}")

    def client(self, service: str, region: str) -> Any:
        key = (service, region)
        with _CREATE:
            if key not in self._clients:
                self._clients[key] = self._session.create_client(
                    service, region_name=region, config=self._config
                )
            return self._clients[key]

    def base_client(self, service: str) -> Any:
        """A client with the credentials exitkit started with, before any role is assumed."""
        with _CREATE:
            return self._base.create_client(service, region_name=self.home, config=self._config)

    def secrets(self) -> list[str]:
        """Secret values in use (secret keys, session tokens), to scrub from any message."""
        found = []
        for session in {id(self._base): self._base, id(self._session): self._session}.values():
            try:
                credentials = session.get_credentials()
                frozen = credentials.get_frozen_credentials() if credentials else None
            except Exception:  # a role that cannot be assumed has no secret to hide
                frozen = None
            if frozen is not None:
                found += [value for value in (frozen.secret_key, frozen.token) if value]
        return found
