"""The exit of a tenant whose only Global Administrator is the provider's: the drill's checks fail
and name why, the revocation playbook lists in check mode, and live (with confirmation) ends every
provider right it lists, on an emulator of this test's own (it changes what other tests read)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from exitkit.sandbox.azure_arm import ArmEmulator
from exitkit.sandbox.graph_seed import GDAP_ACTIVE
from tests.cloud.bundles import estate_of, export, record_of
from tests.cloud.m365_bundles import granted, graph, licence, tenant
from tests.conftest import Run
from tests.drill.commands import drill_run

__all__ = ["graph"]
ROOT = Path(__file__).resolve().parents[2]
PLAN = """\
version: 1
window_days: 60
drill: {every_days: 365, sample: 100%}
milestones:
  - id: m4-access
    title: Client holds Global Administrator; provider access listed for revocation
    due_day: 45
    owner: client
    run:
      - {export: {kinds: [cloud_account]}}
      - {playbook: revoke_tenant_access.yml}
    checks: [client_admin_everywhere, licences_match_tenant]
"""
WRITES = json.loads((ROOT / "access" / "m365-exitkit-revocation-permissions.json").read_text())


def test_the_drill_fails_its_checks_for_a_tenant_the_client_cannot_take_over(
    exitkit: Callable[..., Run], graph: ArmEmulator, tmp_path: Path
) -> None:
    estate = estate_of(tmp_path, [tenant(graph.base_url), licence(120)])
    (estate / "plan.yaml").write_text(PLAN)
    out = tmp_path / "drill"

    done = drill_run(exitkit, estate, estate / "plan.yaml", out, tmp_path / "state.db")

    assert done.code == 1, done
    assert "step 2 playbook revoke_tenant_access.yml: ok" in done.out
    assert (
        "[m4-access] check client_admin_everywhere: FAIL "
        "(1 of 1 account(s): m365: the client holds no admin right)"
    ) in done.out
    assert "[m4-access] check licences_match_tenant: FAIL" in done.out
    assert "licence m365-business declares 120 Microsoft 365 Business Premium" in done.out
    assert "has 100 enabled units of SPB (97 consumed)" in done.out
    listed = json.loads(next(out.rglob("tenant-revocations.json")).read_text())
    assert listed["check_mode"] is True and listed["revoked"] == []
    assert any(item.get("relationship_id") for item in listed["would_revoke"])


@pytest.fixture(scope="module")
def own() -> Iterator[ArmEmulator]:
    with ArmEmulator().start() as emulator:
        yield emulator


def revoke(bundle: Path, env: dict[str, str], *more: str) -> subprocess.CompletedProcess[str]:
    tools = Path(sys.executable).parent
    return subprocess.run(
        [
            tools / "ansible-playbook", "-i", "localhost,", ROOT / "playbooks" / "revoke_tenant_access.yml",
            "-e", f"exitkit_bundle={bundle}", "-e", f"ansible_python_interpreter={sys.executable}",
            *more,
        ],
        capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, **env, "PATH": f"{tools}{os.pathsep}{os.environ['PATH']}",
             "ANSIBLE_NOCOLOR": "1"},
    )  # fmt: skip


def test_a_confirmed_revocation_ends_every_provider_right_it_lists(
    own: ArmEmulator, tmp_path: Path
) -> None:
    estate = estate_of(tmp_path, [tenant(own.base_url)])
    assert export(estate, tmp_path / "before", env=own.env).code == 0
    before = record_of(tmp_path / "before", "m365", "access.json")
    listed = len(before["revoke_at_exit"])
    writes = [p["value"] for p in WRITES["permissions"]]
    own.graph.grant(*granted(), *writes)  # the export app's reads, a revocation app's writes

    refused = revoke(tmp_path / "before", own.env)
    live = revoke(tmp_path / "before", own.env, "-e", "exitkit_revoke_confirm=true")
    again = revoke(tmp_path / "before", own.env, "-e", "exitkit_revoke_confirm=true")
    assert export(estate, tmp_path / "after", env=own.env).code == 0
    after = record_of(tmp_path / "after", "m365", "access.json")

    assert refused.returncode != 0 and "needs confirm=true" in refused.stdout, refused.stdout
    assert live.returncode == 0, live.stdout
    assert f"{listed - 1} ended, 1 already gone" in live.stdout  # one grant, two permissions
    assert after["revoke_at_exit"] == []
    assert again.returncode == 0 and f"0 ended, {listed} already gone" in again.stdout, again.stdout
    gone = {(r["principal"], r["right"]) for r in before["revoke_at_exit"]}
    assert not gone & {(a["principal"], a["right"]) for a in after["admins"]}
    client = {a["name"] for a in after["admins"] if a["classification"] == "client"}
    assert client == {"alice.martin@acme.example", "Acme IT Admins"}
    relationships = {r["id"]: r["status"] for r in own.graph.tenant.relationships}
    assert relationships[GDAP_ACTIVE] == "terminationRequested"
