"""An auditor's verify: exit 0 only when a bundle is intact, signed and complete; 1 names the file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from exitkit.bundle import schemas
from tests.conftest import Run, run_exitkit


@pytest.fixture(scope="module")
def signed_bundle(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    from tests.conftest import write_estate

    root = tmp_path_factory.mktemp("signed")
    estate = write_estate(root / "estate")
    key = root / "signing.key"
    assert run_exitkit("keys", "generate", "--out", key).code == 0
    run = run_exitkit("export", estate, "--out", root / "bundle", "--sign-key", key)
    assert run.code == 0, run
    return root / "bundle", key


@pytest.fixture
def bundle(signed_bundle: tuple[Path, Path], tmp_path: Path) -> Path:
    copy = tmp_path / "tampered" / "bundle"
    shutil.copytree(signed_bundle[0], copy)
    return copy


@pytest.fixture
def public_key(signed_bundle: tuple[Path, Path]) -> Path:
    return signed_bundle[1].with_name("signing.key.pub")


def verify(bundle: Path, *extra: str | Path) -> Run:
    return run_exitkit("verify", bundle, *extra)


def test_an_untouched_bundle_verifies(signed_bundle: tuple[Path, Path], public_key: Path) -> None:
    run = verify(signed_bundle[0], "--public-key", public_key)
    assert run.code == 0, run
    assert "result:       OK" in run.out
    assert "pinned by --public-key" in run.out


def test_json_report_follows_its_schema(signed_bundle: tuple[Path, Path], public_key: Path) -> None:
    run = verify(signed_bundle[0], "--public-key", public_key, "--json")
    assert run.code == 0
    report = run.json
    assert schemas.problems(report, "completeness.v1") == []
    assert report["ok"] and report["intact"] and report["complete"]
    assert report["signature"] == {
        "status": "valid",
        "key": report["signature"]["key"],
        "pinned": True,
    }
    assert report["totals"]["exported"] == 3


def _first_artifact(bundle: Path) -> str:
    manifest = json.loads((bundle / "manifest.json").read_text())
    return next(e["path"] for e in manifest["files"] if e["path"].endswith("runbook.md"))


def test_one_flipped_byte_is_named(bundle: Path, public_key: Path) -> None:
    name = _first_artifact(bundle)
    data = bytearray((bundle / name).read_bytes())
    data[3] ^= 0x01
    (bundle / name).write_bytes(bytes(data))
    run = verify(bundle, "--public-key", public_key)
    assert run.code == 1
    assert f"{name}: altered" in run.out
    assert "DAMAGED runbook (document)" in run.out


def test_a_deleted_file_is_named(bundle: Path, public_key: Path) -> None:
    name = _first_artifact(bundle)
    (bundle / name).unlink()
    run = verify(bundle, "--public-key", public_key)
    assert run.code == 1
    assert f"{name}: missing" in run.out


def test_an_added_file_is_named(bundle: Path, public_key: Path) -> None:
    (bundle / "assets" / "license" / "m365" / "extra.txt").write_text("slipped in\n")
    run = verify(bundle, "--public-key", public_key)
    assert run.code == 1
    assert "assets/license/m365/extra.txt: unexpected" in run.out


def test_a_renamed_file_is_named_with_its_old_name(bundle: Path, public_key: Path) -> None:
    name = _first_artifact(bundle)
    (bundle / name).rename(bundle / (name + ".old"))
    run = verify(bundle, "--public-key", public_key)
    assert run.code == 1
    assert f"{name}.old: renamed (listed in the manifest as {name})" in run.out


def test_an_edited_manifest_breaks_the_signature(bundle: Path, public_key: Path) -> None:
    manifest = bundle / "manifest.json"
    manifest.write_text(
        manifest.read_text().replace('"estate": "acme-test"', '"estate": "acme-other"')
    )
    run = verify(bundle, "--public-key", public_key)
    assert run.code == 1
    assert "manifest.json.sig: invalid" in run.out


def test_an_edited_manifest_is_caught_even_without_the_public_key(bundle: Path) -> None:
    manifest = bundle / "manifest.json"
    record = json.loads(manifest.read_text())
    record["files"][0]["sha256"] = "0" * 64
    manifest.write_text(json.dumps(record))
    run = verify(bundle)
    assert run.code == 1
    assert "manifest.json.sig: invalid" in run.out
    assert f"{record['files'][0]['path']}: altered" in run.out


def test_a_removed_signature_is_named(bundle: Path, public_key: Path) -> None:
    (bundle / "manifest.json.sig").unlink()
    run = verify(bundle, "--public-key", public_key)
    assert run.code == 1
    assert "manifest.json.sig: missing" in run.out
    run = verify(bundle)  # the manifest says it was signed: no key needed to notice
    assert run.code == 1
    assert "manifest.json.sig: missing" in run.out


def test_a_signature_by_another_key_is_refused(
    bundle: Path, public_key: Path, tmp_path: Path
) -> None:
    from exitkit.bundle.signing import load_private, sign

    other = tmp_path / "other.key"
    assert run_exitkit("keys", "generate", "--out", other).code == 0
    (bundle / "manifest.json.sig").write_bytes(
        sign(load_private(other), (bundle / "manifest.json").read_bytes())
    )
    run = verify(bundle, "--public-key", public_key)
    assert run.code == 1
    assert "manifest.json.sig: invalid" in run.out


def test_a_bundle_checked_against_another_public_key_fails(
    signed_bundle: tuple[Path, Path], tmp_path: Path
) -> None:
    other = tmp_path / "other.key"
    run_exitkit("keys", "generate", "--out", other)
    run = verify(signed_bundle[0], "--public-key", other.with_name("other.key.pub"))
    assert run.code == 1


def test_a_json_file_that_breaks_its_schema_is_named(bundle: Path, tmp_path: Path) -> None:
    unsigned = tmp_path / "bad-schema" / "bundle"
    shutil.copytree(bundle, unsigned)
    (unsigned / "manifest.json.sig").unlink()
    manifest = json.loads((unsigned / "manifest.json").read_text())
    manifest.pop("signed_by")
    record_path = unsigned / "assets/license/m365/license.json"
    record = json.loads(record_path.read_text())
    record["quantity"] = "many"
    record_path.write_text(json.dumps(record))
    for entry in manifest["files"]:
        if entry["path"] == "assets/license/m365/license.json":
            from exitkit.bundle.hashing import sha256_file

            entry["sha256"], entry["size"] = sha256_file(record_path), record_path.stat().st_size
    (unsigned / "manifest.json").write_text(json.dumps(manifest))
    run = verify(unsigned)
    assert run.code == 1
    assert "assets/license/m365/license.json: schema" in run.out


def test_a_missing_manifest_is_named(bundle: Path) -> None:
    (bundle / "manifest.json").unlink()
    run = verify(bundle)
    assert run.code == 1
    assert "manifest.json: missing" in run.out


def test_not_a_bundle_is_bad_input(tmp_path: Path) -> None:
    run = verify(tmp_path / "nothing-here")
    assert run.code == 2
    assert "not a bundle" in run.err
