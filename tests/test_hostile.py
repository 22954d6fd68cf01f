"""The standing hostile-input suite: what a careless or malicious input may not do to timeline.

The guarantees, each tested below:

1. Cost is linear in the input: every text stage, on repetitive text built to trigger
   backtracking or rescanning, takes about 4× the time for 4× the text (ratio only; never an
   absolute time). A document over the size limit (10 MiB; ``--max-size``) is skipped with
   one line; the rest are processed.
2. Only regular files are read: FIFOs, devices, sockets and links to them are skipped with one
   line each, never opened; link loops and unlistable folders are reported.
3. Outputs cannot clobber: ``-o`` onto a FIFO, a device or one of the inputs is refused before
   any work; no temporary file survives an error, SIGTERM or SIGINT, and those of a killed run
   are removed by the next.
4. Remote servers cannot hang or fool a run: a total deadline, no success for an update
   answered by a redirect, no credentials in any message, one line for any malformed answer.
5. The store says when its last ingest did not finish, counts what it holds, can be read when
   read-only, and names the live process that holds it.
6. Every bad input ends the same way: a non-zero exit, a line naming the file, no traceback,
   no half-written output, and the good documents beside it processed.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS

from timeline import endpoint, store
from timeline.documents import document_from_text
from timeline.errors import QueryError, StoreError
from timeline.furniture import find_furniture
from timeline.pipeline import extract_document
from timeline.sentences import split_sentences
from timeline.temporal import find_timexes

from hostile_fixtures import (
    GOOD_IDS,
    MALFORMED,
    HostileServer,
    cli,
    growth,
    html_of,
    repeat,
    temp_files,
    write_good,
)

ROOT_USER = hasattr(os, "geteuid") and os.geteuid() == 0
MAX_RATIO = 6.0  # 4× the input may cost up to 6× the time: linear with noise, never quadratic (16×)


def _clean_failure(code: int, output: str, *needles: str) -> list[str]:
    """Non-zero exit, no traceback, no internal error; an ``Error:`` line naming each needle."""
    assert code != 0, output
    assert "Traceback" not in output and "internal error" not in output, output
    lines = [line for line in output.splitlines() if line.startswith("Error:")]
    for needle in needles:
        assert any(needle in line for line in lines), (needle, output)
    return lines


def _documents_in(graph_file: Path) -> set[str]:
    text = graph_file.read_text(encoding="utf-8")
    return {doc_id for doc_id in GOOD_IDS if f"/doc/{doc_id}>" in text}


# 1. Linear cost ---------------------------------------------------------------------------

TEXT_INPUTS = [
    repeat("Kim said Kim said "),  # a short reporting phrase, over and over
    repeat("X said "),
    repeat("1,"), repeat("1."), repeat("1234567890 "),  # long digit, comma and dot runs
    repeat("January "), repeat("Oct. 2, "),  # month names
    repeat("word "),  # no sentence break at all
    repeat("\u201cWe wait... Then "),  # ellipses inside an open quotation
    repeat("Share\nA line (2025.13.40.) of text\n"),  # furniture and stamps that fail to parse
    repeat("Headline Word Here\n"),  # capitalised words without end
    repeat("North Korea executed three people in Hyesan on May 2, 2024 and "),  # one sentence, many events
    lambda n: "---\ntitle: a" + " " * n + "b\n---\nOfficials said so.\n",  # front matter with a run of spaces
]
TEXT_INPUTS[-1].__name__ = "front matter with a run of spaces"
HTML_INPUTS = [html_of(u) for u in ("</p>", "<a ", "</", "<a href=\"", "<nav></footer>", "<div>", "&#")]
STAGES = {
    "furniture": find_furniture,
    "sentences": split_sentences,
    "temporal": lambda text: find_timexes(text, date(2025, 1, 1)),
    "documents": lambda text: document_from_text(text),
}
# Superlinear in timeline/extract/, with the reason, until fixed (strict: a fix that makes one
# linear fails here until its mark is removed). None left: the name lookahead is bounded and
# tokens are found by bisection, overlaps by one walk up the tree.
EXTRACT_KNOWN_SLOW: dict[str, str] = {}


@pytest.mark.parametrize("make", TEXT_INPUTS, ids=lambda m: m.__name__)
@pytest.mark.parametrize("stage", sorted(STAGES))
def test_text_stages_take_linear_time(stage, make):
    """Four times the repetitive text takes about four times the CPU time in each text stage."""
    ratio, n = growth(STAGES[stage], make, within=MAX_RATIO)
    assert ratio <= MAX_RATIO, f"{stage} on {make.__name__}: ×{ratio:.1f} from {n} to {4 * n} characters"


def test_the_growth_measure_catches_a_quadratic_stage():
    """The measure the checks above use fails a stage that rescans its input per character."""

    def rescans(text: str) -> int:
        return sum(text.count("a", i, i + len(text) // 2) for i in range(0, len(text), 8))

    ratio, n = growth(rescans, repeat("ab"), within=MAX_RATIO)
    assert ratio > MAX_RATIO, f"×{ratio:.1f} from {n} to {4 * n} characters"


@pytest.mark.parametrize("make", HTML_INPUTS, ids=lambda m: m.__name__)
def test_reading_html_takes_linear_time(make):
    """Repeated or unterminated tags: reading the page stays linear (html.parser was quadratic)."""
    ratio, n = growth(lambda text: document_from_text(text, media_type="text/html"), make, within=MAX_RATIO)
    assert ratio <= MAX_RATIO, f"{make.__name__}: ×{ratio:.1f} from {n} to {4 * n} characters"


def _extract_params() -> list:
    params = []
    for make in TEXT_INPUTS:
        reason = EXTRACT_KNOWN_SLOW.get(make.__name__)
        marks = [pytest.mark.xfail(strict=True, reason=f"timeline/extract/: {reason}")] if reason else []
        params.append(pytest.param(make, marks=marks, id=make.__name__))
    return params


@pytest.mark.parametrize("make", _extract_params())
def test_extract_document_takes_linear_time(make):
    """End to end (sentences, time expressions, events) on one document: linear too."""
    extract_document(document_from_text("Officials said so on May 2, 2024.", published=date(2025, 1, 1)))  # load vocabularies

    def run(text: str) -> None:
        extract_document(document_from_text(text, published=date(2025, 1, 1)))

    ratio, n = growth(run, make, cap=32_000, within=MAX_RATIO)
    assert ratio <= MAX_RATIO, f"extract_document on {make.__name__}: ×{ratio:.1f} from {n} to {4 * n} characters"


def test_a_document_over_the_size_limit_is_skipped_and_the_rest_processed(tmp_path):
    """200 MB (sparse, never read) and a single 3 MB line under --max-size 1M: one line each."""
    corpus = tmp_path / "corpus"
    write_good(corpus)
    with open(corpus / "huge.txt", "wb") as handle:
        handle.truncate(200 * 2**20)
    (corpus / "one-line.txt").write_text("Officials said so. " * 160_000, encoding="utf-8")
    done = cli("--max-size", "1M", "extract", corpus, "-o", tmp_path / "out.ttl")
    lines = _clean_failure(done.returncode, done.stderr, "huge.txt: too large (200 MiB", "one-line.txt: too large")
    assert len(lines) == 2 and all("limit is 1 MiB" in line for line in lines)
    assert _documents_in(tmp_path / "out.ttl") == set(GOOD_IDS)
    wrong = cli("--max-size", "lots", "extract", corpus)
    _clean_failure(wrong.returncode, wrong.stderr, "size 'lots'")


def test_a_long_line_under_the_limit_is_read_in_bounded_memory(tmp_path):
    """One 500 kB line of prose with dates is processed; the process stays under ~30× the file in memory."""
    line = "Rain fell on the coast on May 2, 2024 and the harbour stayed quiet for the rest of the week. " * 5_000
    (tmp_path / "line.txt").write_text(line, encoding="utf-8")
    script = (
        "import resource, sys\nfrom timeline.cli import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit as done:\n"
        "    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr); raise\n"
    )
    done = subprocess.run([sys.executable, "-c", script, "extract", tmp_path / "line.txt", "-o", tmp_path / "out.ttl"],
                          capture_output=True, text=True, timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr
    peak_mb = int(done.stderr.strip().splitlines()[-1]) / 1024
    assert peak_mb < 600 + 30 * len(line) / 2**20, peak_mb  # the language model alone is ~300 MB


# 2. Only regular files ----------------------------------------------------------------------


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _socket(path: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    _SOCKETS.append(server)


_SOCKETS: list[socket.socket] = []


def _link_to(target):
    def make(path: Path) -> None:
        if callable(target):
            target(path.with_suffix(".real"))
            path.symlink_to(path.with_suffix(".real").name)
        else:
            path.symlink_to(target)

    return make


SPECIAL = [
    ("fifo.txt", _fifo, "is a FIFO (named pipe)"),
    ("zero.txt", _link_to("/dev/zero"), "is a character device"),
    ("socket.txt", _socket, "is a socket"),
    ("link-to-fifo.md", _link_to(_fifo), "is a FIFO (named pipe)"),
    ("loop.txt", lambda p: p.symlink_to(p.name), "symbolic link loop"),
    ("dangling.txt", lambda p: p.symlink_to("nowhere.txt"), "broken symbolic link"),
]


def test_only_regular_files_are_read(tmp_path):
    """A FIFO, a device, a socket, links to them, link loops: one line each; the run never hangs."""
    corpus = tmp_path / "corpus"
    write_good(corpus)
    for name, make, _ in SPECIAL:
        make(corpus / name)
    try:
        done = cli("extract", corpus, "-o", tmp_path / "out.ttl", timeout=60)
    finally:
        while _SOCKETS:
            _SOCKETS.pop().close()
    lines = _clean_failure(done.returncode, done.stderr, *(f"{name}: {problem}" for name, _, problem in SPECIAL))
    assert len(lines) == len(SPECIAL), done.stderr
    assert _documents_in(tmp_path / "out.ttl") == set(GOOD_IDS)


def test_a_named_device_is_refused_without_reading_it(tmp_path):
    """`timeline timex /dev/zero.txt`-style: a link to a device named on the command line is one line."""
    (tmp_path / "zero.md").symlink_to("/dev/zero")
    done = cli("timex", tmp_path / "zero.md", timeout=60)
    _clean_failure(done.returncode, done.stderr, "zero.md: is a character device")


def test_a_folder_that_cannot_be_listed_is_reported(tmp_path, monkeypatch, run):
    """An unreadable sub-folder is one line naming it, not skipped without a word."""
    corpus = tmp_path / "corpus"
    write_good(corpus)
    locked = corpus / "locked"
    locked.mkdir()
    (locked / "inside.txt").write_text("Officials said so.", encoding="utf-8")
    if ROOT_USER:  # root lists any folder: make the listing fail as it would for another user
        real_scandir = os.scandir

        def scandir(path="."):
            if Path(path) == locked:
                raise PermissionError(13, "Permission denied", str(path))
            return real_scandir(path)

        monkeypatch.setattr(os, "scandir", scandir)
    else:
        locked.chmod(0)
    try:
        result = run("extract", corpus, "-o", tmp_path / "out.ttl")
    finally:
        locked.chmod(0o755)
    _clean_failure(result.exit_code, result.output, "locked: cannot list this folder (Permission denied)")
    assert _documents_in(tmp_path / "out.ttl") == set(GOOD_IDS)


def test_a_folder_link_loop_is_not_followed(tmp_path, run):
    """A link from a folder to its parent does not make the walk loop; the documents are read once."""
    corpus = tmp_path / "corpus"
    write_good(corpus)
    (corpus / "sub").mkdir()
    (corpus / "sub" / "up").symlink_to("..")
    result = run("extract", corpus, "-o", tmp_path / "out.ttl")
    assert result.exit_code == 0, result.output
    assert "2 documents" in result.output


# 3. Outputs ---------------------------------------------------------------------------------


def test_output_onto_a_fifo_or_device_is_refused_before_any_work(tmp_path):
    """-o onto a FIFO (a writer would block) or a device: refused at once, the FIFO stays a FIFO."""
    write_good(tmp_path / "corpus")
    os.mkfifo(tmp_path / "out.ttl")
    done = cli("extract", tmp_path / "corpus", "-o", tmp_path / "out.ttl", timeout=60)
    _clean_failure(done.returncode, done.stderr, "out.ttl: is a FIFO (named pipe); refusing to write")
    assert "documents" not in done.stderr  # refused before extracting
    assert (tmp_path / "out.ttl").is_fifo()
    device = cli("render", tmp_path / "corpus" / "good-one.txt", "-o", "/dev/null", timeout=60)
    _clean_failure(device.returncode, device.stderr, "/dev/null: is a character device")


def test_output_onto_an_input_is_refused(tmp_path, run):
    """-o naming one of the documents read, directly or inside an input folder, never overwrites it."""
    corpus = tmp_path / "corpus"
    write_good(corpus)
    before = (corpus / "good-one.txt").read_bytes()
    result = run("extract", corpus / "good-one.txt", "-o", corpus / "good-one.txt")
    _clean_failure(result.exit_code, result.output, "good-one.txt: is one of the input files")
    (tmp_path / "alias.txt").symlink_to(corpus / "good-two.md")
    result = run("extract", corpus, "-o", tmp_path / "alias.txt")
    _clean_failure(result.exit_code, result.output, "alias.txt: is a document inside the input folder")
    (corpus / "timeline.html").write_text("<p>Officials said so on May 2, 2024.</p>", encoding="utf-8")
    result = run("build", corpus, "-o", corpus)
    _clean_failure(result.exit_code, result.output, "timeline.html: is a document inside the input folder")
    assert (corpus / "good-one.txt").read_bytes() == before
    assert not (corpus / "graph.ttl").exists()


def test_output_through_a_symlink_keeps_the_link(tmp_path, run):
    """-o onto a link to a regular file replaces the file it points to; the link stays a link."""
    write_good(tmp_path / "corpus")
    (tmp_path / "real.ttl").write_text("old", encoding="utf-8")
    (tmp_path / "link.ttl").symlink_to("real.ttl")
    result = run("extract", tmp_path / "corpus", "-o", tmp_path / "link.ttl")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "link.ttl").is_symlink()
    assert _documents_in(tmp_path / "real.ttl") == set(GOOD_IDS)


_SLOW_WRITE = """
import os, signal, sys, time
signal.signal(signal.SIGINT, signal.default_int_handler)  # as at a terminal, even when the tests run in a background job
ready = sys.argv.pop()
def slow(fd):
    open(ready, "w").close()
    time.sleep(60)
os.fsync = slow  # the temporary file is complete and waiting to be renamed
from timeline.cli import main
main(sys.argv[1:])
"""


@pytest.mark.parametrize(("sig", "status"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)], ids=["SIGTERM", "SIGINT"])
def test_a_signal_during_a_write_leaves_no_temp_file(tmp_path, sig, status):
    """Killed politely mid-write: the old output stays whole and no temporary file is left."""
    write_good(tmp_path / "corpus")
    out, ready = tmp_path / "out" / "graph.ttl", tmp_path / "ready"
    out.parent.mkdir()
    out.write_text("old output\n", encoding="utf-8")
    child = subprocess.Popen([sys.executable, "-c", _SLOW_WRITE, "extract", tmp_path / "corpus", "-o", out, ready],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while not ready.exists() and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert ready.exists(), child.communicate(timeout=5)
        assert temp_files(out.parent)  # caught in the act
        child.send_signal(sig)
        _, err = child.communicate(timeout=60)
    finally:
        child.kill()
    assert child.returncode == status, err
    assert "Traceback" not in err
    assert temp_files(out.parent) == []
    assert out.read_text(encoding="utf-8") == "old output\n"


def test_temp_files_of_a_killed_run_are_removed_by_the_next(tmp_path, run):
    """Temporary files whose process is gone (and old-style ones over an hour old) are cleaned up."""
    write_good(tmp_path / "corpus")
    out = tmp_path / "out"
    out.mkdir()
    dead = int(Path("/proc/sys/kernel/pid_max").read_text()) + 1 if Path("/proc/sys/kernel/pid_max").exists() else 2**22 + 1
    (out / f".graph.ttl.{dead}.ab12cd34.tmp").write_text("partial", encoding="utf-8")
    legacy = out / ".graph.ttl.zz99yy88.tmp"
    legacy.write_text("partial", encoding="utf-8")
    os.utime(legacy, (time.time() - 7200, time.time() - 7200))
    live = out / ".graph.ttl.1.ef56gh78.tmp"  # pid 1 is alive: another run's write in progress
    live.write_text("partial", encoding="utf-8")
    result = run("extract", tmp_path / "corpus", "-o", out / "graph.ttl")
    assert result.exit_code == 0, result.output
    assert temp_files(out) == [live.name]


# 4. Remote servers --------------------------------------------------------------------------


@pytest.fixture()
def hostile():
    server = HostileServer()
    yield server
    server.close()


@pytest.mark.parametrize("path", ["/drip-body", "/drip-head"])
def test_a_server_that_drips_bytes_hits_the_total_deadline(hostile, path):
    """One byte every 0.25 s never trips a per-read timeout; the whole answer has a deadline."""
    with pytest.raises(StoreError, match=r"no answer within 1 s"):
        endpoint.Endpoint(f"{hostile.base}{path}", timeout=1).query("ASK { ?s ?p ?o }")


@pytest.mark.parametrize("code", [301, 302, 303, 307, 308])
def test_a_push_answered_by_a_redirect_fails(hostile, tmp_path, run, code):
    """An update must be confirmed where it was sent; a redirect stores nothing, so the push fails."""
    graph = tmp_path / "g.ttl"
    graph.write_text("<http://example.org/s> <http://example.org/p> 1 .\n", encoding="utf-8")
    result = run("push", graph, "--endpoint", f"{hostile.base}/redirect-{code}", "--graph", "http://example.org/g")
    _clean_failure(result.exit_code, result.output, f"redirect (HTTP {code})")
    assert "pushed" not in result.output
    assert ("GET", "/landing") not in hostile.seen


def test_a_query_follows_only_redirects_that_keep_it(hostile):
    """307/308 keep the method and body: followed. 302/303 would drop the query: refused."""
    assert endpoint.Endpoint(f"{hostile.base}/redirect-307").query("SELECT ?n WHERE { ?s ?p ?n }").rows == [("1",)]
    with pytest.raises(StoreError, match=r"redirect \(HTTP 303\)"):
        endpoint.Endpoint(f"{hostile.base}/redirect-303").query("SELECT ?n WHERE { ?s ?p ?n }")


@pytest.mark.parametrize("path", ["/fail", "/drip-head", "/redirect-302"])
def test_a_password_in_the_endpoint_url_is_never_shown(hostile, run, path):
    """user:password@ in --endpoint is used as credentials and never printed, whatever fails."""
    url = hostile.base.replace("http://", "http://dba:s3cr%40t@") + path
    old = os.environ.get(endpoint.ENV_TIMEOUT)
    os.environ[endpoint.ENV_TIMEOUT] = "1"
    try:
        result = run("query", "--endpoint", url, "-q", "ASK { ?s ?p ?o }")
    finally:
        os.environ.pop(endpoint.ENV_TIMEOUT) if old is None else os.environ.__setitem__(endpoint.ENV_TIMEOUT, old)
    _clean_failure(result.exit_code, result.output, "127.0.0.1")
    assert "s3cr" not in result.output and "dba:" not in result.output


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_a_malformed_result_is_one_line(hostile, run, case):
    """Results that are not SPARQL JSON (any shape) give one line naming the server, not 'internal error'."""
    result = run("query", "--endpoint", f"{hostile.base}/json/{case}", "-q", "SELECT ?x WHERE { ?x ?p ?o }")
    _clean_failure(result.exit_code, result.output, f"{hostile.base}/json/{case}")


def test_an_answer_that_is_not_http_is_one_line(hostile, run):
    """A server that does not speak HTTP: one line."""
    result = run("query", "--endpoint", f"{hostile.base}/garbage", "-q", "ASK {}")
    _clean_failure(result.exit_code, result.output, "/garbage: not an HTTP answer")


@pytest.mark.parametrize("value", ["<a b>", "urn:x y", "<>", "http://[oops"])
def test_an_iri_like_param_that_is_not_an_iri_is_one_line(run, value, tmp_path):
    """-p with something IRI-shaped but invalid: a clear error naming the parameter."""
    graph = tmp_path / "g.ttl"
    graph.write_text("<http://example.org/s> <http://example.org/p> 1 .\n", encoding="utf-8")
    result = run("query", graph, "-q", "SELECT ?s WHERE { ?s ?p ?o }", "-p", f"s={value}")
    _clean_failure(result.exit_code, result.output, "--param s=")
    with pytest.raises(QueryError, match="not a valid IRI"):
        store.bind_values("SELECT ?s WHERE { ?s ?p ?o }", {"s": value})


# 5. The store -------------------------------------------------------------------------------


def _store_corpus(folder: Path, count: int = 3) -> Path:
    write_good(folder)
    for i in range(count):
        (folder / f"extra-{i}.txt").write_text(
            f"Update {i}\n\nSEOUL, Oct. {i + 3}, 2025 (Reuters) - North Korea executed {i + 2} people in Hyesan on "
            f"September {i + 1}, 2025, activists said.\n", encoding="utf-8")  # fmt: skip
    return folder


def _store_graph(path: Path) -> Graph:
    with store.open_store(path) as opened:
        return store.read_graph(opened)


_KILLED_INGEST = """
import os, signal, sys
import timeline.ingest as s
def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)  # after the records are written, before the graphs
s._Work.apply = die
from timeline.cli import main
main(sys.argv[1:])
"""


def test_a_killed_ingest_is_reported_by_queries_and_repaired_by_the_next(tmp_path, run):
    """kill -9 mid-ingest: queries still answer (from before) with a note; the next ingest repairs it."""
    arriving = _store_corpus(tmp_path / "arriving")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(arriving / "good-one.txt", corpus)
    assert run("ingest", corpus, "--store", tmp_path / "kg").exit_code == 0
    for item in arriving.iterdir():  # then the rest of the documents arrive
        shutil.copy(item, corpus)
    killed = subprocess.run([sys.executable, "-c", _KILLED_INGEST, "ingest", corpus, "--store", tmp_path / "kg"],
                            capture_output=True, text=True, timeout=120)  # fmt: skip
    assert killed.returncode == -signal.SIGKILL
    asked = run("query", "--store", tmp_path / "kg", "events")
    assert asked.exit_code == 0, asked.output
    assert "Note:" in asked.output and "the last ingest" in asked.output and "did not finish" in asked.output
    again = run("ingest", corpus, "--store", tmp_path / "kg")
    assert again.exit_code == 0, again.output
    assert "did not finish" not in run("query", "--store", tmp_path / "kg", "events").output
    assert run("ingest", corpus, "--store", tmp_path / "clean").exit_code == 0
    assert isomorphic(_store_graph(tmp_path / "kg"), _store_graph(tmp_path / "clean"))


def test_kill_9_at_any_moment_never_corrupts_the_store(tmp_path, run):
    """An ingest killed outright at an arbitrary moment, then run again, equals a clean ingest."""
    delay = 0.5 + 0.8 * random.random()  # the 13 trials held; one more at each run
    corpus = _store_corpus(tmp_path / "corpus", count=6)
    child = subprocess.Popen([sys.executable, "-m", "timeline.cli", "ingest", corpus, "--store", tmp_path / "kg"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    time.sleep(delay)
    child.kill()
    child.wait(timeout=30)
    assert run("ingest", corpus, "--store", tmp_path / "kg").exit_code == 0, delay
    assert run("ingest", corpus, "--store", tmp_path / "clean").exit_code == 0
    assert isomorphic(_store_graph(tmp_path / "kg"), _store_graph(tmp_path / "clean"))
    with store.open_store(tmp_path / "kg") as opened:
        assert opened.kept_triples() == len(opened), delay  # the count kept after the repair is the count


def test_a_count_written_into_the_state_file_is_never_reported(tmp_path, run):
    """A stale count in ``state.json`` is never reported: the count an ingest reports is the one it
    kept in the index's transaction, or counted (``tests/test_keptcount.py``)."""
    corpus = _store_corpus(tmp_path / "corpus", count=1)
    assert run("ingest", corpus, "--store", tmp_path / "kg").exit_code == 0
    index = tmp_path / "kg" / "state.json"
    data = json.loads(index.read_text(encoding="utf-8"))
    data["triples"] = 5
    index.write_text(json.dumps(data), encoding="utf-8")
    result = run("ingest", corpus, "--store", tmp_path / "kg")
    with store.open_store(tmp_path / "kg") as opened:
        assert f"{len(opened)} triples" in result.output and " 5 triples" not in result.output


@pytest.fixture()
def read_only_store(tmp_path, run):
    corpus = _store_corpus(tmp_path / "corpus", count=1)
    assert run("ingest", corpus, "--store", tmp_path / "kg").exit_code == 0
    paths = [tmp_path / "kg", *(tmp_path / "kg").rglob("*")]
    for p in paths:
        p.chmod(p.stat().st_mode & ~0o222)
    if ROOT_USER:  # root writes anywhere; the immutable flag stops root too
        if shutil.which("chattr") is None or subprocess.run(["chattr", "-R", "+i", tmp_path / "kg"]).returncode:
            pytest.skip("running as root without chattr: cannot make a read-only store")
    yield tmp_path / "kg"
    if ROOT_USER:
        subprocess.run(["chattr", "-R", "-i", tmp_path / "kg"], check=True)
    for p in paths:
        p.chmod(p.stat().st_mode | 0o200)


def test_a_read_only_store_can_be_queried(read_only_store, run):
    """A store on a read-only disk (or someone else's) answers queries; writing it is a clear error."""
    result = run("query", "--store", read_only_store, "events")
    assert result.exit_code == 0, result.output
    assert "Hyesan" in result.output or "good-" in result.output


_READER = """
import fcntl, sys, time
handle = open(sys.argv[1])
fcntl.flock(handle, fcntl.LOCK_SH)
print("holding", flush=True)
time.sleep(60)
"""


def test_the_busy_message_names_the_live_holder(tmp_path, run):
    """The store is busy: the message names the process holding it now, not a pid left in the file."""
    corpus = _store_corpus(tmp_path / "corpus", count=1)
    assert run("ingest", corpus, "--store", tmp_path / "kg").exit_code == 0
    (tmp_path / "kg" / "lock").write_text("999999", encoding="utf-8")  # left by a run that died
    reader = subprocess.Popen([sys.executable, "-c", _READER, tmp_path / "kg" / "lock"], stdout=subprocess.PIPE, text=True)
    try:
        assert reader.stdout.readline().strip() == "holding"
        busy = run("ingest", corpus, "--store", tmp_path / "kg")
    finally:
        reader.kill()
        reader.wait()
    _clean_failure(busy.exit_code, busy.output, "in use by another process", f"pid {reader.pid}")
    assert "999999" not in busy.output


# 6. Bad documents beside good ones ----------------------------------------------------------

DOCUMENTS = [  # name, bytes, what the one line says (None: the document is read)
    ("empty.txt", b"", "empty"),
    ("blank.md", b"  \n\t\n", "empty"),
    ("binary.txt", bytes(range(256)) * 8, "binary file"),
    ("elf.html", b"\x7fELF\x02\x01\x01" + b"\x00" * 64, "binary file"),
    ("utf16-no-bom.txt", "Officials said so.".encode("utf-16-le"), "binary file"),
    ("markup-only.html", b"<html><script>var a = 1;</script></html>", "no readable text"),
    ("deep.html", b"<div>" * 100_000 + b"Officials said so on May 2, 2024." + b"</div>" * 100_000, None),
    ("deep-json-ld.html", b'<script type="application/ld+json">' + b"[" * 100_000 + b"]" * 100_000
     + b"</script><p>Officials said so on May 2, 2024.</p>", None),
    ("open-tags.html", b"<p>Officials said so on May 2, 2024.</p>" + b"<a " * 20_000, None),
    ("front-matter-spaces.md", b"---\ntitle: a" + b" " * 100_000 + b"b\n---\nOfficials said so on May 2, 2024.\n", None),
    ("unclosed-front-matter.md", b"---\ntitle: x\nOfficials said so.\n", None),
    ("one-sentence.txt", b"North Korea executed three people in Hyesan on May 2, 2024 and " * 18_000 + b"so on.", None),
    ("controls.txt", "Officials said\x1b[31m so\u202e on May 2, 2024.\u2028Done.".encode(), None),
]
# Whether these are read or refused is decided elsewhere (issue 10 detects encodings and keeps a
# document whose front-matter date does not parse): either way, never a crash.
EITHER = [
    ("latin-1.txt", "Caf\xe9 owners said the border closed on May 2, 2024.".encode("latin-1")),
    ("bad-front-matter.md", b"---\npublished: next tuesday-ish\n---\nOfficials said so.\n"),
]


def _run_beside_good(tmp_path, run, name, data):
    corpus = tmp_path / "corpus"
    write_good(corpus)
    (corpus / name).write_bytes(data)
    result = run("extract", corpus, "-o", tmp_path / "out" / "graph.ttl")
    assert "Traceback" not in result.output and "internal error" not in result.output, result.output
    assert _documents_in(tmp_path / "out" / "graph.ttl") == set(GOOD_IDS)
    assert temp_files(tmp_path) == []
    Graph().parse(tmp_path / "out" / "graph.ttl", format="turtle")  # whole, never half-written
    return result


@pytest.mark.parametrize(("name", "data", "problem"), DOCUMENTS, ids=[d[0] for d in DOCUMENTS])
def test_a_bad_document_is_one_line_and_the_good_ones_are_read(tmp_path, run, name, data, problem):
    """Each hostile document: skipped with one line naming it (or read, when it holds text)."""
    result = _run_beside_good(tmp_path, run, name, data)
    if problem is None:
        assert result.exit_code == 0, result.output
        assert "Error:" not in result.output
    else:
        lines = _clean_failure(result.exit_code, result.output, f"{name}: {problem}")
        assert len(lines) == 1, result.output


@pytest.mark.parametrize(("name", "data"), EITHER, ids=[d[0] for d in EITHER])
def test_an_odd_document_is_read_or_refused_by_name(tmp_path, run, name, data):
    """Bad encodings and broken front matter: read, or one line naming the file; never a crash."""
    result = _run_beside_good(tmp_path, run, name, data)
    if result.exit_code:
        _clean_failure(result.exit_code, result.output, name)


def test_only_bad_documents_write_nothing(tmp_path, run):
    """When no document can be read there is no output file at all, not an empty or partial one."""
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "empty.txt").write_bytes(b"")
    (tmp_path / "corpus" / "loop.txt").symlink_to("loop.txt")
    result = run("extract", tmp_path / "corpus", "-o", tmp_path / "out.ttl")
    _clean_failure(result.exit_code, result.output, "empty.txt", "loop.txt", "no document could be read")
    assert not (tmp_path / "out.ttl").exists() and temp_files(tmp_path) == []


PAYLOAD = "\"\"\"> <x:a> </script><script>alert(1)</script>'); DROP ALL; # }"


def test_injection_through_names_titles_and_text_stays_data(tmp_path, run):
    """Payloads in a file name, a title and the text: literals in RDF, escaped in HTML, bound in SPARQL."""
    corpus = tmp_path / "corpus"
    write_good(corpus)
    name = "\"><img src=x onerror=alert(1)> '.md"
    (corpus / name).write_text(f"---\ntitle: {PAYLOAD}\n---\nOfficials said {PAYLOAD} on May 2, 2024.\n", encoding="utf-8")
    result = run("build", corpus, "-o", tmp_path / "out")
    assert "Traceback" not in result.output
    graph = Graph().parse(tmp_path / "out" / "graph.ttl", format="turtle")
    assert (None, DCTERMS.title, Literal(PAYLOAD)) in graph
    html = (tmp_path / "out" / "timeline.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    found = run("query", tmp_path / "out" / "graph.ttl", "-q", "SELECT ?d WHERE { ?d dcterms:title ?t }",
                "--format", "json", "-p", f"t={PAYLOAD}")  # fmt: skip
    assert found.exit_code == 0, found.output
    assert len(json.loads(found.output)["results"]["bindings"]) == 1  # one exact literal; the query kept its shape
