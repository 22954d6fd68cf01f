"""The persistent store: a folder holding an Oxigraph database with one named graph per
document and one for the merged events, the records ingest needs, and kept query rows.

- :func:`open_store`: open (readers share it, an ingest holds it alone);
- :meth:`Store.query` answers SPARQL, and a shipped query from its kept rows;
- :mod:`timeline.ingest` adds, replaces and removes documents.

The rest of the old ``store`` module lives on by concern: graph files in
:mod:`timeline.graphio`, SPARQL and named queries in :mod:`timeline.sparql`, kept rows in
:mod:`timeline.keptrows`, ingest in :mod:`timeline.ingest`; their public names are still
reachable here (``store.query``, ``store.read_graph``…), loaded on first use.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from . import storelock
from .errors import GraphError, QueryError, StoreError, TimelineError  # noqa: F401 - the last two for store.GraphError…
from .fileio import atomic_write
from .graphio import ONTOLOGY_GRAPH, _load_ontology, _ToRdflib
from .rowtext import Columns
from .sparql import XSD, QueryResult, _run_ox, named_queries
from .terms import PREFIXES, ontology_file

_INDEX_VERSION = 4
COUNT_DATA = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{ONTOLOGY_GRAPH}>) }}"
"""The triples of the documents' and the events' graphs (the ontology's not counted)."""


def count_data(target: ox.Store) -> int:
    """What :data:`COUNT_DATA` counts, without the query engine: every quad less the ontology's
    and the default graph's (2.4 s against 5.7 s at 9 M triples)."""
    ontology = sum(1 for _ in target.quads_for_pattern(None, None, None, ox.NamedNode(ONTOLOGY_GRAPH)))
    default = sum(1 for _ in target.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    return len(target) - ontology - default
_DERIVED = {"http://www.w3.org/ns/oa#start": XSD + "nonNegativeInteger", "http://www.w3.org/ns/oa#end": XSD + "nonNegativeInteger"}
"""Predicates rdf.py writes with a derived integer type, which the database keeps as xsd:integer."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
  id TEXT PRIMARY KEY, root TEXT NOT NULL, source TEXT NOT NULL, sha256 TEXT NOT NULL,
  size INTEGER, mtime_ns INTEGER, lines TEXT NOT NULL, annotations TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS documents_source ON documents(root, source);
CREATE INDEX IF NOT EXISTS documents_stat ON documents(root, source, id, sha256, size, mtime_ns);
CREATE TABLE IF NOT EXISTS mentions (key TEXT PRIMARY KEY, doc_id TEXT NOT NULL, piece TEXT NOT NULL, event TEXT);
CREATE INDEX IF NOT EXISTS mentions_doc ON mentions(doc_id);
CREATE INDEX IF NOT EXISTS mentions_piece ON mentions(piece);
CREATE TABLE IF NOT EXISTS events (iri TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, subjects TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS links (event TEXT NOT NULL, predicate TEXT NOT NULL, key TEXT NOT NULL, target TEXT);
CREATE INDEX IF NOT EXISTS links_event ON links(event);
CREATE INDEX IF NOT EXISTS links_key ON links(key);
CREATE TABLE IF NOT EXISTS entity_refs (iri TEXT NOT NULL, variant TEXT NOT NULL, event TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS entity_refs_iri ON entity_refs(iri);
CREATE INDEX IF NOT EXISTS entity_refs_event ON entity_refs(event);
CREATE TABLE IF NOT EXISTS entities (iri TEXT PRIMARY KEY, fingerprint TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS pieces (
  id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, block TEXT, ord TEXT NOT NULL, lo INTEGER, hi INTEGER,
  fingerprint TEXT NOT NULL, features TEXT NOT NULL, mentions TEXT NOT NULL, grp TEXT, state TEXT, fits TEXT);
CREATE INDEX IF NOT EXISTS pieces_doc ON pieces(doc_id);
CREATE INDEX IF NOT EXISTS pieces_block ON pieces(block);
CREATE TABLE IF NOT EXISTS groups (founder TEXT PRIMARY KEY, identity TEXT NOT NULL, event TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS counts (name TEXT PRIMARY KEY, stamp TEXT NOT NULL, value INTEGER NOT NULL);
"""


def _sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


class Store:
    """A store folder: an Oxigraph database plus what ingest needs to change it incrementally.

    Layout: ``oxigraph/`` (the database: one named graph per document, ``id:graph/events``
    for merged events, actors and places, and the ontology in the default graph),
    ``index.sqlite`` (each document's source, stat, sha256, its serialised triples and
    annotation templates; its mentions as pieces with what the last merge decided for each, and
    the groups they form — :mod:`timeline.mergeindex`; the mention → event index; each event's
    fingerprint and subjects; links and actor/place references; the triple count, :meth:`kept_triples`),
    ``state.json`` (format, counts, and ``dirty`` while an ingest is applying its changes),
    ``results/`` (the rows of shipped queries, kept until an ingest changes the store: a named
    query over 10⁶ triples takes seconds in the engine, reading its rows back milliseconds)
    and ``lock`` (readers share it, an ingest holds it alone).

    Open with :func:`open_store`; use as a context manager or call :meth:`close`.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._ox: ox.Store | None = None
        self._writable = False
        self._lock_file: Any = None
        self._state: dict[str, Any] | None = None
        self._db: Any = None

    # life cycle

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    def close(self) -> None:
        """Release the database and the lock."""
        if self._db is not None:
            self._db.close()
            self._db = None
        if self._ox is not None:
            if self._writable:
                try:
                    self._ox.flush()
                except OSError:
                    pass
            self._ox = None
        if self._lock_file is not None:
            storelock.release(self._lock_file, exclusive=self._writable)
            self._lock_file = None
        self._writable = False

    @property
    def exists(self) -> bool:
        return (self.path / "state.json").is_file()

    def _lock(self, exclusive: bool) -> None:
        if self._lock_file is None:  # readers share it (read-only stores too), an ingest holds it alone
            self._lock_file = storelock.acquire(self.path, exclusive)

    def _open_ox(self, writable: bool) -> ox.Store:
        if self._ox is not None and (self._writable or not writable):
            return self._ox
        if self._ox is not None:  # upgrade a reader to the writer
            self.close()
        self._lock(exclusive=writable)
        db = self.path / "oxigraph"
        try:
            if writable:
                self._ox = ox.Store(str(db))
            else:
                self._ox = ox.Store.read_only(str(db))
        except OSError as error:
            self.close()
            raise StoreError(f"{self.path}: cannot open the store database: {' '.join(str(error).split())}") from None
        self._writable = writable
        return self._ox

    def _reading(self) -> _Reading:
        if not self.exists:
            raise StoreError(f"{self.path}: no store here (create one with `timeline ingest --store {self.path} FILES`)")
        return _Reading(self._open_ox(writable=False))

    def _writing(self) -> ox.Store:
        if self.path.exists() and not self.path.is_dir():
            raise StoreError(f"{self.path}: is a file, not a store folder")
        if self.path.is_dir() and any(self.path.iterdir()) and not self.exists and not (self.path / "lock").exists():
            raise StoreError(f"{self.path}: the folder is not empty and is not a timeline store")
        target = self._open_ox(writable=True)
        model = _model_fields()
        if not self.exists:
            self._state = {"version": _INDEX_VERSION, "model": model, "ontology": "", "dirty": False,
                           "generation": 0, "documents": 0, "mentions": 0, "events": 0, "triples": 0, "stamp": new_stamp()}
            self.db  # noqa: B018 - created with its tables
            self._save_state()
        state = self.state
        if state.get("model") != model:  # records of another model: rebuilt from them by the next ingest
            state["dirty"] = True
            state["model"] = model
            self._save_state()
        ontology = hashlib.sha256(f"<{ONTOLOGY_GRAPH}>\n".encode() + ontology_file().read_bytes()).hexdigest()
        if state.get("ontology") != ontology:
            target.clear_graph(ox.DefaultGraph())  # where earlier stores kept it
            target.remove_graph(ox.NamedNode(ONTOLOGY_GRAPH))
            _load_ontology(target)
            state["ontology"] = ontology
            state["stamp"] = new_stamp()  # kept rows read the ontology's labels
            self._save_state()
        return target

    # queries

    def _query(self, sparql: str, source: str, bindings: Mapping[str, Any] | None = None) -> QueryResult:
        """Run a query; a shipped one (``source`` is its name, ``bindings`` its values) answers
        from its kept rows when they answer the store as it is."""
        if not self.exists:
            raise StoreError(f"{self.path}: no store here (create one with `timeline ingest --store {self.path} FILES`)")
        self._lock(exclusive=self._writable)  # no ingest writes while the kept rows are read
        unfinished = storelock.unfinished_ingest(self.path)
        result = self._answer(sparql, source, bindings)
        return dataclasses.replace(result, warnings=[*result.warnings, unfinished]) if unfinished else result

    def _answer(self, sparql: str, source: str, bindings: Mapping[str, Any] | None) -> QueryResult:
        named = named_queries().get(source) if source != "query" else None
        if named is None:
            with self._reading() as target:
                return _run_ox(target, sparql, source)
        from . import keptrows

        path = keptrows.kept_path(self.path, source, bindings)
        stamp = keptrows.stamp_of(self.path, self.state)
        found = keptrows.read(path, stamp, source, keptrows.query_sha(named.text), bindings)
        if found is not None:
            return QueryResult(found[1].names, found[1].rows())
        with self._reading() as target:
            result = _run_ox(target, sparql, source)
        if result.kind != "select" or result.warnings or not result.columns:
            return result
        rows = keptrows.canonical(result.columns, result.rows, sparql)
        result = dataclasses.replace(result, rows=rows if rows is not None else result.rows)
        header = {"name": source, "bindings": keptrows.bindings_key(bindings), "query": keptrows.query_sha(named.text),
                  "stamp": stamp, "text": sparql, "canonical": rows is not None}
        self._keep(path, header, Columns.of_rows(result.columns, result.rows))
        return result

    def _keep(self, path: Path, header: dict[str, Any], columns: Columns) -> None:
        """Keep rows (and their table's text) in ``results/``; the oldest files go."""
        from . import keptrows

        try:
            path.parent.mkdir(exist_ok=True)
            atomic_write(path, keptrows.encode(columns, header))
            keptrows.keep_text(path, header, columns)
            kept = sorted(path.parent.glob("*.json"), key=lambda p: p.stat().st_mtime_ns)
            for old in kept[: max(0, len(kept) - keptrows.KEPT_FILES)]:
                old.unlink(missing_ok=True)
                keptrows.forget_texts(old)
        except (OSError, TypeError):
            pass  # a read-only store folder, or a value that cannot be kept: answer without keeping

    def _forget_results(self) -> None:
        folder = self.path / "results"
        if folder.is_dir():
            for item in [*folder.glob("*.json"), *folder.glob("*.txt")]:
                item.unlink(missing_ok=True)

    # state and records

    @property
    def state(self) -> dict[str, Any]:
        """``state.json``: format, counts, ``dirty`` (an ingest was applying changes), ``generation``."""
        if self._state is None:
            try:
                self._state = json.loads((self.path / "state.json").read_text(encoding="utf-8"))
            except (OSError, ValueError) as error:
                raise StoreError(f"{self.path}/state.json: cannot read the store state ({error})") from None
            if self._state.get("version") != _INDEX_VERSION:
                raise StoreError(f"{self.path}: store format {self._state.get('version')} is not {_INDEX_VERSION}; re-ingest into a new store")
        return self._state

    def _save_state(self) -> None:
        atomic_write(self.path / "state.json", json.dumps(self.state, indent=0, sort_keys=True))

    @property
    def db(self) -> Any:
        """The SQLite index (``index.sqlite``), opened on first use."""
        if self._db is None:
            import sqlite3

            try:
                self._db = sqlite3.connect(self.path / "index.sqlite", isolation_level=None)
                self._db.executescript(_SCHEMA)
            except sqlite3.Error as error:
                raise StoreError(f"{self.path}/index.sqlite: {error}") from None
        return self._db

    def kept_triples(self) -> int | None:
        """The triple count kept with the index, or None when it may not answer the database as it
        is: an ingest was applying changes (``dirty``) or did not finish (its mark is there), or
        the count was kept for another state of the data (``stamp``). Nothing is counted here.

        Every write of the database's data is an ingest (:func:`timeline.ingest.apply_changes`:
        added, changed and removed documents, ``--prune``), which keeps the count in the same
        SQLite transaction as the index's changes, with the stamp it gives the data."""
        state = self.state
        if state.get("dirty") or storelock.unfinished_ingest(self.path) is not None:
            return None
        row = self.db.execute("SELECT stamp, value FROM counts WHERE name = 'triples'").fetchone()
        if row is None or row[0] != state.get("stamp"):
            return None
        return int(row[1])

    def _keep_triples(self, stamp: str, triples: int) -> None:
        """Keep the triple count of the data stamped ``stamp`` (inside the ingest's transaction)."""
        self.db.execute("INSERT OR REPLACE INTO counts VALUES ('triples', ?, ?)", (stamp, triples))

    def documents(self) -> dict[str, str]:
        """The ids of the documents in the store and their sha256."""
        if not self.exists:
            return {}
        return dict(self.db.execute("SELECT id, sha256 FROM documents ORDER BY id"))

    def __len__(self) -> int:
        """The number of triples in documents' and the events graph (the ontology not counted)."""
        with self._reading() as target:
            return count_data(target)

    def _export_quads(self) -> list[ox.Quad]:
        """The documents' and events' quads (not the ontology), with literal datatypes as written.

        The database stores ``"7"^^xsd:nonNegativeInteger`` as ``"7"^^xsd:integer``; the index
        remembers which predicates had a derived integer type and this puts it back.
        """
        restore = {p: ox.NamedNode(d) for p, d in _DERIVED.items()}
        integer = XSD + "integer"
        quads = []
        with self._reading() as target:
            ontology = ox.NamedNode(ONTOLOGY_GRAPH)
            for quad in target:
                if isinstance(quad.graph_name, ox.DefaultGraph) or quad.graph_name == ontology:
                    continue
                obj = quad.object
                if restore and isinstance(obj, ox.Literal) and obj.datatype.value == integer:
                    datatype = restore.get(quad.predicate.value)
                    if datatype is not None:
                        quad = ox.Quad(quad.subject, quad.predicate, ox.Literal(obj.value, datatype=datatype), quad.graph_name)
                quads.append(quad)
        return quads

    def to_rdflib(self, *, dataset: bool = False) -> Any:
        """The store's documents, events and evidence as an rdflib Graph (or Dataset)."""
        return to_rdflib(self, dataset=dataset)


class _Reading:
    def __init__(self, target: ox.Store) -> None:
        self.target = target

    def __enter__(self) -> ox.Store:
        return self.target

    def __exit__(self, *exc: object) -> None:
        return None


def _model_fields() -> str:
    """The fields of the records a store keeps (``state.json``'s ``model``): a store whose records
    another model wrote is rebuilt from them. Computed when a store is written, not at import
    (a query does not load the model)."""
    from .model import Document, Event

    return ",".join(f"{cls.__name__}({','.join(f.name for f in dataclasses.fields(cls))})" for cls in (Document, Event))


def new_stamp() -> str:
    """A new name for the state of a store's data (kept rows answer one state)."""
    return uuid.uuid4().hex


def open_store(path: str | os.PathLike[str]) -> Store:
    """The store in folder ``path``: created by the first :func:`ingest`, read by :func:`query`.

    Readers share the store; an ingest holds it alone (a second one gets a clear StoreError).
    """
    target = Path(path)
    if target.exists() and not target.is_dir():
        raise StoreError(f"{target}: is a file, not a store folder")
    return Store(target)


def to_rdflib(data: Store, *, dataset: bool = False) -> Any:
    """A store's documents, events and evidence as an rdflib Graph (or Dataset with its named
    graphs), without the ontology."""
    from rdflib import Dataset, Graph

    exported = data._export_quads()
    convert = _ToRdflib().term
    if dataset:
        result = Dataset()
        for prefix, iri in PREFIXES.items():
            result.bind(prefix, iri, override=True, replace=True)
        for q in exported:
            result.add((convert(q.subject), convert(q.predicate), convert(q.object), convert(q.graph_name)))
        return result
    graph = Graph()
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True, replace=True)
    for q in exported:
        graph.add((convert(q.subject), convert(q.predicate), convert(q.object)))
    return graph



_MOVED = {
    "graphio": ("read_graph", "write_graph", "serialize", "_parse_file", "_quads_of", "_ToOx", "_dump"),
    "sparql": ("query", "named_queries", "NamedQuery", "QueryResult", "bind_values", "read_query_file",
               "parse_error_message", "convert_value", "shorten", "_ox_value", "_code_only", "RESULT_FORMATS", "GRAPH_FORMATS"),
    "results": ("IRI", "Blank", "Text"),
    "ingest": ("ingest", "ingest_paths", "remove_documents", "IngestReport"),
}


def __getattr__(name: str) -> Any:
    """The names that moved out of this module, from where they live now (loaded on first use)."""
    import importlib

    for module, names in _MOVED.items():
        if name in names:
            return getattr(importlib.import_module(f"{__package__}.{module}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def sources(
    graphs: Any = (),
    *,
    store_dir: str | os.PathLike[str] | None = None,
    endpoint_url: str | None = None,
    graph: str | None = None,
) -> Any:
    """What to query: graph files, a store folder (``--store``) or a SPARQL server
    (``--endpoint``, credentials from the environment). Exactly one kind must be given."""
    given = [bool(graphs), store_dir is not None, endpoint_url is not None]
    if sum(given) != 1:
        raise TimelineError("give graph files, --store DIR or --endpoint URL (exactly one of them)")
    if store_dir is not None:
        return open_store(store_dir)
    if endpoint_url is not None:
        from .endpoint import connect

        return connect(endpoint_url, graph=graph)
    return list(graphs)
