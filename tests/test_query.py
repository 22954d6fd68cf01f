"""Graph files in and out, and SPARQL over them: the contract query, bindings, formats, errors."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date

import pytest
from rdflib import Dataset
from rdflib.compare import isomorphic

from timeline import rdf, store
from timeline.errors import GraphError, QueryError

from store_fixtures import corpus, merge_by_label


@pytest.fixture(scope="module")
def built():
    docs, events = corpus()
    mentions = [m for d in docs for m in events[d.id]]
    merged = merge_by_label(mentions)
    return docs, mentions, merged


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory, built):
    docs, _, merged = built
    path = tmp_path_factory.mktemp("q") / "graph.ttl"
    store.write_graph(rdf.build_graph(docs, merged), path)
    return path


@pytest.fixture(scope="module")
def trig_file(tmp_path_factory, built):
    docs, _, merged = built
    path = tmp_path_factory.mktemp("q") / "graph.trig"
    store.write_graph(rdf.build_dataset(docs, merged), path)
    return path


# Reading and writing ---------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".ttl", ".nt", ".nq", ".trig", ".jsonld", ".rdf"])
def test_graph_files_round_trip_in_every_format(tmp_path, built, suffix):
    """What write_graph writes, read_graph reads back as the same graph (literal types kept)."""
    docs, _, merged = built
    graph = rdf.build_graph(docs, merged)
    path = tmp_path / f"g{suffix}"
    store.write_graph(graph, path)
    assert isomorphic(store.read_graph([path]), graph)


def test_trig_keeps_one_named_graph_per_document(tmp_path, built):
    """A Dataset written as TriG keeps its named graphs: one per document plus the events graph."""
    docs, _, merged = built
    path = tmp_path / "g.trig"
    store.write_graph(rdf.build_dataset(docs, merged), path)
    names = {str(g.identifier) for g in Dataset().parse(path, format="trig").graphs()}
    assert str(rdf.EVENTS_GRAPH) in names
    assert {str(rdf.document_graph_iri(d.id)) for d in docs} <= names


def test_read_graph_is_the_union_of_its_files(tmp_path, built):
    """Several files read as one graph."""
    docs, mentions, _ = built
    first, second = tmp_path / "a.ttl", tmp_path / "b.nt"
    for part, path in ((docs[:2], first), (docs[2:], second)):
        ids = {d.id for d in part}
        store.write_graph(rdf.build_graph(part, merge_by_label([m for m in mentions if m.doc_id in ids])), path)
    union = store.read_graph([first, second])
    assert len(union) == len(store.read_graph([first]) + store.read_graph([second]))


def test_serialisation_is_stable(built):
    """The same graph always serialises to the same text, whatever order it was built in."""
    docs, _, merged = built
    one = store.serialize(rdf.build_graph(docs, merged), "turtle")
    two = store.serialize(rdf.build_graph(list(reversed(docs)), list(reversed(merged))), "turtle")
    assert one == two and "tl:Document" in one


def test_a_graph_file_that_does_not_parse_names_the_file_and_line(tmp_path):
    """A broken Turtle file is named with the line of the problem."""
    bad = tmp_path / "broken.ttl"
    bad.write_text("@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:a ex:b .\nex:d ex:e ex:f .\n", encoding="utf-8")
    with pytest.raises(GraphError, match=r"broken\.ttl: line 3: "):
        store.read_graph([bad])
    with pytest.raises(GraphError, match=r"broken\.ttl: line 3: "):
        store.query([bad], "ASK {}")


@pytest.mark.parametrize("name,content", [("bad.jsonld", '{"@id": '), ("bad.nt", "<a> <b> .\n"), ("bad.rdf", "<rdf")])
def test_other_broken_formats_are_named(tmp_path, name, content):
    """Every format's parse error names the file, never a traceback."""
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GraphError, match=re.escape(name)):
        store.read_graph([path])


def test_missing_file_and_unknown_extension_are_graph_errors(tmp_path):
    """A missing file, a folder, and an unknown extension each raise GraphError naming the path."""
    with pytest.raises(GraphError, match="missing.ttl: no such file"):
        store.read_graph([tmp_path / "missing.ttl"])
    with pytest.raises(GraphError, match="folder"):
        store.read_graph([tmp_path])
    odd = tmp_path / "g.csv"
    odd.write_text("x", encoding="utf-8")
    with pytest.raises(GraphError, match="known extensions"):
        store.read_graph([odd])


def test_write_graph_with_an_unknown_format_writes_nothing(tmp_path, built):
    """An unknown format raises before anything is written."""
    docs, _, merged = built
    with pytest.raises(GraphError, match="unknown RDF format"):
        store.write_graph(rdf.build_graph(docs, merged), tmp_path / "g.ttl", "yaml")
    assert not (tmp_path / "g.ttl").exists()


# Querying --------------------------------------------------------------------------------


def test_the_contract_query_returns_a_row_per_event_annotation(graph_file, built):
    """`events` gives one row per mention, with time, document, quote and offsets into the text."""
    docs, mentions, _ = built
    result = store.query([graph_file], "events")
    assert result.columns == ["event", "type", "label", "from", "to", "doc", "published", "quote", "start", "end"]
    assert len(result) == len(mentions)
    texts = {str(rdf.document_iri(d.id)): d.text for d in docs}
    for row in result.records():
        assert texts[row["doc"]][row["start"] : row["end"]] == row["quote"]
    repatriation = [r for r in result.records() if r["label"] == "repatriation of 60 defectors"]
    assert len(repatriation) == 2 and len({r["event"] for r in repatriation}) == 1
    assert repatriation[0]["from"] == date(2024, 4, 1) and repatriation[0]["to"] == date(2024, 4, 30)


def test_named_graphs_in_trig_are_queried_as_one_default_graph(graph_file, trig_file):
    """A TriG file (one graph per document) answers the contract query like the Turtle file."""
    assert sorted(store.query([trig_file], "events").rows, key=repr) == sorted(store.query([graph_file], "events").rows, key=repr)


def test_subclass_paths_work_through_the_ontology_graph(graph_file):
    """`rdfs:subClassOf*` reaches tl:Event from every event type (Denial → Statement → Event)
    in the ontology's named graph, or in the default graph with with_ontology."""
    sparql = "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ?t . GRAPH <https://w3id.org/timeline-kg/ontology> { ?t rdfs:subClassOf* tl:Statement } }"
    assert store.query([graph_file], sparql).rows == [(1,)]
    plain = "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ?t . ?t rdfs:subClassOf* tl:Statement }"
    assert store.query([graph_file], plain, with_ontology=True).rows == [(1,)]


def test_a_query_sees_the_data_only(graph_file, trig_file):
    """COUNT(*) over a file is its triple count: the ontology is not in the default graph."""
    triples = len(store.read_graph([graph_file]))
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert store.query([graph_file], count).rows == [(triples,)]
    assert store.query([trig_file], count).rows == [(triples,)]
    assert store.query([graph_file], "ASK { ?c a owl:Class }").boolean is False


def test_prefixes_may_be_left_out(graph_file):
    """timeline's prefixes are known without PREFIX lines."""
    result = store.query([graph_file], "SELECT ?d WHERE { ?d a tl:Document } ORDER BY ?d")
    assert [str(v) for (v,) in result.rows] == [f"https://w3id.org/timeline-kg/id/doc/doc-{x}" for x in "abc"]


@pytest.mark.parametrize("name", sorted(store.named_queries()))
def test_every_named_query_runs_and_has_a_description(graph_file, name):
    """Every shipped query parses, runs and says what it does."""
    item = store.named_queries()[name]
    assert item.description and not item.description.startswith("#")
    bindings = {n: "2020-01-01" if n == "from" else "2024-12-31" for n, _ in item.params}
    result = store.query([graph_file], name, bindings=bindings)
    assert result.columns


def test_the_shipped_queries_include_the_asked_for_ones():
    """The names the CLI documents are all there."""
    expected = {"events", "timeline", "per-type-year", "contested", "sources", "repatriations", "un-reports", "in-range", "actors", "undated"}
    assert expected <= set(store.named_queries())


def test_event_class_lists_in_the_queries_match_the_ontology():
    """The queries list tl:Event and its subclasses in VALUES (a per-row subClassOf* test was
    slow); a list that names every event class must name exactly the ontology's."""
    from timeline.ontology import TL_IRI, event_classes

    every = {f"tl:{name}" for name in event_classes()}
    for name, item in store.named_queries().items():
        for listed in re.findall(r"VALUES \?\w+ \{([^}]*)\}", item.text):
            classes = set(re.findall(r"tl:\w+", re.sub(r"#[^\n]*", "", listed)))
            assert classes <= every, (name, classes - every)
            if len(classes) > 3:
                assert classes == every, (name, every - classes)
    assert {f"{TL_IRI}{n}" for n in event_classes()} == {
        str(v) for (v,) in store.query([], "SELECT ?c WHERE { GRAPH <https://w3id.org/timeline-kg/ontology> { ?c rdfs:subClassOf* tl:Event } }").rows
    }


@pytest.mark.parametrize("name", sorted(store.named_queries()))
def test_named_queries_give_the_rows_of_the_subclass_path_form(graph_file, name):
    """Each query with a VALUES list of event classes answers as its FILTER EXISTS
    { ?type rdfs:subClassOf* tl:Event } form did."""
    item = store.named_queries()[name]
    text = item.text
    match = re.search(r"  VALUES (\?\w+) \{[^}]*\}[^\n]*\n", text)
    if match is None:
        pytest.skip("no event-class list")
    var = match.group(1)
    if name == "un-reports":
        replacement = f"  FILTER EXISTS {{ GRAPH <https://w3id.org/timeline-kg/ontology> {{ {var} rdfs:subClassOf* tl:Event }} }}\n  FILTER({var} IN (tl:ReportRelease, tl:Resolution, tl:Statement))\n"
    else:
        replacement = f"  FILTER EXISTS {{ GRAPH <https://w3id.org/timeline-kg/ontology> {{ {var} rdfs:subClassOf* tl:Event }} }}\n"
    old = text[: match.start()] + text[match.end() :]
    brace = old.rindex("\n}") + 1
    old = old[:brace] + replacement + old[brace:]
    bindings = {n: "2020-01-01" if n == "from" else "2024-12-31" for n, _ in item.params}
    assert store.query([graph_file], old, bindings=bindings).rows == store.query([graph_file], name, bindings=bindings).rows


def test_in_range_binds_dates_and_compares_them_exactly(graph_file):
    """A 2019 year-precision event does not leak into a 2020 range; January 2020 is in it."""
    result = store.query([graph_file], "in-range", bindings={"from": "2020-01-01", "to": "2020-12-31"})
    assert [r["label"] for r in result.records()] == ["border closure"]
    wide = store.query([graph_file], "in-range", bindings={"from": date(2019, 12, 31), "to": date(2024, 4, 1)})
    assert {r["label"] for r in wide.records()} == {"execution of three men", "border closure", "repatriation of 60 defectors"}


def test_a_named_query_without_its_params_says_which_are_needed(graph_file):
    """in-range without --param from/to explains itself."""
    with pytest.raises(QueryError, match="--param from=… --param to=…"):
        store.query([graph_file], "in-range")


def test_bindings_are_values_not_query_text(graph_file):
    """A value with quotes and braces stays one literal: it cannot change the query."""
    sparql = "SELECT ?d WHERE { ?d rdfs:label ?l FILTER(?l = ?name) }"
    hostile = 'x" } ?s ?p ?o { "'
    assert store.query([graph_file], sparql, bindings={"name": hostile}).rows == []
    assert len(store.query([graph_file], sparql, bindings={"name": "Doc A"}).rows) == 1


def test_binding_an_unknown_variable_is_an_error(graph_file):
    """Binding a name the query does not use is reported with the variables it has."""
    with pytest.raises(QueryError, match=r"no variable \?nope"):
        store.query([graph_file], "SELECT ?s WHERE { ?s ?p ?o }", bindings={"nope": "1"})


def test_binding_an_impossible_date_is_an_error(graph_file):
    """2020-02-30 is not a date."""
    with pytest.raises(QueryError, match="2020-02-30"):
        store.query([graph_file], "in-range", bindings={"from": "2020-02-30", "to": "2020-12-31"})


def test_bound_iris_and_prefixed_names(graph_file):
    """An IRI or a known prefixed name binds as an IRI."""
    sparql = "SELECT (COUNT(?e) AS ?n) WHERE { ?e a ?type }"
    assert store.query([graph_file], sparql, bindings={"type": "tl:Repatriation"}).rows == [(1,)]
    assert store.query([graph_file], sparql, bindings={"type": "<https://w3id.org/timeline-kg/ontology#Denial>"}).rows == [(1,)]


def test_malformed_sparql_reports_line_and_column(graph_file):
    """A syntax error names the line and column, in one line."""
    with pytest.raises(QueryError) as caught:
        store.query([graph_file], "SELECT ?s WHERE {\n  ?s ?p \n")
    message = str(caught.value)
    assert re.match(r"query: line \d+, column \d+: ", message) and "\n" not in message


def test_an_undefined_prefix_is_named(graph_file):
    """A prefix that is neither declared nor one of timeline's is named."""
    with pytest.raises(QueryError, match=r"line 1, column \d+: undefined prefix 'foo:'"):
        store.query([graph_file], "SELECT * WHERE { ?s foo:bar ?o }")


def test_an_unknown_named_query_lists_the_names(graph_file):
    """A misspelt name lists the available ones."""
    with pytest.raises(QueryError, match="available: .*timeline"):
        store.query([graph_file], "timelin")


def test_ask_and_construct(graph_file):
    """ASK gives a boolean; CONSTRUCT gives triples and can be written as Turtle."""
    ask = store.query([graph_file], "ASK { ?e a tl:Repatriation }")
    assert ask.kind == "ask" and ask.boolean is True and ask.format("table") == "yes"
    assert json.loads(ask.format("json")) == {"head": {}, "boolean": True}
    built = store.query([graph_file], "CONSTRUCT { ?e rdfs:label ?l } WHERE { ?e a tl:Repatriation ; rdfs:label ?l }")
    assert built.kind == "graph" and len(built) == 1
    assert "repatriation of 60 defectors" in built.format("turtle")


def test_result_formats(graph_file):
    """csv and json (the W3C SPARQL results formats) carry full IRIs, terms and ISO dates; the
    table shortens IRIs with known prefixes."""
    result = store.query([graph_file], "SELECT ?event ?type ?from WHERE { ?event a ?type ; sem:hasEarliestBeginTimeStamp ?from ; rdfs:label 'border closure' }")
    rows = list(csv.reader(io.StringIO(result.format("csv"))))
    assert rows[0] == ["event", "type", "from"]
    assert rows[1] == ["https://w3id.org/timeline-kg/id/event/borderclosure-border-closure", "https://w3id.org/timeline-kg/ontology#BorderClosure", "2020-01-01"]
    answer = json.loads(result.format("json"))
    assert answer["head"] == {"vars": ["event", "type", "from"]}
    assert answer["results"]["bindings"] == [{
        "event": {"type": "uri", "value": rows[1][0]},
        "type": {"type": "uri", "value": rows[1][1]},
        "from": {"type": "literal", "value": "2020-01-01", "datatype": "http://www.w3.org/2001/XMLSchema#date"},
    }]
    table = result.format("table")
    assert "tl:BorderClosure" in table and "2020-01-01" in table and "(1 row)" in table


def test_unbound_values_are_none_and_empty(graph_file):
    """An OPTIONAL that does not match is None in rows, empty in csv, absent from a json binding."""
    result = store.query([graph_file], "SELECT ?d ?p WHERE { ?d a tl:Document OPTIONAL { ?d dcterms:issued ?p } } ORDER BY ?d")
    assert result.rows[2][1] is None
    assert result.format("csv").splitlines()[3].endswith(",")
    assert "p" not in json.loads(result.format("json"))["results"]["bindings"][2]


def test_query_over_no_files_sees_the_ontology():
    """With no data the ontology alone answers."""
    assert store.query([], "ASK { GRAPH <https://w3id.org/timeline-kg/ontology> { tl:Denial rdfs:subClassOf* tl:Event } }").boolean is True


def test_read_query_file_names_a_missing_file(tmp_path):
    """A missing .rq file is named."""
    with pytest.raises(QueryError, match="missing.rq"):
        store.read_query_file(tmp_path / "missing.rq")
