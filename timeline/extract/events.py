"""Event mentions from one document: triggers → type, participants, time, claim (stdlib only).

For each sentence outside page furniture the ontology's triggers propose event types; rules
then find the agent (the subject before the trigger, or "by X" after it), the affected
people, places, quantities, the governing time expression and who the text says it from.

>>> from timeline.model import Document, Span, Timex
>>> text = "In April 2025, China reportedly sent 60 escapees back across the border."
>>> doc = Document(id="d", path="d.txt", text=text, sha256="0")
>>> tx = Timex(3, 13, "April 2025", "DATE", "2025-04")
>>> [e.label for e in extract_events(doc, [tx], [Span(0, len(text), text)])]
['China forcibly repatriates 60 people']
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Iterable

from ..model import Document, Entity, Event, Participant, Quantity, Span, Timex
from . import claims
from .entities import Gazetteer, Mention, find_people, load_gazetteer, slug
from .triggers import Vocabulary, load_vocabulary

CLAIM_TYPES = ("Statement", "Denial", "Rebuttal")
REPORT_TYPES = ("ReportRelease", "Investigation", "Resolution")

# Entities on the North Korean side, whose statements about others' reports are rebuttals.
_DPRK_SIDE = frozenset(
    {"Q423", "kcna", "rodong-sinmun", "dprk-foreign-ministry", "dprk-mss", "wpk", "kahrs", "Q56226", "kim-yo-jong"}
)
_REBUTTAL_CUE = re.compile(
    r"\b(?:report|resolution|accusations?|allegations?|slander\w*|smear\w*|fabricat\w*|so-called|"
    r"politiciz\w*|politicis\w*|hostile|plot)\b",
    re.IGNORECASE,
)

# Page furniture the reader may have missed: link lines and headings.
_LINK_LINE = re.compile(
    r"^\W{0,4}(?:also read|read more|read also|don[’']t miss|you might also like|you may also like|related|"
    r"see also|recommended|more from|watch|click here|subscribe|sign up|share this|advertisement|"
    r"photo|image|caption|copyright|©|follow us)\b",
    re.IGNORECASE,
)
_TERMINAL = re.compile(r"[.!?\"”’:;)…]\s*$")
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
_ENDS_SENTENCE = re.compile(r"[.!?][\"”’]?\s*$")
_CONDITION_START = re.compile(r"\W{0,2}(?:if|unless|whether)\b", re.I)

_GROUP_NOUNS = (
    r"people|persons|citizens|defectors|refugees|escapees|returnees|officials|workers|labou?rers|prisoners|"
    r"detainees|inmates|children|women|men|man|woman|boy|girl|students|journalists|activists|christians|"
    r"north koreans|residents|soldiers|fishermen|relatives|families|family members|witnesses|individuals|"
    r"civilians|teenagers|youths|missionaries|smugglers|brokers|traders|farmers|those caught|those|"
    r"teenager|defector|escapee|refugee|prisoner|detainee|worker|official|student|journalist|activist|citizen|"
    r"resident|soldier|person|missionary|smuggler|broker|trader|farmer|pastor|youth|guards|guard|officers|officer|boys|boy|girls|"
    r"cadres|nationals|crew members|sailors|merchants|drivers|employees|dissidents|believers|mothers|fathers|"
    r"asylum seekers|migrants|detainees|inmates|north koreans"
)
_NUMWORD = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|"
    r"sixty|hundred|dozens|hundreds|thousands|tens of thousands|hundreds of thousands|several|many|some"
)
_GROUP_RE = re.compile(
    r"(?<![\w-])(?:(?:up to|as many as|more than|over|about|around|roughly|approximately|at least|nearly|almost|some|an estimated)\s+)?"
    r"(?:(?:(?!(?:19|20)\d\d\b)\d+(?:[.,]\d+)*(?:\s+(?:million|thousand|hundred))?|" + _NUMWORD + r"|an?|the|those|these)\s+)?"
    r"(?:(?!(?:of|to|in|on|for|and|or|the|an?|with|by|from|that|who|whom|which|your|their|his|her|its|our|my|"
    r"says?|said|considers?|considered|are|is|was|were|have|has|had|will|would|could|may|might|told|tells|reported|"
    r"estimates?|estimated|called|calls|shows?|showed|remains?|became|becomes|sent|send|returned|deported|"
    r"repatriated|executed|arrested|detained|sentenced|tortured|held)\b)"
    r"(?:[a-z]+(?:-[a-z]+)?)\s+){0,2}?(?:" + _GROUP_NOUNS + r")(?![\w-])",
    re.IGNORECASE,
)
_PRONOUN_GROUP = re.compile(r"(?<![\w-])(?:she|he|they|her|him|them)(?![\w-])", re.IGNORECASE)
_AGENTIVE = re.compile(
    r"(?<![\w-])(?:the\s+|an?\s+|one\s+)?(?:[a-z]+\s+)?(?:authorities|officials?|guards?|police|hackers?|"
    r"escapees?|defectors?|spokes(?:person|man|woman)|witness(?:es)?|survivors?|researchers?|experts?|"
    r"analysts?|ministers?|ambassadors?|prosecutors?|courts?|judges?|activists?|campaigners?|observers?|"
    r"sources?|diplomats?|residents?|(?:rights\s+)?groups?|monitors?|lawmakers?)(?![\w-])",
    re.IGNORECASE,
)
_PRONOUN_SUBJ = re.compile(r"(?<![\w-])(?:it|they|we|he|she)(?![\w-])", re.IGNORECASE)

_NUM_VALUES = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "hundred": 100,
}
_SCALE = {"thousand": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12}
_MONEY_RE = re.compile(
    r"(?:US|U\.S\.)?\$\s?(?P<n>\d[\d,]*(?:\.\d+)?)\s*(?P<s>million|billion|trillion|thousand|mn|bn|m|b)?(?![\w])",
    re.IGNORECASE,
)
_COUNT_RE = re.compile(
    r"(?<![\w.$-])(?P<n>\d[\d,]*(?:\.\d+)?|" + "|".join(k for k in _NUM_VALUES) + r")"
    r"(?:\s+(?P<s>million|billion|thousand))?"
    r"(?:\s+(?:new\s+|more\s+|daily\s+)?(?:[a-z]+\s+)?(?P<u>" + _GROUP_NOUNS + r"|cases|deaths|infections|"
    r"executions|arrests|defections))?(?![\w-])",
    re.IGNORECASE,
)
_VAGUE_MONEY = re.compile(r"(?<![\w-])(?P<s>hundreds\s+of\s+millions|tens\s+of\s+millions|billions|millions)\s+of\s+(?:US\s+|U\.S\.\s+)?dollars\b", re.I)
_TERM_RE = re.compile(
    r"(?<![\w-])(?P<n>\d{1,3}|" + "|".join(k for k in _NUM_VALUES) + r")[- ](?P<u>years?|months?)(?![\w-])",
    re.IGNORECASE,
)
_DATELINE = re.compile(
    r"^\W{0,3}[A-Z][\w .'-]{1,40},\s+(?:[A-Z][a-z]+\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]+)\s*\((?P<src>[A-Za-z .-]{2,40})\)"
)
_PREP_BEFORE = re.compile(r"\b(?:in|on|since|during|by|from|as of|until|till|after|before|at|throughout|between)\s+$", re.IGNORECASE)

_LABELS = {
    "ReportRelease": ("{agent} releases report", "Report released"),
    "Statement": ("{agent} makes statement", "Statement"),
    "Rebuttal": ("{agent} rebuts {target}", "Rebuttal of {target}"),
    "Denial": ("{agent} denies {target}", "Denial of {target}"),
    "BorderClosure": ("{agent} closes border", "Border closed"),
    "Repatriation": ("{agent} forcibly repatriates {affected}", "{affected} forcibly repatriated"),
    "Execution": ("{agent} executes {affected}", "{affected} executed"),
    "Sentencing": ("{affected} sentenced{term}", "{affected} sentenced{term}"),
    "Detention": ("{agent} detains {affected}", "{affected} detained"),
    "SurveillanceMeasure": ("{agent} expands surveillance", "Surveillance expanded"),
    "LawEnactment": ("{agent} adopts law", "Law adopted"),
    "Lockdown": ("{agent} locks down {place}", "Lockdown in {place}"),
    "CyberTheft": ("{agent} steals {amount}", "Cyber theft of {amount}"),
    "Sanction": ("{agent} imposes sanctions", "Sanctions imposed"),
    "Resolution": ("{agent} adopts resolution", "Resolution adopted"),
    "Investigation": ("{agent} investigation", "Investigation"),
    "Outbreak": ("Disease outbreak in {place}", "Disease outbreak"),
    "Flood": ("Floods in {place}", "Floods"),
    "MissileTest": ("{agent} launches missile", "Missile launch"),
    "Torture": ("{agent} tortures {affected}", "{affected} tortured"),
    "ForcedLabor": ("Forced labour by {agent}", "Forced labour"),
    "Defection": ("{affected} flee", "{affected} flee"),
    "Abduction": ("{agent} abducts {affected}", "{affected} abducted"),
}
# A second trigger of the same type in a sentence is a second event only across a clause
# boundary ("a man was sentenced to seven years …, and the woman … was given 15 years").
_CONJ = re.compile(r"(?:,\s*|\s)(?:and|while|whereas|but)\s+(?:the|a|an|his|her|their|two|three|another)\b|;")
_AGENT_AFTER_TYPES = frozenset({"ReportRelease", "Investigation", "Resolution"})


@dataclass
class _Ctx:
    """What a document establishes as it is read: its source, the report under discussion."""

    source: Entity | None = None
    report_author: Entity | None = None
    seen: list[Entity] = field(default_factory=list)  # actors named so far, for "the ministry"


def extract_events(doc: Document, timexes: list[Timex], sentences: list[Span]) -> list[Event]:
    """Every event mention in ``doc``: one :class:`Event` per (sentence, event type).

    ``timexes`` come from :func:`timeline.temporal.find_timexes`, ``sentences`` from
    :func:`timeline.sentences.split_sentences`. Sentences inside ``doc.noise`` (and link lines
    and bare headings the reader missed) yield nothing. The result is ordered by position.
    """
    vocab = load_vocabulary()
    gaz = load_gazetteer()
    text = doc.text
    ctx = _Ctx(source=_dateline_source(text, doc.body_start, gaz))
    noise = sorted((n.start, n.end) for n in doc.noise)
    tx_sorted = sorted(timexes, key=lambda t: t.start)
    events: list[Event] = []
    previous: list[tuple[int, Span, list[Event]]] = []  # (index, sentence, its events)
    kept = _drop_threads(text, _rejoin_dates(text, sentences), noise)
    # one pass over the whole text per vocabulary, then bucket by sentence
    low = text.lower()
    trig: list[tuple[str, re.Match[str]]] = []
    for b, e in _blocks(kept):  # scan only the text outside page furniture
        trig.extend(vocab.scan(text, b, e, lowered=low))
    idx_doc = _DocIndex(
        triggers=sorted(trig, key=lambda tm: (tm[1].start(), tm[0])),
        mentions=(mentions := gaz.find(text)),
        people=_with_bare_surnames(text, _by_surname(find_people(text), mentions), mentions),
        timexes=tx_sorted,
    )
    for idx, sent in enumerate(kept):
        if _is_furniture(sent, kept, idx):
            if _is_heading(sent.text):  # a heading or a byline names who speaks ("Spokesperson for the UN …")
                ctx.seen.extend(m.entity for m in idx_doc.in_sentence(sent)[1] if m.entity.kind == "actor")
            continue
        found = _sentence_events(doc, sent, vocab, gaz, ctx, previous, idx_doc)
        previous.append((idx, sent, found))
        events.extend(found)
    return _link_denials(events)


def _by_surname(people: list[Mention], known: list[Mention]) -> list[Mention]:
    """"Ms. Salmón" is the person the gazetteer knows by that surname ("Elizabeth Salmón")."""
    persons = {m.entity.label.split()[-1]: m.entity for m in known if m.entity.category == "person"}
    out = []
    for p in people:
        surname = p.text.split()[-1]
        if p.text.split()[0].rstrip(".") in ("Mr", "Ms", "Mrs", "Dr") and surname in persons:
            p = Mention(persons[surname], p.start, p.end, p.text)
        out.append(p)
    return out


_KOREAN_GIVEN = re.compile(r"[A-Z][a-z]+-[a-z]+$")
_CAPITALISED = re.compile(r"(?<![\w’'.-])[A-Z][a-z]{1,12}(?![\w’'-])(?!\s+[A-Z])")


def _with_bare_surnames(text: str, people: list[Mention], known: list[Mention]) -> list[Mention]:
    """A surname on its own after the full name names that person: "Kim" after "Kim Jong Un",
    "Chung" after "Chung Eui-yong" (Korean names lead with the surname), "Kirby" after "John
    Kirby". A surname two people share names neither.

    >>> t = "Leader Kim Jong Un spoke. Kim told the assembly to act."
    >>> [(m.text, m.entity.key) for m in _with_bare_surnames(t, find_people(t), [])]
    [('Kim Jong Un', 'kim-jong-un'), ('Kim', 'kim-jong-un')]
    """
    persons = [m for m in known if m.entity.category == "person"]
    named = persons + [m for m in people if len(m.text.split()) >= 2 and not any(_overlap(m, k) for k in persons)]
    first: dict[str, tuple[int, Entity]] = {}
    clash: set[str] = set()
    for m in named:
        words = m.text.split()
        korean = len(words) == 3 or (len(words) == 2 and _KOREAN_GIVEN.match(words[1]) is not None)
        surname = words[0] if korean else words[-1]
        if surname in first and first[surname][1].key != m.entity.key:
            clash.add(surname)
        elif surname not in first or m.end < first[surname][0]:
            first[surname] = (m.end, m.entity)
    if not first:
        return people
    taken = [(m.start, m.end) for m in [*known, *people]]
    extra = []
    for m in _CAPITALISED.finditer(text):
        name = m.group(0)
        hit = first.get(name)
        if hit is None or name in clash or m.start() < hit[0]:
            continue
        if any(a <= m.start() < b for a, b in taken):
            continue
        extra.append(Mention(hit[1], m.start(), m.end(), name))
    return sorted([*people, *extra], key=lambda x: x.start) if extra else people


# --- sentences ----------------------------------------------------------------------------


_MONTH_ABBR_END = re.compile(r"(?<![\w.])(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.$")
_DIGIT_NEXT = re.compile(r"[ \t]{1,3}\d")


def _rejoin_dates(text: str, sentences: list[Span]) -> list[Span]:
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


def _blocks(spans: list[Span]) -> list[tuple[int, int]]:
    """Runs of consecutive sentences, as (start, end), so furniture between them is skipped."""
    out: list[tuple[int, int]] = []
    for s in spans:
        if out and s.start - out[-1][1] <= 4:
            out[-1] = (out[-1][0], s.end)
        else:
            out.append((s.start, s.end))
    return out


def _in_noise(s: Span, noise: list[tuple[int, int]]) -> bool:
    length = max(1, s.end - s.start)
    covered = sum(max(0, min(s.end, e) - max(s.start, b)) for b, e in noise if b < s.end and e > s.start)
    return covered * 2 >= length


def _drop_threads(text: str, sentences: list[Span], noise: list[tuple[int, int]]) -> list[Span]:
    """The sentences outside page furniture: not in ``noise``, not after a reader-comment thread
    starts, not items of a link list ("Related articles" and the headlines under it)."""
    out: list[Span] = []
    in_links = False
    for s in sentences:
        t = s.text.strip().strip("*#_ ").strip()
        if _in_noise(s, noise):
            if _COMMENTS_HEAD.match(t):
                break
            in_links = in_links or bool(_LINKS_HEAD.match(t))
            continue
        if _COMMENTS_HEAD.match(t):
            break
        if _LINKS_HEAD.match(t):
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


def _is_heading(t: str) -> bool:
    t = t.strip()
    if _TERMINAL.search(t):
        return False
    words = _WORD.findall(t)
    if len(words) <= 8:
        return True
    caps = sum(1 for w in words if w[:1].isupper() or w[:1].isdigit())
    return caps / len(words) >= 0.6


def _is_furniture(sent: Span, kept: list[Span], idx: int) -> bool:
    t = sent.text.strip()
    if _LINK_LINE.match(t) or _IMPERATIVE.match(t) or _CONDITION_START.match(t):
        return True
    if len(_WORD.findall(t)) < 4:
        return True
    if _is_heading(t):
        return True
    return False


def _dateline_source(text: str, body_start: int, gaz: Gazetteer) -> Entity | None:
    """The news agency of a dateline ("Pyongyang, October 2 (KCNA) –"), if the text has one."""
    head = text[body_start : body_start + 600]
    for line in head.splitlines()[:6]:
        m = _DATELINE.match(line)
        if m:
            return gaz.lookup(m.group("src").strip()) or Entity(
                key=slug(m.group("src")), label=m.group("src").strip(), kind="actor", category="media"
            )
    return None


# --- one sentence -------------------------------------------------------------------------


class _DocIndex:
    """Trigger matches and entity mentions of a whole document, looked up by sentence."""

    def __init__(
        self,
        triggers: list[tuple[str, re.Match[str]]],
        mentions: list[Mention],
        people: list[Mention],
        timexes: list[Timex],  # sorted by start
    ):
        self.triggers = triggers
        self.t_starts = [m.start() for _, m in triggers]
        self.mentions = mentions
        self.m_starts = [m.start for m in mentions]
        self.people = people
        self.p_starts = [m.start for m in people]
        self.timexes = timexes
        self.x_starts = [t.start for t in timexes]

    @staticmethod
    def _slice(items: list, starts: list[int], span: Span) -> list:
        return items[bisect_left(starts, span.start) : bisect_left(starts, span.end)]

    def in_sentence(self, span: Span) -> tuple[list[tuple[str, re.Match[str]]], list[Mention], list[Mention]]:
        trig = [tm for tm in self._slice(self.triggers, self.t_starts, span) if tm[1].end() <= span.end]
        ments = [m for m in self._slice(self.mentions, self.m_starts, span) if m.end <= span.end]
        peop = [m for m in self._slice(self.people, self.p_starts, span) if m.end <= span.end]
        return trig, ments, peop

    def timexes_in(self, span: Span) -> list[Timex]:
        """The time expressions that start inside ``span``."""
        return self._slice(self.timexes, self.x_starts, span)


@dataclass
class _Cand:
    type: str
    start: int
    end: int


def _sentence_events(
    doc: Document,
    sent: Span,
    vocab: Vocabulary,
    gaz: Gazetteer,
    ctx: _Ctx,
    previous: list[tuple[int, Span, list[Event]]],
    index: _DocIndex,
) -> list[Event]:
    text = doc.text
    s0 = sent.start
    stext = sent.text
    triggers, mentions, people = index.in_sentence(sent)
    people = [p for p in people if not any(_overlap(p, m) for m in mentions)]
    actors = [m for m in mentions if m.entity.kind == "actor"] + people
    actors += _definite_descriptions(text, sent, actors, ctx)
    actors.sort(key=lambda m: m.start)
    ctx.seen.extend(a.entity for a in actors if a.entity.category not in ("group", None))
    places = [m for m in mentions if m.entity.kind == "place"]
    stx = index.timexes_in(sent)
    timex_spans = [(t.start, t.end) for t in stx]

    cands: list[_Cand] = []
    seen_types: dict[str, int] = {}
    for etype, m in triggers:
        if any(c.type == etype and c.start <= m.start() < c.end for c in cands):
            continue  # "passed the Reactionary Ideology and Culture Rejection Act": one trigger
        continuation = bool(_CONTINUATION.match(m.group(0)))
        if continuation and etype not in seen_types:
            continue  # "… and the Youth Act in 2021" continues a list only after a first enactment
        if etype in seen_types and not continuation and not _CONJ.search(text, seen_types[etype], m.start()):
            continue
        if etype not in CLAIM_TYPES and _habitual(text, sent, m, stx):
            continue
        if any(b <= m.start() < e for b, e in timex_spans) and etype != "ReportRelease" and etype != "Investigation":
            continue
        local = m.start() - s0
        if claims.is_irrealis(stext, local) or _modal_clause(text, sent, m.start()):
            continue
        if not _valid(etype, m, text, sent, actors):
            continue
        seen_types[etype] = m.end()
        cands.append(_Cand(etype, m.start(), m.end()))
    cands = _resolve_claim_overlaps(cands)
    cands.sort(key=lambda c: c.start)

    out: list[Event] = []
    for c in cands:
        agent = _agent(c, text, sent, actors)
        etype = c.type
        if etype == "Statement":
            tail = _POSTPOSED.search(text, sent.start, sent.end)
            if tail is not None and tail.start() < c.start:
                # ", a government report said Thursday" / ", activists said": attribution of the
                # events before it, not a statement event of its own
                if any(o.type not in CLAIM_TYPES and o.start < tail.start() for o in cands):
                    continue
                speakers = [a for a in actors if tail.start() <= a.start < c.start]
                if speakers:
                    agent = speakers[0]
                elif claims.REPORT_NOUN.search(tail.group("who")):
                    continue
            if agent is None or _is_report_subject(text, sent, agent, c):
                continue
            if agent.entity.category == "group":
                continue  # "a source said", "analysts say": attribution, not a newsworthy statement
            if etype == "Statement" and _SAY_VERB.fullmatch(text[c.start : c.end]) and any(
                o.type not in CLAIM_TYPES and c.end <= o.start and _REPORTED_VERB.match(text, c.end, o.start)
                and _VERB_TRIGGER.match(text, o.start) for o in cands
            ):
                continue  # "Elliptic said the group had laundered $160 million": the theft carries the attribution
            if _NEGATED_SAY.search(text[max(s0, c.start - 20) : c.start]):
                etype = "Denial"  # "has never acknowledged running camps"
            if (agent.entity.key in _DPRK_SIDE or (ctx.source is not None and ctx.source.key in _DPRK_SIDE)) and (
                _REBUTTAL_CUE.search(stext)
            ):
                etype = "Rebuttal"
        if etype == "Denial" and _ATTITUDE_NEG.match(text, c.end):
            etype = "Statement"  # "said it did not support the resolution": a position, not a denial
        if etype in CLAIM_TYPES and agent is None:
            agent = _pronoun_agent(text, sent, c, ctx)
            if agent is None and _IT_THEY.match(text[c.start : c.end]):
                before = [a for a in actors if a.end <= c.start]
                agent = before[-1] if before else None
        if agent is None and _PRONOUN_SUBJ.search(text[max(s0, c.start - 20) : c.start]):
            # "it locked down the area": the pronoun takes the sentence's last actor before it
            before = [a for a in actors if a.end <= c.start]
            states = [a for a in before if a.entity.category in ("country", "government")]
            others = [a for a in before if a.entity.category != "media"]
            if states or others:
                agent = (states or others)[-1]
            elif ctx.source is not None and _WE.search(text[max(s0, c.start - 30) : c.start]):
                agent = Mention(ctx.source, c.start, c.start, "we")
        participants: list[Participant] = []
        if agent is not None:
            participants.append(Participant(agent.entity, "agent", _span(text, agent.start, agent.end)))
        affected = _affected(etype, c, text, sent, agent)
        if affected is not None:
            participants.append(affected)
        for p in _places(c, text, sent, places):
            participants.append(p)
        quantities = [] if etype in CLAIM_TYPES else _quantities(etype, c, text, sent, stx)
        when = _when(c, stx, text, sent, agent, actors)
        if when is not None and when.anchor == "publication":
            when = _in_stated_year(when, text, sent, stx)
        if when is None or not when.resolved:
            when = _later_time(stx, text, previous, index) or when
        if when is None:
            when = _anaphoric_time(sent, text, previous) or _inherit(etype, sent, text, previous)
        if when is None and doc.published is not None and etype not in CLAIM_TYPES and _PROGRESSIVE.search(
            text[max(s0, c.start - 12) : c.start]
        ) and _ING.match(text, c.start) and not _QUOTE_MARK.search(text, s0, c.start):
            # "OFAC is designating two bankers": an action under way on the day of publication
            p = doc.published
            when = Timex(c.start, c.end, text[c.start : c.end], "DATE", p.isoformat(), earliest=p, latest=p,
                         granularity="day", anchor="publication")
        duration = _duration(etype, c, text, sent, stx) if etype == "Sentencing" else None
        attributed = _attribution(c, text, sent, actors, ctx, agent)
        local = c.start - s0
        certainty = "certain" if etype in CLAIM_TYPES else claims.certainty_of(stext, local)
        if etype not in CLAIM_TYPES and "reports surfaced" in stext.lower() and certainty == "certain":
            certainty = "probable"
        polarity = "negative" if etype not in CLAIM_TYPES and claims.is_negated(stext, local) else "positive"
        fields = dict(
            doc_id=doc.id,
            type=etype,
            sentence=sent,
            trigger=_span(text, c.start, c.end),
            when=when,
            participants=tuple(participants),
            quantities=tuple(quantities),
            attributed_to=attributed,
            certainty=certainty,
            polarity=polarity,
            duration=duration,
        )
        ev = Event(label=_label(Event(label="", **fields)), **fields)
        out.append(ev)
        if etype in REPORT_TYPES and agent is not None and etype == "ReportRelease":
            ctx.report_author = agent.entity
    # "according to a new report by X" / "the X report": remember the report under discussion
    if not any(e.type == "ReportRelease" for e in out):
        author = _report_phrase_author(text, sent, actors)
        if author is not None:
            ctx.report_author = author
    return out


_SAY_VERB = re.compile(r"said|says|told|tells|stated|added|noted|claimed", re.I)
# "… in December 2020, followed by the Youth Education Guarantee Act in 2021": one more item of a list
_CONTINUATION = re.compile(r"(?:followed\s+by|and|as\s+well\s+as)\s", re.I)
_PRESENT_PASSIVE = re.compile(r"\b(?:is|are)\s+(?:\w+ly\s+)?$", re.I)
_PARTICIPLE_TRIGGER = re.compile(r"\w+(?:ed|en)\b|sent|held|put|shot|kept|beaten|hanged", re.I)


def _habitual(text: str, sent: Span, m: re.Match[str], stx: list[Timex]) -> bool:
    """A present-tense passive with no date of its own states what happens as a rule, not an
    event ("people who are sent back", "returnees are routinely interrogated")."""
    if not _PRESENT_PASSIVE.search(text[max(sent.start, m.start() - 25) : m.start()]):
        return False
    if not _PARTICIPLE_TRIGGER.match(m.group(0)):
        return False
    return not any(t.type == "DATE" and t.resolved and t.value not in ("PRESENT_REF",) for t in stx)
_PROGRESSIVE = re.compile(r"\b(?:is|are)\s+(?:now\s+|also\s+)?$", re.I)
_ING = re.compile(r"\w+ing\b")
_QUOTE_MARK = re.compile(r"[\"“”]")
_NEGATED_SAY = re.compile(r"\b(?:never|not|refused to|declined to)\s+(?:\w+\s+)?$", re.I)
_IT_THEY = re.compile(r"(?:that\s+)?(?:it|they)\b", re.I)
_WE = re.compile(r"\bwe\b", re.I)
# "said [that] the Lazarus Group had laundered": the reported event is the complement's verb
_REPORTED_VERB = re.compile(r"\s+(?:that\s+)?(?:[\w’'.-]+\s+){1,6}?(?:(?:had|has|have|was|were|did)\s+)?(?:\w+ly\s+)?$")
_VERB_TRIGGER = re.compile(r"\w+ed\b|stole|took|sent|fled|shot|put|held|seized|gave|beat|hanged|hid", re.I)
_ATTITUDE_NEG = re.compile(
    r"\s+(?:support|agree|want|intend|plan|need|believe|expect|see|consider|oppose|favou?r|endorse|back|share|"
    r"seek|wish|participate|take part|attend|join|vote|comment|respond|elaborate)\b",
    re.IGNORECASE,
)
_MODAL = re.compile(r"\b(?:should|must|ought to|needs? to|has to|have to)\b", re.IGNORECASE)
_MODAL_CUT = re.compile(r"[;:]|,\s+(?:but|while|and\s+(?:the|a|an|it|they|he|she))\b|\b(?:said|says|because|although)\b")


def _modal_clause(text: str, sent: Span, at: int) -> bool:
    """Whether a modal of obligation governs the verb phrase of the trigger ("China should stop
    repatriating North Koreans and allow access to those held"): advocacy, no event."""
    lo = _clause_start(text, sent, at)
    seg = text[lo:at]
    m = None
    for m in _MODAL.finditer(seg):
        pass
    if m is None:
        return False
    return not _MODAL_CUT.search(seg[m.end():])


_DEFINITE = re.compile(
    r"(?<![\w-])(?:[Tt]he|[Oo]ur)\s+(?i:(ministry|agency|council|committee|office|commission|court|department|government|"
    r"organi[sz]ation|association|assembly|inquiry|rapporteur|foundation|institute|network))(?![\w-])"
)


def _definite_descriptions(text: str, sent: Span, actors: list[Mention], ctx: _Ctx) -> list[Mention]:
    """'the ministry' names the ministry the text named last ('the unification ministry')."""
    out = []
    for m in _DEFINITE.finditer(text, sent.start, sent.end):
        if any(a.start <= m.start() < a.end for a in actors):
            continue
        head = m.group(1).lower()
        for ent in reversed(ctx.seen):
            if head in ent.label.lower() or (ent.category == "government" and head == "government"):
                out.append(Mention(ent, m.start(), m.end(), m.group(0)))
                break
    return out


def _overlap(a: Mention, b: Mention) -> bool:
    return a.start < b.end and b.start < a.end


def _span(text: str, start: int, end: int) -> Span:
    return Span(start, end, text[start:end])


def _resolve_claim_overlaps(cands: list[_Cand]) -> list[_Cand]:
    """One claim event per sentence: a denial or rebuttal beats a plain statement, the earlier
    of a denial and a rebuttal wins; a statement trigger inside another trigger is dropped."""
    others = [c for c in cands if c.type not in CLAIM_TYPES]
    claims_ = [c for c in cands if c.type in CLAIM_TYPES]
    strong = sorted((c for c in claims_ if c.type != "Statement"), key=lambda c: c.start)
    if strong:
        return others + strong[:1]
    stmts = [
        c for c in claims_ if not any(o.start <= c.start < o.end and o is not c for o in cands)
    ]
    return others + stmts[:1]


# --- validation -----------------------------------------------------------------------------


_TERM_OF = re.compile(r"(?:years?|months?|sentenced to|term of)\s+(?:of\s+|in\s+)?$")
_GIVEN = re.compile(r"(?:given|gave|gives|giving|handed|received|receiving|got|getting|gets|serving|served)")
_PENALTY = re.compile(r"\d|one|two|three|four|five|six|seven|eight|nine|ten|life|death|sentence|years|months")
_AFTER_BE = re.compile(r"\b(?:were|was|been|being|be)\s+$")
_DESIGNATED_NP = re.compile(r"\b(?:the|a|an|its|their|those|these|was|were|been|be|is|are|newly|previously-)\s+$")
_SANCTION = re.compile(r"sanction", re.I)
_SUBJECT_MATTER_NOUN = re.compile(
    r"\s+(?:programs?|programmes?|system|schemes?|polic(?:y|ies)|practices?|charges?|allegations?|laws?|"
    r"conventions?|issues?|concerns?|risks?|regulations?)\b", re.I)
_ABOUT = re.compile(
    r"\b(?:over|against|regarding|concerning|about|into|responsible\s+for|involved\s+in|linked\s+to)\s+"
    r"(?:(?:the|its|their|his|her|a|an)\s+|[\w.’'-]+(?:’s|'s)\s+|[\w-]+\s+){0,3}$", re.I)
_NOMINAL = re.compile(r"\bthe\s+$")
_DENIED_ROLE = re.compile(
    r"\b(?:role|involvement|part|hand|responsibility|participation)\s+(?:in|for)\s+(?:the\s+|any\s+)?(?:[\w-]+\s+){0,2}$", re.I)
_DENYING = re.compile(r"\b(?:den(?:y|ies|ied|ying)|never|not|no|rejected|rejects)\b", re.I)
_BY_NEXT = re.compile(r"\s+by\b")
_INDEFINITE_NEXT = re.compile(r"\s+(?:a|an)\s")
_WHAT_BEFORE = re.compile(r"\bwhat\s+(?:[\w’'-]+\s+){0,2}$")
_DETERMINER_BEFORE = re.compile(r"\b(?:the|its|their|those|these|of the)\s+$")
_BARE_THEFT_NOUN = re.compile(r"(?:cyber-?\s*)?(?:attacks?|heists?|thefts?|hacks?)|hacking\s+(?:attacks?|campaigns?)|theft|heists?|hacks")
_FIGURE = re.compile(r"\$\s?\d|\b\d[\d,.]*\b")
_CYBER_CONTEXT = re.compile(r"crypto|bitcoin|ether|digital assets|virtual assets|blockchain|hack|cyber|lazarus|exchange|wallet", re.I)


def _valid(etype: str, m: re.Match[str], text: str, sent: Span, actors: list[Mention]) -> bool:
    trig = m.group(0).lower()
    before = text[max(sent.start, m.start() - 25) : m.start()].lower()
    if etype == "ReportRelease":
        if trig.endswith((" by", " from")):
            return any(a.start - m.end() <= 6 and a.start >= m.end() for a in actors)
        return True
    if etype not in CLAIM_TYPES and _DENIED_ROLE.search(text, max(sent.start, m.start() - 60), m.start()) and (
        _DENYING.search(text, sent.start, m.start())
    ):
        return False  # "has never acknowledged any role in cryptocurrency thefts": nothing asserted
    if etype == "ForcedLabor":
        # "seven years of forced labor" is a sentence term, not a forced-labour event; "sanctioned
        # over its forced labor programs" names a subject matter, not an event
        after = text[m.end() : m.end() + 30]
        wide = text[max(sent.start, m.start() - 60) : m.start()]
        return not (_TERM_OF.search(before) or _SUBJECT_MATTER_NOUN.match(after) or _ABOUT.search(wide))
    if etype == "Execution" and trig == "executed" and _NOMINAL.search(before) and not _BY_NEXT.match(text, m.end()):
        return False  # "relatives of the executed": a noun, no event
    if etype == "Sentencing" and _GIVEN.match(trig):
        return bool(_PENALTY.search(trig))
    if etype == "Statement":
        # "the fever cases reported": a participle after a noun is no statement; "what it said were
        # her remains" is a free relative; "declared a buffer zone" establishes, it does not speak
        if trig.startswith("declare") and _INDEFINITE_NEXT.match(text, m.end()):
            return False
        return not (_AFTER_BE.search(before) or _WHAT_BEFORE.search(before))
    if etype == "Investigation" and trig[:2].isdigit():
        return True
    if etype == "Sanction" and trig == "designated":
        # "OFAC designated the group": a sanctioning body as the subject, active voice
        if _DESIGNATED_NP.search(before):
            return False
        lo = _clause_start(text, sent, m.start())
        return any(a.entity.category in ("government", "un-body", "country", "international") and lo <= a.start < m.start()
                   for a in actors) or bool(_SANCTION.search(text[sent.start : sent.end]))
    if etype == "CyberTheft":
        if _DETERMINER_BEFORE.search(before) and trig.startswith("stolen"):
            return False  # "the stolen funds": the theft already told
        if _BARE_THEFT_NOUN.fullmatch(trig):
            # a bare noun names a theft only with a figure or a date beside it, in a cyber context
            lo, hi = _clause_bounds(text, sent, _Cand(etype, m.start(), m.end()))
            clause = text[max(lo, m.start() - 80) : min(hi, m.end() + 80)]
            has_figure = bool(_FIGURE.search(clause))
            cyber = _CYBER_CONTEXT.search(text[sent.start : sent.end])
            return has_figure and bool(cyber or "cyber" in trig)
    return True


# --- participants ---------------------------------------------------------------------------


_SAID = re.compile(r"(?<!\swere)(?<!\swas)(?<!\sbeen)(?<!\sis)(?<!\sare)(?<!\sbe)\s(?:said|says|told\s+\w+|noted|added|warned|claimed|reported)\s")
_ASIDE = re.compile(r",\s+(?:who|which|whose|where)\b[^,;]{0,120},")
# "James Heenan, head of the office that covers North Korea, said": an appositive between the
# subject and its verb (the last comma-bounded phrase right before the verb, after a named subject)
_APPOSITIVE = re.compile(r"(?<=\w),\s+(?!(?:and|but|or|while|as|after|before|when|because)\b)[^,;:“”\"()]{2,120},\s*$")
_REPORTING_ACTIVE = re.compile(r"(?<!was )(?<!were )(?<!been )(?<!is )(?<!are )" + claims.REPORTING.pattern)


def _clause_start(text: str, sent: Span, at: int) -> int:
    """Where the clause holding ``at`` starts: after the last " that ", ";", relative pronoun
    or reporting verb before it in the sentence (asides skipped)."""
    return sent.start + _clause_offset(text[sent.start : at])


@lru_cache(maxsize=4096)  # the rules ask for the same clause many times per sentence
def _clause_offset(seg: str) -> int:
    seg = _ASIDE.sub(lambda m: " " * len(m.group(0)), seg)
    app = _APPOSITIVE.search(seg)
    if app is not None:
        seg = seg[: app.start()] + " " * (len(seg) - app.start())
    cut = max(seg.rfind(" that "), seg.rfind(";"), seg.rfind(" which "), seg.rfind(" who "))
    for m in _SAID.finditer(seg):  # "the ministry said the man was executed"
        cut = max(cut, m.start() + 1)
    return cut + 1 if cut >= 0 else 0


_FRONTED = re.compile(
    r"\W{0,3}(?:since|after|before|when|while|as|although|though|because|once|until|ever since|even though)\s+"
    r"[^,;]{3,120}?\b(?:took|came|was|were|had|has|began|started|ended|died|returned|closed|opened|fled|became|\w+ed)\b[^,;]{0,80},",
    re.IGNORECASE,
)


_CITED = re.compile(r"\b(?:according to|citing)\s+(?:\w+\s+){0,5}$", re.I)
_SPONSORED = re.compile(r"\b(?:linked|tied|backed|sponsored|supported|directed)\s+(?:to|by)\s+$", re.I)
_STAFF_AT = re.compile(
    r"\b(?:analysts?|researchers?|experts?|officials?|spokes(?:person|man|woman)|investigators?|economists?|"
    r"staff|lawyers?|monitors?)\s+(?:at|of|from|with|for)\s+(?:the\s+)?$",
    re.I,
)
_PREPOSITION_BEFORE = re.compile(r"\b(?:of|for|to|in|with|from|at|on|by|about|against|into|near|than)\s+(?:the\s+|a\s+|an\s+|its\s+)?$", re.I)


def _subject(text: str, sent: Span, at: int, actors: list[Mention]) -> Mention | None:
    """The actor that is the subject of the verb at ``at``: the nearest one before it in its
    clause, skipping an appositive ("James Heenan, head of the office for North Korea, told")."""
    lo = _clause_start(text, sent, at)
    before = [a for a in actors if lo <= a.start and a.end <= at]
    # actors inside a relative clause or appositive (", who heads the office for North Korea,")
    asides = [(m.start(), m.end()) for m in _ASIDE.finditer(text, sent.start, at)]
    app = _APPOSITIVE.search(text, sent.start, at)
    if app is not None and any(lo <= a.start and a.end <= app.start() for a in actors):
        asides.append((app.start(), app.end()))  # the named subject before the appositive speaks
    fronted = _FRONTED.match(text, sent.start, at)
    if fronted is not None:  # "Since Kim Jong Un took power in 2011, security …": not the subject
        asides.append((fronted.start(), fronted.end()))
    before = [a for a in before if not any(b <= a.start < e for b, e in asides)]
    before = [a for a in before if not _CITED.search(text[max(sent.start, a.start - 60) : a.start])]
    if not before:
        return None
    # skip actors inside prepositional phrases ("head of the office for North Korea")
    for cand in reversed(before):
        between = text[cand.end : at]
        if _REPORTING_ACTIVE.search(between) or _REPORTING_PARTICIPLE.search(between):
            return None  # "the UN report highlighted forced labour": the reporter is not the agent
        if len(between) > 160:
            return None
        pre = text[max(sent.start, cand.start - 25) : cand.start]
        if _SPONSORED.search(pre):
            return cand  # "hackers linked to Pyongyang": the sponsor is the actor
        if _STAFF_AT.search(pre):
            return cand  # "analysts at Elliptic said": the organisation speaks
        pre = pre[-12:]
        if _PREPOSITION_BEFORE.search(pre):
            continue
        return cand
    return None


_PASSIVE_NP = re.compile(
    r"(?P<np>(?:(?:up to|more than|at least|several|some|many|dozens of|hundreds of|thousands of|"
    + _NUMWORD + r"|\d[\d,]*|the|a|an)\s+)(?:[\w-]+\s+){0,3}?[\w-]+)\s+(?:were|was|had been|have been|has been|are|is)\b",
    re.I,
)
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|be|get|got)\s+(?:\w+ly\s+)?$", re.I)


def _is_passive(text: str, sent: Span, c: _Cand) -> bool:
    return bool(_PASSIVE.search(text[max(sent.start, c.start - 25) : c.start]))


_QUOTE_END = re.compile(r"[,”\"’]\s*$")
_THE_GAP = re.compile(r"\s*(?:the\s+)?")
_SPACE = re.compile(r"\s")
_LEADING_THE_ONE = re.compile(r"^(?:the|an?|one)\s+", re.I)
_BY_THE_GAP = re.compile(r"\s*(?:(?:by|from|of)\s+)?(?:the\s+)?")
_BY = re.compile(r"\s+by\s+")
_BY_AFTER = re.compile(r"\s+by\s")
_WHICH_ENACTED = re.compile(r"\w+,?\s+(?:which|that)\s")
_PASSIVE_TRIGGER = re.compile(r"\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?\w+ed\b")
_AGENTIVE_APPOSITION = re.compile(r"[,;]\s*(?:\w+\s+){0,3}?(?:" + _AGENTIVE.pattern + r")\s*$", re.I)


def _agent(c: _Cand, text: str, sent: Span, actors: list[Mention]) -> Mention | None:
    if c.type in CLAIM_TYPES and _QUOTE_END.search(text[max(sent.start, c.start - 3) : c.start]):
        # '"…," said Park Ji-won, a researcher' / '…, said the ministry': the speaker follows the verb
        after = [a for a in actors if c.end <= a.start <= c.end + 6 and _THE_GAP.fullmatch(text[c.end : a.start])]
        if after:
            return after[0]
        if _AGENTIVE.match(text, c.end + 1) and _SPACE.match(text[c.end : c.end + 1]):
            m = _AGENTIVE.match(text, c.end + 1)
            assert m is not None
            phrase = m.group(0).strip()
            ent = Entity(key=slug(_LEADING_THE_ONE.sub("", phrase)), label=phrase, kind="actor", category="group")
            return Mention(ent, m.start(), m.end(), m.group(0))
    if c.type in _AGENT_AFTER_TYPES:
        inside = [a for a in actors if c.start <= a.start and a.end <= c.end]
        if inside:
            return inside[0]
        after = [a for a in actors if c.end <= a.start <= c.end + 12
                 and _BY_THE_GAP.fullmatch(text[c.end : a.start])]
        if after:
            return after[0]
    # passive: "were executed by the regime"
    m = _BY.match(text[c.end : c.end + 6])
    if m:
        after = [a for a in actors if c.end <= a.start <= c.end + 10]
        if after:
            return after[0]
    inside = [a for a in actors if c.start <= a.start and a.end <= c.end and c.type in ("Statement", "LawEnactment")]
    if c.type == "LawEnactment" and inside and _WHICH_ENACTED.match(text[c.start : c.end]):
        return inside[0]  # "the Act, which North Korea enacted in 2020"
    blame = _blamed(c, text, sent, actors)
    if blame is not None:
        return blame
    if _PASSIVE_TRIGGER.search(text[c.start : c.end]) and not _BY_AFTER.match(text[c.end : c.end + 5]):
        return None  # "security along the border has been tightened": passive, agent unnamed
    if _is_passive(text, sent, c) and c.type not in CLAIM_TYPES:
        return None  # "officials were put to death": the subject is affected, the agent unnamed
    subj = _subject(text, sent, c.start, actors)
    if subj is not None:
        gap = text[subj.end : c.start]
        if c.type not in CLAIM_TYPES or not _AGENTIVE_APPOSITION.search(gap):
            return subj
    if inside:
        return inside[0]
    # an agentive noun ("authorities were reinforcing", "one escapee recalled")
    lo = _clause_start(text, sent, c.start)
    best = None
    for m2 in _AGENTIVE.finditer(text, lo, c.start):
        if c.start - m2.end() <= 40:
            best = m2
    if best is not None:
        phrase = best.group(0).strip()
        ent = Entity(key=slug(_LEADING_THE_ONE.sub("", phrase)), label=phrase, kind="actor", category="group")
        return Mention(ent, best.start(), best.end(), best.group(0))
    return None


_BLAME = re.compile(r"\b(?:attribut(?:ed|es|ing)|blam(?:ed|es|ing)|pinned|pins)\b", re.I)
_TO = re.compile(r"\bto\s+")
_ALIAS_CUE = re.compile(r"also known as|dubbed|called")


def _blamed(c: _Cand, text: str, sent: Span, actors: list[Mention]) -> Mention | None:
    """"The FBI attributed the theft to the Lazarus Group" / "Seoul blamed Pyongyang for the
    hack": the actor blamed is the agent, not the subject who blames."""
    m = None
    for m in _BLAME.finditer(text, max(sent.start, c.start - 60), c.start):
        pass
    if m is None:
        return None
    if m.group(0).lower().startswith(("attribut", "pin")):
        to = _TO.search(text, c.end, min(sent.end, c.end + 40))
        if to:
            after = [a for a in actors if to.end() <= a.start <= to.end() + 60]
            return after[-1] if len(after) > 1 and _ALIAS_CUE.search(text[after[0].end : after[-1].start]) else (after[0] if after else None)
        return None
    between = [a for a in actors if m.end() <= a.start and a.end <= c.start]
    return between[0] if between else None


def _pronoun_agent(text: str, sent: Span, c: _Cand, ctx: _Ctx) -> Mention | None:
    if ctx.source is not None and _WE.search(text[sent.start : c.start]):
        return Mention(ctx.source, c.start, c.start, "we")
    return None


_THE_REPORT = re.compile(r"(?:the|its|this|that)\s+(?:inquiry|report|review|study|commission|investigation|survey|assessment)", re.I)
_REPORT_AFTER = re.compile(r"\s*(?:’s|'s)?\s*(?:\w+\s+){0,2}?(?:report|review|assessment|findings|study)s?\b", re.I)


def _is_report_subject(text: str, sent: Span, agent: Mention, c: _Cand) -> bool:
    """Whether the speaker is a report ("the UN report said"), not an actor."""
    if _THE_REPORT.fullmatch(agent.text.strip()):
        return True  # "the inquiry said": the report speaks, its author is the source
    after = text[agent.end : c.start]
    return bool(_REPORT_AFTER.match(after))


_FIRST_WORD = re.compile(r"\S+\s*")
_LEADING_THE = re.compile(r"^(?:the|an?)\s+", re.I)
_LEADING_DETERMINER = re.compile(r"^(?:the|an?|those|these)\s+", re.I)
_RELATIVE = re.compile(r"(?:,\s*)?\s(?:who|that|which|whom)\s[^,;]*$")


def _affected(etype: str, c: _Cand, text: str, sent: Span, agent: Mention | None) -> Participant | None:
    if etype in CLAIM_TYPES or etype in REPORT_TYPES or etype in ("Flood", "Outbreak", "SurveillanceMeasure", "LawEnactment", "BorderClosure", "Lockdown", "CyberTheft", "MissileTest", "Sanction"):
        return None
    first = _FIRST_WORD.match(text[c.start : c.end])
    lo = c.start + (first.end() if first else 0)
    hi = min(sent.end, c.end + 60)
    seg_end = hi
    for stop in (";", " that ", " which ", " while ", " but ", ", citing ", ", according to ", ", said ", " citing "):
        k = text.find(stop, c.end, hi)
        if k >= 0:
            seg_end = min(seg_end, k)
    cand = None
    for m in _GROUP_RE.finditer(text, lo, seg_end):
        if agent is not None and m.start() < agent.end and agent.start < m.end():
            continue
        if m.group(0).lower() in ("the", "those", "these"):
            continue
        cand = m
        break
    if cand is None:
        # passive or sentencing: the group before the trigger ("a man getting seven years")
        lo2 = _clause_start(text, sent, c.start)
        for m in _GROUP_RE.finditer(text, lo2, c.start):
            cand = m
        if cand is None and _is_passive(text, sent, c):  # "several farm managers were said to …"
            for m in _PASSIVE_NP.finditer(text, lo2, c.start):
                cand = m
            if cand is not None:
                phrase = cand.group("np").strip()
                ent = Entity(key=slug(_LEADING_THE.sub("", phrase)), label=phrase, kind="actor", category="group")
                return Participant(ent, "affected", _span(text, cand.start("np"), cand.end("np")))
        if cand is None:  # "the woman who supplied it was given 15 years", "two people who had been held"
            rel = _RELATIVE.search(text[sent.start : c.start])
            if rel is not None:
                head_end = sent.start + rel.start()
                conj = [m.end() for m in _CONJ.finditer(text, sent.start, head_end)]
                for m in _GROUP_RE.finditer(text, max([sent.start, *conj, head_end - 60]), head_end):
                    if m.group(0).lower() not in ("the", "those", "these") and m.end() >= head_end - 1:
                        cand = m
        if cand is None:
            pm = None
            for pm in _PRONOUN_GROUP.finditer(text, max(lo2, c.start - 15), c.start):
                pass
            cand = pm
    if cand is None:
        return None
    phrase = cand.group(0).strip()
    key = slug(_LEADING_DETERMINER.sub("", phrase))
    ent = Entity(key=key, label=phrase, kind="actor", category="group")
    return Participant(ent, "affected", _span(text, cand.start(), cand.end()))


_CLAUSE_END = re.compile(r"\s(?:while|whereas|but|said|says|told)\s|;|,\s+(?:according to|citing)\s", re.I)


def _clause_bounds(text: str, sent: Span, c: _Cand) -> tuple[int, int]:
    """The clause of the trigger: from the last clause break before it to the next after it."""
    m = _CLAUSE_END.search(text, c.end, sent.end)
    return _clause_start(text, sent, c.start), (m.start() if m else sent.end)


def _places(c: _Cand, text: str, sent: Span, places: list[Mention]) -> list[Participant]:
    out = []
    seen = set()
    lo, hi = _clause_bounds(text, sent, c)
    for p in places:
        if not (lo <= p.start < hi):
            continue
        if p.entity.key in seen:
            continue
        seen.add(p.entity.key)
        out.append(Participant(p.entity, "place", _span(text, p.start, p.end)))
    return out


def _num(s: str) -> float | None:
    s = s.lower().replace(",", "")
    if s in _NUM_VALUES:
        return float(_NUM_VALUES[s])
    try:
        return float(s)
    except ValueError:
        return None


_YEAR = re.compile(r"(?:19|20)\d\d$")
_NUMBERED_NAME = re.compile(r"(?:covid|camp|article|section|resolution)[- ]?$", re.I)


def _quantities(etype: str, c: _Cand, text: str, sent: Span, stx: list[Timex]) -> list[Quantity]:
    out: list[Quantity] = []
    taken: list[tuple[int, int]] = [(t.start, t.end) for t in stx]
    clo, chi = _clause_bounds(text, sent, c)
    lo = max(clo, c.start - 80)
    hi = min(chi, c.end + 80)
    for m in _MONEY_RE.finditer(text, lo, hi):
        v = _num(m.group("n"))
        if v is None:
            continue
        v *= _SCALE.get((m.group("s") or "").lower(), 1)
        out.append(Quantity(v, "USD", m.group(0).strip(), _span(text, m.start(), m.end())))
        taken.append((m.start(), m.end()))
    for m in _VAGUE_MONEY.finditer(text, lo, hi):
        if any(b <= m.start() < e for b, e in taken):
            continue
        v = {"hundreds of millions": 1e8, "millions": 1e6, "billions": 1e9, "tens of millions": 1e7}[" ".join(m.group("s").lower().split())]
        out.append(Quantity(v, "USD", m.group(0).strip(), _span(text, m.start(), m.end())))
        taken.append((m.start(), m.end()))
    for m in _COUNT_RE.finditer(text, lo, hi):
        if any(b <= m.start() < e or m.start() <= b < m.end() for b, e in taken):
            continue
        n = m.group("n")
        unit = (m.group("u") or "").lower()
        scale = m.group("s")
        if not unit and not scale:
            continue
        if not n[0].isdigit() and not unit:
            continue
        if _YEAR.match(n) and not unit:
            continue
        if _NUMBERED_NAME.search(text[max(0, m.start() - 8) : m.start()]):
            continue
        v = _num(n)
        if v is None:
            continue
        v *= _SCALE.get((scale or "").lower(), 1)
        if not unit:
            unit = "cases" if etype == "Outbreak" else "count"
        out.append(Quantity(v, unit, m.group(0).strip(), _span(text, m.start(), m.end())))
    out.sort(key=lambda q: q.mention.start if q.mention else 0)
    return out


# --- time -------------------------------------------------------------------------------------


_THAN = re.compile(r"\bthan\b", re.I)
_WHEN_CLAUSE = re.compile(r"\bwhen\b", re.I)
_ADMITTED_TO = re.compile(
    r"\b(?:admit(?:ted|s)?|confess(?:ed|es)?|acknowledg(?:ed|es)|accused|convicted|charged|suspected)\s+(?:to|of|with)\s+$", re.I)
_REPORTING_PARTICIPLE = re.compile(
    r"\b(?:detailing|documenting|describing|outlining|listing|chronicling|recounting|highlighting|citing)\b", re.I)
_CLAUSE_BREAK = re.compile(r",\s+but\b|;|\s(?:while|whereas|although|though)\s|,\s+and\s+", re.I)
_COORD = re.compile(r"\s(?:and|but)\s|;")
_SUBORD = re.compile(r"\b(?:after|before|until|till|because|once)\s+(?![^,;]*,)")
_NEAR_SPEECH = re.compile(
    r"^(?:\s+(?:on|in|at|late|early|last|this|to|reporters|journalists|a|an|the|its|his|her|statement|briefing|interview|"
    r"press|conference|news|told|earlier|today|yesterday|separately)\b)*\s*$",
    re.IGNORECASE,
)
_OBJECT_SAYING = re.compile(
    r"(?:\s+(?:the|a|an|its|his|her|their|this|these)\s+[\w’'-]+(?:\s+[\w’'-]+){0,4}?)?,\s+(?:saying|adding|noting|stating)\b", re.I
)
_APPOSITIVE_PARTICIPLE = re.compile(
    r",\s+(?:\w+ed|set\s+up|built|founded|made|held|born|formed|begun|written|drawn\s+up)\s+(?:[\w’'-]+\s+){0,8}?(?:by|in|on|at)\b", re.I
)
_LIST_LABEL = re.compile(r"[-*•]\s+(?:19|20)\d\d\s*:")
# a date right after "<report|law> published/passed (in|on)" dates that report or law, not another event
_NOUN_PARTICIPLE_DATE = re.compile(
    r"\b(?:reports?|review|study|findings|assessment|laws?|acts?|decrees?|measures?|resolutions?)\b[^.;,]{0,60}?"
    r"\b(?:published|released|issued|passed|adopted|enacted|introduced|presented)\s+(?:(?:on|in)\s+)?(?:\S+\s+(?:and|or)\s+)?$",
    re.I,
)
_NOUN_DATED_TYPES = frozenset({"ReportRelease", "LawEnactment", "Resolution"})
# "at a landmark summit in 2002", "at the ceremony on Sunday": where something was said
_SPEECH_VENUE = re.compile(
    r"\bat\s+(?:a|an|the|its|his|her|their)\s+(?:[\w-]+\s+){0,3}?(?:summit|meeting|ceremony|conference|session|briefing|"
    r"rally|hearing|forum|talks|plenary)\s+(?:(?:on|in)\s+)?$",
    re.I,
)
_TOLD = re.compile(r"told|tells|tell", re.I)
_TOLD_WHOM = re.compile(r"\s+(?:(?:the|a|an)\s+)?(?:[A-Za-z-]+\s+){1,3}?(?:(?:on|in)\s+)?$")
_NP_PP = re.compile(r"\b(?:since|after|before|until|following|during)\s+(?:the|a|an|its|their|his|her)\s+\w+", re.I)
_RELATIVE_OR_SEMICOLON = re.compile(r"\b(?:that|which|who)\b|;")
_PRONOUN_AGENT = re.compile(r"(?:it|they|we|he|she|the government|the regime|the authorities)$", re.IGNORECASE)


def _when(
    c: _Cand, stx: list[Timex], text: str, sent: Span, agent: Mention | None = None, actors: list[Mention] | None = None
) -> Timex | None:
    """The DATE that governs the trigger, never a duration or a set.

    Preference: an expression attached by a preposition or opening the sentence, in the
    trigger's own clause, nearest. Expressions that modify something else never date the
    event: one in a later clause ("…, but they resumed in 2023"); the main clause's when the
    trigger sits in an after/before clause ("fell in 2021 after the border closed"); one that
    dates a reporting verb whose complement holds the trigger ("the FBI said on Wednesday
    that hackers stole", "in 2014 the inquiry found that people were held") unless the
    speaker reports its own act; for a statement, a date inside what was said.
    """
    best: tuple[float, Timex] | None = None
    claim = c.type in CLAIM_TYPES
    continuation = c.type not in CLAIM_TYPES and bool(_CONTINUATION.match(text, c.start))
    said_after = None
    if claim:
        tail = _POSTPOSED.search(text, sent.start, sent.end)
        if tail is not None and tail.start() < c.start:
            said_after = tail.start()  # "…, Japan's defence ministry said": dates before it are the content's
    speech = None if claim else _reporting_frame(c, text, sent, agent, actors or [], stx)
    own_lo = _clause_start(text, sent, c.start)
    for br in _CLAUSE_BREAK.finditer(text, own_lo, c.start):
        own_lo = br.end()
    for t in stx:
        if t.type not in ("DATE", "TIME"):
            continue
        if _in_dateline(text, sent, t):
            continue  # "SEOUL, Jan. 10, 2024 (Yonhap) -- …": the story's date, not the event's
        if c.type not in ("ReportRelease", "Investigation") and _REPORT_YEAR.match(text, t.end):
            continue  # "the ministry's 2024 report said the man was executed": the report's year
        if said_after is not None and t.end <= said_after:
            continue
        if continuation and t.end <= c.start:
            continue  # "…, followed by the Youth Act in 2021": the dates before belong to the earlier items
        if t.start >= c.end:
            between = text[c.end : t.start]
            if _THAN.search(between):
                continue  # "more forced labour than when a UN inquiry reported in 2014"
            if not claim and _WHEN_CLAUSE.search(between) and _ADMITTED_TO.search(text, max(sent.start, c.start - 40), c.start):
                continue  # "admitted to abducting 13 when Koizumi visited in 2002": the admission's date
            if _CLAUSE_BREAK.search(between):
                continue  # "closed its border …, but executions picked up since 2023"
            if c.type not in _NOUN_DATED_TYPES and _NOUN_PARTICIPLE_DATE.search(text, max(c.end, t.start - 100), t.start):
                continue  # "condemns forced labour and welcomes the report published in September": the report's date
            said = _OBJECT_SAYING.match(between) if claim else None
            if said is not None and _NEAR_SPEECH.match(between[said.end() :]):
                pass  # "welcomed the adoption, saying in a statement Friday that …": the statement's day
            elif claim and _SPEECH_VENUE.search(between):
                pass  # "admitted to the kidnappings at a summit in September 2002": the venue's date is the saying's
            elif claim and _TOLD.fullmatch(text, c.start, c.end) and _TOLD_WHOM.match(between):
                pass  # "told the committee last month that …"
            elif claim and not _NEAR_SPEECH.match(between) and not _WHEN_CLAUSE.search(between):
                continue  # "KCNA said samples taken on Sunday …": the date of what was said; a when-clause
                # dates the saying ("admitted to abducting 13 of them when Koizumi visited in 2002")
            if _NP_PP.search(between) and not _PREP_BEFORE.search(between):
                continue  # "its first outbreak since the start of the pandemic more than two years ago"
        else:
            between = text[t.end : c.start]
            if between.lstrip().startswith(","):
                comma = text.rfind(",", sent.start, t.start)
                if comma >= 0 and _APPOSITIVE_PARTICIPLE.match(text, comma):
                    continue  # "The Commission, established … in March 2013, published its report on …"
            if _LIST_LABEL.match(text, sent.start) and t.start - sent.start <= 4 and any(
                o is not t and o.type == "DATE" and o.start > t.end for o in stx
            ):
                continue  # "- 2014: He is sentenced … in May": the label is the year of the month after it
            if _SUBORD.search(between) and not claim:
                continue  # "collapsed in 2021 after North Korea closed its border"
            if _REPORTING_PARTICIPLE.search(between) and not claim:
                continue  # "made public on Thursday a report detailing executions": the report's date
        if speech is not None and speech[0] <= t.start < speech[1]:
            continue  # dates the reporting verb, not what it reports
        dist = c.start - t.end if t.end <= c.start else t.start - c.end if t.start >= c.end else 0
        score = float(max(0, dist))
        pre = text[max(sent.start, t.start - 12) : t.start]
        initial = t.start - sent.start <= 2
        if _PREP_BEFORE.search(pre) or initial:
            score -= 25
        lo, hi = sorted((t.start, c.start))
        if _RELATIVE_OR_SEMICOLON.search(text[lo:hi]):
            score += 60
        if t.end <= c.start and not initial and _COORD.search(text[t.end : c.start]):
            score += 40  # "released in 2001 and escaped to China two years later"
        if t.end <= own_lo and not initial:
            # borrowed from an earlier clause: the one attached to its verb, not one inside a noun phrase
            score = 100 + (t.start - sent.start) / 10 - (30 if _PREP_BEFORE.search(pre) else 0)
        if not t.resolved and t.value in ("PRESENT_REF", "FUTURE_REF"):
            score += 40
        if best is None or score < best[0]:
            best = (score, t)
    return best[1] if best else None


_DATELINE_HEAD = re.compile(r"\(?(?:[A-Z][\w'’.-]*(?:[ /][A-Z][\w'’.-]*){0,3},\s*)?$")
_DATELINE_TAIL = re.compile(r"\)?\s*(?:\([A-Za-z][\w .&/-]{1,30}\)\s*)?(?:--|[\u2013\u2014-]|:)\s")


def _in_dateline(text: str, sent: Span, t: Timex) -> bool:
    """Whether ``t`` is the date of a dateline opening the sentence ("SEOUL, Jan. 10 (Yonhap) --",
    "(Seoul, June 2, 2024) –"): it dates the story, never an event in it."""
    return bool(_DATELINE_HEAD.fullmatch(text, sent.start, t.start) and _DATELINE_TAIL.match(text, t.end))


_SPEECH_VERB = re.compile(
    r"(?<!was )(?<!were )(?<!been )(?<!is )(?<!are )\b(?:said|says|told\s+\w+|announced|reported|found|finds|shows|reveals|"
    r"concluded|concludes|documented|detailed|described|estimated|revealed|showed|confirmed|claimed|alleged|noted|warned|"
    r"stated|wrote|added|accused(?!\s+of\b)|attributed|blamed|blames)\b"
)
_BLAME_VERB = re.compile(r"blam|attribut", re.I)


_THAT = re.compile(r"\bthat\b")
_AUXILIARY = re.compile(r"\b(?:was|were|is|are|had|has|have|did|been|be)\b")
_FINITE_TRIGGER = re.compile(r"\w+ed\b|stole|took|sent|put|held|fled|shot|hit|made|gave|got|beat|seized")
_PRONOUN_FIRST = re.compile(r"\s*(?:it|they|we|he|she)\b", re.I)


def _reporting_frame(
    c: _Cand, text: str, sent: Span, agent: Mention | None, actors: list[Mention], stx: list[Timex]
) -> tuple[int, int] | None:
    """The stretch of the reporting clause (from its start to the start of its complement) when
    the trigger sits in the complement of a reporting verb spoken by someone other than the
    event's agent; ``None`` otherwise (no reporting verb, or an actor reporting its own act:
    "the authorities said they locked down the area")."""
    lo = sent.start
    rv = None
    for m in _SPEECH_VERB.finditer(text, lo, c.start):
        rv = m
    if rv is None:
        # a post-posed "…, the FBI said on Wednesday."
        tail = _POSTPOSED.search(text, c.end, sent.end)
        if tail is not None:
            return (tail.start(), sent.end)
        return None
    comp = _THAT.search(text, rv.end(), min(c.start, rv.end() + 40))
    comp_start = comp.end() if comp else rv.end()
    if not comp and not _BLAME_VERB.match(rv.group(0)):
        # "said Thursday the man was executed": a date right after the verb belongs to it
        for t in stx:
            if rv.end() <= t.start <= rv.end() + 12 and t.end <= c.start and _NEAR_SPEECH.match(text[rv.end() : t.start]):
                comp_start = t.end
    start = _clause_start(text, sent, rv.start())
    if comp_start > c.start:
        return None
    if (not comp and not _BLAME_VERB.match(rv.group(0)) and not _AUXILIARY.search(text[comp_start : c.start])
            and not _FINITE_TRIGGER.match(text[c.start : c.end])):
        return None  # "confirmed its first outbreak": the trigger is the object, not a reported clause
    if _PRONOUN_FIRST.match(text[comp_start : c.start]):
        return None  # "the authorities said they locked down the area": the speaker's own act
    speaker = text[start : rv.start()].strip()
    if agent is not None:
        if start <= agent.start < rv.start():
            return None  # the speaker is the agent
        if _PRONOUN_AGENT.search(agent.text.strip()) and agent.start >= comp_start:
            return None  # "the authorities said they locked down": the speaker's own act
        if any(a.entity.key == agent.entity.key and start <= a.start < rv.start() for a in actors):
            return None  # "North Korea said it launched…" / "China said it had sent back…"
    if not speaker:
        return None
    return (start, comp_start)


_REPORT_YEAR = re.compile(
    r"(?:’s|'s)?\s+(?:[A-Z][\w.’'-]*\s+|\([^)]{1,40}\)\s+){0,4}(?:annual\s+|landmark\s+)?[“\"]?(?:report|review|assessment|survey|study|white paper|"
    r"(?i:investigation|inquiry|probe|commission of inquiry))s?\b",
)


_STARTS_PRONOUN = re.compile(r"[^\w\"“]{0,2}(?:she|he|they|it|the same|that|this)\b", re.I)
_THE_PERSON = re.compile(
    r"\bthe\s+(?:[\w-]+\s+)?(man|woman|men|women|official|officials|defector|defectors|"
    r"escapee|escapees|boy|girl|teenager|student|students|worker|workers|prisoner|prisoners)\b",
    re.I,
)


def _inherit(etype: str, sent: Span, text: str, previous: list[tuple[int, Span, list[Event]]]) -> Timex | None:
    """A sentence without a date inherits one only when the text carries it over: the event
    continues the story of one of the two sentences before it in the same paragraph ("In late
    2025, a man got seven years … She got 15 years.")."""
    starts_pronoun = bool(_STARTS_PRONOUN.match(sent.text))
    heads = {m.group(1).lower() for m in _THE_PERSON.finditer(sent.text)}
    for _, psent, pevents in reversed(previous[-2:]):
        if text[psent.end : sent.start].count("\n") > 2:
            return None
        for e in pevents:
            if e.when is None or not e.when.resolved or e.type != etype:
                continue
            aff = next((p.entity.label.lower() for p in e.participants if p.role == "affected"), "")
            if starts_pronoun or (heads and any(re.search(rf"\b{h}\b", aff) for h in heads)):
                return e.when
    return None


_BARE_MONTH = re.compile(
    r"(?:(?:early|late|mid-?)\s*)?(?:January|February|March|April|May|June|July|August|September|October|November|December)",
)
_YEAR_ONLY = re.compile(r"(?:19|20)\d\d")


def _in_stated_year(when: Timex, text: str, sent: Span, stx: list[Timex]) -> Timex:
    """A bare month dates to the year the sentence has just named, not the publication year:
    "In 2023, hackers stole $100 million in June" is June 2023, "$620 million in March 2022,
    and $100 million in June" is June 2022, and so is a list item
    "- 2023: The act is adopted in January"."""
    if when.granularity != "month" or not _BARE_MONTH.fullmatch(when.text) or when.earliest is None:
        return when
    years = [t for t in stx if t.end <= when.start and t.anchor == "absolute" and _YEAR_ONLY.search(t.text)
             and t.earliest is not None and t.latest is not None and t.earliest.year == t.latest.year]
    if not years or years[-1].earliest is None:
        return when
    year = years[-1].earliest.year
    between = text[years[-1].end : when.start]  # "in March 2022, and $100 million in June": June 2022
    if year == when.earliest.year or _YEAR_ONLY.search(between):
        return when
    try:
        earliest = when.earliest.replace(year=year)
        latest = when.latest.replace(year=year) if when.latest else None
    except ValueError:
        return when
    return replace(when, value=f"{year}{when.value[4:]}", earliest=earliest, latest=latest, anchor="expression")


_LATER = re.compile(
    r"(?P<n>an?|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(?P<u>day|week|month|year)s?\s+(?:later|afterwards|after\s+that)",
    re.I,
)
_LATER_N = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10}


def _later_time(stx: list[Timex], text: str, previous: list[tuple[int, Span, list[Event]]], index: "_DocIndex") -> Timex | None:
    """"A month later", "two years later": the date of the story so far moved on by that much.

    The story's date is the last resolved event date of the nearest sentence before that has
    one (looking back at most four sentences), else its last absolute date; the result keeps
    the unit's precision ("two years later" after spring 2002 is 2004)."""
    t = next((t for t in stx if not t.resolved and _LATER.fullmatch(t.text.strip())), None)
    if t is None:
        return None
    m = _LATER.fullmatch(t.text.strip())
    word = m.group("n").lower()
    n = int(word) if word.isdigit() else _LATER_N[word]
    unit = m.group("u").lower()
    base = None
    for _, psent, pevents in reversed(previous[-4:]):
        dated = [e.when for e in pevents if e.when is not None and e.when.resolved and not e.when.open_end]
        if not dated:
            dated = [x for x in index.timexes_in(psent) if x.type == "DATE" and x.resolved and x.anchor == "absolute"]
        if dated:
            base = max(dated, key=lambda x: x.start)
            break
    if base is None or base.earliest is None or base.latest is None:
        return None
    from datetime import date, timedelta

    def months(d: date, k: int) -> date:
        y, mo = divmod(d.month - 1 + k, 12)
        return date(d.year + y, mo + 1, 1)

    if unit == "year":
        lo, hi, gran = date(base.earliest.year + n, 1, 1), date(base.latest.year + n, 12, 31), "year"
    elif unit == "month":
        lo = months(base.earliest, n)
        hi = months(base.latest, n + 1) - timedelta(days=1)
        gran = "month"
    else:
        days = n * (7 if unit == "week" else 1)
        lo, hi = base.earliest + timedelta(days=days), base.latest + timedelta(days=days)
        gran = base.granularity if base.granularity in ("day", "week", "month") else "day"
    value = str(lo.year) if gran == "year" else lo.isoformat()[:7] if gran == "month" else lo.isoformat()
    return Timex(t.start, t.end, t.text, "DATE", value, earliest=lo, latest=hi, granularity=gran, anchor="expression")


_ANAPHOR = re.compile(r"\b(?:since then|since that time|ever since|at the time|at that time|that same year|the same year|that year)\b", re.I)


def _anaphoric_time(sent: Span, text: str, previous: list[tuple[int, Span, list[Event]]]) -> Timex | None:
    """"Since then", "that year": the date of the sentence before, carried over (open-ended
    for "since"), only when that sentence had a resolved date and no blank line lies between."""
    m = _ANAPHOR.search(sent.text)
    if not m or not previous:
        return None
    _, psent, pevents = previous[-1]
    if "\n\n" in text[psent.end : sent.start] or text[psent.end : sent.start].count("\n") > 1:
        return None
    dated = [e.when for e in pevents if e.when is not None and e.when.resolved]
    if not dated:
        return None
    base = min(dated, key=lambda t: t.start)
    start = sent.start + m.start()
    since = "since" in m.group(0).lower()
    return Timex(
        start, start + len(m.group(0)), m.group(0), "DATE", base.value,
        earliest=base.earliest, latest=None if since else base.latest, granularity=base.granularity,
        anchor="expression", mod="ON_OR_AFTER" if since else None, open_end=since,
    )


def _duration(etype: str, c: _Cand, text: str, sent: Span, stx: list[Timex]) -> Timex | None:
    durs = [t for t in stx if t.type == "DURATION" and t.value.startswith("P") and "X" not in t.value]
    if durs:
        return min(durs, key=lambda t: abs(t.start - c.start))
    m = _TERM_RE.search(text, max(sent.start, c.start - 20), min(sent.end, c.end + 60))
    if m:
        n = _num(m.group("n"))
        if n is not None:
            u = "Y" if m.group("u").lower().startswith("y") else "M"
            return Timex(m.start(), m.end(), m.group(0), "DURATION", f"P{int(n)}{u}")
    return None


# --- attribution ------------------------------------------------------------------------------


_LEADING_DETERMINER_WORD = re.compile(r"^(?:the|a|an|its|this|that)\s+(?:\w+\s+)?")
_IN_A_REPORT_BY = re.compile(r"\b(?:in|by)\s+(?:a|an|the)\s+(?:\w+\s+)?(?:report|statement|article|interview)\s+(?:by|from|of)\s+", re.I)
_POSSESSIVE_CLAIM = re.compile(r"(?:’s|'s)\s+(?:claim|statement|announcement|assertion|admission)\b")
_BE_BEFORE = re.compile(r"\b(?:was|were|is|are|been|be)\s+$")
_REPORT_SPEAKS = re.compile(r"\b(?:report|review|assessment|findings|study|survey|inquiry|commentary|article)s?\b[^.;]{0,40}$", re.I)
_IT_SPEAKS = re.compile(r"(?:^|[.;]\s*|\A)\s*it\s+$", re.I)
_PRONOUN_WHO = re.compile(r"it|they|he|she", re.I)


def _attribution(
    c: _Cand, text: str, sent: Span, actors: list[Mention], ctx: _Ctx, agent: Mention | None
) -> Entity | None:
    """Who the text says the event from: "according to X", "X said that …", "the report found
    that …" (the report's author), else the document's dateline agency."""
    for m in claims.ACCORDING_TO.finditer(text, sent.start, sent.end):
        after = [a for a in actors if m.end() <= a.start <= m.end() + 50]
        phrase = text[m.end() : m.end() + 60]
        generic = _GENERIC_SOURCE.match(phrase)
        if generic and not (after and after[0].start == m.end()):
            # "according to rights groups and South Korean officials": the first source named
            return _anonymous(generic.group(0), ctx)
        if after:
            return after[0].entity
        if claims.REPORT_NOUN.match(_LEADING_DETERMINER_WORD.sub("", phrase)) and ctx.report_author:
            return ctx.report_author
    m = _IN_A_REPORT_BY.search(text[sent.start : c.start])
    if m:
        after = [a for a in actors if sent.start + m.end() <= a.start <= sent.start + m.end() + 40]
        if after:
            return after[0].entity
    pm = None
    for pm in _POSSESSIVE_CLAIM.finditer(text[sent.start : c.start]):
        pass
    if pm is not None and c.type not in CLAIM_TYPES:
        owner = [a for a in actors if a.end <= sent.start + pm.start() and sent.start + pm.start() - a.end <= 2]
        if owner:
            return owner[-1].entity
    if c.type not in CLAIM_TYPES:
        lo = sent.start
        for br in _CLAUSE_BREAK.finditer(text, sent.start, c.start):
            lo = br.end()  # a reporting verb of an earlier coordinate clause does not reach the trigger
        for rm in claims.REPORTING.finditer(text, lo, c.start):
            if _BE_BEFORE.search(text[max(sent.start, rm.start() - 8) : rm.start()]):
                continue  # passive "were reported to have": a hedge, not a source
            subj_text = text[max(sent.start, rm.start() - 60) : rm.start()]
            if _REPORT_SPEAKS.search(subj_text) or _IT_SPEAKS.search(text[_clause_start(text, sent, rm.start()) : rm.start()]):
                inner = [a for a in actors if sent.start <= a.start and a.end <= rm.start()]
                if ctx.report_author is not None:
                    return ctx.report_author
                if inner:
                    return inner[-1].entity
            subj = _subject(text, sent, rm.start(), actors)
            if subj is not None and (agent is None or subj.entity.key != agent.entity.key or subj.start != agent.start):
                return subj.entity
    tail = _POSTPOSED.search(text, sent.start, sent.end)
    if tail is not None and c.end <= tail.start() and c.type not in CLAIM_TYPES:
        speakers = [a for a in actors if tail.start() <= a.start < tail.end()]
        if speakers:
            return speakers[0].entity
        if claims.REPORT_NOUN.search(tail.group("who")):
            return ctx.report_author or ctx.source
        who = tail.group("who").strip()
        if _PRONOUN_WHO.fullmatch(who):
            # ", it said": the organisation named last
            orgs = [e for e in ctx.seen if e.category in ("government", "un-body", "ngo", "media", "international")]
            return orgs[-1] if orgs else ctx.source
        if _GENERIC_SOURCE.fullmatch(who):
            return _anonymous(who, ctx)
        ent = Entity(key=slug(_LEADING_THE.sub("", tail.group("who").strip())),
                     label=tail.group("who").strip(), kind="actor", category="group")
        return ent
    return ctx.source


# ", South Korea's military said." / ", KCNA reported." at the end of a sentence
_POSTPOSED = re.compile(
    r",\s+(?P<who>(?:the\s+|an?\s+)?[\w’'.-]+(?:\s+[\w’'.-]+){0,5}?)\s+"
    r"(?:said|says|reported|reports|told\s+\w+|added|claimed|claims|alleged|announced|confirmed|stated|noted|wrote|"
    r"estimated|estimates|found|concluded|believes|believe)"
    r"(?:\s+[^,;:“”\"]{0,40}?)?\W*$"
)

# Sources the text does not name: the publisher stands for them, no entity of their own.
_GENERIC_SOURCE = re.compile(
    r"(?:an?\s+|the\s+|one\s+|two\s+|several\s+|some\s+|many\s+|other\s+|local\s+)*"
    r"(?:(?:informed|local|unnamed|anonymous|multiple|government|security|diplomatic|intelligence|military)\s+)?"
    r"(?:sources?|insiders?|residents?|witnesses|officials?|activists?|(?:human\s+)?rights\s+(?:groups?|activists?|organi[sz]ations)|"
    r"observers|analysts|experts|people familiar with the matter)"
    r"(?:\s+(?:in|inside|within|close to|familiar with)\s+[\w ]{1,30}?)?(?=\s*(?:,|\.|and\b|said|say|told|$))",
    re.IGNORECASE,
)


_LEADING_QUANTIFIER = re.compile(r"^(?:an?|the|one|two|several|some|many|other|local)\s+", re.I)
_RIGHTS_GROUP = re.compile(r"rights|activists", re.I)
_PLACE_TAIL = re.compile(r"\s+(?:in|inside|within|close to)\s+.*$")


def _anonymous(phrase: str, ctx: _Ctx) -> Entity | None:
    """An unnamed source: groups of them (rights groups, activists) keep a generic node; a lone
    'source' or 'official' is the publisher's word."""
    core = _LEADING_QUANTIFIER.sub("", phrase.strip())
    if _RIGHTS_GROUP.search(core):
        key = slug(_PLACE_TAIL.sub("", core))
        return Entity(key=key, label=core, kind="actor", category="group")
    return ctx.source


_REPORT_BY = re.compile(r"\b(?:report|review|assessment)\s+(?:by|from)\s+")
_REPORT_NEXT = re.compile(r"\s*(?:\([^)]*\)\s*)?(?:report|assessment|review)\b")


def _report_phrase_author(text: str, sent: Span, actors: list[Mention]) -> Entity | None:
    m = _REPORT_BY.search(text[sent.start : sent.end])
    if m:
        after = [a for a in actors if sent.start + m.end() <= a.start <= sent.start + m.end() + 8]
        if after:
            return after[0].entity
    for a in actors:
        if _REPORT_NEXT.match(text[a.end : a.end + 30]):
            return a.entity
    return None


# --- labels and denials -----------------------------------------------------------------------


def _label(ev: Event) -> str:
    agent = next((p.entity.label for p in ev.participants if p.role == "agent"), None)
    affected = next((p.mention.text if p.mention else p.entity.label for p in ev.participants if p.role == "affected"), None)
    if affected is not None:
        affected = _readable_group(affected)
    elif ev.type == "Defection":
        return "Defection"
    place = next((p.entity.label for p in ev.participants if p.role == "place"), None)
    amount = ev.quantities[0].text if ev.quantities else "funds"
    term = f" to {ev.duration.text}" if ev.duration is not None else ""
    active, passive = _LABELS.get(ev.type, ("{agent} " + ev.type, ev.type))
    fields = {
        "agent": agent or "",
        "affected": affected or "people",
        "place": place or "",
        "amount": amount,
        "term": term,
    }
    agent_cat = next((p.entity.category for p in ev.participants if p.role == "agent"), None)
    tpl = active if agent and agent_cat != "group" else passive
    if "{place}" in tpl and not place:
        tpl = passive if "{place}" not in passive else tpl.replace(" in {place}", "").replace(" {place}", "")
    fields["target"] = _target_word(ev) if "{target}" in tpl else ""
    if ev.type == "Statement" and tpl == active:
        said = _what_was_said(ev)
        if said:
            tpl = "{agent} " + said.replace("{", "(").replace("}", ")")
    label = tpl.format(**fields).strip()
    return label[:1].upper() + label[1:] if label else ev.type


# "South Korea condemned the launch" → "South Korea condemns the launch": a statement whose verb
# says what was said keeps that verb in its label, with a short object; "said" says nothing
_SAYING_VERBS = {
    "condemned": "condemns", "condemns": "condemns", "warned": "warns", "warns": "warns",
    "urged": "urges", "urges": "urges", "called": "calls", "accused": "accuses", "accuses": "accuses",
    "criticized": "criticizes", "criticizes": "criticizes", "criticised": "criticises", "criticises": "criticises",
    "voiced": "voices", "voices": "voices", "rejected": "rejects", "rejects": "rejects",
    "denied": "denies", "denies": "denies",
}
_OBJECT_END = re.compile(
    r"[,;:.!?()“”\"\[\]—–]|\s-\s|\s(?:that|which|who|whose|where|when|while|whereas|as|after|before|because|since|"
    r"amid|following|saying|adding|and\s+(?:said|added|warned|urged|called|demanded)|in\s+a\s+(?:statement|speech|letter|report)|"
    r"(?:on|last|this|next|earlier|late|early)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|week|month|year)|"
    r"(?:on|in)\s+(?:\d|January|February|March|April|May|June|July|August|September|October|November|December))\b",
)
_OBJECT_WORDS = 6
_DANGLING = re.compile(r"(?:\s+(?:the|a|an|of|to|for|on|in|with|and|or|by|its|their|his|her))+$", re.I)


def _what_was_said(ev: Event) -> str | None:
    """"condemns the launch", "warns", "calls for an independent inquiry": the verb of a
    statement and its object of at most six words, or None when the verb only reports."""
    words = ev.trigger.text.split()
    verb = _SAYING_VERBS.get(words[0].lower()) if words else None
    if verb is None:
        return None
    rest = " ".join(words[1:])  # "for" of "called for", "deep concern" of "voiced deep concern"
    if verb == "calls" and not rest:
        return None  # "called" alone: "called it a provocation"
    off = ev.trigger.end - ev.sentence.start
    tail = ev.sentence.text[off:] if off >= 0 else ""
    if verb in ("warns",):
        tail = re.sub(r"^\s*that\b", "", tail)
    end = _OBJECT_END.search(tail)
    obj = " ".join(tail[: end.start() if end else len(tail)].split())
    obj = _DANGLING.sub("", obj)
    if len(obj.split()) > _OBJECT_WORDS:
        obj = ""
    return " ".join(x for x in (verb, rest, obj) if x)


_APPROX = (
    (re.compile(r"^(?:about|around|roughly|approximately|an estimated|some|nearly|almost)\s+(?=\d)", re.I), "~"),
    (re.compile(r"^as many as\s+", re.I), "up to "),
    (re.compile(r"^(?:more than|over)\s+", re.I), "over "),
)


_LEADING_ARTICLE = re.compile(r"^(?:the|those|these)\s+(?=\w)", re.I)
_BARE_DEMONSTRATIVE = re.compile(r"^(?:those|these)$", re.I)
_LEADING_YEAR = re.compile(r"^[\W\d]*?(?:(?:19|20)\d\d)\W+")


def _readable_group(phrase: str) -> str:
    """A group as a label shows it: one line, no leading article, approximations short
    ("an estimated 500 North Koreans" → "~500 North Koreans"; "the men" → "men")."""
    phrase = " ".join(phrase.split())
    for rx, sub in _APPROX:
        phrase = rx.sub(sub, phrase)
    phrase = _LEADING_ARTICLE.sub("", phrase) if not _BARE_DEMONSTRATIVE.match(phrase) else phrase
    phrase = _LEADING_YEAR.sub("", phrase)  # never "2024, several officials"
    return phrase


_NOT_WHAT = re.compile(r"\bnot\s+(?:an?\s+|the\s+)?([\w-]+)", re.I)
_TARGET = re.compile(
    r"\b(resolution|report|inquiry|investigation|findings|probes?|accusations?|allegations?|claims?|reports|meeting|session|debate|hearing)\b",
    re.I,
)


def _target_word(ev: Event) -> str:
    m = _NOT_WHAT.search(ev.trigger.text)
    if m:
        return m.group(1)
    tail = ev.sentence.text[ev.trigger.start - ev.sentence.start :]
    m = _TARGET.search(tail) or _TARGET.search(ev.sentence.text)
    if m:
        return m.group(1).lower()
    return "report" if ev.type == "Rebuttal" else "accusations"


def _link_denials(events: list[Event]) -> list[Event]:
    """Link each denial or rebuttal to what it rejects in the same document: the reports,
    inquiries and resolutions of other actors, and (for accusations) the events the text
    attributes to another source; events it denies in its own sentence become negative."""
    out = list(events)
    for i, ev in enumerate(out):
        if ev.type not in ("Denial", "Rebuttal"):
            continue
        denier = next((p.entity.key for p in ev.participants if p.role == "agent"), None)
        accus = bool(claims.ACCUSATION.search(ev.sentence.text))
        targets: list[str] = []
        for j, other in enumerate(out):
            if j == i or other.type in CLAIM_TYPES:
                continue
            if other.sentence == ev.sentence and other.trigger.start > ev.trigger.start:
                targets.append(other.key)
                out[j] = replace(other, polarity="negative", attributed_to=ev.attributed_to or other.attributed_to)
                continue
            if other.type in REPORT_TYPES and (
                denier is None or next((p.entity.key for p in other.participants if p.role == "agent"), None) != denier
            ):
                targets.append(other.key)
            elif (
                ev.type == "Denial"
                and accus
                and other.attributed_to is not None
                and other.attributed_to.key != denier
                and not (denier in _DPRK_SIDE and other.attributed_to.key in _DPRK_SIDE)
                and other.attributed_to.kind == "actor"
            ):
                targets.append(other.key)
        out[i] = replace(ev, denies=tuple(sorted(set(targets))))
    return out


def iter_types(events: Iterable[Event]) -> list[str]:
    """The event types of ``events`` in order (a small helper for tests and reports)."""
    return [e.type for e in events]
