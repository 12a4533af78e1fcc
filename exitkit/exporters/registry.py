"""One exporter per asset kind, behind one registry; an exporter registers itself by kind."""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import ClassVar, TypeVar, cast

from exitkit.bundle.output import AssetOutput
from exitkit.errors import INTERNAL, ExitkitError
from exitkit.failures import AssetFailure as AssetFailure  # raised by every exporter
from exitkit.inventory.credentials import Login, login
from exitkit.inventory.kinds import KINDS
from exitkit.inventory.loader import Inventory
from exitkit.inventory.models import Asset
from exitkit.plugins import import_package_modules
from exitkit.scrubbing import scrub


@dataclass(frozen=True)
class ExportOptions:
    workers: int = 16
    timeout_s: float = 120.0
    retries: int = 2
    encrypt_to: tuple[str, ...] = ()
    accept_new_host_keys: bool = False  # trust a device's SSH host key on first use


T = TypeVar("T")


class Shared:
    """What the jobs of one export share: made once, by the first job that needs it (a host
    key store, what was learnt about devices)."""

    def __init__(self) -> None:
        self._items: dict[str, object] = {}
        self._lock = threading.Lock()

    def get(self, key: str, make: Callable[[], T]) -> T:
        with self._lock:
            if key not in self._items:
                self._items[key] = make()
            return cast(T, self._items[key])


@dataclass
class Job:
    """Everything an exporter needs for one asset, and the secrets to keep out of messages."""

    inventory: Inventory
    asset: Asset
    output: AssetOutput
    options: ExportOptions
    shared: Shared = field(default_factory=Shared)
    notes: list[str] = field(default_factory=list)  # what an exported asset lacks: "partial"
    _secrets: set[str] = field(default_factory=set)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def login(self, credential_name: str) -> Login:
        """Resolve a credential set; its values are remembered so messages can be scrubbed."""
        resolved = login(
            self.inventory.estate.credentials[credential_name], self.inventory.base_dir
        )
        with self._lock:
            self._secrets.update(v for v in (resolved.password, resolved.secret) if v)
        return resolved

    def partial(self, note: str) -> None:
        """The asset is exported, but without something: said in completeness and reports."""
        self.notes.append(self.scrub(note))

    def scrub(self, text: str) -> str:
        """`text` with every secret value this job has seen replaced."""
        with self._lock:
            secrets = tuple(self._secrets)
        return scrub(text, secrets)


class Exporter(ABC):
    """Exports one asset of its kind into the job's output folder, or raises AssetFailure."""

    kind: ClassVar[str]

    @abstractmethod
    def export(self, job: Job) -> None: ...


EXPORTERS: dict[str, Exporter] = {}
ExporterT = TypeVar("ExporterT", bound=type[Exporter])


def exporter(kind: str) -> Callable[[ExporterT], ExporterT]:
    def register(cls: ExporterT) -> ExporterT:
        cls.kind = kind
        EXPORTERS[kind] = cls()
        return cls

    return register


class ExporterMissing(ExitkitError):
    """An asset kind has no exporter, or an exporter no kind: exitkit itself is incomplete."""

    exit_code = INTERNAL


def load_exporters() -> dict[str, Exporter]:
    """Import every module of this package once, so each exporter registers itself; an export
    does not start unless every asset kind has its exporter."""
    import_package_modules("exitkit.exporters", frozenset({"registry", "run"}))
    problems = [f"no exporter for asset kind {kind}" for kind in KINDS if kind not in EXPORTERS]
    problems += [f"an exporter for unknown kind {kind}" for kind in EXPORTERS if kind not in KINDS]
    if problems:
        raise ExporterMissing(
            "this exitkit is incomplete (a bug, please report it): " + "; ".join(problems)
        )
    return EXPORTERS
