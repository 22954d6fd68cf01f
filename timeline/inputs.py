"""What may be read as a document: regular files only, and none larger than the size limit.

A FIFO would block a run forever, a device such as ``/dev/zero`` never ends, and a socket
cannot be read at all, so anything that is not a regular file (after following symbolic
links) is refused with one line naming it, before it is opened. Folders are walked without
following symbolic links to folders (no loop can form), and a folder that cannot be listed is
reported instead of silently skipped.

The size limit keeps one hostile or mistaken file (a 200 MB log, a single 50 MB line) from
taking a run's time and memory: a document larger than :func:`max_document_bytes` is refused
with one line and the others are processed. The default is 10 MiB (a long report as plain
text is about 1–2 MB); set ``TIMELINE_MAX_DOCUMENT_SIZE`` (e.g. ``50M``, ``500k``, ``0`` for
no limit) or ``timeline --max-size`` to change it. A file is never read past the limit, even
when it grows while being read or its size is not known in advance.

>>> parse_size("10M"), parse_size("500k"), parse_size("1234")
(10485760, 512000, 1234)
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Iterator

from timeline.errors import DocumentError, TimelineError

__all__ = [
    "DEFAULT_MAX_DOCUMENT_BYTES",
    "ENV_MAX_SIZE",
    "check_regular",
    "format_size",
    "max_document_bytes",
    "parse_size",
    "read_limited",
    "walk_files",
]

DEFAULT_MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
ENV_MAX_SIZE = "TIMELINE_MAX_DOCUMENT_SIZE"

_UNITS = {"": 1, "b": 1, "k": 1024, "kb": 1024, "kib": 1024, "m": 1024**2, "mb": 1024**2, "mib": 1024**2,
          "g": 1024**3, "gb": 1024**3, "gib": 1024**3}  # fmt: skip
_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)


def parse_size(text: str) -> int:
    """Bytes from ``"10M"``, ``"500k"``, ``"2GiB"`` or a plain number; ``0`` means no limit."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([A-Za-z]*)\s*", text)
    if match is None or match.group(2).lower() not in _UNITS:
        raise TimelineError(f"size {text!r}: expected a number of bytes with an optional unit, e.g. 10M or 500k")
    return int(float(match.group(1)) * _UNITS[match.group(2).lower()])


def format_size(n: int) -> str:
    """``10485760`` → ``"10 MiB"``; ``1536`` → ``"1.5 KiB"``."""
    for unit, size in (("GiB", 1024**3), ("MiB", 1024**2), ("KiB", 1024)):
        if n >= size:
            return f"{n / size:.1f}".rstrip("0").rstrip(".") + f" {unit}"
    return f"{n} bytes"


def max_document_bytes() -> int | None:
    """The size limit per document in bytes (None: no limit), from ``TIMELINE_MAX_DOCUMENT_SIZE``."""
    value = os.environ.get(ENV_MAX_SIZE, "").strip()
    limit = parse_size(value) if value else DEFAULT_MAX_DOCUMENT_BYTES
    return limit or None


def kind_of(mode: int) -> str | None:
    """What a file mode names when it is not a regular file (``"a FIFO (named pipe)"``…), else None."""
    for test, name in _KINDS:
        if test(mode):
            return name
    return None if stat.S_ISREG(mode) else "not a regular file"


def check_regular(path: str | os.PathLike[str], shown: str) -> os.stat_result:
    """The status of ``path`` (symbolic links followed); DocumentError unless a regular file.

    Never opens the file, so a FIFO cannot block and a device is never read.
    """
    info = os.stat(path)
    kind = kind_of(info.st_mode)
    if kind is not None:
        raise DocumentError(f"{shown}: is {kind}, not a regular file; skipped")
    return info


def too_large(shown: str, size: int | None, limit: int) -> DocumentError:
    what = f"{format_size(size)}" if size is not None else "more than the limit"
    return DocumentError(
        f"{shown}: too large ({what}; the limit is {format_size(limit)} per document, "
        f"set {ENV_MAX_SIZE} or --max-size to change it); skipped"
    )


def read_limited(path: str | os.PathLike[str], shown: str, limit: int | None = None) -> bytes:
    """The bytes of a regular file, refusing (DocumentError) anything else or anything over ``limit``.

    The file is opened without blocking (a FIFO swapped in after the check cannot hang the
    run), checked again on the open handle, and never read past ``limit`` + 1 bytes.
    """
    limit = max_document_bytes() if limit is None else limit
    info = check_regular(path, shown)
    if limit and info.st_size > limit:
        raise too_large(shown, info.st_size, limit)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as handle:
        kind = kind_of(os.fstat(fd).st_mode)
        if kind is not None:
            raise DocumentError(f"{shown}: is {kind}, not a regular file; skipped")
        data = handle.read(limit + 1) if limit else handle.read()
    if limit and len(data) > limit:
        raise too_large(shown, None, limit)
    return data


def check_text_size(text: str, shown: str) -> None:
    """DocumentError when text already in memory is over the limit (counted in characters)."""
    limit = max_document_bytes()
    if limit and len(text) > limit:
        raise too_large(shown, len(text), limit)


def walk_files(root: str | os.PathLike[str], keep: Callable[[str], bool]) -> Iterator[tuple[str, str | None]]:
    """``(path, problem)`` for every file under ``root`` whose name ``keep`` accepts.

    Hidden files and folders are skipped; symbolic links to folders are not followed (no loop);
    a folder that cannot be listed comes out as ``(folder, "cannot list this folder (…)")``.
    Order: sorted by path within each folder, folders depth-first.
    """
    problems: list[tuple[str, str]] = []

    def report(error: OSError) -> None:
        reason = error.strerror or str(error)
        problems.append((os.fspath(error.filename or root), f"cannot list this folder ({reason}); skipped"))

    for folder, dirs, files in os.walk(root, onerror=report):
        yield from _drain(problems)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and keep(name):
                yield os.path.join(folder, name), None
    yield from _drain(problems)


def _drain(problems: list[tuple[str, str]]) -> Iterator[tuple[str, str | None]]:
    while problems:
        yield problems.pop(0)
