"""Live revocation of the provider's access, end to end, on cloud emulators of this test's own.

Export the accounts (the access analysis lists the provider grants to revoke), refuse a live run
without confirmation, revoke with it, analyse again: the provider holds none of those grants any
more, the client still holds its own; a second run changes nothing. The emulators are started
here, not shared: the revocation deletes what other tests read.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from exitkit.sandbox.aws_seed_iam import seed_iam
from exitkit.sandbox.aws_session import (
    ACCOUNT_PROD,
    DUMMY_KEY_ID,
    DUMMY_SECRET,
    REGIONS,
    open_account,
)
from exitkit.sandbox.azure_arm import ArmEmulator
from exitkit.sandbox.azure_roles import CLIENT_ADMINS
from exitkit.sandbox.azure_seed import SUB_ERP, TENANT_ID
from tests.cloud.bundles import estate_of, export, record_of

ROOT = Path(__file__).resolve().parents[2]
PLAYBOOK = ROOT / "playbooks" / "revoke_provider_access.yml"
BREAKGLASS = f"arn:aws:iam::{ACCOUNT_PROD}:role/acme-breakglass"


@pytest.fixture(scope="module")
def moto_url() -> Iterator[str]:
    """`exitkit sandbox aws` in a process of its own (moto's state is per process), with the
    production account's IAM seeded: who is admin, on the client's side and the provider's."""
    server = subprocess.Popen(
        [sys.executable, "-m", "exitkit", "sandbox", "aws", "--port", "0", "--no-seed"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert server.stdout is not None
        for line in server.stdout:
            found = re.match(r"AWS sandbox \(moto\) on (http://\S+)", line)
            if found:
                seed_iam(open_account(found.group(1), ACCOUNT_PROD))
                yield found.group(1)
                break
        else:
            pytest.fail("the AWS sandbox did not start")
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.fixture(scope="module")
def arm() -> Iterator[ArmEmulator]:
    with ArmEmulator().start() as emulator:
        yield emulator


def cloud_env(moto_url: str, arm: ArmEmulator) -> dict[str, str]:
    return {
        "AWS_ENDPOINT_URL": moto_url,
        "AWS_ACCESS_KEY_ID": DUMMY_KEY_ID,
        "AWS_SECRET_ACCESS_KEY": DUMMY_SECRET,
        "AWS_DEFAULT_REGION": REGIONS[0],
        "AWS_EC2_METADATA_DISABLED": "true",
        "AWS_CONFIG_FILE": os.devnull,
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        **arm.env,
    }


def revoke(bundle: Path, env: dict[str, str], *more: str) -> subprocess.CompletedProcess[str]:
    """`ansible-playbook revoke_provider_access.yml` on this machine, as an operator runs it."""
    tools = Path(sys.executable).parent
    path = f"{tools}{os.pathsep}{os.environ['PATH']}"
    return subprocess.run(
        [
            tools / "ansible-playbook", "-i", "localhost,", PLAYBOOK,
            "-e", f"exitkit_bundle={bundle}",
            "-e", f"ansible_python_interpreter={sys.executable}",
            *more,
        ],
        capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, **env, "PATH": path, "ANSIBLE_NOCOLOR": "1"},
    )  # fmt: skip


def grants(bundle: Path) -> dict[str, dict[str, Any]]:
    return {asset: record_of(bundle, asset, "access.json") for asset in ("aws-prod", "azure-erp")}


def analyse(estate: Path, out: Path, env: dict[str, str]) -> dict[str, dict[str, Any]]:
    done = export(estate, out, env=env)
    assert done.code == 0, done
    return grants(out)


def held(record: dict[str, Any], side: str) -> set[tuple[str, str]]:
    return {(a["principal"], a["right"]) for a in record["admins"] if a["classification"] == side}


def test_revoking_the_provider_grants_leaves_the_client_in_control(
    moto_url: str, arm: ArmEmulator, tmp_path: Path
) -> None:
    env = cloud_env(moto_url, arm)
    accounts = [
        {"id": "aws-prod", "kind": "cloud_account", "cloud": "aws", "account_id": ACCOUNT_PROD,
         "regions": [REGIONS[0]], "client_principals": [BREAKGLASS]},
        {"id": "azure-erp", "kind": "cloud_account", "cloud": "azure", "subscription_id": SUB_ERP,
         "tenant_id": TENANT_ID, "endpoint": arm.base_url, "client_principals": [CLIENT_ADMINS]},
    ]  # fmt: skip
    estate = estate_of(tmp_path, accounts)
    before = analyse(estate, tmp_path / "before", env)
    listed = {
        asset: {(r["principal"], r["right"]) for r in record["revoke_at_exit"]}
        for asset, record in before.items()
    }
    assert all(listed.values()), listed

    refused = revoke(tmp_path / "before", env)
    live = revoke(tmp_path / "before", env, "-e", "exitkit_revoke_confirm=true")
    after = analyse(estate, tmp_path / "after", env)
    again = revoke(tmp_path / "before", env, "-e", "exitkit_revoke_confirm=true")

    count = sum(len(items) for items in listed.values())
    assert refused.returncode != 0 and "needs confirm=true" in refused.stdout, refused.stdout
    assert live.returncode == 0, live.stdout
    # all of them revoked by the confirmed run: the refused one had removed none
    assert f"{count} provider right(s) revoked, 0 already gone" in live.stdout
    for asset, record in after.items():
        assert not listed[asset] & held(record, "provider"), (asset, record["admins"])
        assert record["revoke_at_exit"] == [], asset
        assert held(record, "client") == held(before[asset], "client") != set(), asset
        assert record["client_admin"] is True, asset
    assert again.returncode == 0, again.stdout
    assert f"0 provider right(s) revoked, {count} already gone" in again.stdout
    assert "changed=0" in again.stdout
