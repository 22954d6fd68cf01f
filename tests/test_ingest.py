"""Incremental ingest at the cost of the change: stat first, merges through the type/agent index,
the same graph as one extraction of the same files, --prune, paths under the ingest root."""

from __future__ import annotations

import importlib.util
import io
import os
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from timeline import pipeline, store
from timeline.ingest import ingest_paths

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def _synthetic():
    spec = importlib.util.spec_from_file_location("synthetic", BENCHMARKS / "synthetic.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("corpus")
    return sorted(_synthetic().write_corpus(folder, 24, seed=3))


def _triples_of_extraction(folder: Path) -> set[str]:
    """The triples of one extraction, with literals in the database's canonical form."""
    out = io.BytesIO()
    pipeline.extract_to([folder], out, "nt")
    loaded = ox.Store()
    loaded.load(out.getvalue(), format=ox.RdfFormat.N_TRIPLES)
    return {str(q.triple) for q in loaded}


def _triples_of_store(path: Path) -> set[str]:
    with store.open_store(path) as opened, opened._reading() as target:
        ontology = ox.NamedNode("https://w3id.org/timeline-kg/ontology")
        return {str(q.triple) for q in target if not isinstance(q.graph_name, ox.DefaultGraph) and q.graph_name != ontology}


def test_batches_equal_one_extraction_and_touch_only_what_changed(tmp_path, corpus):
    """Growing a store batch by batch (the default merge, through the index) gives the graph one
    extraction of the same files gives; an unchanged re-ingest reads nothing and merges nothing;
    an edited file and a deleted one (--prune) leave the graph a fresh extraction would give."""
    folder, kg = tmp_path / "in", tmp_path / "kg"
    folder.mkdir()
    for start in range(0, len(corpus), 8):
        for path in corpus[start : start + 8]:
            shutil.copy2(path, folder / path.name)
        report, errors = ingest_paths(kg, [folder])
        assert not errors and len(report.added) == 8
    assert _triples_of_store(kg) == _triples_of_extraction(folder)
    assert report.merged_mentions < report.mentions  # the last batch did not merge everything again

    again, _ = ingest_paths(kg, [folder])
    assert len(again.skipped) == len(corpus) and again.merged_mentions == 0 and again.graphs_rewritten == 0

    edited = folder / corpus[5].name
    edited.write_text(edited.read_text(encoding="utf-8").replace("North Korea", "the DPRK", 1), encoding="utf-8")
    (folder / corpus[9].name).unlink()
    changed, _ = ingest_paths(kg, [folder], prune=True)
    assert len(changed.changed) == 1 and len(changed.removed) == 1
    assert _triples_of_store(kg) == _triples_of_extraction(folder)
    with store.open_store(kg) as opened:
        assert changed.triples == opened.kept_triples() == len(opened)  # kept through --prune


def test_a_touched_but_unchanged_file_is_hashed_not_extracted(tmp_path, corpus):
    """A new mtime with the same content: read and hashed, not extracted or rewritten."""
    folder, kg = tmp_path / "in", tmp_path / "kg"
    folder.mkdir()
    shutil.copy2(corpus[0], folder / corpus[0].name)
    ingest_paths(kg, [folder])
    os.utime(folder / corpus[0].name, ns=(1, 1))
    report, _ = ingest_paths(kg, [folder])
    assert report.skipped and not report.changed and report.graphs_rewritten == 0


def test_a_symlink_replaced_by_an_edited_copy_replaces_the_document(tmp_path, corpus):
    """The same path under the ingest root is the same document, however it got there."""
    folder, kg = tmp_path / "in", tmp_path / "kg"
    folder.mkdir()
    link = folder / "article.txt"
    link.symlink_to(corpus[1])
    first, _ = ingest_paths(kg, [folder])
    link.unlink()
    link.write_text(corpus[1].read_text(encoding="utf-8") + "\nNorth Korea closed its border with China in 2021.\n", encoding="utf-8")
    second, _ = ingest_paths(kg, [folder])
    assert second.changed == first.added and not second.added and second.documents == 1


def test_ingest_in_worker_processes_gives_the_same_store(tmp_path, corpus):
    """-j 2: workers read, extract and serialise; the graph is the same."""
    folder = tmp_path / "in"
    folder.mkdir()
    for path in corpus[:6]:
        shutil.copy2(path, folder / path.name)
    ingest_paths(tmp_path / "one", [folder])
    ingest_paths(tmp_path / "two", [folder], jobs=2)
    assert _triples_of_store(tmp_path / "one") == _triples_of_store(tmp_path / "two")


def test_an_ingest_killed_at_any_moment_is_repaired_by_the_next(tmp_path, corpus):
    """kill -9 during an ingest, at a few moments: the next ingest finishes the job, and the store
    equals a clean ingest of the same files (the in-use lock is released with the process)."""
    import random
    import signal
    import subprocess
    import sys
    import time

    folder = tmp_path / "in"
    folder.mkdir()
    for path in corpus[:10]:
        shutil.copy2(path, folder / path.name)
    ingest_paths(tmp_path / "clean", [folder])
    expected = _triples_of_store(tmp_path / "clean")
    code = f"from timeline.ingest import ingest_paths; ingest_paths({str(tmp_path / 'kg')!r}, [{str(folder)!r}])"
    rng = random.Random(11)
    for trial in range(4):
        process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 2.5))
        process.send_signal(signal.SIGKILL)
        process.wait()
        if trial == 1:  # a file changes between a killed ingest and the next
            edited = folder / corpus[2].name
            edited.write_text(edited.read_text(encoding="utf-8") + "\nNorth Korea closed its border with China in 2020.\n", encoding="utf-8")
    ingest_paths(tmp_path / "kg", [folder])
    ingest_paths(tmp_path / "clean", [folder])
    expected = _triples_of_store(tmp_path / "clean")
    assert _triples_of_store(tmp_path / "kg") == expected
    again, _ = ingest_paths(tmp_path / "kg", [folder])
    assert not again.added and not again.changed and again.graphs_rewritten == 0


def test_the_cli_answers_a_named_query_from_kept_rows(run, tmp_path, examples_dir):
    """`timeline query --store S NAME` keeps the rows it computes and reads them back next time."""
    kg = tmp_path / "kg"
    assert run("ingest", examples_dir, "--store", kg).exit_code == 0
    first = run("query", "--store", kg, "events", "--format", "csv")
    assert first.exit_code == 0 and len(list((kg / "results").glob("*.json"))) == 1
    kept = next((kg / "results").glob("*.json")).stat().st_mtime_ns
    again = run("query", "--store", kg, "events", "--format", "csv")
    assert again.output == first.output
    assert next((kg / "results").glob("*.json")).stat().st_mtime_ns == kept
    unchanged = run("ingest", examples_dir, "--store", kg)
    assert unchanged.exit_code == 0 and list((kg / "results").glob("*.json"))  # nothing changed: rows stay


def test_a_document_that_leaves_a_merge_splits_it_through_the_index(tmp_path):
    """With the default merge (candidates through the index), a document that no longer reports
    an event leaves the merged event to the other document, as a fresh merge would."""
    import sys

    from rdflib.compare import isomorphic

    sys.path.insert(0, str(Path(__file__).parent))
    from store_fixtures import TEXT_B, corpus, document, mention

    from timeline import rdf
    from timeline.extract import merge_events
    from timeline.ingest import ingest

    docs, events = corpus()
    with store.open_store(tmp_path / "s") as target:
        first = ingest(target, docs, lambda d: events[d.id])
    assert first.events < first.mentions  # the repatriation told by doc-a and doc-b is one event
    text = TEXT_B.replace("Reports say China repatriated 60 North Korean defectors in April 2024. ", "")
    new_b = document("doc-b", text, docs[1].published)
    kept = [m for m in events["doc-b"] if m.type == "Execution"]
    shifted = [mention(new_b, m.type, m.label, m.sentence.text, "executed", m.when and None, participants=m.participants) for m in kept]
    changed = dict(events, **{"doc-b": shifted})
    with store.open_store(tmp_path / "s") as target:
        report = ingest(target, [docs[0], new_b, docs[2]], lambda d: changed[d.id])
    assert report.changed == ("doc-b",)
    final = [docs[0], new_b, docs[2]]
    expected = rdf.build_graph(final, merge_events([m for d in final for m in changed[d.id]]))
    with store.open_store(tmp_path / "s") as target:
        assert isomorphic(store.to_rdflib(target), expected)


def _quads_of_store(path: Path) -> set[str]:
    with store.open_store(path) as opened, opened._reading() as target:
        ontology = ox.NamedNode("https://w3id.org/timeline-kg/ontology")
        return {str(q) for q in target if q.graph_name != ontology}


@pytest.mark.parametrize("seed", range(3))
def test_random_changes_leave_the_store_a_clean_ingest_gives(tmp_path, seed):
    """Documents come, change and go in random batches (hand-made mentions, many merging across
    documents): after each ingest the store holds the very quads, in the very graphs, that one
    ingest of the documents then present gives, and counts them right."""
    import random
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    from store_fixtures import edition
    from test_remerge import _document

    from timeline.ingest import ingest, remove_documents
    from timeline.model import Document

    rng = random.Random(seed)
    documents: dict[str, tuple[Document, list]] = {}

    for step in range(6):
        for _ in range(rng.randrange(2, 9)):
            doc_id = f"d{rng.randrange(10**5):05d}"
            documents.setdefault(doc_id, (edition(doc_id, 0), _document(rng, doc_id)))
        edited = rng.sample(sorted(documents), min(2, len(documents)))
        for doc_id in edited[:1]:
            old, mentions = documents[doc_id]
            kept = [m for m in mentions if rng.random() < 0.6]
            starts = {m.trigger.start for m in kept}
            documents[doc_id] = (edition(doc_id, step + 1), kept + [m for m in _document(rng, doc_id) if m.trigger.start not in starts])
        gone = edited[1:] if step % 2 else []
        for doc_id in gone:
            del documents[doc_id]
        with store.open_store(tmp_path / "kg") as target:
            if gone:
                remove_documents(target, gone)
            report = ingest(target, [d for d, _ in documents.values()], lambda d: documents[d.id][1])
        with store.open_store(tmp_path / f"clean-{step}") as target:
            clean = ingest(target, [d for d, _ in documents.values()], lambda d: documents[d.id][1])
        assert _quads_of_store(tmp_path / "kg") == _quads_of_store(tmp_path / f"clean-{step}"), step
        assert report.triples == clean.triples and report.events == clean.events, step


def test_an_ingest_that_loads_in_bulk_optimises_the_database_and_a_small_one_does_not(tmp_path, monkeypatch):
    """A bulk load ends with Store.optimize(); an ingest that loads a little, or nothing, leaves
    the database to its own compaction — and the store holds the same either way."""
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    from store_fixtures import corpus

    from timeline import ingest as ingest_module

    optimised = []
    monkeypatch.setattr(ingest_module, "_optimize", lambda target: optimised.append(target))
    docs, events = corpus()
    with store.open_store(tmp_path / "small") as target:
        ingest_module.ingest(target, docs, lambda d: events[d.id])
    assert optimised == []
    monkeypatch.setattr(ingest_module, "_BULK_ABOVE", 0)
    with store.open_store(tmp_path / "bulk") as target:
        ingest_module.ingest(target, docs, lambda d: events[d.id])
        assert len(optimised) == 1
        ingest_module.ingest(target, docs, lambda d: events[d.id])  # unchanged: nothing loaded
    assert len(optimised) == 1
    assert _quads_of_store(tmp_path / "small") == _quads_of_store(tmp_path / "bulk")


def test_optimising_the_database_keeps_every_quad(tmp_path):
    """Store.optimize() after an ingest changes no quad and no answer."""
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    from store_fixtures import corpus

    from timeline.ingest import _optimize, ingest

    docs, events = corpus()
    with store.open_store(tmp_path / "s") as target:
        ingest(target, docs, lambda d: events[d.id])
    before = _quads_of_store(tmp_path / "s")
    with store.open_store(tmp_path / "s") as target:
        _optimize(target._writing())
    assert _quads_of_store(tmp_path / "s") == before
