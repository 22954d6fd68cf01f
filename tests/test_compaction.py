"""When an ingest compacts the database: once the quads bulk-loaded since the last compaction
are a share of the store; the count survives the process, and an ingest stopped between its
load and its compaction leaves a whole store that the next ingest compacts."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from timeline import compaction, store
from timeline import ingest as ingest_module

sys.path.insert(0, str(Path(__file__).parent))
from test_ingest import _quads_of_store  # noqa: E402
from test_keptcount import _Corpus, _counted, _kept  # noqa: E402


def _pending(path: Path) -> int:
    """The quads loaded since the last compaction, as ``state.json`` on disk says."""
    return int(json.loads((path / "state.json").read_text(encoding="utf-8")).get(compaction.KEY, 0))


def test_due_once_the_loads_since_the_last_compaction_reach_the_share():
    state = {"triples": 1000}
    assert not compaction.due(state)  # nothing loaded
    compaction.record_load(state, 300)
    assert not compaction.due(state)
    compaction.record_load(state, 199)
    assert not compaction.due(state)
    compaction.record_load(state, 1)
    assert state[compaction.KEY] == 500 and compaction.due(state)
    assert compaction.due({"triples": 0, compaction.KEY: 1})  # an emptied store
    assert not compaction.due({"triples": 10**7, compaction.KEY: 10**6})  # a small load into a large store


def test_a_compaction_that_fails_keeps_the_count_and_one_that_finishes_resets_it():
    saved = []
    state = {"triples": 100, compaction.KEY: 80}
    assert not compaction.compact_if_due(state, lambda: False, lambda: saved.append(dict(state)))
    assert state[compaction.KEY] == 80 and saved == []
    assert compaction.compact_if_due(state, lambda: True, lambda: saved.append(dict(state)))
    assert state[compaction.KEY] == 0 and saved == [state]
    assert not compaction.compact_if_due({"triples": 100, compaction.KEY: 10}, pytest.fail, pytest.fail)


def test_a_store_grown_in_small_bulk_loads_is_compacted_only_when_they_add_up(tmp_path, monkeypatch):
    """The first load compacts (it is the whole store); later loads that are small against the
    store do not, each adding to the count in ``state.json`` (read from disk in the next
    process), until together they reach the share; then the count starts again."""
    kg, corpus = tmp_path / "kg", _Corpus(7)
    compacted, loads = [], []
    record = compaction.record_load
    monkeypatch.setattr(ingest_module, "_BULK_ABOVE", 0)  # every ingest that writes loads in bulk
    monkeypatch.setattr(ingest_module, "_optimize", lambda target: compacted.append(1) or True)
    monkeypatch.setattr(compaction, "record_load", lambda state, quads: (loads.append(quads), record(state, quads)))
    corpus.add(40)
    corpus.ingest(kg)
    assert len(compacted) == 1 and _pending(kg) == 0
    decisions = []
    for step in range(12):
        before, pending = len(compacted), _pending(kg)
        corpus.add(2)
        report = corpus.ingest(kg)
        expected = pending + loads[-1] >= compaction.SHARE * report.triples
        decisions.append(len(compacted) > before)
        assert decisions[-1] == expected, step
        assert _pending(kg) == (0 if expected else pending + loads[-1]), step
    assert False in decisions and True in decisions  # some loads waited, and their sum was compacted
    assert _quads_of_store(kg) == _quads_of_store(_fresh(tmp_path, corpus))


def _fresh(tmp_path: Path, corpus: _Corpus) -> Path:
    path = tmp_path / "fresh"
    corpus.ingest(path)
    return path


def test_an_ingest_stopped_between_its_load_and_its_compaction_leaves_a_whole_store(tmp_path, monkeypatch):
    """A kill during the compaction (after the ingest committed): the store holds what a fresh
    ingest of the same documents holds, its kept count answers it, the count of quads loaded is
    on disk, and the next ingest — with nothing to write — compacts and resets it."""
    kg, corpus = tmp_path / "kg", _Corpus(8)
    monkeypatch.setattr(ingest_module, "_BULK_ABOVE", 0)

    def killed(target):
        raise KeyboardInterrupt  # killed while compacting

    corpus.add(12)
    with monkeypatch.context() as patched:
        patched.setattr(ingest_module, "_optimize", killed)
        with pytest.raises(KeyboardInterrupt):
            corpus.ingest(kg)
    assert _pending(kg) > 0
    assert _kept(kg) == _counted(kg)
    assert _quads_of_store(kg) == _quads_of_store(_fresh(tmp_path, corpus))
    compacted = []
    monkeypatch.setattr(ingest_module, "_optimize", lambda target: compacted.append(1) or True)
    report = corpus.ingest(kg)
    assert len(report.skipped) == 12 and len(compacted) == 1 and _pending(kg) == 0
    corpus.ingest(kg)
    assert len(compacted) == 1  # done once
