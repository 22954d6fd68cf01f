"""The main job, end to end: documents → events → graph → validated Turtle and HTML.

Each stage lives in its own module; this one only wires them:

- :mod:`timeline.documents` reads files (text, Markdown, HTML) and finds publication dates;
- :mod:`timeline.sentences` and :mod:`timeline.temporal` find sentences and time expressions;
- :mod:`timeline.extract` finds events and merges mentions of the same event;
- :mod:`timeline.rdf` writes the graph; :mod:`timeline.validate` checks it;
- :mod:`timeline.render` draws the HTML timeline.
"""

from __future__ import annotations

import os
from collections import Counter, deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import IO, Any

from . import rdf
from .documents import PlannedDocument, plan_documents, read_planned
from .errors import DocumentError, NoDocumentsError
from .extract import extract_events, merge_events
from .model import Document, Event, MergedEvent
from .sentences import split_sentences
from .stream import Dating, Progress, Run, mapper_for, run_plan, syntax_for, write_output

Stage = Callable[[str, int, int], None]
"""Called as each later stage of a build starts: its name, its number (1-based), how many there are."""
BUILD_STAGES = ("merging", "building the graph", "validating", "rendering", "writing")
from .temporal import find_timexes


def extract_document(doc: Document) -> list[Event]:
    """Every event mention in one document (sentences, time expressions, then events)."""
    timexes = find_timexes(doc.text, doc.published)
    sentences = split_sentences(doc.text)
    return extract_events(doc, timexes, sentences)


@dataclass
class Extraction:
    """What a run read: documents, their event mentions, and the files it could not read."""

    documents: list[Document] = field(default_factory=list)
    mentions: list[Event] = field(default_factory=list)
    errors: list[DocumentError] = field(default_factory=list)
    _merged: tuple[int, list[MergedEvent]] | None = field(default=None, repr=False, compare=False)

    @property
    def warnings(self) -> list[str]:
        """What the reader skipped in documents it still read (one line each, naming the file)."""
        return [warning for doc in self.documents for warning in doc.warnings]

    def merged(self) -> list[MergedEvent]:
        """The mentions merged into one event per real event (merged once, then reused)."""
        if self._merged is None or self._merged[0] != len(self.mentions):
            self._merged = (len(self.mentions), merge_events(self.mentions))
        return self._merged[1]


def _read_and_extract(planned: PlannedDocument, dating: Dating) -> tuple[Document | DocumentError, list[Event]]:
    """Worker: read one file and extract its events (runs in a worker process with jobs > 1)."""
    doc = read_planned(planned, published=dating.override)
    if isinstance(doc, DocumentError):
        return doc, []
    if doc.published is None and dating.fallback is not None:
        doc = replace(doc, published=dating.fallback, published_source="cli", published_confidence="high")
    return doc, extract_document(doc)


def extract_paths(
    paths: Sequence[str | os.PathLike[str]],
    *,
    published: date | None = None,
    fallback_published: date | None = None,
    jobs: int = 1,
    progress: Progress | None = None,
    base_uri: str | None = None,
) -> Extraction:
    """Read every document under ``paths`` and extract its events.

    Files are listed first (a path that holds no documents raises NoDocumentsError), then
    read and extracted one at a time — with ``jobs > 1`` in worker processes, a bounded
    number in flight. A file that cannot be read is recorded in ``errors`` and the rest are
    still processed. ``published`` dates every document; ``fallback_published`` only those that
    state no date of their own. ``base_uri`` names the documents in the graph by that URI and
    their path from the folder named.

    This keeps every document and mention in memory, for a library user who wants them; the
    commands stream instead (:func:`extract_to`, :mod:`timeline.stream`).
    """
    dating = Dating(published, fallback_published)
    plan = plan_documents(paths, base_uri=base_uri)
    result = Extraction()
    if jobs <= 1 or len(plan) < 2:
        outcomes: Iterable[tuple[Document | DocumentError, list[Event]]] = (
            _read_and_extract(p, dating) for p in plan
        )
        _collect(outcomes, result, len(plan), plan, progress)
        return result
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        _collect(_bounded_map(pool, plan, dating, window=jobs * 4), result, len(plan), plan, progress)
    return result


def extract_bytes(
    raw: bytes, *, name: str = "<stdin>", published: date | None = None, fallback_published: date | None = None
) -> Extraction:
    """One document given as bytes (standard input, say) read and extracted like a file named
    ``name``; a document that cannot be read is in ``errors``."""
    from .documents import document_from_bytes

    result = Extraction()
    try:
        doc = document_from_bytes(raw, path=name, published=published)
    except DocumentError as error:
        result.errors.append(error)
        return result
    if doc.published is None and fallback_published is not None:
        doc = replace(doc, published=fallback_published, published_source="cli", published_confidence="high")
    result.documents.append(doc)
    result.mentions.extend(extract_document(doc))
    return result


def _bounded_map(pool: Any, plan: list[PlannedDocument], dating: Dating, window: int):
    """Results in plan order, never more than ``window`` documents in flight."""
    pending: deque = deque()
    for planned in plan:
        pending.append(pool.submit(_read_and_extract, planned, dating))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def _collect(outcomes, result: Extraction, total: int, plan: list[PlannedDocument], progress: Progress | None) -> None:
    for done, ((doc, events), planned) in enumerate(zip(outcomes, plan), start=1):
        if isinstance(doc, DocumentError):
            result.errors.append(doc)
        else:
            result.documents.append(doc)
            result.mentions.extend(events)
        if progress:
            progress(done, total, planned.shown)


def to_graph(extraction: Extraction) -> Any:
    """The RDF graph of an extraction: documents, merged events and their evidence."""
    return rdf.build_graph(extraction.documents, extraction.merged())


def to_dataset(extraction: Extraction) -> Any:
    """The same content split into one named graph per document plus the events graph."""
    return rdf.build_dataset(extraction.documents, extraction.merged())


# Summary -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Summary:
    """What a build found: documents read and skipped, events by type, date range, undated."""

    documents: int
    skipped: int
    events: int
    by_type: tuple[tuple[str, int], ...]
    earliest: date | None
    latest: date | None
    undated: int
    documents_without_date: int
    inferred: int = 0  # of the undated, those with a time inferred from the publication date

    def text(self) -> str:
        lines = [
            f"documents read: {self.documents}" + (f" ({self.skipped} skipped with errors)" if self.skipped else ""),
            f"  without a publication date: {self.documents_without_date}",
            f"events: {self.events}",
        ]
        lines += [f"  {name:<22} {count:>5}" for name, count in self.by_type]
        if self.earliest and self.latest:
            lines.append(f"date range: {self.earliest.isoformat()} … {self.latest.isoformat()}")
        else:
            lines.append("date range: none (no dated events)")
        lines.append(f"undated events: {self.undated}" + (
            f" ({self.inferred} with a time inferred from the publication date)" if self.inferred else ""))
        return "\n".join(lines)


def summarise(extraction: Extraction | Run, merged: Sequence[MergedEvent] = ()) -> Summary:
    """Counts for the end of a build (of an in-memory extraction or a streamed run)."""
    if isinstance(extraction, Run):
        extraction.merge()
        return Summary(
            documents=extraction.documents,
            skipped=len(extraction.errors),
            events=extraction.events,
            by_type=tuple(sorted(extraction.by_type.items(), key=lambda kv: (-kv[1], kv[0]))),
            earliest=extraction.earliest,
            latest=extraction.latest,
            undated=extraction.undated_events,
            documents_without_date=extraction.undated_documents,
            inferred=extraction.inferred_events,
        )
    types = Counter(event.type for event in merged)
    dated = [e.when for e in merged if e.when is not None and e.when.resolved]
    return Summary(
        documents=len(extraction.documents),
        skipped=len(extraction.errors),
        events=len(merged),
        by_type=tuple(sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))),
        earliest=min((w.earliest for w in dated if w.earliest), default=None),
        latest=max((w.latest for w in dated if w.latest), default=None),
        undated=len(merged) - len(dated),
        documents_without_date=sum(1 for d in extraction.documents if d.published is None),
        inferred=sum(1 for e in merged if (e.when is None or not e.when.resolved) and e.inferred is not None),
    )


# Extract and build, streamed --------------------------------------------------------------


@dataclass(frozen=True)
class ExtractReport:
    """What :func:`extract_to` did: documents read, merged events written, files skipped.
    Nothing is written when no document could be read (``documents == 0``)."""

    documents: int
    events: int
    errors: tuple[DocumentError, ...]
    warnings: tuple[str, ...] = ()


def extract_to(
    paths: Sequence[str | os.PathLike[str]],
    output: str | os.PathLike[str] | IO[bytes],
    fmt: str = "turtle",
    *,
    published: date | None = None,
    fallback_published: date | None = None,
    jobs: int = 1,
    client: Any = None,
    progress: Progress | None = None,
    base_uri: str | None = None,
    stage: Stage | None = None,
) -> ExtractReport:
    """Extract every document under ``paths`` and stream the graph to ``output`` in ``fmt``.

    ``output`` is a path (written atomically: whole or not at all) or a binary stream.
    Documents are processed in ``jobs`` worker processes or, given a Dask ``client``, on its
    cluster; either way the merge runs once over every document's mentions, so the graph is
    the same as a single-process run. Memory holds compact mentions, not texts or graphs.
    ``base_uri`` names the documents by that URI and their path from the folder named;
    ``stage`` is told when the merge and the writing start.
    """
    syntax = syntax_for(fmt)  # an unknown format fails before any work
    plan = plan_documents(paths, base_uri=base_uri)
    dating = Dating(published, fallback_published)
    with run_plan(plan, dating=dating, syntax=syntax, mapper=mapper_for(jobs, client), progress=progress) as run:
        if not run.documents:
            return ExtractReport(0, 0, tuple(run.errors), tuple(run.warnings))
        if stage:
            stage("building the graph", 1, 2)  # the merge and the events
        run.merge()
        if stage:
            stage("writing", 2, 2)
        write_output(run, output, fmt)
        return ExtractReport(run.documents, run.events, tuple(run.errors), tuple(run.warnings))


def extract_with_client(client: Any, paths: Sequence[str | os.PathLike[str]], output: Any, fmt: str = "turtle", **options: Any) -> ExtractReport:
    """:func:`extract_to` on a Dask cluster: ``client`` is a ``distributed.Client``."""
    return extract_to(paths, output, fmt, client=client, **options)


# Build -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BuildResult:
    """Where a build wrote its files, what it found, and whether the graph validated."""

    graph_path: Path
    html_path: Path
    summary: Summary
    errors: tuple[DocumentError, ...]
    validation: object  # timeline.validate.ValidationReport
    warnings: tuple[str, ...] = ()


def build(
    source: str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    *,
    published: date | None = None,
    jobs: int = 1,
    client: Any = None,
    progress: Progress | None = None,
    graph_format: str = "turtle",
    stage: Stage | None = None,
    base_uri: str | None = None,
) -> BuildResult:
    """Extract every document under ``source``, then write ``graph.ttl`` and ``timeline.html``.

    ``published`` dates only the documents that state no publication date of their own.
    ``graph_format`` (an RDF format name, see :mod:`timeline.formats`) writes the graph as
    ``graph.nt``, ``graph.rdf``… instead. ``progress`` follows the documents, ``stage`` the
    stages after them (:data:`BUILD_STAGES`). Documents are extracted in ``jobs`` processes (or
    on a Dask ``client``'s cluster); the graph streams to a temporary file, is validated against
    the SHACL shapes and drawn; then both files are put in place (nothing is left half-written).
    """
    from .fileio import atomic_write
    from .formats import OUTPUT_SUFFIXES
    from .graphio import read_graph
    from .outputs import check_output
    from .render import render_html
    from .validate import validate_graph

    def starting(name: str) -> None:
        if stage:
            stage(name, BUILD_STAGES.index(name) + 1, len(BUILD_STAGES))

    suffix = {name: s for s, name in OUTPUT_SUFFIXES.items()}[graph_format]
    for name in (f"graph{suffix}", "timeline.html"):
        check_output(Path(out_dir) / name, [source])  # before any work: never a device, FIFO or input
    plan = plan_documents([source], base_uri=base_uri)
    syntax = syntax_for(graph_format)
    with run_plan(plan, dating=Dating(fallback=published), syntax=syntax, mapper=mapper_for(jobs, client), progress=progress) as run:
        if not run.documents:
            first = run.errors[0] if run.errors else None
            raise NoDocumentsError(f"{source}: no document could be read" + (f" ({first})" if first else ""))
        starting("merging")
        run.merge()
        out = Path(out_dir)
        graph_path, html_path = out / f"graph{suffix}", out / "timeline.html"
        staged = out / f".graph.{os.getpid()}.tmp{suffix}"
        try:
            starting("building the graph")
            write_output(run, staged, graph_format)
            graph = read_graph([staged])
            starting("validating")
            report = validate_graph(graph)
            title = f"timeline — {Path(source).name or source}"
            starting("rendering")
            html = render_html(graph, title=title)
            starting("writing")
            atomic_write(html_path, html)
            os.replace(staged, graph_path)
        finally:
            staged.unlink(missing_ok=True)
        return BuildResult(
            graph_path=graph_path,
            html_path=html_path,
            summary=summarise(run),
            errors=tuple(run.errors),
            validation=report,
            warnings=tuple(run.warnings),
        )
