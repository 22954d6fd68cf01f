"""A store folder's lock and its ingest-in-progress mark (stdlib only).

- **Lock**: ``STORE/lock``, an advisory ``flock``: readers share it, an ingest holds it alone.
  A reader opens it read-only when it cannot write (a store on a read-only disk or owned by
  someone else can still be queried), and reads without a lock when the lock file cannot even
  be created there (nobody can be writing such a store through timeline either).
- **Who holds it**: the message when the store is busy names the process that holds the lock
  now, from the kernel's lock table (``/proc/locks``), never a pid left in the file by a run
  that has ended.
- **Ingest mark**: ``STORE/ingest-running`` is written when an ingest starts and removed when
  it has finished; a query that finds it (while nothing holds the lock) says that the last
  ingest did not finish, so its answers are from before that ingest.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import time
from pathlib import Path
from typing import IO, Any

from timeline.errors import StoreError

__all__ = ["acquire", "finish_ingest", "holders", "mark_ingest", "release", "unfinished_ingest"]

MARK = "ingest-running"
_READ_ONLY = (errno.EACCES, errno.EPERM, errno.EROFS)


def acquire(path: Path, exclusive: bool) -> IO[str] | None:
    """Take the store's lock (shared or exclusive, never waiting); the open lock file, or None
    for a reader of a store where no lock file can be made. Raises StoreError when busy."""
    if exclusive:
        path.mkdir(parents=True, exist_ok=True)
    try:
        handle = open(path / "lock", "a+", encoding="utf-8")  # noqa: SIM115 - held until release()
    except OSError as error:
        if exclusive or error.errno not in _READ_ONLY + (errno.ENOENT,):
            raise StoreError(f"{path}: cannot lock the store ({error.strerror or error})") from None
        try:
            handle = open(path / "lock", encoding="utf-8")  # noqa: SIM115 - a read-only store
        except OSError:
            return None
    try:
        fcntl.flock(handle, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
    except BlockingIOError:
        who = _holder_text(handle)
        handle.close()
        if exclusive:
            raise StoreError(f"{path}: the store is in use by another process{who}; wait for it to finish") from None
        raise StoreError(f"{path}: an ingest is writing to the store{who}; query it when it has finished") from None
    if exclusive:
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
    return handle


def release(handle: IO[str] | None, exclusive: bool) -> None:
    """Let go of the lock; an ingest's pid is cleared from the file first."""
    if handle is None:
        return
    try:
        if exclusive:
            handle.seek(0)
            handle.truncate()
            handle.flush()
        fcntl.flock(handle, fcntl.LOCK_UN)
    except OSError:
        pass
    finally:
        handle.close()


def holders(handle: IO[str]) -> list[tuple[int, str]]:
    """``(pid, "READ"|"WRITE")`` of the processes holding a lock on ``handle``'s file now."""
    info = os.fstat(handle.fileno())
    key = f"{os.major(info.st_dev):02x}:{os.minor(info.st_dev):02x}:{info.st_ino}"
    found: list[tuple[int, str]] = []
    try:
        with open("/proc/locks", encoding="ascii", errors="replace") as table:
            for line in table:
                fields = line.split()
                if "->" in fields:  # a waiter, not a holder
                    continue
                if len(fields) >= 6 and fields[5] == key and fields[4].isdigit():
                    found.append((int(fields[4]), fields[3]))
    except OSError:
        pass
    return found


def _holder_text(handle: IO[str]) -> str:
    live = [(pid, mode) for pid, mode in holders(handle) if pid != os.getpid() and pid > 0]
    if live:
        pid, mode = live[0]
        return f" (pid {pid}, {'an ingest' if mode == 'WRITE' else 'a reader'})"
    handle.seek(0)
    written = handle.read().strip()
    if written.isdigit() and _alive(int(written)):
        return f" (pid {written})"
    return ""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):
        return False
    except PermissionError:
        return True
    return True


def mark_ingest(path: Path) -> None:
    """Record that an ingest into ``path`` has started (removed by :func:`finish_ingest`)."""
    from timeline.fileio import atomic_write

    atomic_write(path / MARK, json.dumps({"pid": os.getpid(), "started": time.strftime("%Y-%m-%d %H:%M:%S")}))


def finish_ingest(path: Path) -> None:
    (path / MARK).unlink(missing_ok=True)


def unfinished_ingest(path: Path) -> str | None:
    """A warning when the last ingest into ``path`` did not finish, else None."""
    try:
        data: Any = json.loads((path / MARK).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        data = {}
    started = data.get("started", "?") if isinstance(data, dict) else "?"
    return (f"{path}: the last ingest (started {started}) did not finish; the store holds what was there "
            f"before it — run the ingest again")  # fmt: skip
