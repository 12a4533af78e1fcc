"""An export sliced as AWX slices a job template, each slice run through the streaming protocol
AWX's Receptor mesh carries (transmit | worker | process), each exporting its devices as a part
with the exitkit.exit collection; `exitkit merge` then makes the bundle one machine would."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

from exitkit.bundle.signing import generate
from exitkit.sandbox.devices import DeviceFarm
from exitkit.sandbox.pytest_plugin import DeviceFarmFactory
from tests.conftest import run_exitkit
from tests.exporters.network_estate import device_estate
from tests.merge.conftest import ROOT, BuiltCollection
from tests.merge.mesh import job_status, run_slices, slice_inventory, slice_job
from tests.merge.same_bundle import assert_same_export

SLICES = 4


def test_four_slices_through_runner_workers_merge_into_the_one_machine_bundle(
    device_farm_factory: DeviceFarmFactory, built_collection: BuiltCollection, tmp_path: Path
) -> None:
    farm: DeviceFarm = device_farm_factory(count=8)
    estate = device_estate(tmp_path / "estate", farm.devices)
    written = run_exitkit("inventory", "ansible", estate, "-o", tmp_path / "hosts.yml")
    assert written.code == 0, written
    hosts = yaml.safe_load((tmp_path / "hosts.yml").read_text())
    parts = tmp_path / "parts"  # storage every execution node writes to (NFS, in production)
    nodes = tmp_path / "nodes"  # the execution nodes' private data dirs
    jobs = [
        slice_job(
            tmp_path / "controller" / f"job-{100 + n}",
            project={"export_part.yml": ROOT / "playbooks" / "export_part.yml", "estate": estate},
            inventory=slice_inventory(hosts, n, SLICES),
            playbook="export_part.yml",
            extravars={
                "exitkit_parts_dir": str(parts),
                # the project as the node sees it (AWX: /runner/project/...)
                "exitkit_estate_path": str(nodes / f"worker-{n}" / "project" / "estate"),
            },
            envvars={"ANSIBLE_COLLECTIONS_PATH": str(built_collection.collections_path)},
        )
        for n in range(1, SLICES + 1)
    ]

    pipelines = run_slices(jobs, nodes)

    for job, pipeline in zip(jobs, pipelines, strict=True):
        assert pipeline.returncode == 0, (pipeline.stdout + pipeline.stderr)[-3000:]
        status, rc, events = job_status(job)
        assert (status, rc) == ("successful", 0), _failures(events)
    slices = [sorted(slice_inventory(hosts, n, SLICES)["all"]["hosts"]) for n in (1, 2, 3, 4)]
    for slice_hosts in slices:  # each part is named after its slice's first host, by default
        part = json.loads((parts / f"from-{slice_hosts[0]}" / "manifest.json").read_bytes())
        assert part["part"] == f"from-{slice_hosts[0]}" and "signed_by" not in part
        assert part["scope"] == {"kinds": ["network_device"], "assets": slice_hosts}
        assert sorted(a["id"] for a in part["assets"]) == slice_hosts
    assert sorted(h for hosts_of in slices for h in hosts_of) == sorted(
        d.name for d in farm.devices
    )

    generate(tmp_path / "export.key")
    merged = run_exitkit("merge", *sorted(parts.iterdir()), "--out", tmp_path / "merged",
                         "--sign-key", tmp_path / "export.key")  # fmt: skip
    one = run_exitkit("export", estate, "--kind", "network_device", "--out", tmp_path / "one")
    verified = run_exitkit("verify", tmp_path / "merged", "--public-key",
                           tmp_path / "export.key.pub", "--json")  # fmt: skip

    assert merged.code == 0, merged
    names = ", ".join(sorted(f"from-{hosts_of[0]}" for hosts_of in slices))
    assert f"merged 4 parts ({names})" in merged.out
    assert "kind network_device: 8 of 8 assets exported" in merged.out
    assert one.code == 0, one
    assert verified.code == 0, verified
    assert verified.json["signature"]["status"] == "valid"
    assert verified.json["totals"]["exported"] == 8
    identical = assert_same_export(tmp_path / "one", tmp_path / "merged")
    configs = [f for f in identical if f.endswith((".cfg", ".set", ".conf", ".rsc", ".xml"))]
    assert len(configs) >= 8  # every device's configuration, byte for byte


def _failures(events: list[dict]) -> str:  # type: ignore[type-arg]
    failed = [e for e in events if e.get("event") in ("runner_on_failed", "runner_on_unreachable")]
    return json.dumps([e["event_data"].get("res", {}).get("msg") for e in failed])[:3000] or str(
        sys.exc_info()
    )
