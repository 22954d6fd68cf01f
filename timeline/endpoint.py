"""A remote SPARQL 1.1 server (Virtuoso, Fuseki, Oxigraph server…): query it and push graphs to it.

- Query: SPARQL 1.1 Protocol, POST form; results become the same :class:`timeline.store.QueryResult`
  as local queries. Servers that cap result rows (Virtuoso's ``ResultSetMaxRows``, 10,000 by
  default, truncates silently) are paged: a SELECT that returns exactly ``max_rows`` rows is
  run again as ordered pages with LIMIT/OFFSET until a page comes back short.
- Update: ``INSERT DATA`` in batches of ``batch_size`` triples (Virtuoso rejects one update of
  more than about a thousand triples).
- Graph Store Protocol: PUT/POST/DELETE/GET of a named graph at ``gsp_url``.
- Authentication: Digest or Basic, whichever the server asks for (Virtuoso's ``/sparql-auth``
  wants Digest); credentials from ``TIMELINE_SPARQL_USER`` / ``TIMELINE_SPARQL_PASSWORD`` (or
  the URL's ``user:password@``, taken out of it and never shown).
- Deadline: ``timeout`` (``TIMELINE_SPARQL_TIMEOUT``, 60 s by default) bounds each whole
  request and answer; redirects are followed only where the protocol allows, never for an
  update (see :mod:`timeline.remote`).

Every failure, a malformed answer included, is a one-line :class:`timeline.errors.StoreError`
naming the server.

>>> Endpoint("http://127.0.0.1:8890/sparql", batch_size=500).batch_size
500
"""

from __future__ import annotations

import http.client
import json
import os
import re
import socket
import typing
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from . import sparql as _store  # results, binding, graph files: never the store (no import circle)
from .errors import QueryError, StoreError
from .ontology import ONTOLOGY_PATH, PREFIXES, TL_IRI
from .remote import Deadline, RedirectRefused, deadline_handlers, redact, safe_url, split_credentials

ENV_USER = "TIMELINE_SPARQL_USER"
ENV_PASSWORD = "TIMELINE_SPARQL_PASSWORD"
ENV_TIMEOUT = "TIMELINE_SPARQL_TIMEOUT"
ONTOLOGY_GRAPH = TL_IRI.rstrip("#")  # the ontology's own IRI names the graph it is pushed to

_RESULTS_JSON = "application/sparql-results+json"
_GRAPH_ACCEPT = "application/n-triples, text/plain;q=0.9, text/turtle;q=0.8, application/rdf+xml;q=0.5"
_MEDIA_FORMATS = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "text/ntriples": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
}


@dataclass(frozen=True)
class PushReport:
    """What :meth:`Endpoint.push` sent: triples per graph and the number of requests."""

    graphs: tuple[tuple[str, int], ...]
    requests: int

    @property
    def triples(self) -> int:
        return sum(n for _, n in self.graphs)

    def text(self) -> str:
        return f"pushed {self.triples} triples into {len(self.graphs)} graph(s) in {self.requests} request(s)"


@dataclass
class Endpoint:
    """A SPARQL 1.1 server at ``url`` (its query endpoint, e.g. ``http://host:8890/sparql``).

    ``graph``: the graph IRI pushes go to by default and, when given, the only graph queries
    read (``default-graph-uri``); without it queries see the server's default graph (on
    Virtuoso the union of all graphs). ``update_url`` defaults to ``url``; ``gsp_url`` is the
    Graph Store Protocol endpoint (Virtuoso: ``…/sparql-graph-crud``). ``max_rows`` is the
    server's result cap, ``batch_size`` the triples per INSERT DATA, ``timeout`` seconds for
    each whole request and its answer.
    """

    url: str
    graph: str | None = None
    user: str | None = None
    password: str | None = None
    update_url: str | None = None
    gsp_url: str | None = None
    timeout: float = 60.0
    batch_size: int = 500
    max_rows: int = 10000
    requests: int = field(default=0, compare=False)

    def __post_init__(self) -> None:
        for name in ("url", "update_url", "gsp_url"):
            value = getattr(self, name)
            if value is None:
                continue
            try:
                value, user, password = split_credentials(value)
            except ValueError:
                raise StoreError(f"{safe_url(value)}: not a valid URL") from None
            setattr(self, name, value)  # user:password@ never stays in a URL that may be shown
            if user is not None and self.user is None:
                self.user, self.password = user, password
            if urllib.parse.urlsplit(value).scheme not in ("http", "https"):
                raise StoreError(f"{value}: an endpoint is an http:// or https:// URL")
        if self.batch_size < 1:
            raise StoreError(f"batch size {self.batch_size}: must be at least 1")
        if self.max_rows < 1:
            raise StoreError(f"max rows {self.max_rows}: must be at least 1")
        if self.gsp_url is None:
            self.gsp_url = graph_store_url(self.url)
        self._opener = _opener(self.url, self.user, self.password, self.update_url, self.gsp_url)

    def __repr__(self) -> str:  # never show the password
        return f"Endpoint({self.url!r}, graph={self.graph!r})"

    # HTTP

    def _request(self, url: str, *, method: str = "POST", data: bytes | None = None, headers: Mapping[str, str] | None = None,
                 query: bool = False) -> tuple[bytes, Any]:  # fmt: skip
        try:
            return self._exchange(url, method=method, data=data, headers=headers, query=query)
        except StoreError as error:
            raise StoreError(redact(str(error), [self.password])) from None

    def _exchange(self, url: str, *, method: str, data: bytes | None, headers: Mapping[str, str] | None, query: bool) -> tuple[bytes, Any]:
        request = urllib.request.Request(url, data=data, method=method, headers=dict(headers or {}))
        request.timeline_query = query  # type: ignore[attr-defined]  # a query may follow 307/308
        self.requests += 1
        deadline = Deadline(self.timeout)
        try:
            with deadline, self._opener.open(request, timeout=self.timeout) as response:
                body = response.read()
                if deadline.expired:
                    raise TimeoutError
                return body, response.headers
        except RedirectRefused as error:
            what = "nothing was stored; " if error.method not in ("GET", "HEAD") and not query else ""
            raise StoreError(f"{url}: the server answered {error.method} with a redirect (HTTP {error.code}) to "
                             f"{error.location}; {what}use that URL if it is the endpoint") from None  # fmt: skip
        except urllib.error.HTTPError as error:
            body = _first_line(error.read())
            hint = ""
            if error.code == 401:
                hint = f" (check {ENV_USER} and {ENV_PASSWORD})"
            raise StoreError(f"{url}: HTTP {error.code} {error.reason}{hint}" + (f": {body}" if body else "")) from None
        except (TimeoutError, socket.timeout):
            raise StoreError(f"{url}: no answer within {self.timeout:g} s") from None
        except urllib.error.URLError as error:
            reason = error.reason
            if isinstance(reason, (TimeoutError, socket.timeout)) or deadline.expired:
                raise StoreError(f"{url}: no answer within {self.timeout:g} s") from None
            text = getattr(reason, "strerror", None) or str(reason)
            raise StoreError(f"{url}: cannot reach the server ({text})") from None
        except (ConnectionError, OSError, http.client.HTTPException) as error:
            if deadline.expired:
                raise StoreError(f"{url}: no answer within {self.timeout:g} s") from None
            if isinstance(error, http.client.HTTPException):
                raise StoreError(f"{url}: not an HTTP answer ({type(error).__name__}: {_first_line(str(error).encode())})") from None
            raise StoreError(f"{url}: connection failed ({getattr(error, 'strerror', None) or error})") from None
        except ValueError as error:  # urllib's auth handlers raise it for schemes they do not know
            raise StoreError(f"{url}: {error}") from None

    def _post_form(self, url: str, fields: list[tuple[str, str]], accept: str) -> tuple[bytes, Any]:
        body = urllib.parse.urlencode(fields).encode("utf-8")
        headers = {"Content-Type": "application/x-www-form-urlencoded; charset=UTF-8", "Accept": accept}
        return self._request(url, data=body, headers=headers, query=fields[0][0] == "query")

    # SPARQL Query

    def query(self, sparql: str, *, bindings: Mapping[str, Any] | None = None) -> _store.QueryResult:
        """Run a query on the server. Values in ``bindings`` are bound as a VALUES block
        (RDF terms serialised, not pasted text). A capped SELECT is paged to get every row."""
        text = _store.bind_values(sparql, bindings or {})
        text = _with_prefixes(text)
        form = _query_form(text)
        if form in ("CONSTRUCT", "DESCRIBE"):
            return self._graph_query(text)
        result, capped = self._select(text)
        if form == "SELECT" and (capped or len(result.rows) == self.max_rows):
            return self._paged(text, result)
        return result

    def _fields(self, sparql: str) -> list[tuple[str, str]]:
        fields = [("query", sparql)]
        if self.graph:
            fields.append(("default-graph-uri", self.graph))
        return fields

    def _select(self, sparql: str) -> tuple[_store.QueryResult, bool]:
        body, headers = self._post_form(self.url, self._fields(sparql), _RESULTS_JSON)
        capped = bool(headers.get("X-SPARQL-MaxRows"))
        try:
            payload = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise StoreError(f"{self.url}: the answer is not SPARQL JSON results: {_first_line(body)}") from None
        try:
            return _parse_results(payload), capped
        except (AttributeError, TypeError, KeyError, ValueError, IndexError) as error:
            raise StoreError(f"{self.url}: the answer is not valid SPARQL JSON results ({type(error).__name__}: {_first_line(str(error).encode())})") from None

    def _paged(self, sparql: str, first: _store.QueryResult) -> _store.QueryResult:
        """Every row of a capped SELECT: ordered pages of ``max_rows`` (Virtuoso's pattern:
        ORDER BY inside a subquery, OFFSET/LIMIT outside, so the sort is not itself capped)."""
        prologue, body = _split_prologue(sparql)
        order = " ".join(f"?{c}" for c in first.columns)
        rows: list[tuple[Any, ...]] = []
        offset = 0
        while True:
            page = (
                f"{prologue}\nSELECT * WHERE {{ {{ SELECT * WHERE {{ {{ {body}\n}} }} ORDER BY {order} }} }}"
                f" OFFSET {offset} LIMIT {self.max_rows}"
            )
            result, _ = self._select(page)
            rows.extend(result.rows)
            if len(result.rows) < self.max_rows:
                break
            offset += self.max_rows
        columns = first.columns
        ordered = rows
        if result.columns != columns:  # SELECT * may list the variables in another order
            ordered = [tuple(dict(zip(result.columns, r)).get(c) for c in columns) for r in rows]
        note = f"the server caps results at {self.max_rows} rows; fetched {len(rows)} in {offset // self.max_rows + 1} pages"
        return _store.QueryResult(columns, ordered, warnings=[note])

    def _graph_query(self, sparql: str) -> _store.QueryResult:
        body, headers = self._post_form(self.url, self._fields(sparql), _GRAPH_ACCEPT)
        media = (headers.get("Content-Type") or "application/n-triples").split(";")[0].strip().lower()
        fmt = _MEDIA_FORMATS.get(media)
        if fmt is None:
            raise StoreError(f"{self.url}: unexpected answer of type {media}")
        try:
            triples = [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(body, format=fmt)]
        except (SyntaxError, ValueError) as error:
            raise StoreError(f"{self.url}: the answer does not parse as {fmt.name}: {_first_line(str(error).encode())}") from None
        rows = [(_store._ox_value(t.subject), _store._ox_value(t.predicate), _store._ox_value(t.object)) for t in triples]
        text = "".join(f"{t} .\n" for t in triples)
        return _store.QueryResult(["subject", "predicate", "object"], rows, kind="graph", ntriples=text)

    # SPARQL Update

    def update(self, sparql: str) -> None:
        """Run one SPARQL Update request."""
        self._post_form(self.update_url or self.url, [("update", sparql)], "*/*")

    def clear(self, graph: str) -> None:
        """Empty (drop) one named graph."""
        self.update(f"CLEAR SILENT GRAPH {_iri(graph)}")

    def insert(self, triples: Iterable[Any], graph: str, *, batch_size: int | None = None) -> int:
        """Add triples to ``graph`` with INSERT DATA, ``batch_size`` triples per request.

        ``triples``: pyoxigraph triples/quads or rdflib triples. Blank nodes become Skolem IRIs
        (``…/.well-known/genid/…``, RDF 1.1 §3.5): Virtuoso refuses blank nodes in INSERT DATA,
        and a request is its own blank-node scope, so a node split across batches would not
        stay one node. Returns the count sent.
        """
        size = batch_size or self.batch_size
        sent = 0
        batch: list[str] = []
        for line in _ntriples(triples, skolem=True):
            batch.append(line)
            if len(batch) >= size:
                self.update(f"INSERT DATA {{ GRAPH {_iri(graph)} {{\n{''.join(batch)}}} }}")
                sent += len(batch)
                batch = []
        if batch:
            self.update(f"INSERT DATA {{ GRAPH {_iri(graph)} {{\n{''.join(batch)}}} }}")
            sent += len(batch)
        return sent

    # Graph Store Protocol

    def _gsp(self, graph: str) -> str:
        if not self.gsp_url:
            raise StoreError(
                f"{self.url}: no Graph Store Protocol URL given and none follows from this one "
                "(--gsp-url; Virtuoso: …/sparql-graph-crud, Fuseki: …/DATASET/data)"
            )
        return f"{self.gsp_url}?{urllib.parse.urlencode({'graph': graph})}"

    def put_graph(self, graph: str, triples: Iterable[Any]) -> None:
        """Replace ``graph`` with ``triples`` (Graph Store Protocol PUT, N-Triples body)."""
        body = "".join(_ntriples(triples)).encode("utf-8")
        self._request(self._gsp(graph), method="PUT", data=body, headers={"Content-Type": "application/n-triples"})

    def post_graph(self, graph: str, triples: Iterable[Any]) -> None:
        """Add ``triples`` to ``graph`` (Graph Store Protocol POST)."""
        body = "".join(_ntriples(triples)).encode("utf-8")
        self._request(self._gsp(graph), method="POST", data=body, headers={"Content-Type": "application/n-triples"})

    def delete_graph(self, graph: str) -> None:
        """Drop ``graph`` (Graph Store Protocol DELETE)."""
        self._request(self._gsp(graph), method="DELETE")

    def get_graph(self, graph: str) -> list[Any]:
        """The triples of ``graph`` (Graph Store Protocol GET) as pyoxigraph triples.

        Virtuoso answers GET like a CONSTRUCT, so it is cut at ``ResultSetMaxRows`` too; count
        or page with :meth:`query` when the graph may be larger.
        """
        body, headers = self._request(self._gsp(graph), method="GET", headers={"Accept": _GRAPH_ACCEPT})
        media = (headers.get("Content-Type") or "text/turtle").split(";")[0].strip().lower()
        fmt = _MEDIA_FORMATS.get(media, ox.RdfFormat.TURTLE)
        try:
            return [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(body, format=fmt)]
        except (SyntaxError, ValueError) as error:
            raise StoreError(f"{self.gsp_url}: the answer does not parse as {fmt.name}: {_first_line(str(error).encode())}") from None

    # Pushing timeline data

    def push(self, data: Any, graph: str | None = None, *, replace: bool = True, method: str = "update", ontology: bool = True) -> PushReport:
        """Send a graph, a dataset or a store to the server.

        Named graphs (a Dataset, a TriG file's content, a Store: one graph per document plus
        the events graph) go to their own graphs; a plain graph goes to ``graph`` (default
        :attr:`graph`). ``replace`` clears each graph first. ``method``: ``update`` (batched
        INSERT DATA) or ``gsp`` (one Graph Store Protocol PUT per graph). ``ontology`` also
        pushes the ontology into its own graph so ``rdfs:subClassOf*`` queries work there.
        """
        if method not in ("update", "gsp"):
            raise StoreError(f"push method {method!r}: use update or gsp")
        groups = _group_by_graph(data, graph or self.graph)
        if ontology:
            groups[ONTOLOGY_GRAPH] = list(ox.parse(ONTOLOGY_PATH.read_bytes(), format=ox.RdfFormat.TURTLE))
        before = self.requests
        sent: list[tuple[str, int]] = []
        for name in sorted(groups):
            triples = groups[name]
            if method == "gsp":
                if replace:
                    self.put_graph(name, triples)
                else:
                    self.post_graph(name, triples)
                sent.append((name, len(triples)))
                continue
            if replace:
                self.clear(name)
            sent.append((name, self.insert(triples, name)))
        return PushReport(tuple(sent), self.requests - before)


def graph_store_url(url: str) -> str | None:
    """The Graph Store Protocol URL that goes with a SPARQL query URL, for the servers whose
    layout is known: Virtuoso's ``/sparql`` → ``/sparql-graph-crud`` (``/sparql-auth`` →
    ``/sparql-graph-crud-auth``), Fuseki's ``/DATASET/sparql`` (or ``/query``, ``/update``) →
    ``/DATASET/data``; otherwise None. Graphs are then named with ``?graph=IRI`` (the
    protocol's indirect identification).

    >>> graph_store_url("http://127.0.0.1:8890/sparql"), graph_store_url("http://h:3030/kg/query")
    ('http://127.0.0.1:8890/sparql-graph-crud', 'http://h:3030/kg/data')
    """
    parts = urllib.parse.urlsplit(url)
    path = parts.path.rstrip("/")
    if path in ("/sparql", "/sparql-auth"):
        path = {"/sparql": "/sparql-graph-crud", "/sparql-auth": "/sparql-graph-crud-auth"}[path]
    elif re.fullmatch(r"(/[^/]+)+/(sparql|query|update)", path):
        path = path.rsplit("/", 1)[0] + "/data"
    else:
        return None
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def connect(url: str, graph: str | None = None, **options: Any) -> Endpoint:
    """An :class:`Endpoint` with credentials from ``TIMELINE_SPARQL_USER``/``…_PASSWORD``."""
    options.setdefault("user", os.environ.get(ENV_USER) or None)
    options.setdefault("password", os.environ.get(ENV_PASSWORD) or None)
    if os.environ.get(ENV_TIMEOUT):
        try:
            options.setdefault("timeout", float(os.environ[ENV_TIMEOUT]))
        except ValueError:
            raise StoreError(f"{ENV_TIMEOUT}={os.environ[ENV_TIMEOUT]!r}: expected seconds, e.g. 30") from None
    return Endpoint(url, graph=graph, **options)


# Helpers ---------------------------------------------------------------------------------


def _opener(url: str, user: str | None, password: str | None, *others: str | None) -> urllib.request.OpenerDirector:
    handlers: list[Any] = []
    if user is not None:
        manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        for item in (url, *others):
            if item:
                manager.add_password(None, item, user, password or "")
        # Digest first (handler_order 490): Virtuoso's /sparql-auth asks for Digest, others for Basic.
        handlers += [urllib.request.HTTPDigestAuthHandler(manager), urllib.request.HTTPBasicAuthHandler(manager)]
    return urllib.request.build_opener(*handlers, *deadline_handlers())


def _first_line(body: bytes) -> str:
    text = body.decode("utf-8", "replace")
    text = re.sub(r"<[^>]+>", " ", text)  # servers answer errors in HTML too
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    line = " ".join(lines[:2]) if lines else ""
    return line[:300] + ("…" if len(line) > 300 else "")


def _iri(value: str) -> str:
    if re.search(r"[\s<>\"{}|^`\\]", value):
        raise StoreError(f"{value!r} is not an IRI")
    return f"<{value}>"


def _with_prefixes(sparql: str) -> str:
    """Declare timeline's prefixes a query uses without declaring (a server does not know them)."""
    code = _store._code_only(sparql)
    declared = {m.lower() for m in re.findall(r"PREFIX\s+([\w.-]*):", code, re.I)}
    used = set(re.findall(r"(?<![\w?$:/#<])([A-Za-z][\w.-]*):(?!//)", code))
    missing = [p for p in sorted(used) if p in PREFIXES and p.lower() not in declared]
    if not missing:
        return sparql
    return "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in missing) + sparql


def _split_prologue(sparql: str) -> tuple[str, str]:
    code = _store._code_only(sparql, keep_iris=True)
    end = 0
    for match in re.finditer(r"\s*(PREFIX\s+[\w.-]*:\s*<[^>]*>|BASE\s*<[^>]*>)", code, re.I):
        if match.start() != end:
            break
        end = match.end()
    return sparql[:end], sparql[end:]


def _query_form(sparql: str) -> str:
    _, body = _split_prologue(_store._code_only(sparql, keep_iris=True))
    match = re.match(r"\s*(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", body, re.I)
    if not match:
        raise QueryError("query: expected SELECT, ASK, CONSTRUCT or DESCRIBE after the PREFIX lines")
    return match.group(1).upper()


def _parse_results(payload: Any) -> _store.QueryResult:
    """SPARQL 1.1 JSON results (and Virtuoso's older ``typed-literal``) as a QueryResult."""
    if "boolean" in payload:
        value = bool(payload["boolean"])
        return _store.QueryResult(["result"], [(value,)], kind="ask", boolean=value)
    columns = list(payload.get("head", {}).get("vars", []))
    rows = []
    for binding in payload.get("results", {}).get("bindings", []):
        row = []
        for column in columns:
            term = binding.get(column)
            if term is None:
                row.append(None)
                continue
            kind = term.get("type")
            kind = "literal" if kind == "typed-literal" else kind
            datatype = term.get("datatype")
            if kind == "literal" and term.get("xml:lang"):
                datatype = None
            row.append(_store.convert_value(kind or "literal", term.get("value", ""), datatype))
        rows.append(tuple(row))
    return _store.QueryResult(columns, rows)


SKOLEM_BASE = "https://w3id.org/timeline-kg/.well-known/genid/"


def _ntriples(items: Iterable[Any], *, skolem: bool = False) -> Iterator[str]:
    convert = _store._ToOx()

    def named(term: Any) -> Any:
        return ox.NamedNode(SKOLEM_BASE + term.value) if skolem and isinstance(term, ox.BlankNode) else term

    for item in items:
        if isinstance(item, (ox.Triple, ox.Quad)):
            s, p, o = item.subject, item.predicate, item.object
        else:
            s, p, o = (convert.term(t) for t in item[:3])
        yield f"{named(s)} {p} {named(o)} .\n"


def _group_by_graph(data: Any, graph: str | None) -> dict[str, list[Any]]:
    """Triples per target graph: named graphs kept; default-graph triples go to ``graph``."""
    if isinstance(data, (str, os.PathLike)):
        data = [data]
    if isinstance(data, list) and data and isinstance(data[0], (str, os.PathLike)):
        quads = [q for path in data for q in _store._parse_file(Path(path))]
    else:
        quads = _store._quads_of(data, keep_graphs=True)
    groups: dict[str, list[Any]] = {}
    for quad in quads:
        if isinstance(quad.graph_name, ox.DefaultGraph):
            if not graph:
                raise StoreError("the data has triples outside any named graph: give --graph IRI for them")
            name = graph
        else:
            name = typing.cast(str, quad.graph_name.value)
        groups.setdefault(name, []).append(ox.Triple(quad.subject, quad.predicate, quad.object))
    return groups


__all__ = ["ENV_PASSWORD", "ENV_USER", "ONTOLOGY_GRAPH", "Endpoint", "PushReport", "connect"]
