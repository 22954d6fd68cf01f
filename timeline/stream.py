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
import os
import tempfile
from collections import deque
from collections.abc import Callable, Iterator, Sequence
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
    :func:`timeline.rdf.annotation_template`); ``mentions``: the compact mentions.
    """

    id: str
    shown: str
    sha256: str = ""
    published: date | None = None
    lines: str = ""
    annotations: tuple[tuple[str, int, int, str], ...] = ()
    mentions: tuple[Event, ...] = ()
    error: DocumentError | None = None


_PARTICIPANTS: dict[tuple[Any, str], Participant] = {}


def _participant(entity: Any, role: str) -> Participant:
    """One shared Participant per (entity, role) in a process (the same actors recur in every document)."""
    found = _PARTICIPANTS.get((entity, role))
    if found is None:
        if len(_PARTICIPANTS) > 100_000:
            _PARTICIPANTS.clear()
        found = _PARTICIPANTS[(entity, role)] = Participant(entity, role)
    return found


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
        mentions=tuple(compact(m) for m in events),
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


def warm_up() -> None:
    """Worker initialiser: import the extractor (and load what it loads once per process,
    such as a language model, through its own lazy globals) before the first document."""
    from . import extract, pipeline

    del pipeline  # imported for its modules (the extractor, time expressions), not for a name

    hook = getattr(extract, "warm_up", None)
    if callable(hook):
        hook()


Mapper = Callable[[Sequence[Any], Dating, str], Iterator[DocRecord]]
"""Maps :func:`process` over planned documents and yields the records in plan order."""


def local_map(plan: Sequence[Any], dating: Dating, syntax: str) -> Iterator[DocRecord]:
    """In this process, one document after the other."""
    for planned in plan:
        yield process(planned, dating, syntax)


def pool_map(jobs: int) -> Mapper:
    """In ``jobs`` worker processes (each warmed up once), a bounded number of documents in flight."""

    def run(plan: Sequence[Any], dating: Dating, syntax: str) -> Iterator[DocRecord]:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=jobs, initializer=warm_up) as pool:
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
    """One pass over a corpus: records spooled to a temporary file, compact mentions kept.

    Use as a context manager (the spool is removed on exit); :meth:`write` streams the graph.
    """

    syntax: str = "nt"
    documents: int = 0
    undated_documents: int = 0
    errors: list[DocumentError] = field(default_factory=list)
    mentions: list[Event] = field(default_factory=list)
    _spool: Any = field(default=None, repr=False)
    _merged: list[MergedEvent] | None = field(default=None, repr=False)

    def __enter__(self) -> Run:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._spool is not None:
            self._spool.close()
            self._spool = None

    def add(self, record: DocRecord) -> None:
        """Take one document's record: its text to the spool, its compact mentions to memory."""
        if record.error is not None:
            self.errors.append(record.error)
            return
        if self._spool is None:
            self._spool = tempfile.TemporaryFile(prefix="timeline-spool-")
        marshal.dump((record.id, record.lines, record.annotations), self._spool)
        self.documents += 1
        self.undated_documents += record.published is None
        self.mentions.extend(record.mentions)
        self._merged = None

    def merged(self, merge: Callable[[list[Event]], Sequence[MergedEvent]] | None = None) -> list[MergedEvent]:
        """The mentions of every document merged once (the same step whatever ran the extraction)."""
        if self._merged is None:
            if merge is None:
                from .extract import merge_events as merge
            self._merged = sorted(merge(self.mentions), key=lambda e: e.id)
        return self._merged

    def _records(self) -> Iterator[tuple[str, str, tuple[tuple[str, int, int, str], ...]]]:
        if self._spool is None:
            return
        self._spool.flush()
        self._spool.seek(0)
        while True:
            try:
                yield marshal.load(self._spool)
            except EOFError:
                return

    def chunks(self) -> Iterator[str]:
        """The graph as text in the run's syntax: the run and the events, then each document with
        its annotations (two mentions of one event in one sentence are one annotation: written once)."""
        merged = self.merged()
        event_of = rdf.mention_index(merged)
        yield from rdf.events_text(merged, event_of, self.syntax)
        lines = self.syntax in ("nt", "nq")
        for doc_id, text, templates in self._records():
            parts = [text]
            for key, start, end, template in templates:
                event = event_of.get(key)
                if event is not None:
                    parts.append(rdf.fill_annotation(template, doc_id, event, start, end))
            if len(parts) <= 2:
                yield "".join(parts)
            elif lines:
                yield "".join(dict.fromkeys("".join(parts).splitlines(keepends=True)))
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


