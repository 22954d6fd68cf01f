"""SPARQL and RDF conventions, run as a user runs them: the installed `timeline` command, its
output read back by rdflib's own parsers for the W3C results formats and for RDF."""

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.query import Result

from timeline import store

TIMELINE = shutil.which("timeline", path=str(Path(sys.executable).parent)) or "timeline"
TL = "https://w3id.org/timeline-kg/ontology#"


def timeline(*args, stdin=None, cwd=None, ok=True):
    done = subprocess.run([TIMELINE, *map(str, args)], input=stdin.encode() if stdin else None, capture_output=True, cwd=cwd, timeout=300)
    done.stdout, done.stderr = done.stdout.decode("utf-8"), done.stderr.decode("utf-8")  # line ends as written
    if ok:
        assert done.returncode == 0, done.stderr
    return done


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory, examples_dir):
    out = tmp_path_factory.mktemp("conv") / "graph.ttl"
    timeline("extract", examples_dir, "-o", out)
    return out


def test_count_over_a_file_is_its_triple_count(graph_file):
    """COUNT(*) sees the file's triples only; the ontology is a named graph beside them."""
    triples = len(Graph().parse(graph_file))
    out = timeline("query", graph_file, "-q", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--format", "csv").stdout
    assert out == f"n\r\n{triples}\r\n"
    onto = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/timeline-kg/ontology> { ?s ?p ?o } }"
    assert int(timeline("query", graph_file, "-q", onto, "--format", "csv").stdout.split()[1]) > 100
    subclass = "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ?t . ?t rdfs:subClassOf* tl:Event }"
    without = timeline("query", graph_file, "-q", subclass, "--format", "csv").stdout.split()[1]
    with_ontology = timeline("query", graph_file, "-q", subclass, "--format", "csv", "--with-ontology").stdout.split()[1]
    assert int(without) < int(with_ontology)


@pytest.mark.parametrize("fmt", ["json", "csv", "tsv"])
def test_select_results_in_the_w3c_formats_parse_with_rdflib(graph_file, fmt):
    """--format json|csv|tsv writes SPARQL 1.1 results that rdflib's own parsers read back."""
    sparql = "SELECT ?doc ?published ?title WHERE { ?doc a tl:Document ; dcterms:issued ?published OPTIONAL { ?doc dcterms:title ?title } } ORDER BY ?doc"
    out = timeline("query", graph_file, "-q", sparql, "--format", fmt).stdout
    parsed = Result.parse(io.StringIO(out), format=fmt)
    assert [str(v) for v in parsed.vars] == ["doc", "published", "title"]
    rows = list(parsed)
    assert len(rows) == 5
    assert all(isinstance(row[0], URIRef) for row in rows)
    if fmt != "csv":  # CSV carries lexical forms only, by design of the format
        assert all(isinstance(row[1], Literal) and row[1].datatype == XSD.date for row in rows)


def test_ask_in_json(graph_file):
    """ASK gives the W3C boolean result."""
    out = timeline("query", graph_file, "-q", "ASK { ?e a tl:Repatriation }", "--format", "json").stdout
    assert Result.parse(io.StringIO(out), format="json").askAnswer is True


def test_construct_prints_turtle_by_default_and_other_rdf_on_request(graph_file):
    """CONSTRUCT and DESCRIBE print RDF: Turtle unless --format names another RDF format."""
    sparql = "CONSTRUCT { ?e rdfs:label ?l } WHERE { ?e a tl:Repatriation ; rdfs:label ?l }"
    turtle = Graph().parse(data=timeline("query", graph_file, "-q", sparql).stdout, format="turtle")
    assert len(turtle) == 1
    for fmt, parser in (("nt", "nt"), ("json-ld", "json-ld"), ("rdfxml", "xml")):
        again = Graph().parse(data=timeline("query", graph_file, "-q", sparql, "--format", fmt).stdout, format=parser)
        assert set(again) == set(turtle), fmt
    described = timeline("query", graph_file, "-q", f"DESCRIBE ?e WHERE {{ ?e a <{TL}Repatriation> }}").stdout
    assert len(Graph().parse(data=described, format="turtle")) > 3
    refused = timeline("query", graph_file, "-q", sparql, "--format", "csv", ok=False)
    assert refused.returncode == 1 and "turtle" in refused.stderr and "Traceback" not in refused.stderr


def test_query_from_stdin(graph_file):
    """-f - reads the query from standard input."""
    out = timeline("query", graph_file, "-f", "-", "--format", "tsv", stdin="SELECT ?d WHERE { ?d a tl:Document }").stdout
    assert out.splitlines()[0] == "?d" and len(out.splitlines()) == 6


def test_bad_sparql_is_one_line_with_line_and_column(graph_file):
    """A malformed query (also one given to the library with an rdflib Graph) is one clear line."""
    bad = timeline("query", graph_file, "-f", "-", stdin="SELECT ?s WHERE {\n  ?s ?p\n}", ok=False)
    assert bad.returncode == 1 and bad.stderr.startswith("Error: query: line ") and "column" in bad.stderr
    assert len(bad.stderr.strip().splitlines()) == 1
    with pytest.raises(store.QueryError, match=r"line 1, column \d+"):
        store.query(Graph().parse(graph_file), "SELECT ?s WHERE { ?s ?p }")


def test_extract_reads_a_document_from_stdin(tmp_path, examples_dir):
    """`timeline extract -` reads one document from standard input."""
    text = (examples_dir / "2025-10-02-kcna-commentary.txt").read_text(encoding="utf-8")
    out = timeline("extract", "-", "--format", "nt", stdin=text, cwd=tmp_path).stdout
    graph = Graph().parse(data=out, format="nt")
    sources = {str(o) for o in graph.objects(None, URIRef("http://purl.org/dc/terms/source"))}
    assert sources == {"<stdin>"}
    assert any(str(o).startswith(TL) for o in graph.objects(None, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")))
    assert not os.listdir(tmp_path)


# Outputs ---------------------------------------------------------------------------------


@pytest.mark.parametrize("umask,mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_outputs_respect_the_umask(tmp_path, examples_dir, umask, mode):
    """Every file written gets 0666 less the umask, as any other tool's output."""
    doc = examples_dir / "2025-10-02-kcna-commentary.txt"
    subprocess.run([TIMELINE, "extract", doc, "-o", tmp_path / "g.ttl"], check=True, capture_output=True, preexec_fn=lambda: os.umask(umask))
    subprocess.run([TIMELINE, "build", doc, "-o", tmp_path / "out"], check=True, capture_output=True, preexec_fn=lambda: os.umask(umask))
    for path in (tmp_path / "g.ttl", tmp_path / "out" / "graph.ttl", tmp_path / "out" / "timeline.html"):
        assert os.stat(path).st_mode & 0o777 == mode, path


def test_every_output_suffix_is_a_real_rdf_format(tmp_path, examples_dir, graph_file):
    """.rdf is RDF/XML, .jsonld JSON-LD, .nt, .nq, .trig, .ttl as named; other suffixes are
    refused with the valid ones, before anything is written (extract, build and export)."""
    doc = examples_dir / "2025-10-02-kcna-commentary.txt"
    reference = Graph().parse(data=timeline("extract", doc, "--format", "nt").stdout, format="nt")
    for suffix, parser in ((".rdf", "xml"), (".jsonld", "json-ld"), (".nt", "nt"), (".ttl", "turtle")):
        timeline("extract", doc, "-o", tmp_path / f"g{suffix}")
        assert len(Graph().parse(tmp_path / f"g{suffix}", format=parser)) == len(reference), suffix
    for suffix in (".trig", ".nq"):
        timeline("extract", doc, "-o", tmp_path / f"g{suffix}")
    for command in (["extract", doc, "-o", tmp_path / "g.txt"], ["extract", doc, "-o", tmp_path / "g.ttl", "--format", "nt"],
                    ["export", graph_file, "-o", tmp_path / "g.csv"]):
        refused = timeline(*command, ok=False)
        assert refused.returncode == 1 and "Traceback" not in refused.stderr
        assert ".rdf (rdfxml)" in refused.stderr and ".ttl (turtle)" in refused.stderr, refused.stderr
    assert not (tmp_path / "g.txt").exists() and not (tmp_path / "g.csv").exists()
    timeline("export", graph_file, "-o", tmp_path / "e.rdf")
    assert len(Graph().parse(tmp_path / "e.rdf", format="xml")) == len(Graph().parse(graph_file))
    timeline("build", doc, "-o", tmp_path / "out", "--format", "rdfxml")
    assert len(Graph().parse(tmp_path / "out" / "graph.rdf", format="xml")) == len(reference)


def test_no_absolute_machine_path_in_the_graph(tmp_path, examples_dir):
    """Documents named by an absolute path are recorded relative to the folder given."""
    archive = tmp_path / "archive" / "2025"
    archive.mkdir(parents=True)
    shutil.copy2(examples_dir / "2025-10-02-kcna-commentary.txt", archive / "kcna.txt")
    out = timeline("extract", tmp_path / "archive", "--format", "nt").stdout
    assert str(tmp_path) not in out
    sources = {str(o) for o in Graph().parse(data=out, format="nt").objects(None, URIRef("http://purl.org/dc/terms/source"))}
    assert sources == {"archive/2025/kcna.txt"}
    one = timeline("extract", archive / "kcna.txt", "--format", "nt").stdout
    assert str(tmp_path) not in one and '"kcna.txt"' in one


# Documents in, as they come --------------------------------------------------------------


def test_a_windows_1252_page_is_read_and_its_encoding_recorded(tmp_path):
    """A legacy-encoded file is read, and the graph says which encoding its bytes were read in."""
    page = tmp_path / "old.html"
    page.write_bytes("<html><head><title>Archive</title></head><body><p>On 2 October 2025 the ministry’s report "
                     "on the café owners’ arrests was released.</p></body></html>".encode("cp1252"))
    utf = tmp_path / "new.txt"
    utf.write_text("On 2 October 2025 the UN released a report.\n", encoding="utf-8")
    graph = Graph().parse(data=timeline("extract", page, utf, "--format", "nt").stdout, format="nt")
    encodings = {str(o) for o in graph.objects(None, URIRef("http://www.w3.org/2011/content#characterEncoding"))}
    assert encodings == {"windows-1252", "UTF-8"}
    titles = {str(o) for o in graph.objects(None, URIRef("http://purl.org/dc/terms/title"))}
    assert "Archive" in titles


def test_a_broken_front_matter_date_is_a_warning_and_the_document_is_kept(tmp_path):
    """A front-matter field that does not parse: one warning naming file and field, exit 0, the
    document in the graph."""
    doc = tmp_path / "notes.md"
    doc.write_text("---\ntitle: Notes\npublished: 2025-13-45\n---\nOn 2 October 2025 the UN released a report.\n", encoding="utf-8")
    done = timeline("extract", doc, "-o", tmp_path / "g.ttl")
    warnings = [line for line in done.stderr.splitlines() if line.startswith("Warning:")]
    assert len(warnings) == 1 and "notes.md" in warnings[0] and "front matter published" in warnings[0]
    assert "Traceback" not in done.stderr
    assert len(Graph().parse(tmp_path / "g.ttl")) > 10


def test_a_base_uri_names_the_documents(tmp_path, examples_dir):
    """--base-uri: a document is that URI joined with its path from the folder given."""
    archive = tmp_path / "archive" / "2025"
    archive.mkdir(parents=True)
    shutil.copy2(examples_dir / "2025-10-02-kcna-commentary.txt", archive / "kcna commentary.txt")
    out = timeline("extract", tmp_path / "archive", "--format", "nt", "--base-uri", "https://news.example.org/kp").stdout
    sources = set(Graph().parse(data=out, format="nt").objects(None, URIRef("http://purl.org/dc/terms/source")))
    assert sources == {URIRef("https://news.example.org/kp/2025/kcna%20commentary.txt")}
    bad = timeline("extract", tmp_path / "archive", "--base-uri", "news", ok=False)
    assert bad.returncode == 2 and "absolute URI" in bad.stderr
