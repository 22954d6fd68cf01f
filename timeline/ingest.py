"""Ingest: add documents to a store, replace changed ones, drop removed ones.

See :func:`ingest`. The store's layout is :class:`timeline.store.Store`'s.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import time
import types
import typing
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Union

import pyoxigraph as ox

from . import rdf
from .errors import StoreError, TimelineError
from .model import Document, Event, MergedEvent
from .store import Store, _sha1, open_store

# Dataclasses <-> JSON (the mentions cache) -----------------------------------------------


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (tuple, list)):
        return [_encode(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


@lru_cache(maxsize=None)
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _decode(tp: Any, data: Any) -> Any:
    if data is None:
        return None
    origin = typing.get_origin(tp)
    if origin is Union or origin is types.UnionType:
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        return _decode(options[0], data)
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], item) for item in data)
        return tuple(_decode(a, item) for a, item in zip(args, data))
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        return tp(**{name: _decode(hints[name], item) for name, item in data.items() if name in hints})
    if tp is date:
        return date.fromisoformat(data)
    if tp is float:
        return float(data)
    return data


# Ingest ----------------------------------------------------------------------------------

ExtractFn = Callable[[Document], Sequence[Event]]
MergeFn = Callable[[list[Event]], Sequence[MergedEvent]]


@dataclass(frozen=True)
class IngestReport:
    """What an ingest did: documents added, changed and skipped (unchanged), the merged events
    now in the store, how many graphs it rewrote, and how long it took."""

    added: tuple[str, ...]
    changed: tuple[str, ...]
    skipped: tuple[str, ...]
    documents: int  # in the store after the ingest
    mentions: int
    events: int
    graphs_rewritten: int
    triples: int
    seconds: float

    def text(self) -> str:
        return (
            f"{len(self.added)} added, {len(self.changed)} changed, {len(self.skipped)} unchanged (skipped); "
            f"store: {self.documents} documents, {self.events} events from {self.mentions} mentions, "
            f"{self.triples} triples; {self.graphs_rewritten} graphs rewritten in {self.seconds:.1f} s"
        )


def _default_merge() -> MergeFn:
    try:
        from .extract import merge_events
    except ImportError:  # the extractor has not landed: every mention is its own event
        return _merge_singletons
    return typing.cast(MergeFn, merge_events)


def _merge_singletons(mentions: list[Event]) -> list[MergedEvent]:
    return [MergedEvent(id=m.key, type=m.type, label=m.label, mentions=(m,), when=m.when, participants=m.participants) for m in mentions]


def _mention_order(event: Event) -> tuple[Any, ...]:
    return (event.doc_id, event.trigger.start, event.type, event.sentence.start, event.trigger.end)


def _source_of(doc: Document) -> str:
    """Where a document was read from, independent of the working folder (its resolved path)."""
    path = Path(doc.path)
    try:
        return str(path.resolve()) if path.exists() else doc.path
    except (OSError, RuntimeError):
        return doc.path


def _own_id(doc: Document, known: dict[str, Any], by_source: dict[str, str]) -> Document:
    """``doc`` with the id the store knows its source by, or else an id no other file holds.

    Ids come from file names (and, within one run, from the other files named), so
    ``a/report.txt`` and later ``b/report.txt`` would share one and the second would replace
    the first. A file already in the store keeps the id it was stored under; a new file whose
    id is taken by a different source gets the id with a short hash of its resolved path.
    """
    source = _source_of(doc)
    stored = by_source.get(source)
    if stored is not None:
        return doc if stored == doc.id else replace(doc, id=stored)
    entry = known.get(doc.id)
    if entry is None or entry.get("source") in (None, source):
        return doc
    return replace(doc, id=f"{doc.id}-{_sha1(source)[:8]}")


def ingest(
    store: Store,
    documents: Iterable[Document],
    extract_fn: ExtractFn,
    *,
    merge_fn: MergeFn | None = None,
    progress: Callable[[int, str], None] | None = None,
) -> IngestReport:
    """Add ``documents`` to ``store``: extract the new and changed ones, then bring the graphs
    up to date.

    A document whose ``sha256`` the store already holds is skipped without extraction; a
    changed one replaces its mentions. Then the mentions of all documents are merged again
    (``merge_fn``, default :func:`timeline.extract.merge_events`) and only what changed is
    rewritten: each document's graph (its node and annotations) when its text or the events
    its mentions belong to changed, and each merged event, actor and place in
    ``id:graph/events`` whose content changed. The result equals ingesting all documents at
    once, in any order.
    """
    started = time.perf_counter()
    merge = merge_fn or _default_merge()
    target = store._writing()
    index = store.index
    added: list[str] = []
    changed: list[str] = []
    skipped: list[str] = []
    seen: set[str] = set()
    by_source = {entry["source"]: doc_id for doc_id, entry in index["documents"].items() if entry.get("source")}
    for count, doc in enumerate(documents, 1):
        doc = _own_id(doc, index["documents"], by_source)
        if doc.id in seen:
            raise StoreError(f"{doc.path}: two documents have the id {doc.id!r}")
        seen.add(doc.id)
        entry = index["documents"].get(doc.id)
        if entry is not None and entry["sha256"] == doc.sha256:
            skipped.append(doc.id)
        else:
            events = list(extract_fn(doc))
            stray = [e for e in events if e.doc_id != doc.id]
            if stray:
                raise StoreError(f"{doc.path}: extraction returned a mention of document {stray[0].doc_id!r}")
            name = store._write_mentions(doc, events)
            (changed if entry is not None else added).append(doc.id)
            index["documents"][doc.id] = {"sha256": doc.sha256, "cache": name, "graph": "", "source": _source_of(doc)}
            if entry is not None and entry.get("cache") and entry["cache"] != name:
                store._cache_path(entry["cache"]).unlink(missing_ok=True)
        if progress:
            progress(count, doc.path)
    mentions, events, rewritten = 0, 0, 0
    if added or changed or index.get("dirty"):
        mentions, events, rewritten = _refresh(store, target, merge)
    else:
        mentions, events = index.get("mentions", 0), len(index["events"])
    triples = index.get("triples", 0)
    if rewritten:
        answer = target.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        triples = int(next(iter(answer))["n"].value)
        index["triples"] = triples
    store._save_index()
    return IngestReport(
        added=tuple(added),
        changed=tuple(changed),
        skipped=tuple(skipped),
        documents=len(index["documents"]),
        mentions=mentions,
        events=events,
        graphs_rewritten=rewritten,
        triples=triples,
        seconds=time.perf_counter() - started,
    )


def remove_documents(store: Store, doc_ids: Iterable[str], *, merge_fn: MergeFn | None = None) -> int:
    """Remove documents (their graphs and mentions) and re-merge the rest; the count removed."""
    target = store._writing()
    index = store.index
    removed = 0
    for doc_id in doc_ids:
        entry = index["documents"].pop(doc_id, None)
        if entry is None:
            continue
        removed += 1
        store._cache_path(entry["cache"]).unlink(missing_ok=True)
        target.remove_graph(ox.NamedNode(str(rdf.document_graph_iri(doc_id))))
    if removed:
        _refresh(store, target, merge_fn or _default_merge())
        store._save_index()
    return removed


def _entity_key(entity: Any) -> str:
    return repr(entity)


def _refresh(store: Store, target: ox.Store, merge: MergeFn) -> tuple[int, int, int]:
    """Re-merge all mentions and rewrite what changed. Returns (mentions, events, graphs rewritten)."""
    index = store.index
    full = bool(index.get("dirty"))
    index["dirty"] = True
    store._save_index()
    docs_index: dict[str, Any] = index["documents"]
    by_doc: dict[str, list[Event]] = {}
    documents: dict[str, Document] = {}
    for doc_id, entry in docs_index.items():
        doc, events = store._read_mentions(entry["cache"])
        documents[doc_id] = doc
        by_doc[doc_id] = events
    mentions = sorted((m for events in by_doc.values() for m in events), key=_mention_order)
    try:
        merged = sorted(merge(mentions), key=lambda e: e.id)
    except TimelineError:
        raise
    event_of: dict[str, URIRef] = {m.key: rdf.event_iri(e.id) for e in merged for m in e.mentions}
    sha = {doc_id: entry["sha256"] for doc_id, entry in docs_index.items()}
    to_ox = _ToOx()
    events_graph = to_ox.named(str(rdf.EVENTS_GRAPH))
    rewritten = 0
    if full:
        for name in list(target.named_graphs()):
            target.remove_graph(name)
        index["events"], index["entities"] = {}, {}
        for entry in docs_index.values():
            entry["graph"] = ""

    # merged events
    old_events: dict[str, list[Any]] = index["events"]
    new_events: dict[str, list[Any]] = {}
    todo: list[tuple[URIRef, MergedEvent, str]] = []
    for item in merged:
        node = rdf.event_iri(item.id)
        denied = sorted(str(event_of.get(d)) for m in item.mentions for d in m.denies)
        fingerprint = _sha1(repr((item.id, item.type, item.label, item.when, item.participants,
                                  [(m.key, sha.get(m.doc_id)) for m in item.mentions], denied)))
        if str(node) in new_events:
            raise StoreError(f"two merged events have the IRI {node} (ids {item.id!r}); merge ids must be unique")
        old = old_events.get(str(node))
        if old is not None and old[0] == fingerprint:
            new_events[str(node)] = old
        else:
            todo.append((node, item, fingerprint))
            new_events[str(node)] = [fingerprint, []]
    stale = [iri for iri, old in old_events.items() if new_events.get(iri) is not old]
    removals: list[ox.Quad] = []
    for iri in stale:
        for subject in old_events[iri][1]:
            removals.extend(target.quads_for_pattern(to_ox.named(subject), None, None, events_graph))
    additions: list[ox.Quad] = []
    for node, item, fingerprint in todo:
        sink = _Sink()
        try:
            rdf.add_event(sink.as_graph(), item, event_of)
        except ValueError as error:
            raise StoreError(f"{item.mentions[0].doc_id if item.mentions else item.id}: {error}") from None
        own = str(node)
        subjects = {own}
        for s, p, o in sink.triples:
            text = str(s)
            if text == own or text.startswith(own + "/"):
                subjects.add(text)
                additions.append(to_ox.quad(s, p, o, events_graph))
        new_events[own][1] = sorted(subjects)

    # actors and places (shared by events, so kept apart from any one event)
    entities: dict[str, dict[str, Any]] = {}
    for item in merged:
        found = [p.entity for p in item.participants] + [m.attributed_to for m in item.mentions if m.attributed_to]
        for entity in found:
            entities.setdefault(str(rdf.entity_iri(entity)), {})[_entity_key(entity)] = entity
    old_entities: dict[str, str] = index["entities"]
    new_entities: dict[str, str] = {}
    for iri, variants in entities.items():
        fingerprint = _sha1(repr(sorted(variants)))
        new_entities[iri] = fingerprint
        if old_entities.get(iri) == fingerprint:
            continue
        if iri in old_entities:
            removals.extend(target.quads_for_pattern(to_ox.named(iri), None, None, events_graph))
        sink = _Sink()
        for key in sorted(variants):
            rdf.add_entity(sink.as_graph(), variants[key])
        additions.extend(to_ox.quad(s, p, o, events_graph) for s, p, o in sink.triples)
    for iri in old_entities:
        if iri not in entities:
            removals.extend(target.quads_for_pattern(to_ox.named(iri), None, None, events_graph))
    if not old_events and not old_entities:
        sink = _Sink()
        rdf.add_run(sink.as_graph())
        additions.extend(to_ox.quad(s, p, o, events_graph) for s, p, o in sink.triples)
    if todo or stale or removals:
        rewritten += 1

    # each document's graph: its node and the annotations tying its sentences to events
    doc_additions: list[ox.Quad] = []
    for doc_id, events in by_doc.items():
        links = sorted((m.key, str(event_of.get(m.key))) for m in events)
        fingerprint = _sha1(repr((sha[doc_id], links)))
        entry = docs_index[doc_id]
        if entry.get("graph") == fingerprint:
            continue
        graph_name = to_ox.named(str(rdf.document_graph_iri(doc_id)))
        removals.extend(target.quads_for_pattern(None, None, None, graph_name))
        doc = documents[doc_id]
        sink = _Sink()
        rdf.add_document(sink.as_graph(), doc)
        for mention in events:
            node = event_of.get(mention.key)
            if node is not None:
                rdf.add_annotation(sink.as_graph(), doc, mention, node)
        doc_additions.extend(to_ox.quad(s, p, o, graph_name) for s, p, o in sink.triples)
        entry["graph"] = fingerprint
        rewritten += 1

    datatypes: dict[str, str] = index.setdefault("datatypes", {})
    datatypes.update(to_ox.derived)
    for quad in removals:
        target.remove(quad)
    added = additions + doc_additions
    if len(added) > 50_000:  # big loads: RocksDB's bulk path is several times faster (the index is marked dirty meanwhile)
        target.bulk_extend(added)
    else:
        target.extend(added)
    target.flush()
    index["events"] = new_events
    index["entities"] = new_entities
    index["mentions"] = len(mentions)
    index["dirty"] = False
    store._save_index()
    return len(mentions), len(merged), rewritten


def ingest_paths(
    store_dir: str | os.PathLike[str],
    paths: Sequence[str | os.PathLike[str]],
    *,
    published: date | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> tuple[IngestReport, list[TimelineError]]:
    """Read the documents under ``paths`` and ingest them into the store at ``store_dir`` with
    the real pipeline. Returns the report and the files that could not be read.

    ``progress`` is called after each file with the count done, the total and the file's path
    (the same callback as :func:`timeline.pipeline.extract_paths` takes)."""
    from .documents import plan_documents, read_planned
    from .pipeline import extract_document

    errors: list[TimelineError] = []
    plan = plan_documents(paths)

    def readable() -> Iterator[Document]:
        for done, planned in enumerate(plan, 1):
            item = read_planned(planned, published=published)
            if isinstance(item, TimelineError):
                errors.append(item)
            else:
                yield item
            if progress:
                progress(done, len(plan), planned.shown)

    with open_store(store_dir) as target:
        report = ingest(target, readable(), extract_document)
    return report, errors
