"""The two things that stop a whole export run: a full disk, and another export in the folder."""

from __future__ import annotations

import errno
import fcntl
import os
import shutil
from pathlib import Path
from typing import IO

from exitkit.bundle.verify_text import size_text
from exitkit.errors import BundleError

NO_SPACE = frozenset({errno.ENOSPC, errno.EDQUOT})
LOCK = "lock"  # under .partial/: held by the export writing the folder


class DiskFull(BundleError):
    """No space left where the bundle is written: the run stops, what it finished is kept."""

    exit_code = 1


def is_full(error: OSError) -> bool:
    return error.errno in NO_SPACE


def disk_full(path: Path, needed: int | None) -> DiskFull:
    """One line: where, how much the write needs, how much is free, what to do."""
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    free = shutil.disk_usage(folder).free
    need = f"needs {size_text(needed)}" if needed is not None else "needs more"
    return DiskFull(
        f"{path}: no space left on the device: this file {need}, {size_text(free)} free; "
        "free space (or choose another --out) and run the export again: "
        "the assets already exported are kept"
    )


def lock_folder(partial: Path, root: Path) -> IO[str]:
    """Hold the folder's lock for this run; a second export into it is refused at once."""
    handle = (partial / LOCK).open("a+")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        holder = handle.read().strip() or "?"
        handle.close()
        raise BundleError(
            f"{root}: another export is writing this bundle (process {holder}); wait for it "
            "to finish, or export into another --out"
        ) from None
    handle.seek(0)
    handle.truncate()
    handle.write(str(os.getpid()))
    handle.flush()
    return handle
