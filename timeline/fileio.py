"""Atomic writes: output appears whole or not at all (see :mod:`timeline.outputs` for where)."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from .outputs import remove_stale_temps, temp_prefix, write_target


def atomic_write(path: str | os.PathLike[str], data: str | bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    Text is written as UTF-8 whatever the locale. A failure, or a signal the command line turns
    into an exception (SIGINT, SIGTERM), leaves no partial file behind; temporary files of
    killed runs are removed. A symbolic link is written through; a FIFO or device is refused.
    The file gets the permissions a plain ``open()`` would give it (0666 less the umask), or
    keeps those of the file it replaces.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with atomic_output(path) as handle:
        handle.write(payload)


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """A binary file to stream into that appears at ``path`` whole when the block ends, or
    not at all (the temporary file beside it is removed on any failure or signal; those of killed
    runs are removed), with the same rules as :func:`atomic_write`."""
    target = write_target(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(target)
    fd, tmp = tempfile.mkstemp(prefix=temp_prefix(target), suffix=".tmp", dir=target.parent)
    try:
        os.fchmod(fd, _mode_for(target))
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _mode_for(target: Path) -> int:
    """The mode of the file ``target`` replaces, else 0666 less the process's umask."""
    try:
        current = os.stat(target)
    except OSError:
        current = None
    if current is not None and stat.S_ISREG(current.st_mode):
        return stat.S_IMODE(current.st_mode)
    return 0o666 & ~_umask()


def _umask() -> int:
    try:  # Linux: read it without changing it
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
