"""Against a real Virtuoso (Debian's virtuoso-opensource): push, query, paging past the row cap, Digest.

The fixture runs a private Virtuoso on 127.0.0.1 (its own ini, database folder and free
ports, ``ResultSetMaxRows = 100``) and stops it afterwards. It skips only where
``virtuoso-t`` is not installed (``scripts/system-deps.sh`` installs it).
"""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from timeline import endpoint, rdf, store
from timeline.model import Document, Event, MergedEvent, Participant, Span, Timex

from store_fixtures import CHINA, DEFECTORS, corpus, merge_by_label

pytestmark = pytest.mark.virtuoso

MAX_ROWS = 100
DBA_PASSWORD = "dba"  # a fresh database's default; the server listens on loopback only

INI = """\
[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
Striping = 0
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = ., {db}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {db}
ServerThreads = 4
MaxClientConnections = 4
[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryExecutionTime = 60
MaxQueryCostEstimationTime = 400
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for(url: str, process: subprocess.Popen, log: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"virtuoso-t exited with {process.returncode}: {log.read_text(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            time.sleep(0.3)
    raise RuntimeError(f"Virtuoso did not answer at {url} within {seconds:g} s")


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    binary, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    if not binary or not isql:
        pytest.skip("virtuoso-t/isql-vt not found: install Debian's virtuoso-opensource (make system-deps)")
    db = tmp_path_factory.mktemp("virtuoso")
    sql_port, http_port = _free_port(), _free_port()
    ini = db / "virtuoso.ini"
    ini.write_text(INI.format(db=db, sql_port=sql_port, http_port=http_port, max_rows=MAX_ROWS), encoding="utf-8")
    log = db / "stdout.log"
    with open(log, "wb") as out:
        process = subprocess.Popen([binary, "-f", "-c", str(ini)], cwd=db, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{http_port}"
    try:
        _wait_for(f"{base}/sparql", process, log)
        grant = subprocess.run(
            [isql, f"127.0.0.1:{sql_port}", "dba", DBA_PASSWORD, 'exec=GRANT SPARQL_UPDATE TO "SPARQL";'],
            capture_output=True, text=True, timeout=60,
        )
        assert grant.returncode == 0, grant.stdout + grant.stderr
        yield base
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _many_events(n: int):
    """``n`` documents of one repatriation each: ~50 triples per document, all distinct events."""
    docs, merged = [], []
    for i in range(n):
        text = f"China repatriated {i + 2} defectors in March 2023. Item {i}."
        sentence = text.split(". ")[0] + "."
        doc = Document(id=f"bulk-{i:04d}", path=f"bulk-{i:04d}.txt", text=text, sha256=f"{i:064x}")
        when = Timex(text.index("March"), text.index("March") + 10, "March 2023", "DATE", "2023-03")
        when = Timex(when.start, when.end, when.text, "DATE", "2023-03", __import__("datetime").date(2023, 3, 1), __import__("datetime").date(2023, 3, 31), "month", "absolute")
        mention = Event(doc.id, "Repatriation", f"repatriation {i}", Span(0, len(sentence), sentence), Span(6, 17, "repatriated"), when,
                        (Participant(CHINA, "agent"), Participant(DEFECTORS, "affected")))
        docs.append(doc)
        merged.append(MergedEvent(f"bulk-{i}", "Repatriation", f"repatriation {i}", (mention,), when, mention.participants))
    return docs, merged


def test_push_query_and_named_queries_match_the_local_engine(virtuoso):
    """A dataset pushed in batches answers every named query as the local engine does."""
    docs, events = corpus()
    dataset = rdf.build_dataset(docs, merge_by_label([m for d in docs for m in events[d.id]]))
    client = endpoint.Endpoint(f"{virtuoso}/sparql", max_rows=MAX_ROWS, batch_size=100)
    report = client.push(dataset)
    assert report.requests > len(report.graphs)  # batched: more than one request for some graph
    for name, item in store.named_queries().items():
        bindings = {n: "2020-01-01" if n == "from" else "2024-12-31" for n, _ in item.params}
        remote = store.query(client, name, bindings=bindings)
        local = store.query(dataset_file(dataset), name, bindings=bindings)
        assert len(remote.rows) == len(local.rows), name
        if name != "timeline":  # GROUP_CONCAT order is up to the engine
            assert sorted(map(repr, remote.rows)) == sorted(map(repr, local.rows)), name


_FILES: dict[int, Path] = {}


def dataset_file(dataset) -> list[Path]:
    path = _FILES.get(id(dataset))
    if path is None:
        import tempfile

        path = Path(tempfile.mkdtemp()) / "data.trig"
        store.write_graph(dataset, path)
        _FILES[id(dataset)] = path
    return [path]


def test_a_large_graph_is_batched_and_every_row_comes_back(virtuoso):
    """Over 1,000 triples go in batches under Virtuoso's limit; a SELECT past ResultSetMaxRows is paged."""
    docs, merged = _many_events(60)
    graph = rdf.build_graph(docs, merged)
    assert len(graph) > 1000
    client = endpoint.Endpoint(f"{virtuoso}/sparql", graph="http://example.org/bulk", max_rows=MAX_ROWS)
    report = client.push(graph, ontology=False)
    assert report.triples == len(graph) and report.requests >= len(graph) // 500 + 1
    result = client.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
    assert len(result.rows) == len(graph) and result.warnings
    events = store.query(client, "SELECT ?e WHERE { ?e a tl:Repatriation }")
    assert len(events.rows) == 60


def test_one_update_past_virtuosos_limit_is_a_clear_error(virtuoso):
    """Without batching Virtuoso refuses a big update; the error is one line naming the server."""
    docs, merged = _many_events(80)
    client = endpoint.Endpoint(f"{virtuoso}/sparql", batch_size=100000)
    try:
        client.insert(rdf.build_graph(docs, merged), "http://example.org/too-big")
    except Exception as error:  # noqa: BLE001 - Virtuoso's limit depends on its settings
        assert "\n" not in str(error) and virtuoso in str(error)


def test_digest_auth_on_sparql_auth_and_graph_store_protocol(virtuoso, monkeypatch):
    """/sparql-auth wants Digest: the dba user gets in; GSP PUT/GET/DELETE work through it."""
    monkeypatch.setenv(endpoint.ENV_USER, "dba")
    monkeypatch.setenv(endpoint.ENV_PASSWORD, DBA_PASSWORD)
    client = endpoint.connect(f"{virtuoso}/sparql-auth", gsp_url=f"{virtuoso}/sparql-graph-crud-auth")
    docs, merged = _many_events(3)
    graph = rdf.build_graph(docs, merged)
    client.put_graph("http://example.org/gsp", graph)
    count = client.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH <http://example.org/gsp> { ?s ?p ?o } }")
    assert count.rows == [(len(graph),)]
    assert 0 < len(client.get_graph("http://example.org/gsp")) <= len(graph)  # Virtuoso caps GET like a query
    assert client.query("ASK { GRAPH <http://example.org/gsp> { ?e a tl:Repatriation } }").boolean
    client.delete_graph("http://example.org/gsp")
    assert not client.query("ASK { GRAPH <http://example.org/gsp> { ?s ?p ?o } }").boolean
    with pytest.raises(Exception, match="HTTP 401"):
        endpoint.Endpoint(f"{virtuoso}/sparql-auth", user="dba", password="wrong").query("ASK {}")


def test_push_by_graph_store_protocol_from_the_command_line(virtuoso, tmp_path, examples_dir, monkeypatch):
    """`timeline push --method gsp` finds Virtuoso's Graph Store from the query URL (anonymous,
    after the SPARQL_UPDATE grant) or takes it from --gsp-url (Digest through the -auth pair)."""
    import os
    import sys

    exe = Path(sys.executable).parent / "timeline"
    graph_file = tmp_path / "g.ttl"
    subprocess.run([exe, "extract", examples_dir / "2025-10-02-kcna-commentary.txt", "-o", graph_file], check=True, capture_output=True)
    triples = len(store.read_graph([graph_file]))
    env = {k: v for k, v in os.environ.items() if not k.startswith("TIMELINE_SPARQL_")}
    pushes = [
        ([f"--endpoint={virtuoso}/sparql", "--graph=http://example.org/cli-gsp"], env),
        ([f"--endpoint={virtuoso}/sparql-auth", f"--gsp-url={virtuoso}/sparql-graph-crud-auth", "--graph=http://example.org/cli-gsp-auth"],
         {**env, endpoint.ENV_USER: "dba", endpoint.ENV_PASSWORD: DBA_PASSWORD}),
    ]
    for args, run_env in pushes:
        done = subprocess.run([exe, "push", graph_file, "--method", "gsp", *args], capture_output=True, text=True, env=run_env, timeout=120)
        assert done.returncode == 0, done.stderr
        graph = args[-1].split("=", 1)[1]
        count = store.query(endpoint.Endpoint(f"{virtuoso}/sparql"), f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
        assert count.rows == [(triples,)], (args, done.stdout)
    unknown = subprocess.run([exe, "push", graph_file, "--method", "gsp", "--endpoint=http://127.0.0.1:9/somewhere", "--graph=http://example.org/x"], capture_output=True, text=True, env=env, timeout=60)
    assert unknown.returncode == 1 and "--gsp-url" in unknown.stderr and "Traceback" not in unknown.stderr
