"""Kept rows refreshed by an ingest equal the rows computed afresh: documents come, change and go
(hand-made mentions, and the real pipeline on a synthetic corpus), every shipped query is kept
before each ingest, and after it every kept file is still there, stamped for the new state, and
holds what the engine answers now (in the canonical order kept rows use)."""

from __future__ import annotations

import dataclasses
import json
import random
import shutil
import sys
from pathlib import Path

import pytest

from timeline import keptrows, store
from timeline.ingest import ingest, ingest_paths, remove_documents
from timeline.model import Document, Entity

sys.path.insert(0, str(Path(__file__).parent))

RANGE = {"from": "2016-01-01", "to": "2020-12-31"}
SOURCES = [Entity("hrw", "Human Rights Watch", "actor", None, "ngo"), Entity("un-hrc", "UN Human Rights Council", "actor", None, "un-body")]


def _bindings(item):
    return {name: RANGE[name] for name, _ in item.params}


def _keep_everything(path: Path) -> None:
    with store.open_store(path) as target:
        for name, item in store.named_queries().items():
            store.query(target, name, bindings=_bindings(item))


def _check_refreshed(path: Path) -> None:
    """Every kept file answers the store as it is now, and holds what the engine answers now."""
    state = json.loads((path / "state.json").read_text(encoding="utf-8"))
    kept = list((path / "results").glob("*.json"))
    assert len(kept) == len(store.named_queries())  # refreshed, none dropped
    for file in kept:
        header, _ = keptrows.decode(file.read_text(encoding="utf-8"))
        assert header["stamp"] == state["stamp"], header["name"]
    with store.open_store(path) as target:
        for name, item in store.named_queries().items():
            bindings = _bindings(item)
            answer = store.query(target, name, bindings=bindings)
            text = store.bind_values(item.text, bindings)
            computed = target._query(text, "query")
            assert answer.columns == computed.columns
            assert answer.rows == keptrows.canonical(computed.columns, computed.rows, text), name


def _richer(rng: random.Random, mentions: list, others: list[str]) -> list:
    """Hand-made mentions with denials (of mentions of this document or of ``others``), sources
    and negated claims among them."""
    out = []
    for m in mentions:
        extra = {}
        pool = [e.key for e in out] + others
        if m.type == "Denial" and pool and rng.random() < 0.8:
            extra["denies"] = (rng.choice(pool),)
        if rng.random() < 0.3:
            extra["attributed_to"] = rng.choice(SOURCES)
        if rng.random() < 0.15:
            extra["polarity"] = "negative"
        out.append(dataclasses.replace(m, **extra))
    return out


@pytest.mark.parametrize("seed", range(4))
def test_kept_rows_refreshed_after_random_changes_equal_fresh_rows(tmp_path, seed):
    """Random batches of hand-made documents added, edited and removed: after each ingest the
    kept rows of every shipped query equal the engine's."""
    from store_fixtures import edition
    from test_remerge import _document

    rng = random.Random(seed)
    documents: dict[str, tuple[Document, list]] = {}

    def doc(doc_id: str, version: int) -> Document:
        return edition(doc_id, version, title=f"{doc_id} v{version}")  # each edition titled by its version

    kg = tmp_path / "kg"
    for step in range(5):
        for _ in range(rng.randrange(2, 8)):
            doc_id = f"d{rng.randrange(10**5):05d}"
            others = [m.key for _, ms in documents.values() for m in ms]
            documents.setdefault(doc_id, (doc(doc_id, 0), _richer(rng, _document(rng, doc_id), others)))
        edited = rng.sample(sorted(documents), min(2, len(documents)))
        old, mentions = documents[edited[0]]
        kept = [m for m in mentions if rng.random() < 0.6]
        starts = {m.trigger.start for m in kept}
        others = [m.key for doc_id, (_, ms) in documents.items() if doc_id != edited[0] for m in ms]
        fresh = _richer(rng, [m for m in _document(rng, edited[0]) if m.trigger.start not in starts], others)
        documents[edited[0]] = (doc(edited[0], step + 1), kept + fresh)
        gone = edited[1:] if step % 2 else []
        for doc_id in gone:
            del documents[doc_id]
        if step:
            _keep_everything(kg)
        with store.open_store(kg) as target:
            if gone:
                remove_documents(target, gone)
            ingest(target, [d for d, _ in documents.values()], lambda d: documents[d.id][1])
        if step:
            _check_refreshed(kg)


def test_kept_rows_refreshed_through_the_real_pipeline_equal_fresh_rows(tmp_path):
    """The synthetic corpus through the extractor: batches, an edited file and a deleted one
    (--prune); the kept rows of every shipped query equal the engine's after each ingest."""
    from test_ingest import _synthetic

    corpus = sorted(_synthetic().write_corpus(tmp_path / "corpus", 12, seed=5))
    folder, kg = tmp_path / "in", tmp_path / "kg"
    folder.mkdir()
    for start in range(0, 8, 4):
        for path in corpus[start : start + 4]:
            shutil.copy2(path, folder / path.name)
        if start:
            _keep_everything(kg)
        ingest_paths(kg, [folder])
        if start:
            _check_refreshed(kg)
    for path in corpus[8:]:
        shutil.copy2(path, folder / path.name)
    edited = folder / corpus[1].name
    edited.write_text(edited.read_text(encoding="utf-8").replace("North Korea", "the DPRK", 1), encoding="utf-8")
    (folder / corpus[2].name).unlink()
    _keep_everything(kg)
    ingest_paths(kg, [folder], prune=True)
    _check_refreshed(kg)


def test_the_cli_prints_kept_rows_as_it_prints_computed_ones(run, tmp_path, examples_dir):
    """`timeline query --store S NAME` prints the same text when it computes the rows, when it
    reads them back, and when it copies their kept text, in every results format."""
    kg = tmp_path / "kg"
    assert run("ingest", examples_dir, "--store", kg).exit_code == 0
    for name, item in store.named_queries().items():
        params = [a for n in _bindings(item).items() for a in ("-p", "=".join(n))]
        for fmt in ("table", "csv", "tsv", "json"):
            outputs = [run("query", "--store", kg, name, *params, "--format", fmt) for _ in range(3)]
            assert all(o.exit_code == 0 for o in outputs), outputs[0].output
            assert outputs[0].output == outputs[1].output == outputs[2].output, (name, fmt)
    assert list((kg / "results").glob("*.table.txt")) and list((kg / "results").glob("*.json.txt"))


def test_a_named_query_from_kept_rows_loads_no_rdf_machinery(run, tmp_path, examples_dir):
    """Printing kept rows imports neither pyoxigraph nor the store: the lock, the state, a file."""
    import subprocess

    kg = tmp_path / "kg"
    assert run("ingest", examples_dir, "--store", kg).exit_code == 0
    assert run("query", "--store", kg, "events").exit_code == 0
    code = (
        "import sys\nfrom timeline.cli import main\n"
        f"try:\n    main(['query', '--store', {str(kg)!r}, 'events'])\nexcept SystemExit:\n    pass\n"
        "print('\\n'.join(sorted(sys.modules)), file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    loaded = set(done.stderr.split())
    assert "timeline.keptrows" in loaded and "id:event/" in done.stdout
    assert not {"pyoxigraph", "timeline.store", "timeline.sparql", "rdflib"} & loaded


def test_the_command_line_reads_the_store_format_the_store_writes():
    """keptrows reads state.json without importing the store: its format number is the store's."""
    from timeline import store as store_module

    assert keptrows.STATE_VERSION == store_module._INDEX_VERSION
