"""Graph files in and out, SPARQL over them, and the persistent store with incremental ingest.

pyoxigraph is the query engine (20–150× faster than rdflib's and exact on ``xsd:date``
comparisons); rdflib is what the rest of timeline builds graphs with, so this module converts
between the two at the edges.

- :func:`read_graph` / :func:`write_graph` / :func:`serialize`: graph files (format from the
  extension), parse errors as ``GraphError("FILE: line L: problem")``.
- :func:`query`: SPARQL 1.1 over graph files, an open :class:`Store` or an
  :class:`timeline.endpoint.Endpoint`. The default graph is the data (over files: the merge of
  every file's triples, so ``COUNT(*)`` is the files' triple count); the ontology is the named
  graph ``<https://w3id.org/timeline-kg/ontology>`` (``GRAPH <…ontology> { ?type
  rdfs:subClassOf* tl:Event }``), or part of the default graph with ``with_ontology=True``.
  Values are bound with ``bindings`` (never formatted into the text by the caller).
- :func:`named_queries`: the queries shipped in ``timeline/queries/*.rq``.
- :func:`open_store` / :func:`ingest`: a folder holding an Oxigraph database with one named graph
  per document and one for the merged events; unchanged documents are skipped, changed ones
  replace their own graph, and the merge over all documents' mentions is recomputed after
  each ingest so the result never depends on the order documents arrived in.

>>> result = query([], "ASK { GRAPH <https://w3id.org/timeline-kg/ontology> { tl:Repatriation rdfs:subClassOf* tl:Event } }")
>>> result.boolean
True
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import json
import os
import re
import time
import types
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Union

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from . import rdf, storelock
from .errors import GraphError, QueryError, StoreError, TimelineError
from .fileio import atomic_write
from .model import Document, Event, MergedEvent
from .ontology import ONTOLOGY_GRAPH, ONTOLOGY_PATH, PREFIXES, TL_IRI
from .results import IRI, Blank, Text, to_csv, to_json, to_tsv

__all__ = [
    "IRI",
    "Blank",
    "Text",
    "IngestReport",
    "NamedQuery",
    "QueryResult",
    "Store",
    "convert_value",
    "ingest",
    "named_queries",
    "open_store",
    "parse_error_message",
    "query",
    "read_graph",
    "read_query_file",
    "ingest_paths",
    "remove_documents",
    "serialize",
    "sources",
    "to_rdflib",
    "write_graph",
]

XSD = "http://www.w3.org/2001/XMLSchema#"
QUERIES_DIR = resources.files(__package__).joinpath("queries")

# Formats ---------------------------------------------------------------------------------

_EXTENSIONS: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".turtle": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".n3": ox.RdfFormat.N3,
}
_FORMAT_NAMES: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "n-triples": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "n-quads": ox.RdfFormat.N_QUADS,
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "json-ld": ox.RdfFormat.JSON_LD,
    "jsonld": ox.RdfFormat.JSON_LD,
    "xml": ox.RdfFormat.RDF_XML,
    "rdf": ox.RdfFormat.RDF_XML,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "rdf/xml": ox.RdfFormat.RDF_XML,
    "n3": ox.RdfFormat.N3,
}
_RDFLIB_ONLY = {"longturtle", "pretty-xml", "hext"}
_QUAD_FORMATS = {ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG}


def _format_of_path(path: Path) -> ox.RdfFormat:
    fmt = _EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        known = " ".join(sorted(_EXTENSIONS))
        raise GraphError(f"{path}: unknown graph format {path.suffix or '(no extension)'!r}; known extensions: {known}")
    return fmt


def _format_named(fmt: str) -> ox.RdfFormat:
    found = _FORMAT_NAMES.get(fmt.lower())
    if found is None:
        known = ", ".join(["turtle", "nt", "nquads", "trig", "json-ld", "xml", "n3", *sorted(_RDFLIB_ONLY)])
        raise GraphError(f"unknown RDF format {fmt!r}; known: {known}")
    return found


# rdflib <-> pyoxigraph terms -------------------------------------------------------------


class _ToOx:
    """Converts rdflib terms to pyoxigraph terms, remembering IRIs and datatypes it has seen."""

    def __init__(self) -> None:
        self.nodes: dict[str, ox.NamedNode] = {}
        self.blanks: dict[str, ox.BlankNode] = {}
        self.derived: dict[str, str] = {}  # predicate → a derived integer datatype it was given

    def quad(self, s: Node, p: Node, o: Node, graph: Any) -> ox.Quad:
        if isinstance(o, Literal) and o.datatype is not None:
            datatype = str(o.datatype)
            if datatype in _DERIVED_INTEGERS:
                self.derived[str(p)] = datatype
        return ox.Quad(self.term(s), self.term(p), self.term(o), graph)

    def named(self, iri: str) -> ox.NamedNode:
        node = self.nodes.get(iri)
        if node is None:
            node = self.nodes[iri] = ox.NamedNode(iri)
        return node

    def term(self, term: Node) -> Any:
        if isinstance(term, URIRef):
            return self.named(str(term))
        if isinstance(term, Literal):
            if term.language:
                return ox.Literal(str(term), language=term.language)
            datatype = term.datatype
            if datatype is None:
                return ox.Literal(str(term))
            return ox.Literal(str(term), datatype=self.named(str(datatype)))
        if isinstance(term, BNode):
            blank = self.blanks.get(str(term))
            if blank is None:
                blank = self.blanks[str(term)] = ox.BlankNode()
            return blank
        raise GraphError(f"cannot store RDF term {term!r}")

    def graph_name(self, name: Node | None) -> Any:
        if name is None or str(name) == "urn:x-rdflib:default":
            return ox.DefaultGraph()
        return self.term(name)

    def quads(self, data: Graph, keep_graphs: bool) -> Iterator[ox.Quad]:
        term = self.term
        if keep_graphs and isinstance(data, Dataset):
            for s, p, o, g in data.quads((None, None, None, None)):
                yield ox.Quad(term(s), term(p), term(o), self.graph_name(g))
        else:
            default = ox.DefaultGraph()
            for s, p, o in data:
                yield ox.Quad(term(s), term(p), term(o), default)


class _ToRdflib:
    def __init__(self) -> None:
        self.iris: dict[str, URIRef] = {}
        self.datatypes: dict[str, URIRef] = {}

    def term(self, term: Any) -> Node:
        if isinstance(term, ox.NamedNode):
            iri = self.iris.get(term.value)
            if iri is None:
                iri = self.iris[term.value] = URIRef(term.value)
            return iri
        if isinstance(term, ox.Literal):
            if term.language:
                return Literal(term.value, lang=term.language)
            dt = term.datatype.value
            if dt == XSD + "string":
                return Literal(term.value)
            datatype = self.datatypes.get(dt)
            if datatype is None:
                datatype = self.datatypes[dt] = URIRef(dt)
            return Literal(term.value, datatype=datatype)
        if isinstance(term, ox.BlankNode):
            return BNode(term.value)
        raise GraphError(f"cannot convert RDF term {term!r}")


class _Sink:
    """Collects the triples ``rdf.add_*`` write, without the cost of an rdflib graph."""

    def __init__(self) -> None:
        self.triples: list[tuple[Node, Node, Node]] = []

    def add(self, triple: tuple[Node, Node, Node]) -> None:
        self.triples.append(triple)

    def as_graph(self) -> Graph:
        return typing.cast(Graph, self)


# Reading graph files ---------------------------------------------------------------------


def _parse_problem(error: BaseException) -> tuple[int | None, str]:
    message = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    line = getattr(error, "lineno", None)
    match = re.match(r"Parser error at line (\d+) column (\d+): (.*)", message)
    if match:
        line = int(match.group(1))
        message = match.group(3)
    message = re.sub(r"\s*\((?:[^()]*, )?line \d+\)$", "", message)
    return line, message


def _graph_error(path: Path | str, error: BaseException) -> GraphError:
    line, problem = _parse_problem(error)
    where = f"{path}: line {line}: " if line else f"{path}: "
    return GraphError(where + problem)


def _check_file(path: Path) -> None:
    if not path.exists():
        raise GraphError(f"{path}: no such file")
    if path.is_dir():
        raise GraphError(f"{path}: is a folder, not a graph file")


def _load_file(target: ox.Store, path: Path) -> None:
    """Parse one graph file into ``target`` for querying (quads formats keep their graphs).

    The Oxigraph store keeps values, not always their spelling (``"7"^^xsd:nonNegativeInteger``
    is stored as ``"7"^^xsd:integer``), which is right for queries; :func:`_parse_file` is the
    lossless reader for everything else.
    """
    _check_file(path)
    fmt = _format_of_path(path)
    try:
        if fmt in _QUAD_FORMATS:
            target.load(path=str(path), format=fmt)
        else:
            target.load(path=str(path), format=fmt, to_graph=ox.DefaultGraph())
    except SyntaxError as error:
        fallback = _rdflib_fallback(path, fmt)
        if fallback is None:
            raise _graph_error(path, error) from None
        target.extend(_ToOx().quads(fallback, keep_graphs=False))
    except UnicodeDecodeError as error:
        raise GraphError(f"{path}: not UTF-8 text ({error.reason} at byte {error.start})") from None
    except OSError as error:
        raise GraphError(f"{path}: {error.strerror or error}") from None


def _parse_file(path: Path) -> list[ox.Quad]:
    """Every quad of one graph file, exactly as written (graph names kept for TriG/N-Quads)."""
    _check_file(path)
    fmt = _format_of_path(path)
    try:
        return list(ox.parse(path=str(path), format=fmt))
    except SyntaxError as error:
        fallback = _rdflib_fallback(path, fmt)
        if fallback is None:
            raise _graph_error(path, error) from None
        return list(_ToOx().quads(fallback, keep_graphs=False))
    except UnicodeDecodeError as error:
        raise GraphError(f"{path}: not UTF-8 text ({error.reason} at byte {error.start})") from None
    except OSError as error:
        raise GraphError(f"{path}: {error.strerror or error}") from None


def _rdflib_fallback(path: Path, fmt: ox.RdfFormat) -> Graph | None:
    """rdflib reads a few things Oxigraph does not (e.g. some JSON-LD contexts); try it."""
    name = {ox.RdfFormat.JSON_LD: "json-ld", ox.RdfFormat.RDF_XML: "xml", ox.RdfFormat.N3: "n3"}.get(fmt)
    if name is None:
        return None
    try:
        return Graph().parse(str(path), format=name)
    except Exception:  # noqa: BLE001 - the Oxigraph error is the one reported
        return None


def _load_ontology(target: ox.Store, graph: Any = None) -> None:
    """The ontology into ``graph`` (default: its own named graph, :data:`ONTOLOGY_GRAPH`)."""
    graph = ox.NamedNode(ONTOLOGY_GRAPH) if graph is None else graph
    target.load(ONTOLOGY_PATH.read_bytes(), format=ox.RdfFormat.TURTLE, to_graph=graph)


def _ox_of_files(paths: Sequence[str | os.PathLike[str]], *, ontology: bool, with_ontology: bool = False) -> ox.Store:
    """The files in one store to query: every triple in the default graph (TriG and N-Quads
    files keep their named graphs too), the ontology in its named graph (and, with
    ``with_ontology``, in the default graph)."""
    target = ox.Store()
    for item in paths:
        _load_file(target, Path(item))
    named = [q for q in target if not isinstance(q.graph_name, ox.DefaultGraph)]
    if named:
        default = ox.DefaultGraph()
        target.extend([ox.Quad(q.subject, q.predicate, q.object, default) for q in named])
    if ontology:
        _load_ontology(target)
    if with_ontology:
        _load_ontology(target, ox.DefaultGraph())
    return target


def _bound(graph: Graph) -> Graph:
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True, replace=True)
    return graph


def read_graph(paths: Sequence[str | os.PathLike[str]] | str | os.PathLike[str] | Store) -> Graph:
    """The union of the graph files ``paths`` as one rdflib Graph (format from each extension).

    A file that does not parse raises ``GraphError("FILE: line L: problem")``; a missing file
    raises GraphError too. Parsing is done by Oxigraph (≈10× faster than rdflib's parsers) and
    keeps every literal as written. A :class:`Store` gives its documents and events
    (see :func:`to_rdflib`).
    """
    if isinstance(paths, Store):
        return to_rdflib(paths)
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    graph = _bound(Graph())
    convert = _ToRdflib().term
    add = graph.add
    for item in paths:
        for quad in _parse_file(Path(item)):
            add((convert(quad.subject), convert(quad.predicate), convert(quad.object)))
    return graph


# Writing graph files ---------------------------------------------------------------------


def _quads_of(data: Any, keep_graphs: bool) -> list[ox.Quad]:
    """The quads of ``data`` (rdflib Graph/Dataset, Store, or quads), graphs dropped unless kept."""
    if isinstance(data, Store):
        quads = data._export_quads()
    elif isinstance(data, Graph):
        quads = list(_ToOx().quads(data, keep_graphs=keep_graphs))
    elif isinstance(data, ox.Store):
        quads = [q for q in data]
    elif isinstance(data, (list, tuple)):
        default = ox.DefaultGraph()
        quads = [q if isinstance(q, ox.Quad) else ox.Quad(q.subject, q.predicate, q.object, default) for q in data]
    else:
        raise GraphError(f"cannot write {type(data).__name__} as RDF")
    if not keep_graphs:
        default = ox.DefaultGraph()
        quads = list({ox.Quad(q.subject, q.predicate, q.object, default): None for q in quads})
    return quads


def _sort_key(quad: ox.Quad) -> tuple[str, str, str, str]:
    graph = quad.graph_name
    return ("" if isinstance(graph, ox.DefaultGraph) else str(graph), str(quad.subject), str(quad.predicate), str(quad.object))


def _dump(data: Any, fmt: ox.RdfFormat) -> bytes:
    quads = _quads_of(data, keep_graphs=fmt in _QUAD_FORMATS)
    quads.sort(key=_sort_key)  # subjects together (readable Turtle) and the same bytes every time
    prefixes = None
    if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.N3, ox.RdfFormat.RDF_XML):
        # id: names resources with slashes, which Turtle would have to escape (id:doc\/x): spell them out
        prefixes = {name: iri for name, iri in PREFIXES.items() if name != "id"}
    items: list[Any] = quads if fmt in _QUAD_FORMATS else [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
    try:
        out = ox.serialize(items, format=fmt, prefixes=prefixes)
    except (OSError, ValueError) as error:
        raise GraphError(f"cannot write {fmt.name}: {error}") from None
    return typing.cast(bytes, out)


def serialize(data: Any, fmt: str = "turtle") -> str:
    """``data`` (an rdflib Graph or Dataset, or a Store) as text in ``fmt``.

    ``fmt``: turtle, nt, nquads, trig, json-ld (also xml, n3, and rdflib's longturtle).
    TriG and N-Quads keep named graphs; the other formats get the union of all graphs.
    Output is sorted, so the same graph always gives the same text.
    """
    if fmt in _RDFLIB_ONLY:
        graph = to_rdflib(data) if isinstance(data, Store) else data
        return typing.cast(str, graph.serialize(format=fmt))
    return _dump(data, _format_named(fmt)).decode("utf-8")


def write_graph(data: Any, path: str | os.PathLike[str], fmt: str | None = None) -> None:
    """Write ``data`` to ``path`` atomically, in ``fmt`` or the format its extension names."""
    target = Path(path)
    if fmt is None:
        atomic_write(target, _dump(data, _format_of_path(target)))
    else:
        atomic_write(target, serialize(data, fmt))


# Query results ---------------------------------------------------------------------------


_INTEGER_TYPES = {
    XSD + name
    for name in (
        "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
        "negativeInteger", "nonPositiveInteger", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte",
    )
}
_FLOAT_TYPES = {XSD + "double", XSD + "float"}
_DERIVED_INTEGERS = _INTEGER_TYPES - {XSD + "integer"}


def convert_value(kind: str, value: str, datatype: str | None = None, language: str | None = None) -> Any:
    """One RDF term as a plain Python value: IRIs as :class:`IRI`, numbers as int/float/Decimal,
    booleans as bool, ``xsd:date`` as :class:`datetime.date`, plain strings as ``str``, other
    literals as :class:`Text` (keeping their language or datatype), blank nodes as :class:`Blank`.

    >>> convert_value("literal", "2020-01-31", "http://www.w3.org/2001/XMLSchema#date")
    datetime.date(2020, 1, 31)
    """
    if kind == "uri":
        return IRI(value)
    if kind == "bnode":
        return Blank(f"_:{value}")
    if language:
        return Text(value, language=language)
    if datatype is None or datatype == XSD + "string":
        return value
    try:
        if datatype in _INTEGER_TYPES:
            return int(value)
        if datatype in _FLOAT_TYPES:
            return float(value)
        if datatype == XSD + "decimal":
            return Decimal(value)
        if datatype == XSD + "boolean":
            return value in ("true", "1")
        if datatype == XSD + "date" and len(value) == 10:
            return date.fromisoformat(value)
        if datatype == XSD + "dateTime":
            return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except (ValueError, InvalidOperation):
        return Text(value, datatype=datatype)
    return Text(value, datatype=datatype)


def _ox_value(term: Any) -> Any:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return IRI(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Text(term.value, language=term.language)
        return convert_value("literal", term.value, term.datatype.value)
    if isinstance(term, ox.BlankNode):
        return Blank(f"_:{term.value}")
    return str(term)


@lru_cache(maxsize=1)
def _prefixes_by_length() -> list[tuple[str, str]]:
    return sorted(((iri, name) for name, iri in PREFIXES.items()), key=lambda item: -len(item[0]))


def shorten(iri: str) -> str:
    """An IRI with a known prefix written as ``prefix:rest``.

    >>> shorten("https://w3id.org/timeline-kg/ontology#Repatriation")
    'tl:Repatriation'
    """
    for namespace, name in _prefixes_by_length():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{name}:{iri[len(namespace):]}"
    return f"<{iri}>"


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


RESULT_FORMATS = ("table", "json", "csv", "tsv")
"""What a SELECT or ASK result prints as (json, csv, tsv: the W3C SPARQL 1.1 results formats)."""
GRAPH_FORMATS = ("turtle", "nt", "json-ld", "rdfxml", "trig", "nquads")
"""What a CONSTRUCT or DESCRIBE result prints as (or a table)."""
_WRITERS = {"json": to_json, "csv": to_csv, "tsv": to_tsv}


@dataclass
class QueryResult:
    """Rows of plain Python values (None where a variable is unbound).

    ``kind`` is ``select``, ``ask`` (one row, column ``result``; also ``boolean``) or ``graph``
    (CONSTRUCT/DESCRIBE: rows of subject, predicate, object; ``format("turtle")`` gives RDF).
    """

    columns: list[str]
    rows: list[tuple[Any, ...]]
    kind: str = "select"
    boolean: bool | None = None
    ntriples: str | None = None
    warnings: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.rows)

    def records(self) -> list[dict[str, Any]]:
        """The rows as dicts keyed by column."""
        return [dict(zip(self.columns, row)) for row in self.rows]

    def format(self, kind: str | None = None, *, width: int = 60) -> str:
        """The result as text in ``kind``: for SELECT and ASK, ``table`` (aligned, IRIs
        shortened; the default) or a W3C SPARQL 1.1 results format, ``json``, ``csv``, ``tsv``;
        for CONSTRUCT and DESCRIBE, RDF (``turtle``, the default, or ``nt``, ``json-ld``,
        ``rdfxml``, ``trig``, ``nquads``) or ``table``. ``width`` caps a table cell (longer
        text ends in …)."""
        kind = kind or ("turtle" if self.kind == "graph" else "table")
        if kind in _WRITERS:
            if self.kind == "graph":
                raise QueryError(
                    f"--format {kind} is for SELECT and ASK results; a CONSTRUCT or DESCRIBE query gives RDF: "
                    f"{', '.join(GRAPH_FORMATS)} (or table)"
                )
            return _WRITERS[kind](self.columns, self.rows, self.boolean if self.kind == "ask" else None)
        if kind in GRAPH_FORMATS or kind in _FORMAT_NAMES:
            if self.ntriples is None:
                raise QueryError(f"--format {kind} needs a CONSTRUCT or DESCRIBE query; SELECT and ASK results: {', '.join(RESULT_FORMATS)}")
            loaded = list(ox.parse(self.ntriples, format=ox.RdfFormat.N_TRIPLES))
            return _dump(loaded, _format_named(kind)).decode("utf-8")
        if kind != "table":
            raise QueryError(f"unknown result format {kind!r}; known: {', '.join(RESULT_FORMATS + GRAPH_FORMATS)}")
        if self.kind == "ask":
            return "yes" if self.boolean else "no"
        return self._table(width)

    def _table(self, width: int) -> str:
        def cell(value: Any) -> str:
            text = shorten(value) if isinstance(value, IRI) else _text(value)
            text = " ".join(text.split())
            return text if len(text) <= width else text[: width - 1] + "…"

        cells = [[cell(v) for v in row] for row in self.rows]
        widths = [len(c) for c in self.columns]
        for row in cells:
            for i, text in enumerate(row):
                widths[i] = max(widths[i], len(text))
        lines = ["  ".join(c.ljust(w) for c, w in zip(self.columns, widths)).rstrip()]
        lines.append("  ".join("-" * w for w in widths))
        lines += ["  ".join(t.ljust(w) for t, w in zip(row, widths)).rstrip() for row in cells]
        lines.append(f"({len(self.rows)} row{'s' if len(self.rows) != 1 else ''})")
        return "\n".join(lines)


# Query text ------------------------------------------------------------------------------


@dataclass(frozen=True)
class NamedQuery:
    """A query shipped with timeline: ``timeline/queries/NAME.rq``.

    ``description`` is its first ``# `` comment line; ``params`` the variables it expects to be
    bound (``# param NAME: what it is`` lines), as (name, description) pairs.
    """

    name: str
    description: str
    text: str
    params: tuple[tuple[str, str], ...] = ()


def named_queries() -> dict[str, NamedQuery]:
    """The shipped queries by name, sorted.

    >>> "events" in named_queries()
    True
    """
    found: dict[str, NamedQuery] = {}
    for path in sorted((p for p in QUERIES_DIR.iterdir() if p.name.endswith(".rq")), key=lambda p: p.name):
        text = path.read_text(encoding="utf-8")
        description = ""
        params: list[tuple[str, str]] = []
        for line in text.splitlines():
            if not line.startswith("#"):
                break
            body = line.lstrip("#").strip()
            match = re.match(r"param\s+\??(\w+)\s*:\s*(.*)", body)
            if match:
                params.append((match.group(1), match.group(2)))
            elif not description and body:
                description = body
        name = path.name.removesuffix(".rq")
        found[name] = NamedQuery(name, description, text, tuple(params))
    return found


def read_query_file(path: str | os.PathLike[str]) -> str:
    """The text of a ``.rq`` file; QueryError naming the file when it cannot be read."""
    target = Path(path)
    try:
        return target.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise QueryError(f"{target}: no such query file") from None
    except UnicodeDecodeError:
        raise QueryError(f"{target}: not UTF-8 text") from None
    except OSError as error:
        raise QueryError(f"{target}: {error.strerror or error}") from None


def parse_error_message(error: BaseException, sparql: str, source: str = "query") -> str:
    """The one-line message for a malformed query: ``query: line L, column C: problem``.

    >>> parse_error_message(SyntaxError('error at 1:27: expected one of "}"'), "SELECT * WHERE { ?s ?p ?o ")
    'query: line 1, column 27: expected "}"'
    """
    text = str(error).strip()
    match = re.match(r"error at (\d+):(\d+): (.*)", text, re.S)
    if not match:
        return f"{source}: {' '.join(text.split())}"
    line, column, problem = int(match.group(1)), int(match.group(2)), " ".join(match.group(3).split())
    lines = sparql.splitlines() or [""]
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    if "Prefix not found" in problem:
        before = here[: max(column - 1, 0)]
        name = re.search(r"([A-Za-z][\w.-]*)?:[\w.-]*$", before)
        prefix = (name.group(1) or "") if name else "?"
        problem = f"undefined prefix {prefix + ':'!r} (known without PREFIX: {', '.join(sorted(PREFIXES))})"
    else:
        expected = re.match(r"expected one of (.*)", problem)
        if expected:
            options = re.findall(r'"([^"]+)"', expected.group(1))
            problem = "expected " + " or ".join(repr(o) for o in options[:6]) if options else "unexpected input"
            problem = problem.replace("'", '"')
        if len(problem) > 160:
            problem = problem[:157] + "…"
    near = here[max(column - 1, 0) :].strip()[:30]
    if near and "undefined prefix" not in problem:
        problem += f" near {near!r}"
    elif column > len(here) and line >= len(lines):
        problem += " at the end of the query" if "expected" in problem else ""
    return f"{source}: line {line}, column {column}: {problem}"


_STRINGY = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
    r"|<[^<>\"{}|^`\\\x00-\x20]*>|#[^\n]*",
    re.S,
)


def _code_only(sparql: str, *, keep_iris: bool = False) -> str:
    """The query with strings, comments and (unless ``keep_iris``) IRIs blanked out, same length,
    to find keywords and variables."""

    def blank(match: re.Match[str]) -> str:
        text = match.group(0)
        return text if keep_iris and text.startswith("<") else " " * len(text)

    return _STRINGY.sub(blank, sparql)


def _binding_term(value: Any) -> Any:
    """A binding value as an RDF term: dates → xsd:date, numbers, IRIs (``<…>``, ``http…``,
    ``prefix:name`` with a known prefix), else a plain string."""
    if isinstance(value, (ox.NamedNode, ox.Literal, ox.BlankNode)):
        return value
    if isinstance(value, URIRef):
        return ox.NamedNode(str(value))
    if isinstance(value, Literal):
        return _ToOx().term(value)
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=ox.NamedNode(XSD + "boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(XSD + "integer"))
    if isinstance(value, float):
        return ox.Literal(repr(value), datatype=ox.NamedNode(XSD + "double"))
    if isinstance(value, datetime):
        return ox.Literal(value.isoformat(), datatype=ox.NamedNode(XSD + "dateTime"))
    if isinstance(value, date):
        return ox.Literal(value.isoformat(), datatype=ox.NamedNode(XSD + "date"))
    text = str(value)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            date.fromisoformat(text)
        except ValueError:
            raise QueryError(f"{text!r} is not a calendar date (YYYY-MM-DD)") from None
        return ox.Literal(text, datatype=ox.NamedNode(XSD + "date"))
    if re.fullmatch(r"-?\d+", text):
        return ox.Literal(text, datatype=ox.NamedNode(XSD + "integer"))
    if re.fullmatch(r"-?\d+\.\d+", text):
        return ox.Literal(text, datatype=ox.NamedNode(XSD + "decimal"))
    if text.startswith("<") and text.endswith(">"):
        return ox.NamedNode(text[1:-1])
    if re.match(r"https?://\S+$", text) or text.startswith("urn:"):
        return ox.NamedNode(text)
    match = re.fullmatch(r"([A-Za-z][\w-]*):([\w.\-/#]*)", text)
    if match and match.group(1) in PREFIXES:
        return ox.NamedNode(PREFIXES[match.group(1)] + match.group(2))
    return ox.Literal(text)


def bind_values(sparql: str, bindings: Mapping[str, Any]) -> str:
    """The query with a ``VALUES`` block binding ``bindings`` at the start of its WHERE group.

    Values become RDF terms serialised by Oxigraph (escaped), never pasted text, so a value
    cannot change the query's shape. A name the query does not use raises QueryError.

    >>> bind_values("SELECT ?e WHERE { ?e ?p ?d FILTER(?d >= ?from) }", {"from": "2020-01-01"})
    'SELECT ?e WHERE { VALUES (?from) { ("2020-01-01"^^<http://www.w3.org/2001/XMLSchema#date>) } ?e ?p ?d FILTER(?d >= ?from) }'
    """
    if not bindings:
        return sparql
    code = _code_only(sparql)
    used = set(re.findall(r"[?$](\w+)", code))
    for name in bindings:
        if not re.fullmatch(r"\w+", name):
            raise QueryError(f"--param {name!r}: a variable name is letters, digits and _")
        if name not in used:
            raise QueryError(f"the query has no variable ?{name} to bind; its variables: {', '.join(sorted(used)) or 'none'}")
    where = re.search(r"\bWHERE\s*\{", code, re.I)
    brace = where.end() if where else code.find("{") + 1
    if brace <= 0:
        raise QueryError("query: cannot bind parameters: the query has no { … } group")
    names = " ".join(f"?{n}" for n in bindings)
    terms = []
    for name, value in bindings.items():
        try:
            terms.append(str(_binding_term(value)))
        except ValueError as error:  # "<a b>", "urn:x y": IRI-like but not an IRI
            raise QueryError(f"--param {name}={str(value)[:80]!r}: not a valid IRI ({error})") from None
    values = " ".join(terms)
    return f"{sparql[:brace]} VALUES ({names}) {{ ({values}) }}{sparql[brace:]}"


def _resolve(sparql: str) -> tuple[str, str]:
    """``(text, source name)``: a bare name of a shipped query is replaced by its text."""
    if re.fullmatch(r"[A-Za-z][\w-]*", sparql.strip()):
        named = named_queries()
        if sparql.strip() in named:
            return named[sparql.strip()].text, sparql.strip()
        raise QueryError(f"no named query {sparql.strip()!r}; available: {', '.join(sorted(named))}")
    return sparql, "query"


def _check_params(sparql: str, bindings: Mapping[str, Any]) -> None:
    for item in named_queries().values():
        if item.text == sparql:
            missing = [name for name, _ in item.params if name not in bindings]
            if missing:
                wanted = " ".join(f"--param {n}=…" for n in missing)
                hints = "; ".join(f"{n}: {d}" for n, d in item.params)
                raise QueryError(f"query {item.name!r} needs {wanted} ({hints})")


def _run_ox(target: ox.Store, sparql: str, source: str, *, union: bool = True) -> QueryResult:
    try:
        answer = target.query(sparql, use_default_graph_as_union=union, prefixes=dict(PREFIXES))
    except SyntaxError as error:
        raise QueryError(parse_error_message(error, sparql, source)) from None
    except (RuntimeError, ValueError, OSError) as error:
        raise QueryError(f"{source}: {' '.join(str(error).split())}") from None
    return _result_of(answer)


def _result_of(answer: Any) -> QueryResult:
    if isinstance(answer, ox.QueryBoolean):
        value = bool(answer)
        return QueryResult(["result"], [(value,)], kind="ask", boolean=value)
    if isinstance(answer, ox.QueryTriples):
        triples = list(answer)
        rows = [(_ox_value(t.subject), _ox_value(t.predicate), _ox_value(t.object)) for t in triples]
        text = "".join(f"{t} .\n" for t in triples)
        return QueryResult(["subject", "predicate", "object"], rows, kind="graph", ntriples=text)
    columns = [v.value for v in answer.variables]
    return QueryResult(columns, _rows_of(answer))


def _rows_of(answer: Any) -> list[tuple[Any, ...]]:
    """Solutions as tuples of Python values.

    A solution is read as a tuple (by position: looking values up by Variable costs more than
    the engine at 10⁴ rows), and each distinct term is converted once (results repeat types,
    documents, dates and labels a lot).
    """
    converted: dict[Any, Any] = {}
    rows = []
    append = rows.append
    for solution in answer:
        row = []
        for term in tuple(solution):
            try:
                value = converted[term]
            except KeyError:
                value = converted[term] = _ox_value(term)
            except TypeError:  # an unhashable term
                value = _ox_value(term)
            row.append(value)
        append(tuple(row))
    return rows


def query(sources: Any, sparql: str, *, bindings: Mapping[str, Any] | None = None, with_ontology: bool = False) -> QueryResult:
    """Run SPARQL 1.1 over ``sources``, with the ontology as the named graph
    ``<https://w3id.org/timeline-kg/ontology>``.

    ``sources``: graph file paths, an rdflib Graph, an open :class:`Store`, or a
    :class:`timeline.endpoint.Endpoint`. ``sparql``: query text (timeline's prefixes may be
    used without PREFIX lines) or the name of a shipped query. ``bindings`` binds variables to
    values (``{"from": "2020-01-01"}`` → ``xsd:date``). Over files the default graph is every
    triple of the files and nothing else (``with_ontology`` adds the ontology's); over a store
    or a server it is the union of all their graphs (the ontology's graph included, as SPARQL
    servers do). Malformed SPARQL raises ``QueryError("query: line L, column C: problem")``.
    """
    sparql, source = _resolve(sparql)
    bindings = dict(bindings or {})
    _check_params(sparql, bindings)
    if _is_endpoint(sources):
        return typing.cast(QueryResult, sources.query(sparql, bindings=bindings))
    text = bind_values(sparql, bindings)
    if isinstance(sources, Store):
        return sources._query(text, source)
    if isinstance(sources, Graph):  # an rdflib Graph in memory: run by Oxigraph all the same
        target = _ox_of_files([], ontology=True, with_ontology=with_ontology)
        target.extend(_ToOx().quads(sources, keep_graphs=False))
        return _run_ox(target, text, source, union=False)
    if isinstance(sources, (str, os.PathLike)):
        sources = [sources]
    target = _ox_of_files(list(sources), ontology=True, with_ontology=with_ontology)
    return _run_ox(target, text, source, union=False)


def _is_endpoint(sources: Any) -> bool:
    return type(sources).__module__ == f"{__package__}.endpoint" and type(sources).__name__ == "Endpoint"


# Kept results of named queries -----------------------------------------------------------
#
# A store changes only through ingest, so the rows of a shipped query stay valid until the
# next one. They are kept in ``results/`` as JSON (never pickle: a store folder may come from
# elsewhere), one column at a time with how to rebuild its values, and looked up by the query
# text (with its bound values) and the identity of ``index.json``, which every write replaces.

_RESULTS_FORMAT = 3
_RESULTS_KEPT = 64  # files; the oldest go first (in-range with many ranges)


def _encode_column(values: list[Any]) -> list[Any]:
    """``[codec, distinct values, index of each row's value]``: results repeat types,
    documents, dates and labels, and rebuilding each distinct value once is what makes reading
    back fast."""
    seen: dict[tuple[type, Any], int] = {}
    distinct: list[Any] = []
    indices = []
    for value in values:
        key = (type(value), value)  # IRI("x") == "x" and True == 1: keep them apart
        at = seen.get(key)
        if at is None:
            at = seen[key] = len(distinct)
            distinct.append(value)
        indices.append(at)
    kinds = {type(v) for v in distinct if v is not None}
    if kinds in ({str}, {int}, set()):
        return ["plain", distinct, indices]
    if kinds == {IRI}:
        return ["iri", [None if v is None else str(v) for v in distinct], indices]
    if kinds == {date}:
        return ["date", [None if v is None else v.isoformat() for v in distinct], indices]
    return ["tagged", [_tag(v) for v in distinct], indices]


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


def _decode_column(codec: str, distinct: list[Any], indices: list[int]) -> list[Any]:
    if codec == "plain":
        values = distinct
    elif codec == "iri":
        values = [None if v is None else IRI(v) for v in distinct]
    elif codec == "date":
        values = [None if v is None else date.fromisoformat(v) for v in distinct]
    elif codec == "tagged":
        values = [None if v is None else _UNTAG[v[0]](v[1]) for v in distinct]
    else:
        raise ValueError(f"unknown column codec {codec!r}")
    return list(map(values.__getitem__, indices))


def _result_payload(result: QueryResult) -> str | None:
    if result.kind != "select" or not result.columns or result.warnings:
        return None
    try:
        if result.rows:
            columns = [_encode_column(list(col)) for col in zip(*result.rows)]
        else:
            columns = [["plain", [], []] for _ in result.columns]
    except TypeError:
        return None
    return json.dumps({"format": _RESULTS_FORMAT, "columns": result.columns, "rows": len(result.rows), "data": columns},
                      ensure_ascii=False, separators=(",", ":"))


def _result_from_payload(text: str) -> QueryResult:
    payload = json.loads(text)
    if payload.get("format") != _RESULTS_FORMAT:
        raise ValueError("other format")
    columns = payload["columns"]
    collecting = gc.isenabled()
    gc.disable()  # hundreds of thousands of new objects, none of them in a cycle
    try:
        data = [_decode_column(codec, distinct, indices) for codec, distinct, indices in payload["data"]]
        if len(data) != len(columns) or any(len(col) != payload["rows"] for col in data):
            raise ValueError("truncated")
        rows = list(zip(*data)) if payload["rows"] else []
    finally:
        if collecting:
            gc.enable()
    return QueryResult(list(columns), rows)


# The persistent store --------------------------------------------------------------------

_INDEX_VERSION = 1
_COUNT_DATA = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{ONTOLOGY_GRAPH}>) }}"
_MODEL_FIELDS = ",".join(f"{cls.__name__}({','.join(f.name for f in dataclasses.fields(cls))})" for cls in (Document, Event))


def _sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _slug(text: str) -> str:
    base = re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-")[:60] or "doc"
    return f"{base}-{_sha1(text)[:10]}"


class Store:
    """A store folder: an Oxigraph database plus the extracted mentions of each document.

    Layout: ``oxigraph/`` (the database: one named graph per document, ``id:graph/events``
    for merged events, actors and places, and the ontology in the default graph),
    ``mentions/`` (one JSON file per document: the document and its event mentions, so merges
    can be recomputed without re-extracting), ``index.json`` (each document's sha256 and
    what is written for it), ``results/`` (the rows of shipped queries, kept until the next
    ingest: a named query over 10⁶ triples takes seconds in the engine, reading its rows
    back milliseconds) and ``lock`` (readers share it, an ingest holds it alone).

    Open with :func:`open_store`; use as a context manager or call :meth:`close`.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._ox: ox.Store | None = None
        self._writable = False
        self._lock_file: Any = None
        self._index: dict[str, Any] | None = None

    # life cycle

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    def close(self) -> None:
        """Release the database and the lock."""
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
        return (self.path / "index.json").is_file()

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
        self._forget_results()
        if not self.exists:
            self._index = {"version": _INDEX_VERSION, "model": _MODEL_FIELDS, "ontology": "", "dirty": False,
                           "documents": {}, "events": {}, "entities": {}}
            self._save_index()
        index = self.index
        ontology = hashlib.sha256(f"<{ONTOLOGY_GRAPH}>\n".encode() + ONTOLOGY_PATH.read_bytes()).hexdigest()
        if index.get("ontology") != ontology:
            target.clear_graph(ox.DefaultGraph())  # where earlier stores kept it
            target.remove_graph(ox.NamedNode(ONTOLOGY_GRAPH))
            _load_ontology(target)
            index["ontology"] = ontology
            self._save_index()
        return target

    # queries

    def _query(self, sparql: str, source: str) -> QueryResult:
        """Run a query; a shipped one (``source`` is its name) answers from its kept rows when
        the store has not changed since they were computed."""
        if not self.exists:
            raise StoreError(f"{self.path}: no store here (create one with `timeline ingest --store {self.path} FILES`)")
        self._lock(exclusive=self._writable)  # no ingest writes while the kept rows are read
        unfinished = storelock.unfinished_ingest(self.path)
        result = self._answer(sparql, source)
        return replace(result, warnings=[*result.warnings, unfinished]) if unfinished else result

    def _answer(self, sparql: str, source: str) -> QueryResult:
        if source == "query":
            with self._reading() as target:
                return _run_ox(target, sparql, source)
        path = self._result_path(sparql)
        if path is not None:
            try:
                return _result_from_payload(path.read_text(encoding="utf-8"))
            except FileNotFoundError:
                pass
            except (OSError, ValueError, KeyError, TypeError, IndexError):
                pass  # unreadable or from another version: computed again
        with self._reading() as target:
            result = _run_ox(target, sparql, source)
        if path is not None:
            self._keep_result(path, result)
        return result

    def _result_path(self, sparql: str) -> Path | None:
        try:
            info = (self.path / "index.json").stat()
        except OSError:
            return None
        key = _sha1(repr((_RESULTS_FORMAT, info.st_ino, info.st_mtime_ns, info.st_size, sparql)))
        return self.path / "results" / f"{key}.json"

    def _keep_result(self, path: Path, result: QueryResult) -> None:
        payload = _result_payload(result)
        if payload is None:
            return
        try:
            atomic_write(path, payload)
            kept = sorted(path.parent.glob("*.json"), key=lambda p: p.stat().st_mtime_ns)
            for old in kept[: max(0, len(kept) - _RESULTS_KEPT)]:
                old.unlink(missing_ok=True)
        except OSError:
            pass  # a read-only store folder: answer without keeping

    def _forget_results(self) -> None:
        folder = self.path / "results"
        if folder.is_dir():
            for item in folder.glob("*.json"):
                item.unlink(missing_ok=True)

    # the index

    @property
    def index(self) -> dict[str, Any]:
        if self._index is None:
            try:
                self._index = json.loads((self.path / "index.json").read_text(encoding="utf-8"))
            except (OSError, ValueError) as error:
                raise StoreError(f"{self.path}/index.json: cannot read the store index ({error})") from None
            if self._index.get("version") != _INDEX_VERSION:
                raise StoreError(f"{self.path}: store format {self._index.get('version')} is not {_INDEX_VERSION}; re-ingest into a new store")
        return self._index

    def _save_index(self) -> None:
        atomic_write(self.path / "index.json", json.dumps(self.index, indent=0, sort_keys=True))

    def documents(self) -> dict[str, str]:
        """The ids of the documents in the store and their sha256."""
        if not self.exists:
            return {}
        return {doc_id: entry["sha256"] for doc_id, entry in self.index["documents"].items()}

    def __len__(self) -> int:
        """The number of triples in documents' and the events graph (the ontology not counted)."""
        with self._reading() as target:
            answer = target.query(_COUNT_DATA)
            return int(next(iter(answer))["n"].value)

    def _export_quads(self) -> list[ox.Quad]:
        """The documents' and events' quads (not the ontology), with literal datatypes as written.

        The database stores ``"7"^^xsd:nonNegativeInteger`` as ``"7"^^xsd:integer``; the index
        remembers which predicates had a derived integer type and this puts it back.
        """
        restore = {p: ox.NamedNode(d) for p, d in (self.index.get("datatypes") or {}).items()}
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

    # mentions cache

    def _cache_path(self, name: str) -> Path:
        return self.path / "mentions" / name

    def _write_mentions(self, doc: Document, events: Sequence[Event]) -> str:
        name = f"{_slug(doc.id)}.json"
        payload = {"model": _MODEL_FIELDS, "document": _encode(doc), "events": [_encode(e) for e in events]}
        atomic_write(self._cache_path(name), json.dumps(payload, ensure_ascii=False, separators=(",", ":")))
        return name

    def _read_mentions(self, name: str) -> tuple[Document, list[Event]]:
        try:
            payload = json.loads(self._cache_path(name).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise StoreError(f"{self._cache_path(name)}: cannot read cached mentions ({error}); re-ingest into a new store") from None
        return _decode(Document, payload["document"]), [_decode(Event, e) for e in payload["events"]]


class _Reading:
    def __init__(self, target: ox.Store) -> None:
        self.target = target

    def __enter__(self) -> ox.Store:
        return self.target

    def __exit__(self, *exc: object) -> None:
        return None


def open_store(path: str | os.PathLike[str]) -> Store:
    """The store in folder ``path``: created by the first :func:`ingest`, read by :func:`query`.

    Readers share the store; an ingest holds it alone (a second one gets a clear StoreError).
    """
    target = Path(path)
    if target.exists() and not target.is_dir():
        raise StoreError(f"{target}: is a file, not a store folder")
    return Store(target)


def to_rdflib(data: Store, *, dataset: bool = False) -> Graph:
    """A store's documents, events and evidence as an rdflib Graph (or Dataset with its named
    graphs), without the ontology."""
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


# Dataclasses <-> JSON (the mentions cache) -----------------------------------------------


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (tuple, list)):
        return [_encode(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


@lru_cache(maxsize=None)
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _decode(tp: Any, data: Any) -> Any:
    if data is None:
        return None
    origin = typing.get_origin(tp)
    if origin is Union or origin is types.UnionType:
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        return _decode(options[0], data)
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], item) for item in data)
        return tuple(_decode(a, item) for a, item in zip(args, data))
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        return tp(**{name: _decode(hints[name], item) for name, item in data.items() if name in hints})
    if tp is date:
        return date.fromisoformat(data)
    if tp is float:
        return float(data)
    return data


# Ingest ----------------------------------------------------------------------------------

ExtractFn = Callable[[Document], Sequence[Event]]
MergeFn = Callable[[list[Event]], Sequence[MergedEvent]]


@dataclass(frozen=True)
class IngestReport:
    """What an ingest did: documents added, changed and skipped (unchanged), the merged events
    now in the store, how many graphs it rewrote, and how long it took."""

    added: tuple[str, ...]
    changed: tuple[str, ...]
    skipped: tuple[str, ...]
    documents: int  # in the store after the ingest
    mentions: int
    events: int
    graphs_rewritten: int
    triples: int
    seconds: float

    def text(self) -> str:
        return (
            f"{len(self.added)} added, {len(self.changed)} changed, {len(self.skipped)} unchanged (skipped); "
            f"store: {self.documents} documents, {self.events} events from {self.mentions} mentions, "
            f"{self.triples} triples; {self.graphs_rewritten} graphs rewritten in {self.seconds:.1f} s"
        )


def _default_merge() -> MergeFn:
    try:
        from .extract import merge_events
    except ImportError:  # the extractor has not landed: every mention is its own event
        return _merge_singletons
    return typing.cast(MergeFn, merge_events)


def _merge_singletons(mentions: list[Event]) -> list[MergedEvent]:
    return [MergedEvent(id=m.key, type=m.type, label=m.label, mentions=(m,), when=m.when, participants=m.participants) for m in mentions]


def _mention_order(event: Event) -> tuple[Any, ...]:
    return (event.doc_id, event.trigger.start, event.type, event.sentence.start, event.trigger.end)


def _source_of(doc: Document) -> str:
    """Where a document was read from, independent of the working folder (its resolved path)."""
    path = Path(doc.path)
    try:
        return str(path.resolve()) if path.exists() else doc.path
    except (OSError, RuntimeError):
        return doc.path


def _own_id(doc: Document, known: dict[str, Any], by_source: dict[str, str]) -> Document:
    """``doc`` with the id the store knows its source by, or else an id no other file holds.

    Ids come from file names (and, within one run, from the other files named), so
    ``a/report.txt`` and later ``b/report.txt`` would share one and the second would replace
    the first. A file already in the store keeps the id it was stored under; a new file whose
    id is taken by a different source gets the id with a short hash of its resolved path.
    """
    source = _source_of(doc)
    stored = by_source.get(source)
    if stored is not None:
        return doc if stored == doc.id else replace(doc, id=stored)
    entry = known.get(doc.id)
    if entry is None or entry.get("source") in (None, source):
        return doc
    return replace(doc, id=f"{doc.id}-{_sha1(source)[:8]}")


def ingest(
    store: Store,
    documents: Iterable[Document],
    extract_fn: ExtractFn,
    *,
    merge_fn: MergeFn | None = None,
    progress: Callable[[int, str], None] | None = None,
) -> IngestReport:
    """Add ``documents`` to ``store``: extract the new and changed ones, then bring the graphs
    up to date.

    A document whose ``sha256`` the store already holds is skipped without extraction; a
    changed one replaces its mentions. Then the mentions of all documents are merged again
    (``merge_fn``, default :func:`timeline.extract.merge_events`) and only what changed is
    rewritten: each document's graph (its node and annotations) when its text or the events
    its mentions belong to changed, and each merged event, actor and place in
    ``id:graph/events`` whose content changed. The result equals ingesting all documents at
    once, in any order.
    """
    started = time.perf_counter()
    merge = merge_fn or _default_merge()
    target = store._writing()
    storelock.mark_ingest(store.path)  # removed when this ingest has finished
    index = store.index
    added: list[str] = []
    changed: list[str] = []
    skipped: list[str] = []
    seen: set[str] = set()
    by_source = {entry["source"]: doc_id for doc_id, entry in index["documents"].items() if entry.get("source")}
    for count, doc in enumerate(documents, 1):
        doc = _own_id(doc, index["documents"], by_source)
        if doc.id in seen:
            raise StoreError(f"{doc.path}: two documents have the id {doc.id!r}")
        seen.add(doc.id)
        entry = index["documents"].get(doc.id)
        if entry is not None and entry["sha256"] == doc.sha256:
            skipped.append(doc.id)
        else:
            events = list(extract_fn(doc))
            stray = [e for e in events if e.doc_id != doc.id]
            if stray:
                raise StoreError(f"{doc.path}: extraction returned a mention of document {stray[0].doc_id!r}")
            name = store._write_mentions(doc, events)
            (changed if entry is not None else added).append(doc.id)
            index["documents"][doc.id] = {"sha256": doc.sha256, "cache": name, "graph": "", "source": _source_of(doc)}
            if entry is not None and entry.get("cache") and entry["cache"] != name:
                store._cache_path(entry["cache"]).unlink(missing_ok=True)
        if progress:
            progress(count, doc.path)
    mentions, events, rewritten = 0, 0, 0
    if added or changed or index.get("dirty"):
        mentions, events, rewritten = _refresh(store, target, merge)
    else:
        mentions, events = index.get("mentions", 0), len(index["events"])
    answer = target.query(_COUNT_DATA)  # counted, never cached: a killed ingest leaves a stale index
    triples = index["triples"] = int(next(iter(answer))["n"].value)
    store._save_index()
    storelock.finish_ingest(store.path)
    return IngestReport(
        added=tuple(added),
        changed=tuple(changed),
        skipped=tuple(skipped),
        documents=len(index["documents"]),
        mentions=mentions,
        events=events,
        graphs_rewritten=rewritten,
        triples=triples,
        seconds=time.perf_counter() - started,
    )


def remove_documents(store: Store, doc_ids: Iterable[str], *, merge_fn: MergeFn | None = None) -> int:
    """Remove documents (their graphs and mentions) and re-merge the rest; the count removed."""
    target = store._writing()
    storelock.mark_ingest(store.path)
    index = store.index
    removed = 0
    for doc_id in doc_ids:
        entry = index["documents"].pop(doc_id, None)
        if entry is None:
            continue
        removed += 1
        store._cache_path(entry["cache"]).unlink(missing_ok=True)
        target.remove_graph(ox.NamedNode(str(rdf.document_graph_iri(doc_id))))
    if removed:
        _refresh(store, target, merge_fn or _default_merge())
        store._save_index()
    storelock.finish_ingest(store.path)
    return removed


def _entity_key(entity: Any) -> str:
    return repr(entity)


def _refresh(store: Store, target: ox.Store, merge: MergeFn) -> tuple[int, int, int]:
    """Re-merge all mentions and rewrite what changed. Returns (mentions, events, graphs rewritten)."""
    index = store.index
    full = bool(index.get("dirty"))
    index["dirty"] = True
    store._save_index()
    docs_index: dict[str, Any] = index["documents"]
    by_doc: dict[str, list[Event]] = {}
    documents: dict[str, Document] = {}
    for doc_id, entry in docs_index.items():
        doc, events = store._read_mentions(entry["cache"])
        documents[doc_id] = doc
        by_doc[doc_id] = events
    mentions = sorted((m for events in by_doc.values() for m in events), key=_mention_order)
    try:
        merged = sorted(merge(mentions), key=lambda e: e.id)
    except TimelineError:
        raise
    event_of: dict[str, URIRef] = {m.key: rdf.event_iri(e.id) for e in merged for m in e.mentions}
    sha = {doc_id: entry["sha256"] for doc_id, entry in docs_index.items()}
    to_ox = _ToOx()
    events_graph = to_ox.named(str(rdf.EVENTS_GRAPH))
    rewritten = 0
    if full:
        for name in list(target.named_graphs()):
            target.remove_graph(name)
        index["events"], index["entities"] = {}, {}
        for entry in docs_index.values():
            entry["graph"] = ""

    # merged events
    old_events: dict[str, list[Any]] = index["events"]
    new_events: dict[str, list[Any]] = {}
    todo: list[tuple[URIRef, MergedEvent, str]] = []
    for item in merged:
        node = rdf.event_iri(item.id)
        denied = sorted(str(event_of.get(d)) for m in item.mentions for d in m.denies)
        fingerprint = _sha1(repr((item.id, item.type, item.label, item.when, item.participants,
                                  [(m.key, sha.get(m.doc_id)) for m in item.mentions], denied)))
        if str(node) in new_events:
            raise StoreError(f"two merged events have the IRI {node} (ids {item.id!r}); merge ids must be unique")
        old = old_events.get(str(node))
        if old is not None and old[0] == fingerprint:
            new_events[str(node)] = old
        else:
            todo.append((node, item, fingerprint))
            new_events[str(node)] = [fingerprint, []]
    stale = [iri for iri, old in old_events.items() if new_events.get(iri) is not old]
    removals: list[ox.Quad] = []
    for iri in stale:
        for subject in old_events[iri][1]:
            removals.extend(target.quads_for_pattern(to_ox.named(subject), None, None, events_graph))
    additions: list[ox.Quad] = []
    for node, item, fingerprint in todo:
        sink = _Sink()
        try:
            rdf.add_event(sink.as_graph(), item, event_of)
        except ValueError as error:
            raise StoreError(f"{item.mentions[0].doc_id if item.mentions else item.id}: {error}") from None
        own = str(node)
        subjects = {own}
        for s, p, o in sink.triples:
            text = str(s)
            if text == own or text.startswith(own + "/"):
                subjects.add(text)
                additions.append(to_ox.quad(s, p, o, events_graph))
        new_events[own][1] = sorted(subjects)

    # actors and places (shared by events, so kept apart from any one event)
    entities: dict[str, dict[str, Any]] = {}
    for item in merged:
        found = [p.entity for p in item.participants] + [m.attributed_to for m in item.mentions if m.attributed_to]
        for entity in found:
            entities.setdefault(str(rdf.entity_iri(entity)), {})[_entity_key(entity)] = entity
    old_entities: dict[str, str] = index["entities"]
    new_entities: dict[str, str] = {}
    for iri, variants in entities.items():
        fingerprint = _sha1(repr(sorted(variants)))
        new_entities[iri] = fingerprint
        if old_entities.get(iri) == fingerprint:
            continue
        if iri in old_entities:
            removals.extend(target.quads_for_pattern(to_ox.named(iri), None, None, events_graph))
        sink = _Sink()
        for key in sorted(variants):
            rdf.add_entity(sink.as_graph(), variants[key])
        additions.extend(to_ox.quad(s, p, o, events_graph) for s, p, o in sink.triples)
    for iri in old_entities:
        if iri not in entities:
            removals.extend(target.quads_for_pattern(to_ox.named(iri), None, None, events_graph))
    if not old_events and not old_entities:
        sink = _Sink()
        rdf.add_run(sink.as_graph())
        additions.extend(to_ox.quad(s, p, o, events_graph) for s, p, o in sink.triples)
    if todo or stale or removals:
        rewritten += 1

    # each document's graph: its node and the annotations tying its sentences to events
    doc_additions: list[ox.Quad] = []
    for doc_id, events in by_doc.items():
        links = sorted((m.key, str(event_of.get(m.key))) for m in events)
        fingerprint = _sha1(repr((sha[doc_id], links)))
        entry = docs_index[doc_id]
        if entry.get("graph") == fingerprint:
            continue
        graph_name = to_ox.named(str(rdf.document_graph_iri(doc_id)))
        removals.extend(target.quads_for_pattern(None, None, None, graph_name))
        doc = documents[doc_id]
        sink = _Sink()
        rdf.add_document(sink.as_graph(), doc)
        for mention in events:
            node = event_of.get(mention.key)
            if node is not None:
                rdf.add_annotation(sink.as_graph(), doc, mention, node)
        doc_additions.extend(to_ox.quad(s, p, o, graph_name) for s, p, o in sink.triples)
        entry["graph"] = fingerprint
        rewritten += 1

    datatypes: dict[str, str] = index.setdefault("datatypes", {})
    datatypes.update(to_ox.derived)
    for quad in removals:
        target.remove(quad)
    added = additions + doc_additions
    if len(added) > 50_000:  # big loads: RocksDB's bulk path is several times faster (the index is marked dirty meanwhile)
        target.bulk_extend(added)
    else:
        target.extend(added)
    target.flush()
    index["events"] = new_events
    index["entities"] = new_entities
    index["mentions"] = len(mentions)
    index["dirty"] = False
    store._save_index()
    return len(mentions), len(merged), rewritten


# For the command line ----------------------------------------------------------------------


def sources(
    graphs: Sequence[str | os.PathLike[str]] = (),
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


def ingest_paths(
    store_dir: str | os.PathLike[str],
    paths: Sequence[str | os.PathLike[str]],
    *,
    published: date | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    stage: Callable[[str, int, int], None] | None = None,
    warn: Callable[[str], None] | None = None,
    base_uri: str | None = None,
) -> tuple[IngestReport, list[TimelineError]]:
    """Read the documents under ``paths`` and ingest them into the store at ``store_dir`` with
    the real pipeline. Returns the report and the files that could not be read.

    ``progress`` is called after each file with the count done, the total and the file's path
    (the same callback as :func:`timeline.pipeline.extract_paths` takes); ``stage`` when the
    merge and the rewrite of the store's graphs start (as :func:`timeline.pipeline.build` does);
    ``warn`` with each warning about a document that is still read (a front-matter date that
    does not parse…)."""
    from .documents import plan_documents, read_planned
    from .pipeline import extract_document

    errors: list[TimelineError] = []
    plan = plan_documents(paths, base_uri=base_uri)

    def readable() -> Iterator[Document]:
        for done, planned in enumerate(plan, 1):
            item = read_planned(planned, published=published)
            if isinstance(item, TimelineError):
                errors.append(item)
            else:
                for warning in item.warnings if warn else ():
                    warn(warning)
                yield item
            if progress:
                progress(done, len(plan), planned.shown)
        if stage:
            stage("merging and writing the store", 1, 1)

    with open_store(store_dir) as target:
        report = ingest(target, readable(), extract_document)
    return report, errors
