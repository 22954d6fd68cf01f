"""The plain values that flow between timeline's stages (stdlib only).

documents → spans and dates → events → graph. Every stage takes and returns these frozen
dataclasses; nothing here knows about RDF, HTML or the command line.

Offsets are in Unicode code points into ``Document.text`` (the decoded text; for HTML the
extracted text), so ``doc.text[span.start:span.end] == span.text`` always holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Span:
    """A stretch of a document's text: ``text == doc.text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Document:
    """One source document, decoded.

    ``published`` is the publication date when one is known; ``published_source`` says how it
    was found (``cli``, ``front-matter``, ``meta``, ``dateline``, ``stamp``, ``byline``, ``url``, or ``original``:
    a repost's "Originally published …" or an archived e-mail's "Sent …" line, which beats the
    copy's own metadata) and
    ``published_confidence`` how sure that is (``high``, ``medium``, ``low``). Without a
    publication date relative time expressions stay unresolved.
    """

    id: str  # stable slug, unique within a run (derived from the file name)
    path: str  # the path as the user named it (for messages and display)
    text: str  # decoded body text; all offsets point into it
    sha256: str  # of the raw bytes, to skip unchanged documents on re-ingest
    media_type: str = "text/plain"  # text/plain, text/markdown or text/html
    title: str | None = None
    published: date | None = None
    published_source: str | None = None
    published_confidence: str | None = None
    metadata: tuple[tuple[str, str], ...] = ()  # front-matter keys and values, as written
    body_start: int = 0  # where the body starts in ``text`` (after a title line, say)
    noise: tuple[Span, ...] = ()  # page furniture found by the reader (comment threads, link lists…)
    encoding: str | None = None  # how the bytes were decoded (IANA name: UTF-8, windows-1252…); None for text given
    warnings: tuple[str, ...] = ()  # what the reader skipped but read on (a front-matter date that does not parse…)
    stamps: tuple[tuple[int, int, date], ...] = ()  # (start, end, day) a page's markup dates (a live blog's <time datetime> entry times)


# Time ------------------------------------------------------------------------------------

TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")
GRANULARITIES = ("day", "week", "month", "season", "quarter", "half", "year", "decade", "century")
ANCHORS = ("absolute", "publication", "expression", "unresolved")


@dataclass(frozen=True)
class Timex:
    """A temporal expression found in a text, normalised as a TimeML TIMEX3 value.

    ``earliest``/``latest`` bound the calendar interval it denotes (inclusive dates), absent
    when it denotes none that the text supports (a duration, an unresolvable relative phrase).
    ``granularity`` is the precision the text states (``day``, ``month``, ``year``…); ``anchor``
    says what resolved it: ``absolute`` (the text itself), ``publication`` (the document's
    date), ``expression`` (another expression in the text) or ``unresolved``.
    ``mod`` is the TIMEX3 mod (``START``, ``MID``, ``END``, ``BEFORE``, ``AFTER``, ``ON_OR_AFTER``,
    ``APPROX``…) and ``open_start``/``open_end`` mark open intervals ("since 2020", "until 2021").
    """

    start: int
    end: int
    text: str
    type: str  # one of TIMEX_TYPES
    value: str  # TIMEX3 value: 2025-04, 2014, 2025-10-02, P7Y, PRESENT_REF, 2025-Q4, XXXX-10-02
    earliest: date | None = None
    latest: date | None = None
    granularity: str | None = None
    anchor: str = "unresolved"
    mod: str | None = None
    open_start: bool = False
    open_end: bool = False

    @property
    def resolved(self) -> bool:
        return self.earliest is not None and self.latest is not None


@dataclass(frozen=True)
class InferredTime:
    """A time the text does not state, inferred for an event (never mixed with stated time).

    A past-tense event reported as news with no date of its own is bounded by the document's
    publication date: ``latest`` is that date and ``earliest`` lies ``window_days`` before it.
    ``basis`` names what it was inferred from (``publication``).
    """

    earliest: date
    latest: date
    basis: str = "publication"
    window_days: int = 0


# Entities and events -----------------------------------------------------------------------

ENTITY_KINDS = ("actor", "place")
ROLES = ("agent", "affected", "place", "source", "target", "instrument")
TIME_SOURCES = ("clause", "sentence", "heading", "narrative", "dateline")
CERTAINTIES = ("certain", "probable", "possible")
POLARITIES = ("positive", "negative")


@dataclass(frozen=True)
class Entity:
    """An actor or place, linked to Wikidata where the gazetteer knows it.

    ``key`` is the canonical identity (the Wikidata id such as ``Q423`` where known, else a
    normalised slug of the label) so the same actor is one node however it is written.
    """

    key: str
    label: str  # canonical label ("North Korea")
    kind: str  # "actor" or "place"
    wikidata: str | None = None  # "Q423"
    category: str | None = None  # "country", "un-body", "government", "ngo", "media", "province", "city", "person", "group"


@dataclass(frozen=True)
class Participant:
    """An entity taking part in an event in a role, with the text that names it."""

    entity: Entity
    role: str  # one of ROLES
    mention: Span | None = None


@dataclass(frozen=True)
class Quantity:
    """A number stated for an event: 60 people, $2 billion, 4.77 million fever cases."""

    value: float
    unit: str  # "people", "USD", "cases", "years"…
    text: str
    mention: Span | None = None


@dataclass(frozen=True)
class Event:
    """One event mention: what happened, stated by one sentence of one document.

    ``type`` is the local name of the event class in the ontology (``Repatriation``…).
    ``sentence`` is the quote (the sentence that states the event, exactly as in the text);
    ``trigger`` the words that signal the type. ``when`` is the governing time expression,
    if any. ``attributed_to`` is who says so ("according to the UN report" → the UN body);
    ``certainty``/``polarity`` record hedges and negations; ``denies`` holds the keys of
    events this statement denies (a denial is linked to what it denies).
    ``time_source`` says where ``when`` came from: the event's own clause, its sentence, a dated
    heading or list label, the narrative's last date, or the dateline. ``inferred`` holds a time
    the text does not state (bounded by the publication date), kept apart from ``when``;
    ``claimed_in`` links a reported event to the act (statement, report release) asserting it.
    """

    doc_id: str
    type: str
    label: str
    sentence: Span
    trigger: Span
    when: Timex | None = None
    participants: tuple[Participant, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    attributed_to: Entity | None = None
    certainty: str = "certain"
    polarity: str = "positive"
    denies: tuple[str, ...] = ()  # mention keys of the denied events
    duration: Timex | None = None  # a sentence term ("seven years of forced labor") as P7Y
    time_source: str | None = None  # where ``when`` was found: one of TIME_SOURCES
    inferred: InferredTime | None = None  # only when ``when`` is None: a bound the text does not state
    claimed_in: str | None = None  # mention key of the act asserting this claim (a statement, a report's release)

    @property
    def key(self) -> str:
        """A key unique within the document: ``doc_id#type@start``."""
        return f"{self.doc_id}#{self.type}@{self.trigger.start}"

    @property
    def actors(self) -> tuple[Entity, ...]:
        return tuple(p.entity for p in self.participants if p.entity.kind == "actor")

    @property
    def places(self) -> tuple[Entity, ...]:
        return tuple(p.entity for p in self.participants if p.entity.kind == "place")

    @property
    def agent(self) -> Entity | None:
        """Who did it: the participant in the agent role, if any."""
        return next((p.entity for p in self.participants if p.role == "agent"), None)

    @property
    def agent_key(self) -> str | None:
        """The key of who did it, if any (what merging and repeats compare)."""
        return next((p.entity.key for p in self.participants if p.role == "agent"), None)


@dataclass(frozen=True)
class MergedEvent:
    """One real event: every mention of it, across documents, merged into one node.

    ``id`` is stable for the same input (it does not depend on the order documents are read).
    ``when`` is the most precise resolved interval among the mentions.
    """

    id: str
    type: str
    label: str
    mentions: tuple[Event, ...]
    when: Timex | None = None
    participants: tuple[Participant, ...] = field(default=())
    inferred: InferredTime | None = None  # only when ``when`` is None
