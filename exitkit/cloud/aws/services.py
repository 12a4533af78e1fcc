"""The AWS service registry: each module of this package registers the services it collects,
with the IAM actions its calls need (access/aws-exitkit-readonly-policy.json is generated from
them: `python -m exitkit.cloud.aws.readonly_policy`)."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

from exitkit.cloud.aws.session import HOME_REGION, AwsAccess
from exitkit.cloud.collect import Outcome, Task
from exitkit.cloud.records import Resource, created_at

GLOBAL = "global"
BATCH = 25  # items read per follow-up task, where AWS has no call listing them with their details


@dataclass
class AwsContext:
    """What a collector needs: the account, its regions, and clients on it."""

    account_id: str
    regions: list[str]
    access: AwsAccess

    def client(self, service: str, region: str) -> Any:
        return self.access.client(service, HOME_REGION if region == GLOBAL else region)

    def task(self, service: str, region: str, label: str, run: Callable[[], Outcome]) -> Task:
        return Task(service, region, label, run)

    def batches(
        self,
        service: str,
        region: str,
        label: str,
        items: list[Any],
        read: Callable[[list[Any]], Outcome],
    ) -> Outcome:
        """Follow-up tasks that read `items` BATCH at a time: per-item calls run side by side."""
        return Outcome(
            follow=[
                self.task(service, region, label, partial(read, items[i : i + BATCH]))
                for i in range(0, len(items), BATCH)
            ]
        )

    def resource(
        self,
        region: str,
        rtype: str,
        rid: str,
        source: str,
        properties: dict[str, Any],
        **extra: Any,
    ) -> Resource:
        """A record of this account; `extra` holds name, arn, tags, created."""
        return Resource(
            cloud="aws",
            account=self.account_id,
            region=region,
            service=rtype.split(":", 1)[0],
            type=rtype,
            id=rid,
            name=str(extra.pop("name", "") or rid),
            source=source,
            arn=extra.pop("arn", None),
            tags=extra.pop("tags", None),
            created=created_at(extra.pop("created", None)),
            properties=properties,
        )


Collector = Callable[[AwsContext, str], Outcome]


@dataclass(frozen=True)
class Service:
    name: str
    collect: Collector
    regional: bool
    actions: tuple[str, ...]  # every IAM action its calls need, "service:Action"


SERVICES: dict[str, Service] = {}
SETUP_ACTIONS: dict[str, tuple[str, ...]] = {}  # calls beside the services: identity, regions


def service(
    name: str, actions: Iterable[str], regional: bool = True
) -> Callable[[Collector], Collector]:
    def register(collect: Collector) -> Collector:
        SERVICES[name] = Service(name, collect, regional, tuple(actions))
        return collect

    return register


def setup_calls(part: str, *actions: str) -> None:
    """Declare the IAM actions of calls an account export makes outside the services."""
    SETUP_ACTIONS[part] = actions


def load_services() -> dict[str, Service]:
    import exitkit.cloud.aws as package

    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{module.name}")
    return SERVICES


def pages(
    client: Any, operation: str, key: str, page_size: int | None = None, **kwargs: Any
) -> Iterator[Any]:
    """Every item of a paginated listing, one call per page of `page_size` items."""
    config = {"PageSize": page_size} if page_size else {}
    for page in client.get_paginator(operation).paginate(PaginationConfig=config, **kwargs):
        yield from page.get(key, [])


def arn(service_name: str, region: str, account: str, resource: str) -> str:
    where = "" if region == GLOBAL else region
    return f"arn:aws:{service_name}:{where}:{account}:{resource}"
