"""Kept rows of named queries: a store's answers to its shipped queries, kept as JSON in
``results/`` (never pickle: a store folder may come from elsewhere) and read back in
milliseconds.

- A file per query and bindings (:func:`kept_path`) holds the columns, each as its distinct
  values (with how to rebuild them) and each row's index into them — the form
  :mod:`timeline.rowtext` writes text from without building a value per row — the query text,
  and the *stamp* of the store state it answers (``state.json``'s ``stamp``, new after every
  ingest that changed something). A file whose stamp is not the store's is not read.
- Rows are kept in a canonical order: the query's ORDER BY, ties broken by the whole row, and
  the pieces of a ``GROUP_CONCAT`` sorted (SPARQL leaves both to the engine), so the same store
  gives the same rows however they were reached.
- An ingest refreshes kept rows where it touched them (:mod:`timeline.keptrefresh`): the rows of
  the events, actors or event classes it changed (:data:`ANCHORS`) are taken out and put back
  as they are now (:func:`refreshed`); everything else stays as it was.
- :func:`kept_answer` is what ``timeline query --store S NAME`` runs first: it reads the kept
  rows and streams their text with nothing but the standard library, or says there are none.
"""

from __future__ import annotations

import gc
import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from .results import IRI, Blank, Text
from .roworder import code_only, followable, order_of, ordered
from .roworder import row_key as _row_key
from .roworder import sort_key as _sort_key
from .rowtext import Columns, pages

KEPT_FORMAT = 4
KEPT_FILES = 64  # the oldest go first (in-range with many ranges)
STATE_VERSION = 4  # timeline.store's index format, read here without importing it

ANCHORS: dict[str, tuple[str, str]] = {
    "actors": ("actor", "actor"),
    "contested": ("event", "event"),
    "events": ("event", "event"),
    "in-range": ("event", "event"),
    "per-type-year": ("class", "class"),
    "repatriations": ("event", "event"),
    "sources": ("event", "event"),
    "timeline": ("event", "event"),
    "un-reports": ("event", "event"),
    "undated": ("event", "event"),
}
"""For each shipped query, the variable its rows are grouped by and what kind of thing it is:
a row depends only on that event (its own triples, its actors' and places', its documents'
annotations and nodes, the events that deny it), that actor (and the events naming it), or
that event class (and its events). An ingest refreshes the rows of the ones it touched."""


# Columns <-> JSON -----------------------------------------------------------------------------


def _encode_column(values: list[Any], indices: list[int]) -> list[Any]:
    """``[codec, distinct values, index of each row's value]``."""
    kinds = {type(v) for v in values if v is not None}
    if kinds in ({str}, {int}, set()):
        return ["plain", values, indices]
    if kinds == {IRI}:
        return ["iri", [None if v is None else str(v) for v in values], indices]
    if kinds == {date}:
        return ["date", [None if v is None else v.isoformat() for v in values], indices]
    return ["tagged", [_tag(v) for v in values], indices]


def _tag(value: Any) -> Any:
    if value is None:
        return None
    kind = type(value)
    if kind is IRI:
        return ["i", str(value)]
    if kind is str:
        return ["s", value]
    if kind is bool:
        return ["b", value]
    if kind is int:
        return ["n", value]
    if kind is float:
        return ["f", repr(value)]
    if kind is Decimal:
        return ["d", str(value)]
    if kind is date:
        return ["D", value.isoformat()]
    if kind is datetime:
        return ["T", value.isoformat()]
    if kind is Text:
        return ["L", [str(value), value.language, value.datatype]]
    if kind is Blank:
        return ["_", str(value)]
    raise TypeError(f"cannot keep a {kind.__name__} result value")


_UNTAG: dict[str, Callable[[Any], Any]] = {
    "i": IRI, "s": str, "b": bool, "n": int, "f": float, "d": Decimal, "D": date.fromisoformat, "T": datetime.fromisoformat,
    "L": lambda v: Text(v[0], language=v[1], datatype=v[2]), "_": Blank,
}


def _decode_values(codec: str, distinct: list[Any]) -> list[Any]:
    if codec == "plain":
        return distinct
    if codec == "iri":
        return [None if v is None else IRI(v) for v in distinct]
    if codec == "date":
        return [None if v is None else date.fromisoformat(v) for v in distinct]
    if codec == "tagged":
        return [None if v is None else _UNTAG[v[0]](v[1]) for v in distinct]
    raise ValueError(f"unknown column codec {codec!r}")


def encode(columns: Columns, header: Mapping[str, Any]) -> str:
    """Kept rows as JSON text: ``header`` (name, bindings, query, stamp…) and the columns."""
    data = [_encode_column(values, index) for values, index in zip(columns.values, columns.index)]
    payload = {"format": KEPT_FORMAT, **header, "columns": columns.names, "rows": columns.count, "data": data}
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


def decode(text: str) -> tuple[dict[str, Any], Columns]:
    """What :func:`encode` wrote: the header and the columns (raises ValueError when damaged)."""
    collecting = gc.isenabled()
    gc.disable()  # hundreds of thousands of new objects, none of them in a cycle
    try:
        payload = json.loads(text)
        if not isinstance(payload, dict) or payload.get("format") != KEPT_FORMAT:
            raise ValueError("other format")
        names, count, data = payload.pop("columns"), payload.pop("rows"), payload.pop("data")
        if len(data) != len(names):
            raise ValueError("truncated")
        values, index = [], []
        for codec, distinct, indices in data:
            if len(indices) != count or (indices and not distinct):
                raise ValueError("truncated")
            if indices and max(indices) >= len(distinct):
                raise ValueError("damaged")
            values.append(_decode_values(codec, distinct))
            index.append(indices)
    except (KeyError, TypeError, IndexError) as error:
        raise ValueError(f"damaged ({error})") from None
    finally:
        if collecting:
            gc.enable()
    return payload, Columns(names, values, index, count)


# Where kept rows live -------------------------------------------------------------------------


def bindings_key(bindings: Mapping[str, Any] | None) -> dict[str, str]:
    """Bindings as kept rows name them (values as text, sorted by name)."""
    return {name: _binding_text(value) for name, value in sorted((bindings or {}).items())}


def _binding_text(value: Any) -> str:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


def kept_path(store: Path, name: str, bindings: Mapping[str, Any] | None) -> Path:
    """The file that keeps the rows of the shipped query ``name`` with ``bindings``."""
    key = hashlib.sha1(json.dumps([KEPT_FORMAT, name, bindings_key(bindings)], ensure_ascii=False).encode("utf-8")).hexdigest()
    return store / "results" / f"{key}.json"


def stamp_of(store: Path, state: Mapping[str, Any]) -> str | None:
    """The stamp of a store's state: ``state.json``'s ``stamp``, or for a store written before
    stamps, the file's own identity (changed by every write)."""
    stamp = state.get("stamp")
    if isinstance(stamp, str):
        return stamp
    try:
        info = (store / "state.json").stat()
    except OSError:
        return None
    return f"file:{info.st_ino}:{info.st_mtime_ns}:{info.st_size}"


def query_sha(text: str) -> str:
    """What kept rows remember of the shipped query they answer (its text, unbound)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def read(path: Path, stamp: str | None, name: str, text_sha: str, bindings: Mapping[str, Any] | None) -> tuple[dict[str, Any], Columns] | None:
    """The kept rows in ``path`` when they answer this query for the store state ``stamp``, else None."""
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError:
        return None
    try:
        header, columns = decode(raw)
    except ValueError:
        return None
    if (stamp is None or header.get("stamp") != stamp or header.get("name") != name or header.get("query") != text_sha
            or header.get("bindings") != bindings_key(bindings)):
        return None
    return header, columns


# Kept text --------------------------------------------------------------------------------------


def text_path(json_path: Path, stamp: str | None, text_sha: str, kind: str) -> Path:
    """Where the text of kept rows in ``kind`` (``table``, ``csv``…) is kept, for one store state."""
    tag = hashlib.sha1(json.dumps([stamp, text_sha]).encode("utf-8")).hexdigest()[:16]
    return json_path.with_name(f"{json_path.stem}.{tag}.{kind}.txt")


def forget_texts(json_path: Path, keep: Path | None = None) -> None:
    """Drop the kept texts of one kept file (all but ``keep``)."""
    for old in json_path.parent.glob(f"{json_path.stem}.*.txt"):
        if old != keep:
            old.unlink(missing_ok=True)


def keep_text(json_path: Path, header: Mapping[str, Any], columns: Columns, kind: str = "table") -> None:
    """Write the text of kept rows in ``kind`` beside them (the table is what a query prints by
    default: printing it again is copying a file)."""
    from .fileio import atomic_write

    target = text_path(json_path, header.get("stamp"), header.get("query", ""), kind)
    forget_texts(json_path, keep=target)
    atomic_write(target, "".join(pages(columns, kind)))


def _copied(handle: Any) -> Iterator[str]:
    with handle:
        size = 16_384  # the first lines at once, then large blocks
        while True:
            block = handle.read(size)
            if not block:
                return
            yield block
            size = 1 << 20


def _kept_while_printed(chunks: Iterator[str], target: Path) -> Iterator[str]:
    """``chunks``, written to ``target`` as they go (kept only when all of them went)."""
    import os
    import tempfile

    try:
        handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=target.parent, prefix=".text-", suffix=".tmp", delete=False)
    except OSError:  # a read-only store folder
        yield from chunks
        return
    done = False
    try:
        with handle:
            for chunk in chunks:
                handle.write(chunk)
                yield chunk
        os.replace(handle.name, target)
        done = True
    finally:
        if not done:
            Path(handle.name).unlink(missing_ok=True)


# The command line's way in ---------------------------------------------------------------------


def kept_answer(store_dir: str | Path, name: str, bindings: Mapping[str, Any], fmt: str | None, *,
                width: int = 60) -> tuple[list[str], Iterator[str]] | None:
    """``(notes, text pages)`` of the shipped query ``name`` from the kept rows of the store in
    ``store_dir``, or None when there are none for the store as it is (then the query runs in
    the engine). Loads no RDF machinery: the store's lock and state, then the rows' kept text
    (written the first time they are printed in that format), else their JSON."""
    from . import storelock
    from .errors import StoreError

    kind = fmt or "table"
    if kind not in ("table", "csv", "tsv", "json") or not re.fullmatch(r"[A-Za-z][\w-]*", name) or width != 60:
        return None
    store = Path(store_dir)
    try:
        state = json.loads((store / "state.json").read_text(encoding="utf-8"))
        text = (Path(__file__).parent / "queries" / f"{name}.rq").read_text(encoding="utf-8")
    except (OSError, ValueError):
        return None
    if not isinstance(state, dict) or state.get("version") != STATE_VERSION:
        return None
    try:
        handle = storelock.acquire(store, exclusive=False)
    except StoreError:
        return None  # busy: the engine's way says so
    try:
        stamp, sha = stamp_of(store, state), query_sha(text)
        path = kept_path(store, name, bindings)
        target = text_path(path, stamp, sha, kind)
        try:
            kept_text = open(target, encoding="utf-8")  # noqa: SIM115 - streamed, closed by _copied
        except OSError:
            kept_text = None
        found = None if kept_text is not None else read(path, stamp, name, sha, bindings)
        notes = [note] if (kept_text is not None or found is not None) and (note := storelock.unfinished_ingest(store)) else []
    finally:
        storelock.release(handle, exclusive=False)
    if kept_text is not None:
        return notes, _copied(kept_text)
    if found is None:
        return None
    return notes, _kept_while_printed(pages(found[1], kind, width=width), target)


# Canonical order ------------------------------------------------------------------------------------


_GROUP_CONCAT = re.compile(
    r"\(\s*GROUP_CONCAT\s*\(\s*(?:DISTINCT\s+)?\?\w+\s*;\s*SEPARATOR\s*=\s*\"((?:[^\"\\]|\\.)*)\"\s*\)\s*AS\s+\?(\w+)\s*\)", re.I
)


def _concatenated(sparql: str, columns: list[str]) -> dict[int, str]:
    """The columns a ``GROUP_CONCAT`` makes, and its separator."""
    code = code_only(sparql, keep_iris=True)
    out = {}
    for match in _GROUP_CONCAT.finditer(sparql):
        if code[match.start()] == "(" and match.group(2) in columns:
            out[columns.index(match.group(2))] = json.loads(f'"{match.group(1)}"')
    return out


def normalised(names: list[str], rows: list[tuple[Any, ...]], sparql: str) -> list[tuple[Any, ...]]:
    """``rows`` with the pieces each ``GROUP_CONCAT`` joined sorted (the engine joins them in
    the order it meets them)."""
    joined = _concatenated(sparql, names)
    if not joined:
        return rows
    return [tuple(sep.join(sorted(v.split(sep))) if type(v) is str and (sep := joined.get(i)) else v for i, v in enumerate(row))
            for row in rows]


def canonical(names: list[str], rows: list[tuple[Any, ...]], sparql: str) -> list[tuple[Any, ...]] | None:
    """``rows`` in the canonical form (see the module's docstring): :func:`normalised`, then
    :func:`ordered`; None when the order cannot be followed."""
    return ordered(names, normalised(names, rows, sparql), sparql)


def _multiset_key(row: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple((type(v), v, getattr(v, "language", None), getattr(v, "datatype", None)) for v in row)


def _compare(order: list[tuple[int, bool, str | None]], a: tuple[Any, ...], b: tuple[Any, ...]) -> int:
    """The canonical order of two rows (see :func:`ordered`)."""
    for column, desc, test in order:
        if test is None:
            x, y = _sort_key(a[column]), _sort_key(b[column])
        else:
            x, y = (a[column] is None, b[column] is None) if test == "unbound" else (a[column] is not None, b[column] is not None)
        if x != y:
            return (1 if x > y else -1) * (-1 if desc else 1)
    x, y = _row_key(a), _row_key(b)
    return 0 if x == y else (1 if x > y else -1)


def refreshed(kept: Columns, before: list[tuple[Any, ...]], after: list[tuple[Any, ...]], sparql: str,
              anchor: tuple[int, set[str]] | None = None) -> list[tuple[Any, ...]] | None:
    """The kept rows (in canonical order) with the rows of what an ingest touched as they were
    (``before``) taken out and as they are now (``after``) put in their places; None when a
    row that should be there is not, or the new rows cannot be ordered here (the kept rows are
    then computed again). ``anchor``: the column whose value every touched row has in the set
    (only those rows are looked at)."""
    import bisect
    from functools import cmp_to_key

    names = kept.names
    order = order_of(sparql, names)
    if order is None or ordered(names, after, sparql) is None:
        return None
    for column, _desc, test in order:  # the new rows' values must be of the kinds the column holds
        if test is None and not followable([*kept.values[column], *(r[column] for r in after)]):
            return None
    rows = kept.rows()
    counts = Counter(map(_multiset_key, before))
    out = []
    if anchor is not None:
        column, values = anchor
        for row in rows:
            value = row[column]
            if value is not None and str(value) in values:
                key = _multiset_key(row)
                if counts.get(key, 0) > 0:
                    counts[key] -= 1
                    continue
            out.append(row)
    else:
        for row in rows:
            key = _multiset_key(row)
            if counts.get(key, 0) > 0:
                counts[key] -= 1
                continue
            out.append(row)
    if any(counts.values()):
        return None
    key = cmp_to_key(lambda a, b: _compare(order, a, b))
    for row in sorted(after, key=key):
        bisect.insort(out, row, key=key)
    return out


__all__ = ["ANCHORS", "KEPT_FORMAT", "canonical", "decode", "encode", "kept_answer", "kept_path", "normalised", "ordered", "read", "refreshed"]
