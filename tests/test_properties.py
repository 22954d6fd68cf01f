"""Properties of the whole pipeline on arbitrary text: text → document → events → graph.

Whatever the text (unicode, line breaks, quotes, digits, month names, "May", "we", numbers):
nothing raises, every quote is the text at its offsets, every interval runs forward, nothing
is anchored to a publication date the document does not have, and the graph validates.
"""

from __future__ import annotations

import os
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import event as note
from hypothesis import strategies as st

from timeline import extract, pipeline, rdf
from timeline.documents import document_from_text
from timeline.errors import DocumentError
from timeline.validate import validate_graph

# Words that steer the stages: triggers, actors, places, time words, traps.
TOKENS = [
    "North Korea", "China", "the UN Human Rights Office", "KCNA", "Hyesan", "Pyongyang", "Seoul",
    "executed", "repatriated", "closed the border", "released a report", "denied", "sentenced",
    "60 people", "three", "$2 billion", "seven years", "4.77 million",
    "May", "may", "we", "We", "March", "Oct.", "October 2", "2025", "1999", "12", "31", "0",
    "Thursday", "last year", "yesterday", "next week", "in April 2025", "on September 30, 2025",
    "since 2020", "until 2021", "the 1990s", "Q4 2025", "summer", "early 2024", "2025-10-02",
    "(2025.10.02.)", "SEOUL, Oct. 2, 2025 (Reuters) -", "Pyongyang, October 2 (KCNA) --",
    "according to", "said", "reportedly", "did not", "U.S.", "Mr.", "e.g.",
    ".", ",", "!", "?", "…", '"', "“", "”", "'", "(", ")", "\n", "\n\n", "\r\n", "\t", "-", "—",
    "북한", "혜산", "😀", "🇰🇵", "e\u0301", "𝒩", "\u2028", "\u00a0", "© 2024", "3 days ago", "Share",
]

ACTORS = ["North Korea", "China", "KCNA", "The UN", "We", "Kim Jong Un", "the ministry", "북한"]
VERBS = ["executed", "repatriated", "closed the border with", "released a report on", "denied", "sentenced",
         "reportedly executed", "did not repatriate", "may have executed", "said it repatriated"]
OBJECTS = ["60 North Koreans", "three people", "defectors 😀", "China", "people in Hyesan", "𝒩𝒦", ""]
TIMES = ["", "in April 2025", "on Thursday", "last year", "yesterday", "in May", "on May 3", "in 1999",
         "between 2025 and 2019", "on February 30, 2025", "since 2020", "in the 1990s", "next week",
         "on 2025-10-02", "in Q4 2025", "three days ago", "in early 2024", "that day"]
ENDS = [".", "!", "?", "", ".\n", "\n\n", "\r\n", " —", ".”", "…"]

sentence = st.builds(
    lambda *parts: " ".join(p for p in parts[:-1] if p) + parts[-1],
    st.sampled_from(ACTORS), st.sampled_from(VERBS), st.sampled_from(OBJECTS), st.sampled_from(TIMES), st.sampled_from(ENDS),
)
texts = st.lists(
    st.one_of(sentence, st.sampled_from(TOKENS), st.text(max_size=12)),
    min_size=1,
    max_size=30,
).map(lambda parts: " ".join(parts))
published = st.one_of(st.none(), st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31)))
media = st.sampled_from(["text/plain", "text/markdown", "text/html"])
# TIMELINE_PROPERTY_SCALE=20 for a deep run; the default keeps the suite fast.
SCALE = int(os.environ.get("TIMELINE_PROPERTY_SCALE", "1"))


def _run(text: str, when: date | None, media_type: str):
    """The pipeline as the CLI runs it, or None when the text is not a document (empty)."""
    try:
        doc = document_from_text(text, published=when, media_type=media_type)
    except DocumentError:
        return None
    events = pipeline.extract_document(doc)
    merged = extract.merge_events(events)
    graph = rdf.build_graph([doc], merged)
    return doc, events, merged, graph


def _spans(event):
    yield event.sentence
    yield event.trigger
    if event.when is not None:
        yield event.when
    for participant in event.participants:
        if participant.mention is not None:
            yield participant.mention
    for quantity in event.quantities:
        if quantity.mention is not None:
            yield quantity.mention


@settings(max_examples=150 * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, when=published, media_type=media)
def test_pipeline_never_raises_and_keeps_offsets_and_intervals(text, when, media_type):
    """Any text: no exception; quotes, triggers, times and mentions are the text at their offsets;
    every resolved interval runs forward; a document without a date anchors nothing to one."""
    out = _run(text, when, media_type)
    if out is None:
        return
    doc, events, merged, graph = out
    assert len(graph) > 0
    note("events found" if events else "no events")
    note("some time resolved" if any(e.when is not None and e.when.resolved for e in events) else "no time resolved")
    for event in events:
        for span in _spans(event):
            assert 0 <= span.start <= span.end <= len(doc.text)
            assert doc.text[span.start : span.end] == span.text, (span, event.type)
        assert event.sentence.start <= event.trigger.start and event.trigger.end <= event.sentence.end
    for when_ in [e.when for e in events] + [m.when for m in merged]:
        if when_ is None:
            continue
        if when_.resolved:
            assert when_.earliest <= when_.latest, when_
        if doc.published is None:
            assert when_.anchor != "publication", when_


@settings(max_examples=150 * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, media_type=media)
def test_without_a_publication_date_relative_time_stays_unresolved(text, media_type):
    """With no date stated or given, an unresolved time has no bounds and none is anchored to publication."""
    out = _run(text, None, media_type)
    if out is None or out[0].published is not None:
        return
    _, events, merged, _ = out
    for when_ in [e.when for e in events] + [m.when for m in merged]:
        if when_ is None:
            continue
        assert when_.anchor in ("absolute", "expression", "unresolved"), when_
        if when_.anchor == "unresolved":
            assert when_.earliest is None and when_.latest is None, when_


@settings(max_examples=25 * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, when=published, media_type=media)
def test_graph_of_any_text_validates(text, when, media_type):
    """Whatever the text, the graph conforms to the SHACL shapes."""
    out = _run(text, when, media_type)
    if out is None:
        return
    report = validate_graph(out[3])
    assert report.conforms, report.text(limit=5)


@pytest.mark.parametrize(
    "text",
    [
        "May we go? We may. In May 2025 we executed nothing.",
        "North Korea executed 3 people on Thursday 😀\r\nChina repatriated 60 people 𝒩 last year.",
        "“North Korea executed three people,” KCNA said on February 30, 2025.",
        "China repatriated 60 people between 2025 and 2019.",
    ],
)
def test_examples_the_properties_found_worth_keeping(text):
    """Hand-picked inputs of the kind the properties generate, pinned so they always run."""
    out = _run(text, None, "text/plain")
    assert out is not None
    doc, events, merged, graph = out
    for event in events:
        assert doc.text[event.sentence.start : event.sentence.end] == event.sentence.text
        if event.when is not None:
            assert event.when.anchor != "publication"
            if event.when.resolved:
                assert event.when.earliest <= event.when.latest
