"""The persistent store: incremental ingest, order-independent merges, export, locking."""

from __future__ import annotations

import dataclasses
import hashlib

import pytest
from rdflib import Dataset
from rdflib.compare import isomorphic

from timeline import rdf, store
from timeline.errors import StoreError

from store_fixtures import TEXT_B, corpus, document, merge_by_label, mention


class Counting:
    """An extract function over the fixture corpus that counts its calls."""

    def __init__(self, events):
        self.events = events
        self.calls: list[str] = []

    def __call__(self, doc):
        self.calls.append(doc.id)
        return self.events[doc.id]


@pytest.fixture()
def data():
    return corpus()


def _ingest(path, docs, events, extract=None):
    target = store.open_store(path)
    try:
        return store.ingest(target, docs, extract or Counting(events), merge_fn=merge_by_label)
    finally:
        target.close()


def _graph(path):
    with store.open_store(path) as target:
        return store.to_rdflib(target)


def _quads(path, graph_iri):
    with store.open_store(path) as target:
        return sorted(str(q) for q in target._export_quads() if str(q.graph_name) == f"<{graph_iri}>")


def _expected(docs, events):
    mentions = [m for d in docs for m in events[d.id]]
    return rdf.build_graph(docs, merge_by_label(mentions))


def test_ingest_builds_the_same_graph_as_a_one_shot_build(tmp_path, data):
    """Ingesting the corpus gives the graph rdf.build_graph gives for it (literal types included)."""
    docs, events = data
    report = _ingest(tmp_path / "s", docs, events)
    assert report.added == ("doc-a", "doc-b", "doc-c") and report.events == 5 and report.mentions == 6
    assert isomorphic(_graph(tmp_path / "s"), _expected(docs, events))


@pytest.mark.parametrize("order", [[0, 1, 2], [2, 1, 0], [1, 0, 2], [2, 0, 1]])
def test_merges_are_right_after_any_order_of_ingests(tmp_path, data, order):
    """Ingesting documents one by one in any order equals ingesting them all at once."""
    docs, events = data
    for index in order:
        _ingest(tmp_path / "s", [docs[index]], events)
    assert isomorphic(_graph(tmp_path / "s"), _expected(docs, events))


def test_an_unchanged_document_is_skipped_without_extraction(tmp_path, data):
    """Re-ingesting the same documents extracts nothing and rewrites nothing."""
    docs, events = data
    _ingest(tmp_path / "s", docs, events)
    counting = Counting(events)
    report = _ingest(tmp_path / "s", docs, events, counting)
    assert counting.calls == [] and report.skipped == ("doc-a", "doc-b", "doc-c") and report.graphs_rewritten == 0
    assert isomorphic(_graph(tmp_path / "s"), _expected(docs, events))


def test_a_changed_document_replaces_only_its_own_graph(tmp_path, data):
    """A new version of doc-c replaces doc-c's graph; the other documents' graphs stay as they were."""
    docs, events = data
    _ingest(tmp_path / "s", docs, events)
    before = {d.id: _quads(tmp_path / "s", rdf.document_graph_iri(d.id)) for d in docs}
    text = docs[2].text.replace("January 2020", "January 2020 (again)")
    new_c = dataclasses.replace(docs[2], text=text, sha256=hashlib.sha256(text.encode()).hexdigest())
    changed = dict(events, **{"doc-c": [dataclasses.replace(e, doc_id="doc-c") for e in events["doc-c"]]})
    counting = Counting(changed)
    report = _ingest(tmp_path / "s", [docs[0], docs[1], new_c], changed, counting)
    assert counting.calls == ["doc-c"] and report.changed == ("doc-c",)
    after = {d.id: _quads(tmp_path / "s", rdf.document_graph_iri(d.id)) for d in docs}
    assert after["doc-a"] == before["doc-a"] and after["doc-b"] == before["doc-b"]
    assert after["doc-c"] != before["doc-c"]
    assert isomorphic(_graph(tmp_path / "s"), _expected([docs[0], docs[1], new_c], changed))


def test_a_changed_document_that_leaves_a_merge_splits_it(tmp_path, data):
    """When doc-b no longer reports the repatriation, the merged event is derived from doc-a alone."""
    docs, events = data
    _ingest(tmp_path / "s", docs, events)
    text = TEXT_B.replace("Reports say China repatriated 60 North Korean defectors in April 2024. ", "")
    new_b = document("doc-b", text, docs[1].published)
    kept = [m for m in events["doc-b"] if m.type == "Execution"]
    shifted = [mention(new_b, m.type, m.label, m.sentence.text, "executed", None, participants=m.participants) for m in kept]
    changed = dict(events, **{"doc-b": shifted})
    _ingest(tmp_path / "s", [new_b], changed)
    assert isomorphic(_graph(tmp_path / "s"), _expected([docs[0], new_b, docs[2]], changed))
    with store.open_store(tmp_path / "s") as target:
        result = store.query(target, "repatriations")
    assert [r["sources"] for r in result.records()] == [1]


def test_removing_a_document_re_merges_the_rest(tmp_path, data):
    """remove_documents drops a document's graph and mentions; the rest equals a fresh build."""
    docs, events = data
    _ingest(tmp_path / "s", docs, events)
    with store.open_store(tmp_path / "s") as target:
        assert store.remove_documents(target, ["doc-b", "nope"], merge_fn=merge_by_label) == 1
    rest = {k: v for k, v in events.items() if k != "doc-b"}
    assert isomorphic(_graph(tmp_path / "s"), _expected([docs[0], docs[2]], rest))


def test_an_interrupted_ingest_is_repaired_by_the_next(tmp_path, data):
    """A store marked dirty (an ingest that died half-way) is rebuilt in full by the next ingest."""
    docs, events = data
    _ingest(tmp_path / "s", docs[:2], events)
    with store.open_store(tmp_path / "s") as target:
        target._writing()
        target.state["dirty"] = True
        target.db.execute("DELETE FROM events")
        target._save_state()
    _ingest(tmp_path / "s", docs, events)
    assert isomorphic(_graph(tmp_path / "s"), _expected(docs, events))


def test_queries_run_on_a_store(tmp_path, data):
    """query() takes an open store; the ontology is there and the union of graphs is the default."""
    docs, events = data
    _ingest(tmp_path / "s", docs, events)
    with store.open_store(tmp_path / "s") as target:
        assert len(store.query(target, "events")) == 6
        assert store.query(target, "ASK { ?e a ?t . ?t rdfs:subClassOf* tl:Event }").boolean
        rows = store.query(target, "in-range", bindings={"from": "2024-01-01", "to": "2024-12-31"}).rows
        assert len(rows) == 1
        # three documents, the events, and the ontology in its own graph
        assert store.query(target, "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows == [(5,)]


def test_export_to_trig_keeps_the_named_graphs(tmp_path, data):
    """A store written as TriG has one graph per document plus the events graph, and no ontology."""
    docs, events = data
    _ingest(tmp_path / "s", docs, events)
    out = tmp_path / "export.trig"
    with store.open_store(tmp_path / "s") as target:
        store.write_graph(target, out)
    dataset = Dataset().parse(out, format="trig")
    names = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert names == {str(rdf.EVENTS_GRAPH)} | {str(rdf.document_graph_iri(d.id)) for d in docs}
    assert isomorphic(store.read_graph([out]), _expected(docs, events))
    with store.open_store(tmp_path / "s") as target:
        assert isomorphic(store.read_graph(target), _expected(docs, events))


def test_a_second_writer_gets_a_clear_error(tmp_path, data):
    """Two ingests into one store: the second is refused with a message, the store is intact."""
    docs, events = data
    first = store.open_store(tmp_path / "s")
    store.ingest(first, docs[:1], Counting(events), merge_fn=merge_by_label)
    try:
        with pytest.raises(StoreError, match="in use by another process"):
            _ingest(tmp_path / "s", docs, events)
        with pytest.raises(StoreError, match="ingest is writing"):
            store.query(store.open_store(tmp_path / "s"), "events")
    finally:
        first.close()
    _ingest(tmp_path / "s", docs, events)
    assert isomorphic(_graph(tmp_path / "s"), _expected(docs, events))


def test_readers_share_the_store(tmp_path, data):
    """Two readers can query the same store at once."""
    docs, events = data
    _ingest(tmp_path / "s", docs, events)
    with store.open_store(tmp_path / "s") as one, store.open_store(tmp_path / "s") as two:
        assert len(store.query(one, "events")) == len(store.query(two, "events")) == 6


def test_a_missing_store_is_a_clear_error(tmp_path):
    """Querying a folder that holds no store says so; a file is not a store."""
    with pytest.raises(StoreError, match="no store here"):
        store.query(store.open_store(tmp_path / "none"), "events")
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(StoreError, match="is a file"):
        store.open_store(tmp_path / "file")
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "other.txt").write_text("x", encoding="utf-8")
    with pytest.raises(StoreError, match="not a timeline store"):
        _ingest(tmp_path / "full", [], {})


def test_the_kept_mentions_round_trip_events(tmp_path, data):
    """Kept mentions decode to the compact form of the very Event values that were extracted."""
    from timeline.ingest import decode_mentions
    from timeline.stream import compact

    docs, events = data
    _ingest(tmp_path / "s", docs, events)
    with store.open_store(tmp_path / "s") as target:
        for doc in docs:
            texts = [row[0] for row in target.db.execute("SELECT mentions FROM pieces WHERE doc_id = ?", (doc.id,))]
            by_key = lambda m: (m.key, m.sentence.start)  # noqa: E731
            kept = [m for text in texts for m in decode_mentions(text)]
            assert sorted(kept, key=by_key) == sorted((compact(e) for e in events[doc.id]), key=by_key)


def test_two_documents_with_one_id_are_refused(tmp_path, data):
    """Document ids must be unique within an ingest."""
    docs, events = data
    with pytest.raises(StoreError, match="two documents have the id"):
        _ingest(tmp_path / "s", [docs[0], docs[0]], events)


def test_named_queries_answer_from_kept_rows_refreshed_by_each_ingest(tmp_path, data):
    """A shipped query's rows are kept in results/ and read back equal (values and types); an
    ingest refreshes them where it touched them, and they equal the rows computed afresh (in the
    canonical order kept rows have: the query's order, ties broken by the whole row)."""
    from timeline import keptrows

    docs, events = data
    _ingest(tmp_path / "s", docs[:2], events)
    fresh = {}
    with store.open_store(tmp_path / "s") as target:
        for name, item in store.named_queries().items():
            bindings = {n: "2020-01-01" if n == "from" else "2024-12-31" for n, _ in item.params}
            fresh[name] = store.query(target, name, bindings=bindings)
    assert len(list((tmp_path / "s" / "results").glob("*.json"))) == len(fresh)
    with store.open_store(tmp_path / "s") as target:
        for name, item in store.named_queries().items():
            bindings = {n: "2020-01-01" if n == "from" else "2024-12-31" for n, _ in item.params}
            kept = store.query(target, name, bindings=bindings)
            assert kept.columns == fresh[name].columns and kept.rows == fresh[name].rows, name
            assert [list(map(type, r)) for r in kept.rows] == [list(map(type, r)) for r in fresh[name].rows], name
    before = len(_store_rows(tmp_path / "s", "events"))
    _ingest(tmp_path / "s", docs, events)
    assert len(list((tmp_path / "s" / "results").glob("*.json"))) == len(fresh)  # refreshed, not dropped
    after = _store_rows(tmp_path / "s", "events")
    assert len(after) > before
    with store.open_store(tmp_path / "s") as target:
        text = store.named_queries()["events"].text
        computed = target._query(text, "query")
        assert keptrows.canonical(computed.columns, computed.rows, text) == after


def _store_rows(path, name):
    with store.open_store(path) as target:
        return store.query(target, name).rows


def test_a_damaged_kept_result_is_computed_again(tmp_path, data):
    docs, events = data
    _ingest(tmp_path / "s", docs, events)
    rows = _store_rows(tmp_path / "s", "timeline")
    for kept in (tmp_path / "s" / "results").glob("*.json"):
        kept.write_text('{"format": 4, "columns": ["x"], "rows": 3, "data": [["plain", [1], [0, 5]]]}', encoding="utf-8")
    assert _store_rows(tmp_path / "s", "timeline") == rows


def _round_trip(result):
    from timeline import keptrows
    from timeline.rowtext import Columns

    header, columns = keptrows.decode(keptrows.encode(Columns.of_rows(result.columns, result.rows), {"name": "x"}))
    assert header["name"] == "x"
    return store.QueryResult(columns.names, columns.rows())


def test_kept_rows_round_trip_every_value_type():
    from datetime import date, datetime
    from decimal import Decimal

    iri = store.IRI("https://example.org/x")
    rows = [
        (iri, "text", 3, date(2020, 1, 31), True, 1.5, Decimal("2.50"), datetime(2020, 1, 1, 12, 0), iri, None),
        (None, None, None, None, False, float("inf"), None, None, "plain", 7),
    ]
    result = store.QueryResult(list("abcdefghij"), rows)
    back = _round_trip(result)
    assert back.rows == rows and back.columns == result.columns
    assert [list(map(type, r)) for r in back.rows] == [list(map(type, r)) for r in rows]
    alike = store.QueryResult(["a", "b"], [(store.IRI("same"), True), ("same", 1), (store.IRI("same"), 1.0)])
    back = _round_trip(alike)
    assert [list(map(type, r)) for r in back.rows] == [[store.IRI, bool], [str, int], [store.IRI, float]]
    empty = _round_trip(store.QueryResult(["a", "b"], []))
    assert empty.rows == [] and empty.columns == ["a", "b"]


def test_files_with_the_same_name_in_different_folders_both_stay(tmp_path):
    """a/report.txt and later b/report.txt share a name, not an identity: neither replaces the other,
    and each is recognised again on re-ingest, whatever the working folder."""
    for folder, text in (("a", "In April 2025, China was reported to have returned 60 escapees.\n"),
                         ("b", "In 2020, North Korea closed its border with China.\n")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text(text, encoding="utf-8")
    kg = tmp_path / "kg"
    store.ingest_paths(kg, [tmp_path / "a"])
    report, _ = store.ingest_paths(kg, [tmp_path / "b"])
    assert len(report.added) == 1 and report.added[0].startswith("report-")  # its own id, not a's
    again, _ = store.ingest_paths(kg, [tmp_path / "a", tmp_path / "b"])
    assert not again.added and not again.changed
    with store.open_store(kg) as opened:
        sources = {row[0] for row in store.query(opened, "SELECT ?s WHERE { ?d a tl:Document ; dcterms:source ?s }").rows}
    assert len(sources) == 2


def test_ingest_reports_progress_with_the_total(tmp_path):
    """ingest_paths calls progress with done/total for every file, as extraction does."""
    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(3):
        (folder / f"d{i}.txt").write_text(f"In 202{i}, North Korea closed its border with China.\n", encoding="utf-8")
    seen = []
    store.ingest_paths(tmp_path / "kg", [folder], progress=lambda done, total, path: seen.append((done, total)))
    assert seen == [(1, 3), (2, 3), (3, 3)]
