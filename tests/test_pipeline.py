"""End to end: documents → graph. The output contract, evidence offsets, SHACL, the golden graph."""

import os
from datetime import date
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from timeline import pipeline, store
from timeline.documents import iter_documents
from timeline.validate import validate_graph

GOLDEN = Path(__file__).parent / "golden" / "examples.ttl"

CONTRACT = """
PREFIX tl:  <https://w3id.org/timeline-kg/ontology#>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX oa:  <http://www.w3.org/ns/oa#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?event ?type ?label ?from ?to ?doc ?published ?quote ?start ?end WHERE {
  ?event a ?type ; rdfs:label ?label ; prov:wasDerivedFrom ?doc .
  GRAPH <https://w3id.org/timeline-kg/ontology> { ?type rdfs:subClassOf* tl:Event }
  OPTIONAL { ?event sem:hasEarliestBeginTimeStamp ?from ; sem:hasLatestEndTimeStamp ?to }
  ?doc a tl:Document .
  OPTIONAL { ?doc dcterms:issued ?published }
  ?ann a oa:Annotation ; oa:hasBody ?event ; oa:hasTarget ?target .
  ?target oa:hasSource ?doc ; oa:hasSelector ?q , ?p .
  ?q a oa:TextQuoteSelector ; oa:exact ?quote .
  ?p a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
}
"""


def _build(folder: Path, tmp: Path) -> tuple[Path, Graph]:
    """Build from the repository root with a relative path, as `make demo` does, so the
    documents' dcterms:source values do not depend on where the checkout lives."""
    root = Path(__file__).resolve().parents[1]
    here = os.getcwd()
    os.chdir(root)
    try:
        result = pipeline.build(os.path.relpath(folder, root), tmp)
    finally:
        os.chdir(here)
    return result.graph_path, store.read_graph([result.graph_path])


@pytest.fixture(scope="module")
def examples_graph(tmp_path_factory, examples_dir):
    return _build(examples_dir, tmp_path_factory.mktemp("examples"))


@pytest.fixture(scope="module")
def seeds_graph(tmp_path_factory, seeds_dir):
    return _build(seeds_dir, tmp_path_factory.mktemp("seeds"))


def _rows(path):
    result = store.query([path], CONTRACT)
    return [dict(zip(result.columns, row)) for row in result.rows]


def _events_rdflib(graph: Graph) -> set:
    from rdflib.namespace import RDF

    from timeline.ontology import event_classes

    classes = set(event_classes().values())
    return {str(s) for s, o in graph.subject_objects(RDF.type) if o in classes}


def _subclasses(name: str) -> set[str]:
    """The event type ``name`` and every type below it in the ontology."""
    from rdflib import URIRef
    from rdflib.namespace import RDFS

    from timeline.ontology import TL_IRI, ontology_graph

    root = URIRef(TL_IRI + name)
    return {str(c).removeprefix(TL_IRI) for c in ontology_graph().transitive_subjects(RDFS.subClassOf, root)}


@pytest.mark.parametrize("which", ["examples_graph", "seeds_graph"])
def test_contract_query_returns_a_row_for_every_event(request, which):
    """Every event in the graph answers the output contract query with its evidence."""
    path, graph = request.getfixturevalue(which)
    rows = _rows(path)
    events = _events_rdflib(graph)
    assert events, "no events extracted"
    assert {row["event"] for row in rows} == events


@pytest.mark.parametrize("which,folder", [("examples_graph", "examples_dir"), ("seeds_graph", "seeds_dir")])
def test_every_quote_is_the_text_at_its_offsets(request, which, folder):
    """text[start:end] == quote for every annotation of every event."""
    path, _ = request.getfixturevalue(which)
    root = Path(__file__).resolve().parents[1]
    docs = {os.path.normpath(root / d.path): d for d in iter_documents([request.getfixturevalue(folder)]) if not isinstance(d, Exception)}
    sources = {
        str(r[0]): os.path.normpath(root / str(r[1]))
        for r in store.query([path], "SELECT ?d ?s WHERE { ?d <http://purl.org/dc/terms/source> ?s }").rows
    }
    rows = _rows(path)
    assert rows
    for row in rows:
        doc = docs[sources[row["doc"]]]
        assert doc.text[int(row["start"]) : int(row["end"])] == row["quote"]


@pytest.mark.parametrize("which", ["examples_graph", "seeds_graph"])
def test_output_passes_shacl(request, which):
    """What build writes conforms to ontology/shapes.ttl."""
    _, graph = request.getfixturevalue(which)
    report = validate_graph(graph)
    assert report.conforms, report.text()


def test_same_input_same_graph(tmp_path, examples_dir, examples_graph):
    """Building twice gives the same graph, IRIs included."""
    _, again = _build(examples_dir, tmp_path)
    assert to_isomorphic(again) == to_isomorphic(examples_graph[1])
    assert set(again.subjects()) == set(examples_graph[1].subjects())


def test_examples_match_the_golden_graph(examples_graph):
    """The examples' graph equals tests/golden/examples.ttl (regenerate: make golden)."""
    if not GOLDEN.exists():
        pytest.fail(f"{GOLDEN} is missing; run `make golden` and review the diff")
    golden = Graph().parse(GOLDEN, format="turtle")
    graph = examples_graph[1]
    if not isomorphic(golden, graph):
        _, only_golden, only_new = graph_diff(to_isomorphic(golden), to_isomorphic(graph))
        missing = sorted(only_golden.serialize(format="nt").splitlines())[:15]
        extra = sorted(only_new.serialize(format="nt").splitlines())[:15]
        pytest.fail("graph differs from golden\nmissing:\n" + "\n".join(missing) + "\nextra:\n" + "\n".join(extra))


def test_undated_documents_never_resolve_relative_time(seeds_graph):
    """Nothing invented: in a document with no publication date, no time is anchored to one."""
    path, _ = seeds_graph
    q = """PREFIX tl: <https://w3id.org/timeline-kg/ontology#>
    PREFIX prov: <http://www.w3.org/ns/prov#>
    PREFIX dcterms: <http://purl.org/dc/terms/>
    SELECT ?e ?doc WHERE { ?e prov:wasDerivedFrom ?doc ; tl:timeAnchor "publication" .
      FILTER NOT EXISTS { ?doc dcterms:issued ?p }
      FILTER NOT EXISTS { ?e prov:wasDerivedFrom ?other . ?other dcterms:issued ?q } }"""
    assert store.query([path], q).rows == []


def _dated(path):
    q = """PREFIX tl: <https://w3id.org/timeline-kg/ontology#>
    PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
    PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    SELECT ?type ?from ?to ?label WHERE { ?e a ?c ; rdfs:label ?label ;
      sem:hasEarliestBeginTimeStamp ?from ; sem:hasLatestEndTimeStamp ?to .
      GRAPH <https://w3id.org/timeline-kg/ontology> { ?c rdfs:subClassOf* tl:Event } BIND(STRAFTER(STR(?c), "#") AS ?type) }"""
    return [(t, str(f), str(to), label) for t, f, to, label in store.query([path], q).rows]


@pytest.mark.parametrize(
    "etype,start,end",
    [
        ("Repatriation", "2025-04-01", "2025-04-30"),  # China sent 60 people back in April 2025
        ("BorderClosure", "2020-01-01", "2020-12-31"),  # the 2020 border closure
        ("ReportRelease", "2014-01-01", "2014-12-31"),  # the 2014 UN inquiry
        ("CyberTheft", "2025-01-01", "2025-12-31"),  # $2 billion in crypto in 2025
    ],
)
def test_seeds_give_the_clearly_dated_events(seeds_graph, etype, start, end):
    """The seeds' clearly dated events come out with the right type and interval."""
    dated = _dated(seeds_graph[0])
    classes = _subclasses(etype)
    hits = [row for row in dated if row[0] in classes and row[1] == start and row[2] == end]
    assert hits, f"no {etype} {start}…{end} among {sorted(dated)}"


def test_build_summary_counts(examples_graph, examples_dir, tmp_path):
    """The summary reports documents, events by type, the date range and undated events."""
    result = pipeline.build(examples_dir, tmp_path)
    text = result.summary.text()
    assert "documents read: 5" in text
    assert "date range:" in text and "undated events:" in text
    assert result.validation.conforms
    assert (tmp_path / "timeline.html").stat().st_size > 10_000


def test_published_argument_overrides(tmp_path):
    """--published dates a document that states no date, so relative time resolves."""
    doc = tmp_path / "note.txt"
    doc.write_text("On Thursday, the UN Human Rights Office released a report on North Korea.\n", encoding="utf-8")
    extraction = pipeline.extract_paths([doc], published=date(2025, 10, 2))
    assert extraction.documents[0].published == date(2025, 10, 2)
    undated = pipeline.extract_paths([doc])
    assert undated.documents[0].published is None


def test_parallel_extraction_gives_the_same_graph(examples_dir):
    """Worker processes change the speed, never the result."""
    one = pipeline.to_graph(pipeline.extract_paths([examples_dir]))
    two = pipeline.to_graph(pipeline.extract_paths([examples_dir], jobs=2))
    assert isomorphic(one, two)


def test_progress_reports_each_document_with_the_total(examples_dir):
    """The progress callback sees done/total for every document."""
    seen = []
    pipeline.extract_paths([examples_dir], progress=lambda done, total, path: seen.append((done, total)))
    assert seen == [(i, 5) for i in range(1, 6)]


def test_the_summary_counts_inferred_times_apart(tmp_path):
    """Undated events whose time is inferred from the publication date are counted as such."""
    (tmp_path / "a.md").write_text("---\npublished: 2025-10-02\n---\nChina sent 60 escapees back across the border.\n", encoding="utf-8")
    result = pipeline.build(tmp_path, tmp_path / "out")
    assert result.summary.inferred == 1
    assert "undated events: 1 (1 with a time inferred from the publication date)" in result.summary.text()
