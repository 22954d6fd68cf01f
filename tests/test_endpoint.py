"""The SPARQL server client against a tiny local server: auth, batching, paging, errors."""

from __future__ import annotations

import hashlib
import json
import re
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pyoxigraph as ox
import pytest

from timeline import endpoint, rdf, store
from timeline.errors import QueryError, StoreError

from store_fixtures import corpus, merge_by_label

USER, PASSWORD, REALM, NONCE = "dba", "s3cret", "SPARQL", "abc123nonce"


class Stub:
    """What the stub server holds and saw."""

    def __init__(self, max_rows: int = 50, max_update_triples: int = 1000) -> None:
        self.data = ox.Store()
        self.max_rows = max_rows
        self.max_update_triples = max_update_triples
        self.seen: list[tuple[str, str, dict]] = []


def _digest_ok(header: str, method: str) -> bool:
    if not header.startswith("Digest "):
        return False
    fields = dict(re.findall(r'(\w+)="?([^",]*)"?', header[7:]))
    ha1 = hashlib.md5(f"{fields.get('username')}:{REALM}:{PASSWORD}".encode()).hexdigest()
    ha2 = hashlib.md5(f"{method}:{fields.get('uri')}".encode()).hexdigest()
    expected = hashlib.md5(f"{ha1}:{NONCE}:{fields.get('nc')}:{fields.get('cnonce')}:{fields.get('qop')}:{ha2}".encode()).hexdigest()
    return fields.get("username") == USER and fields.get("response") == expected


def _handler(stub: Stub):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # quiet
            pass

        def _send(self, code, body=b"", content_type="text/plain", headers=()):
            self.send_response(code)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for key, value in headers:
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(body)

        def _auth(self, path):
            header = self.headers.get("Authorization", "")
            if path == "/sparql-auth" and not _digest_ok(header, self.command):
                self._send(401, b"Unauthorized", headers=[("WWW-Authenticate", f'Digest realm="{REALM}", nonce="{NONCE}", qop="auth", algorithm="MD5"')])
                return False
            if path == "/basic":
                import base64

                if header != "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode():
                    self._send(401, b"Unauthorized", headers=[("WWW-Authenticate", f'Basic realm="{REALM}"')])
                    return False
            return True

        def do_POST(self):
            url = urllib.parse.urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            if not self._auth(url.path):
                return
            if url.path == "/slow":
                time.sleep(2)
                return self._send(200, b"{}")
            if url.path == "/gsp":
                return self._gsp(url, body)
            form = dict(urllib.parse.parse_qsl(body.decode()))
            stub.seen.append((url.path, "update" if "update" in form else "query", form))
            if "update" in form:
                triples = form["update"].count(" .\n")
                if triples > stub.max_update_triples:
                    return self._send(500, b"Virtuoso 42000 Error SR483: Query too large\n\nSPARQL query:\n...")
                try:
                    stub.data.update(form["update"])
                except SyntaxError as error:
                    return self._send(400, f"Virtuoso 37000 Error SP030: SPARQL compiler: {error}".encode())
                return self._send(200, b"done")
            try:
                answer = stub.data.query(form["query"], use_default_graph_as_union=True)
            except SyntaxError as error:
                return self._send(400, f"Virtuoso 37000 Error SP030: SPARQL compiler, line 1: {error}".encode())
            if isinstance(answer, ox.QueryTriples):
                text = "".join(f"{t} .\n" for t in answer).encode()
                return self._send(200, text, "application/n-triples")
            if isinstance(answer, ox.QueryBoolean):
                return self._send(200, json.dumps({"head": {}, "boolean": bool(answer)}).encode(), "application/sparql-results+json")
            columns = [v.value for v in answer.variables]
            bindings = []
            for solution in answer:
                if len(bindings) == stub.max_rows:  # silently truncated, like Virtuoso
                    break
                row = {}
                for column in columns:
                    term = solution[column]
                    if isinstance(term, ox.NamedNode):
                        row[column] = {"type": "uri", "value": term.value}
                    elif isinstance(term, ox.Literal):
                        row[column] = {"type": "typed-literal", "value": term.value, "datatype": term.datatype.value}
                    elif term is not None:
                        row[column] = {"type": "bnode", "value": term.value}
                bindings.append(row)
            payload = {"head": {"vars": columns}, "results": {"bindings": bindings}}
            return self._send(200, json.dumps(payload).encode(), "application/sparql-results+json")

        def _gsp(self, url, body):
            graph = ox.NamedNode(dict(urllib.parse.parse_qsl(url.query))["graph"])
            stub.seen.append(("/gsp", self.command, {"graph": graph.value}))
            if self.command in ("PUT", "DELETE"):
                stub.data.remove_graph(graph)
            if self.command in ("PUT", "POST"):
                stub.data.load(body, format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
            if self.command == "GET":
                text = "".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in stub.data.quads_for_pattern(None, None, None, graph))
                return self._send(200, text.encode(), "application/n-triples")
            return self._send(201 if self.command == "PUT" else 200, b"")

        do_PUT = do_DELETE = do_POST

        def do_GET(self):
            url = urllib.parse.urlsplit(self.path)
            if url.path == "/gsp":
                return self._gsp(url, b"")
            return self._send(404, b"<html><body><h1>Not found</h1></body></html>", "text/html")

    return Handler


@pytest.fixture()
def stub():
    state = Stub()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def dataset():
    docs, events = corpus()
    return rdf.build_dataset(docs, merge_by_label([m for d in docs for m in events[d.id]]))


def _big_graph(n):
    return [
        ox.Triple(ox.NamedNode(f"http://example.org/s{i}"), ox.NamedNode("http://example.org/p"), ox.Literal(str(i), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
        for i in range(n)
    ]


def test_push_batches_updates_under_the_server_limit(stub):
    """2,300 triples go in batches of 500: five requests, none over the server's limit."""
    client = endpoint.Endpoint(f"{stub.base}/sparql")
    sent = client.insert(_big_graph(2300), "http://example.org/g")
    assert sent == 2300
    updates = [form["update"] for path, kind, form in stub.seen if kind == "update"]
    assert len(updates) == 5 and all(u.count(" .\n") <= 500 for u in updates)
    assert len(stub.data) == 2300


def test_an_update_too_large_is_a_one_line_error(stub):
    """A batch the server refuses surfaces as StoreError naming the server and its message."""
    client = endpoint.Endpoint(f"{stub.base}/sparql", batch_size=2000)
    with pytest.raises(StoreError, match=r"HTTP 500 .*Query too large") as caught:
        client.insert(_big_graph(1500), "http://example.org/g")
    assert "\n" not in str(caught.value)


def test_a_capped_select_is_paged_to_get_every_row(stub):
    """A SELECT answered with exactly max_rows rows is re-run in pages; no row is lost."""
    client = endpoint.Endpoint(f"{stub.base}/sparql", max_rows=stub.max_rows)
    client.insert(_big_graph(173), "http://example.org/g")
    result = client.query("SELECT ?s ?o WHERE { ?s <http://example.org/p> ?o }")
    assert len(result.rows) == 173 and sorted(o for _, o in result.rows) == list(range(173))
    assert result.warnings and "caps results at 50" in result.warnings[0]
    small = client.query("SELECT ?s WHERE { ?s <http://example.org/p> 3 }")
    assert len(small.rows) == 1 and not small.warnings


def test_push_a_dataset_keeps_its_named_graphs_and_the_named_queries_run(stub, dataset):
    """Pushing a Dataset fills one graph per document plus events and the ontology; `events` runs remotely."""
    client = endpoint.Endpoint(f"{stub.base}/sparql")
    report = client.push(dataset)
    names = {name for name, _ in report.graphs}
    assert str(rdf.EVENTS_GRAPH) in names and endpoint.ONTOLOGY_GRAPH in names
    assert {str(g.value) for g in stub.data.named_graphs()} == names
    remote = store.query(client, "events")
    assert len(remote.rows) == 6
    local = store.query([], "events")  # the ontology alone: no events
    assert local.rows == []
    ranged = store.query(client, "in-range", bindings={"from": "2020-01-01", "to": "2020-12-31"})
    assert [r["label"] for r in ranged.records()] == ["border closure"]


def test_push_replaces_a_graph(stub, dataset):
    """Pushing twice leaves one copy: each graph is cleared first."""
    client = endpoint.Endpoint(f"{stub.base}/sparql")
    client.push(dataset)
    size = len(stub.data)
    client.push(dataset)
    assert len(stub.data) == size


def test_a_plain_graph_needs_a_graph_iri(stub, dataset):
    """Triples outside named graphs go to --graph; without one the error says so."""
    client = endpoint.Endpoint(f"{stub.base}/sparql")
    docs, events = corpus()
    graph = rdf.build_graph(docs, merge_by_label([m for d in docs for m in events[d.id]]))
    with pytest.raises(StoreError, match="--graph"):
        client.push(graph, ontology=False)
    report = endpoint.Endpoint(f"{stub.base}/sparql", graph="http://example.org/mine").push(graph, ontology=False)
    assert report.graphs == (("http://example.org/mine", len(graph)),)


def test_graph_store_protocol_put_post_get_delete(stub):
    """A document graph can be PUT, extended with POST, read with GET and DELETEd."""
    client = endpoint.Endpoint(f"{stub.base}/sparql", gsp_url=f"{stub.base}/gsp")
    graph = "http://example.org/doc"
    client.put_graph(graph, _big_graph(10))
    client.post_graph(graph, _big_graph(12)[10:])
    assert len(client.get_graph(graph)) == 12
    client.put_graph(graph, _big_graph(3))
    assert len(client.get_graph(graph)) == 3
    client.delete_graph(graph)
    assert client.get_graph(graph) == []
    report = client.push(_big_graph(4), graph, method="gsp", ontology=False)
    assert report.requests == 1 and len(client.get_graph(graph)) == 4


def test_digest_auth_is_answered(stub, monkeypatch):
    """The authenticated endpoint wants Digest: credentials from the environment satisfy it."""
    monkeypatch.setenv(endpoint.ENV_USER, USER)
    monkeypatch.setenv(endpoint.ENV_PASSWORD, PASSWORD)
    client = endpoint.connect(f"{stub.base}/sparql-auth")
    client.insert(_big_graph(3), "http://example.org/g")
    assert client.query("ASK { ?s ?p 2 }").boolean is True


def test_basic_auth_is_answered(stub):
    """A server that asks for Basic gets Basic."""
    client = endpoint.Endpoint(f"{stub.base}/basic", user=USER, password=PASSWORD)
    assert client.query("ASK { ?s ?p ?o }").boolean is False


def test_wrong_credentials_are_a_clear_error(stub):
    """A refused password says HTTP 401 and which variables hold the credentials."""
    client = endpoint.Endpoint(f"{stub.base}/sparql-auth", user=USER, password="wrong")
    with pytest.raises(StoreError, match=r"HTTP 401.*TIMELINE_SPARQL_USER"):
        client.query("ASK { ?s ?p ?o }")
    with pytest.raises(StoreError, match="HTTP 401"):
        endpoint.Endpoint(f"{stub.base}/sparql-auth").query("ASK { ?s ?p ?o }")


def test_a_timeout_is_a_clear_error(stub):
    """A server that does not answer in time gives StoreError, not a traceback."""
    client = endpoint.Endpoint(f"{stub.base}/slow", timeout=0.3)
    with pytest.raises(StoreError, match=r"no answer within 0.3 s"):
        client.query("ASK { ?s ?p ?o }")


def test_an_unreachable_server_is_a_clear_error():
    """Nothing listening: one line naming the URL."""
    with pytest.raises(StoreError, match=r"127\.0\.0\.1:9/sparql: cannot reach the server"):
        endpoint.Endpoint("http://127.0.0.1:9/sparql", timeout=2).query("ASK {}")


def test_a_server_side_syntax_error_is_one_line(stub):
    """The server's own error text comes back in one line."""
    with pytest.raises(StoreError, match=r"HTTP 400 .*SP030"):
        endpoint.Endpoint(f"{stub.base}/sparql").query("SELECT * WHERE { ?s ?p }")


def test_construct_results_parse(stub):
    """CONSTRUCT answers as N-Triples become a graph result."""
    client = endpoint.Endpoint(f"{stub.base}/sparql")
    client.insert(_big_graph(5), "http://example.org/g")
    result = client.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    assert result.kind == "graph" and len(result.rows) == 5


def test_prefixes_are_declared_for_the_server(stub):
    """A query using tl: without PREFIX reaches the server with the declaration added."""
    client = endpoint.Endpoint(f"{stub.base}/sparql")
    client.query("ASK { ?e a tl:Event }")
    sent = [form["query"] for _, kind, form in stub.seen if kind == "query"][-1]
    assert sent.startswith("PREFIX tl: <https://w3id.org/timeline-kg/ontology#>")


def test_bad_settings_are_refused():
    """Non-HTTP URLs and silly sizes are refused up front."""
    with pytest.raises(StoreError, match="http"):
        endpoint.Endpoint("ftp://example.org/sparql")
    with pytest.raises(StoreError, match="batch size"):
        endpoint.Endpoint("http://example.org/sparql", batch_size=0)


def test_the_password_is_never_shown():
    """repr() of an endpoint leaves the password out."""
    assert "s3cret" not in repr(endpoint.Endpoint("http://example.org/sparql", user=USER, password=PASSWORD))


def test_bindings_without_a_where_brace_are_refused():
    """A query with nothing to bind into is a QueryError."""
    with pytest.raises(QueryError):
        store.bind_values("DESCRIBE ?x", {"x": "1"})
