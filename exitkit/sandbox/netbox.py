"""An emulator of NetBox's REST API (read-only) on 127.0.0.1, for pynetbox as is.

It follows NetBox's documented answers: `count`/`next`/`previous`/`results` pages driven by
`limit` and `offset` (default 50, at most 1000, `limit=0` meaning the most) with absolute `next`
URLs, nested brief objects, `primary_ip.address` in CIDR form, `Authorization: Token ...`, and
the device filters pynetbox passes on (`site`, `role`, `tag`, `status`, `platform`,
`has_primary_ip`...); an unknown slug is a 400, as in NetBox. A real NetBox needs Python 3.12,
PostgreSQL and Redis, which the machines this runs on lack.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from exitkit.sandbox.netbox_seed import (
    API_VERSION,
    NETBOX_VERSION,
    PLATFORMS,
    ROLES,
    SITES,
    STATUSES,
    TAGS,
    TOKEN,
    Device,
    Renderer,
    bulk_devices,
    seed_devices,
)

HOST = "127.0.0.1"
PAGINATE_COUNT = 50  # NetBox's default page size
MAX_PAGE_SIZE = 1000
Reply = tuple[int, Any]
Query = dict[str, list[str]]
_SLUG_FILTERS = {"site": SITES, "role": ROLES, "platform": PLATFORMS, "tag": TAGS}
_NAMED_LISTS = {"dcim/sites": SITES, "dcim/device-roles": ROLES, "dcim/platforms": PLATFORMS}


class BadFilter(Exception):
    """A filter value NetBox would refuse (400, naming the field)."""

    def __init__(self, name: str, value: str) -> None:
        super().__init__(name)
        self.body = {name: [f"Select a valid choice. {value} is not one of the available choices."]}


@dataclass
class NetboxEmulator:
    """NetBox 4.1's API over the seeded devices; `log` records (method, path?query, status)."""

    token: str = TOKEN
    port: int = 0
    page_size: int = PAGINATE_COUNT  # NetBox's PAGINATE_COUNT and MAX_PAGE_SIZE settings
    max_page_size: int = MAX_PAGE_SIZE
    devices: list[Device] = field(default_factory=seed_devices)
    log: list[tuple[str, str, int]] = field(default_factory=list)
    base_url: str = ""
    _server: ThreadingHTTPServer | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self) -> NetboxEmulator:
        self._server = _Server((HOST, self.port), self.answer)
        self.base_url = f"http://{HOST}:{self._server.server_address[1]}"
        threading.Thread(target=self._server.serve_forever, name="netbox", daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> NetboxEmulator:
        return self if self._server is not None else self.start()

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def add_bulk(self, count: int) -> None:
        with self._lock:
            self.devices.extend(bulk_devices(count, len(self.devices) + 1))

    # -- answering ------------------------------------------------------------------------------
    def answer(self, method: str, target: str, authorization: str | None) -> Reply:
        reply = self._route(method, target, authorization)
        with self._lock:
            self.log.append((method, target, reply[0]))
        return reply

    def _route(self, method: str, target: str, authorization: str | None) -> Reply:
        url = urlsplit(target)
        problem = self._auth_problem(authorization)
        if problem:
            return 403, {"detail": problem}
        if method != "GET":
            return 405, {"detail": f'Method "{method}" not allowed.'}
        query = parse_qs(url.query, keep_blank_values=True)
        for pattern, handler in self._routes():
            found = re.fullmatch(pattern, url.path)
            if found:
                try:
                    return handler(query, *found.groups())
                except BadFilter as bad:
                    return 400, bad.body
        return 404, {"detail": "Not found."}

    def _routes(self) -> list[tuple[str, Callable[..., Reply]]]:
        return [
            (r"/api/", self._root),
            (r"/api/status/", self._status),
            (r"/api/dcim/devices/", self._devices),
            (r"/api/dcim/devices/(\d+)/", self._device),
            (r"/api/ipam/ip-addresses/", self._addresses),
            (r"/api/ipam/ip-addresses/(\d+)/", self._address),
            (r"/api/extras/tags/", self._tags),
            (r"/api/(dcim/sites|dcim/device-roles|dcim/platforms)/", self._named),
        ]

    def _auth_problem(self, authorization: str | None) -> str | None:
        if not authorization:
            return "Authentication credentials were not provided."
        scheme, _, value = authorization.partition(" ")
        if scheme not in ("Token", "Bearer") or value.strip() != self.token:
            return "Invalid token"
        return None

    def _root(self, query: Query) -> Reply:
        return 200, {app: f"{self.base_url}/api/{app}/" for app in ("circuits", "dcim", "ipam")}

    def _status(self, query: Query) -> Reply:
        return 200, {
            "django-version": "5.0.9",
            "installed-apps": {},
            "netbox-version": NETBOX_VERSION,
            "plugins": {},
            "python-version": "3.12.7",
            "rq-workers-running": 1,
        }

    def _render(self) -> Renderer:
        return Renderer(self.base_url)

    def _devices(self, query: Query) -> Reply:
        with self._lock:
            devices = list(self.devices)
        chosen = [device for device in devices if _matches(device, query)]
        render = self._render()
        brief = _flag(query, "brief")
        items = [render.brief_device(d) if brief else render.device(d) for d in chosen]
        return 200, self._page("/api/dcim/devices/", query, items)

    def _device(self, query: Query, number: str) -> Reply:
        found = next((d for d in self.devices if d.id == int(number)), None)
        return (200, self._render().device(found)) if found else (404, {"detail": "Not found."})

    def _addresses(self, query: Query) -> Reply:
        wanted = {int(v) for v in query.get("device_id", []) if v.isdigit()}
        chosen = [d for d in self.devices if d.address and (not wanted or d.id in wanted)]
        items = [self._render().ip_address(d) for d in chosen]
        return 200, self._page("/api/ipam/ip-addresses/", query, items)

    def _address(self, query: Query, number: str) -> Reply:
        found = next((d for d in self.devices if d.id == int(number) and d.address), None)
        return (200, self._render().ip_address(found)) if found else (404, {"detail": "Not found."})

    def _tags(self, query: Query) -> Reply:
        items = [self._render().tag(slug) for slug in TAGS]
        return 200, self._page("/api/extras/tags/", query, items)

    def _named(self, query: Query, path: str) -> Reply:
        table = _NAMED_LISTS[path]
        items = [self._render().named(path, table, slug) for slug in table]
        return 200, self._page(f"/api/{path}/", query, items)

    def _page(self, path: str, query: Query, items: list[Any]) -> dict[str, Any]:
        """One page, as NetBox's OptionalLimitOffsetPagination answers it."""
        limit = _int(query, "limit", self.page_size)
        limit = self.max_page_size if limit == 0 else min(limit, self.max_page_size)
        offset = _int(query, "offset", 0)
        url = f"{self.base_url}{path}"
        following = offset + limit < len(items)
        return {
            "count": len(items),
            "next": _link(url, query, limit, offset + limit) if following else None,
            "previous": _link(url, query, limit, offset - limit) if offset > 0 else None,
            "results": items[offset : offset + limit],
        }


def _int(query: Query, name: str, default: int) -> int:
    values = query.get(name)
    if not values or not values[-1]:
        return default
    if not values[-1].isdigit():
        raise BadFilter(name, values[-1])
    return int(values[-1])


def _flag(query: Query, name: str) -> bool | None:
    values = query.get(name)
    if not values:
        return None
    value = values[-1].lower()
    if value not in ("true", "false", "1", "0"):
        raise BadFilter(name, values[-1])
    return value in ("true", "1")


def _link(url: str, query: Query, limit: int, offset: int) -> str:
    """Django REST framework's way: the same query, limit and offset replaced, keys sorted."""
    params = {key: values for key, values in query.items() if key not in ("limit", "offset")}
    params["limit"] = [str(limit)]
    if offset > 0:
        params["offset"] = [str(offset)]
    return f"{url}?{urlencode(sorted(params.items()), doseq=True)}"


def _matches(device: Device, query: Query) -> bool:
    """NetBox's device filters: values of one filter OR-ed, except tags, which are AND-ed."""
    for name, table in _SLUG_FILTERS.items():
        for value in query.get(name, []):
            if value not in table:
                raise BadFilter(name, value)
    for value in query.get("status", []):
        if value not in STATUSES:
            raise BadFilter("status", value)
    slugs = {"site": device.site, "role": device.role, "platform": device.platform}
    for name, own in slugs.items():
        if query.get(name) and own not in query[name]:
            return False
    if not set(query.get("tag", [])) <= set(device.tags):
        return False
    if query.get("status") and device.status not in query["status"]:
        return False
    if query.get("name") and device.name not in query["name"]:
        return False
    wanted_ip = _flag(query, "has_primary_ip")
    return wanted_ip is None or wanted_ip == (device.address is not None)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, address: tuple[str, int], answer: Callable[..., Reply]) -> None:
        self.answer = answer
        super().__init__(address, _Handler)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def _reply(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(min(length, 1 << 20))
        status, body = self.server.answer(
            self.command, self.path, self.headers.get("Authorization")
        )
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("API-Version", API_VERSION)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _reply

    def log_message(self, format: str, *args: Any) -> None:
        return


def serve_netbox(port: int = 0, stop: threading.Event | None = None) -> int:
    """`exitkit sandbox netbox`: run the emulator until Ctrl-C (or `stop` is set)."""
    with NetboxEmulator(port=port) as emulator:
        print(f"NetBox sandbox (REST API emulator, NetBox {NETBOX_VERSION}) on {emulator.base_url}")
        print(f"  export NETBOX_TOKEN={emulator.token}")
        print(
            f"  exitkit inventory import 'netbox+{emulator.base_url}/?token-env=NETBOX_TOKEN' "
            "--into ESTATE --dry-run"
        )
        print("Ctrl-C to stop", flush=True)
        waiter = stop or threading.Event()
        try:
            while not waiter.wait(0.5):
                pass
        except KeyboardInterrupt:
            print("stopped")
    return 0
