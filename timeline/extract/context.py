"""What reading a document establishes as it goes (:class:`Context`: who speaks, the report under
discussion, the story's time) and the document's mentions and time expressions looked up by
sentence (:class:`Index`): the state :mod:`.events` keeps and :mod:`.actors` reads."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from ..model import Entity, Span, Timex
from . import timing
from .entities import Mention


@dataclass
class Context:
    """What the document establishes as it is read: who speaks, the report under discussion."""

    source: Entity | None = None  # the dateline's agency
    home: Entity | None = None  # the state the dateline's city belongs to
    states: dict[str, Entity] = field(default_factory=dict)  # the gazetteer's: the state each city belongs to, by the city's key
    state_bodies: frozenset[str] = frozenset()  # the ontology's tl:StateBodies
    report_author: Entity | None = None
    report_key: str | None = None
    seen: list[Entity] = field(default_factory=list)
    dated_types: dict[str, Timex] = field(default_factory=dict)  # each type's last date told ("after his arrest")
    by_head: dict[str, Entity] = field(default_factory=dict)  # the actor a phrase with this head noun last named ("ministry")
    narrative: timing.Narrative = field(default_factory=timing.Narrative)
    section_years: list[Timex] = field(default_factory=list)  # the year a heading above states
    story_year: int | None = None  # the year of the last date the text stated
    topic: Entity | None = None  # the person the last sentence was about (its main subject)
    topic_age: int = 0  # sentences read since then without a parse
    entry_day: Timex | None = None  # the day of the live-blog entry being read (its <time datetime>)
    item_label: list[Timex] = field(default_factory=list)  # the label of the list item being read
    item_end: int = 0  # where that item's line ends
    dated_headings: int = 0
    item_day: Timex | None = None  # the day the item being read was published, in a page of several ("Published: Mon, 04 Nov 2024")
    item_stamps: bool = False  # whether the page holds several items, each with its own publication line
    title_day: Timex | None = None  # the day a title above an undated text states ("Press Conference on March 6, 2025")
    officials: set[str] = field(default_factory=set)  # people who speak for a body: the gazetteer's, or named with an office
    offices: frozenset[str] = frozenset()  # the ontology's tl:Offices


class Index:
    """Entity mentions and time expressions of a document, looked up by sentence."""

    def __init__(self, mentions: list[Mention], people: list[Mention], timexes: list[Timex]):
        self.mentions = sorted([*mentions, *people], key=lambda m: m.start)
        self.m_starts = [m.start for m in self.mentions]
        self.timexes = timexes
        self.x_starts = [t.start for t in timexes]

    def in_span(self, start: int, end: int) -> list[Mention]:
        lo = bisect_left(self.m_starts, start)
        hi = bisect_left(self.m_starts, end)
        return [m for m in self.mentions[lo:hi] if m.end <= end]

    def actors_in(self, sent: Span) -> list[Mention]:
        return [m for m in self.in_span(sent.start, sent.end) if m.entity.kind == "actor"]

    def durations_in(self, sent: Span) -> list[Timex]:
        return [t for t in self.timexes_in(sent) if t.type == "DURATION"]

    def timexes_in(self, sent: Span) -> list[Timex]:
        lo = bisect_left(self.x_starts, sent.start)
        hi = bisect_left(self.x_starts, sent.end)
        return [t for t in self.timexes[lo:hi] if t.end <= sent.end]


__all__ = ["Context", "Index"]
