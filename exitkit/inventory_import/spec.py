"""SOURCE arguments: `KIND:WHERE?param=value&...`, parsed once, parameters checked by name.

netbox+https://netbox.example/?token-env=NETBOX_TOKEN&site=par1
oxidized:path/router.db?map=name:ip:model:username:password
rancid:path/router.db
aws-organizations:
azure:?endpoint=https://management.usgovcloudapi.net
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

from exitkit.errors import ExitkitError


class SourceError(ExitkitError):
    """A SOURCE argument, a file it names or a map cannot be used; nothing was written."""


# parameters that would put a secret on the command line, and what to use instead
_CLEAR_SECRETS = {"token": "token-env=NAME or token-file=PATH", "password": "a file"}


@dataclass(frozen=True)
class SourceSpec:
    """One SOURCE: its kind, where it is (a URL or a path), and its parameters."""

    text: str
    kind: str
    where: str
    params: dict[str, list[str]] = field(default_factory=dict)

    def one(self, name: str, default: str | None = None) -> str | None:
        values = self.params.get(name)
        if not values:
            return default
        if len(values) > 1:
            raise SourceError(f"{self.text}: parameter {name} is given more than once")
        return values[-1]

    def many(self, name: str) -> list[str]:
        return [value for value in self.params.get(name, []) if value]

    def check(self, allowed: tuple[str, ...]) -> None:
        """Unknown parameters are errors: a typo must not silently import everything."""
        for name in self.params:
            if name in _CLEAR_SECRETS:
                raise SourceError(
                    f"{self.kind} source: {name}= would put a secret on the command line (and in "
                    f"the shell history); use {_CLEAR_SECRETS[name]}"
                )
            if name not in allowed:
                known = ", ".join(allowed) or "none"
                raise SourceError(
                    f"{self.kind} source: unknown parameter {name!r} (known: {known})"
                )


def parse_source(text: str) -> SourceSpec:
    """Split SOURCE into kind, location and parameters; SourceError when it has no kind."""
    if text.startswith("netbox+"):
        url = urlsplit(text.removeprefix("netbox+"))
        if url.username or url.password:
            raise SourceError(
                "netbox source: credentials in the URL would leak into the shell history; "
                "use token-env=NAME or token-file=PATH"
            )
        base = f"{url.scheme}://{url.netloc}{url.path}"
        return SourceSpec(_safe(text, url.query), "netbox", base, _params(url.query))
    kind, colon, rest = text.partition(":")
    if not colon or not kind:
        raise SourceError(
            f"{text!r} is not a SOURCE: expected KIND:WHERE with KIND one of netbox+https, "
            "oxidized, rancid, aws-organizations, azure"
        )
    where, _, query = rest.partition("?")
    return SourceSpec(text, kind, where, _params(query))


def _params(query: str) -> dict[str, list[str]]:
    params: dict[str, list[str]] = {}
    for name, value in parse_qsl(query, keep_blank_values=True):
        params.setdefault(name, []).append(value)
    return params


def _safe(text: str, query: str) -> str:
    """The SOURCE as printed back: a token= value, refused anyway, is never echoed."""
    return text if "token=" not in query else text.split("?", 1)[0] + "?..."
