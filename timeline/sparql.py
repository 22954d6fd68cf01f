"""SPARQL over timeline's graphs: results as plain Python values, the shipped named queries,
values bound safely, and queries over graph files, a store or a server.

- :func:`query`: SPARQL 1.1 over graph files, an open :class:`timeline.store.Store` or an
  :class:`timeline.endpoint.Endpoint`. The default graph is the data (over files: the merge of
  every file's triples, so ``COUNT(*)`` is the files' triple count); the ontology is the named
  graph ``<https://w3id.org/timeline-kg/ontology>``, or part of the default graph with
  ``with_ontology=True``.
  Values are bound with ``bindings`` (never formatted into the text by the caller).
- :func:`named_queries`: the queries shipped in ``timeline/queries/*.rq``.

Nothing here imports rdflib, the store or the endpoint.

>>> result = query([], "ASK { GRAPH <https://w3id.org/timeline-kg/ontology> { tl:Repatriation rdfs:subClassOf* tl:Event } }")
>>> result.boolean
True
"""

from __future__ import annotations

import os
import re
import typing
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from .errors import QueryError
from .graphio import _FORMAT_NAMES, _dump, _format_named, _ox_of_files, _parse_file, _quads_of, _ToOx  # noqa: F401 - endpoint uses the last three
from .results import IRI, Blank, Text, to_csv, to_json, to_tsv
from .roworder import code_only as _code_only
from .roworder import ordered, without_order
from .rowtext import Columns, pages, shorten  # noqa: F401 - shorten: sparql.shorten
from .rowtext import text_of as _text  # noqa: F401
from .terms import PREFIXES

XSD = "http://www.w3.org/2001/XMLSchema#"
QUERIES_DIR = resources.files(__package__).joinpath("queries")

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

    def chunks(self, kind: str | None = None, *, width: int = 60, page: int = 5000) -> Iterator[str]:
        """:meth:`format`'s text in pieces (joined, they are that text), the first one small, so
        a large result starts printing at once."""
        kind = kind or ("turtle" if self.kind == "graph" else "table")
        if self.kind != "select" or kind not in ("table", "csv", "tsv", "json") or not self.columns:
            yield self.format(kind, width=width)
            return
        yield from pages(Columns.of_rows(self.columns, self.rows), kind, width=width, page=page)

    def _table(self, width: int) -> str:
        return "".join(pages(Columns.of_rows(self.columns, self.rows), "table", width=width))


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


def _binding_term(value: Any) -> Any:
    """A binding value as an RDF term: dates → xsd:date, numbers, IRIs (``<…>``, ``http…``,
    ``prefix:name`` with a known prefix), else a plain string."""
    if isinstance(value, (ox.NamedNode, ox.Literal, ox.BlankNode)):
        return value
    if type(value).__module__.startswith("rdflib."):  # an rdflib URIRef or Literal
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
    """Run a query on Oxigraph. A SELECT whose ORDER BY :mod:`timeline.roworder` can follow runs
    without it and its rows are sorted here (the same order, ties by the whole row; Oxigraph
    reads two strings from its database for each comparison of IRIs); when its values leave the
    order to the engine, the query runs again as written."""
    unordered = without_order(sparql)
    if unordered is not None:
        result = _result_of(_answer_ox(target, unordered, source, union, sparql))
        rows = ordered(result.columns, result.rows, sparql)
        if rows is not None:
            return replace(result, rows=rows)
    return _result_of(_answer_ox(target, sparql, source, union, sparql))


def _answer_ox(target: ox.Store, text: str, source: str, union: bool, written: str) -> Any:
    """Oxigraph's answer to ``text``; errors as QueryError about the query as ``written``."""
    try:
        return target.query(text, use_default_graph_as_union=union, prefixes=dict(PREFIXES))
    except SyntaxError as error:
        raise QueryError(parse_error_message(error, written, source)) from None
    except (RuntimeError, ValueError, OSError) as error:
        raise QueryError(f"{source}: {' '.join(str(error).split())}") from None


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
    if hasattr(sources, "_query"):  # a timeline.store.Store
        return typing.cast(QueryResult, sources._query(text, source, bindings))
    if type(sources).__module__.startswith("rdflib."):  # an rdflib Graph in memory: run by Oxigraph all the same
        target = _ox_of_files([], ontology=True, with_ontology=with_ontology)
        target.extend(_ToOx().quads(sources, keep_graphs=False))
        return _run_ox(target, text, source, union=False)
    if isinstance(sources, (str, os.PathLike)):
        sources = [sources]
    target = _ox_of_files(list(sources), ontology=True, with_ontology=with_ontology)
    return _run_ox(target, text, source, union=False)


def _is_endpoint(sources: Any) -> bool:
    return type(sources).__module__ == f"{__package__}.endpoint" and type(sources).__name__ == "Endpoint"


