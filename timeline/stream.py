"""The data path at scale: documents → records (in workers) → one merge → an RDF stream.

Each document is read, extracted and serialised where it is processed (the calling process,
worker processes, or a Dask cluster) into a :class:`DocRecord`: its own triples as N-Quads
text, the annotation of each mention as a template waiting for its event's IRI, and a
*compact* copy of each mention for the merge (no document text, no quote). The parent only
spools the text to a temporary file, keeps the compact mentions, merges them once over all
documents, and streams the output: the events, then each document's spooled triples with its
annotations filled in. Memory holds the compact mentions, never texts or graphs, and the
result is the same graph whatever the number of workers, and wherever they run.

>>> from timeline.stream import compact
"""

from __future__ import annotations

import copy
import marshal
import pickle
import os
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import IO, Any

from . import rdf
from .errors import DocumentError
from .model import Document, Event, MergedEvent, Participant, Span

Progress = Callable[[int, int, str], None]
"""Called after each document with the count done so far, the total, and the document's path."""


@dataclass(frozen=True)
class Dating:
    """The publication date the user gave: for every document (``override``) or only for
    documents that state none (``fallback``)."""

    override: date | None = None
    fallback: date | None = None


@dataclass(frozen=True)
class DocRecord:
    """What one document leaves once it is extracted (small enough to send between processes).

    ``lines``: the document's node as text in the run's syntax (see :data:`timeline.rdf.SYNTAXES`;
    N-Quads and TriG put it in the document's own graph);
    ``annotations``: per mention ``(key, sentence start, end, template lines)`` (see
    :func:`timeline.rdf.annotation_template`); ``packed``: the compact mentions, pickled per
    event type (the merging process keeps them as bytes until it merges that type).
    """

    id: str
    shown: str
    sha256: str = ""
    published: date | None = None
    lines: str = ""
    annotations: tuple[tuple[str, int, int, str], ...] = ()
    packed: tuple[tuple[str, int, bytes], ...] = ()  # (event type, count, pickled compact mentions)
    error: DocumentError | None = None
    warnings: tuple[str, ...] = ()  # what the reader skipped but read on

    @property
    def mentions(self) -> tuple[Event, ...]:
        """The compact mentions, unpacked."""
        return tuple(m for _, _, blob in self.packed for m in pickle.loads(blob))


def pack(mentions: Iterable[Event]) -> tuple[tuple[str, int, bytes], ...]:
    """Compact mentions grouped by event type, each group pickled (for records, within one run)."""
    groups: dict[str, list[Event]] = {}
    for mention in mentions:
        groups.setdefault(mention.type, []).append(mention)
    return tuple((etype, len(group), pickle.dumps(group, protocol=pickle.HIGHEST_PROTOCOL)) for etype, group in sorted(groups.items()))


_PARTICIPANTS: dict[tuple[Any, str], Participant] = {}


def _participant(entity: Any, role: str) -> Participant:
    """One shared Participant per (entity, role) in a process (the same actors recur in every document)."""
    found = _PARTICIPANTS.get((entity, role))
    if found is None:
        if len(_PARTICIPANTS) > 100_000:
            _PARTICIPANTS.clear()
        found = _PARTICIPANTS[(entity, role)] = Participant(entity, role)
    return found


def _shared(mention: Event, pool: dict[Any, Any]) -> Event:
    """The mention with its actors, places and participant tuples shared with every other mention
    that names them (records arrive as copies; the same actors recur in thousands)."""
    set_field = object.__setattr__
    participants = mention.participants
    if participants:
        shared = pool.get(participants)
        if shared is None:
            shared = pool[participants] = tuple(pool.setdefault(p, p) for p in participants)
        set_field(mention, "participants", shared)
    if mention.attributed_to is not None:
        set_field(mention, "attributed_to", pool.setdefault(mention.attributed_to, mention.attributed_to))
    return mention


def compact(event: Event) -> Event:
    """The mention as the merge and the event's own triples need it: the quote and the spans'
    text cut (the annotation already holds them). A title line (a sentence at offset 0) keeps its
    text, which tells the merge it is a headline."""
    sentence, trigger = event.sentence, event.trigger
    out = copy.copy(event)  # a frozen dataclass: fields set as its own __init__ would (replace() is 5× slower)
    set_field = object.__setattr__
    set_field(out, "sentence", Span(sentence.start, sentence.end, sentence.text if sentence.start == 0 else ""))
    set_field(out, "trigger", Span(trigger.start, trigger.end, ""))
    if any(p.mention is not None for p in event.participants):
        set_field(out, "participants", tuple(_participant(p.entity, p.role) for p in event.participants))
    if any(q.mention is not None for q in event.quantities):
        set_field(out, "quantities", tuple(replace(q, mention=None) for q in event.quantities))
    return out


def document_record(doc: Document, events: Sequence[Event], *, syntax: str = "nt") -> DocRecord:
    """Serialise one extracted document in ``syntax``: its node, its annotation templates, its
    compact mentions."""
    graph = rdf.document_graph_ref(doc.id)
    annotations = tuple(
        (m.key, m.sentence.start, m.sentence.end, rdf.render(rdf.annotation_template(doc, m), graph, syntax)) for m in events
    )
    return DocRecord(
        id=doc.id,
        shown=doc.path,
        sha256=doc.sha256,
        published=doc.published,
        lines=rdf.render(rdf.document_triples(doc), graph, syntax),
        annotations=annotations,
        packed=pack(compact(m) for m in events),
        warnings=tuple(getattr(doc, "warnings", ())),
    )


# Workers --------------------------------------------------------------------------------------


def _extract_document(doc: Document) -> list[Event]:
    from .pipeline import extract_document

    return extract_document(doc)


def process(planned: Any, dating: Dating, syntax: str) -> DocRecord:
    """Worker: read one planned file, extract its events and serialise them (never raises for
    a bad document: the record carries the error)."""
    from .documents import read_planned

    doc = read_planned(planned, published=dating.override)
    if isinstance(doc, DocumentError):
        return DocRecord(id=planned.id, shown=planned.shown, error=doc)
    if doc.published is None and dating.fallback is not None:
        doc = replace(doc, published=dating.fallback, published_source="cli", published_confidence="high")
    return document_record(doc, _extract_document(doc), syntax=syntax)


_WARM_TEXT = "North Korea repatriated 60 defectors to China on 2 March 2020, the UN said."
_warm = False


def warm_up() -> None:
    """Make this process ready to extract: the extractor's modules imported, the language
    layer's model loaded (≈ 1 s and ≈ 100 MB, most of it importing spaCy) and the extractor run
    once on a short text, with every pattern of the time grammar and the gazetteer compiled
    (they compile on first use otherwise), so that the first document costs what the others do. Idempotent: a process forked from a warm one is warm."""
    global _warm
    if _warm:
        return
    import hashlib

    from . import temporal
    from .extract.entities import load_gazetteer
    from .pipeline import extract_document

    temporal.prepare()  # compiled once here, not in each worker (they compile on first use)
    load_gazetteer().prepare()
    text = _WARM_TEXT
    extract_document(Document(id="warm-up", path="warm-up.txt", text=text, sha256=hashlib.sha256(text.encode()).hexdigest()))
    _warm = True


Mapper = Callable[[Sequence[Any], Dating, str], Iterator[DocRecord]]
"""Maps :func:`process` over planned documents and yields the records in plan order."""


def local_map(plan: Sequence[Any], dating: Dating, syntax: str) -> Iterator[DocRecord]:
    """In this process, one document after the other."""
    for planned in plan:
        yield process(planned, dating, syntax)


def pool_map(jobs: int) -> Mapper:
    """In ``jobs`` worker processes, a bounded number of documents in flight.

    Where workers are forked (Linux), this process warms up once first (:func:`warm_up`) and
    the workers start warm, sharing the model's memory: loading it in every worker cost each
    ≈ 1.5 s of CPU that the cores, when other work runs beside, could not spare. Elsewhere each
    worker warms up on its own."""

    def run(plan: Sequence[Any], dating: Dating, syntax: str) -> Iterator[DocRecord]:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        context = multiprocessing.get_context()
        if context.get_start_method() == "fork":
            warm_up()
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=warm_up) as pool:
            yield from _windowed(lambda p: pool.submit(process, p, dating, syntax), plan, jobs * 8, lambda f: f.result())

    return run


def dask_map(client: Any, window: int | None = None) -> Mapper:
    """On a Dask cluster (a ``distributed.Client``): documents are processed where the workers
    run (they must see the files), a bounded number in flight, records gathered in plan order."""

    def run(plan: Sequence[Any], dating: Dating, syntax: str) -> Iterator[DocRecord]:
        workers = max(1, sum(client.nthreads().values()))
        size = window or workers * 8
        submit = lambda p: client.submit(process, p, dating, syntax, pure=False)  # noqa: E731
        yield from _windowed(submit, plan, size, lambda f: f.result())

    return run


def _windowed(submit: Callable[[Any], Any], plan: Sequence[Any], window: int, result: Callable[[Any], DocRecord]) -> Iterator[DocRecord]:
    pending: deque = deque()
    for planned in plan:
        pending.append(submit(planned))
        if len(pending) >= window:
            yield result(pending.popleft())
    while pending:
        yield result(pending.popleft())


def mapper_for(jobs: int = 1, client: Any = None) -> Mapper:
    """The mapper for a run: a Dask ``client``, else ``jobs`` processes, else this process."""
    if client is not None:
        return dask_map(client)
    if jobs > 1:
        return pool_map(jobs)
    return local_map


# The run ----------------------------------------------------------------------------------------


@dataclass
class Run:
    """One pass over a corpus: each document's text spooled to a temporary file as it arrives,
    its compact mentions spooled by event type; nothing else kept per document.

    :meth:`merge` merges the mentions one event type at a time (mentions of different types never
    merge: :func:`timeline.extract.merge_events` blocks by type), so memory holds the mentions of
    one type, never the corpus; the events' text is spooled too. Use as a context manager (the
    spools are removed on exit); :meth:`write` streams the graph.
    """

    syntax: str = "nt"
    documents: int = 0
    undated_documents: int = 0
    mention_count: int = 0
    errors: list[DocumentError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    by_type: dict[str, int] = field(default_factory=dict)  # merged events per type, after merge()
    earliest: date | None = None
    latest: date | None = None
    undated_events: int = 0
    inferred_events: int = 0  # undated ones whose time is inferred from the publication date
    _spool: Any = field(default=None, repr=False)
    _mentions: dict[str, Any] = field(default_factory=dict, repr=False)  # event type → spool of packed groups
    _events: Any = field(default=None, repr=False)  # spool of the events' text, once merged
    _event_of: dict[str, str] = field(default_factory=dict, repr=False)
    _links: list[tuple[str, str, str]] = field(default_factory=list, repr=False)

    def __enter__(self) -> Run:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        for spool in [self._spool, self._events, *self._mentions.values()]:
            if spool is not None:
                spool.close()
        self._spool, self._events, self._mentions = None, None, {}

    def add(self, record: DocRecord) -> None:
        """Take one document's record: its text and its packed mentions to the spools."""
        if record.error is not None:
            self.errors.append(record.error)
            return
        if self._spool is None:
            self._spool = tempfile.TemporaryFile(prefix="timeline-spool-")
        marshal.dump((record.id, record.lines, record.annotations), self._spool)
        self.documents += 1
        self.undated_documents += record.published is None
        self.warnings.extend(record.warnings)
        for etype, count, blob in record.packed:
            spool = self._mentions.get(etype)
            if spool is None:
                spool = self._mentions[etype] = tempfile.TemporaryFile(prefix="timeline-mentions-")
            marshal.dump(blob, spool)
            self.mention_count += count
        self._events = None

    def _of_type(self, etype: str) -> list[Event]:
        spool = self._mentions[etype]
        spool.flush()
        spool.seek(0)
        pool: dict[Any, Any] = {}
        out: list[Event] = []
        while True:
            try:
                blob = marshal.load(spool)
            except EOFError:
                break
            out.extend(_shared(m, pool) for m in pickle.loads(blob))
        spool.seek(0, os.SEEK_END)
        return out

    @property
    def events(self) -> int:
        """Merged events (after :meth:`merge`)."""
        return sum(self.by_type.values())

    def merge(self, merge: Callable[[list[Event]], Sequence[MergedEvent]] | None = None) -> None:
        """Merge the mentions of every document (the same step whatever ran the extraction), one
        event type at a time, and spool the events' text; counts land in ``by_type`` and friends."""
        if self._events is not None:
            return
        if merge is None:
            from .extract import merge_events as merge
        self._events = tempfile.TemporaryFile(prefix="timeline-events-")
        self._event_of, self._links, self.by_type = {}, [], {}
        self.earliest = self.latest = None
        self.undated_events = self.inferred_events = 0
        entities = rdf.EntityTriples()
        graph = rdf.EVENTS_GRAPH_REF
        marshal.dump(rdf.render(rdf.run_triples(), graph, self.syntax), self._events)
        for etype in sorted(self._mentions):
            merged = sorted(merge(self._of_type(etype)), key=lambda e: e.id)
            for item in merged:
                node = rdf.event_ref(item.id)
                for mention in item.mentions:
                    self._event_of[mention.key] = node
                    if mention.claimed_in is not None:
                        self._links.append((node, "claimedIn", mention.claimed_in))
                    self._links.extend((node, "denies", key) for key in mention.denies)
                triples, named = rdf.event_triples(item, {})  # links to other events come last
                marshal.dump(rdf.render(triples, graph, self.syntax) + rdf.render(entities(named), graph, self.syntax), self._events)
                self.by_type[item.type] = self.by_type.get(item.type, 0) + 1
                when = item.when
                if when is not None and when.resolved:
                    self.earliest = when.earliest if self.earliest is None else min(self.earliest, when.earliest)
                    self.latest = when.latest if self.latest is None else max(self.latest, when.latest)
                else:
                    self.undated_events += 1
                    self.inferred_events += item.inferred is not None

    def _records(self, spool: Any) -> Iterator[Any]:
        if spool is None:
            return
        spool.flush()
        spool.seek(0)
        while True:
            try:
                yield marshal.load(spool)
            except EOFError:
                return

    def chunks(self) -> Iterator[str]:
        """The graph as text in the run's syntax: the run and the events, the links between events,
        then each document with its annotations (two mentions of one event in one sentence are one
        annotation: written once)."""
        self.merge()
        event_of = self._event_of
        yield from self._records(self._events)
        links = []
        for node, predicate, key in dict.fromkeys(self._links):
            target = event_of.get(key)
            if target is not None and target != node:
                links.append((f"<{node}>", rdf.LINKS[predicate], f"<{target}>"))
        yield rdf.render(list(dict.fromkeys(links)), rdf.EVENTS_GRAPH_REF, self.syntax)
        lines = self.syntax in ("nt", "nq")
        for doc_id, text, templates in self._records(self._spool):
            parts = [text]
            for key, start, end, template in templates:
                event = event_of.get(key)
                if event is not None:
                    parts.append(rdf.fill_annotation(template, doc_id, event, start, end))
            if len(parts) <= 2:
                yield "".join(parts)
            elif lines:
                yield "".join(dict.fromkeys(rdf.lines_of("".join(parts))))
            else:
                yield "".join(dict.fromkeys(parts))

    def write(self, output: IO[bytes], fmt: str = "turtle") -> None:
        """Stream the graph to ``output`` (a binary file) in ``fmt`` (see :mod:`timeline.graphio`):
        N-Triples, N-Quads, Turtle and TriG as they are written, other formats through pyoxigraph."""
        from .graphio import convert_nquads, rdf_format

        target = rdf_format(fmt)
        if syntax_for(fmt) != self.syntax:
            raise ValueError(f"this run wrote {self.syntax}, not {fmt}")
        from .graphio import native_syntax

        if native_syntax(fmt) == self.syntax:
            if self.syntax in ("turtle", "trig"):
                output.write(rdf.turtle_header().encode("utf-8"))
            for chunk in self.chunks():
                output.write(chunk.encode("utf-8"))
            return
        with tempfile.NamedTemporaryFile(prefix="timeline-nq-", suffix=".nq") as raw:
            for chunk in self.chunks():
                raw.write(chunk.encode("utf-8"))
            raw.flush()
            convert_nquads(raw.name, target, output)


def syntax_for(fmt: str) -> str:
    """The syntax records are written in for an output format (:data:`timeline.rdf.SYNTAXES`)."""
    from .graphio import syntax_for as of_format

    return of_format(fmt)


def run_plan(
    plan: Sequence[Any],
    *,
    dating: Dating = Dating(),
    syntax: str = "nt",
    mapper: Mapper = local_map,
    progress: Progress | None = None,
) -> Run:
    """Process every planned document with ``mapper`` and collect the records into a :class:`Run`."""
    run = Run(syntax=syntax)
    try:
        for done, record in enumerate(mapper(plan, dating, syntax), start=1):
            run.add(record)
            if progress:
                progress(done, len(plan), record.shown)
    except BaseException:
        run.close()
        raise
    return run


def write_output(run: Run, output: str | os.PathLike[str] | IO[bytes], fmt: str) -> None:
    """Write a run's graph to a path (atomically: whole or not at all) or a binary stream."""
    if not isinstance(output, (str, os.PathLike)):
        run.write(output, fmt)
        return
    from .fileio import atomic_output

    with atomic_output(output) as handle:
        run.write(handle, fmt)


