"""Long-running operations of the ARM emulator: `exportTemplate` answers 202 and is polled.

The answer carries both `Azure-AsyncOperation` (status: Running, then Succeeded) and
`Location` (202 until done, then the result), as ARM does; the SDK's ARMPolling uses both.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from exitkit.sandbox.azure_lists import arm_error, not_found, retry_after_headers
from exitkit.sandbox.azure_template import export_template

if TYPE_CHECKING:
    from exitkit.sandbox.azure_routes import Reply, Request

API_VERSION = "2025-04-01"


@dataclass
class Operation:
    subscription: str
    result: dict[str, Any]
    polls_left: int
    started: str = field(default_factory=lambda: time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))


@dataclass
class Operations:
    """Running exports; each answers `polls` polls as still running before it completes."""

    polls: int = 2
    poll_after: float = 0.1  # seconds the client is told to wait between polls
    _running: dict[str, Operation] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def start_export(
        self, request: Request, group: dict[str, Any], resources: list[dict[str, Any]]
    ) -> Reply:
        try:
            asked = json.loads(request.body or b"{}")
            wanted = [str(r).lower() for r in asked.get("resources", ["*"])]
            options = str(asked.get("options") or "")
        except (ValueError, AttributeError):
            return arm_error(400, "InvalidRequestContent", "The request body is not valid JSON.")
        if "*" not in wanted:
            resources = [r for r in resources if r["id"].lower() in wanted]
        op = str(uuid.uuid4())
        subscription = group["id"].split("/")[2]
        result = {"template": export_template(resources, options)}
        with self._lock:
            self._running[op] = Operation(subscription, result, self.polls)
        base = f"{request.base_url}/subscriptions/{subscription}"
        headers = {
            "Location": f"{base}/operationresults/{op}?api-version={API_VERSION}",
            "Azure-AsyncOperation": f"{base}/providers/Microsoft.Resources/operationStatuses/{op}"
            f"?api-version={API_VERSION}",
            **retry_after_headers(self.poll_after),
        }
        return 202, headers, None

    def status(self, request: Request, sub: str, op: str) -> Reply:
        operation = self._advance(sub, op)
        if operation is None:
            return not_found("OperationNotFound", f"The operation '{op}' was not found.")
        running = operation.polls_left >= 0
        body = {"id": request.path, "name": op, "status": "Running" if running else "Succeeded"}
        body["startTime"] = operation.started
        if not running:
            body["endTime"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        return 200, retry_after_headers(self.poll_after) if running else {}, body

    def result(self, request: Request, sub: str, op: str) -> Reply:
        operation = self._advance(sub, op)
        if operation is None:
            return not_found("OperationNotFound", f"The operation '{op}' was not found.")
        if operation.polls_left >= 0:
            return (
                202,
                {
                    "Location": f"{request.base_url}{request.path}?api-version={API_VERSION}",
                    **retry_after_headers(self.poll_after),
                },
                None,
            )
        return 200, {}, operation.result

    def _advance(self, sub: str, op: str) -> Operation | None:
        """Count a poll; `polls_left` goes negative once the operation has completed."""
        with self._lock:
            operation = self._running.get(op)
            if operation is None or operation.subscription.lower() != sub.lower():
                return None
            operation.polls_left -= 1
            return operation
