"""Ingest: add documents to a store, replace changed ones, drop removed ones — at the cost of the change.

- Unchanged files are recognised by their stat (size, mtime) first and by their content hash
  only when the stat changed; they are never read or extracted again.
- A document is the same document when it sits at the same path under the ingest root
  (``source``), however it got there: a symlink replaced by an edited copy replaces it.
- Changed documents are extracted (in worker processes with ``jobs > 1``) into the same
  records a streamed extract writes (:mod:`timeline.stream`), kept in ``index.sqlite``.
- Merge candidates come from an index of mentions by event type and agent: the mentions of
  every document whose mentions of a type share an agent with a changed document's (and so on,
  until nothing new joins) are merged again, and nothing else. The default merge blocks by
  type and by agent across documents, so this gives exactly the merge of every mention. A
  custom ``merge_fn`` re-merges everything.
- Only what changed is rewritten: an event whose content changed, the actors and places whose
  references changed, a document's graph when its text or one of its mentions' events changed.
- Crash safety: the SQLite changes commit after the database is flushed; ``state.json``
  carries ``dirty`` meanwhile, and an ingest that finds it set rebuilds the graphs in full from
  the records. Idempotent: ingesting the same files again changes nothing.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import time
import types
import typing
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Union

import pyoxigraph as ox

from . import rdf, storelock
from .errors import StoreError, TimelineError
from .model import Document, Entity, Event, MergedEvent
from .store import COUNT_DATA, Store, open_store
from .stream import DocRecord, document_record

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
    merged_mentions: int = 0  # mentions merged again (the rest were not touched)

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


# Records <-> JSON (never pickle: a store folder may come from elsewhere) --------------------


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (tuple, list)):
        return [_encode(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def _identity(value: Any) -> Any:
    return value


@lru_cache(maxsize=None)
def _decoder(tp: Any) -> Callable[[Any], Any]:
    """A decoder for values of type ``tp``, built once per type (decoding is per mention)."""
    origin = typing.get_origin(tp)
    if origin is Union or origin is types.UnionType:
        inner = _decoder(next(a for a in typing.get_args(tp) if a is not type(None)))
        return lambda data: None if data is None else inner(data)
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            item = _decoder(args[0])
            return lambda data: tuple(map(item, data))
        parts = [_decoder(a) for a in args]
        return lambda data: tuple(f(x) for f, x in zip(parts, data))
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = typing.get_type_hints(tp)
        fields = {f.name: _decoder(hints[f.name]) for f in dataclasses.fields(tp)}

        def build(data: Any) -> Any:
            return tp(**{name: fields[name](value) for name, value in data.items() if name in fields})

        return build
    if tp is date:
        return date.fromisoformat
    if tp is float:
        return float
    return _identity


def encode_mentions(mentions: Iterable[Event]) -> str:
    return json.dumps([_encode(m) for m in mentions], ensure_ascii=False, separators=(",", ":"))


def decode_mentions(text: str) -> list[Event]:
    build = _decoder(Event)
    return [build(item) for item in json.loads(text)]


def _agent(mention: Event) -> str | None:
    """The agent the merge blocks on across documents (the first participant in the agent role)."""
    return next((p.entity.key for p in mention.participants if p.role == "agent"), None)


_PUBLICATIONS = frozenset({"ReportRelease", "Investigation", "Resolution"})
"""Types whose undated mentions join a dated event of their agent in any year (see merge.py)."""


def merge_blocks(mentions: Sequence[Event]) -> set[str]:
    """The blocks one document's mentions of one event type can merge across documents in:
    ``type|agent|year`` for each agent and year its mentions name (the default merge joins
    mentions of different documents only with one agent and overlapping years), or
    ``type|agent|*`` for publications, whose undated mentions join any year. Mentions without
    an agent merge with no other document's. Over-approximate on purpose: every agent with every
    year of the document's mentions of that type, since they may form one cluster."""
    from .extract.merge import interval_of

    agents = {a for a in map(_agent, mentions) if a is not None}
    if not agents:
        return set()
    etype = mentions[0].type
    if etype in _PUBLICATIONS:
        return {f"{etype}|{agent}|*" for agent in agents}
    years: set[int] = set()
    for mention in mentions:
        interval = interval_of(mention.when)
        if interval is not None:
            start = interval[0].year
            end = interval[1].year if interval[1] is not None else start + 30
            years.update(range(start, min(end, start + 30) + 1))
    return {f"{etype}|{agent}|{year}" for agent in agents for year in years}


def _sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _default_merge() -> MergeFn:
    from .extract import merge_events

    return typing.cast(MergeFn, merge_events)


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
    if not changes and not removed and not state.get("dirty"):
        answer = target.query(COUNT_DATA)  # counted, never cached
        state["triples"] = int(next(iter(answer))["n"].value)
        return _report(store, added, changed, skipped, (), 0, 0, started)
    storelock.mark_ingest(store.path)  # a query meanwhile (or after a kill) says the ingest did not finish
    store._forget_results()
    db.execute("BEGIN")
    try:
        work = _Work(store, target, merge_fn)
        work.plan(changes, removed)
        rewritten, merged = work.run()
        state["dirty"] = True  # from here the database and the index differ until the commit
        store._save_state()
        work.apply()
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    state["dirty"] = False
    state["generation"] = int(state.get("generation", 0)) + 1
    state["documents"] = db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    state["mentions"] = db.execute("SELECT COUNT(*) FROM mentions").fetchone()[0]
    state["events"] = db.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    answer = target.query(COUNT_DATA)
    state["triples"] = int(next(iter(answer))["n"].value)
    store._save_state()
    storelock.finish_ingest(store.path)
    return _report(store, added, changed, skipped, tuple(removed), rewritten, merged, started)


def _report(store: Store, added: Sequence[str], changed: Sequence[str], skipped: Sequence[str], removed: Sequence[str],
            rewritten: int, merged: int, started: float) -> IngestReport:
    state = store.state
    return IngestReport(
        added=tuple(added), changed=tuple(changed), skipped=tuple(skipped), documents=state.get("documents", 0),
        mentions=state.get("mentions", 0), events=state.get("events", 0), graphs_rewritten=rewritten,
        triples=state.get("triples", 0), seconds=time.perf_counter() - started, removed=tuple(removed),
        merged_mentions=merged,
    )


class _Work:
    """One ingest's changes, computed against the index, then applied to the database."""

    def __init__(self, store: Store, target: ox.Store, merge_fn: MergeFn | None) -> None:
        self.store, self.target, self.db = store, target, store.db
        self.merge = merge_fn or _default_merge()
        self.indexed = merge_fn is None
        self.full = bool(store.state.get("dirty"))
        self.units: set[tuple[str, str]] = set()  # (document, event type) whose mentions merge again
        self.old_events: set[str] = set()
        self.docs_to_write: set[str] = set()
        self.removed: list[str] = []
        self.gone: dict[str, str | None] = {}  # mentions of changed and removed documents, and their events
        self.seeds: set[str] = set()  # the blocks the old versions of changed and removed documents were in
        self.removals: list[ox.Quad] = []
        self.graphs_to_drop: list[str] = []
        self.additions: list[str] = []
        self.events_graph = ox.NamedNode(rdf.EVENTS_GRAPH_REF)

    # what changed

    def plan(self, changes: Sequence[Change], removed: Sequence[str]) -> None:
        db = self.db
        for doc_id in [*removed, *(c.record.id for c in changes)]:
            for key, etype, event in db.execute("SELECT key, type, event FROM mentions WHERE doc_id = ?", (doc_id,)):
                self.units.add((doc_id, etype))
                self.gone[key] = event
                if event:
                    self.old_events.add(event)
            db.execute("DELETE FROM mentions WHERE doc_id = ?", (doc_id,))
            self.seeds.update(row[0] for row in db.execute("SELECT block FROM blocks WHERE doc_id = ?", (doc_id,)))
            db.execute("DELETE FROM blocks WHERE doc_id = ?", (doc_id,))
        for doc_id in removed:
            db.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
            self.graphs_to_drop.append(rdf.document_graph_ref(doc_id))
        self.removed = list(removed)
        for change in changes:
            record = change.record
            mentions = record.mentions
            db.execute(
                "INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (record.id, change.root, change.source, record.sha256, change.size, change.mtime_ns, record.lines,
                 json.dumps(record.annotations, ensure_ascii=False, separators=(",", ":")), encode_mentions(mentions)),
            )
            db.executemany(
                "INSERT OR REPLACE INTO mentions VALUES (?, ?, ?, ?, NULL)",
                [(m.key, record.id, m.type, _agent(m)) for m in mentions],
            )
            self.units.update((record.id, m.type) for m in mentions)
            self.docs_to_write.add(record.id)
            by_type: dict[str, list[Event]] = {}
            for mention in mentions:
                by_type.setdefault(mention.type, []).append(mention)
            db.executemany(
                "INSERT INTO blocks VALUES (?, ?, ?)",
                [(record.id, etype, block) for etype, group in by_type.items() for block in merge_blocks(group)],
            )
        if self.full or not self.indexed:
            self.units = set(db.execute("SELECT DISTINCT doc_id, type FROM mentions"))
        else:
            self._close_over_agents()
        if self.full:
            self.old_events = {row[0] for row in db.execute("SELECT iri FROM events")}
            self.docs_to_write = {row[0] for row in db.execute("SELECT id FROM documents")}
            self.graphs_to_drop = [str(g.value) for g in self.target.named_graphs()]
            for table in ("events", "links", "entity_refs", "entities"):
                db.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed names
            db.execute("UPDATE mentions SET event = NULL")

    def _close_over_agents(self) -> None:
        """Every (document, type) whose mentions can merge with those of the changed documents,
        through the blocks they share (:func:`merge_blocks`), until nothing new joins."""
        db = self.db
        done: set[str] = set()
        blocks = list(self.seeds)  # what the old versions merged with must merge again without them
        todo = list(self.units)
        while todo or blocks:
            if todo:
                doc_id, etype = todo.pop()
                blocks = [row[0] for row in db.execute("SELECT block FROM blocks WHERE doc_id = ? AND type = ?", (doc_id, etype))] + blocks
            while blocks:
                block = blocks.pop()
                if block in done:
                    continue
                done.add(block)
                etype = block.split("|", 1)[0]
                for (other,) in db.execute("SELECT DISTINCT doc_id FROM blocks WHERE block = ?", (block,)):
                    if (other, etype) not in self.units:
                        self.units.add((other, etype))
                        todo.append((other, etype))

    # the merge and what it rewrites

    def run(self) -> tuple[int, int]:
        db = self.db
        types_of: dict[str, set[str]] = {}
        for doc_id, etype in self.units:
            types_of.setdefault(doc_id, set()).add(etype)
        mentions: list[Event] = []
        old_of: dict[str, str | None] = dict(self.gone)
        for doc_id, wanted in types_of.items():
            row = db.execute("SELECT mentions FROM documents WHERE id = ?", (doc_id,)).fetchone()
            if row is None:
                continue
            mentions.extend(m for m in decode_mentions(row[0]) if m.type in wanted)
            for key, etype, event in db.execute("SELECT key, type, event FROM mentions WHERE doc_id = ?", (doc_id,)):
                if etype in wanted:
                    old_of[key] = event
                    if event:
                        self.old_events.add(event)
        mentions.sort(key=lambda m: (m.doc_id, m.trigger.start, m.type, m.sentence.start, m.trigger.end))
        try:
            merged = sorted(self.merge(mentions), key=lambda e: e.id)
        except ValueError as error:
            raise StoreError(f"merge: {error}") from None
        new_of = rdf.mention_index(merged)
        moved = [key for key, event in new_of.items() if old_of.get(key) != event]
        db.executemany("UPDATE mentions SET event = ? WHERE key = ?", [(new_of[k], k) for k in moved])
        doc_of = {m.key: m.doc_id for m in mentions}
        self.docs_to_write.update(doc_of[key] for key in moved)
        moved += [key for key in self.gone if key not in new_of]
        entity_iris = self._events(merged)
        self._relink(moved)
        self._entities(entity_iris)
        self._documents()
        return len(self.docs_to_write) + (1 if self.additions or self.removals else 0), len(mentions)

    def _subject_quads(self, subjects: Iterable[str]) -> None:
        for subject in subjects:
            self.removals.extend(self.target.quads_for_pattern(ox.NamedNode(subject), None, None, self.events_graph))

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
            try:
                triples, entities = rdf.event_triples(item, {})
            except ValueError as error:
                raise StoreError(f"{item.mentions[0].doc_id if item.mentions else item.id}: {error}") from None
            own = [t for t in triples if t[1] not in link_predicates]
            subjects = sorted({s[1:-1] for s, _, _ in own})
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
            for entity in dict.fromkeys(entities):
                iri = rdf.entity_ref(entity)
                db.execute("INSERT INTO entity_refs VALUES (?, ?, ?)", (iri, json.dumps(_encode(entity), sort_keys=True), node))
                touched_entities.add(iri)
        for iri in self.old_events - new_iris:
            row = db.execute("SELECT subjects FROM events WHERE iri = ?", (iri,)).fetchone()
            if row is not None:
                self._subject_quads(json.loads(row[0]))
            db.execute("DELETE FROM events WHERE iri = ?", (iri,))
            touched_entities |= self._drop_refs(iri)
        if self.full or not self.store.state.get("run"):
            self.additions.append(rdf.nquads(rdf.run_triples(), graph))
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
                if old:
                    self.removals.append(ox.Quad(ox.NamedNode(event), ox.NamedNode(_LINKS[predicate][1:-1]), ox.NamedNode(old), self.events_graph))
                if new:
                    self.additions.append(rdf.nquads([(f"<{event}>", _LINKS[predicate], f"<{new}>")], graph))
                db.execute("UPDATE links SET target = ? WHERE event = ? AND predicate = ? AND key = ?", (new, event, predicate, key))

    def _entities(self, iris: set[str]) -> None:
        db = self.db
        build = _decoder(Entity)
        for iri in sorted(iris):
            variants = sorted({row[0] for row in db.execute("SELECT variant FROM entity_refs WHERE iri = ?", (iri,))})
            fingerprint = _sha1(repr(variants)) if variants else None
            row = db.execute("SELECT fingerprint FROM entities WHERE iri = ?", (iri,)).fetchone()
            if row is not None and row[0] == fingerprint:
                continue
            if row is not None:
                self._subject_quads([iri])
            if fingerprint is None:
                db.execute("DELETE FROM entities WHERE iri = ?", (iri,))
                continue
            triples = [t for v in variants for t in rdf.entity_triples(build(json.loads(v)))]
            self.additions.append(rdf.nquads(list(dict.fromkeys(triples)), rdf.EVENTS_GRAPH_REF))
            db.execute("INSERT OR REPLACE INTO entities VALUES (?, ?)", (iri, fingerprint))

    def _documents(self) -> None:
        db = self.db
        for doc_id in sorted(self.docs_to_write):
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

    def apply(self) -> None:
        target = self.target
        for name in dict.fromkeys(self.graphs_to_drop):
            target.remove_graph(ox.NamedNode(name))
        for quad in self.removals:
            target.remove(quad)
        text = "".join(self.additions)
        if text:
            try:
                if len(text) > 20_000_000:
                    target.bulk_load(input=text, format=ox.RdfFormat.N_QUADS)
                else:
                    target.load(input=text, format=ox.RdfFormat.N_QUADS)
            except SyntaxError as error:
                raise StoreError(f"{self.store.path}: cannot store the graph: {error}") from None
        target.flush()


# For the command line ------------------------------------------------------------------------


def _roots(paths: Sequence[str | os.PathLike[str]]) -> list[tuple[Path, Path]]:
    """(resolved root, named path) for each path: a folder is its own root, a file's is its folder."""
    out = []
    for named in paths:
        path = Path(named)
        try:
            resolved = path.resolve()
        except (OSError, RuntimeError):
            resolved = path.absolute()
        out.append((resolved if path.is_dir() else resolved.parent, path))
    return out


def _where(planned: Any, roots: list[tuple[Path, Path]]) -> tuple[str, str]:
    """(root, source): the document's path under the ingest root it was found under."""
    path = Path(planned.path)
    for root, named in roots:
        try:
            if named.is_dir():
                return str(root), path.relative_to(named).as_posix()
        except ValueError:
            continue
        if path == named:
            return str(root), path.name
    return str(path.absolute().parent), path.name


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
            if stored is not None and info is not None and stored[2] == info.st_size and stored[3] == info.st_mtime_ns:
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
            named_roots = {str(root) for root, _ in roots}
            removed = [doc_id for (root, source), (doc_id, *_rest) in known.items() if root in named_roots and (root, source) not in seen]
        if stage:
            stage("merging and writing the store", 1, 1)
        report = apply_changes(store, changes, removed, skipped=skipped, started=started)
    return report, errors


__all__ = ["Change", "IngestReport", "apply_changes", "ingest", "ingest_paths", "remove_documents"]
