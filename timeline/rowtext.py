"""Result rows as text, a page at a time: an aligned table or the W3C SPARQL 1.1 results formats
(JSON, CSV, TSV), written from rows held column by column (stdlib only).

Results repeat types, documents, dates and labels: each column is kept as its distinct values
and each row's index into them (:class:`Columns`, the form :mod:`timeline.keptrows` keeps), so
every distinct value is written once and a row is a join of ready-made pieces. The first page
is small, so a large result starts printing at once; the pages joined are exactly what
:mod:`timeline.results` writes for the same rows (and the table :meth:`QueryResult.format`
prints).

>>> from timeline.results import IRI
>>> print("".join(pages(Columns.of_rows(["e", "n"], [(IRI("https://w3id.org/timeline-kg/ontology#Event"), 2)]), "table")))
e         n
--------  -
tl:Event  2
(1 row)
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from .results import IRI, _csv_value, _tsv_term, term
from .terms import PREFIXES

FIRST_PAGE = 100  # rows: the first page comes at once
PAGE = 5000


class Columns:
    """Rows held column by column: ``values[c]`` the distinct values of column ``c``,
    ``index[c][r]`` which of them row ``r`` holds."""

    __slots__ = ("names", "values", "index", "count")

    def __init__(self, names: Sequence[str], values: list[list[Any]], index: list[list[int]], count: int) -> None:
        self.names, self.values, self.index, self.count = list(names), values, index, count

    @classmethod
    def of_rows(cls, names: Sequence[str], rows: Sequence[Sequence[Any]]) -> Columns:
        values: list[list[Any]] = [[] for _ in names]
        index: list[list[int]] = [[] for _ in names]
        for c in range(len(names)):
            seen: dict[tuple[type, Any], int] = {}
            distinct, indices = values[c], index[c]
            for row in rows:
                value = row[c]
                key = (type(value), value)  # IRI("x") == "x" and True == 1: keep them apart
                at = seen.get(key)
                if at is None:
                    at = seen[key] = len(distinct)
                    distinct.append(value)
                indices.append(at)
        return cls(names, values, index, len(rows))

    def rows(self) -> list[tuple[Any, ...]]:
        """The rows as tuples of values."""
        if not self.count:
            return []
        return list(zip(*(list(map(v.__getitem__, i)) for v, i in zip(self.values, self.index))))


@lru_cache(maxsize=1)
def _prefixes_by_length() -> list[tuple[str, str]]:
    return sorted(((iri, name) for name, iri in PREFIXES.items()), key=lambda item: -len(item[0]))


@lru_cache(maxsize=4096)
def _namespace_of(folder: str) -> tuple[str, str] | None:
    """The longest known namespace ``folder`` (an IRI up to its last ``/`` or ``#``) starts with."""
    for namespace, name in _prefixes_by_length():
        if folder.startswith(namespace):
            return namespace, name
    return None


def shorten(iri: str) -> str:
    """An IRI with a known prefix written as ``prefix:rest``.

    >>> shorten("https://w3id.org/timeline-kg/ontology#Repatriation")
    'tl:Repatriation'
    """
    cut = max(iri.rfind("/"), iri.rfind("#")) + 1
    found = _namespace_of(iri[:cut])
    if found is not None and len(iri) > len(found[0]):
        return f"{found[1]}:{iri[len(found[0]):]}"
    for namespace, name in _prefixes_by_length():  # a namespace that ends inside the last segment
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{name}:{iri[len(namespace):]}"
    return f"<{iri}>"


def text_of(value: Any) -> str:
    """A value as a table shows it (before IRIs are shortened)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


_SPACE = re.compile(r"\s")
_RUNS = re.compile(r"\s+")


def cell(value: Any, width: int) -> str:
    """A table cell: IRIs shortened, white space collapsed, at most ``width`` characters."""
    text = shorten(value) if type(value) is IRI else text_of(value)
    if _SPACE.search(text) is not None:
        text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _spans(count: int, page: int) -> Iterator[tuple[int, int]]:
    start, size = 0, min(page, FIRST_PAGE)
    while start < count:
        yield start, min(count, start + size)
        start += size
        size = page


def _lines(columns: Columns, pieces: list[list[str]], join: str, start: int, end: int) -> list[str]:
    picked = [list(map(p.__getitem__, i[start:end])) for p, i in zip(pieces, columns.index)]
    return [join.join(parts) for parts in zip(*picked)] if picked else ["" for _ in range(start, end)]


def table_pages(columns: Columns, width: int = 60, page: int = PAGE) -> Iterator[str]:
    """An aligned table: a header, a rule, one line per row, and the count (no final line end)."""
    cells = [[cell(v, width) for v in values] for values in columns.values]
    widths = [max([len(name), *map(len, column)]) for name, column in zip(columns.names, cells)]
    padded = [[c.ljust(w) for c in column] for column, w in zip(cells, widths)]
    head = ["  ".join(c.ljust(w) for c, w in zip(columns.names, widths)).rstrip(), "  ".join("-" * w for w in widths)]
    footer = f"({columns.count} row{'s' if columns.count != 1 else ''})"
    yield "\n".join(head) + "\n"
    for start, end in _spans(columns.count, page):
        yield "\n".join(line.rstrip() for line in _lines(columns, padded, "  ", start, end)) + "\n"
    yield footer


def csv_pages(columns: Columns, page: int = PAGE) -> Iterator[str]:
    """SPARQL 1.1 Query Results CSV (as :func:`timeline.results.to_csv`)."""
    fields = [[_csv_value(v) for v in values] for values in columns.values]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns.names)
    yield buffer.getvalue()
    for start, end in _spans(columns.count, page):
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        picked = [list(map(f.__getitem__, i[start:end])) for f, i in zip(fields, columns.index)]
        writer.writerows(zip(*picked))
        yield buffer.getvalue()


def tsv_pages(columns: Columns, page: int = PAGE) -> Iterator[str]:
    """SPARQL 1.1 Query Results TSV (as :func:`timeline.results.to_tsv`)."""
    terms = [[_tsv_term(v) for v in values] for values in columns.values]
    yield "\t".join(f"?{c}" for c in columns.names) + "\n"
    for start, end in _spans(columns.count, page):
        yield "".join(line + "\n" for line in _lines(columns, terms, "\t", start, end))


def json_pages(columns: Columns, page: int = PAGE) -> Iterator[str]:
    """SPARQL 1.1 Query Results JSON (as :func:`timeline.results.to_json`)."""
    keys = [json.dumps(name, ensure_ascii=False) for name in columns.names]
    pieces = []
    for key, values in zip(keys, columns.values):
        encoded = [term(v) for v in values]
        pieces.append([None if e is None else f"{key}: {json.dumps(e, ensure_ascii=False)}" for e in encoded])
    yield '{"head": {"vars": ' + json.dumps(columns.names, ensure_ascii=False) + '}, "results": {"bindings": ['
    first = True
    for start, end in _spans(columns.count, page):
        picked = [list(map(p.__getitem__, i[start:end])) for p, i in zip(pieces, columns.index)]
        rows = ["{" + ", ".join(part for part in parts if part is not None) + "}" for parts in zip(*picked)] if picked else ["{}"] * (end - start)
        text = ", ".join(rows)
        yield text if first else ", " + text
        first = False
    yield "]}}\n"


def pages(columns: Columns, kind: str, *, width: int = 60, page: int = PAGE) -> Iterator[str]:
    """``columns`` as text in ``kind`` (``table``, ``csv``, ``tsv`` or ``json``), a page at a time."""
    if kind == "table":
        return table_pages(columns, width, page)
    if kind == "csv":
        return csv_pages(columns, page)
    if kind == "tsv":
        return tsv_pages(columns, page)
    if kind == "json":
        return json_pages(columns, page)
    raise ValueError(f"no paged writer for {kind!r}")


__all__ = ["Columns", "cell", "pages", "shorten", "text_of"]
