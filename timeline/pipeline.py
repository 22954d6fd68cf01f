"""The main job, end to end: documents → events → graph → validated Turtle and HTML.

Each stage lives in its own module; this one only wires them:

- :mod:`timeline.documents` reads files (text, Markdown, HTML) and finds publication dates;
- :mod:`timeline.sentences` and :mod:`timeline.temporal` find sentences and time expressions;
- :mod:`timeline.extract` finds events and merges mentions of the same event;
- :mod:`timeline.rdf` writes the graph; :mod:`timeline.validate` checks it;
- :mod:`timeline.render` draws the HTML timeline.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter, deque
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from rdflib import Dataset, Graph

from . import rdf
from .documents import PlannedDocument, plan_documents, read_planned
from .errors import DocumentError, NoDocumentsError, TimelineError
from .extract import extract_events, merge_events
from .fileio import atomic_write
from .formats import OUTPUT_SUFFIXES
from .model import Document, Event, MergedEvent
from .sentences import split_sentences
from .temporal import find_timexes

Progress = Callable[[int, int, str], None]
"""Called after each document with the count done so far, the total, and the document's path."""
Stage = Callable[[str, int, int], None]
"""Called as each later stage of a build starts: its name, its number (1-based), how many there are."""
BUILD_STAGES = ("merging", "building the graph", "validating", "rendering", "writing")


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


def parse_shard(text: str) -> tuple[int, int]:
    """``"2/4"`` → ``(2, 4)``: this machine's shard, 1-based, of N.

    >>> parse_shard("2/4")
    (2, 4)
    """
    try:
        index, total = (int(part) for part in text.split("/"))
    except ValueError:
        raise TimelineError(f"--shard {text!r}: expected I/N, e.g. 1/4") from None
    if not 1 <= index <= total:
        raise TimelineError(f"--shard {text!r}: I must be between 1 and N")
    return index, total


def in_shard(doc_id: str, shard: tuple[int, int] | None) -> bool:
    """Whether a document belongs to ``shard``: by a hash of its id, so shards never overlap."""
    if shard is None:
        return True
    index, total = shard
    digest = int(hashlib.sha1(doc_id.encode("utf-8")).hexdigest()[:8], 16)
    return digest % total == index - 1


@dataclass(frozen=True)
class Dating:
    """The publication date the user gave: for every document (``override``) or only for
    documents that state none (``fallback``)."""

    override: date | None = None
    fallback: date | None = None


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
    shard: tuple[int, int] | None = None,
    progress: Progress | None = None,
    base_uri: str | None = None,
) -> Extraction:
    """Read every document under ``paths`` and extract its events.

    Files are listed first (a path that holds no documents raises NoDocumentsError), then
    read and extracted one at a time — with ``jobs > 1`` in worker processes, a bounded
    number in flight — so memory holds the results, not the corpus. A file that cannot be
    read is recorded in ``errors`` and the rest are still processed. With ``shard=(i, n)``
    only the documents of shard i of n are read. ``published`` dates every document;
    ``fallback_published`` only those that state no date of their own. ``base_uri`` names the
    documents in the graph by that URI and their path from the folder named.
    """
    dating = Dating(published, fallback_published)
    plan = [p for p in plan_documents(paths, base_uri=base_uri) if in_shard(p.id, shard)]
    result = Extraction()
    if jobs <= 1 or len(plan) < 2:
        outcomes: Iterable[tuple[Document | DocumentError, list[Event]]] = (
            _read_and_extract(p, dating) for p in plan
        )
        _collect(outcomes, result, len(plan), plan, progress)
        return result
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


def _bounded_map(pool: ProcessPoolExecutor, plan: list[PlannedDocument], dating: Dating, window: int):
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


def to_graph(extraction: Extraction) -> Graph:
    """The RDF graph of an extraction: documents, merged events and their evidence."""
    return rdf.build_graph(extraction.documents, extraction.merged())


def to_dataset(extraction: Extraction) -> Dataset:
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
        lines.append(f"undated events: {self.undated}")
        return "\n".join(lines)


def summarise(extraction: Extraction, merged: Sequence[MergedEvent]) -> Summary:
    """Counts for the end of a build."""
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
    )


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
    progress: Progress | None = None,
    graph_format: str = "turtle",
    stage: Stage | None = None,
    base_uri: str | None = None,
) -> BuildResult:
    """Extract every document under ``source``, then write ``graph.ttl`` and ``timeline.html``.

    ``published`` dates only the documents that state no publication date of their own.
    ``graph_format`` (an RDF format name, see :mod:`timeline.formats`) writes the graph as
    ``graph.nt``, ``graph.rdf``… instead. ``progress`` follows the documents, ``stage`` the
    stages after them (:data:`BUILD_STAGES`).
    The graph is validated against the SHACL shapes before anything is written; nothing is
    left half-written (each file is written atomically).
    """
    from .outputs import check_output
    from .render import render_html
    from .validate import validate_graph

    suffix = {name: s for s, name in OUTPUT_SUFFIXES.items()}[graph_format]
    for name in (f"graph{suffix}", "timeline.html"):
        check_output(Path(out_dir) / name, [source])  # before any work: never a device, FIFO or input
    extraction = extract_paths([source], fallback_published=published, jobs=jobs, progress=progress, base_uri=base_uri)
    if not extraction.documents:
        first = extraction.errors[0] if extraction.errors else None
        raise NoDocumentsError(f"{source}: no document could be read" + (f" ({first})" if first else ""))
    def starting(name: str) -> None:
        if stage:
            stage(name, BUILD_STAGES.index(name) + 1, len(BUILD_STAGES))

    starting("merging")
    merged = extraction.merged()
    starting("building the graph")
    graph = rdf.build_graph(extraction.documents, merged)
    starting("validating")
    report = validate_graph(graph)
    out = Path(out_dir)
    graph_path, html_path = out / f"graph{suffix}", out / "timeline.html"
    title = f"timeline — {Path(source).name or source}"
    starting("rendering")
    html = render_html(graph, title=title)
    starting("writing")
    if graph_format == "turtle":
        atomic_write(graph_path, graph.serialize(format="turtle"))
    else:
        from .store import serialize

        atomic_write(graph_path, serialize(graph, graph_format))
    atomic_write(html_path, html)
    return BuildResult(
        graph_path=graph_path,
        html_path=html_path,
        summary=summarise(extraction, merged),
        errors=tuple(extraction.errors),
        validation=report,
        warnings=tuple(extraction.warnings),
    )
