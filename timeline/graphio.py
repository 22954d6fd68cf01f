"""Graph files in and out: formats from file extensions, rdflib <-> pyoxigraph terms, and
N-Quads streams written as any RDF format.

pyoxigraph parses and serialises (≈10× faster than rdflib); rdflib is imported only where a
caller wants an rdflib Graph back.

- :func:`read_graph` / :func:`write_graph` / :func:`serialize`: graph files (format from the
  extension), parse errors as ``GraphError("FILE: line L: problem")``.
- :func:`convert_nquads`: N-Triples/N-Quads (what :mod:`timeline.rdf` writes) → any format,
  streamed from a file to a binary output.
"""

from __future__ import annotations

import os
import re
import typing
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from .errors import GraphError
from .fileio import atomic_write
from .terms import PREFIXES, ontology_file

XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER_TYPES = {
    XSD + name
    for name in (
        "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
        "negativeInteger", "nonPositiveInteger", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte",
    )
}
_DERIVED_INTEGERS = _INTEGER_TYPES - {XSD + "integer"}

def _is_store(data: Any) -> bool:
    """Whether ``data`` is a :class:`timeline.store.Store` (known by what it does: no import)."""
    return hasattr(data, "_export_quads")


def _is_rdflib_graph(data: Any) -> bool:
    return type(data).__module__.startswith("rdflib.") and hasattr(data, "triples")


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

    def quad(self, s: Any, p: Any, o: Any, graph: Any) -> ox.Quad:
        if getattr(o, "datatype", None) is not None:
            datatype = str(o.datatype)
            if datatype in _DERIVED_INTEGERS:
                self.derived[str(p)] = datatype
        return ox.Quad(self.term(s), self.term(p), self.term(o), graph)

    def named(self, iri: str) -> ox.NamedNode:
        node = self.nodes.get(iri)
        if node is None:
            node = self.nodes[iri] = ox.NamedNode(iri)
        return node

    def term(self, term: Any) -> Any:
        from rdflib import BNode, Literal, URIRef

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

    def graph_name(self, name: Any) -> Any:
        if name is None or str(name) == "urn:x-rdflib:default":
            return ox.DefaultGraph()
        return self.term(name)

    def quads(self, data: Any, keep_graphs: bool) -> Iterator[ox.Quad]:
        from rdflib import Dataset

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
        from rdflib import BNode, Literal, URIRef

        self.iris: dict[str, Any] = {}
        self.datatypes: dict[str, Any] = {}
        self._types = (BNode, Literal, URIRef)

    def term(self, term: Any) -> Any:
        BNode, Literal, URIRef = self._types
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


def _rdflib_fallback(path: Path, fmt: ox.RdfFormat) -> Any:
    """rdflib reads a few things Oxigraph does not (e.g. some JSON-LD contexts); try it."""
    name = {ox.RdfFormat.JSON_LD: "json-ld", ox.RdfFormat.RDF_XML: "xml", ox.RdfFormat.N3: "n3"}.get(fmt)
    if name is None:
        return None
    try:
        from rdflib import Graph

        return Graph().parse(str(path), format=name)
    except Exception:  # noqa: BLE001 - the Oxigraph error is the one reported
        return None


ONTOLOGY_GRAPH = "https://w3id.org/timeline-kg/ontology"
"""The named graph the ontology sits in beside the data (in queries, a store, a SPARQL server)."""


def _load_ontology(target: ox.Store, graph: Any = None) -> None:
    """The ontology into ``graph`` (default: its own named graph, :data:`ONTOLOGY_GRAPH`)."""
    graph = ox.NamedNode(ONTOLOGY_GRAPH) if graph is None else graph
    target.load(ontology_file().read_bytes(), format=ox.RdfFormat.TURTLE, to_graph=graph)


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


def _bound(graph: Any) -> Any:
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True, replace=True)
    return graph


def read_graph(paths: Any) -> Any:
    """The union of the graph files ``paths`` as one rdflib Graph (format from each extension).

    A file that does not parse raises ``GraphError("FILE: line L: problem")``; a missing file
    raises GraphError too. Parsing is done by Oxigraph (≈10× faster than rdflib's parsers) and
    keeps every literal as written. A :class:`Store` gives its documents and events
    (see :func:`to_rdflib`).
    """
    from rdflib import Graph

    if _is_store(paths):
        return paths.to_rdflib()
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
    if _is_store(data):
        quads = data._export_quads()
    elif _is_rdflib_graph(data):
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
        graph = data.to_rdflib() if _is_store(data) else data
        return typing.cast(str, graph.serialize(format=fmt))
    return _dump(data, _format_named(fmt)).decode("utf-8")


def write_graph(data: Any, path: str | os.PathLike[str], fmt: str | None = None) -> None:
    """Write ``data`` to ``path`` atomically, in ``fmt`` or the format its extension names."""
    target = Path(path)
    if fmt is None:
        atomic_write(target, _dump(data, _format_of_path(target)))
    else:
        atomic_write(target, serialize(data, fmt))




def rdf_format(fmt: str) -> ox.RdfFormat:
    """The pyoxigraph format of a format name (``turtle``, ``nt``, ``nquads``…); GraphError if unknown."""
    return _format_named(fmt)


def is_quad_format(fmt: ox.RdfFormat) -> bool:
    """Whether ``fmt`` keeps named graphs (N-Quads, TriG)."""
    return fmt in _QUAD_FORMATS


def convert_nquads(source: str | os.PathLike[str], fmt: ox.RdfFormat, output: IO[bytes]) -> None:
    """Write the N-Quads (or N-Triples) file ``source`` to ``output`` in ``fmt``, streaming.

    N-Triples and N-Quads are copied as they are; other formats go through pyoxigraph's parser
    and serialiser one quad at a time, so memory does not grow with the graph. Turtle groups
    consecutive triples of one subject, so a writer that keeps a subject's triples together
    (as :mod:`timeline.rdf` does) gives readable Turtle.
    """
    if fmt in (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS):
        with open(source, "rb") as handle:
            while chunk := handle.read(1 << 20):
                output.write(chunk)
        return
    # pyoxigraph takes quads of the default graph for triple formats too: no Python per quad
    items = ox.parse(path=str(source), format=ox.RdfFormat.N_QUADS)
    prefixes = None
    if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.N3, ox.RdfFormat.RDF_XML):
        prefixes = {name: iri for name, iri in PREFIXES.items() if name != "id"}
    try:
        ox.serialize(items, output, format=fmt, prefixes=prefixes)
    except (SyntaxError, ValueError) as error:
        raise GraphError(f"cannot write {fmt.name}: {error}") from None


def native_syntax(fmt: str) -> str | None:
    """The syntax :mod:`timeline.rdf` writes ``fmt`` in directly, or None when it is converted."""
    native = {ox.RdfFormat.N_TRIPLES: "nt", ox.RdfFormat.N_QUADS: "nq", ox.RdfFormat.TURTLE: "turtle", ox.RdfFormat.TRIG: "trig"}
    return native.get(_format_named(fmt))


def syntax_for(fmt: str) -> str:
    """What :mod:`timeline.rdf` writes for an output format: N-Triples, N-Quads, Turtle and TriG
    natively; N-Quads (formats with graphs) or N-Triples for the formats converted from them."""
    target = _format_named(fmt)
    native = {ox.RdfFormat.N_TRIPLES: "nt", ox.RdfFormat.N_QUADS: "nq", ox.RdfFormat.TURTLE: "turtle", ox.RdfFormat.TRIG: "trig"}
    return native.get(target) or ("nq" if target in _QUAD_FORMATS else "nt")
