"""The files of a bundle folder, reached without following anything out of it.

Every path is walked one name at a time from the bundle folder with O_NOFOLLOW, so neither a
symbolic link nor a linked folder on the way leads elsewhere; what is opened must be a regular
file with one name (a hard link may be another name of a file outside), checked before and
after opening, and the open never waits (O_NONBLOCK), so a FIFO cannot hang verify.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from exitkit.errors import ExitkitError

_DIRECTORY = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
_FILE = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC
_KINDS = {
    stat.S_IFLNK: "symbolic link",
    stat.S_IFIFO: "FIFO",
    stat.S_IFSOCK: "socket",
    stat.S_IFCHR: "character device",
    stat.S_IFBLK: "block device",
    stat.S_IFDIR: "directory",
}


class Refused(ExitkitError):
    """A file verify will not read, and why: `detail` is written for the auditor."""

    exit_code = 1

    def __init__(self, path: str, detail: str) -> None:
        super().__init__(f"{path}: {detail}")
        self.path = path
        self.detail = detail


def kind_of(status: os.stat_result) -> str:
    """ "file" for a regular file with one name, else what it is."""
    if stat.S_ISREG(status.st_mode):
        return "file" if status.st_nlink == 1 else "hard link"
    return _KINDS.get(stat.S_IFMT(status.st_mode), "special file")


def describe(kind: str) -> str:
    """Why a member of this kind is not read, in words for the auditor."""
    if kind == "hard link":
        return "a hard link, not a file of its own: it may be a file outside the bundle"
    if kind in ("symbolic link", "sparse file"):
        return f"a {kind}, not a regular file; verify follows no link"
    return f"a {kind}, not a regular file"


class Folder:
    """A bundle folder held open; paths are bundle-relative POSIX paths."""

    def __init__(self, root: Path) -> None:
        self.fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)

    def close(self) -> None:
        os.close(self.fd)

    def _directory(self, parts: list[str], path: str) -> int:
        """An fd of the folder `parts`, each opened without following a link."""
        fd = os.dup(self.fd)
        for depth, part in enumerate(parts):
            try:
                child = os.open(part, _DIRECTORY, dir_fd=fd)
            except OSError as error:
                os.close(fd)
                raise _refusal(error, path, "/".join(parts[: depth + 1])) from None
            os.close(fd)
            fd = child
        return fd

    def lstat(self, path: str) -> os.stat_result:
        *folders, name = path.split("/")
        fd = self._directory(folders, path)
        try:
            return os.stat(name, dir_fd=fd, follow_symlinks=False)
        except OSError as error:
            raise _refusal(error, path, path) from None
        finally:
            os.close(fd)

    def open(self, path: str) -> BinaryIO:
        """A regular file of the bundle, opened for reading; Refused when it is anything else."""
        *folders, name = path.split("/")
        fd = self._directory(folders, path)
        try:
            before = os.stat(name, dir_fd=fd, follow_symlinks=False)
            if kind_of(before) != "file":
                raise Refused(path, describe(kind_of(before)))
            handle = os.open(name, _FILE, dir_fd=fd)
        except OSError as error:
            raise _refusal(error, path, path) from None
        finally:
            os.close(fd)
        after = os.fstat(handle)
        if kind_of(after) != "file" or (after.st_dev, after.st_ino) != (
            before.st_dev,
            before.st_ino,
        ):
            os.close(handle)
            raise Refused(path, "replaced while verify was reading it")
        return os.fdopen(handle, "rb")

    def walk(self, limit: int) -> Iterator[tuple[str, os.stat_result]]:
        """Every entry that is not a folder, with its lstat; folders are entered, links are not."""
        pending, seen = [""], 0
        while pending:
            prefix = pending.pop()
            fd = self._directory(prefix.split("/")[:-1] if prefix else [], prefix)
            try:
                with os.scandir(fd) as entries:
                    for entry in entries:
                        seen += 1
                        if seen > limit:
                            raise Refused(".", f"holds more than {limit} files and folders")
                        status = entry.stat(follow_symlinks=False)
                        if stat.S_ISDIR(status.st_mode):
                            pending.append(f"{prefix}{entry.name}/")
                        else:
                            yield prefix + entry.name, status
            finally:
                os.close(fd)


def _refusal(error: OSError, path: str, where: str) -> OSError | Refused:
    """FileNotFoundError for what is not there; Refused, naming the link, for the rest."""
    if error.errno in (errno.ENOENT, errno.ENOTDIR):
        return FileNotFoundError(errno.ENOENT, "not in the bundle", path)
    if error.errno == errno.ELOOP:
        return Refused(path, f"{where} is a symbolic link; verify follows no link")
    if error.errno == errno.ENXIO:
        return Refused(path, "a socket, not a regular file")
    return Refused(path, f"cannot be read ({error.strerror})")
