"""A small Microsoft Graph client: azure-identity tokens, requests for HTTP, Graph's documented
paging (`@odata.nextLink`) and throttling (429/503 with Retry-After).

Retry-After is obeyed, never anticipated: the same URL is asked again only once the wait Graph
named is over, at most `tries` times, and a wait longer than `max_wait_s` is not waited at all:
that call fails as `throttled`, recorded like any other failure, and the rest goes on.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote, urlsplit

import requests

from exitkit import __version__
from exitkit.cloud.collect import Collection, first_line
from exitkit.cloud.m365.permissions import CALLS, GRAPH_VERSION, operation

RETRIED = frozenset({429, 503, 504})  # Graph's throttling and transient answers
STATUS_CLASS = {401: "auth", 403: "access-denied", 404: "not-found", 429: "throttled"}
PAGE_SIZE = 999


class GraphError(Exception):
    """A Graph call that did not succeed: its HTTP status, Graph's error code and message."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}" if code else message)
        self.status = status
        self.code = code

    @property
    def error_class(self) -> str:
        if self.code == "throttled":
            return "throttled"
        return STATUS_CLASS.get(self.status) or (
            "service-error" if self.status >= 500 else "api-error"
        )


class GraphClient:
    """GET calls on one Graph endpoint with one credential; every request is counted."""

    def __init__(
        self,
        endpoint: str,
        credential: Any,
        collection: Collection,
        tries: int = 5,
        timeout_s: float = 120.0,
        max_wait_s: float = 60.0,
    ) -> None:
        self.endpoint = endpoint.rstrip("/")
        self.scope = f"{self.endpoint}/.default"
        self._credential = credential
        self._collection = collection
        self._tries = max(1, tries)
        self._timeout = (min(timeout_s, 30.0), timeout_s)
        self._max_wait = max_wait_s
        self._session = requests.Session()  # verifies TLS: REQUESTS_CA_BUNDLE or certifi
        self._session.headers["User-Agent"] = f"exitkit/{__version__}"

    def read(
        self, template: str, params: dict[str, str] | None = None, **ids: str
    ) -> list[dict[str, Any]]:
        """Every item of a collection, following `@odata.nextLink` to the last page."""
        return [item for page in self.pages(template, params, **ids) for item in page]

    def pages(
        self, template: str, params: dict[str, str] | None = None, **ids: str
    ) -> Iterator[list[dict[str, Any]]]:
        if template not in CALLS:  # every call must be one access/ grants: a bug otherwise
            raise ValueError(f"{template} is not a Graph call exitkit declares")
        path = template.format(**{k: quote(v, safe="") for k, v in ids.items()})
        url: str | None = f"{self.endpoint}/{GRAPH_VERSION}/{path}"
        query: dict[str, str] | None = {"$top": str(PAGE_SIZE), **(params or {})}
        while url:
            body = self._get(url, query, operation(template))
            yield [item for item in body.get("value", []) if isinstance(item, dict)]
            url, query = body.get("@odata.nextLink"), None
            if url and not self._same_endpoint(url):
                raise GraphError(0, "BadNextLink", f"a nextLink leaves {self.endpoint}: {url}")

    def _same_endpoint(self, url: str) -> bool:
        mine, theirs = urlsplit(self.endpoint), urlsplit(url)
        return (mine.scheme, mine.netloc) == (theirs.scheme, theirs.netloc)

    def _get(self, url: str, query: dict[str, str] | None, name: str) -> dict[str, Any]:
        for attempt in range(1, self._tries + 1):
            self._collection.count(request=True)
            response = self._send(url, query, attempt)
            if response is not None and response.status_code not in RETRIED:
                self._collection.count(operation=name)
                return _body(response)
            wait = _retry_after(response) if response is not None else None
            if wait is not None and wait > self._max_wait:
                raise GraphError(
                    response.status_code if response is not None else 0,
                    "throttled",
                    f"Graph asked to wait {wait:g} s before {name}, more than the "
                    f"{self._max_wait:g} s exitkit waits",
                )
            if attempt == self._tries:
                break
            time.sleep(wait if wait is not None else min(2.0 ** (attempt - 1), self._max_wait))
        if response is None:
            raise GraphError(0, "unreachable", f"{self.endpoint} did not answer {name}")
        self._collection.count(operation=name)
        raise _error(response, f"still refused after {self._tries} tries")

    def _send(self, url: str, query: dict[str, str] | None, attempt: int) -> Any:
        token = self._credential.get_token(self.scope).token
        headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
        try:
            return self._session.get(url, params=query, headers=headers, timeout=self._timeout)
        except requests.RequestException as error:
            if attempt == self._tries:
                raise GraphError(0, "unreachable", first_line(str(error))) from None
            return None


def _retry_after(response: Any) -> float | None:
    """Graph sends Retry-After in seconds; absent or unreadable means: back off on our own."""
    value = response.headers.get("Retry-After", "")
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


def _body(response: Any) -> dict[str, Any]:
    if response.status_code >= 400:
        raise _error(response, "")
    try:
        body = response.json()
    except ValueError:
        raise GraphError(response.status_code, "BadResponse", "not JSON") from None
    return body if isinstance(body, dict) else {}


def _error(response: Any, note: str) -> GraphError:
    try:
        detail = response.json().get("error") or {}
    except (ValueError, AttributeError):
        detail = {}
    message = first_line(str(detail.get("message") or response.reason or ""))
    if note:
        message = f"{message} ({note})"
    return GraphError(response.status_code, str(detail.get("code") or ""), message)
