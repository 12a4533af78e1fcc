"""A Microsoft 365 tenant in a test estate, and its export read the way a user would."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from exitkit.bundle import schemas
from exitkit.sandbox.azure_arm import ArmEmulator
from exitkit.sandbox.azure_seed import TENANT_ID
from exitkit.sandbox.graph_seed import ACME_IT
from tests.cloud.bundles import account_folder

CLIENT = ["alice.martin@acme.example", ACME_IT]  # the client's IT lead (by UPN) and its group
ACCESS_FILE = Path(__file__).parents[2] / "access" / "m365-exitkit-graph-permissions.json"


def granted() -> list[str]:
    """The Graph application permissions access/ tells an administrator to grant exitkit."""
    return [p["value"] for p in json.loads(ACCESS_FILE.read_text())["permissions"]]


def tenant(endpoint: str, **extra: Any) -> dict[str, Any]:
    asset = {
        "id": "m365",
        "kind": "cloud_account",
        "cloud": "microsoft365",
        "tenant_id": TENANT_ID,
        "endpoint": endpoint,
        "client_principals": CLIENT,
    }
    return {**asset, **extra}


def licence(quantity: int = 120, **extra: Any) -> dict[str, Any]:
    asset = {
        "id": "m365-business",
        "kind": "license",
        "vendor": "Microsoft",
        "product": "Microsoft 365 Business Premium",
        "quantity": quantity,
        "holder": "provider",
        "transferable": False,
    }
    return {**asset, **extra}


def lines(bundle: Path, name: str, asset_id: str = "m365") -> list[dict[str, Any]]:
    """The records of a JSON Lines file, each checked against the schema it names."""
    found = []
    for line in (account_folder(bundle, asset_id) / name).read_text().splitlines():
        record = json.loads(line)
        assert schemas.problems(record, record["schema"]) == [], record
        found.append(record)
    return found


@pytest.fixture
def graph(azure_env: ArmEmulator) -> Iterator[ArmEmulator]:
    """The emulator with Graph's tenant as seeded, no fault mode, and the environment set."""
    azure_env.graph.reset()
    yield azure_env
    azure_env.graph.reset()
