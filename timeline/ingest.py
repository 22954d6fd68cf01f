"""Ingest: add documents to a store, replace changed ones, drop removed ones — at the cost of the change.

- Unchanged files are recognised by their stat (size, mtime) first and by their content hash
  only when the stat changed; they are never read or extracted again.
- A document is the same document when it sits at the same path under the ingest root
  (``source``), however it got there: a symlink replaced by an edited copy replaces it.
- Changed documents are extracted (in worker processes with ``jobs > 1``) into the same
  records a streamed extract writes (:mod:`timeline.stream`); their mentions are kept in
  ``index.sqlite`` as pieces (:mod:`timeline.mergeindex`).
- Merging again: a changed document's pieces that are the same as before stay; the others leave
  and the new ones come, and only the blocks (event type and agent) they are in are merged again,
  each deciding again only the pieces whose decision can change — those looking at a group that
  changed under one of their years (:mod:`timeline.remerge`). The result equals a merge of every
  mention. A custom ``merge_fn`` merges everything again.
- Only what changed is rewritten: an event whose content changed, the actors and places whose
  references changed, a changed document's graph, and in other documents the annotations of
  mentions whose event changed. The triple count follows what was rewritten and is kept in the
  index, in the transaction that commits its changes; an unchanged re-ingest reports it without
  counting, unless the last ingest did not finish (``dirty``, or its mark left): then it counts.
- Crash safety: the SQLite changes commit after the database is flushed; ``state.json``
  carries ``dirty`` meanwhile, and an ingest that finds it set rebuilds the graphs in full from
  the records. Idempotent: ingesting the same files again changes nothing.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import json
import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from . import keptrows, rdf, records, storelock
from .errors import StoreError, TimelineError
from .graphio import ONTOLOGY_GRAPH
from .mergeindex import PieceIndex, Stored
from .model import Document, Entity, Event, MergedEvent
from .keptrefresh import Refresh, Touched
from .store import Store, count_data, new_stamp, open_store
from .stream import DocRecord, document_record

_BULK_ABOVE = 2_000_000
"""Characters of N-Quads above which the database loads them in bulk (faster, not atomic: an
ingest that dies meanwhile is repaired by the next, as any). An ingest that loaded in bulk then
optimises the database (``Store.optimize()``): at 10⁶ triples that took 0.7 s after a 37 s
ingest and the named queries then ran 11 % faster in the engine (up to 34 % for the short ones;
``benchmarks/results/datapath-optimize.md``). Smaller ingests leave it to the database's own
background compaction: its cost would be a large share of theirs."""

_REFRESH_AT_MOST = 0.2
"""Kept rows are refreshed when an ingest touches at most this share of the events (or 1,000);
after a larger change the next query that asks computes them again (cheaper than refreshing)."""

ExtractFn = Callable[[Document], Sequence[Event]]
MergeFn = Callable[[list[Event]], Sequence[MergedEvent]]
_LINKS = {"denies": rdf._TL.denies, "claimedIn": rdf._TL.claimedIn}


@dataclass(frozen=True)
class IngestReport:
    """What an ingest did: documents added, changed, skipped (unchanged) and removed, the merged
    events now in the store, how many graphs it rewrote, and how long it took."""

    added: tuple[str, ...]
    changed: tuple[str, ...]
    skipped: tuple[str, ...]
    documents: int  # in the store after the ingest
    mentions: int
    events: int
    graphs_rewritten: int
    triples: int
    seconds: float
    removed: tuple[str, ...] = ()
    merged_mentions: int = 0  # mentions merged again: decided again, or in an event made again (the rest were not touched)

    def text(self) -> str:
        removed = f", {len(self.removed)} removed" if self.removed else ""
        return (
            f"{len(self.added)} added, {len(self.changed)} changed, {len(self.skipped)} unchanged (skipped){removed}; "
            f"store: {self.documents} documents, {self.events} events from {self.mentions} mentions, "
            f"{self.triples} triples; {self.graphs_rewritten} graphs rewritten in {self.seconds:.1f} s"
        )


@dataclass(frozen=True)
class Change:
    """A new or changed document: where it sits (``root``, ``source``), its stat, its record."""

    record: DocRecord
    root: str
    source: str
    size: int | None = None
    mtime_ns: int | None = None


def encode_mentions(mentions: Iterable[Event]) -> str:
    """Mentions as the store keeps them (JSON, :mod:`timeline.records`)."""
    return records.encode(mentions)


def decode_mentions(text: str) -> list[Event]:
    return records.decode(text)


def _sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _doc_of(key: str) -> str:
    """The document of a mention key (``doc_id#type@start``)."""
    return key.rsplit("#", 1)[0]


# Ingest -------------------------------------------------------------------------------------


def _source_of(doc: Document) -> str:
    """Where a document was read from, independent of the working folder (its resolved path)."""
    path = Path(doc.path)
    try:
        return str(path.resolve()) if path.exists() else doc.path
    except (OSError, RuntimeError):
        return doc.path


def ingest(
    store: Store,
    documents: Iterable[Document],
    extract_fn: ExtractFn,
    *,
    merge_fn: MergeFn | None = None,
    progress: Callable[[int, str], None] | None = None,
) -> IngestReport:
    """Add ``documents`` (already read) to ``store``: extract the new and changed ones, then
    bring the graphs up to date (see the module's docstring). A document whose ``sha256`` the
    store holds for its source is skipped without extraction. The result equals ingesting all
    documents at once, in any order."""
    started = time.perf_counter()
    store._writing()
    db = store.db
    known = {(root, source): (doc_id, sha) for doc_id, root, source, sha in db.execute("SELECT id, root, source, sha256 FROM documents")}
    ids = {doc_id for doc_id, _ in known.values()}
    changes: list[Change] = []
    skipped: list[str] = []
    seen: set[str] = set()
    for count, doc in enumerate(documents, 1):
        source = _source_of(doc)
        stored = known.get(("", source))
        if stored is not None and stored[0] != doc.id:
            doc = dataclasses.replace(doc, id=stored[0])
        elif stored is None and doc.id in ids:
            doc = dataclasses.replace(doc, id=f"{doc.id}-{_sha1(source)[:8]}")
        if doc.id in seen:
            raise StoreError(f"{doc.path}: two documents have the id {doc.id!r}")
        seen.add(doc.id)
        if stored is not None and stored[1] == doc.sha256:
            skipped.append(doc.id)
        else:
            events = list(extract_fn(doc))
            stray = [e for e in events if e.doc_id != doc.id]
            if stray:
                raise StoreError(f"{doc.path}: extraction returned a mention of document {stray[0].doc_id!r}")
            changes.append(Change(document_record(doc, events, syntax="nq"), "", source))
        if progress:
            progress(count, doc.path)
    return apply_changes(store, changes, (), skipped=skipped, merge_fn=merge_fn, started=started)


def remove_documents(store: Store, doc_ids: Iterable[str], *, merge_fn: MergeFn | None = None) -> int:
    """Remove documents (their graphs and mentions) and re-merge what they touched; the count removed."""
    store._writing()
    present = {row[0] for row in store.db.execute("SELECT id FROM documents")}
    removed = [d for d in dict.fromkeys(doc_ids) if d in present]
    if removed:
        apply_changes(store, [], removed, merge_fn=merge_fn)
    return len(removed)


def apply_changes(
    store: Store,
    changes: Sequence[Change],
    removed: Sequence[str],
    *,
    skipped: Sequence[str] = (),
    merge_fn: MergeFn | None = None,
    started: float | None = None,
) -> IngestReport:
    """Put new and changed documents' records in the store, drop removed ones, and rewrite what
    that changes (see the module's docstring)."""
    started = time.perf_counter() if started is None else started
    target = store._writing()
    state = store.state
    db = store.db
    present = {row[0] for row in db.execute("SELECT id FROM documents")}
    added = tuple(c.record.id for c in changes if c.record.id not in present)
    changed = tuple(c.record.id for c in changes if c.record.id in present)
    counted = store.kept_triples()  # None after an ingest that did not finish: counted again
    if not changes and not removed and not state.get("dirty"):
        if counted is None:
            counted = count_data(target)
            store._keep_triples(state["stamp"], counted)
            storelock.finish_ingest(store.path)  # nothing was left half-done (not dirty): the data is whole
        state["triples"] = counted
        return _report(store, added, changed, skipped, (), 0, 0, started)
    # The cyclic garbage collector waits while the ingest merges and writes: it makes millions of
    # short-lived objects that hold no cycles (pieces, placements, quads), and each full collection
    # walks every object alive, more the larger the store, to find none.
    collecting = gc.isenabled()
    gc.disable()
    try:
        storelock.mark_ingest(store.path)  # a query meanwhile (or after a kill) says the ingest did not finish
        stamp = new_stamp()
        db.execute("BEGIN")
        try:
            work = _Work(store, target, merge_fn)
            work.plan(changes, removed)
            rewritten, merged = work.run()
            kept = (store.path / "results").is_dir() and any((store.path / "results").glob("*.json"))
            touched = work.touched() if kept and not work.full else None
            if touched is None or len(touched.events) > max(_REFRESH_AT_MOST * int(state.get("events", 0)), 1000):
                store._forget_results()  # computed again by the next query that asks
                refresh = None
            else:  # the kept rows of what this ingest touches, as they are before it writes
                refresh = Refresh(store.path, target, keptrows.stamp_of(store.path, state), touched)
            state["dirty"] = True  # from here the database and the index differ until the commit
            store._save_state()
            triples = work.apply(counted)
            store._keep_triples(stamp, triples)  # in the same transaction as the index's changes
            if refresh is not None:
                refresh.finish(stamp)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        state["stamp"] = stamp
        state["dirty"] = False
        state["merge"] = "custom" if merge_fn is not None else "default"
        state["generation"] = int(state.get("generation", 0)) + 1
        state["documents"] = db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        state["mentions"] = db.execute("SELECT COUNT(*) FROM mentions").fetchone()[0]
        state["events"] = db.execute("SELECT COUNT(*) FROM events").fetchone()[0]
        state["triples"] = triples
        store._save_state()
        storelock.finish_ingest(store.path)
        if work.bulk_loaded:
            _optimize(target)
        return _report(store, added, changed, skipped, tuple(removed), rewritten, merged, started)
    finally:
        if collecting:
            gc.enable()


def _optimize(target: ox.Store) -> None:
    """Compact the database after a bulk load, for faster queries (see :data:`_BULK_ABOVE`); the
    ingest has committed by then, so a failure here costs speed, never data."""
    try:
        target.optimize()
    except OSError:
        pass


def _report(store: Store, added: Sequence[str], changed: Sequence[str], skipped: Sequence[str], removed: Sequence[str],
            rewritten: int, merged: int, started: float) -> IngestReport:
    state = store.state
    return IngestReport(
        added=tuple(added), changed=tuple(changed), skipped=tuple(skipped), documents=state.get("documents", 0),
        mentions=state.get("mentions", 0), events=state.get("events", 0), graphs_rewritten=rewritten,
        triples=state.get("triples", 0), seconds=time.perf_counter() - started, removed=tuple(removed),
        merged_mentions=merged,
    )


def _chunks(items: Sequence[Any], size: int = 500) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class _Work:
    """One ingest's changes, computed against the index, then applied to the database."""

    def __init__(self, store: Store, target: ox.Store, merge_fn: MergeFn | None) -> None:
        self.store, self.target, self.db = store, target, store.db
        self.index = PieceIndex(self.db)
        self.merge_fn = merge_fn
        state = store.state
        self.full = bool(state.get("dirty")) or (merge_fn is None and state.get("merge", "default") != "default")
        self.removed_pieces: dict[str, tuple[str, str] | None] = {}
        self.added: list[Stored] = []
        self.gone: dict[str, str | None] = {}  # mentions of pieces that left, and their events then
        self.new_docs: set[str] = set()  # documents whose graph is written whole
        self.moved: dict[str, tuple[str | None, str | None]] = {}  # mention → (event before, event now)
        self.old_events: set[str] = set()
        self.removals: list[ox.Quad] = []
        self.graphs_to_drop: list[str] = []
        self.additions: list[str] = []
        self.bulk_loaded = False
        self.subjects: set[tuple[str, str]] = set()  # (subject, graph) whose quads change: counted before and after
        self.read: dict[tuple[str, str], int] = {}  # (subject, graph) whose every quad is in removals → how many
        self.touched_events: set[str] = set()  # events written again or gone (for kept rows)
        self.touched_entities: set[str] = set()
        self.classes: set[str] = set()
        self.events_graph = ox.NamedNode(rdf.EVENTS_GRAPH_REF)

    # what changed

    def plan(self, changes: Sequence[Change], removed: Sequence[str]) -> None:
        from .remerge import pieces_of

        db = self.db
        for doc_id in removed:
            for piece_id, (block, _) in self.index.of_document(doc_id).items():
                self.removed_pieces[piece_id] = block
            self.gone.update(db.execute("SELECT key, event FROM mentions WHERE doc_id = ?", (doc_id,)))
            db.execute("DELETE FROM mentions WHERE doc_id = ?", (doc_id,))
            db.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
            self.graphs_to_drop.append(rdf.document_graph_ref(doc_id))
        for change in changes:
            record = change.record
            stored = [Stored(p) for p in pieces_of(record.mentions)]
            old = self.index.of_document(record.id)
            same = {s.piece.id for s in stored if s.piece.id in old and old[s.piece.id][1] == s.fingerprint}
            leaving = [piece_id for piece_id in old if piece_id not in same]
            for piece_id in leaving:
                self.removed_pieces[piece_id] = old[piece_id][0]
            for chunk in _chunks(leaving):
                marks = ",".join("?" * len(chunk))
                self.gone.update(db.execute(f"SELECT key, event FROM mentions WHERE piece IN ({marks})", tuple(chunk)))  # noqa: S608
                db.execute(f"DELETE FROM mentions WHERE piece IN ({marks})", tuple(chunk))  # noqa: S608
            coming = [s for s in stored if s.piece.id not in same]
            self.added += coming
            db.executemany("INSERT OR REPLACE INTO mentions VALUES (?, ?, ?, NULL)",
                           [(m.key, record.id, s.piece.id) for s in coming for m in s.piece.cluster.members])
            db.execute(
                "INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (record.id, change.root, change.source, record.sha256, change.size, change.mtime_ns, record.lines,
                 json.dumps(record.annotations, ensure_ascii=False, separators=(",", ":"))),
            )
            self.new_docs.add(record.id)
        if self.full:
            self._everything()

    def _everything(self) -> None:
        """Every document's pieces worked out again from its mentions, every graph written again
        (after an ingest that died half-way, a new model, or a custom merge before this one)."""
        from .remerge import pieces_of

        db = self.db
        mentions: dict[str, list[Event]] = {}
        for doc_id, piece_id, text in db.execute("SELECT doc_id, id, mentions FROM pieces"):
            if piece_id not in self.removed_pieces:
                mentions.setdefault(doc_id, []).extend(records.decode(text))
        for stored in self.added:
            mentions.setdefault(stored.piece.doc_id, []).extend(m.event for m in stored.piece.cluster.members)  # type: ignore[misc]
        for table in ("pieces", "groups", "mentions", "events", "links", "entity_refs", "entities"):
            db.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed names
        self.removed_pieces, self.gone = {}, {}
        self.added = [Stored(p) for doc_id in sorted(mentions) for p in pieces_of(mentions[doc_id])]
        db.executemany("INSERT OR REPLACE INTO mentions VALUES (?, ?, ?, NULL)",
                       [(m.key, s.piece.doc_id, s.piece.id) for s in self.added for m in s.piece.cluster.members])
        self.new_docs = {row[0] for row in db.execute("SELECT id FROM documents")}
        ontology = ox.NamedNode(ONTOLOGY_GRAPH)
        self.graphs_to_drop = [str(g.value) for g in self.target.named_graphs() if g != ontology]

    # the merge and what it rewrites

    def run(self) -> tuple[int, int]:
        from .remerge import remerge

        db = self.db
        if self.merge_fn is None:
            result = remerge(self.index, self.removed_pieces, [s.piece for s in self.added])
            self.index.write(self.removed_pieces, self.added, result)
            merged = list(result.events)
            self.old_events |= {rdf.event_ref(e) for e in result.gone}
            count = result.mentions
        else:  # a custom merge: every mention merged again
            self.index.write(self.removed_pieces, self.added, None)
            mentions = [e for (text,) in db.execute("SELECT mentions FROM pieces") for e in records.decode(text)]
            mentions.sort(key=lambda m: (m.doc_id, m.trigger.start, m.type, m.sentence.start, m.trigger.end))
            try:
                merged = list(self.merge_fn(mentions))
            except ValueError as error:
                raise StoreError(f"merge: {error}") from None
            self.old_events |= {row[0] for row in db.execute("SELECT iri FROM events")}
            count = len(mentions)
        merged.sort(key=lambda e: e.id)
        new_of = rdf.mention_index(merged)
        old_of = dict(self.gone)
        pending = [key for key in new_of if key not in old_of]
        for chunk in _chunks(pending):
            old_of.update(db.execute(f"SELECT key, event FROM mentions WHERE key IN ({','.join('?' * len(chunk))})", tuple(chunk)))  # noqa: S608
        for key, event in new_of.items():
            if old_of.get(key) != event:
                self.moved[key] = (old_of.get(key), event)
        for key, event in self.gone.items():
            if key not in new_of:
                self.moved[key] = (event, None)
        db.executemany("UPDATE mentions SET event = ? WHERE key = ?", [(new, key) for key, (_, new) in self.moved.items() if new is not None])
        entity_iris = self._events(merged)
        self._relink(list(self.moved))
        self._entities(entity_iris)
        touched_docs = self._documents()
        return touched_docs + (1 if self.subjects else 0), count

    def touched(self) -> Touched:
        """What this ingest touches, for the kept rows: events written again or gone, the events
        of mentions that moved or of documents written again, events naming an actor or place
        whose triples changed; the events they deny, the actors they name, their classes."""
        db = self.db
        events = set(self.touched_events)
        events.update(e for pair in self.moved.values() for e in pair if e)
        events.update(e for e in self.gone.values() if e)
        for doc_id in self.new_docs:
            events.update(row[0] for row in db.execute("SELECT event FROM mentions WHERE doc_id = ? AND event IS NOT NULL", (doc_id,)))
        for chunk in _chunks(sorted(self.touched_entities)):
            marks = ",".join("?" * len(chunk))
            events.update(row[0] for row in db.execute(f"SELECT DISTINCT event FROM entity_refs WHERE iri IN ({marks})", tuple(chunk)))  # noqa: S608
        out = Touched(events=events, actors=set(self.touched_entities), classes=set(self.classes) - {""})
        for chunk in _chunks(sorted(events)):
            marks = ",".join("?" * len(chunk))
            out.denied.update(row[0] for row in db.execute(
                f"SELECT target FROM links WHERE predicate = 'denies' AND target IS NOT NULL AND event IN ({marks})", tuple(chunk)))  # noqa: S608
            out.actors.update(row[0] for row in db.execute(f"SELECT DISTINCT iri FROM entity_refs WHERE event IN ({marks})", tuple(chunk)))  # noqa: S608
        return out

    def _subject_quads(self, subjects: Iterable[str], graph: str = rdf.EVENTS_GRAPH_REF) -> None:
        name = ox.NamedNode(graph)
        for subject in subjects:
            self.subjects.add((subject, graph))
            if (subject, graph) not in self.read:
                quads = list(self.target.quads_for_pattern(ox.NamedNode(subject), None, None, name))
                self.read[(subject, graph)] = len(quads)
                self.removals.extend(quads)

    def _events(self, merged: Sequence[MergedEvent]) -> set[str]:
        db = self.db
        graph = rdf.EVENTS_GRAPH_REF
        link_predicates = set(_LINKS.values())
        touched_entities: set[str] = set()
        new_iris: set[str] = set()
        for item in merged:
            node = rdf.event_ref(item.id)
            if node in new_iris:
                raise StoreError(f"two merged events have the IRI <{node}> (ids {item.id!r}); merge ids must be unique")
            new_iris.add(node)
            fingerprint = _sha1(repr(item))
            row = db.execute("SELECT fingerprint, subjects FROM events WHERE iri = ?", (node,)).fetchone()
            if row is not None and row[0] == fingerprint:
                continue
            if row is not None:
                self._subject_quads(json.loads(row[1]))
                touched_entities |= self._drop_refs(node)
            self.touched_events.add(node)
            self.classes.add(rdf.event_classes().get(item.type, "<>")[1:-1])
            try:
                triples, entities = rdf.event_triples(item, {})
            except ValueError as error:
                raise StoreError(f"{item.mentions[0].doc_id if item.mentions else item.id}: {error}") from None
            own = [t for t in triples if t[1] not in link_predicates]
            subjects = sorted({s[1:-1] for s, _, _ in own})
            self.subjects.update((subject, graph) for subject in subjects)
            self.additions.append(rdf.nquads(own, graph))
            db.execute("INSERT OR REPLACE INTO events VALUES (?, ?, ?)", (node, fingerprint, json.dumps(subjects)))
            links = [("claimedIn", m.claimed_in) for m in item.mentions if m.claimed_in is not None]
            links += [("denies", key) for m in item.mentions for key in m.denies]
            for predicate, key in dict.fromkeys(links):
                found = db.execute("SELECT event FROM mentions WHERE key = ?", (key,)).fetchone()
                target = found[0] if found and found[0] and found[0] != node else None
                db.execute("INSERT INTO links VALUES (?, ?, ?, ?)", (node, predicate, key, target))
                if target:
                    self.additions.append(rdf.nquads([(f"<{node}>", _LINKS[predicate], f"<{target}>")], graph))
            encode_entity = records.encoder(Entity)
            for entity in dict.fromkeys(entities):
                iri = rdf.entity_ref(entity)
                db.execute("INSERT INTO entity_refs VALUES (?, ?, ?)", (iri, json.dumps(encode_entity(entity), sort_keys=True), node))
                touched_entities.add(iri)
        for iri in self.old_events - new_iris:
            self.touched_events.add(iri)
            row = db.execute("SELECT subjects FROM events WHERE iri = ?", (iri,)).fetchone()
            if row is not None:
                self._subject_quads(json.loads(row[0]))
            db.execute("DELETE FROM events WHERE iri = ?", (iri,))
            touched_entities |= self._drop_refs(iri)
        if self.full or not self.store.state.get("run"):
            run = rdf.run_triples()
            self.subjects.update((s[1:-1], graph) for s, _, _ in run)
            self.additions.append(rdf.nquads(run, graph))
            self.store.state["run"] = True
        return touched_entities

    def _drop_refs(self, event: str) -> set[str]:
        db = self.db
        iris = {row[0] for row in db.execute("SELECT iri FROM entity_refs WHERE event = ?", (event,))}
        db.execute("DELETE FROM entity_refs WHERE event = ?", (event,))
        db.execute("DELETE FROM links WHERE event = ?", (event,))
        return iris

    def _relink(self, moved: Sequence[str]) -> None:
        """Links (tl:denies, tl:claimedIn) from events not merged again to mentions that moved."""
        db = self.db
        graph = rdf.EVENTS_GRAPH_REF
        for key in moved:
            for event, predicate, old in db.execute("SELECT event, predicate, target FROM links WHERE key = ?", (key,)).fetchall():
                found = db.execute("SELECT event FROM mentions WHERE key = ?", (key,)).fetchone()
                new = found[0] if found and found[0] and found[0] != event else None
                if new == old:
                    continue
                self.subjects.add((event, graph))
                self.touched_events.add(event)
                if old:
                    self.removals.append(ox.Quad(ox.NamedNode(event), ox.NamedNode(_LINKS[predicate][1:-1]), ox.NamedNode(old), self.events_graph))
                if new:
                    self.additions.append(rdf.nquads([(f"<{event}>", _LINKS[predicate], f"<{new}>")], graph))
                db.execute("UPDATE links SET target = ? WHERE event = ? AND predicate = ? AND key = ?", (new, event, predicate, key))

    def _entities(self, iris: set[str]) -> None:
        db = self.db
        build = records.decoder(Entity)
        for iri in sorted(iris):
            variants = sorted({row[0] for row in db.execute("SELECT variant FROM entity_refs WHERE iri = ?", (iri,))})
            fingerprint = _sha1(repr(variants)) if variants else None
            row = db.execute("SELECT fingerprint FROM entities WHERE iri = ?", (iri,)).fetchone()
            if row is not None and row[0] == fingerprint:
                continue
            self.touched_entities.add(iri)
            if row is not None:
                self._subject_quads([iri])
            if fingerprint is None:
                db.execute("DELETE FROM entities WHERE iri = ?", (iri,))
                continue
            self.subjects.add((iri, rdf.EVENTS_GRAPH_REF))
            triples = [t for v in variants for t in rdf.entity_triples(build(json.loads(v)))]
            self.additions.append(rdf.nquads(list(dict.fromkeys(triples)), rdf.EVENTS_GRAPH_REF))
            db.execute("INSERT OR REPLACE INTO entities VALUES (?, ?)", (iri, fingerprint))

    def _documents(self) -> int:
        """Write new and changed documents' graphs whole, and in the others the annotations of
        mentions whose event changed; the count of documents touched."""
        db = self.db
        by_doc: dict[str, list[str]] = {}
        for key in self.moved:
            doc_id = _doc_of(key)
            if doc_id not in self.new_docs:
                by_doc.setdefault(doc_id, []).append(key)
        for doc_id in sorted(self.new_docs):
            row = db.execute("SELECT lines, annotations FROM documents WHERE id = ?", (doc_id,)).fetchone()
            if row is None:
                continue
            self.graphs_to_drop.append(rdf.document_graph_ref(doc_id))
            event_of = dict(db.execute("SELECT key, event FROM mentions WHERE doc_id = ?", (doc_id,)))
            parts = [row[0]]
            for key, start, end, template in json.loads(row[1]):
                event = event_of.get(key)
                if event:
                    parts.append(rdf.fill_annotation(template, doc_id, event, start, end))
            self.additions.append("".join(dict.fromkeys(rdf.lines_of("".join(parts)))))
        for doc_id in sorted(by_doc):
            row = db.execute("SELECT annotations FROM documents WHERE id = ?", (doc_id,)).fetchone()
            if row is None:
                continue
            self._annotations(doc_id, json.loads(row[0]), by_doc[doc_id])
        return len(self.new_docs) + len(by_doc)

    def _annotations(self, doc_id: str, annotations: list[Any], moved: list[str]) -> None:
        """Rewrite the annotations of one document that ``moved`` mentions were or are now in.
        An annotation is one per (event, sentence): mentions of one event in one sentence share
        it, so each is written again from every mention in it."""
        graph = rdf.document_graph_ref(doc_id)
        where = {key: (start, end) for key, start, end, _ in annotations}
        affected: set[tuple[str, int, int]] = set()
        for key in moved:
            if key not in where:
                continue
            start, end = where[key]
            for event in self.moved[key]:
                if event:
                    affected.add((event, start, end))
        if not affected:
            return
        event_of = dict(self.db.execute("SELECT key, event FROM mentions WHERE doc_id = ?", (doc_id,)))
        lines: list[str] = []
        for event, start, end in sorted(affected):
            ann = rdf.annotation_ref(doc_id, event, start, end)
            self._subject_quads([ann, f"{ann}/target", f"{ann}/quote", f"{ann}/position"], graph)
            for key, s, e, template in annotations:
                if (s, e) == (start, end) and event_of.get(key) == event:
                    lines.append(rdf.fill_annotation(template, doc_id, event, start, end))
        self.additions.append("".join(dict.fromkeys(rdf.lines_of("".join(lines)))))

    def _count(self, graphs: Iterable[str], *, read: bool = False) -> int:
        """Quads in ``graphs`` and of the subjects that change (outside those graphs), counted by
        the database; with ``read`` (before the changes), the quads of subjects already read to be
        removed are counted from what was read, not asked for again."""
        whole = sorted(set(graphs))
        dropped = set(whole)
        asked = [(s, g) for s, g in self.subjects if g not in dropped and not (read and (s, g) in self.read)]
        events = sorted(s for s, g in asked if g == rdf.EVENTS_GRAPH_REF)
        pairs = sorted((s, g) for s, g in asked if g != rdf.EVENTS_GRAPH_REF)
        total = sum(n for (_, g), n in self.read.items() if g not in dropped) if read else 0
        for chunk in _chunks(whole, 1000):
            values = " ".join(f"<{g}>" for g in chunk)
            total += self._counted(f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }}")
        for chunk in _chunks(events, 2000):
            values = " ".join(f"<{s}>" for s in chunk)
            total += self._counted(f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?s {{ {values} }} GRAPH <{rdf.EVENTS_GRAPH_REF}> {{ ?s ?p ?o }} }}")
        for chunk in _chunks(pairs, 1000):
            values = " ".join(f"(<{s}> <{g}>)" for s, g in chunk)
            total += self._counted(f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES (?s ?g) {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }}")
        return total

    def _counted(self, sparql: str) -> int:
        return int(next(iter(self.target.query(sparql)))["n"].value)

    def apply(self, triples: int | None) -> int:
        """Write the changes to the database; the triple count after them (``triples``: the
        count before them, when it is known)."""
        target = self.target
        graphs = list(dict.fromkeys(self.graphs_to_drop))
        if not self.full and triples is None:
            triples = count_data(target)
        before = None if self.full else self._count(graphs, read=True)
        for name in graphs:
            target.remove_graph(ox.NamedNode(name))
        for quad in dict.fromkeys(self.removals):
            target.remove(quad)
        text = "".join(self.additions)
        if text:
            try:
                if len(text) > _BULK_ABOVE:
                    target.bulk_load(input=text, format=ox.RdfFormat.N_QUADS)
                    self.bulk_loaded = True
                else:
                    target.load(input=text, format=ox.RdfFormat.N_QUADS)
            except SyntaxError as error:
                raise StoreError(f"{self.store.path}: cannot store the graph: {error}") from None
        target.flush()
        if before is None or triples is None:
            return count_data(target)
        return triples + self._count(graphs) - before


# For the command line ------------------------------------------------------------------------


def _roots(paths: Sequence[str | os.PathLike[str]]) -> list[tuple[Path, Path, bool]]:
    """(resolved root, named path, whether it is a folder) for each path: a folder is its own
    root, a file's is its folder."""
    out = []
    for named in paths:
        path = Path(named)
        try:
            resolved = path.resolve()
        except (OSError, RuntimeError):
            resolved = path.absolute()
        folder = path.is_dir()
        out.append((resolved if folder else resolved.parent, path, folder))
    return out


def _where(planned: Any, roots: list[tuple[Path, Path, bool]]) -> tuple[str, str]:
    """(root, source): the document's path under the ingest root it was found under."""
    path = Path(planned.path)
    for root, named, folder in roots:
        if folder:
            try:
                return str(root), path.relative_to(named).as_posix()
            except ValueError:
                continue
        if path == named:
            return str(root), path.name
    return str(path.absolute().parent), path.name


def _same_content(path: str | os.PathLike[str], sha256: str) -> bool:
    """Whether the file still has the content hashed ``sha256`` (a file whose stat changed)."""
    try:
        with open(path, "rb") as handle:
            digest = hashlib.file_digest(handle, "sha256").hexdigest()
    except (OSError, ValueError):
        return False
    return digest == sha256


def ingest_paths(
    store_dir: str | os.PathLike[str],
    paths: Sequence[str | os.PathLike[str]],
    *,
    published: date | None = None,
    jobs: int = 1,
    client: Any = None,
    prune: bool = False,
    progress: Callable[[int, int, str], None] | None = None,
    stage: Callable[[str, int, int], None] | None = None,
    warn: Callable[[str], None] | None = None,
    base_uri: str | None = None,
) -> tuple[IngestReport, list[TimelineError]]:
    """Ingest the documents under ``paths`` into the store at ``store_dir`` with the real pipeline.

    Unchanged files (same size and mtime, or else the same content) are not read again; changed
    ones are read, extracted and serialised in ``jobs`` processes (or on a Dask ``client``'s
    cluster). With ``prune``, documents that were ingested from these roots and are gone are
    removed. Returns the report and the files that could not be read. ``progress`` is called
    after each file (done, total, path); ``stage`` when the merge and the rewrite of the store's
    graphs start; ``warn`` with each warning about a document that is still read; ``base_uri``
    names documents by that URI and their path from the folder named."""
    from .documents import plan_documents
    from .stream import Dating, mapper_for

    started = time.perf_counter()
    plan = plan_documents(paths, base_uri=base_uri)
    roots = _roots(paths)
    errors: list[TimelineError] = []
    with open_store(store_dir) as store:
        store._writing()
        db = store.db
        known = {(root, source): (doc_id, sha, size, mtime)
                 for doc_id, root, source, sha, size, mtime in db.execute("SELECT id, root, source, sha256, size, mtime_ns FROM documents")}
        taken = {v[0] for v in known.values()}
        skipped: list[str] = []
        todo: list[tuple[Any, str, str, os.stat_result | None, str | None]] = []
        seen: set[tuple[str, str]] = set()
        for planned in plan:
            root, source = _where(planned, roots)
            seen.add((root, source))
            stored = known.get((root, source))
            try:
                info: os.stat_result | None = os.stat(planned.path)
            except OSError:
                info = None
            if stored is not None and info is not None and (
                (stored[2] == info.st_size and stored[3] == info.st_mtime_ns) or _same_content(planned.path, stored[1])
            ):
                if stored[2] != info.st_size or stored[3] != info.st_mtime_ns:  # touched, not changed: remember the new stat
                    db.execute("UPDATE documents SET size = ?, mtime_ns = ? WHERE id = ?", (info.st_size, info.st_mtime_ns, stored[0]))
                skipped.append(stored[0])
                if progress:
                    progress(len(skipped), len(plan), planned.shown)
                continue
            if stored is not None:
                planned = planned._replace(id=stored[0])
            elif planned.id in taken:
                planned = planned._replace(id=f"{planned.id}-{_sha1(root + '/' + source)[:8]}")
            taken.add(planned.id)
            todo.append((planned, root, source, info, stored[1] if stored else None))
        changes: list[Change] = []
        mapper = mapper_for(jobs, client)
        done = len(skipped)
        for (planned, root, source, info, old_sha), record in zip(todo, mapper([t[0] for t in todo], Dating(fallback=published), "nq")):
            done += 1
            if progress:
                progress(done, len(plan), planned.shown)
            if record.error is not None:
                errors.append(record.error)
                continue
            for warning in record.warnings if warn else ():
                warn(warning)
            size, mtime = (info.st_size, info.st_mtime_ns) if info else (None, None)
            if old_sha == record.sha256:  # touched, not changed: remember the new stat only
                db.execute("UPDATE documents SET size = ?, mtime_ns = ? WHERE id = ?", (size, mtime, record.id))
                skipped.append(record.id)
                continue
            changes.append(Change(record, root, source, size, mtime))
        removed: list[str] = []
        if prune:
            named_roots = {str(root) for root, _, _ in roots}
            removed = [doc_id for (root, source), (doc_id, *_rest) in known.items() if root in named_roots and (root, source) not in seen]
        if stage:
            stage("merging and writing the store", 1, 1)
        report = apply_changes(store, changes, removed, skipped=skipped, started=started)
    return report, errors


__all__ = ["Change", "IngestReport", "apply_changes", "ingest", "ingest_paths", "remove_documents"]
