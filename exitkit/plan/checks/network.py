"""restore_test: re-apply a sample of exported device configurations to a lab device, and compare.

It reads a device's record `assets/network_device/<id>/network.json` (network-config.v1) and
the file it names `restore_file` (running.cfg, configuration.set), checked against its sha256,
and runs playbooks/restore_test.yml through ansible-runner against the lab named in the plan.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, StringConstraints

from exitkit.bundle.output import asset_folder
from exitkit.inventory.credentials import references
from exitkit.inventory.loader import Inventory
from exitkit.inventory.models import NetworkDevice, SecretRef
from exitkit.plan.checks.bundle import no_bundle
from exitkit.plan.checks.registry import (
    CheckContext,
    CheckResult,
    Located,
    Params,
    check,
    failed,
    file_evidence,
    passed,
)
from exitkit.plan.plan import ExitPlan
from exitkit.plan.playbooks import run_playbook

RESTORE_MODULE = "exitkit_restore_config"


class Lab(Params):
    """The lab device a configuration is re-applied to: never a production device."""

    platform: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
    host: str = Field(min_length=1)
    port: int = Field(default=22, ge=1, le=65535)
    credentials: str


class RestoreParams(Params):
    sample: int = Field(default=1, ge=1, le=1000)
    lab: Lab | None = None


def restore_labs(plan: ExitPlan) -> list[Lab]:
    """The lab devices the plan's restore tests re-apply configurations to, in plan order."""
    return [
        call.params.lab
        for milestone in plan.milestones
        for call in milestone.checks
        if isinstance(call.params, RestoreParams) and call.params.lab is not None
    ]


def _validate(params: RestoreParams, inventory: Inventory) -> Located:
    if params.lab and params.lab.credentials not in inventory.estate.credentials:
        problem = f"credentials {params.lab.credentials!r} are not defined in {inventory.path.name}"
        return [(["lab", "credentials"], problem)]
    return []


def exported_config(bundle: Path, device: NetworkDevice) -> tuple[Path | None, str]:
    """The exported, intact restore file of a device (its `restore_file`), or None and why not."""
    folder = bundle / asset_folder("network_device", device.id)
    try:
        record = json.loads((folder / "network.json").read_bytes())
    except FileNotFoundError:
        return None, "no evidence (network.json absent)"
    except (OSError, ValueError) as error:
        return None, f"network.json unreadable: {error}"
    name = str(record.get("restore_file") or "running.cfg")
    config = folder / name
    if not config.is_file():
        return None, f"no evidence ({name} absent)"
    expected = (record.get("files") or {}).get(name)
    if expected != hashlib.sha256(config.read_bytes()).hexdigest():
        return None, f"{name} does not match its sha256 in network.json"
    return config, ""


def _order(today: str, device_id: str) -> str:
    """Successive days test different devices; the choice is recorded in the evidence."""
    return hashlib.sha256(f"{today}:{device_id}".encode()).hexdigest()


def _login_refs(context: CheckContext, credentials: str) -> dict[str, Any]:
    """Where the lab login comes from (env or absolute file), never a value."""
    credential = context.inventory.estate.credentials[credentials]
    refs: dict[str, Any] = {}
    for field_name, ref in references(credential).items():
        refs[field_name] = _ref(ref, context.inventory.base_dir)
    if isinstance(credential.username, str):
        refs["username"] = {"value": credential.username}
    return refs


def _ref(ref: SecretRef, base: Path) -> dict[str, str]:
    if ref.env:
        return {"env": ref.env}
    path = Path(ref.file or "")
    return {"file": str(path if path.is_absolute() else base / path)}


@check("restore_test", RestoreParams, _validate)
def restore_test(context: CheckContext, params: RestoreParams) -> CheckResult:
    if params.lab is None:
        reason = (
            "no lab device configured: give the check a lab, e.g. {restore_test: {lab: "
            "{platform: cisco_ios, host: 127.0.0.1, port: 2201, credentials: NAME}}}"
        )
        return failed("restore_test", reason)
    lab = params.lab
    devices = [d for d in context.in_scope("network_device") if isinstance(d, NetworkDevice)]
    if not devices:
        return passed(
            "restore_test", "no network device in scope: nothing to restore", lab=lab.model_dump()
        )
    missing = no_bundle("restore_test", context.bundle)
    if missing or context.bundle is None:
        return missing or failed("restore_test", "no bundle")
    usable, skipped = _candidates(context.bundle, lab, devices)
    if not usable:
        reason = f"no evidence: no exported {lab.platform} configuration to restore"
        return failed("restore_test", reason, lab=lab.model_dump(), skipped=skipped)
    today = context.today.isoformat()
    chosen = sorted(usable, key=lambda pair: _order(today, pair[0].id))[: params.sample]
    tests = [_restore_one(context, lab, device, config) for device, config in chosen]
    evidence = {"lab": lab.model_dump(), "tests": tests, "skipped": skipped}
    bad = [test for test in tests if not test["ok"]]
    if bad:
        reason = f"{len(bad)} of {len(tests)} restore(s) failed: " + "; ".join(
            f"{test['asset']}: {test['reason']}" for test in bad[:3]
        )
        return failed("restore_test", reason, **evidence)
    names = ", ".join(test["asset"] for test in tests)
    return passed(
        "restore_test", f"configuration of {names} re-applied to the lab and matched", **evidence
    )


def _candidates(
    bundle: Path, lab: Lab, devices: list[NetworkDevice]
) -> tuple[list[tuple[NetworkDevice, Path]], list[dict[str, str]]]:
    """Devices whose exported configuration can go to this lab, and why the others cannot."""
    usable, skipped = [], []
    for device in devices:
        config, why = exported_config(bundle, device)
        if device.platform != lab.platform:
            skipped.append(
                {"asset": device.id, "reason": f"platform {device.platform}, lab is {lab.platform}"}
            )
        elif config is None:
            skipped.append({"asset": device.id, "reason": why})
        else:
            usable.append((device, config))
    return usable, skipped


def _restore_one(
    context: CheckContext, lab: Lab, device: NetworkDevice, config: Path
) -> dict[str, Any]:
    assert context.bundle is not None
    variables = {
        "exitkit_config_file": str(config.resolve()),
        "exitkit_lab": {"platform": lab.platform, "host": lab.host, "port": lab.port},
        "exitkit_lab_login": _login_refs(context, lab.credentials),
    }
    run = run_playbook(
        "restore_test.yml",
        context.inventory,
        context.evidence_dir / f"restore_test-{device.id}.events.json",
        check_mode=False,
        extravars=variables,
    )
    test: dict[str, Any] = {
        "asset": device.id,
        "config": file_evidence(config, context.bundle),
        "run": run.evidence(context.evidence_dir.parent.parent),
    }
    outcome = run.result_of(RESTORE_MODULE)
    if not run.ok or outcome is None:
        return test | {"ok": False, "reason": run.failure()}
    missing = outcome.get("missing_lines", [])
    test |= {
        "applied_lines": outcome.get("applied_lines"),
        "skipped_lines": outcome.get("skipped_lines"),
        "missing_lines": missing[:50],
        "running_sha256": outcome.get("running_sha256"),
    }
    if missing:
        return test | {"ok": False, "reason": f"{len(missing)} line(s) absent after apply"}
    return test | {"ok": True, "reason": "matched"}
