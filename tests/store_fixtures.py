"""Hand-made documents and event mentions for the store, query and endpoint tests.

They do not depend on the extractor: each event names its sentence by offsets into its
document's text, so ``doc.text[start:end] == quote`` holds.
"""

from __future__ import annotations

import hashlib
from datetime import date

from timeline.model import Document, Entity, Event, MergedEvent, Participant, Span, Timex

CHINA = Entity("Q148", "China", "actor", "Q148", "country")
NORTH_KOREA = Entity("Q423", "North Korea", "actor", "Q423", "country")
UN_HRC = Entity("un-human-rights-council", "UN Human Rights Council", "actor", "Q205650", "un-body")
DEFECTORS = Entity("defectors", "defectors", "actor", None, "group")
JILIN = Entity("Q45208", "Jilin", "place", "Q45208", "province")


def document(doc_id: str, text: str, published: date | None = date(2024, 5, 1), title: str | None = None) -> Document:
    return Document(
        id=doc_id,
        path=f"{doc_id}.txt",
        text=text,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        title=title or doc_id.replace("-", " ").title(),
        published=published,
        published_source="cli" if published else None,
        published_confidence="high" if published else None,
    )


LONG_TEXT = "".join(f"Sentence {i} of a long enough text. " for i in range(200))
"""A text long enough for every offset the random mentions of ``test_remerge._document`` name."""


def edition(doc_id: str, version: int, title: str | None = None) -> Document:
    """The ``version``-th edition of an undated document on :data:`LONG_TEXT` (editions differ in
    their last line, so in their hash); titled ``doc_id`` unless ``title`` says otherwise."""
    return document(doc_id, f"{LONG_TEXT}\nversion {version}", published=None, title=title or doc_id)


def span(text: str, part: str) -> Span:
    start = text.index(part)
    return Span(start, start + len(part), part)


def timex(text: str, part: str, value: str, earliest: date, latest: date, granularity: str) -> Timex:
    found = span(text, part)
    return Timex(found.start, found.end, part, "DATE", value, earliest, latest, granularity, "absolute")


def mention(doc: Document, type_: str, label: str, sentence: str, trigger: str, when: Timex | None = None, **extra) -> Event:
    return Event(
        doc_id=doc.id,
        type=type_,
        label=label,
        sentence=span(doc.text, sentence),
        trigger=span(doc.text, trigger),
        when=when,
        **extra,
    )


def merge_by_label(mentions: list[Event]) -> list[MergedEvent]:
    """A stand-in for the extractor's merge: mentions with the same type and label are one event."""
    groups: dict[tuple[str, str], list[Event]] = {}
    for item in mentions:
        groups.setdefault((item.type, item.label), []).append(item)
    merged = []
    for (type_, label), items in sorted(groups.items()):
        items.sort(key=lambda m: (m.doc_id, m.trigger.start))
        dated = [m.when for m in items if m.when is not None and m.when.resolved]
        when = min(dated, key=lambda t: (t.latest - t.earliest, t.value)) if dated else None
        participants = tuple(sorted({p for m in items for p in m.participants}, key=lambda p: (p.entity.key, p.role)))
        participants = tuple(Participant(p.entity, p.role) for p in participants)
        participants = tuple(dict.fromkeys(participants))
        merged.append(MergedEvent(f"{type_}-{label}", type_, label, tuple(items), when, participants))
    return merged


TEXT_A = (
    "China forcibly repatriated 60 North Korean defectors from Jilin in April 2024. "
    "The UN Human Rights Council published a report on 12 September 2025. "
    "North Korea denied that any executions took place."
)
TEXT_B = (
    "Reports say China repatriated 60 North Korean defectors in April 2024. "
    "North Korea executed three men in 2019, activists said."
)
TEXT_C = "North Korea closed its border in January 2020 and kept it closed. Nothing else happened."


def corpus() -> tuple[list[Document], dict[str, list[Event]]]:
    """Three documents; a repatriation told by two of them (one merged event), a denial, a date range."""
    a, b, c = document("doc-a", TEXT_A), document("doc-b", TEXT_B, date(2024, 6, 2)), document("doc-c", TEXT_C, None)
    april = dict(earliest=date(2024, 4, 1), latest=date(2024, 4, 30), granularity="month")
    execution_b = mention(
        b, "Execution", "execution of three men", "North Korea executed three men in 2019, activists said.", "executed",
        timex(TEXT_B, "2019", "2019", date(2019, 1, 1), date(2019, 12, 31), "year"),
        participants=(Participant(NORTH_KOREA, "agent"),),
    )
    events = {
        "doc-a": [
            mention(
                a, "Repatriation", "repatriation of 60 defectors",
                "China forcibly repatriated 60 North Korean defectors from Jilin in April 2024.", "repatriated",
                timex(TEXT_A, "April 2024", "2024-04", **april),
                participants=(Participant(CHINA, "agent"), Participant(DEFECTORS, "affected"), Participant(JILIN, "place")),
            ),
            mention(
                a, "ReportRelease", "UN report on North Korea",
                "The UN Human Rights Council published a report on 12 September 2025.", "published a report",
                timex(TEXT_A, "12 September 2025", "2025-09-12", date(2025, 9, 12), date(2025, 9, 12), "day"),
                participants=(Participant(UN_HRC, "agent"),),
            ),
            mention(
                a, "Denial", "North Korea denies executions", "North Korea denied that any executions took place.", "denied",
                participants=(Participant(NORTH_KOREA, "agent"),), denies=(execution_b.key,),
            ),
        ],
        "doc-b": [
            mention(
                b, "Repatriation", "repatriation of 60 defectors",
                "Reports say China repatriated 60 North Korean defectors in April 2024.", "repatriated",
                timex(TEXT_B, "April 2024", "2024-04", **april),
                participants=(Participant(CHINA, "agent"), Participant(DEFECTORS, "affected")), certainty="probable",
            ),
            execution_b,
        ],
        "doc-c": [
            mention(
                c, "BorderClosure", "border closure", "North Korea closed its border in January 2020 and kept it closed.", "closed its border",
                timex(TEXT_C, "January 2020", "2020-01", date(2020, 1, 1), date(2020, 1, 31), "month"),
                participants=(Participant(NORTH_KOREA, "agent"),),
            ),
        ],
    }
    return [a, b, c], events
