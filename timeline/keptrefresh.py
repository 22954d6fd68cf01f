"""Kept rows refreshed where an ingest touched them, never computed again for the whole store.

Each shipped query's rows are grouped by an event, an actor or an event class
(:data:`timeline.keptrows.ANCHORS`). An ingest names what it touched (:class:`Touched`); the
anchors are those things, the events denied by touched events (a denial's row is its target's),
the actors touched events name and their classes, as they were and as they are. Before the
ingest writes, the rows of the anchors are computed as they are (``before``); after it, as they
become (``after``); the kept rows lose the first and gain the second
(:func:`timeline.keptrows.refreshed`) and are written again for the new state.

The rows of a set of anchors come from the engine, on only what they read:

- events: a small store holding the anchors' own triples and their actors', places' and
  sub-nodes' (quantities, terms), the events that deny them (with theirs), the whole graphs of the
  documents that mention them, and the ontology — the query run unchanged on it, the rows of the
  anchors kept (the database keeps every triple in one graph only, so one default graph holds
  them alike);
- actors and classes: the query on the store itself with the anchors bound where the variable
  is used (a few actors or classes are cheap to ask the engine about).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from . import keptrows
from .fileio import atomic_write
from .graphio import ONTOLOGY_GRAPH
from .rowtext import Columns
from .sparql import _code_only, _run_ox

_TL = "https://w3id.org/timeline-kg/ontology#"
_OA = "http://www.w3.org/ns/oa#"
_SEM = "http://semanticweb.cs.vu.nl/2009/11/sem/"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_GENERATED = "http://www.w3.org/ns/prov#wasGeneratedBy"
_CHUNK = 2000


@dataclass
class Touched:
    """What an ingest touched, as it is now: events whose rows may change (removed ones too),
    the events they deny now, the actors and places they name now (and those whose own triples
    changed), and their classes now."""

    events: set[str] = field(default_factory=set)
    denied: set[str] = field(default_factory=set)
    actors: set[str] = field(default_factory=set)
    classes: set[str] = field(default_factory=set)


def _values(items: Iterable[str]) -> str:
    return " ".join(f"<{item}>" for item in items)


def _chunks(items: Sequence[str], size: int = _CHUNK) -> Iterable[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _column(target: ox.Store, sparql: str) -> set[str]:
    return {solution[0].value for solution in target.query(sparql, use_default_graph_as_union=True)}


def _linked(target: ox.Store, subjects: Iterable[str], path: str) -> set[str]:
    """The IRIs ``subjects`` reach by ``path`` (SPARQL property path) in ``target``."""
    out: set[str] = set()
    for chunk in _chunks(sorted(subjects)):
        out |= _column(target, f"SELECT DISTINCT ?o WHERE {{ VALUES ?s {{ {_values(chunk)} }} ?s {path} ?o FILTER(isIRI(?o)) }}")
    return out


def event_store(target: ox.Store, events: set[str]) -> ox.Store:
    """A small store with everything the rows of ``events`` read (see the module's docstring):
    the quads of the anchors, of the events that deny them and of the annotations on them, and
    of everything those reach in two steps (never through a class or the extraction run)."""
    anchors = sorted(events)
    reached: set[str] = set(anchors)
    for chunk in _chunks(anchors):
        values = _values(chunk)
        reached |= _column(target, f"SELECT DISTINCT ?d WHERE {{ VALUES ?e {{ {values} }} ?d <{_TL}denies> ?e }}")
        reached |= _column(target, f"SELECT DISTINCT ?a WHERE {{ VALUES ?e {{ {values} }} ?a <{_OA}hasBody> ?e }}")
    frontier = set(reached)
    for _step in range(2):
        near: set[str] = set()
        for chunk in _chunks(sorted(frontier)):
            near |= _column(target, f"SELECT DISTINCT ?o WHERE {{ VALUES ?s {{ {_values(chunk)} }} ?s ?p ?o "
                                    f"FILTER(isIRI(?o) && ?p != <{_RDF_TYPE}> && ?p != <{_GENERATED}>) }}")
        frontier = near - reached
        reached |= frontier
    out = ox.Store()
    for chunk in _chunks(sorted(reached)):
        _copy(target, out, f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ VALUES ?s {{ {_values(chunk)} }} GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{ONTOLOGY_GRAPH}>) }}")
    _copy(target, out, f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?s ?p ?o }} }}", ox.NamedNode(ONTOLOGY_GRAPH))
    return out


def _copy(source: ox.Store, into: ox.Store, construct: str, graph: ox.NamedNode | None = None) -> None:
    data = source.query(construct).serialize(format=ox.RdfFormat.N_TRIPLES)
    if data:
        into.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=graph)


def _groups(code: str) -> list[tuple[int, int]]:
    """(open, close) of every ``{ }`` group of a query that is not a VALUES data block."""
    out, stack = [], []
    for i, ch in enumerate(code):
        if ch == "{":
            data = re.search(r"\bVALUES\s+(\?\w+|\([^)]*\))\s*$", code[:i], re.I) is not None
            stack.append((i, data))
        elif ch == "}" and stack:
            start, data = stack.pop()
            if not data:
                out.append((start, i))
    return out


def restricted(sparql: str, var: str, values: Iterable[str]) -> str:
    """``sparql`` with ``?var`` bound to ``values`` in every group that uses it (where the
    engine meets it first, whatever order it joins in). The rows are those of the whole query
    whose ``?var`` is one of ``values``."""
    code = _code_only(sparql)
    where = re.search(r"\bWHERE\s*\{", code, re.I)
    if where is None:
        raise ValueError("no WHERE group")
    block = f" VALUES ?{var} {{ {_values(sorted(values))} }} "
    spots = [start + 1 for start, end in _groups(code) if start >= where.end() - 1 and re.search(rf"[?$]{var}\b", code[start:end])]
    for at in sorted(spots, reverse=True):
        sparql = sparql[:at] + block + sparql[at:]
    return sparql


@dataclass
class _Kept:
    path: Path
    header: dict[str, Any]
    columns: Columns
    var: str
    kind: str
    before: list[tuple[Any, ...]] = field(default_factory=list)


class Refresh:
    """Refresh a store's kept rows around one ingest: make it before the ingest writes (it reads
    the rows as they are), :meth:`finish` after."""

    def __init__(self, store_path: Path, target: ox.Store, stamp: str | None, touched: Touched) -> None:
        self.target = target
        self.kept: list[_Kept] = []
        folder = store_path / "results"
        for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
            found = self._read(path, stamp)
            if found is None:
                path.unlink(missing_ok=True)
                keptrows.forget_texts(path)
            else:
                self.kept.append(found)
        if not self.kept:
            return
        self.anchors = self._anchors(touched)
        self._rows("before")

    @staticmethod
    def _read(path: Path, stamp: str | None) -> _Kept | None:
        try:
            header, columns = keptrows.decode(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        anchor = keptrows.ANCHORS.get(header.get("name", ""))
        if header.get("stamp") != stamp or not header.get("canonical") or anchor is None or not isinstance(header.get("text"), str):
            return None
        return _Kept(path, header, columns, *anchor)

    def _anchors(self, touched: Touched) -> dict[str, set[str]]:
        kinds = {k.kind for k in self.kept}
        out: dict[str, set[str]] = {"event": set(), "actor": set(), "class": set()}
        if "event" in kinds:
            out["event"] = touched.events | touched.denied | _linked(self.target, touched.events, f"<{_TL}denies>")
        if "actor" in kinds:
            out["actor"] = touched.actors | _linked(self.target, touched.events, f"<{_SEM}hasActor>|<{_SEM}accordingTo>")
        if "class" in kinds:
            out["class"] = touched.classes | _linked(self.target, touched.events, f"<{_RDF_TYPE}>")
        return out

    def _rows(self, when: str) -> None:
        small = event_store(self.target, self.anchors["event"]) if any(k.kind == "event" for k in self.kept) and self.anchors["event"] else None
        for kept in self.kept:
            anchors = self.anchors[kept.kind]
            rows: list[tuple[Any, ...]] = []
            if anchors and kept.kind == "event":
                result = _run_ox(small, kept.header["text"], kept.header["name"])  # type: ignore[arg-type]
                column = result.columns.index(kept.var)
                rows = [row for row in result.rows if row[column] is not None and str(row[column]) in anchors]
            elif anchors:
                rows = _run_ox(self.target, restricted(kept.header["text"], kept.var, anchors), kept.header["name"]).rows
            if when == "before":
                kept.before = rows
            else:
                self._write(kept, rows)

    def finish(self, stamp: str) -> None:
        """The ingest has written: put the touched rows back as they are now, for state ``stamp``."""
        if not self.kept:
            return
        self.stamp = stamp
        self._rows("after")

    def _write(self, kept: _Kept, after: list[tuple[Any, ...]]) -> None:
        names = kept.columns.names
        text = kept.header["text"]
        anchor = (names.index(kept.var), self.anchors[kept.kind]) if kept.var in names else None
        ordered = keptrows.refreshed(kept.columns, keptrows.normalised(names, kept.before, text),
                                     keptrows.normalised(names, after, text), text, anchor)
        keptrows.forget_texts(kept.path)
        if ordered is None:
            kept.path.unlink(missing_ok=True)
            return
        header = dict(kept.header, stamp=self.stamp)
        columns = Columns.of_rows(names, ordered)
        try:
            atomic_write(kept.path, keptrows.encode(columns, header))
            keptrows.keep_text(kept.path, header, columns)
        except (OSError, TypeError):
            kept.path.unlink(missing_ok=True)


__all__ = ["Refresh", "Touched", "event_store", "restricted"]
