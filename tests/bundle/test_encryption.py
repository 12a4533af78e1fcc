"""Encrypted bundles: every artifact age-encrypted, readable by the stock `age` tool, verifiable
without the key; secret artifacts sealed even when the rest stays in clear."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from exitkit.bundle import schemas
from tests.conftest import run_exitkit, write_estate

SECRET = "enable secret 0 Tr0ub4dor-CORE-SW-SECRET"


def require_age() -> str:
    """The `age` binary (Debian package age), which `make test` installs when missing."""
    found = shutil.which("age")
    assert found is not None, "Debian's age is missing: `make test` installs it"
    return found


def keypair(folder: Path, name: str = "key.txt") -> tuple[Path, str]:
    """An age identity file (in age-keygen's format) and its recipient."""
    from pyrage import x25519

    identity = x25519.Identity.generate()
    path = folder / name
    path.write_text(f"# created by the test\n{identity}\n")
    return path, str(identity.to_public())


def age_decrypt(identity: Path, path: Path) -> bytes:
    done = subprocess.run(
        [require_age(), "--decrypt", "-i", str(identity), str(path)],
        capture_output=True,
        check=True,
    )
    return done.stdout


def manifest_of(bundle: Path) -> dict[str, Any]:
    return json.loads((bundle / "manifest.json").read_text())


def every_byte(bundle: Path) -> bytes:
    return b"".join(path.read_bytes() for path in sorted(bundle.rglob("*")) if path.is_file())


@pytest.fixture(scope="module")
def encrypted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path | str]:
    root = tmp_path_factory.mktemp("encrypted")
    estate = write_estate(root / "estate")
    (estate / "docs" / "runbook.md").write_text(f"# Runbook\n{SECRET}\n")
    identity, recipient = keypair(root)
    run = run_exitkit("export", estate, "--out", root / "bundle", "--encrypt-to", recipient)
    assert run.code == 0, run
    assert "artifacts encrypted to 1 age recipient" in run.out
    return {"bundle": root / "bundle", "identity": identity, "recipient": recipient, "root": root}


def test_every_artifact_is_age_encrypted_and_the_age_tool_reads_it(
    encrypted: dict[str, Any],
) -> None:
    bundle, identity = encrypted["bundle"], encrypted["identity"]
    manifest = manifest_of(bundle)
    assert manifest["encrypted_to"] == [encrypted["recipient"]]
    assert manifest["encrypted_artifacts"] == "all"
    for entry in manifest["files"]:
        path = bundle / entry["path"]
        if not entry["path"].startswith("assets/"):
            assert "encryption" not in entry
            json.loads(path.read_text())  # inventory and report stay readable JSON
            continue
        assert entry["path"].endswith(".age")
        assert path.read_bytes().startswith(b"age-encryption.org/v1\n")
        assert hashlib.sha256(path.read_bytes()).hexdigest() == entry["sha256"]
        plain = age_decrypt(identity, path)
        assert hashlib.sha256(plain).hexdigest() == entry["encryption"]["plaintext_sha256"]
        assert len(plain) == entry["encryption"]["plaintext_size"]
    runbook = bundle / "assets/document/runbook/files/runbook.md.age"
    assert age_decrypt(identity, runbook) == f"# Runbook\n{SECRET}\n".encode()


def test_verify_checks_an_encrypted_bundle_without_the_key(encrypted: dict[str, Any]) -> None:
    run = run_exitkit("verify", encrypted["bundle"])
    assert run.code == 0, run
    assert "integrity:    intact, 7 files" in run.out
    assert "encryption:   age, every artifact (5 files), 1 recipient; plaintext not checked" in (
        run.out
    )
    assert "completeness: 3/3 assets exported" in run.out


def test_verify_with_the_identity_checks_plaintext_and_schemas(
    encrypted: dict[str, Any],
) -> None:
    run = run_exitkit("verify", encrypted["bundle"], "--identity", encrypted["identity"], "--json")
    assert run.code == 0, run
    assert schemas.problems(run.json, "completeness.v1") == []
    assert run.json["encryption"]["plaintext_checked"] == 5
    assert run.json["schemas_valid"]


def test_a_flipped_ciphertext_byte_is_found_without_the_key(
    encrypted: dict[str, Any], tmp_path: Path
) -> None:
    bundle = tmp_path / "tampered" / "bundle"
    shutil.copytree(encrypted["bundle"], bundle)
    target = bundle / "assets/license/m365/license.json.age"
    data = bytearray(target.read_bytes())
    data[-5] ^= 0x01
    target.write_bytes(bytes(data))
    run = run_exitkit("verify", bundle)
    assert run.code == 1
    assert "assets/license/m365/license.json.age: altered" in run.out
    assert "DAMAGED m365 (license)" in run.out


def test_a_wrong_identity_is_bad_input(encrypted: dict[str, Any], tmp_path: Path) -> None:
    other, _ = keypair(tmp_path, "other.txt")
    run = run_exitkit("verify", encrypted["bundle"], "--identity", other)
    assert run.code == 2
    assert "none of the given keys is a recipient of this bundle" in run.err
    assert "AGE-SECRET-KEY" not in run.err + run.out


def test_a_plaintext_secret_never_appears_in_an_encrypted_bundle(
    encrypted: dict[str, Any],
) -> None:
    assert SECRET.encode() not in every_byte(encrypted["bundle"])
    assert b"Restart" not in every_byte(encrypted["bundle"])


def test_a_bad_recipient_is_bad_input_and_writes_nothing(estate: Path, tmp_path: Path) -> None:
    run = run_exitkit("export", estate, "--out", tmp_path / "bundle", "--encrypt-to", "age1nope")
    assert run.code == 2
    assert "--encrypt-to: 'age1nope' is not a valid recipient" in run.err
    assert not (tmp_path / "bundle").exists()


def test_a_rerun_keeps_files_only_for_the_same_recipients(estate: Path, tmp_path: Path) -> None:
    _, first = keypair(tmp_path, "one.txt")
    _, second = keypair(tmp_path, "two.txt")
    out = tmp_path / "bundle"
    assert run_exitkit("export", estate, "--out", out, "--encrypt-to", first).code == 0
    again = run_exitkit("export", estate, "--out", out, "--encrypt-to", first)
    assert "3 kept from an earlier run" in again.out
    other = run_exitkit("export", estate, "--out", out, "--encrypt-to", second)
    assert "0 kept from an earlier run" in other.out
    clear = run_exitkit("export", estate, "--out", out)
    assert "0 kept from an earlier run" in clear.out
    assert not list(out.rglob("*.age"))
    assert "encrypted_to" not in manifest_of(out)


# --- secret artifacts, as the network exporter writes an unredacted configuration ---


def _sealing_export(
    estate: Path, out: Path, recipients: list[str], monkeypatch: pytest.MonkeyPatch
) -> Any:
    """Export with a license exporter that also writes a secret; recipients from the estate."""
    from exitkit.exporters.registry import EXPORTERS, Exporter, Job, load_exporters
    from exitkit.exporters.run import export_estate
    from exitkit.inventory.loader import load_inventory

    class ConfigLike(Exporter):
        def export(self, job: Job) -> None:
            job.output.write_text("running-config.txt", "hostname core\nenable secret <redacted>\n")
            if job.output.can_seal:
                job.output.write_sealed("running-config.full.txt", f"hostname core\n{SECRET}\n")

    load_exporters()
    monkeypatch.setitem(EXPORTERS, "license", ConfigLike())
    estate_file = estate / "estate.yaml"
    section = yaml.safe_dump({"encryption": {"recipients": recipients}})
    estate_file.write_text(estate_file.read_text() + section)
    return export_estate(load_inventory(estate), out, kinds=["license"])


def test_a_secret_artifact_is_sealed_while_the_redacted_view_stays_clear(
    estate: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    identity, recipient = keypair(tmp_path)
    out = tmp_path / "bundle"
    _sealing_export(estate, out, [recipient], monkeypatch)

    folder = out / "assets/license/m365"
    assert (folder / "running-config.txt").read_text().endswith("<redacted>\n")
    assert SECRET.encode() not in every_byte(out)
    assert age_decrypt(identity, folder / "running-config.full.txt.age") == (
        f"hostname core\n{SECRET}\n".encode()
    )
    manifest = manifest_of(out)
    assert manifest["encrypted_artifacts"] == "secrets"
    sealed = next(e for e in manifest["files"] if e["path"].endswith(".full.txt.age"))
    assert sealed["encryption"]["sealed"] is True
    assert "plaintext_sha256" not in sealed["encryption"]  # no clear hash to test guesses against
    plain = run_exitkit("verify", out)
    assert plain.code == 0, plain
    assert "secret artifacts only (1 files)" in plain.out
    checked = run_exitkit("verify", out, "--identity", identity)
    assert checked.code == 0, checked
    assert "plaintext checked with --identity" in checked.out


def test_a_secret_artifact_is_refused_when_the_bundle_has_no_recipient(tmp_path: Path) -> None:
    from exitkit.bundle.encryption import EncryptionError
    from exitkit.bundle.output import AssetOutput

    output = AssetOutput(tmp_path, "network_device", "core-sw-1")
    assert not output.can_seal
    with pytest.raises(EncryptionError, match="refusing to write the secret artifact"):
        output.write_sealed("running-config.full.txt", SECRET)
    assert not any(tmp_path.rglob("*"))
    assert output.entries == []


def test_an_artifact_left_in_clear_breaks_the_encryption_claim(
    encrypted: dict[str, Any], tmp_path: Path
) -> None:
    from exitkit.bundle.hashing import sha256_file

    bundle = tmp_path / "tampered" / "bundle"
    shutil.copytree(encrypted["bundle"], bundle)
    (bundle / "assets/license/m365/license.json.age").unlink()
    clear = bundle / "assets/license/m365/license.json"
    clear.write_text('{"schema": "license.v1"}\n')
    manifest = manifest_of(bundle)
    for entry in manifest["files"]:
        if entry["path"] == "assets/license/m365/license.json.age":
            entry.pop("encryption")
            entry.pop("schema")
            entry["path"] = "assets/license/m365/license.json"
            entry["sha256"], entry["size"] = sha256_file(clear), clear.stat().st_size
    manifest["assets"] = [
        {**a, "files": [f.removesuffix(".age") if "m365" in f else f for f in a["files"]]}
        for a in manifest["assets"]
    ]
    (bundle / "manifest.json").write_text(json.dumps(manifest))
    run = run_exitkit("verify", bundle)
    assert run.code == 1
    assert "assets/license/m365/license.json: not encrypted" in run.out


def test_an_encrypted_archive_verifies_in_place_with_the_identity(
    encrypted: dict[str, Any], tmp_path: Path
) -> None:
    archive = tmp_path / "sealed.tar.gz"
    assert run_exitkit("pack", encrypted["bundle"], "-o", archive).code == 0
    run = run_exitkit("verify", archive, "--identity", encrypted["identity"])
    assert run.code == 0, run
    assert "plaintext checked with --identity" in run.out


def test_recipients_in_the_estate_are_checked_like_those_on_the_command_line() -> None:
    from exitkit.bundle.encryption import EncryptionError, Sealing

    good = "age17jdaftyrtlrkpwhn80q9vaapuea8nxrv5pzq36mw4dzkwdx68ensscx8p8"
    assert Sealing.resolve((), [good]) == Sealing((good,), encrypt_all=False)
    with pytest.raises(EncryptionError, match=r"estate encryption.recipients\[1\]"):
        Sealing.resolve((), [good, "x"])


@settings(max_examples=25, deadline=None)
@given(chunks=st.lists(st.binary(max_size=20_000), max_size=6))
def test_any_artifact_round_trips_byte_exact_through_age(
    chunks: list[bytes], tmp_path_factory: pytest.TempPathFactory
) -> None:
    import pyrage
    from pyrage import x25519

    from exitkit.bundle.encryption import Sealing
    from exitkit.bundle.output import AssetOutput

    identity = x25519.Identity.generate()
    root = tmp_path_factory.mktemp("roundtrip")
    output = AssetOutput(root, "document", "doc", Sealing((str(identity.to_public()),), True))
    entry = output.write_chunks("blob.bin", chunks)
    stored = (root / entry.path).read_bytes()
    assert hashlib.sha256(stored).hexdigest() == entry.sha256 and len(stored) == entry.size
    plain = pyrage.decrypt(stored, [identity])
    assert plain == b"".join(chunks)
    assert entry.content_sha256 == hashlib.sha256(plain).hexdigest()
