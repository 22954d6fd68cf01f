"""Where output may be written, and the temporary files of atomic writes (stdlib only).

An output path is refused, before any work is done, when it names something that is not a
regular file (a FIFO would block the writer, a device would be replaced by a regular file) or
one of the run's own inputs (``-o article.txt`` would overwrite the article). A symbolic link
to a regular file is written through: the link stays and its target is replaced atomically.

Atomic writes go through ``.NAME.PID.RANDOM.tmp`` beside the output. A run killed outright
(SIGKILL, power loss) cannot remove its own; the next write to the same output removes every
such file whose process is gone.

>>> check_output("out/graph.ttl", ["examples"])  # a new file: fine
"""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Iterable
from pathlib import Path

from timeline.errors import TimelineError
from timeline.inputs import kind_of

__all__ = ["check_output", "remove_stale_temps", "temp_prefix", "write_target"]

_DOCUMENT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm"})  # documents.MEDIA_TYPES
_LEGACY_AGE = 3600  # seconds: temp files without a pid (older versions) count as stale after an hour


class OutputError(TimelineError):
    """Raised when an output path names a device, a FIFO, a folder or one of the inputs."""


def _shown(path: str | os.PathLike[str]) -> str:
    from timeline.documents import display_path

    return display_path(path)


def check_output(path: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str]] = ()) -> None:
    """Refuse (OutputError) an output path that is not a regular file or is one of ``inputs``.

    ``inputs`` are the files and folders the run reads; an existing file under an input folder
    that the run would read as a document counts as an input too.
    """
    target = Path(path)
    try:
        info = os.stat(target)
    except FileNotFoundError:
        return  # a new file (or a dangling link, written through to its target)
    except OSError as error:
        raise OutputError(f"{_shown(target)}: cannot write output there ({error.strerror or error})") from None
    kind = kind_of(info.st_mode)
    if kind is not None:
        raise OutputError(f"{_shown(target)}: is {kind}; refusing to write output there")
    real = target.resolve()
    for named in inputs:
        try:
            other = os.stat(named)
        except OSError:
            continue
        if stat.S_ISREG(other.st_mode) and (other.st_dev, other.st_ino) == (info.st_dev, info.st_ino):
            raise OutputError(f"{_shown(target)}: is one of the input files; refusing to overwrite it")
        if stat.S_ISDIR(other.st_mode) and _read_from(real, Path(named).resolve()):
            raise OutputError(f"{_shown(target)}: is a document inside the input folder {_shown(named)}; refusing to overwrite it")


def _read_from(real: Path, folder: Path) -> bool:
    """Whether a walk of ``folder`` reads the file ``real`` as a document."""
    try:
        parts = real.relative_to(folder).parts
    except ValueError:
        return False
    return real.suffix.lower() in _DOCUMENT_SUFFIXES and not any(p.startswith(".") for p in parts)


def write_target(path: str | os.PathLike[str]) -> Path:
    """The file an atomic write replaces: ``path``, or the file a symbolic link there points to.

    Raises OutputError when that is a FIFO, a device, a socket or a folder.
    """
    target = Path(path)
    if target.is_symlink():
        try:
            target = target.resolve()  # write through the link
        except (OSError, RuntimeError):  # RuntimeError: a loop, before Python 3.13
            raise OutputError(f"{_shown(path)}: symbolic link loop; refusing to write output there") from None
    check_output(target)
    return target


def temp_prefix(target: Path) -> str:
    """The prefix of this process's temporary files for ``target``."""
    return f".{target.name}.{os.getpid()}."


def remove_stale_temps(target: Path) -> int:
    """Remove the temporary files left beside ``target`` by runs that were killed; the count.

    A folder is listed once per process (a store writes thousands of files into one folder).
    """
    removed = 0
    head = f".{target.name}."
    for name in _temp_names(target.parent):
        if not name.startswith(head):
            continue
        pid, _, rest = name[len(head) : -len(".tmp")].partition(".")
        path = target.parent / name
        try:
            if pid.isdigit() and rest and "." not in rest:
                stale = not _alive(int(pid))
            elif len(pid) == 8 and not rest:  # an older version's name, without a pid
                stale = time.time() - path.lstat().st_mtime > _LEGACY_AGE
            else:
                continue
            if stale and path.is_file() and not path.is_symlink():
                path.unlink()
                removed += 1
        except OSError:
            continue
    return removed


_LISTED: dict[str, list[str]] = {}


def _temp_names(folder: Path) -> list[str]:
    key = os.path.abspath(folder)
    names = _LISTED.get(key)
    if names is None:
        try:
            names = [e.name for e in os.scandir(folder) if e.name.startswith(".") and e.name.endswith(".tmp")]
        except OSError:
            names = []
        _LISTED[key] = names
    return names


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):
        return False
    except PermissionError:  # another user's live process
        return True
    return True
