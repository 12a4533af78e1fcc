"""Compare the device configurations of two bundles: a unified diff per changed file, and the
devices added, removed or not comparable. The record is config-diff.v1.

Both sides are normalised and redacted, so a device that re-encrypts its secrets on every read
(a new type 7 string, a new `$9$` salt) shows no change: a change only in a secret is hidden.
"""

from __future__ import annotations

import difflib
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from exitkit.bundle import encryption
from exitkit.bundle.encryption import Identity
from exitkit.bundle.manifest import INVENTORY, MANIFEST
from exitkit.bundle.output import asset_folder
from exitkit.errors import BundleError
from exitkit.netconfig.artifacts import RECORD

KIND = "network_device"
SCHEMA = "config-diff.v1"
MAX_CONFIG_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class DeviceSide:
    """One device as one bundle holds it: its configuration files, or why it has none."""

    id: str
    platform: str | None
    files: dict[str, str] = field(default_factory=dict)
    failure: str | None = None


def _artifact(path: Path, identities: Sequence[Identity]) -> bytes:
    """An artifact's bytes; in a bundle made with --encrypt-to, decrypted in memory."""
    sealed = path.with_name(path.name + encryption.SUFFIX)
    if path.is_file() or not sealed.is_file():
        return path.read_bytes()
    if not identities:
        raise BundleError(f"{sealed} is encrypted: pass --identity with the age identity file")
    plain = encryption.HashingWriter(keep=MAX_CONFIG_BYTES)
    with sealed.open("rb") as reader:
        problem = encryption.unseal(reader, identities, plain)
    if problem or plain.overflow:
        raise BundleError(f"{sealed} cannot be decrypted: {problem or 'larger than a config'}")
    return bytes(plain.kept)


def _json(path: Path, bundle: Path, identities: Sequence[Identity] = ()) -> Any:
    try:
        return json.loads(_artifact(path, identities))
    except FileNotFoundError:
        raise BundleError(f"{bundle} is not an exitkit bundle ({path.name} is missing)") from None
    except (OSError, ValueError) as error:
        raise BundleError(f"{path} cannot be read: {error}") from None


def _platforms(bundle: Path) -> dict[str, str]:
    """Device platforms from the bundle's copy of the inventory (for devices that failed)."""
    try:
        inventory = json.loads((bundle / INVENTORY).read_bytes())
        assets = inventory.get("assets", [])
        return {str(a["id"]): str(a["platform"]) for a in assets if "platform" in a}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}


def _device(
    bundle: Path, asset: dict[str, Any], platform: str | None, identities: Sequence[Identity]
) -> DeviceSide:
    asset_id = str(asset["id"])
    if asset.get("status") != "exported":
        failure = f"{asset.get('error_class', 'failed')}: {asset.get('reason', '')}".strip()
        return DeviceSide(asset_id, platform, failure=failure)
    folder = bundle / asset_folder(KIND, asset_id)
    record = _json(folder / RECORD, bundle, identities)
    files: dict[str, str] = {}
    for name, digest in sorted(record.get("files", {}).items()):
        path = folder / name
        try:
            data = _artifact(path, identities)
        except FileNotFoundError:
            raise BundleError(f"{path} is missing: run exitkit verify") from None
        if hashlib.sha256(data).hexdigest() != digest:
            raise BundleError(f"{path} differs from its hash in {RECORD}: run exitkit verify")
        files[name] = data.decode("utf-8", errors="replace")
    return DeviceSide(asset_id, record.get("platform") or platform, files)


def load_devices(bundle: Path, identities: Sequence[Identity] = ()) -> dict[str, DeviceSide]:
    """Every network device a bundle's manifest lists, with its configuration files."""
    if not bundle.is_dir():
        raise BundleError(f"{bundle} is not a folder (give the folder of an exitkit bundle)")
    manifest = _json(bundle / MANIFEST, bundle)
    assets = manifest.get("assets") if isinstance(manifest, dict) else None
    if not isinstance(assets, list):
        raise BundleError(f"{bundle / MANIFEST} has no asset list: not an exitkit manifest")
    platforms = _platforms(bundle)
    return {
        str(a["id"]): _device(bundle, a, platforms.get(str(a["id"])), identities)
        for a in assets
        if isinstance(a, dict) and a.get("kind") == KIND
    }


def _file_diff(device: str, name: str, old: str | None, new: str | None) -> dict[str, Any]:
    lines = list(
        difflib.unified_diff(
            (old or "").splitlines(),
            (new or "").splitlines(),
            f"old/{device}/{name}",
            f"new/{device}/{name}",
            lineterm="",
        )
    )
    body = [line for line in lines[2:] if not line.startswith("@@")]
    status = "added" if old is None else "removed" if new is None else "changed"
    return {
        "name": name,
        "status": status if lines else "unchanged",
        "added_lines": sum(1 for line in body if line.startswith("+")),
        "removed_lines": sum(1 for line in body if line.startswith("-")),
        "diff": "\n".join(lines) + "\n" if lines else "",
    }


def _compare(device: str, old: DeviceSide | None, new: DeviceSide | None) -> dict[str, Any]:
    either = new or old
    assert either is not None
    entry: dict[str, Any] = {"id": device, "platform": (new and new.platform) or either.platform}
    if old is None or new is None:
        return entry | {"status": "added" if old is None else "removed", "files": []}
    if old.failure or new.failure:
        where = "either" if old.failure and new.failure else "the old" if old.failure else "the new"
        return entry | {
            "status": "not-comparable",
            "files": [],
            "reason": f"not exported in {where} bundle ({new.failure or old.failure})",
        }
    names = sorted(set(old.files) | set(new.files))
    files = [_file_diff(device, n, old.files.get(n), new.files.get(n)) for n in names]
    changed = any(f["status"] != "unchanged" for f in files)
    return entry | {"status": "changed" if changed else "unchanged", "files": files}


def diff_bundles(old: Path, new: Path, identities: Sequence[Identity] = ()) -> dict[str, Any]:
    """The config-diff.v1 record comparing bundle `old` with bundle `new`."""
    before, after = load_devices(old, identities), load_devices(new, identities)
    devices = [_compare(d, before.get(d), after.get(d)) for d in sorted(set(before) | set(after))]
    counts = {
        status: sum(1 for d in devices if d["status"] == status)
        for status in ("changed", "unchanged", "added", "removed", "not-comparable")
    }
    return {
        "schema": SCHEMA,
        "old": str(old),
        "new": str(new),
        "identical": counts["unchanged"] == len(devices),
        "summary": counts,
        "devices": devices,
    }


def render(record: dict[str, Any]) -> str:
    """The diff as a person reads it: one line per device that is not unchanged, then diffs."""
    marks = {"changed": "~", "added": "+", "removed": "-", "not-comparable": "?"}
    lines: list[str] = []
    for device in record["devices"]:
        status = device["status"]
        if status == "unchanged":
            continue
        head = f"{marks[status]} {device['id']} ({device['platform'] or '?'}): {status}"
        if status == "changed":
            changed = [f for f in device["files"] if f["status"] != "unchanged"]
            head += ": " + ", ".join(
                f"{f['name']} +{f['added_lines']} -{f['removed_lines']}" for f in changed
            )
        if device.get("reason"):
            head += f": {device['reason']}"
        lines.append(head)
        lines += [f["diff"].rstrip("\n") for f in device["files"] if f["diff"]]
    summary = record["summary"]
    total = sum(summary.values())
    lines.append(
        f"{total} devices: {summary['changed']} changed, {summary['unchanged']} unchanged, "
        f"{summary['added']} added, {summary['removed']} removed, "
        f"{summary['not-comparable']} not comparable"
    )
    return "\n".join(lines)
