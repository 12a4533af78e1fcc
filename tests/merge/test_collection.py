"""The exitkit.exit collection: built by ansible-galaxy, documented for ansible-doc, its merge and
verify plays run by stock ansible-playbook; the execution environment's build context made by
ansible-builder (no container engine needed to make it)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
import yaml

from exitkit import __version__
from exitkit.bundle.signing import generate
from tests.helpers.in_process import command
from tests.merge.conftest import ROOT, TOOLS, BuiltCollection


def ansible(
    tool: str, *args: str | Path, collections: Path, cwd: Path
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ANSIBLE_COLLECTIONS_PATH": str(collections), "ANSIBLE_NOCOLOR": "1",
           "PATH": f"{TOOLS}{os.pathsep}{os.environ['PATH']}"}  # fmt: skip
    return subprocess.run([TOOLS / tool, *map(str, args)], capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=300, check=False)  # fmt: skip


def test_the_collection_builds_with_its_modules_plays_and_docs(
    built_collection: BuiltCollection, tmp_path: Path
) -> None:
    with tarfile.open(built_collection.tarball) as tarball:
        names = set(tarball.getnames())
    docs = ansible("ansible-doc", "exitkit.exit.export", "exitkit.exit.verify",
                   "exitkit.exit.merge", collections=built_collection.collections_path,
                   cwd=tmp_path)  # fmt: skip
    plays = ansible("ansible-playbook", "--syntax-check", "exitkit.exit.export_part",
                    "exitkit.exit.merge_parts", "exitkit.exit.verify_bundle",
                    collections=built_collection.collections_path, cwd=tmp_path)  # fmt: skip

    for name in ("plugins/modules/export.py", "plugins/modules/verify.py",
                 "plugins/modules/merge.py", "playbooks/export_part.yml", "README.md",
                 "meta/runtime.yml", "meta/execution-environment.yml", "bindep.txt",
                 "requirements.txt"):  # fmt: skip
        assert name in names
    assert built_collection.tarball.name == f"exitkit-exit-{__version__}.tar.gz"
    assert docs.returncode == 0, docs.stderr
    assert "exitkit.exit.export" in docs.stdout and "ansible_play_hosts_all" in docs.stdout
    assert plays.returncode == 0, plays.stdout + plays.stderr


def test_the_merge_and_verify_plays_join_parts_and_fail_a_tampered_bundle(
    built_collection: BuiltCollection,
    estate: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    parts = tmp_path / "parts"
    for name, assets in (("a", ["m365", "runbook"]), ("b", ["ops-scripts"])):
        flags = [flag for asset in assets for flag in ("--asset", asset)]
        exported = command(capsys, monkeypatch, "export", estate, "--out", parts / name,
                           "--part", name, *flags)  # fmt: skip
        assert exported[0] == 0, exported
    bundle = tmp_path / "bundle"
    generate(tmp_path / "k")

    merged = ansible("ansible-playbook", "exitkit.exit.merge_parts", "-e", f"exitkit_parts_dir={parts}",
                     "-e", f"exitkit_bundle={bundle}", "-e", f"exitkit_sign_key={tmp_path / 'k'}",
                     "-e", f"exitkit_public_key={tmp_path / 'k.pub'}",
                     collections=built_collection.collections_path, cwd=tmp_path)  # fmt: skip
    document = next((bundle / "assets" / "document" / "runbook").rglob("*.md"))
    document.write_text("rewritten\n")
    tampered = ansible("ansible-playbook", "exitkit.exit.verify_bundle", "-e", f"exitkit_bundle={bundle}",
                       collections=built_collection.collections_path, cwd=tmp_path)  # fmt: skip

    assert merged.returncode == 0, merged.stdout
    assert (
        "2 parts merged; " in merged.stdout
        and ": OK, 3/3 assets exported, signature valid" in merged.stdout
    )
    assert tampered.returncode == 2, tampered.stdout
    assert (
        "NOT OK" in tampered.stdout
        and f"{document.relative_to(bundle)}: altered" in tampered.stdout
    )


def test_versions_of_exitkit_the_collection_and_the_environment_are_in_step() -> None:
    galaxy = yaml.safe_load((ROOT / "collection" / "galaxy.yml").read_text())
    pins = (ROOT / "ee" / "requirements.txt").read_text()
    collections = yaml.safe_load((ROOT / "ee" / "requirements.yml").read_text())["collections"]

    assert galaxy["version"] == __version__
    assert f"exitkit=={__version__}" in pins.split()
    assert collections == [
        {"name": f"/build/exitkit/exitkit-exit-{__version__}.tar.gz", "type": "file"}
    ]


def test_ansible_builder_creates_the_execution_environment_context(
    built_collection: BuiltCollection, tmp_path: Path
) -> None:
    shutil.copy(ROOT / "execution-environment.yml", tmp_path)
    shutil.copytree(ROOT / "ee", tmp_path / "ee", ignore=shutil.ignore_patterns("dist", "context"))
    (tmp_path / "ee" / "dist").mkdir()
    shutil.copy(built_collection.tarball, tmp_path / "ee" / "dist")

    done = subprocess.run(
        [TOOLS / "ansible-builder", "create", "-f", "execution-environment.yml", "-c", "context",
         "--output-filename", "Containerfile"],
        capture_output=True, text=True, cwd=tmp_path, timeout=120, check=False,
    )  # fmt: skip
    # what the builder stage will resolve: the collection's requirements and bindep, with ours
    introspected = subprocess.run(
        [sys.executable, tmp_path / "context" / "_build" / "scripts" / "introspect.py",
         "introspect", "--user-pip", tmp_path / "context" / "_build" / "requirements.txt",
         built_collection.collections_path],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip

    assert done.returncode == 0, done.stdout + done.stderr
    context = tmp_path / "context"
    containerfile = (context / "Containerfile").read_text()
    assert "COPY _build/exitkit /build/exitkit" in containerfile
    assert "ENV PIP_FIND_LINKS=/build/exitkit" in containerfile
    assert (
        "ansible-galaxy collection install" in containerfile
        and "-r requirements.yml" in containerfile
    )
    assert "RUN exitkit --version && ansible-doc exitkit.exit.export" in containerfile
    assert (context / "_build" / "exitkit" / built_collection.tarball.name).is_file()
    assert f"exitkit=={__version__}" in (context / "_build" / "requirements.txt").read_text()
    assert built_collection.tarball.name in (context / "_build" / "requirements.yml").read_text()
    resolved = yaml.safe_load(introspected.stdout.split("---", 1)[-1])
    assert any(line.startswith("exitkit>=") for line in resolved["python"])
    assert any(line.startswith("git ") for line in resolved["system"])
    assert any(line.startswith("openssh-client") for line in resolved["system"])
