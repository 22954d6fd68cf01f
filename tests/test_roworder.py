"""A SELECT's ORDER BY followed in Python gives the engine's order: timeline runs such a query
without its ORDER BY and sorts the rows itself, and leaves the order to the engine where SPARQL
does (mixed kinds of literal, language-tagged text, blank nodes, expressions, LIMIT)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from timeline import roworder, sparql
from timeline.results import IRI, Blank, Text

DATA = """
@prefix ex: <https://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:a ex:name "beta" ; ex:when "2020-01-02"^^xsd:date ; ex:n 3 ; ex:tag "x"@en ; ex:mixed "1" ; ex:ok true .
ex:b ex:name "alpha" ; ex:when "2019-05-01"^^xsd:date ; ex:n 2.5 ; ex:tag "y"@fr ; ex:mixed 1 ; ex:ok false .
ex:c ex:name "Zeta" ; ex:n 3.0 ; ex:tag "z" ; ex:mixed ex:x .
ex:d ex:name "élan" ; ex:when "2020-01-02"^^xsd:date ; ex:n 10 ; ex:other ex:a .
ex:e ex:name "alpha" ; ex:other "text" ; ex:other2 _:b1 .
ex:f ex:n -1 ; ex:when "2021-03-04"^^xsd:date ; ex:other ex:b .
"""
SELECT = "SELECT ?s ?name ?when ?n ?tag ?mixed ?ok ?other ?blank WHERE { ?s ?p ?o OPTIONAL { ?s ex:name ?name } " \
         "OPTIONAL { ?s ex:when ?when } OPTIONAL { ?s ex:n ?n } OPTIONAL { ?s ex:tag ?tag } OPTIONAL { ?s ex:mixed ?mixed } " \
         "OPTIONAL { ?s ex:ok ?ok } OPTIONAL { ?s ex:other ?other } OPTIONAL { ?s ex:other2 ?blank } }"


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    path = tmp_path_factory.mktemp("order") / "g.ttl"
    path.write_text(DATA, encoding="utf-8")
    return path


def _query(graph, text):
    """The result, blank nodes spelt alike (the file is read again for each query, with new labels)."""
    result = sparql.query([graph], "PREFIX ex: <https://example.org/>\n" + text)
    result.rows = [tuple(Blank("_:b") if type(v) is Blank else v for v in row) for row in result.rows]
    return result


@pytest.mark.parametrize("order", [
    "?name", "DESC(?name)", "?when ?s", "DESC(?when) ?name ?s", "?n ?s", "DESC(?n)", "(!BOUND(?when)) ?when ?name",
    "(BOUND(?name)) ?s", "?ok ?s", "?other ?s", "ASC(?s)", "?tag", "?mixed", "?blank ?s", "?name ?n ?when",
])
def test_the_rows_come_in_the_engines_order(graph, order):
    """Each ORDER BY gives the rows the engine gives (a LIMIT leaves the order to the engine): the
    same rows, the same values in the ordered columns, row by row."""
    ours = _query(graph, f"{SELECT} ORDER BY {order}")
    engine = _query(graph, f"{SELECT} ORDER BY {order} LIMIT 1000")
    assert Counter(ours.rows) == Counter(engine.rows)
    columns = roworder.order_of(f"{SELECT} ORDER BY {order}", ours.columns)
    assert [tuple(r[c] for c, _, _ in columns) for r in ours.rows] == [tuple(r[c] for c, _, _ in columns) for r in engine.rows]


def test_ties_are_broken_by_the_whole_row_the_same_way_every_time(graph):
    """Rows the ORDER BY keeps equal come in one order, whatever order the engine met them in."""
    text = f"{SELECT} ORDER BY ?name"
    rows = _query(graph, text).rows
    assert roworder.ordered(_query(graph, text).columns, list(reversed(rows)), text) == rows


def test_an_order_python_cannot_follow_is_left_to_the_engine():
    """Mixed literals, language-tagged text, an expression, a variable not projected or a LIMIT:
    no Python order, the engine's."""
    names = ["s", "v"]
    assert roworder.ordered(names, [(IRI("urn:a"), "1"), (IRI("urn:b"), 1)], "SELECT ?s ?v WHERE {} ORDER BY ?v") is None
    assert roworder.ordered(names, [(IRI("urn:a"), Text("x", language="en"))], "SELECT ?s ?v WHERE {} ORDER BY ?v") is None
    assert roworder.ordered(names, [(IRI("urn:a"), float("nan")), (IRI("urn:b"), 1.0)], "SELECT ?s ?v WHERE {} ORDER BY ?v") is None
    assert roworder.without_order("SELECT ?s WHERE { ?s ?p ?v } ORDER BY ?v") is None
    assert roworder.without_order("SELECT ?s ?v WHERE { ?s ?p ?v } ORDER BY STR(?v)") is None
    assert roworder.without_order("SELECT ?s ?v WHERE { ?s ?p ?v } ORDER BY ?v LIMIT 3") is None
    assert roworder.without_order("CONSTRUCT { ?s ?p ?v } WHERE { ?s ?p ?v } ORDER BY ?v") is None
    assert roworder.without_order("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?v } GROUP BY ?v ORDER BY ?v") is None
    assert roworder.without_order("SELECT * WHERE { ?s ?p ?v } ORDER BY ?v # by value") == "SELECT * WHERE { ?s ?p ?v } "
    assert roworder.without_order('SELECT ?v WHERE { ?s ?p "ORDER BY ?x" } ORDER BY DESC(?v)') == 'SELECT ?v WHERE { ?s ?p "ORDER BY ?x" } '


def test_values_sparql_keeps_equal_share_a_place():
    """1 and 1.0 are equal in SPARQL's order: their rows are ordered by the whole row."""
    rows = [(IRI("urn:c"), 2), (IRI("urn:b"), 1.0), (IRI("urn:a"), 1)]
    out = roworder.ordered(["s", "v"], rows, "SELECT ?s ?v WHERE {} ORDER BY ?v")
    assert out == [(IRI("urn:a"), 1), (IRI("urn:b"), 1.0), (IRI("urn:c"), 2)]


GOLDEN = Path(__file__).parent / "golden" / "examples.ttl"
BINDINGS = {"in-range": {"from": "2012-01-01", "to": "2016-12-31"}}


@pytest.mark.parametrize("name", sorted(sparql.named_queries()))
def test_every_named_query_comes_in_the_engines_order(name):
    """On the golden graph each shipped query gives, sorted here, the rows the engine's own ORDER
    BY gives (a LIMIT leaves the order to the engine): the same rows, the same order keys."""
    text = sparql.named_queries()[name].text
    ours = sparql.query([GOLDEN], text, bindings=BINDINGS.get(name))
    engine = sparql.query([GOLDEN], text + "\nLIMIT 1000000000", bindings=BINDINGS.get(name))
    assert Counter(ours.rows) == Counter(engine.rows)
    order = roworder.order_of(text, ours.columns)
    assert order, "the shipped queries order by their projected columns"
    assert [tuple(r[c] for c, _, _ in order) for r in ours.rows] == [tuple(r[c] for c, _, _ in order) for r in engine.rows]
