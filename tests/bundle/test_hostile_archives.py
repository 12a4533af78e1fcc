"""verify on .tar.gz archives crafted by the party being exited: read in place, never extracted.

Archives are built here, member by member, with what `tar` can hold and `pack` never writes:
links, devices, FIFOs, sparse members, names outside the bundle, oversized headers, gzip bombs.
"""

from __future__ import annotations

import gzip
import tarfile
import time
from pathlib import Path

import pytest

from tests.bundle.hostile import World

MIB = 1024 * 1024
GIB = 1024 * MIB
TOP = "acme"


def header(name: str, size: int = 0, kind: bytes = tarfile.REGTYPE, link: str = "") -> bytes:
    info = tarfile.TarInfo(name)
    info.size, info.type, info.linkname = size, kind, link
    return info.tobuf(format=tarfile.GNU_FORMAT)


def member(name: str, data: bytes) -> bytes:
    return header(name, len(data)) + data + bytes(-len(data) % 512)


def bundle_members(world: World, leave_out: tuple[str, ...] = ()) -> bytes:
    """The bundle's files as tar members under TOP/, manifest first, as pack writes them."""
    paths = sorted(p for p in world.bundle.rglob("*") if p.is_file())
    paths.sort(key=lambda path: path.name != "manifest.json")
    names = [p.relative_to(world.bundle).as_posix() for p in paths]
    return b"".join(
        member(f"{TOP}/{name}", path.read_bytes())
        for name, path in zip(names, paths, strict=True)
        if name not in leave_out
    )


def write_archive(world: World, *parts: bytes, end: bool = True) -> Path:
    archive = world.root / "hostile.tar.gz"
    archive.write_bytes(gzip.compress(b"".join(parts) + (bytes(1024) if end else b"")))
    return archive


@pytest.mark.parametrize(
    ("name", "kind", "shown"),
    [
        ("manifest.json", tarfile.SYMTYPE, "manifest.json: unreadable (a symbolic link"),
        ("manifest.json.sig", tarfile.LNKTYPE, "manifest.json.sig: unreadable (a hard link"),
        ("inventory.json", tarfile.FIFOTYPE, "inventory.json: altered (a FIFO replaced the file)"),
        ("inventory.json", tarfile.CHRTYPE, "inventory.json: altered (a character device"),
        ("inventory.json", tarfile.GNUTYPE_SPARSE, "inventory.json: altered (a sparse file"),
    ],
)
def test_a_member_that_is_not_a_regular_file_is_named(
    world: World, name: str, kind: bytes, shown: str
) -> None:
    size = 512 if kind == tarfile.GNUTYPE_SPARSE else 0
    odd = header(f"{TOP}/{name}", size, kind, link="/etc/passwd") + bytes(size)
    archive = write_archive(world, bundle_members(world, leave_out=(name,)), odd)
    run = world.verify(archive)
    assert shown in run.out


def test_names_outside_the_bundle_are_named_and_nothing_is_extracted(world: World) -> None:
    archive = write_archive(
        world,
        bundle_members(world),
        member("../evil.txt", b"evil\n"),
        member("/tmp/exitkit-evil.txt", b"evil\n"),
        member(f"{TOP}/../../evil.txt", b"evil\n"),
    )
    run = world.verify(archive)
    assert "../evil.txt: unexpected (a path outside the bundle)" in run.out
    assert "/tmp/exitkit-evil.txt: unexpected (a path outside the bundle)" in run.out
    assert not Path("/tmp/exitkit-evil.txt").exists()


def test_a_second_manifest_is_named(world: World) -> None:
    fake = member(f"{TOP}/manifest.json", b'{"estate": "other"}')
    run = world.verify(write_archive(world, bundle_members(world), fake))
    assert "manifest.json: unexpected (2 copies)" in run.out


def gzip_bomb(world: World, name: str, size: int) -> Path:
    """The bundle, then a member of `size` zero bytes: gzip members of 64 MiB of zeros each."""
    zeros = gzip.compress(bytes(64 * MIB), compresslevel=9)
    archive = world.root / "bomb.tar.gz"
    head = bundle_members(world, leave_out=(name,)) + header(f"{TOP}/{name}", size)
    with archive.open("wb") as out:
        out.write(gzip.compress(head))
        for _ in range(size // (64 * MIB)):
            out.write(zeros)
    return archive


@pytest.mark.parametrize("name", ["assets/document/runbook/files/runbook.md", "manifest.json"])
def test_a_gzip_bomb_stops_at_a_ceiling(world: World, name: str) -> None:
    archive = gzip_bomb(world, name, 4 * GIB)
    assert archive.stat().st_size < 8 * MIB
    started = time.monotonic()
    run = world.verify(archive)
    assert time.monotonic() - started < 30
    assert "(a gzip bomb?); verify stops reading it" in run.out
    assert f"{name}: unreadable (the archive expands to more than" in run.out


def test_an_oversized_pax_header_is_refused_before_it_is_read(world: World) -> None:
    huge = header("PaxHeaders/x", 1 * GIB, tarfile.XHDTYPE)
    archive = write_archive(world, bundle_members(world), huge, bytes(4096), end=False)
    run = world.verify(archive)
    assert "unreadable (a tar extension header of 1073741824 bytes" in run.out


def test_a_pax_size_beyond_reason_is_refused(world: World) -> None:
    body = b" size=" + b"9" * 400 + b"\n"
    pax = str(len(body) + 3).encode() + body  # 3 digits of length
    archive = write_archive(
        world,
        bundle_members(world),
        header("PaxHeaders/x", len(pax), tarfile.XHDTYPE) + pax + bytes(-len(pax) % 512),
        header(f"{TOP}/extra.txt", 0),
    )
    run = world.verify(archive)
    assert "a pax header holds a size that is not a number" in run.out


@pytest.mark.parametrize("cut", ["gzip", "tar"])
def test_a_truncated_archive_is_named(world: World, cut: str) -> None:
    members = bundle_members(world)
    whole = gzip.compress(members + bytes(1024))
    data = whole[: len(whole) // 2] if cut == "gzip" else gzip.compress(members[:-700])
    archive = world.root / "cut.tar.gz"
    archive.write_bytes(data)
    run = world.verify(archive)
    said = run.out + run.err
    assert "the gzip stream is damaged" in said or "the archive ends in the middle" in said
    assert "cut.tar.gz" in said or "unreadable" in run.out


def test_a_gzip_file_that_holds_no_tar_is_bad_input(world: World) -> None:
    archive = world.root / "notes.tar.gz"
    archive.write_bytes(gzip.compress(b"meeting notes, not a bundle\n"))
    run = world.verify(archive)
    assert run.code == 2
    assert "notes.tar.gz: not a readable .tar.gz archive" in run.err


def test_a_header_with_a_bad_checksum_is_named(world: World) -> None:
    bad = bytearray(header(f"{TOP}/extra.txt", 0))
    bad[0:5] = b"XXXXX"
    archive = write_archive(world, bundle_members(world), bytes(bad))
    run = world.verify(archive)
    assert "unreadable (tar header" in run.out and "bad checksum" in run.out


def test_a_well_formed_archive_made_here_verifies(world: World) -> None:
    """The reader is strict, not blind: the archives above fail for what they hold."""
    from tests.bundle.hostile import run_verify

    archive = write_archive(world, bundle_members(world))
    run = run_verify(archive, listener=world.listener, cwd=world.cwd)
    assert run.code == 0, run
    with tarfile.open(archive) as opened:  # and Python's own reader agrees on the members
        assert all(name.startswith(TOP + "/") for name in opened.getnames())
