"""Which sentences of a document carry events: page furniture, headings, list labels, datelines.

Reader comment threads, link lists ("Related articles" and the headlines under them), bare
headings, bylines and imperative call-outs state no events; a dated heading or list label
("2019:", "March 3, 2024 —") dates the sentences under it; a dateline ("SEOUL, Jan. 10
(Yonhap) --") names the agency that speaks and dates the story, never an event in it.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from ..linear import SpanIndex
from ..model import Entity, Span, Timex
from ..sentences import NOTE_MARK
from ..temporal.lexicon import LABEL_HEAD, LABEL_TAIL
from .entities import Gazetteer, slug

# Page furniture the reader may have missed: link lines and headings.
_LINK_LINE = re.compile(
    r"^\W{0,4}(?:also read|read more|read also|don[’']t miss|you might also like|you may also like|related|"
    r"see also|recommended|more from|watch|click here|subscribe|sign up|share this|advertisement|"
    r"photo|image|caption|copyright|©|follow us)\b",
    re.IGNORECASE,
)
# closing punctuation, then any footnote marks ("… a safe house.[^4]", "… in 2019.[12]", "…².")
_NOTE_MARKS = f"(?:{NOTE_MARK})*"
_TERMINAL = re.compile(r"[.!?\"”’:;)…]" + _NOTE_MARKS + r"\s*$")
# A reader comment thread ("Comments (12)", "3 Comments", "Leave a comment"): the rest of the page
# is furniture. A link list ("Related articles", "Read more") runs until the next prose sentence.
_COMMENTS_HEAD = re.compile(
    r"^\W{0,4}(?:\d+\s+comments?|comments?\s*(?:\(\d+\)|\d+)?|leave a (?:comment|reply)|join the (?:discussion|conversation)|"
    r"reader comments|what readers say|(?:show|view|load) comments)\W{0,4}$",
    re.IGNORECASE,
)
_LINKS_HEAD = re.compile(
    r"^\W{0,4}(?:related(?:\s+(?:articles?|stories|news|links|coverage|reading|content))?|read more|more from [\w ]+|"
    r"most (?:read|popular|viewed)|recommended(?: for you)?|you (?:might|may) also like|further reading|latest news|"
    r"more (?:stories|news|on this story)|trending|see also|top stories)\W{0,4}$",
    re.IGNORECASE,
)
# A references section ("References", "Notes", "Sources"): citations, to the next heading.
_REFS_HEAD = re.compile(r"^\W{0,4}(?:references|notes|end ?notes|foot ?notes|sources|bibliography|works cited|citations)\W{0,4}$",
                        re.IGNORECASE)
# A list item that is a linked headline with its date: "Two teenagers sentenced … (Jan. 12, 2024)"
_DATED_HEADLINE = re.compile(
    r"(?:\(|\|\s*|[–—-]\s+)(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]{2,8}\s+\d{4}|\d{4}[./-]\d{1,2}[./-]\d{1,2})\)?\s*$"
)
_IMPERATIVE = re.compile(
    r"^\W{0,3}(?:support|stay|donate|read|sign|join|learn|pressure|watch|follow|subscribe|share|click|contact|"
    r"help|call|tell|write|visit|consider|remember|check|take|make sure|don[’']t|do not|let)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[\w’'-]+")
_ENDS_SENTENCE = re.compile(r"[.!?][\"”’]?" + _NOTE_MARKS + r"\s*$")
_CONDITION_START = re.compile(r"\W{0,2}(?:if|unless|whether)\b", re.I)
_AGENCY = r"[A-Z][A-Za-z]{2,15}"  # an agency named after a dateline's date without brackets: "TOKYO, Feb. 13 Kyodo -"
_DATELINE = re.compile(
    r"^\W{0,3}[A-Z][\w .'-]{1,40},\s+(?:[A-Z][a-z]+\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]+)\s*"
    rf"(?:\((?P<src>[A-Za-z .-]{{2,40}})\)|(?P<bare>{_AGENCY})\s+[\u2013\u2014-])"  # "(Yonhap) --", "Kyodo -"
)


_MONTH_ABBR_END = re.compile(r"(?<![\w.])(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.$")
_DIGIT_NEXT = re.compile(r"[ \t]{1,3}\d")


def rejoin_dates(text: str, sentences: list[Span]) -> list[Span]:
    """Sentences rejoined where a split fell after a month abbreviation ("**Jan." | "22, 2020** —"),
    so the date and the event it dates stay in one quote."""
    out: list[Span] = []
    for s in sentences:
        prev = out[-1] if out else None
        if prev is not None and _MONTH_ABBR_END.search(prev.text) and _DIGIT_NEXT.fullmatch(text, prev.end, s.start + 1):
            out[-1] = Span(prev.start, s.end, text[prev.start : s.end])
        else:
            out.append(s)
    return out


_MORE_LINK = re.compile(r"[»›→>]+\W*$|\.{3}\W*$|…\W*$")


def links_head(t: str) -> bool:
    """Whether a line heads a list of links ("Related articles", "Read more:"). A "more" link that
    closes a teaser ("Read more »", "Continue reading →") heads nothing: the next item of a
    teaser page, its headline and its date, follow it."""
    return bool(_LINKS_HEAD.match(t)) and not _MORE_LINK.search(t)


def blocks(spans: list[Span]) -> list[tuple[int, int]]:
    """Runs of consecutive sentences, as (start, end), so furniture between them is skipped."""
    out: list[tuple[int, int]] = []
    for s in spans:
        if out and s.start - out[-1][1] <= 4:
            out[-1] = (out[-1][0], s.end)
        else:
            out.append((s.start, s.end))
    return out


def in_noise(s: Span, noise: SpanIndex) -> bool:
    """Whether page furniture covers half of the sentence or more (by bisection: linear overall)."""
    return noise.covered(s.start, s.end) * 2 >= max(1, s.end - s.start)


def drop_threads(text: str, sentences: list[Span], spans: list[tuple[int, int]]) -> list[Span]:
    """The sentences outside page furniture: not in ``noise``, not after a reader-comment thread
    starts, not items of a link list ("Related articles" and the headlines under it), not the
    citations of a references section (to the next heading)."""
    noise = SpanIndex(spans)
    out: list[Span] = []
    in_links = in_refs = False
    for s in sentences:
        t = s.text.strip().strip("*#_ ").strip()
        if _REFS_HEAD.match(t):
            in_refs = True
            continue
        if in_refs:
            if not (is_heading(t) and whole_line(text, s)):
                continue
            in_refs = False  # the next section
        if in_noise(s, noise):
            if _COMMENTS_HEAD.match(t):
                break
            in_links = in_links or links_head(t)
            continue
        if _COMMENTS_HEAD.match(t):
            break
        if links_head(t):
            in_links = True
            continue
        if in_links:
            if _ENDS_SENTENCE.search(t) and len(_WORD.findall(t)) > 8 and not _DATED_HEADLINE.search(t):
                in_links = False  # prose again
            else:
                continue
        if _DATED_HEADLINE.search(t) and not _ENDS_SENTENCE.search(t):
            continue
        out.append(s)
    return out


def is_heading(t: str) -> bool:
    t = t.strip()
    if _TERMINAL.search(t):
        return False
    words = _WORD.findall(t)
    if len(words) <= 8:
        return True
    caps = sum(1 for w in words if w[:1].isupper() or w[:1].isdigit())
    return caps / len(words) >= 0.6


_YEAR_HEADING = re.compile(r"[#*_=\s]*((?:1[89]|2[01])\d\d)[*_=:\s]*(?:\[\s*edit(?:\s*\|\s*edit source)?\s*\]\s*)?")


def year_heading(sent: Span) -> Timex | None:
    """A heading that is a year and nothing else ("### 2017", "**2018**", "2019:") names the year
    of the section under it; a number alone in running text is not read as a year, so the
    time expression engine leaves it."""
    m = _YEAR_HEADING.fullmatch(sent.text)
    if m is None:
        return None
    year = int(m.group(1))
    start = sent.start + m.start(1)
    return Timex(start, start + 4, m.group(1), "DATE", m.group(1), date(year, 1, 1), date(year, 12, 31), "year", "absolute")


def stamp_heading(doc: Any, sent: Span) -> Timex | None:
    """A line that is a time the page's markup dates (``Document.stamps``: a live blog's
    ``<time datetime>``), as the day it names; None for any other sentence."""
    for start, end, day in doc.stamps:
        if sent.start <= start and end <= sent.end and len(sent.text.strip()) <= (end - start) + 4:
            return Timex(start, end, doc.text[start:end], "DATE", day.isoformat(), day, day, "day", "absolute")
    return None


_CLOCK_LABEL = re.compile(
    r"(?:\*\*)?(?P<h>[01]?\d|2[0-3])[:.](?P<m>[0-5]\d)(?:\s?(?:[ap]\.?m\.?|GMT|UTC|KST|JST|BST|CET|EST|EDT|ET))?(?:\*\*)?\s+(?=[A-Z\"\u201c])")


def clock_label(text: str, sent: Span) -> str | None:
    """The clock time an entry of a live page opens its line with ("**23:40** China's foreign
    ministry said …"), or None; a bracketed media offset ("[03:12]") is no time of day."""
    line_start = text.rfind("\n", 0, sent.start) + 1
    if text[line_start : sent.start].strip():
        return None
    m = _CLOCK_LABEL.match(sent.text)
    return m.group().strip() if m else None


def is_furniture(sent: Span, kept: list[Span], idx: int) -> bool:
    t = sent.text.strip()
    if _LINK_LINE.match(t) or _IMPERATIVE.match(t) or _CONDITION_START.match(t):
        return True
    if len(_WORD.findall(t)) < 4:
        return True
    if is_heading(t):
        return True
    return False


# "SEOUL, May 28 (Yonhap) --", "SEOUL, South Korea —", "BEIJING (Reuters) -": the place a story is told from.
_DATELINE_PLACE = re.compile(
    r"^\W{0,3}(?P<city>[A-Z][A-Za-z'-]+(?: [A-Z][A-Za-z'-]+){0,2})(?:,\s+[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,2})??"
    r"(?:,\s+(?:[A-Z][a-z]+\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]+)(?:,?\s+\d{4})?)?\s*(?:\([A-Za-z .&/-]{2,40}\))?\s*(?:--|[\u2013\u2014-])\s")


def dateline_state(text: str, body_start: int, gaz: Gazetteer) -> Entity | None:
    """The state whose city a dateline names ("SEOUL, May 28 (Yonhap) --" → South Korea): the
    state its bodies belong to when the story names them bare ("the foreign ministry said")."""
    head = text[body_start : body_start + 600]
    for line in head.splitlines()[:6]:
        m = _DATELINE_PLACE.match(line)
        if m:
            place = gaz.lookup(m.group("city").title())
            return gaz.states.get(place.key) if place is not None and place.kind == "place" else None
    return None


def dateline_source(text: str, body_start: int, gaz: Gazetteer) -> Entity | None:
    """The news agency of a dateline ("Pyongyang, October 2 (KCNA) –"), if the text has one."""
    head = text[body_start : body_start + 600]
    for line in head.splitlines()[:6]:
        m = _DATELINE.match(line)
        if m:
            src = (m.group("src") or m.group("bare")).strip()
            return gaz.lookup(src) or Entity(key=slug(src), label=src, kind="actor", category="media")
    return None


# --- one sentence -------------------------------------------------------------------------


_DATELINE_HEAD = re.compile(r"\(?(?:[A-Z][\w'’.-]*(?:[ /][A-Z][\w'’.-]*){0,3},\s*)?$")
_DATELINE_TAIL = re.compile(rf"\)?\s*(?:\([A-Za-z][\w .&/-]{{1,30}}\)\.?\s*|{_AGENCY}\s+(?=[\u2013\u2014-]))?(?:--|[\u2013\u2014-]|:)\s")


_CITED_BY = re.compile(r"(?:[(;]\s*|,\s+)(?:see\s+|cf\.\s+|e\.g\.,?\s+)?[A-Z][\w'’.-]+(?:\s+(?:and|&)\s+[A-Z][\w'’.-]+|\s+et\s+al\.?|\s+[A-Z][\w'’.-]+)?,?\s*$")
_CITATION_END = re.compile(r"[a-z]?(?:,\s*(?:p|pp)\.\s*[\d–-]+)?\s*[;)]")


def in_citation(text: str, t: Timex) -> bool:
    """Whether ``t`` is the year of an author-year citation ("(Haggard and Noland 2007; Lankov
    2013)", "(OHCHR 2024)"): it dates a publication that is cited, never an event told."""
    if t.end - t.start != 4 or not text[t.start : t.end].isdigit():
        return False
    return bool(_CITED_BY.search(text, max(0, t.start - 60), t.start)) and bool(_CITATION_END.match(text, t.end))


def in_dateline(text: str, sent: Span, t: Timex) -> bool:
    """Whether ``t`` is the date of a dateline opening the sentence ("SEOUL, Jan. 10 (Yonhap) --",
    "(Seoul, June 2, 2024) –"): it dates the story, never an event in it. A bare date and a dash
    with neither a place before it nor an agency after it ("Jan. 22 — The border closes") is a
    chronicle's label: it dates the entry it opens."""
    tail = _DATELINE_TAIL.match(text, t.end)
    if tail is None or not _DATELINE_HEAD.fullmatch(text, sent.start, t.start):
        return False
    return bool(text[sent.start : t.start].strip()) or any(c.isalpha() for c in tail.group())


def readable(text: str, sentences: list[Span], noise: tuple[Span, ...]) -> list[tuple[Span, bool]]:
    """The sentences outside page furniture, in order, each with whether it is a heading (a
    heading states no event itself but may date the sentences under it)."""
    spans = sorted((n.start, n.end) for n in noise)
    kept = drop_threads(text, rejoin_dates(text, sentences), spans)
    return [(s, is_furniture(s, kept, i)) for i, s in enumerate(kept)]


_RANGE_END = re.compile(r"\s*(?:–|—|-|--|to)\s*(?:present|today|now|\d)", re.I)


def clock_on_a_day(t: Timex) -> bool:
    """A clock time on a stated day ("[2/9]  21 Feb 2025, 16:48 UTC"): in a text with no
    publication date (an exported thread of posts), a heading of one dates the post under it;
    where the text has a publication date, such a line is its stamp."""
    return t.type == "TIME" and t.earliest is not None and t.earliest == t.latest


# A sentence that only gives a time, for the next to tell what happened then: "It was in March
# 2017.", "That was back in 2019.", after a speaker's label in a transcript too.
_TIME_ANSWER = re.compile(r"(?:^|:\s+)\W{0,3}(?:it|that|this)\s+(?:was|happened)\s+(?:back\s+)?(?:in|on|at|around|during|early|late)\b[^.!?]{0,40}[.!]?\s*$", re.I)


def time_answer(text: str) -> bool:
    return _TIME_ANSWER.search(text) is not None


_FRAME_HEAD = re.compile(r"\W{0,3}(?:\[[\d:.]+\]\s*)?(?:[A-Z][\w .'’-]{0,40}:\s+)?(?i:(?:back\s+|early\s+|late\s+)?(?:in|on|during|by|around|at\s+the\s+end\s+of)\s+)?")


def framing_date(text: str, sent: Span, timexes: list[Timex]) -> Timex | None:
    """A resolved date that opens a sentence ("In August 2023, a broker …", "On 3 May 2019 the
    court …", after a transcript's speaker label too): it sets the time the story has reached,
    whatever the sentence tells."""
    for t in timexes:
        if t.start >= sent.start and t.resolved and t.anchor in ("absolute", "expression") and t.earliest is not None:
            m = _FRAME_HEAD.match(text, sent.start, t.start)
            return t if m is not None and m.end() == t.start else None
    return None


def range_follows(text: str, t: Timex) -> bool:
    """Whether ``t`` opens a range ("2000s–present", "1959–1970s") rather than a label."""
    return bool(_RANGE_END.match(text, t.end))


def whole_line(text: str, sent: Span) -> bool:
    """Whether ``sent`` is a line of its own (only blanks beside it up to the line breaks)."""
    before = text.rfind("\n", 0, sent.start) + 1
    after = text.find("\n", sent.end)
    return not text[before : sent.start].strip() and not text[sent.end : len(text) if after < 0 else after].strip()


def leading_label(text: str, sent: Span, t: Timex) -> bool:
    """Whether ``t`` opens ``sent`` as a list label or a dated item ("2019: …", "March 3 — …",
    "- 12 May 2024: …"): it dates every event of the item that has no date of its own."""
    return bool(LABEL_HEAD.fullmatch(text, sent.start, t.start)) and bool(LABEL_TAIL.match(text, t.end))


_BULLET = re.compile(r"\s*(?:[-*\u2022>]\s+|#{1,6}\s+|\d{1,3}[.)]\s+)?")
_EMPHASIS_LABEL = re.compile(r"(\*\*|__)[^*_\n]{1,80}?\1\s*(?::|[-\u2013\u2014|]|--)?\s*")
# "SEOUL, South Korea (AP) — ": a dateline whose date is elsewhere (a stamp above the story).
_UNDATED_DATELINE = re.compile(r"(?-i:[A-Z][A-Z'’.-]+(?:[ /][A-Z][A-Z'’.-]+){0,3}),(?:\s+[A-Z][\w'’.-]*){0,3}\s*\([A-Za-z][\w .&/-]{1,30}\)\s*(?:--|[\u2013\u2014-])\s+")
_SEPARATOR = re.compile(r"[*_]*\s*(?:[:\u2013\u2014|.]|--|-(?=\s))?\s*")


def clause_start(text: str, sent: Span, timexes: list[Timex]) -> int:
    """Where the clause of a sentence begins: after a list marker, a leading label ("- **March
    6** - Four missiles are fired", "2019: …", "**Weekend:** …") or a dateline ("SEOUL, June 16
    (Yonhap) -- …"). Neither is part of the clause and, parsed with it, becomes its subject."""
    at = _BULLET.match(text, sent.start, sent.end).end()
    label = next((t for t in timexes if t.start >= at and leading_label(text, sent, t)), None)
    dateline = next((t for t in timexes if in_dateline(text, sent, t)), None)
    if label is not None and (label.start - at <= 2 or LABEL_HEAD.fullmatch(text, at, label.start)):
        at = _SEPARATOR.match(text, label.end, sent.end).end()
    elif dateline is not None:
        at = _DATELINE_TAIL.match(text, dateline.end).end()
    elif (m := _UNDATED_DATELINE.match(text, at, sent.end)) is not None:
        at = m.end()
    else:
        m = _EMPHASIS_LABEL.match(text, at, sent.end)
        if m is not None and m.end() < sent.end:
            at = m.end()
    return at if at < sent.end and any(c.isalpha() for c in text[at:sent.end]) else sent.start
