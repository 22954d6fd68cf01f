"""The triple count an ingest keeps with the index: it answers the database after every kind of
write, and a write that did not finish makes the next ingest count again, never report it."""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import pytest

from timeline import store, storelock
from timeline.ingest import ingest, remove_documents

sys.path.insert(0, str(Path(__file__).parent))
from store_fixtures import edition, merge_by_label  # noqa: E402
from test_remerge import _document  # noqa: E402


def _counted(path: Path) -> int:
    """Every quad of the database counted again (the ontology's not)."""
    with store.open_store(path) as opened:
        return len(opened)


def _kept(path: Path) -> int | None:
    with store.open_store(path) as opened:
        return opened.kept_triples()


class _Corpus:
    """Random undated documents whose hand-made mentions merge across documents."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.docs: dict[str, tuple] = {}

    def add(self, count: int) -> None:
        for _ in range(count):
            doc_id = f"d{self.rng.randrange(10**5):05d}"
            self.docs.setdefault(doc_id, (edition(doc_id, 0), _document(self.rng, doc_id)))

    def edit(self, doc_id: str, version: int) -> None:
        self.docs[doc_id] = (edition(doc_id, version), _document(self.rng, doc_id))

    def ingest(self, path: Path, **options):
        with store.open_store(path) as target:
            return ingest(target, [d for d, _ in self.docs.values()], lambda d: self.docs[d.id][1], **options)


def test_the_kept_count_answers_the_database_after_every_kind_of_write(tmp_path):
    """Added, changed and removed documents, a custom merge and the default merge again, an
    unchanged ingest, a new ontology: after each the kept count and the report's are the count."""
    kg, corpus = tmp_path / "kg", _Corpus(0)

    def check(name, report=None):
        counted = _counted(kg)
        assert _kept(kg) == counted, name
        assert report is None or report.triples == counted, name

    corpus.add(6)
    check("added", corpus.ingest(kg))
    corpus.add(4)
    check("more added", corpus.ingest(kg))
    corpus.edit(sorted(corpus.docs)[0], 1)
    check("changed", corpus.ingest(kg))
    gone = sorted(corpus.docs)[1]
    with store.open_store(kg) as target:
        assert remove_documents(target, [gone]) == 1
    del corpus.docs[gone]
    check("removed")
    check("custom merge", corpus.ingest(kg, merge_fn=merge_by_label))
    check("default merge again", corpus.ingest(kg))
    check("unchanged", corpus.ingest(kg))
    state = json.loads((kg / "state.json").read_text(encoding="utf-8"))
    state["ontology"] = "another"  # the next writer loads the ontology again and stamps the data anew
    (kg / "state.json").write_text(json.dumps(state), encoding="utf-8")
    check("new ontology, unchanged", corpus.ingest(kg))


@pytest.mark.parametrize("seed", range(2))
def test_the_kept_count_follows_each_write_step_by_step(tmp_path, seed):
    """After each write (add, change, remove, unchanged), the kept count is the database's count."""
    kg, corpus = tmp_path / "kg", _Corpus(seed)
    for step in range(5):
        corpus.add(corpus.rng.randrange(1, 6))
        corpus.edit(corpus.rng.choice(sorted(corpus.docs)), step + 1)
        report = corpus.ingest(kg)
        assert report.triples == _counted(kg) == _kept(kg), step
        if step % 2:
            gone = corpus.rng.choice(sorted(corpus.docs))
            with store.open_store(kg) as target:
                remove_documents(target, [gone])
            del corpus.docs[gone]
            assert _kept(kg) == _counted(kg), step
        again = corpus.ingest(kg)
        assert again.triples == _counted(kg) == _kept(kg), step


def test_a_write_that_fails_before_the_index_commits_leaves_no_count_to_trust(tmp_path, monkeypatch):
    """The database written, the index not committed (a crash between the two): the store is
    dirty, no kept count answers, and the next ingest counts again and keeps the right one."""
    kg, corpus = tmp_path / "kg", _Corpus(3)
    corpus.add(5)
    corpus.ingest(kg)
    corpus.add(3)
    corpus.edit(sorted(corpus.docs)[0], 1)

    def crash(self, stamp, triples):
        raise RuntimeError("killed between the database's writes and the index's commit")

    with monkeypatch.context() as patched:
        patched.setattr(store.Store, "_keep_triples", crash)
        with pytest.raises(RuntimeError):
            corpus.ingest(kg)
    assert json.loads((kg / "state.json").read_text(encoding="utf-8"))["dirty"] is True
    assert _kept(kg) is None
    report = corpus.ingest(kg)
    assert report.triples == _counted(kg) == _kept(kg)
    assert corpus.ingest(kg).triples == _counted(kg)


def test_a_write_that_stops_after_the_commit_before_the_state_is_saved_is_counted_again(tmp_path, monkeypatch):
    """The index committed but ``state.json`` still says dirty (a kill between the two): the
    kept count is not trusted, and the next ingest rebuilds and counts."""
    kg, corpus = tmp_path / "kg", _Corpus(4)
    corpus.add(5)
    corpus.ingest(kg)
    corpus.add(3)
    save = store.Store._save_state

    def stop_after_commit(self):
        if self.state.get("dirty") is False and self.state.get("generation") == 2:
            raise KeyboardInterrupt  # killed before the clean state reached the disk
        save(self)

    with monkeypatch.context() as patched:
        patched.setattr(store.Store, "_save_state", stop_after_commit)
        with pytest.raises(KeyboardInterrupt):
            corpus.ingest(kg)
    assert _kept(kg) is None
    assert corpus.ingest(kg).triples == _counted(kg) == _kept(kg)


def test_an_ingest_that_did_not_finish_makes_the_next_one_count(tmp_path):
    """With the ingest's mark left behind, a kept count is not trusted even when it looks current:
    an unchanged ingest counts again, keeps the count, and clears the mark."""
    kg, corpus = tmp_path / "kg", _Corpus(5)
    corpus.add(4)
    corpus.ingest(kg)
    counted = _counted(kg)
    with store.open_store(kg) as opened:
        opened.db.execute("UPDATE counts SET value = 5 WHERE name = 'triples'")
    storelock.mark_ingest(kg)
    assert _kept(kg) is None
    assert corpus.ingest(kg).triples == counted == _kept(kg)
    assert storelock.unfinished_ingest(kg) is None
