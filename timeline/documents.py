"""Reading documents: bytes on disk (or text) → :class:`timeline.model.Document` (stdlib only).

Supported files: plain text (``.txt``), Markdown (``.md``, ``.markdown``) and HTML (``.html``,
``.htm``), UTF-8 encoded (a BOM is dropped). Offsets everywhere are Unicode code points into
``Document.text``:

* plain text and Markdown: ``text`` is the decoded file *after* any front matter
  (``---`` / ``key: value`` lines / ``---`` at the very top), so quotes never include metadata;
  front-matter keys and values are kept in ``metadata``. Markdown markup is left as written.
* HTML: ``text`` is the readable text extracted with :mod:`html.parser` (scripts, styles,
  navigation, headers, footers, asides, forms dropped; block elements become line breaks;
  entities decoded).

The publication date is recorded with how it was found and how sure it is, trying in order:
the ``published`` argument (``cli``, high), front matter (``front-matter``, high), HTML meta
tags / JSON-LD / ``<time>`` in the article (``meta``, high), a KCNA-style stamp
"(2025.10.02.)" (``stamp``, high), a dateline at the start of the body (``dateline``: high
with a year, medium when the year comes from a matching full date elsewhere in the text),
and a "Published: …" / "By … | October 2, 2025" line near the top (``byline``, medium). It is
never taken from the file's mtime, today's date or page furniture (see
:mod:`timeline.furniture`); when nothing sure is found it stays ``None``.

>>> doc = document_from_text("Flood warning issued\\nPyongyang, October 2 (KCNA) -- Rain fell. (2025.10.02.)")
>>> doc.title, doc.published, doc.published_source
('Flood warning issued', datetime.date(2025, 10, 2), 'stamp')
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
import unicodedata
import urllib.parse
from collections.abc import Iterable, Iterator
from datetime import date
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

from timeline.datestrings import parse_date_string
from timeline.decoding import decode_bytes
from timeline.errors import DocumentError, NoDocumentsError
from timeline.furniture import find_furniture
from timeline.inputs import check_text_size, read_limited, walk_files
from timeline.model import Document
from timeline.published import FULL_DATE, infer_published, original_date

__all__ = [
    "DOCUMENT_SUFFIXES",
    "MEDIA_TYPES",
    "display_path",
    "infer_published",
    "document_from_bytes",
    "document_from_text",
    "iter_documents",
    "plan_documents",
    "portable_path",
    "read_planned",
    "read_document",
    "slugify",
]

MEDIA_TYPES: dict[str, str] = {
    ".txt": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".html": "text/html",
    ".htm": "text/html",
}
DOCUMENT_SUFFIXES: tuple[str, ...] = tuple(MEDIA_TYPES)

_HIGH, _MEDIUM = "high", "medium"


# Reading ---------------------------------------------------------------------------------


def read_document(
    path: str | os.PathLike[str], published: date | None = None, doc_id: str | None = None, *, source: str | None = None
) -> Document:
    """Read one document file; raise :class:`DocumentError` with a one-line reason if it cannot be.

    ``published`` overrides any date found in the document; ``doc_id`` defaults to the slug of
    the file name's stem. ``source`` is the document's ``path`` in the graph (default:
    :func:`portable_path` of ``path``); messages name ``path`` as given.
    """
    p = Path(path)
    shown = display_path(path)
    if not p.exists():
        if p.is_symlink():
            if _is_loop(p):
                raise DocumentError(f"{shown}: symbolic link loop")
            raise DocumentError(f"{shown}: broken symbolic link")
        raise DocumentError(f"{shown}: no such file")
    if p.is_dir():
        raise DocumentError(f"{shown}: is a folder, expected a file")
    suffix = p.suffix.lower()
    media_type = MEDIA_TYPES.get(suffix)
    if media_type is None:
        expected = ", ".join(DOCUMENT_SUFFIXES)
        what = f"'{p.suffix}'" if p.suffix else "(no suffix)"
        raise DocumentError(f"{shown}: unsupported file type {what}; expected one of {expected}")
    try:
        raw = read_limited(p, shown)  # regular files only, never past the size limit
    except PermissionError:
        raise DocumentError(f"{shown}: unreadable (permission denied)") from None
    except OSError as exc:
        raise DocumentError(f"{shown}: unreadable ({exc.strerror or exc})") from None
    text, encoding = decode_bytes(raw, shown)
    doc = _build(
        text,
        sha256=hashlib.sha256(raw).hexdigest(),
        path=shown,
        published=published,
        media_type=media_type,
        doc_id=doc_id if doc_id is not None else slugify(p.stem),
    )
    return replace(doc, path=source if source is not None else portable_path(path), encoding=encoding)


def document_from_text(
    text: str,
    *,
    path: str = "<text>",
    published: date | None = None,
    media_type: str = "text/plain",
    doc_id: str | None = None,
) -> Document:
    """Make a :class:`Document` from text already in memory (library use; no file involved).

    ``media_type`` is ``text/plain``, ``text/markdown`` or ``text/html``. The id defaults to
    the slug of ``path``'s stem, or ``doc-`` and a hash prefix for ``"<text>"``.
    """
    if media_type not in MEDIA_TYPES.values():
        valid = ", ".join(sorted(set(MEDIA_TYPES.values())))
        raise DocumentError(f"{path}: unsupported media type {media_type!r}; expected one of {valid}")
    if text.startswith("\ufeff"):
        text = text[1:]
    check_text_size(text, path)
    sha = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    if not text.strip():
        raise DocumentError(f"{path}: empty (no text)")
    if doc_id is None:
        doc_id = f"doc-{sha[:12]}" if path == "<text>" else slugify(Path(path).stem)
    return _build(text, sha256=sha, path=path, published=published, media_type=media_type, doc_id=doc_id)


def document_from_bytes(raw: bytes, *, path: str = "<stdin>", published: date | None = None, media_type: str | None = None) -> Document:
    """Make a :class:`Document` from bytes such as standard input, decoded as a file is.

    Without ``media_type`` the text is HTML when it opens like a page, else plain text.

    >>> document_from_bytes(b"<!DOCTYPE html><title>T</title><p>Rain fell.</p>").media_type
    'text/html'
    """
    text, encoding = decode_bytes(raw, path)
    if media_type is None:
        head = text.lstrip()[:200].lower()
        media_type = "text/html" if head.startswith(("<!doctype html", "<html")) else "text/plain"
    doc = document_from_text(text, path=path, published=published, media_type=media_type)
    return replace(doc, sha256=hashlib.sha256(raw).hexdigest(), encoding=encoding)


class PlannedDocument(NamedTuple):
    """A document file found but not yet read: the path as shown to the user, the path, the id,
    its name in the graph (:func:`portable_path`), and ``problem``: why a folder found on the
    way cannot be read (reported when it is read)."""

    shown: str
    path: Path
    id: str
    source: str = ""
    problem: str | None = None


def iter_documents(
    paths: Iterable[str | os.PathLike[str]], published: date | None = None
) -> Iterator[Document | DocumentError]:
    """Yield a Document for each file named or found (recursively, sorted) in a named folder.

    A file that cannot be read is yielded as a :class:`DocumentError` (not raised) so the
    caller can report it and go on. :class:`NoDocumentsError` is raised, before anything is
    yielded, when a named path does not exist or a named folder holds no documents. Hidden
    files and anything under a hidden folder are skipped inside folders; files with other
    suffixes are skipped inside folders but reported when named. Ids are the slug of the file
    stem; when two files share one, the first in sorted order keeps it and the others get the
    slug of their relative path. One document is in memory at a time.
    """
    for planned in plan_documents(paths):
        yield read_planned(planned, published=published)


def plan_documents(paths: Iterable[str | os.PathLike[str]], *, base_uri: str | None = None) -> list[PlannedDocument]:
    """Every document named or found in a named folder, with its id, before any is read.

    Raises :class:`NoDocumentsError` as :func:`iter_documents` does. Callers that read in
    worker processes, show progress or split a corpus into shards start here. With
    ``base_uri`` a document's name in the graph is that URI joined with its path from the
    folder named (``https://archive.example.org/`` + ``2025/a.md``), else :func:`portable_path`.
    """
    problems: list[PlannedDocument] = []
    found = _expand(paths, problems)
    if base_uri is not None:
        base = base_uri if base_uri.endswith("/") else base_uri + "/"
        found = [(shown, p, key, base + urllib.parse.quote(rel)) for shown, p, key, (_, rel) in found]
    else:
        found = [(shown, p, key, source) for shown, p, key, (source, _) in found]
    sources = {id(p): source for _, p, _, source in found}
    triples = [(shown, p, key) for shown, p, key, _ in found]
    return [PlannedDocument(shown, p, doc_id, sources[id(p)]) for shown, p, doc_id in _assign_ids(triples)] + problems


def read_planned(planned: PlannedDocument, published: date | None = None) -> Document | DocumentError:
    """Read one planned document; a file that cannot be read comes back as a DocumentError."""
    if planned.problem:
        return DocumentError(f"{planned.shown}: {planned.problem}")
    try:
        return read_document(planned.path, published=published, doc_id=planned.id, source=planned.source or None)
    except DocumentError as exc:
        return exc
    except OSError as exc:  # a file that vanished or changed under us
        return DocumentError(f"{planned.shown}: unreadable ({exc.strerror or exc})")


def slugify(name: str) -> str:
    """A lowercase ASCII slug: ``"Report 2025 (UN).txt"`` → ``"report-2025-un-txt"``.

    >>> slugify("Köln Report_2025")
    'koln-report-2025'
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    if slug:
        return slug
    digest = hashlib.sha1(name.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"doc-{digest}"


def _expand(paths: Iterable[str | os.PathLike[str]], problems: list[PlannedDocument]) -> list[tuple[str, Path, str, tuple[str, str]]]:
    """(shown path, path, relative key, (name in the graph, path from the folder named)) for
    every document, in order; raise on bad names. Folders that cannot be listed go to ``problems``."""
    out: list[tuple[str, Path, str, tuple[str, str]]] = []
    seen: set[str] = set()
    for named in paths:
        root = Path(named)
        if not root.exists() and not root.is_symlink():
            raise NoDocumentsError(f"{display_path(named)}: no such file or folder")
        if not root.is_dir():
            key = _real(root)
            if key not in seen:
                seen.add(key)
                out.append((display_path(named), root, root.as_posix(), (portable_path(named), display_path(root.name))))
            continue
        inside: list[tuple[tuple[str, ...], Path]] = []
        for found, problem in walk_files(root, lambda name: Path(name).suffix.lower() in MEDIA_TYPES):
            if problem:
                problems.append(PlannedDocument(display_path(found), Path(found), "", "", problem))
            else:
                full = Path(found)
                inside.append((full.relative_to(root).parts, full))
        if not inside:
            why = f"{problems[-1].problem}" if problems and problems[-1].path == root else (
                f"no documents in this folder (looked for {', '.join(DOCUMENT_SUFFIXES)})")
            raise NoDocumentsError(f"{display_path(named)}: {why}")
        folders: dict[str, str | None] = {}
        for parts, full in sorted(inside):
            key = _real_in(full, folders)
            if key not in seen:
                seen.add(key)
                where = (portable_path(full, root=root, inside=parts), display_path("/".join(parts)))
                out.append((display_path(full), full, full.as_posix(), where))
    return out


def portable_path(path: str | os.PathLike[str], *, root: Path | None = None, inside: tuple[str, ...] = ()) -> str:
    """How a document is named in messages and in the graph (``dcterms:source``): the path as
    typed when it is relative and stays inside the working folder, else the path from the input
    root (``root``, a named folder, with ``inside`` the parts below it) starting with that
    folder's name, or the file name alone — never an absolute path of the user's machine.

    >>> portable_path("/home/ana/archive/2025/a.md", root=Path("/home/ana/archive"), inside=("2025", "a.md"))
    'archive/2025/a.md'
    >>> portable_path("/home/ana/notes.txt"), portable_path("examples/a.md")
    ('notes.txt', 'examples/a.md')
    """
    typed = Path(path)
    if not typed.is_absolute() and ".." not in typed.parts:
        return display_path(path)
    if root is not None and inside:
        name = root.name if root.name and root.name != ".." else Path(os.path.abspath(root)).name
        return display_path(Path(name, *inside).as_posix() if name else Path(*inside).as_posix())
    return display_path(typed.name or os.fspath(path))


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def display_path(path: str | os.PathLike[str]) -> str:
    """``path`` as one printable line of valid Unicode, for messages and ``Document.path``.

    Bytes that are not UTF-8 (kept by the OS as lone surrogates) and control characters such
    as a line break in a file name are written as backslash escapes.

    >>> display_path("bad\\nname.txt"), display_path("caf\\udce9.txt")
    ('bad\\\\x0aname.txt', 'caf\\\\xe9.txt')
    """
    text = os.fspath(path)
    if isinstance(text, bytes):
        text = os.fsdecode(text)
    try:
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate the OS did not make: escape it as a code point
        text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return _UNPRINTABLE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text)


def _real(p: Path) -> str:
    """The file a path names, to read it once; a broken or looping link stays itself (reported)."""
    try:
        return str(p.resolve(strict=True))
    except (OSError, RuntimeError):  # missing target, or a symlink loop (RuntimeError before 3.13)
        return str(p.absolute())


def _real_in(p: Path, folders: dict[str, str | None]) -> str:
    """:func:`_real` of a file found in a folder, resolving each folder once (``folders`` keeps
    them): a file that is not a link is its folder, resolved, and its name."""
    try:
        if stat.S_ISLNK(os.lstat(p).st_mode):
            return _real(p)
    except OSError:
        return _real(p)
    parent = os.path.dirname(p)
    if parent not in folders:
        try:
            folders[parent] = os.path.realpath(parent, strict=True)
        except (OSError, RuntimeError):
            folders[parent] = None
    real = folders[parent]
    return _real(p) if real is None else os.path.join(real, p.name)


def _is_loop(p: Path) -> bool:
    try:
        os.stat(p)
    except OSError as exc:
        return exc.errno == errno.ELOOP
    return False


def _assign_ids(found: list[tuple[str, Path, str]]) -> Iterator[tuple[str, Path, str]]:
    by_stem: dict[str, list[int]] = {}
    for i, (_, p, _) in enumerate(found):
        by_stem.setdefault(slugify(p.stem), []).append(i)
    ids: list[str] = [""] * len(found)
    used: set[str] = set()
    for stem, members in by_stem.items():
        members.sort(key=lambda i: found[i][2])
        ids[members[0]] = stem
        used.add(stem)
    for stem, members in by_stem.items():
        for i in members[1:]:
            candidate = slugify(str(Path(found[i][2]).with_suffix("")))
            n = 2
            base = candidate
            while candidate in used:
                candidate = f"{base}-{n}"
                n += 1
            ids[i] = candidate
            used.add(candidate)
    for (shown, p, _), doc_id in zip(found, ids):
        yield shown, p, doc_id


# Building --------------------------------------------------------------------------------


def _build(
    text: str, *, sha256: str, path: str, published: date | None, media_type: str, doc_id: str
) -> Document:
    metadata: tuple[tuple[str, str], ...] = ()
    title: str | None = None
    stamps: tuple[tuple[int, int, date], ...] = ()
    found: tuple[date, str, str] | None = None
    warnings: list[str] = []
    if media_type == "text/html":
        from timeline.htmlpage import extract_html  # only HTML needs the page reader

        try:
            page = extract_html(text)
        except DocumentError as exc:
            raise DocumentError(f"{path}: {exc}") from None
        text = page.text
        title = page.title
        metadata = page.metadata
        stamps = page.stamps
        if page.published:
            when = parse_date_string(page.published)
            if when is not None:
                found = (when, "meta", _HIGH)
        if not text.strip():
            raise DocumentError(f"{path}: no readable text in this HTML page")
    else:
        fm = _front_matter(text)
        if fm is not None:
            metadata, text = fm
            keys = {k.lower(): v for k, v in metadata}
            for key in ("published", "datepublished", "date_published", "date", "pubdate"):
                value = keys.get(key)
                if value:
                    when = parse_date_string(value)
                    if when is None:  # the document is still read, dated as if the field were absent
                        warnings.append(f"{path}: front matter {key}: {value!r} is not a full date (expected e.g. "
                                        "2025-10-02); read without it")
                        continue
                    found = (when, "front-matter", _HIGH)
                    break
            title = keys.get("title") or None
            if not text.strip():
                raise DocumentError(f"{path}: empty (front matter but no text)")
    noise = tuple(find_furniture(text))
    body_start = 0
    heading = _title_line(text, markdown=media_type == "text/markdown")
    if heading is not None:
        line, body_start = heading
        if title is None:
            title = line
    elif media_type == "text/html" and title:
        body_start = _skip_leading(text, title)
    if published is not None:
        found = (published, "cli", _HIGH)
    if found is None:
        found = infer_published(text, noise, body_start=body_start)
    elif found[1] != "cli" and (original := original_date(text, noise, body_start=body_start)) is not None and original < found[0]:
        found = (original, "original", _MEDIUM)  # a repost: the page's metadata dates the copy, not the text
    when, source, confidence = found if found else (None, None, None)
    return Document(
        id=doc_id,
        path=path,
        text=text,
        sha256=sha256,
        media_type=media_type,
        title=title,
        published=when,
        published_source=source,
        published_confidence=confidence,
        metadata=metadata,
        body_start=body_start,
        noise=noise,
        warnings=tuple(warnings),
        stamps=stamps,
    )


_FM_LINE = re.compile(r"^([A-Za-z_][\w.-]*)\s*:(.*)$")  # the value stripped after: "(.*?)\s*$" was quadratic


def _front_matter(text: str) -> tuple[tuple[tuple[str, str], ...], str] | None:
    """``(metadata, body)`` when ``text`` opens with a ``---`` front-matter block, else None."""
    if not text.startswith("---"):
        return None
    first_end = text.find("\n")
    if first_end < 0 or text[:first_end].strip() != "---":
        return None
    items: list[tuple[str, str]] = []
    pos = first_end + 1
    while pos <= len(text):
        end = text.find("\n", pos)
        if end < 0:
            end = len(text)
        line = text[pos:end].rstrip("\r")
        if line.strip() in ("---", "..."):
            return tuple(items), text[end + 1 :] if end < len(text) else ""
        m = _FM_LINE.match(line)
        if m:
            value = m.group(2).strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            items.append((m.group(1), value))
        elif line.strip() and not line.startswith((" ", "\t", "-", "#")):
            return None  # not YAML-like: treat the whole file as text
        if end >= len(text):
            break
        pos = end + 1
    return None  # no closing line: not front matter


_SENTENCE_END = re.compile(r"[.!?;:,]['\"”’)]*$")


def _title_line(text: str, *, markdown: bool) -> tuple[str, int] | None:
    """The first line as a title (a Markdown ``# `` heading or a short headline-like line)."""
    m = re.match(r"\s*([^\n]*)(\n|$)", text)
    if m is None:
        return None
    line = m.group(1).strip()
    if not line:
        return None
    end = m.end()
    if markdown and line.startswith("# "):
        title = line[2:].strip().rstrip("#").strip()
    elif (
        len(line) <= 200
        and len(line.split()) <= 25
        and not _SENTENCE_END.search(line)
        and not FULL_DATE.match(line)
        and not re.match(r"(?:https?://|www\.|by\s)", line, re.I)
    ):
        if line.startswith("#") and not markdown:
            return None
        title = line.lstrip("#").strip() if markdown else line
    else:
        return None
    if not title or end >= len(text.rstrip()):
        return None  # a single-line document is all body
    while end < len(text) and text[end].isspace():
        end += 1
    return title, end


def _skip_leading(text: str, title: str) -> int:
    stripped = text.lstrip()
    if stripped.startswith(title):
        pos = len(text) - len(stripped) + len(title)
        while pos < len(text) and text[pos].isspace():
            pos += 1
        return pos
    return 0
