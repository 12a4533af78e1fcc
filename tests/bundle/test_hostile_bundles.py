"""verify on bundle folders crafted by the party being exited, who also holds the signing key.

Every case ends in exit 1 (a named problem) with the path named, never a hang, a traceback, a
network connection, a file read or changed outside the bundle. The World fixture checks the
last four on every run; each test says what the auditor reads.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import stat
import time
from typing import Any

import pytest

from exitkit.bundle import schemas
from tests.bundle.hostile import Canary, World

LICENSE = "assets/license/m365/license.json"
GIB = 1024**3


def entry_of(record: dict[str, Any], path: str) -> dict[str, Any]:
    found: dict[str, Any] = next(e for e in record["files"] if e["path"] == path)
    return found


def test_a_fifo_named_manifest_json_is_named_not_waited_for(world: World) -> None:
    (world.bundle / "manifest.json").unlink()
    os.mkfifo(world.bundle / "manifest.json")
    run = world.verify()
    assert "manifest.json: unreadable (a FIFO, not a regular file)" in run.out
    assert run.out.endswith("result:       FAILED\n")


def test_a_fifo_named_inventory_json_is_named_not_waited_for(world: World) -> None:
    (world.bundle / "inventory.json").unlink()
    os.mkfifo(world.bundle / "inventory.json")
    run = world.verify()
    assert "inventory.json: altered (a FIFO replaced the file)" in run.out


@pytest.mark.parametrize("name", ["manifest.json", "manifest.json.sig", "inventory.json"])
def test_a_top_file_linked_outside_is_not_followed(world: World, name: str) -> None:
    """The true file sits outside, so a verify that followed the link would say OK."""
    outside = world.outside / name
    shutil.copy(world.bundle / name, outside)
    (world.bundle / name).unlink()
    (world.bundle / name).symlink_to(outside)
    run = world.verify()
    if name == "inventory.json":
        assert "inventory.json: altered (a link replaced the file)" in run.out
    else:
        assert f"{name}: unreadable (a symbolic link, not a regular file" in run.out


def test_a_linked_inventory_is_never_opened(world: World) -> None:
    with Canary(world.outside / "canary") as canary:
        (world.bundle / "inventory.json").unlink()
        (world.bundle / "inventory.json").symlink_to(canary.path)
        run = world.verify()
    assert not canary.opened, "verify opened a file outside the bundle"
    assert "inventory.json: altered (a link replaced the file)" in run.out


def test_a_folder_linked_outside_is_not_entered(world: World) -> None:
    folder = world.bundle / "assets" / "license"
    shutil.move(folder, world.outside / "license")
    folder.symlink_to(world.outside / "license", target_is_directory=True)
    run = world.verify()
    assert "assets/license: unexpected (a symbolic link, not listed in the manifest)" in run.out
    assert f"{LICENSE}: missing" in run.out


def test_a_hard_link_is_not_read(world: World) -> None:
    """A hard link may be another name of any file on the disk: verify does not read it."""
    shutil.copy(world.bundle / LICENSE, world.outside / "license.json")
    (world.bundle / LICENSE).unlink()
    os.link(world.outside / "license.json", world.bundle / LICENSE)
    run = world.verify()
    assert f"{LICENSE}: altered (a hard link replaced the file" in run.out


def test_a_socket_and_a_device_are_named(world: World) -> None:
    (world.bundle / LICENSE).unlink()
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(world.bundle / LICENSE))
    try:
        (world.bundle / "inventory.json").unlink()
        try:
            os.mknod(world.bundle / "inventory.json", stat.S_IFCHR | 0o600, os.makedev(1, 3))
            device = True
        except PermissionError:  # no CAP_MKNOD here: a FIFO stands in
            os.mkfifo(world.bundle / "inventory.json")
            device = False
        run = world.verify()
    finally:
        server.close()
    assert f"{LICENSE}: altered (a socket replaced the file)" in run.out
    kind = "character device" if device else "FIFO"
    assert f"inventory.json: altered (a {kind} replaced the file)" in run.out


@pytest.mark.parametrize("form", ["relative", "absolute", "url"])
def test_a_schema_id_outside_exitkit_s_set_is_refused(world: World, form: str) -> None:
    """Once joined onto the schema folder, these loaded a schema whose $ref was fetched."""
    evil = world.outside / "evil.schema.json"
    evil.write_text(json.dumps({"$ref": f"{world.listener.url}/remote.schema.json"}))
    schema = {
        "relative": "../../../../../../../../.." + str(world.outside / "evil"),
        "absolute": str(world.outside / "evil"),
        "url": f"{world.listener.url}/evil",
    }[form]
    world.rewrite(lambda record: entry_of(record, LICENSE).update(schema=schema))
    run = world.verify()
    assert f"{LICENSE}: schema (unknown schema " in run.out


def test_deep_nesting_in_the_manifest_is_refused(world: World) -> None:
    world.sign(b"[" * 100_000)
    run = world.verify()
    assert "manifest.json: unreadable (nested deeper than 64 levels)" in run.out


def test_deep_nesting_in_an_artifact_is_a_schema_problem(world: World) -> None:
    world.vouch(LICENSE, b"[" * 100_000)
    run = world.verify()
    assert f"{LICENSE}: schema (nested deeper than 64 levels)" in run.out


def test_a_size_of_ten_to_the_400_is_refused(world: World) -> None:
    record = world.manifest()
    entry_of(record, LICENSE)["size"] = "HUGE"
    world.sign(json.dumps(record).replace('"HUGE"', "1" + "0" * 400).encode())
    run = world.verify()
    assert "manifest.json: unreadable (a number of 401 characters" in run.out


def test_a_public_key_that_is_not_base64_is_named(world: World) -> None:
    world.rewrite(lambda record: record["signed_by"].update(public_key="not base64 at all!"))
    run = world.verify()
    assert "manifest.json.sig: invalid (the manifest's signed_by.public_key is not a base64" in (
        run.out
    )


def test_a_fingerprint_that_is_not_the_key_s_is_named(world: World) -> None:
    world.rewrite(lambda record: record["signed_by"].update(fingerprint="SHA256:" + "A" * 43))
    run = world.verify()
    assert "manifest.json.sig: invalid (the manifest's signed_by.fingerprint is not" in run.out


@pytest.mark.parametrize("name", ["manifest.json", "manifest.json.sig", "inventory.json"])
def test_a_sparse_file_of_3_gb_is_not_read(world: World, name: str) -> None:
    os.truncate(world.bundle / name, 3 * GIB)
    started = time.monotonic()
    run = world.verify()
    assert time.monotonic() - started < 20
    if name == "inventory.json":
        assert "inventory.json: altered (larger than the" in run.out
    else:
        assert f"{name}: unreadable (3.2 GB or more; verify reads at most" in run.out


def test_a_sparse_artifact_is_read_no_further_than_its_size(world: World) -> None:
    os.truncate(world.bundle / LICENSE, 3 * GIB)
    run = world.verify()
    assert f"{LICENSE}: altered (larger than the" in run.out


def test_the_same_path_listed_twice_is_a_lie(world: World) -> None:
    def twice(record: dict[str, Any]) -> None:
        record["files"].append({**entry_of(record, LICENSE), "sha256": "0" * 64})

    world.rewrite(twice)
    run = world.verify()
    assert f"{LICENSE}: invalid (listed 2 times in the manifest, with different hashes" in run.out


@pytest.mark.parametrize("change", [+1, -1])
def test_a_size_that_does_not_match_is_a_lie_even_when_the_hash_does(
    world: World, change: int
) -> None:
    size = (world.bundle / LICENSE).stat().st_size
    world.rewrite(lambda record: entry_of(record, LICENSE).update(size=size + change))
    run = world.verify()
    if change > 0:
        assert f"{LICENSE}: invalid (the manifest says {size + 1} bytes; the file has" in run.out
    else:
        assert f"{LICENSE}: altered (larger than the {size - 1} bytes" in run.out


def test_a_key_twice_in_one_object_is_refused_not_last_wins(world: World) -> None:
    text = (world.bundle / "manifest.json").read_text().rstrip()
    world.sign((text.removesuffix("}") + ',\n  "files": []\n}\n').encode())
    run = world.verify()
    assert "manifest.json: unreadable (the key 'files' appears twice)" in run.out


def test_a_file_claimed_by_no_asset_or_the_wrong_one_is_a_lie(world: World) -> None:
    def misattribute(record: dict[str, Any]) -> None:
        entry_of(record, LICENSE).update(asset="runbook", kind="document")

    world.rewrite(misattribute)
    run = world.verify()
    assert f"{LICENSE}: invalid (outside the folder of its asset" in run.out
    assert f"{LICENSE}: invalid (asset 'm365' lists it, but the manifest's files" in run.out


@pytest.mark.parametrize("where", ["parent", "absolute"])
def test_a_path_outside_the_bundle_is_never_opened(world: World, where: str) -> None:
    with Canary(world.outside / "canary") as canary:
        path = "../outside/canary" if where == "parent" else str(canary.path)
        entry = {"path": path, "sha256": "0" * 64, "size": 1}
        world.rewrite(lambda record: record["files"].append(entry))
        run = world.verify()
    assert not canary.opened, "verify opened a file outside the bundle"
    assert f"{path}: unsafe path (a path outside the bundle)" in run.out


def test_text_from_the_bundle_reaches_the_terminal_inert(world: World) -> None:
    estate = "acme\x1b]0;owned\x07\x1b[2J"
    world.rewrite(lambda record: record.update(estate=estate))
    (world.bundle / "x\n\x1b[1A\x1b[2Kresult:       OK").write_text("slipped in\n")
    run = world.verify()
    assert "\x1b" not in run.out and "\x07" not in run.out
    assert not [line for line in run.out.splitlines() if line.startswith("result:       OK")]
    assert run.out.endswith("result:       FAILED\n")
    assert "(estate acme\\x1b]0;owned\\x07\\x1b[2J)" in run.out
    assert "x\\x0a\\x1b[1A\\x1b[2Kresult:       OK: unexpected (control characters" in run.out
    as_json = world.verify(None, "--json")
    assert "\x1b" not in as_json.out
    record = json.loads(as_json.out)
    assert record["estate"] == estate and schemas.problems(record, "completeness.v1") == []


def test_a_manifest_of_200000_entries_is_refused_quickly(world: World) -> None:
    record = world.manifest()
    record["files"] = [
        {
            "path": f"assets/document/runbook/files/f{number}.md",
            "sha256": f"{number:064x}",
            "size": number,
            "asset": "runbook",
            "kind": "document",
        }
        for number in range(200_000)
    ]
    world.sign(json.dumps(record).encode())
    started = time.monotonic()
    run = world.verify()
    assert time.monotonic() - started < 30
    assert "manifest.json: unreadable (lists 200000 files; verify reads a manifest of at most" in (
        run.out
    )


def test_a_size_written_as_a_fraction_is_refused(world: World) -> None:
    """JSON Schema counts 1.0 as an integer; verify does not read bytes by the float."""
    record = world.manifest()
    size = entry_of(record, LICENSE)["size"]
    entry_of(record, LICENSE)["size"] = "SIZE"
    world.sign(json.dumps(record).replace('"SIZE"', f"{size}.0").encode())
    run = world.verify()
    assert f"{size}.0 is not a whole number of bytes" in run.out
