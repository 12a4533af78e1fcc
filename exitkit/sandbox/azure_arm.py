"""The Azure sandbox: an HTTPS emulator of Resource Manager and of Azure AD's token endpoint.

The real SDK clients (azure-mgmt-resource, azure-mgmt-authorization) and azure-identity's
credentials talk to it unchanged: clients get `base_url` and trust the emulator's certificate.
Fault modes (throttling, a call that keeps failing) let tests watch the SDK and exporter cope.
"""

from __future__ import annotations

import tempfile
import threading
from pathlib import Path
from types import TracebackType
from typing import Any

from exitkit.sandbox.azure_auth import ARM_AUDIENCE, Application, Authority
from exitkit.sandbox.azure_faults import FaultModes, Traffic
from exitkit.sandbox.azure_http import ArmHttpServer
from exitkit.sandbox.azure_lists import arm_error
from exitkit.sandbox.azure_roles import (
    EXPORTER,
    EXPORTER_CLIENT_ID,
    EXPORTER_SECRET,
    access_grants,
)
from exitkit.sandbox.azure_routes import Reply, Request, Router
from exitkit.sandbox.azure_seed import SUB_ERP, TENANT_ID, add_bulk, build_estate
from exitkit.sandbox.azure_tls import make_certificate
from exitkit.sandbox.expected import SandboxError, SeededEstate
from exitkit.sandbox.graph_routes import GraphApi

HOST = "127.0.0.1"
ARM_SCOPE = ARM_AUDIENCE + ".default"


class ArmEmulator:
    """ARM + Azure AD on https://127.0.0.1:<port>, seeded with Acme's two subscriptions."""

    def __init__(
        self,
        port: int = 0,
        page_size: int = 5,
        lro_polls: int = 2,
        lro_poll_after: float = 0.1,
        workdir: Path | None = None,
    ) -> None:
        self._port = port
        self._workdir = workdir
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        self._server: ArmHttpServer | None = None
        self._lock = threading.Lock()
        self.authority = Authority(TENANT_ID)
        app = Application(EXPORTER_CLIENT_ID, EXPORTER_SECRET, EXPORTER.object_id, EXPORTER.name)
        self.authority.apps[app.client_id] = app
        self.arm = build_estate()
        self.router = Router(self.arm, page_size=page_size)
        self.router.operations.polls = lro_polls
        self.router.operations.poll_after = lro_poll_after
        self.faults = FaultModes()
        self.graph = GraphApi(self.authority)  # Microsoft Graph on the same port
        self.traffic = Traffic()
        self.base_url = ""
        self.cert_path = Path()
        self.estate = SeededEstate(self.arm.expected(), access_grants())

    # -- life cycle ---------------------------------------------------------------------------
    def start(self) -> ArmEmulator:
        if self._workdir is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="exitkit-arm-")
        folder = self._workdir or Path(self._tmp.name if self._tmp else ".")
        tls = make_certificate(folder)
        try:
            self._server = ArmHttpServer((HOST, self._port), tls.server_context(), self._dispatch)
        except OSError as error:
            raise SandboxError(
                f"the ARM emulator cannot listen on {HOST}:{self._port}: {error}"
            ) from error
        self.cert_path = tls.cert
        self.base_url = f"https://{HOST}:{self._server.server_address[1]}"
        threading.Thread(
            target=self._server.serve_forever, name="arm-emulator", daemon=True
        ).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    def __enter__(self) -> ArmEmulator:
        return self if self._server is not None else self.start()

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    # -- how clients reach it -----------------------------------------------------------------
    @property
    def tenant_id(self) -> str:
        return TENANT_ID

    @property
    def subscription_id(self) -> str:
        return SUB_ERP

    @property
    def env(self) -> dict[str, str]:
        """For EnvironmentCredential / DefaultAzureCredential and requests-based transports."""
        return {
            "AZURE_TENANT_ID": TENANT_ID,
            "AZURE_CLIENT_ID": EXPORTER_CLIENT_ID,
            "AZURE_CLIENT_SECRET": EXPORTER_SECRET,
            "AZURE_AUTHORITY_HOST": self.base_url,
            "AZURE_SUBSCRIPTION_ID": SUB_ERP,
            "REQUESTS_CA_BUNDLE": str(self.cert_path),
            "NO_PROXY": "127.0.0.1,localhost",
        }

    def client_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for any azure-mgmt client: where ARM is, which certificate to trust."""
        return {
            "base_url": self.base_url,
            "connection_verify": str(self.cert_path),
            "credential_scopes": [ARM_SCOPE],
        }

    def credential(self, **kwargs: Any) -> Any:
        """azure-identity's real ClientSecretCredential, signing in at the emulator."""
        from azure.identity import ClientSecretCredential

        options = {
            "authority": self.base_url,
            "disable_instance_discovery": True,
            "connection_verify": str(self.cert_path),
            **kwargs,
        }
        return ClientSecretCredential(TENANT_ID, EXPORTER_CLIENT_ID, EXPORTER_SECRET, **options)

    def seed_bulk(self, count: int) -> SeededEstate:
        """Add `count` resources (in-memory, instant) for benchmarks; `estate` includes them."""
        with self._lock:
            added = add_bulk(self.arm, count)
            self.estate = SeededEstate(self.arm.expected(), self.estate.grants)
        return SeededEstate(added, ())

    def issue_token(self) -> str:
        """A valid bearer token without going through the token endpoint."""
        return self.authority.issue(self.authority.apps[EXPORTER_CLIENT_ID], ARM_SCOPE)

    # -- fault modes and counters ---------------------------------------------------------------
    def throttle_requests(
        self, first: int = 0, every: int = 0, retry_after: float = 1.0, path: str | None = None
    ) -> None:
        """429 + Retry-After for the first `first` ARM calls and/or every `every`-th one after,
        counting only calls whose path matches the regex `path` when one is given."""
        self.faults.throttle_requests(first, every, retry_after, path)

    def fail_requests(
        self,
        path: str,
        status: int = 403,
        code: str = "AuthorizationFailed",
        message: str = "",
        method: str | None = None,
    ) -> None:
        """Every ARM call whose path matches the regex `path` fails with an ARM error body.

        403 fails at once; a 5xx is retried by the SDK first (4 attempts, ~5.6 s of back-off
        with the default retry policy)."""
        self.faults.fail_requests(path, status, code, message, method)

    def reset_modes(self) -> None:
        self.faults.reset()

    def reset_counters(self) -> None:
        with self._lock:
            self.traffic = Traffic()

    # -- serving --------------------------------------------------------------------------------
    def _dispatch(self, request: Request, authorization: str | None) -> Reply:
        reply = self._answer(request, authorization)
        with self._lock:
            self.traffic.requests += 1
            self.traffic.log.append((request.method, request.path, reply[0]))
        return reply

    def _answer(self, request: Request, authorization: str | None) -> Reply:
        graph = self.graph.answer(request, authorization)
        if graph is not None:
            return graph
        aad = self.authority.answer(request)
        with self._lock:
            if aad is not None:
                self.traffic.tokens += 1
                return aad
            self.traffic.arm += 1
        problem = self.authority.check(authorization)
        if problem:
            header = (
                f'Bearer authorization_uri="{self.base_url}/{TENANT_ID}", error="invalid_token"'
            )
            status, _, body = arm_error(401, "AuthenticationFailed", problem)
            return status, {"WWW-Authenticate": header}, body
        fault = self.faults.answer(request)
        if fault is not None:
            with self._lock:
                if fault[0] == 429:
                    self.traffic.throttled += 1
                else:
                    self.traffic.failed += 1
            return fault
        if "api-version" not in request.query:
            return arm_error(
                400, "MissingApiVersionParameter", "The api-version query parameter is required."
            )
        return self.router.handle(request)


def start_azure_sandbox(port: int = 0, page_size: int = 5) -> ArmEmulator:
    """Start the ARM emulator on 127.0.0.1 with its generated certificate."""
    return ArmEmulator(port=port, page_size=page_size).start()


def serve_azure(port: int = 0, stop: threading.Event | None = None) -> int:
    """`exitkit sandbox azure`: run the emulator until Ctrl-C (or `stop` is set)."""
    with start_azure_sandbox(port=port) as emulator:
        print(f"Azure sandbox (ARM emulator) on {emulator.base_url}")
        print(f"certificate to trust: {emulator.cert_path}")
        print(f"subscriptions: {', '.join(emulator.arm.subscriptions)} (tenant {TENANT_ID})")
        print("export:")
        for name, value in emulator.env.items():
            print(f"  export {name}={value}")
        print("clients: base_url=$AZURE_AUTHORITY_HOST, connection_verify=$REQUESTS_CA_BUNDLE;")
        print(
            "credentials: pass disable_instance_discovery=True "
            "(else MSAL asks login.microsoftonline.com)"
        )
        print("Ctrl-C to stop", flush=True)
        waiter = stop or threading.Event()
        try:
            while not waiter.wait(0.5):
                pass
        except KeyboardInterrupt:
            print("stopped")
    return 0
