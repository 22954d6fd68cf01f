"""Event mentions from one document: frames matched on the dependency parse of its sentences.

For each sentence outside page furniture that holds a trigger word of some frame, the language
layer parses it; :mod:`.matcher` applies every frame of the ontology; :mod:`.modality` keeps
what the text asserts (and says who claims it); :mod:`.timing` dates each event from the
parse, then from the discourse, else infers a publication-bounded time kept apart from stated
time. Who did, said or suffered it is read by :mod:`.actors` (actors and places from the
gazetteer, people from their names); what the reading has established so far is a
:class:`~.context.Context`.

>>> from timeline.model import Document, Span, Timex
>>> from datetime import date
>>> text = "In April 2025, China sent 60 escapees back across the border."
>>> doc = Document(id="d", path="d.txt", text=text, sha256="0")
>>> tx = Timex(3, 13, "April 2025", "DATE", "2025-04", date(2025, 4, 1), date(2025, 4, 30), "month", "absolute")
>>> [(e.label, e.when.value) for e in extract_events(doc, [tx], [Span(0, len(text), text)])]
[('China forcibly repatriates 60 escapees', '2025-04')]
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from typing import Any

from .. import language
from ..datestrings import slashed_readings
from ..model import Document, Event, Span, Timex
from . import actors, anchored, discourse, timing
from .amounts import duration, quantities
from .context import Context, Index
from .entities import by_surname, find_people, load_gazetteer, office_pattern, overlap, with_bare_surnames
from .frames import Frames, load_frames
from .labels import label_of
from .matcher import Candidate, match, refers_back
from .modality import according_to, assess, negated, nobody
from .repeats import told_once
from .scan import scanner

_SINCE_THEN = re.compile(r"\b(?:since then|since that time|ever since)\b", re.I)
_REPORTISH = re.compile(r"report|review|assessment|stud(?:y|ies)", re.I)
_PRONOUN = re.compile(r"\b(?:it|they|he|she|we|its|their)\b", re.I)
_PARAGRAPH = re.compile(r"\n[ \t]*\n")
_BLANK = re.compile(r"\s*")
# "before the closure", "after the executions": an event named as the time of another; the
# sentence's date is the other's
_TEMPORAL_PREPS = frozenset({"before", "after", "since", "until", "following", "prior"})


def extract_events(doc: Document, timexes: list[Timex], sentences: list[Span]) -> list[Event]:
    """Every event mention in ``doc``, ordered by position.

    ``timexes`` come from :func:`timeline.temporal.find_timexes`, ``sentences`` from
    :func:`timeline.sentences.split_sentences`. Sentences in ``doc.noise`` (and link lines and
    bare headings the reader missed) yield nothing.
    """
    frames = load_frames()
    gaz = load_gazetteer()
    text = doc.text
    ctx = Context(source=discourse.dateline_source(text, doc.body_start, gaz))
    mentions = gaz.find(text)
    people = with_bare_surnames(text, by_surname(find_people(text), mentions), mentions)
    people = [p for p in people if not any(overlap(p, m) for m in mentions)]
    index = Index(mentions, people, sorted(timexes, key=lambda t: t.start))
    ctx.officials = {m.entity.key for m in mentions if m.entity.category == "person"}
    ctx.offices = frames.sets.get("Offices", frozenset())
    ctx.home = discourse.dateline_state(text, doc.body_start, gaz)
    ctx.states = gaz.states
    ctx.state_bodies = frames.sets.get("StateBodies", frozenset())
    office_of_name = office_pattern(ctx.offices)
    units = discourse.readable(text, sentences, doc.noise)
    scan = scanner(frames)
    wanted = [s for s, furniture in units if not furniture and (
        scan.events.search(s.text) or (scan.speech.search(s.text) and (index.actors_in(s) or _PRONOUN.search(s.text) or office_of_name.search(s.text)))
        or (scan.names is not None and scan.names.search(s.text)))]
    starts = [discourse.clause_start(text, s, index.timexes_in(s)) for s in wanted]
    parsed = dict(zip((s.start for s in wanted), language.parse([text[a : s.end] for a, s in zip(starts, wanted)])))
    for a, s in zip(starts, wanted):
        for tok in parsed[s.start]:  # the small model's lemmatiser misses some regular forms ("waded" → "wad")
            if tok.pos_ == "VERB" and tok.lower_ in scan.lemma_of and tok.lemma_.lower() not in scan.lemmas:
                tok.lemma_ = scan.lemma_of[tok.lower_]
        parsed[s.start].user_data["offset"] = a  # character offset of the parsed clause in the document
        parsed[s.start].user_data["text"] = text[a : s.end]  # its text (Doc.text joins every token again)
    paragraphs = [m.end() for m in _PARAGRAPH.finditer(text)]
    item_stamps = 0
    for s in (s for s, furniture in units if furniture):  # the page's dated lines, once
        if _STAMP.search(s.text):  # "Published: …", "Last modified on …": a page's or an item's own date, no section's
            item_stamps += _day_of(index.timexes_in(s)) is not None
        elif discourse.is_heading(s.text) and any(t.type == "DATE" and t.resolved and not _relative(t) for t in index.timexes_in(s)):
            ctx.dated_headings += 1  # "M. Brandt · 3 days ago", a comment's age, is none
    ctx.item_stamps = item_stamps >= 2
    events: list[Event] = []
    started = False  # whether the body's prose has begun (a date line above it is the stamp)
    stamps = [discourse.stamp_heading(doc, s) for s, _ in units] + [None]  # each line's entry time, once
    if len(doc.stamps) == 1 and doc.stamps[0][2] == doc.published:
        stamps = [None] * len(stamps)  # one <time> on the page, of its own day: the page's date, no entry's
    for at, (sent, furniture) in enumerate(units):
        ctx.narrative.new_paragraph(bisect_left(paragraphs, sent.start + 1))
        ctx.narrative.step()
        stx = [t for t in index.timexes_in(sent) if timing.is_date(t) and not discourse.in_dateline(text, sent, t)
               and not discourse.in_citation(text, t)]
        if stamps[at] is not None:  # "<time datetime=…>12:55 a.m.</time>": a live blog's entry time dates the entry
            ctx.entry_day = stamps[at]  # to the next entry time, whatever headings come between
            continue
        label = discourse.clock_label(text, sent) if doc.published is not None else None
        if label is not None:  # "**23:40** China's foreign ministry said …": a live page's entry, on the page's day
            p = doc.published
            ctx.entry_day = Timex(sent.start, sent.start + len(label), label, "DATE", p.isoformat(), p, p, "day", "publication")
        headline_alone = not discourse._TERMINAL.search(sent.text.strip()) and discourse.whole_line(text, sent)
        if stamps[at + 1] is not None and headline_alone:
            ctx.entry_day = stamps[at + 1]  # a teaser's headline above the item's own date line is that item's
        heads = [t for t in stx if t.resolved and discourse.leading_label(text, sent, t) and not discourse.range_follows(text, t)]
        if heads and not _page_stamp(heads, doc, started, ctx) and headline_alone:
            ctx.narrative.heading = timing.best(heads)  # "**Monday, March 25 -- Kim says …**" alone on its line heads that day's section
            if furniture:
                continue
        if furniture:
            if discourse.is_heading(sent.text):
                year = discourse.year_heading(sent)
                dates = [t for t in stx if t.type == "DATE" or doc.published is None and discourse.clock_on_a_day(t)] or (
                    [year] if year is not None else [])
                _heading(ctx, dates, doc, started, sent.text)  # a headline's events do not start the body
                if not started and doc.published is None and ctx.title_day is None:
                    ctx.title_day = next((t for t in dates if t.resolved and t.granularity == "day"), None)
                ctx.seen.extend(m.entity for m in index.actors_in(sent))
            continue
        started = started or (bool(discourse._TERMINAL.search(sent.text.strip())) and len(sent.text.split()) >= 6)
        frame = discourse.framing_date(text, sent, stx)
        if frame is not None:
            ctx.narrative.story = frame  # "In August 2023, a broker found a place": the story has moved on, event or not
        sdoc = parsed.get(sent.start)
        found = _sentence(doc, sent, sdoc, stx, frames, index, ctx) if sdoc is not None else []
        ctx.narrative.mentioned(stx)  # in text order, as the index keeps them
        ctx.story_year = next((t.earliest.year for t in reversed(stx) if t.anchor in ("absolute", "expression") and t.earliest and t.latest
                               and t.earliest.year == t.latest.year), ctx.story_year)  # the year the story last named
        ctx.topic = actors.topic_of(sdoc, index, ctx) if sdoc is not None else (ctx.topic if ctx.topic_age < 1 else None)
        ctx.topic_age = 0 if sdoc is not None else ctx.topic_age + 1
        ctx.seen.extend(m.entity for m in index.actors_in(sent) if m.entity.category not in ("group", None))
        if not found and discourse.time_answer(sent.text) and (dated := [t for t in stx if t.resolved]):
            ctx.narrative.told(timing.best(dated))  # "When did you first leave?" "It was in March 2017. I crossed …"
        events.extend(found)
    return _link_denials(told_once(events))


_STAMP = re.compile(r"\b(?:published|updated|posted|modified|last edited|filed)\b", re.I)


def _heading(ctx: Context, dates: list[Timex], doc: Document, started: bool, heading: str) -> None:
    """A heading that is (mostly) a date dates the section under it; a heading without one
    ends the section; a clock time ("22:58") stays inside the day above it. The date line of a
    byline or stamp above the body dates the document, not a section."""
    dated = [t for t in dates if t.resolved and not _relative(t)]  # "KOREA THIS WEEK", "· 3 days ago": a name or a comment's age
    if _STAMP.search(heading):
        if ctx.item_stamps and (day := _day_of(dated)) is not None:
            ctx.item_day = day  # a feed's or an archive's item: its "on Saturday" counts from its own publication
        return  # "Published: Mar. 30, 2023", "Updated 23 Nov": the page's own dates
    if not dated or sum(t.end - t.start for t in dated) * 2 < len(re.sub(r"\W", "", heading)):
        if started:
            ctx.narrative.heading = None  # a heading that is no date ends the dated section
        return
    if _byline_day(dated, doc, ctx) or (ctx.dated_headings < 2 and _page_stamp(dated, doc, started, ctx)):
        return  # the stamp above the body dates the document
    ctx.section_years = [t for t in dated if t.anchor == "absolute" and t.granularity in ("year", "month", "day", "season")]
    ctx.narrative.heading = timing.best(dated) if dated else None
    if ctx.narrative.heading is not None and ctx.narrative.heading.type == "TIME":
        ctx.entry_day = ctx.narrative.heading  # "[2/9]  21 Feb 2025, 16:48 UTC": a post written then


def _day_of(dates: list[Timex]) -> Timex | None:
    """The first of ``dates`` that is one resolved day."""
    return next((t for t in dates if t.resolved and t.earliest is not None and t.earliest == t.latest), None)


def _relative(t: Timex) -> bool:
    """A time counted from the telling that names no calendar unit ("this week", "3 days ago")."""
    return t.anchor == "publication" and not timing.names_month(t)


def _byline_day(dates: list[Timex], doc: Document, ctx: Context) -> bool:
    """The first dated line of a page whose publication date a byline or stamp line gave, on that
    day: the line the date was read from, though a standfirst came before it."""
    return doc.published_source == "byline" and _first_dated(dates, doc, ctx)


def _first_dated(dates: list[Timex], doc: Document, ctx: Context) -> bool:
    """No dated heading or section read yet, and ``dates`` all the publication day."""
    return ctx.narrative.heading is None and not ctx.section_years and all(_is_day(t, doc.published) for t in dates)


def _page_stamp(dates: list[Timex], doc: Document, started: bool, ctx: Context) -> bool:
    """Dates that are all the publication date, above the body or the first dated line though a
    standfirst came before it (or, above the body, the page's date a few days after the dateline's
    day of writing): the page's stamp, not a section's."""
    if doc.published is None:
        return False
    if all(_is_day(t, doc.published) for t in dates) and (not started or _first_dated(dates, doc, ctx)):
        return True
    # the next morning's page date above a dateline that gave the day of writing ("Sunday, April 26" over "WASHINGTON, APRIL 25.")
    return not started and doc.published_source == "dateline" and all(
        t.earliest is not None and 0 < (t.earliest - doc.published).days <= 7 for t in dates)


def _is_day(t: Timex, day: Any) -> bool:
    """Whether ``t`` is ``day``, a slashed numeric date in either order ("01/09/1995" above a
    "Sep 1" dateline: the reader took the reading the page's dateline gives)."""
    return t.earliest == day or day in slashed_readings(t.text)


def _marks(sdoc: Any, offset: int, text: str, sent: Span, frames: Frames, index: Index, in_dates: set[int]) -> dict[int, set[str]]:
    """Pseudo-lemmas for tokens: ``@Weapons`` on a named missile, ``@People`` on a person, ``@Time``
    on a time expression's words (``in_dates``)."""
    out: dict[int, set[str]] = {i: {"@Time"} for i in in_dates}

    def mark(start: int, end: int, tag: str) -> None:
        first = timing.token_at(sdoc, start - offset)
        lo = first.idx if first is not None else start - offset
        for tok in timing.tokens_between(sdoc, lo, end - offset):
            out.setdefault(tok.i, set()).add(tag)

    for inst in frames.instruments:
        for m in inst.pattern.finditer(text, sent.start, sent.end):
            for name in (*inst.member_of, "Instrument"):
                mark(m.start(), m.end(), f"@{name}")
    for m in index.in_span(sent.start, sent.end):
        if m.entity.category == "person":
            mark(m.start, m.end, "@People")
    return out


def _sentence(doc: Document, sent: Span, sdoc: Any, stx: list[Timex], frames: Frames, index: Index, ctx: Context) -> list[Event]:
    text = doc.text
    offset = sdoc.user_data["offset"]
    light = frames.sets.get("LightVerbs", frozenset())
    habitual = frames.sets.get("HabitualAdverbs", frozenset())
    reporting = frames.sets.get("ReportingVerbs", frozenset())
    saying = frames.sets.get("SayingVerbs", frozenset())
    publishing = frames.sets.get("PublishingVerbs", frozenset())
    names = frames.name_lemmas
    lemma_hits = {t.i for t in sdoc if t.lemma_.lower() in frames.by_verb or t.lemma_.lower() in frames.by_noun
                  or (t.pos_ == "PROPN" and t.lemma_.lower() in names)}
    labels = [t for t in stx if discourse.leading_label(text, sent, t)]
    body_tx = [t for t in stx if t not in labels]
    anaphoric = {t.start for t in body_tx if timing.anaphoric_month(t, text)} if ctx.story_year is not None else set()
    if ctx.story_year is not None:  # "In 2019 she crossed … That March, police arrested her"
        body_tx = [timing.in_year(t, ctx.story_year) if t.start in anaphoric else t for t in body_tx]
        body_tx += timing.anaphoric_seasons(text, sent, ctx.story_year)
    if labels:  # a list item's label dates every sentence of the item, to the end of its line
        ctx.item_label, ctx.item_end = labels, (text.find("\n", sent.start) % (len(text) + 1))
    elif ctx.item_label and sent.start < ctx.item_end:
        labels = ctx.item_label
    if _QUESTION.search(sent.text.strip()):
        return []  # "Why were they arrested?": a question asks, it asserts no event
    body_tx = timing.clock_days(body_tx, ctx.narrative.day)  # "at 11:30 p.m." on the day the story tells
    day = _reference_day(labels, ctx)
    if day is not None and day != doc.published:  # "**March 3** — … on Monday": that Monday is March 3's
        body_tx = timing.reanchored(body_tx, text, sent, day)
    gov = timing.governors(sdoc, offset, body_tx, lemma_hits)
    date_of = {t.i: tx for tx in [*index.timexes_in(sent), *body_tx] for t in timing.tokens_of(sdoc, offset, tx)}
    in_dates = set(date_of)
    cands = match(sdoc, frames, _marks(sdoc, offset, text, sent, frames, index, in_dates), set(gov))
    for c in cands:  # a date is never what an event was done to ("the floods of 2024")
        c.themes = [t for t in c.themes if t.i not in in_dates]
    triggers = {c.token.i for c in cands}
    gov = timing.governors(sdoc, offset, body_tx, triggers)
    naming = [t for t in body_tx if not timing.names_a_thing(sdoc, offset, t, lemma_hits)]
    here = timing.stated_year([*labels, *naming])  # the year the sentence or its item states
    above = timing.stated_year(([ctx.narrative.heading] if ctx.narrative.heading else []) + ctx.section_years)
    stated = here if here is not None else above
    # a year from above the sentence places a month told as past no later than the telling: "in December"
    # under a release dated January 14, 2000 is December 1999 (a year the sentence states is its own);
    # with no publication date, an entry's own time is its telling ("[9/9]  1 Mar 2025, 13:52 UTC")
    limit = None if here is not None else doc.published or (ctx.entry_day.earliest if ctx.entry_day is not None else None)
    # "that August" keeps the story's year, unless the sentence states one ("In 2017 … that December")
    story_months = set() if here is not None else anaphoric
    told = _telling_of(gov, sdoc, here, reporting) if here is not None else set()  # "stole … in 2023, the firm said in a report in January"
    if stated is not None:  # "In 2021, … in March and … in October": the months are in 2021
        gov = {i: [timing.in_year(t, stated, limit) if t.anchor != "absolute" and timing.names_month(t) and t.start not in story_months
                   and i not in told else t
                   for t in txs]
               for i, txs in gov.items()}
    if stated is None and doc.published is None and (ref := ctx.narrative.story) is not None:
        # nothing to count from but the story: "In October 2018 … Then in November" is November 2018
        gov = {i: [timing.following(t, ref) if t.anchor == "unresolved" and timing.names_month(t) else t for t in txs]
               for i, txs in gov.items()}
    in_sentence = timing.sentence_time(gov, sdoc, triggers, reporting)
    dateline = next((t for t in index.timexes_in(sent) if t.resolved and t.granularity == "day"
                     and discourse.in_dateline(text, sent, t)), None)
    # a chronicle item tells the past in the present, as a headline does
    headline = not discourse._TERMINAL.search(sent.text.strip()) or bool(labels) or _stopped_headline(text, sent, sdoc)
    cited = according_to(sdoc)
    places = actors.places_by_clause(sdoc, offset, index)
    actors.note_officials(sdoc, offset, sent, index, ctx, frames.sets.get("Offices", frozenset()))
    out: list[Event] = []
    statements: dict[int, Event] = {}
    # "that night", "at the same trial", "said at the time" (once a sentence; a date of its own comes first)
    referred = timing.same_time(sent.text, ctx.narrative) if not any(t.resolved for t in body_tx) else None
    for c in sorted(cands, key=lambda c: (not c.frame.claim, c.token.i)):  # speech acts first
        own = timing.own_time(c.token, gov, light, triggers, habitual) or timing.when_clause_time(c.token, date_of, gov) or (
            timing.medium_time(c.token, gov, triggers) if c.frame.claim else timing.complement_time(c.token, gov, triggers, reporting))
        if own is not None:
            own = timing.not_until(c.token, own)
        telling = bool(told) and (c.token.i in told or timing.telling_verb(c.token).i in told)
        year = None if telling else stated
        if own is not None and year is None and not telling and own.anchor == "publication" and ctx.narrative.thread is not None:
            year = ctx.narrative.thread.earliest.year if ctx.narrative.thread.earliest else None  # the story's year
        if own is not None and year is not None and own.anchor != "absolute" and timing.names_month(own) and own.start not in story_months:
            own = timing.in_year(own, year, limit if year == stated else doc.published)  # told as past: not after the telling
        mod = assess(c.token, frames, claim=c.frame.claim, has_time=own is not None, headline=headline, decided=c.frame.decided)
        etype = c.type
        if mod.status == "negated" and c.frame.denial and c.token.lemma_.lower() in frames.sets.get("AdmissionVerbs", ()):
            etype = "Denial"  # "has never acknowledged running camps"
        elif not mod.happened:
            continue
        elif c.frame.denial and any(k.dep_ == "ccomp" and negated(k) and timing.reported_as_news(k) and _own_deed(k)
                                    and k.lemma_.lower() not in reporting and k.lemma_.lower() != "have" for k in c.token.children):
            etype = "Denial"  # "said it had not sent anyone back"; "said the North had not replied", "said they never knew" are no denial
        if c.nominal and actors.is_document(c.token, frames) and own is None and _cited(c.token, reporting):
            continue  # "the UN report found", "in a report by KCNA": a source cited, not a release
        agent = actors.entity_of(c.agent, sdoc, offset, index, ctx)
        if agent is None and c.frame.claim and c.token.dep_ == "advcl" and c.token.tag_ == "VBG" and c.token.head.lemma_.lower() in publishing:
            agent = actors.entity_of(next((k for k in c.token.head.children if k.dep_ == "nsubj"), None), sdoc, offset, index, ctx)
            # "KCNA published a commentary, denouncing the report": the publisher speaks
        if agent is None and c.nominal and not (c.token.pos_ == "PROPN" and c.frame.name_sets):  # "the OHCHR report": its author
            agent = next((actors.entity_of(k, sdoc, offset, index, ctx) for k in c.token.children
                          if k.dep_ == "compound" and k.pos_ == "PROPN" and k.i not in in_dates), None)  # "the October launch": a date, no author
        if c.frame.needs_agent and agent is None and not (c.frame.claim and actors.described_speaker(c.agent, frames, ctx)):
            continue
        if c.frame.claim and c.agent is not None and c.agent.lower_ in ("we", "i") and not _quoted(text, sent.start, c.token.idx + offset):
            continue  # "We urge governments to …": the document's own voice, which is its publication, not an event in it
        if c.frame.claim and c.token.dep_ == "relcl" and c.token.lemma_.lower() in saying and any(
            k.dep_ == "ccomp" and not any(g.dep_ in ("nsubj", "nsubjpass", "expl") for g in k.children) for k in c.token.children
        ):
            continue  # "remains it said were hers" (the noun is the gap of what is said): who vouches for a description
        if c.frame.claim and (actors.is_document(c.agent, frames) or (c.token.dep_ == "acl" and actors.is_document(c.token.head, frames)
                                                                 and not _published(c.token.head, frames))):
            continue  # "the report said", "a resolution condemning": a document's content, not a speech act
        if own is None and c.token.dep_ == "acl" and not c.frame.claim and _people_head(c.token, frames):
            continue  # "people caught distributing dramas": a description of who, not an event
        if c.token.dep_ == "acl" and c.token.tag_ == "VBN" and c.token.head.dep_ == "pobj" and not any(
                x.tag_ in ("VBD", "VBZ", "VBP", "MD") for x in sdoc):
            continue  # "Identifying information on the individuals designated today": a fragment that names them, telling nothing
        if own is None or not own.resolved:
            own = anchored.after_event(c.token, offset, frames.noun_types, ctx.dated_types) or own  # "a week after his arrest"
        when, source = own, "clause" if own is not None else None
        # "Koreans who fled …", "the anniversary of the adoption": what names someone or a past day is no news of the sentence's time
        someone = timing.describes_someone(c.token)
        background = someone or timing.commemorated(c.token, frames.sets.get("Commemorations", ()))
        aside = c.frame.claim and c.token.dep_ == "parataxis"  # "Her father, Lee said, died in 1998": the date is what was said
        if when is None and mod.reporter is not None and mod.reporter.i in gov and timing.reported_as_news(c.token) and not background:
            when, source = timing.best(gov[mod.reporter.i]), "sentence"  # "said on Monday it had sealed the border"
        if when is None and doc.published is not None and _progressive_now(c.token, headline):
            p = doc.published  # "OFAC is designating …": under way on the day of publication
            when, source = Timex(c.token.idx + offset, c.token.idx + offset + len(c.token.text), c.token.text, "DATE",
                                 p.isoformat(), p, p, "day", "publication"), "clause"
        if when is None and in_sentence is not None and not background and not aside and not (
            mod.reporter is not None and any(a.dep_ == "aux" and a.lower_ == "had" for a in c.token.children)  # "… and said she had been beaten": before the telling
        ) and not (
            c.nominal and c.token.dep_ == "pobj" and c.token.head.lower_ in _TEMPORAL_PREPS
        ):
            when, source = in_sentence, "sentence"
        again = referred if when is None else None
        if again is not None and not c.frame.claim and mod.reporter is not None and (
            mod.reporter.idx < again[1] + sent.start - offset < c.token.idx):
            again = None  # "said at the time that the pair had fled": the phrase dates the saying, not what was said
        if again is not None:
            when, source = again[0], "narrative"  # "were on duty that night", "at the same trial", "said at the time"
        if when is None and labels:
            when, source = timing.best(labels), "heading"
        if when is None and ctx.narrative.heading is not None:
            when, source = ctx.narrative.heading, "heading"
        if when is None and ctx.entry_day is not None:
            when, source = ctx.entry_day, "heading"
        if when is None and ctx.narrative.thread is not None and not headline and timing.past_tense(c.token) and not anchored.in_sequence_clause(c.token):
            when, source = ctx.narrative.thread, "narrative"
        if when is None and ctx.narrative.last is not None and _SINCE_THEN.search(sent.text):
            when, source = timing.since(ctx.narrative.last), "narrative"  # "Since then, … has adopted new laws"
        if when is not None and source in ("clause", "sentence"):
            # a date on the main verb in the simple past carries the story on, though the event is a gerund under it
            # ("In spring 2022, accounts emerged of a teacher receiving ten years … His wife received five years")
            ctx.narrative.told(when, verbal=(timing.past_tense(c.token) and not c.nominal) or any(
                when in txs and sdoc[i].dep_ == "ROOT" and timing.past_tense(sdoc[i]) for i, txs in gov.items()))
        label = when is not None and when in labels  # a list item's day: its year is the page's, not another event's in the item
        if when is not None and source != "clause" and (above if label else year) is not None and when.anchor != "absolute" and timing.names_month(when):
            when = timing.in_year(when, above if label else year)
        if c.frame.claim and c.token.lemma_.lower() in saying and etype == "Statement" and (
            (source not in ("clause", "sentence", "heading") and again is None and (agent is None or agent.key not in ctx.officials or _reports_event(c, cands) or aside))
            or (source == "sentence" and _reports_event(c, cands))
        ) or (c.frame.needs_agent and agent is None and source != "clause"):
            continue  # "X said [an event]": the event carries the attribution; an undated "said" is no news (but an official's
            # is); a speaker described, not named ("a ministry official"), speaks only on a day of the clause's own
        if when is None and dateline is not None and timing.reported_as_news(c.token) and (
            c.token.dep_ == "ROOT" or (c.token.dep_ in ("ccomp", "parataxis") and c.token.head.dep_ == "ROOT")
        ):
            when, source = dateline, "dateline"  # "SEOUL, May 12 (Yonhap) -- X fired …": the lead's main event
        told_by = timing.telling_verb(c.token)  # a noun event is told by its verb ("took place", "said in a report in March")
        told_past = told_by.pos_ == "VERB" and timing.reported_as_news(told_by)
        if when is not None and timing.after_publication(when, doc.published) and (label or told_past):
            back = ctx.story_year if not label and ctx.story_year is not None and ctx.story_year < doc.published.year else when.earliest.year - 1
            when = timing.in_year(when, back)  # "the breach took place on March 23" in a February story: last March, or the story's year
        if when is not None and told_by.pos_ == "VERB" and timing.told_as_done(told_by):
            when = timing.so_far(when, doc.published)  # "executed this year": January to the publication date
        if when is None and not c.frame.claim and someone and source is None:
            continue  # "a man who had fled to the South crossed back": who he is, not an event the text tells
        if when is None and (c.nominal and refers_back(c.token) or timing.time_clause(c.token)):
            continue  # "before the launch", "its illegal launches", "since the laws took effect": an event told before, named again
        if when is None and not headline and c.frame.claim and c.agent is not None and c.agent.lower_ == "it" and timing.simple_present(c.token):
            continue  # "It also urges China to stop …": the text under discussion speaking in its present, its content
        if when is None and not headline and not c.frame.claim and timing.simple_present(c.token):
            continue  # "trials are held in secret", "the resolution deplores the forced repatriation of …": a kind of act, no occurrence
        inferred = timing.inferred(c.token, doc.published) if when is None and not headline else None
        speaker, claimed_in = actors.claimant_of(c, mod, sdoc, offset, index, ctx, frames, cited, statements)
        participants = actors.participants_of(c, agent, sdoc, offset, text, places, index, ctx)
        if when is None and not c.themes and not participants and speaker is None and "People" in c.frame.theme_sets:
            continue  # "detention in a holding centre": an act on people done to no one, told with no time and no source — the kind of act
        ev = Event(
            doc_id=doc.id,
            type=etype,
            label="",
            sentence=sent,
            trigger=Span(c.token.idx + offset, c.token.idx + offset + len(c.token.text), c.token.text),
            when=when,
            participants=participants,
            quantities=quantities(c, text, offset),
            attributed_to=speaker,
            certainty=mod.certainty,
            polarity="positive",
            duration=duration(c, index.durations_in(sent), offset) if etype == "Sentencing" else None,
            time_source=source,
            inferred=inferred,
            claimed_in=claimed_in,
        )
        ev = replace(ev, label=label_of(ev, c, frames, sdoc, offset, text))
        for conj, tx in _gapped(c.token, gov, text, own) if not c.frame.claim else ():
            # "stole $620 million in March, and $100 million from Harmony in June": a second theft
            span = Span(conj.idx + offset, conj.idx + offset + len(conj.text), conj.text)
            if told_past and timing.after_publication(tx, doc.published):
                tx = timing.in_year(tx, tx.earliest.year - 1)  # as the first date of the list: told as past
            out.append(replace(ev, trigger=span, when=tx, time_source="clause", inferred=None, quantities=()))
        if c.frame.claim:
            statements[c.token.i] = ev
        elif etype == "ReportRelease" and c.nominal and c.token.dep_ == "pobj" and c.token.head.lower_ == "in":
            statements.setdefault(c.token.head.head.i, ev)  # "said in a report that …": what is said is claimed in the release
        if ev.when is not None and ev.when.resolved:
            ctx.dated_types[etype] = ev.when  # what "after his arrest" counts from, later in the text
        if etype == "ReportRelease" and agent is not None:
            ctx.report_author, ctx.report_key = agent, ev.key
        out.append(ev)
    if not any(e.type == "ReportRelease" for e in out) and _REPORTISH.search(sent.text):
        actors.remember_report(sdoc, offset, index, ctx, frames)
    return sorted(out, key=lambda e: e.trigger.start)


def _stopped_headline(text: str, sent: Span, sdoc: Any) -> bool:
    """A text's first line, a short sentence alone on its line in the present simple, is its
    headline though it ends with a full stop ("Court jails two traders for selling films."): a
    lead tells its news in the past."""
    if not _BLANK.fullmatch(text, 0, sent.start) or not discourse.whole_line(text, sent) or len(sent.text.split()) > 15:
        return False  # (a match of blanks stops at the text's first word: no copy of what precedes the sentence)
    return any(t.dep_ == "ROOT" and t.tag_ in ("VBZ", "VBP") for t in sdoc)


def _cited(t: Any, reporting: frozenset[str]) -> bool:
    """A document named as the source of what a sentence says (a new one is news of its release)."""
    if any(c.dep_ == "amod" and c.lower_ in ("new", "latest") for c in t.children):
        return False
    if t.dep_ == "nsubj" and t.head.lemma_.lower() in reporting:
        return True
    return t.dep_ == "pobj" and (t.head.lower_ in ("in", "to") and t.head.i > 0 and t.doc[t.head.i - 1].lower_ in ("according", "in")
                                 or t.head.lower_ == "in" and t.head.head.pos_ in ("VERB", "AUX"))


def _published(noun: Any, frames: Frames) -> bool:
    """Whether a document is the object of a publishing verb ("published a commentary denouncing
    …"): its publisher speaks through it."""
    return noun.dep_ == "dobj" and noun.head.lemma_.lower() in frames.sets.get("PublishingVerbs", frozenset())


def _quoted(text: str, start: int, at: int) -> bool:
    """Whether ``at`` lies inside a quotation opened since ``start`` (the sentence's start)."""
    seg = text[start:at]
    return seg.count("\u201c") > seg.count("\u201d") or seg.count('"') % 2 == 1


def _gapped(t: Any, gov: dict[int, list[Timex]], text: str, own: Timex | None) -> list[tuple[Any, Timex]]:
    """Dates a trigger governs through a coordinated object of its own: each is one more event
    whose verb the text leaves out. A list of dates on the predicate that gave the event its own
    date (the trigger, or the light verb of a noun) is one event per date."""
    out = []
    for tx in gov.get(t.i, []):
        gap = timing.gap_of(tx, t) if tx.resolved else None
        if gap is not None:
            out.append((gap, tx))
    if not out:  # "on October 9, 2006; May 25, 2009; and September 3, 2017": one event per date of a list
        offset = t.doc.user_data["offset"]
        holder = t.i if t.i in gov else next((i for i, txs in gov.items() if own is not None and own in txs), t.i)
        listed = timing.date_list(gov.get(holder, []), text, 0, own)
        out = [(timing.token_at(t.doc, tx.start - offset) or t, tx) for tx in listed[1:]]
    return out


def _progressive_now(t: Any, headline: bool) -> bool:
    """A present progressive in running text ("is designating"): an act under way now."""
    return not headline and t.tag_ == "VBG" and t.dep_ == "ROOT" and any(
        c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP") and c.lemma_ == "be" for c in t.children
    )


def _telling_of(gov: dict[int, list[Timex]], sdoc: Any, year: int, reporting: frozenset[str]) -> set[int]:
    """The tokens of a telling whose told clause states the sentence's year: "hackers stole $1
    billion in 2023, the firm said in a report released in January" — the saying verb and its own
    phrases (the report, its release) are not in 2023, since the year is what is told."""
    owners = {i for i, txs in gov.items() if any(t.anchor == "absolute" and t.earliest is not None and t.latest is not None
                                                 and t.earliest.year == year == t.latest.year for t in txs)}
    out: set[int] = set()
    for verb in (t for t in sdoc if t.lemma_.lower() in reporting):
        told = [k for k in verb.children if k.dep_ in ("ccomp", "parataxis") and any(t.i in owners for t in k.subtree)]
        if told and verb.i not in owners:
            inside = {t.i for k in told for t in k.subtree}
            out |= {t.i for t in verb.subtree if t.i not in inside}
    return out


def _reports_event(c: Candidate, cands: list[Candidate]) -> bool:
    """Whether a speech act's complement states an event of its own."""
    inside = {t.i for k in c.token.children if k.dep_ in ("ccomp", "xcomp", "parataxis", "dobj") for t in k.subtree}
    parataxis = c.token.dep_ in ("parataxis", "ROOT") and any(o.token.i < c.token.i for o in cands if not o.frame.claim)
    return any(not o.frame.claim and (o.token.i in inside or parataxis) for o in cands)


def _people_head(t: Any, frames: Frames) -> bool:
    head = t.head
    return head.lemma_.lower() in frames.sets.get("People", frozenset()) or head.tag_ == "NNS"


_QUESTION = re.compile(r"\?[\"”’'*)\]]*$")


def _own_deed(clause: Any) -> bool:
    """Whether a negated clause under a saying verb denies something of the speaker's own or an
    act with no doer named ("it had not sent", "no one was returned", "had not been forced"),
    rather than reporting what someone else did not do ("the North had not responded")."""
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is None or subject.dep_ == "nsubjpass" or subject.pos_ == "PRON" or nobody(subject)


def _reference_day(labels: list[Timex], ctx: Context) -> Any:
    """The day a dated item, heading or live-blog entry tells of, against which its "on Monday",
    "yesterday" and "last week" count; None where none is a single day."""
    for tx in (timing.best(labels) if labels else None, ctx.narrative.heading, ctx.entry_day, ctx.item_day, ctx.title_day):
        if tx is not None and tx.resolved and tx.earliest is not None and tx.earliest == tx.latest:
            return tx.earliest
    return None


def _link_denials(events: list[Event]) -> list[Event]:
    """A denial or rebuttal rejects the events its own sentence states after it, and the
    reports, resolutions and inquiries of others in the same document."""
    out = list(events)
    for i, ev in enumerate(out):
        if ev.type not in ("Denial", "Rebuttal"):
            continue
        denier = ev.agent_key
        targets: list[str] = []
        for j, other in enumerate(out):
            if j == i or other.type in ("Statement", "Denial", "Rebuttal"):
                continue
            if other.sentence == ev.sentence and other.trigger.start > ev.trigger.start:
                targets.append(other.key)
                out[j] = replace(other, polarity="negative", attributed_to=ev.attributed_to or other.attributed_to)
            elif ev.type == "Rebuttal" and other.type in ("ReportRelease", "Resolution", "Investigation"):
                author = other.agent_key
                if author != denier:
                    targets.append(other.key)
        if targets:
            out[i] = replace(ev, denies=tuple(targets), polarity="negative")
    return out


__all__ = ["extract_events"]
