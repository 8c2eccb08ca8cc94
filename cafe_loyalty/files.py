"""Writing the files an owner asks for (cards, exports, backups): whole or not at all, and never
over something that is not a file.

A file appears under its name only when complete (written beside it under a temporary name,
synced, then renamed), so a full disk or a pulled USB stick leaves no half file. The rename
would replace *whatever* has that name, so a target that exists and is not a regular file (a
folder, a device such as ``/dev/full``, a socket, a link) is refused before anything is written.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from .errors import StorageError, ValidationError


def check_target(path: str | Path) -> Path:
    """``path`` if a file may be written there: a new name, or an existing regular file."""
    path = Path(path)
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return path
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            raise ValidationError("The file name is too long: {name}…", name=path.name[:40]) from exc
        raise StorageError("Cannot use {file}: {reason}.", file=path, reason=exc.strerror or exc) from exc
    if not stat.S_ISREG(info.st_mode):
        raise ValidationError(
            "{file} exists and is not an ordinary file (a folder, device or link); choose another name.", file=path
        )
    return path


def atomic_write(path: str | Path, save: Callable[[Path], object]) -> Path:
    """Write ``path`` through ``save(temporary_path)``, then move it into place."""
    path = check_target(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=".", suffix=path.suffix[:16], dir=path.parent)
        os.close(fd)
    except OSError as exc:
        raise StorageError("Cannot write to {folder}: {reason}.", folder=path.parent, reason=exc.strerror) from exc
    tmp = Path(tmp_name)
    try:
        save(tmp)
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StorageError(
            "Could not save {file}: {reason}. Nothing was written.", file=path.name[:60], reason=exc.strerror or exc
        ) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path
