"""`exitkit pack`: one deterministic .tar.gz for hand-over, verified in place, never extracted."""

from __future__ import annotations

import filecmp
import io
import json
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

from tests.conftest import run_exitkit, write_estate


@pytest.fixture(scope="module")
def signed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("packed")
    estate = write_estate(root / "estate")
    key = root / "signing.key"
    assert run_exitkit("keys", "generate", "--out", key).code == 0
    assert run_exitkit("export", estate, "--out", root / "acme-2026", "--sign-key", key).code == 0
    return root / "acme-2026", root / "signing.key.pub"


@pytest.fixture(scope="module")
def archive(signed: tuple[Path, Path]) -> Path:
    out = signed[0].parent / "acme-2026.tar.gz"
    run = run_exitkit("pack", signed[0], "-o", out)
    assert run.code == 0, run
    assert f"wrote {out} (9 files" in run.out
    return out


def rewrite(
    source: Path, target: Path, change: dict[str, bytes | None], add: list[tarfile.TarInfo]
) -> None:
    """Copy an archive, replacing (bytes) or dropping (None) members, appending `add`."""
    with tarfile.open(source, "r:gz") as old, tarfile.open(target, "w:gz") as new:
        for member in old.getmembers():
            data = old.extractfile(member).read()  # type: ignore[union-attr]
            short = member.name.split("/", 1)[1]
            if short in change:
                if change[short] is None:
                    continue
                data = change[short]  # type: ignore[assignment]
                member.size = len(data)
            new.addfile(member, io.BytesIO(data))
        for info in add:
            new.addfile(info, io.BytesIO(b"x" * info.size) if info.isreg() else None)


def test_an_archive_unpacks_byte_exact_and_packs_the_same_twice(
    signed: tuple[Path, Path], archive: Path, tmp_path: Path
) -> None:
    subprocess.run(["tar", "-xzf", str(archive), "-C", str(tmp_path)], check=True)
    unpacked = tmp_path / "acme-2026"
    files = sorted(p.relative_to(signed[0]) for p in signed[0].rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(unpacked) for p in unpacked.rglob("*") if p.is_file())
    _, mismatch, errors = filecmp.cmpfiles(signed[0], unpacked, files, shallow=False)
    assert mismatch == [] and errors == []
    again = tmp_path / "again.tar.gz"
    assert run_exitkit("pack", signed[0], "-o", again).code == 0
    assert again.read_bytes() == archive.read_bytes()


def test_verify_reads_the_archive_in_place(signed: tuple[Path, Path], archive: Path) -> None:
    run = run_exitkit("verify", archive, "--public-key", signed[1])
    assert run.code == 0, run
    assert f"bundle:       {archive} (estate acme-test)" in run.out
    assert "signature:    valid" in run.out
    assert "result:       OK" in run.out


def test_a_changed_member_is_named(archive: Path, tmp_path: Path) -> None:
    tampered = tmp_path / "tampered.tar.gz"
    rewrite(archive, tampered, {"assets/document/runbook/files/runbook.md": b"# Other\n"}, [])
    run = run_exitkit("verify", tampered)
    assert run.code == 1
    assert "assets/document/runbook/files/runbook.md: altered" in run.out


def test_traversal_links_and_duplicates_are_reported_and_nothing_is_extracted(
    archive: Path, tmp_path: Path
) -> None:
    evil = tarfile.TarInfo("../evil.txt")
    evil.size = 4
    link = tarfile.TarInfo("acme-2026/assets/license/m365/license.json")
    link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
    again = tarfile.TarInfo("acme-2026/inventory.json")
    again.size = 3
    tampered = tmp_path / "work" / "tampered.tar.gz"
    tampered.parent.mkdir()
    rewrite(archive, tampered, {"assets/license/m365/license.json": None}, [evil, link, again])
    run = run_exitkit("verify", tampered, cwd=tampered.parent)
    assert run.code == 1
    assert "../evil.txt: unexpected (a path outside the bundle)" in run.out
    assert "assets/license/m365/license.json: altered (a link replaced the file)" in run.out
    assert "inventory.json: unexpected (2 copies)" in run.out
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["tampered.tar.gz", "work"]


def test_pack_refuses_what_is_not_a_finished_bundle(
    signed: tuple[Path, Path], tmp_path: Path
) -> None:
    run = run_exitkit("pack", signed[0], "-o", tmp_path / "bundle.zip")
    assert run.code == 2
    assert "must end in .tar.gz or .tgz" in run.err
    unfinished = tmp_path / "unfinished"
    shutil.copytree(signed[0], unfinished)
    (unfinished / ".partial").mkdir()
    run = run_exitkit("pack", unfinished, "-o", tmp_path / "b.tar.gz")
    assert run.code == 2
    assert "the export is not finished" in run.err
    assert not (tmp_path / "b.tar.gz").exists()


def test_pack_leaves_out_and_names_files_the_manifest_does_not_list(
    signed: tuple[Path, Path], tmp_path: Path
) -> None:
    folder = tmp_path / "extra"
    shutil.copytree(signed[0], folder)
    (folder / "notes.txt").write_text("not part of the bundle\n")
    run = run_exitkit("pack", folder, "-o", tmp_path / "e.tar.gz")
    assert run.code == 0, run
    assert "left out 1 file(s) the manifest does not list: notes.txt" in run.out
    with tarfile.open(tmp_path / "e.tar.gz") as archive:
        assert "extra/notes.txt" not in archive.getnames()


def test_pack_refuses_a_damaged_bundle(signed: tuple[Path, Path], tmp_path: Path) -> None:
    damaged = tmp_path / "damaged"
    shutil.copytree(signed[0], damaged)
    (damaged / "assets/license/m365/license.json").write_text(json.dumps({"quantity": 1}))
    run = run_exitkit("pack", damaged, "-o", tmp_path / "d.tar.gz")
    assert run.code == 1
    assert "license.json: sha256 differs from the manifest" in run.err
    assert not (tmp_path / "d.tar.gz").exists()


def test_a_file_that_is_not_an_archive_is_bad_input(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not a bundle\n")
    run = run_exitkit("verify", notes)
    assert run.code == 2
    assert "not a bundle folder, nor a .tar.gz archive" in run.err
