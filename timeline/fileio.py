"""Atomic writes: output appears whole or not at all (see :mod:`timeline.outputs` for where)."""

from __future__ import annotations

import os
import tempfile

from .outputs import remove_stale_temps, temp_prefix, write_target


def atomic_write(path: str | os.PathLike[str], data: str | bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    Text is written as UTF-8 whatever the locale. A failure, or a signal the command line turns
    into an exception (SIGINT, SIGTERM), leaves no partial file behind; temporary files of
    killed runs are removed. A symbolic link is written through; a FIFO or device is refused.
    """
    target = write_target(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(target)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=temp_prefix(target), suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
