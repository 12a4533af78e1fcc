"""HTTPS plumbing of the ARM emulator: a threaded stdlib server that turns requests into calls
of one dispatch function and its (status, headers, JSON) answers into responses.

The TLS handshake happens in each connection's thread, so one slow client never blocks accept.
"""

from __future__ import annotations

import json
import socket
import ssl
import sys
import uuid
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from exitkit.sandbox.azure_routes import Reply, Request

Dispatch = Callable[[Request, str | None], Reply]
_QUIET = (ssl.SSLError, ConnectionError, TimeoutError, socket.timeout)


class ArmHttpServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(
        self, address: tuple[str, int], context: ssl.SSLContext, dispatch: Dispatch
    ) -> None:
        self.context = context
        self.dispatch = dispatch
        super().__init__(address, _Handler)

    def get_request(self) -> tuple[Any, Any]:
        connection, address = super().get_request()
        wrapped = self.context.wrap_socket(
            connection, server_side=True, do_handshake_on_connect=False
        )
        return wrapped, address

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Clients that hang up or refuse our certificate are not the emulator's problem."""
        if not isinstance(sys.exc_info()[1], _QUIET):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "exitkit-arm-emulator"
    timeout = 30
    disable_nagle_algorithm = True  # headers and body go out in two writes: no 40 ms stalls
    server: ArmHttpServer

    def setup(self) -> None:
        self.request.settimeout(self.timeout)
        self.request.do_handshake()
        super().setup()

    def do_GET(self) -> None:
        self._serve()

    def do_HEAD(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def do_PUT(self) -> None:
        self._serve()

    def do_PATCH(self) -> None:
        self._serve()

    def do_DELETE(self) -> None:
        self._serve()

    def log_message(self, format: str, *args: Any) -> None:
        """Silent: the emulator's traffic log is data (`ArmEmulator.traffic`), not stderr."""

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        parts = urlsplit(self.path)
        host = self.headers.get("Host") or "{}:{}".format(*self.server.server_address[:2])
        request = Request(
            method=self.command,
            path=parts.path,
            query=dict(parse_qsl(parts.query, keep_blank_values=True)),
            body=body,
            base_url=f"https://{host}",
        )
        status, headers, payload = self.server.dispatch(request, self.headers.get("Authorization"))
        self._reply(status, headers, payload)

    def _reply(self, status: int, headers: dict[str, str], payload: Any) -> None:
        data = b"" if payload is None else json.dumps(payload).encode()
        self.send_response(status)
        request_id = str(uuid.uuid4())
        self.send_header("x-ms-request-id", request_id)
        self.send_header("x-ms-correlation-request-id", request_id)
        if payload is not None:
            self.send_header("Content-Type", "application/json; charset=utf-8")
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)
