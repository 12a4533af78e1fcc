"""Network device configurations over SSH with netmiko: normalised, secrets redacted, recorded.

The platform modules, the reading and the redaction live in `exitkit.netconfig`; this module
ties them to a bundle.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor

from exitkit.bundle.manifest import FileEntry
from exitkit.clock import utc_stamp
from exitkit.exporters.registry import AssetFailure, Exporter, Job, exporter
from exitkit.inventory.models import NetworkDevice
from exitkit.netconfig.artifacts import (
    RECORD,
    SCHEMA,
    SEALED_FOLDER,
    ConfigArtifact,
    network_record,
    prepare,
)
from exitkit.netconfig.collect import read_device
from exitkit.netconfig.faults import DeviceFailure
from exitkit.netconfig.hostkeys import HostKeys
from exitkit.netconfig.methods import ReadMethods, device_key
from exitkit.netconfig.platform import Platform
from exitkit.netconfig.platforms import platform_of, supported
from exitkit.netconfig.session import EXEC, Reading
from exitkit.netconfig.ssh import Target

# A device's files are written side by side: each write waits on its own fsync, and a worker
# waiting on fsyncs one after the other is a worker not reading the next device.
_FILES = ThreadPoolExecutor(max_workers=64, thread_name_prefix="exitkit-network-files")


@exporter("network_device")
class NetworkExporter(Exporter):
    def export(self, job: Job) -> None:
        asset = job.asset
        assert isinstance(asset, NetworkDevice)
        platform = _platform(asset.platform)
        reading = _read(job, asset, platform)
        artifacts = prepare(platform, reading)
        writes: list[Future[FileEntry]] = [
            _FILES.submit(job.output.write_text, a.name, a.text) for a in artifacts
        ]
        record = network_record(
            asset_id=asset.id,
            platform=platform,
            host=asset.host,
            port=asset.port,
            artifacts=artifacts,
            reading=reading,
            collected_at=utc_stamp(),
            sealed=_seal(job, artifacts),
        )
        writes.append(_FILES.submit(job.output.write_json, RECORD, record, SCHEMA))
        for write in writes:
            write.result()
        for name, why in sorted(reading.gaps.items()):
            job.partial(f"{name} not read: {why}")


def _read(job: Job, asset: NetworkDevice, platform: Platform) -> Reading:
    """The device read within its time limit; what was learnt about it kept for next time."""
    inventory = job.inventory
    login = job.login(asset.credentials)
    credential = inventory.estate.credentials[asset.credentials]
    keys = job.shared.get(
        "host-keys", lambda: HostKeys(inventory.known_hosts, job.options.accept_new_host_keys)
    )
    methods = job.shared.get("read-methods", lambda: ReadMethods(inventory.base_dir))
    key = device_key(asset.id, platform.device_type, asset.host, asset.port)
    target = Target(
        platform, asset.host, asset.port, login.username, login.password, keys,
        secret=login.secret, key_file=login.key_file, host_key=asset.host_key,
        legacy_ssh=asset.legacy_ssh or credential.legacy_ssh, sealing=job.output.can_seal,
    )  # fmt: skip
    known = methods.exec_refused(key)
    reason = f"exec not tried: an earlier export found {known}" if known else None
    try:
        reading = read_device(
            target, job.options.timeout_s, job.options.retries, known_reason=reason
        )
    except DeviceFailure as failure:  # reasons quote device output only redacted (refusal.py)
        raise AssetFailure(failure.error_class, job.scrub(failure.reason)) from None
    if reading.method != EXEC and reading.fallback and known is None and platform.exec_safe:
        methods.remember(key, reading.fallback)
    return reading


def _platform(device_type: str) -> Platform:
    platform = platform_of(device_type)
    if platform is None:
        known = ", ".join(supported())
        raise AssetFailure("unsupported-platform", f"platform {device_type} is not one of {known}")
    return platform


def _seal(job: Job, artifacts: list[ConfigArtifact]) -> dict[str, str]:
    """The unredacted configurations, age-encrypted, when the bundle has recipients."""
    if not job.output.can_seal:
        return {}
    sealed = {}
    for artifact in artifacts:
        entry = job.output.write_sealed(f"{SEALED_FOLDER}/{artifact.name}", artifact.full)
        sealed[artifact.name] = entry.path.removeprefix(job.output.relative + "/")
    return sealed
