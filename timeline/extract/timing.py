"""When an event happened: from the parse first, then from the discourse, else inferred.

1. **The parse.** A time expression dates the predicate it hangs from: climbing from its head
   token through the dependency tree, the first event trigger or verb reached is its governor.
   In "the ministry on Monday condemned the sanctions the council imposed last week" *Monday*
   dates *condemned* and *last week* dates *imposed*. A noun event takes a date inside its own
   phrase ("the May theft") or the one of the light verb that takes it ("carried out the
   executions in May"); a verb coordinated with a dated verb shares a date fronted before both
   ("In 2019 she was arrested and sentenced"). A date hanging from no predicate of its own
   dates the sentence's events that have none (``sentence``).
2. **The discourse.** With none: a dated heading or list label above or opening the sentence
   (``heading``); the last explicit date of the same story thread, when the event is told in
   the same simple past (``narrative``: "In 2019, … . That April, she was sent back").
3. **Inferred, never stated.** With none of those, a past-tense event reported as news is
   bounded by its document's publication date (:class:`~timeline.model.InferredTime`, kept
   apart from stated time); without a publication date nothing is inferred.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_left, bisect_right
from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from ..model import InferredTime, Timex
from ..temporal import find_timexes
from ..temporal.lexicon import POS, SEASONS
from ..temporal.values import apply_position, season_val
from .modality import until_phrase
from .anchored import right_after
from .matcher import free_relative
from .tree import witnessed

Token = Any

INFERENCE_WINDOW_DAYS = 30
"""How far before the publication date an inferred time may begin (news reports recent events)."""

_SEQUENCE = frozenset({"later", "then", "subsequently", "eventually", "afterwards", "afterward", "finally", "soon"})
_GRAN_RANK = {"day": 0, "week": 1, "month": 2, "season": 3, "quarter": 3, "half": 4, "year": 5, "decade": 6, "century": 7}


def is_date(t: Timex) -> bool:
    """A time expression that can date an event (not a duration, a set, or 'now')."""
    return t.type in ("DATE", "TIME") and t.value not in ("PRESENT_REF", "FUTURE_REF", "PAST_REF")


def _starts(doc: Any) -> list[int]:
    starts = doc.user_data.get("starts")
    if starts is None:
        starts = doc.user_data["starts"] = [t.idx for t in doc]
    return starts


def tokens_between(doc: Any, lo: int, hi: int) -> list[Token]:
    """The tokens of ``doc`` starting at a character in [lo, hi) of the parsed text (by bisection)."""
    starts = _starts(doc)
    return [doc[i] for i in range(bisect_left(starts, lo), bisect_left(starts, hi))]


def token_at(doc: Any, at: int) -> Token | None:
    """The token covering character ``at`` of the parsed text, if any."""
    starts = _starts(doc)
    i = bisect_right(starts, at) - 1
    return doc[i] if i >= 0 and at < starts[i] + len(doc[i].text) else None


def tokens_of(doc: Any, offset: int, tx: Timex) -> list[Token]:
    """The tokens of ``doc`` (a sentence parsed from ``offset``) inside a time expression."""
    return tokens_between(doc, tx.start - offset, tx.end - offset)


def _head(tokens: list[Token]) -> Token:
    ids = {t.i for t in tokens}
    for t in tokens:
        if t.head.i not in ids or t.head.i == t.i:
            return t
    return tokens[0]


def governors(doc: Any, offset: int, timexes: list[Timex], triggers: set[int]) -> dict[int, list[Timex]]:
    """Each date's governing token index (an event trigger or a verb) → the dates it governs."""
    out: dict[int, list[Timex]] = {}
    for tx in timexes:
        toks = tokens_of(doc, offset, tx)
        if not toks:
            continue
        inside = {t.i for t in toks}
        node = _head(toks)
        if first_since(node):
            continue  # "the first ICBM test since March 2021": March dates the test before this one, not this one
        gov = None
        while node.head.i != node.i:
            node = node.head
            if node.i in inside:
                continue
            if node.i not in triggers and in_name(node):
                continue  # "adopted the Law on Rejecting Reactionary Ideology in December 2020": a name's word is no predicate
            if node.i not in triggers and by_means(node):
                continue  # "executed by firing squad last month": the means is the act, the date the act's
            if node.i not in triggers and node.dep_ == "prep":
                continue  # "according to", "following": a preposition the tagger reads as a verb is no predicate
            if node.i in triggers or (node.pos_ == "VERB" and not nominal_gerund(node)) or (node.pos_ == "AUX" and (
                    node.dep_ == "ROOT" or any(c.dep_ == "nsubj" and c.i in triggers for c in node.children))):
                gov = node
                break
        if gov is None:
            gov = node  # the root
        gov = _frame_setting(toks, gov)
        if gov.i not in triggers and not any(c.i in triggers for c in gov.children):
            gov = _before_complement(toks, gov)
        out.setdefault(gov.i, []).append(tx)
    return out


def _before_complement(toks: list[Token], gov: Token) -> Token:
    """"South Korea said on Wednesday it would halt …": a date between a verb and the subject of
    the clause it takes, with no "that" before the date, is the verb's; the parser may hang it
    from the clause's verb, whose own dates come after its subject. (A clause that tells an event
    of its own keeps the date: what is said to have happened is dated by the saying anyway.)"""
    if gov.dep_ != "ccomp" or gov.head.i == gov.i or not gov.head.i < toks[0].i < gov.i:
        return gov
    subject = next((c for c in gov.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    if subject is None or subject.i <= toks[-1].i:
        return gov
    if any(c.dep_ == "mark" and c.i < toks[0].i for c in gov.children):
        return gov  # "said that on Wednesday it would …": the clause's own opening date
    return gov.head


_OPENERS = frozenset({"in", "on", "at", "during", "by", "then", "but", "and", "so", "later", "early", "late", "that", "this"})


def _frame_setting(toks: list[Token], gov: Token) -> Token:
    """A date that opens the sentence before a comma sets the scene of its main clause: "In the
    autumn of 2020, after a soldier fell ill, her district was sealed off" — the parser may hang
    the date from the subordinate clause that follows the comma, whose marker comes after the
    date; the date is the main clause's, as the clause's own date would come after its marker."""
    first, last = toks[0], toks[-1]
    doc = first.doc
    if any(doc[j].is_alpha and doc[j].lower_ not in _OPENERS for j in range(first.sent.start, first.i)):
        return gov
    if last.i + 1 >= len(doc) or doc[last.i + 1].text != ",":
        return gov
    while gov.dep_ in ("advcl", "ccomp") and gov.head.i != gov.i and gov.head.i > gov.i and any(
        c.dep_ == "mark" and c.i > last.i and c.lower_ in _RELATIVE_TIME | {"when", "as", "while", "once"} for c in gov.children
    ):
        gov = gov.head
    return gov


def nominal_gerund(t: Token) -> bool:
    """A gerund with a determiner is a noun ("at the Tumen crossing on Friday", "after the
    shooting"): a date beside it dates the clause's predicate, not the gerund."""
    return t.tag_ == "VBG" and any(c.dep_ in ("det", "poss") for c in t.children)


def first_since(t: Token) -> bool:
    """Whether the date token ``t`` follows 'since' after a noun that is a first ("the first
    launch since May 5", "its first public execution in years since 2019")."""
    prep = t.head
    if t.dep_ != "pobj" or prep.lower_ != "since" or prep.dep_ != "prep":
        return False
    noun = prep.head
    return noun.pos_ in ("NOUN", "PROPN") and any(c.lower_ == "first" and c.dep_ in ("amod", "advmod") for c in noun.children)


def describes_someone(t: Token) -> bool:
    """A 'who' clause tells who a participant is ("nine Koreans who fled their country were flown
    back this week", "fishermen who had killed their crew before fleeing to the South"): its
    events, however deep in it, are the person's past, not dated by the sentence's time."""
    node = t
    while True:
        if node.dep_ == "relcl" and any(c.lower_ in ("who", "whom", "whose") or c.tag_ == "WP$" for c in node.subtree if c.i < node.i):
            return True
        if node.head.i == node.i or node.dep_ in ("parataxis", "ROOT"):
            return False
        node = node.head


def commemorated(t: Token, commemorations: Collection[str]) -> bool:
    """An event named as what a day commemorates ("the 70th anniversary of the adoption of the
    declaration"): it happened on a past date, not at the time the sentence speaks of."""
    return t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.lemma_.lower() in commemorations


def by_means(t: Token) -> bool:
    """A gerund after 'by' names the means or manner of the act it hangs from ("executed by firing
    squad", "escaped by crossing the river"): it is done at the act's time, no predicate of its own."""
    return t.tag_ == "VBG" and t.dep_ == "pcomp" and t.head.lower_ == "by"


def time_clause(t: Token) -> bool:
    """Whether ``t`` heads a clause that serves as the time of another ("since the laws took
    effect", "after the border closed"): without a date of its own it names an event, it tells none."""
    return t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _RELATIVE_TIME for c in t.children)


def in_name(t: Token) -> bool:
    """A verb written in title case inside a sentence, beside another capitalised word, is a word
    of a name ("the Law on Rejecting Reactionary Ideology", "the Committee for Investigating
    Crimes"), not a predicate a date can hang from."""
    if t.pos_ not in ("VERB", "AUX") or not t.text[:1].isupper() or t.i == t.sent.start:
        return False
    if t.nbor(-1).text in (":", '"', "“", "‘", "'", "(", "-", "—", "–", "*", "#"):
        return False  # a quotation or a heading starts there
    nbors = [t.doc[j] for j in (t.i - 1, t.i + 1) if t.sent.start <= j < t.sent.end]
    return any(n.text[:1].isupper() and n.is_alpha for n in nbors)


def best(timexes: list[Timex]) -> Timex:
    """The most precise of several dates governed by one predicate (resolved ones first)."""
    return min(timexes, key=lambda t: (not t.resolved, _GRAN_RANK.get(t.granularity or "", 9), t.start))


def gap_of(tx: Timex, t: Token) -> Token | None:
    """The coordinated object of a gapped clause a date belongs to ("stole $100 million in June
    and $41 million in September": September goes with the second sum), or None."""
    offset = getattr(t.doc, "user_data", {}).get("offset", 0)
    gaps = [c for c in t.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "NUM", "PROPN", "SYM")]
    gaps += [g for c in t.children if c.dep_ in ("dobj", "pobj") for g in c.children if g.dep_ == "conj" and g.pos_ in ("NOUN", "NUM", "PROPN", "SYM")]
    before = [g for g in gaps if g.idx + offset < tx.start]
    return max(before, key=lambda g: g.i) if before else None


_LIST_GAP = re.compile(r"^[\s,;]*(?:(?:and|or)(?:\s+(?:again|also|once\s+more))?(?:\s+(?:on|in))?)?[\s,;]*$")
_RANGE_OPEN = re.compile(r"\b(?:between|from)\s+(?:on\s+)?$", re.I)


def date_list(timexes: list[Timex], text: str, offset: int, own: Timex | None = None) -> list[Timex]:
    """Two or more resolved dates one predicate governs, written as a list (only commas,
    semicolons and a last 'and', 'and again on', between them; not "between X and Y"), in text
    order; else nothing. Beside a list the predicate may hold a wider time ("Last month, … two
    launches, on July 4 and July 28"): the list is the run of dates that holds ``own``, the
    event's own date (or the only run there is)."""
    dates = sorted((t for t in timexes if t.resolved), key=lambda t: t.start)
    runs: list[list[Timex]] = []
    for t in dates:
        if runs and _LIST_GAP.match(text[runs[-1][-1].end - offset : t.start - offset]):
            runs[-1].append(t)
        else:
            runs.append([t])
    lists = [r for r in runs if len(r) >= 2]
    if own is not None:
        lists = [r for r in lists if own in r]
    if len(lists) != 1:
        return []
    dates = lists[0]
    if any(t.granularity in ("decade", "century") for t in dates):
        return []  # "in the 1970s and 1980s": a span of years, not two occasions
    if _RANGE_OPEN.search(text[max(0, dates[0].start - offset - 14) : dates[0].start - offset]):
        return []
    # "January 6 and September 9, 2016": a day joined to a dated day shares its year
    return [in_year(a, b.earliest.year) if a.anchor != "absolute" and b.anchor == "absolute" and b.earliest is not None
            and text[a.end - offset : b.start - offset].strip() == "and" else a for a, b in zip(dates, [*dates[1:], dates[-1]])]


def _under_conj(tx: Timex, t: Token) -> bool:
    return gap_of(tx, t) is not None


def own_time(t: Token, gov: dict[int, list[Timex]], light_verbs: frozenset[str], triggers: set[int],
             habitual: frozenset[str] = frozenset()) -> Timex | None:
    """The date attached to the trigger ``t`` in the parse, or to the clause it heads (``habitual``:
    the adverbs that make a relative clause a habit, not the noun's occurrence)."""
    if t.i in gov:
        mine = [x for x in gov[t.i] if not _under_conj(x, t)]
        return best(mine or gov[t.i])
    named = [x for c in t.children if free_relative(c) for k in (c, *(g for g in t.children if g.dep_ == "ccomp" and g.lemma_ == "be"))
             for g in k.subtree if g.i in gov for x in gov[g.i]]
    if named:  # "detonated what it described as a hydrogen bomb on Sept. 3": the parser hangs the date inside the naming
        return best(named)
    head = t.head
    if t.pos_ in ("NOUN", "PROPN") and t.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ in ("NUM", "DET", "PRON") and head.head.i not in triggers:
        # a partitive stands in for its noun: "all six of its tests were carried out on …"
        part = head.head
        verb = part.head
        if part.dep_ in ("dobj", "nsubj", "nsubjpass") and verb.lemma_.lower() in light_verbs and verb.i not in triggers and verb.i in gov:
            return best(gov[verb.i])
    # a noun event takes the date of the light verb that takes it
    if t.pos_ in ("NOUN", "PROPN") and t.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj") and head.i in gov:
        verb = head.head if head.dep_ == "prep" else head
        if verb.lemma_.lower() in light_verbs and verb.i not in triggers and verb.i in gov:
            return best(gov[verb.i])
        if t.dep_ in ("nsubj", "nsubjpass") and head.pos_ in ("VERB", "AUX") and head.i not in triggers:
            return best(gov[head.i])  # its own predicate: "a UN inquiry concluded in 2014", "the sentencing today is a travesty"
        if head.lemma_.lower() in light_verbs and head.i not in triggers:
            return best(gov[head.i])
    if t.pos_ == "NOUN" and t.dep_ == "dobj" and head.lemma_.lower() in light_verbs and head.i not in triggers and head.dep_ == "conj":
        return own_time(head, gov, light_verbs, triggers, habitual)  # "acknowledged an outbreak in May 2022 and ordered a lockdown"
    # a date closing a coordination of verbs with one subject dates each ("declared an emergency and
    # ordered a lockdown at a meeting on Saturday"); one inside the second conjunct does not
    for c in t.children:
        if c.dep_ == "conj" and c.pos_ == "VERB" and c.i in gov and not any(
                g.dep_ in ("nsubj", "nsubjpass") or (g.dep_ == "advmod" and g.lower_ in _SEQUENCE) for g in c.children):
            trailing = [x for x in gov[c.i] if x.start > c.idx + (c.doc.user_data.get("offset") or 0)]
            if trailing:
                return best(trailing)
    # coordination shares the first verb's date, unless the second is "later" or "then"
    if t.dep_ == "conj" and not any(c.dep_ == "advmod" and c.lower_ in _SEQUENCE for c in t.children):
        if head.i in gov:
            return best(gov[head.i])
        if head.pos_ == "VERB" and head.dep_ == "advcl":  # "…, sending the river over its banks and washing away homes"
            return own_time(head, gov, light_verbs, triggers, habitual)
    # a bare participial adjunct tells part of its clause's act, at its time: "rain fell from Aug. 29
    # to Sept. 2, sending the river over its banks", "held a trial last month, executing a man";
    # a perfect ("having fled in 2019, …"), a subject or a marker ("while", "before") says otherwise
    if t.dep_ == "advcl" and t.tag_ == "VBG" and head.i in gov and head.pos_ in ("VERB", "AUX") and not any(
        c.dep_ in ("nsubj", "nsubjpass", "mark", "aux", "auxpass") for c in t.children
    ):
        dates = [x for x in gov[head.i] if x.resolved]
        return best(dates) if dates else None
    # an event adjunct dates its predicate: "during the 2024 floods", "after the May theft"
    for c in [*t.children, *(t.head.children if t.dep_ == "xcomp" else ())]:
        if c.dep_ == "prep" and c.lower_ in ("during", "amid", "in", "after", "following", "at"):
            noun = next((g for g in c.children if g.dep_ == "pobj"), None)
            if noun is not None and noun.i in triggers and noun.i in gov:
                return best(gov[noun.i])
            # the occasion it happened at, dated by its participle: "at a public trial held last Tuesday"
            held = next((g for g in noun.children if g.dep_ == "acl" and g.tag_ == "VBN" and g.i in gov and g.i not in triggers),
                        None) if noun is not None and c.lower_ in ("at", "during") else None
            if held is not None:
                return best(gov[held.i])

    # a noun's own dated participle: "an indictment unsealed today", "a report released on Monday";
    # a relative clause that tells it happening: "an execution he said he witnessed in May"
    if t.pos_ in ("NOUN", "PROPN"):
        told = next((c for c in t.children if c.dep_ == "acl" and c.tag_ == "VBN" and c.i in gov and c.i not in triggers), None)
        if told is None:
            told = next((v for v in witnessed(t, habitual) if v.i in gov and v.i not in triggers), None)
        if told is not None:
            return best(gov[told.i])
    # a resultative complement's date is its verb's: "has kept its border closed since 2020"
    for c in t.children:
        if c.dep_ in ("oprd", "acomp") and c.i in gov and c.i not in triggers:
            return best(gov[c.i])
    # a participle on an act's noun takes the act's date ("a commentary denouncing …" published Thursday)
    if t.dep_ == "acl" and head.dep_ in ("dobj", "pobj", "attr"):
        verb = head.head.head if head.dep_ == "pobj" else head.head
        if verb.i in gov:
            return best(gov[verb.i])
    # "began executing", "continued to send back": the aspectual verb's date
    if t.dep_ == "xcomp" and head.i in gov and head.i not in triggers and head.lemma_.lower() in light_verbs:
        return best(gov[head.i])
    after = right_after(t, gov)
    return best(after) if after else None


_RELATIVE_TIME = frozenset({"after", "before", "since", "until", "till", "following", "prior", "ahead", "amid", "during", "preceding"})


def complement_time(t: Token, gov: dict[int, list[Timex]], triggers: set[int], reporting: frozenset[str]) -> Timex | None:
    """An event inside the complements of a predicate that is no event ("in 2010 she was ordered
    to watch the shooting of two men", "was made in 1996 to attend the hanging", "pushed up by the
    closure of the border in March 2021"): the predicate's date is the event's. The climb stays in the clause (objects, prepositions, infinitives) and
    stops at another event and at a verb of saying, whose date is the telling's."""
    node = t
    for _ in range(4):
        if node.dep_ not in ("dobj", "pobj", "prep", "agent", "xcomp") or node.head.i == node.i:
            return None
        node = node.head
        if node.i in triggers or node.lemma_.lower() in reporting or (node.dep_ in ("prep", "advmod") and node.lower_ in _RELATIVE_TIME):
            return None  # "two years after the lockdown": an event named as the time of another
        if node.pos_ == "VERB" and node.i in gov:
            dates = [x for x in gov[node.i] if x.resolved]
            return best(dates) if dates else None
    return None


def medium_time(t: Token, gov: dict[int, list[Timex]], triggers: set[int]) -> Timex | None:
    """"In a message delivered on Sept. 25, Kim said …", "said in a statement issued Tuesday":
    the participle that dates the medium of a speech act dates the act; so does a participle
    before it that tells the occasion ("Speaking to reporters on Monday, the minister said …")."""
    objects = [g for g in t.children if g.dep_ in ("dobj", "obj")]
    for c in [*t.children, *(g for o in objects for g in o.children)]:  # "rejected the report in a statement issued Monday":
        if c.dep_ == "prep" and c.lower_ == "in":  # the parser may hang the medium from the object
            for noun in (g for g in c.children if g.dep_ == "pobj"):
                told = next((g for g in noun.children if g.dep_ == "acl" and g.tag_ == "VBN" and g.i in gov and g.i not in triggers), None)
                if told is not None:
                    return best(gov[told.i])
    for c in t.children:  # "Speaking in Berlin on Friday, Pompeo said …": the occasion of speaking is the saying's
        if c.dep_ == "advcl" and c.tag_ == "VBG" and c.i < t.i and c.i in gov and c.i not in triggers and not any(
                g.dep_ == "mark" for g in c.children):
            return best(gov[c.i])
    return None


def when_clause_time(t: Token, date_of: dict[int, Timex], gov: dict[int, list[Timex]]) -> Timex | None:
    """"In 2014, when the inquiry concluded …", "admitted an outbreak on May 12, when Kim
    ordered a lockdown", "its first launch since Dec. 18, when it fired …": a 'when' clause holds
    its events at the date it follows or hangs from, or at the date of the clause it hangs from. ``date_of`` maps tokens to the time expression they are
    part of; ``gov`` maps tokens to the dates hanging from them."""
    node = t
    for _ in range(3):  # the trigger, or the verb of its clause ("when Kim ordered a lockdown")
        when = next((c for c in node.children if c.dep_ in ("advmod", "mark") and (
            c.lower_ == "when" or (c.lower_ in ("as", "while") and c.dep_ == "mark" and c.i == node.left_edge.i))), None)
        if node.dep_ in ("relcl", "advcl") and when is not None:
            head = node.head
            prev = when.i - 1  # the word before "when", past a comma
            if prev > 0 and node.doc[prev].is_punct:
                prev -= 1
            # "since Dec. 18 last year, when it test-fired …": the clause right after a date is that date's
            tx = date_of.get(prev) or date_of.get(head.i) or (best(gov[head.i]) if gov.get(head.i) else None) or next(
                (best(gov[c.i]) for c in head.children if c.i in gov and c.i != node.i and c.dep_ in ("dobj", "nsubj", "nsubjpass")), None)
            tx = closed(tx) if tx is not None else None  # "since December 2023, when it flew a Hwasong-18": then, not since
            return tx if tx is not None and tx.resolved else None
        if node.head.i == node.i:
            return None
        node = node.head
    return None


_MONTH_VALUE = re.compile(r"(?:XXXX|\d{4})-(\d{2})(?:-(\d{2}))?")


def in_year(tx: Timex, year: int, limit: date | None = None) -> Timex:
    """A month or day the text gives without a year ("in March", or one resolved against the
    publication date) placed in the year the text states around it ("- 2013: In March, …");
    with a ``limit`` (the publication date, for a thing told as past), the last such month or
    day not after it ("in December" in a release of January 14, 2000 is December 1999)."""
    placed = _in_year(tx, year)
    if limit is not None and placed.earliest is not None and placed.earliest > limit:
        return _in_year(tx, year - 1)
    return placed


def following(tx: Timex, ref: Timex) -> Timex:
    """A month or day the text gives without a year, in a text with no publication date, placed
    as a narrative goes on from the last date it told (``ref``): the first such month or day
    that does not end before ``ref`` begins ("In October 2018 … Then in November" is November
    2018; "In December 2018 … In January" is January 2019)."""
    if ref.earliest is None:
        return tx
    placed = _in_year(tx, ref.earliest.year)
    if placed.latest is not None and placed.latest < ref.earliest:
        return _in_year(tx, ref.earliest.year + 1)
    return placed


_SEASON_VALUE = re.compile(r"(?:XXXX|\d{4})-(SP|SU|FA|WI)")


def _in_year(tx: Timex, year: int) -> Timex:
    season = _SEASON_VALUE.fullmatch(tx.value)
    if season is not None and tx.anchor != "absolute":  # "in the spring": the spring of that year, as the engine reads it
        placed = season_val(year, season.group(1), "expression")
        return replace(tx, value=placed.value, earliest=placed.earliest, latest=placed.latest, anchor="expression")
    m = _MONTH_VALUE.fullmatch(tx.value)
    if m is None or tx.anchor == "absolute":
        return tx
    month = int(m.group(1))
    if not 1 <= month <= 12:
        return tx
    if m.group(2):
        day = int(m.group(2))
        if day > calendar.monthrange(year, month)[1]:
            return tx
        d = date(year, month, day)
        return replace(tx, value=d.isoformat(), earliest=d, latest=d, anchor="expression")
    last = calendar.monthrange(year, month)[1]
    placed = replace(tx, value=f"{year:04d}-{month:02d}", earliest=date(year, month, 1), latest=date(year, month, last),
                     anchor="expression")
    position = _POSITION.match(tx.text)  # "late July" placed in a year stays July 21-31, as the engine reads it
    return apply_position(placed, position.group(0)) if position is not None else placed


_POSITION = re.compile(rf"(?i:{POS})")


_DEICTIC = re.compile(r"\b(?:last|next|this|coming|past|previous|ago|year)\b", re.I)
_SEASON_NAME = re.compile(rf"\b(?:{'|'.join(SEASONS)})\b", re.I)  # "in the spring": a season, named as a month is
_MONTH_NAME = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\s|$|,)", re.I)
_ANAPHORIC_BEFORE = re.compile(r"\b(?:that|the same)\s+$", re.I)


def names_month(tx: Timex) -> bool:
    """Whether an expression names its month ("in March", "May 3") rather than pointing from
    the moment of writing ("on Sunday", "last week", "last May", "in July last year"): only the
    former takes a year stated around it."""
    return bool(_MONTH_NAME.search(tx.text + " ") or _SEASON_NAME.search(tx.text)) and not _DEICTIC.search(tx.text)


def anaphoric_month(tx: Timex, text: str) -> bool:
    """"That April", "that same March": a month in the year the story is telling (``text`` is
    the document the expression was found in)."""
    return tx.anchor == "publication" and names_month(tx) and bool(_ANAPHORIC_BEFORE.search(text, max(0, tx.start - 12), tx.start))


_EARLIER = re.compile(r"earlier\s+this\b", re.I)


def so_far(tx: Timex, published: date | None) -> Timex:
    """A period counted from the publication date that holds it ("this year", "this week", "this
    month"), for an event told as past: from its start to the publication date, since what is
    told as done cannot come after the telling ("earlier this week": to the day before). Other
    expressions unchanged."""
    if (published is None or tx.anchor != "publication" or tx.earliest is None or tx.latest is None
            or not tx.earliest <= published <= tx.latest):
        return tx
    if _EARLIER.match(tx.text) and tx.earliest < published:
        return replace(tx, latest=published - timedelta(days=1))  # "earlier this week": before the day of the telling
    return replace(tx, latest=published) if published < tx.latest else tx


def after_publication(tx: Timex, published: date | None) -> bool:
    """A month or day named without its year and placed by the publication date after it (the
    engine takes the nearest such date, which a verb in the past rules out)."""
    return (published is not None and tx.anchor == "publication" and tx.earliest is not None
            and tx.earliest > published and names_month(tx))


def names_a_thing(doc: Any, offset: int, tx: Timex, events: set[int]) -> bool:
    """Whether ``tx`` is a year or date before a noun that names a thing, not an event of ours
    ("the 2018 military agreement", "the 2024 edition", "a 1986 protocol"): it tells which thing,
    not when the sentence's events happened, so it gives no year to the sentence's other dates
    ("… the launch on 21 November, and the end of the 2018 agreement")."""
    tokens = tokens_of(doc, offset, tx)
    if not tokens:
        return False
    head = _head(tokens)
    noun = head.head
    return (head.dep_ in ("nummod", "compound", "nmod", "amod") and noun.i > head.i and noun.i not in events
            and noun.pos_ in ("NOUN", "PROPN") and noun not in tokens)


def stated_year(candidates: list[Timex]) -> int | None:
    """The year an explicit, year-precise date around an expression states."""
    years = [t for t in candidates if t.resolved and t.anchor == "absolute" and t.granularity in ("year", "month", "season", "day")
             and t.earliest is not None and t.latest is not None and t.earliest.year == t.latest.year]
    return years[0].earliest.year if years else None


def _before(tx: Timex, tok: Token) -> bool:
    return tx.start < _abs(tok)


def _abs(tok: Token) -> int:
    return tok.idx + getattr(tok.doc, "user_data", {}).get("offset", 0)


def sentence_time(gov: dict[int, list[Timex]], doc: Any, triggers: set[int], reporting: frozenset[str]) -> Timex | None:
    """A date in the sentence that hangs from no event and no reporting verb (it dates the
    sentence's undated events): "It was in 2019 that …", a date on the root of a copula."""
    free = []
    for i, txs in gov.items():
        tok = doc[i]
        if i in triggers or tok.lemma_.lower() in reporting:
            continue
        if tok.pos_ == "VERB" and tok.dep_ not in ("ROOT",):
            continue
        free.extend(txs)
    resolved = [t for t in free if t.resolved]
    return best(resolved) if len(resolved) == 1 else None


def past_tense(t: Token) -> bool:
    """Simple past or past passive ("sent", "was sent"), as a story told in the past uses."""
    if t.pos_ != "VERB":
        head = t.head
        return head.pos_ == "VERB" and past_tense(head) if t.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj") else False
    auxes = [c for c in t.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "MD" for a in auxes):
        return False
    if t.tag_ == "VBD" and not auxes:
        return True
    return any(a.tag_ == "VBD" and a.lemma_ == "be" for a in auxes) and t.tag_ == "VBN"


def telling_verb(t: Token) -> Token:
    """The verb that tells a noun event: its head ("the launch took place"), or the verb its
    prepositional phrase hangs from ("said in a report in March", "named in the indictment
    unsealed last week"). A verb tells itself; with no verb above, the head."""
    node = t
    while node.pos_ != "VERB" and node.dep_ in ("pobj", "prep", "dobj", "nsubj", "nsubjpass", "attr") and node.head.i != node.i:
        node = node.head
    return node if node.pos_ == "VERB" else t.head


def told_as_done(t: Token) -> bool:
    """Reported as news ("fired", "has executed"), or a participle with a subject and no
    auxiliary ("the regime executed five men" tagged VBN): a finite past the tagger missed."""
    return reported_as_news(t) or (t.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in t.children)
                                   and any(c.dep_ == "nsubj" for c in t.children))


def reported_as_news(t: Token) -> bool:
    """Past or present perfect ("fired", "was sent", "has executed", "had sent")."""
    if past_tense(t):
        return True
    if t.pos_ != "VERB":
        return False
    return any(c.dep_ == "aux" and c.lemma_ == "have" for c in t.children) and t.tag_ == "VBN"


def simple_present(t: Token) -> bool:
    """Whether the finite verb of the clause ``t`` stands in (the trigger, or the first verb up
    the tree that has a tense) is in the simple present, active or passive ("uses", "are held",
    "expresses concern over the forced repatriation"): told with no time of its own, it is what
    happens as a rule, not an occurrence. Not the perfect, the progressive or a modal, and not
    with "now", "still" or "currently", which tell the present state of things ("are still held",
    "now executes people for …"), and not under a saying told in the past."""
    while not (t.pos_ in ("VERB", "AUX") and t.tag_ in ("VBZ", "VBP", "VBD", "MD")
               or any(a.dep_ in ("aux", "auxpass") for a in t.children)):
        if t.head.i == t.i:
            return False
        t = t.head
    auxes = [a for a in t.children if a.dep_ in ("aux", "auxpass")]
    if t.tag_ in ("VBD", "MD", "VBG") or any(a.tag_ in ("MD", "VBD") or a.lemma_ == "have" for a in auxes):
        return False
    if any(c.dep_ == "advmod" and c.lower_ in ("now", "still", "currently", "presently") for c in t.children):
        return False
    if t.dep_ == "ccomp" and t.head.tag_ == "VBD":
        return False  # "testified that guards beat prisoners": under a past saying, a past the tagger read as present
    return t.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes)


@dataclass
class Narrative:
    """The reference time of the story thread: the last explicit date told in the past, within
    a paragraph; a dated heading or list label above."""

    heading: Timex | None = None
    thread: Timex | None = None
    paragraph: int = -1
    age: int = 0
    last: Timex | None = None
    day: Timex | None = None  # the last day the text told, in any paragraph ("that night" refers to it)
    told_at: Timex | None = None  # the last date of any precision it told ("at the same trial")
    story: Timex | None = None  # the last date an event was told at, in any paragraph (a text with no publication date goes on from it)

    def new_paragraph(self, index: int) -> None:
        if index != self.paragraph:
            self.paragraph = index
            self.thread = self.last = None

    def told(self, tx: Timex, *, verbal: bool = True) -> None:
        """A date the text just told: any date is the referent of a later 'since then'; one told
        with a verb in the simple past carries the story on to the next sentences."""
        if tx.resolved and tx.anchor in ("absolute", "expression") and (tx.granularity or "") in ("day", "week", "month", "season", "quarter", "half", "year"):
            self.last = self.story = tx
            self.age = 0
            if verbal:
                self.thread = tx

    def mentioned(self, dates: list[Timex]) -> None:
        """The dates a sentence names, whatever they date: the last is what "that night", "the
        same day" or "at the same trial" in a later sentence refers back to."""
        for tx in dates:
            if tx.resolved and tx.earliest is not None and tx.latest is not None and not tx.open_end:
                self.told_at = tx
                if tx.earliest == tx.latest:
                    self.day = tx

    def step(self) -> None:
        """A sentence passed: a thread not renewed for two sentences has ended."""
        self.age += 1
        if self.age > 2:
            self.thread = self.last = None


# A time told again by reference: "that night", "the same day", "at the same trial", "during
# the same visit", "said at the time" (not "at the time of writing"). Day words need a day told before; "at/during the same <noun>" takes the last
# date told at whatever precision.
_SAME_DAY = re.compile(r"\b(?:that|the same|that same)\s+(?:day|night|morning|afternoon|evening)\b", re.I)
_SAME_OCCASION = re.compile(r"\b(?:at|during)\s+(?:that|the)\s+same\s+[a-z]|\bat\s+(?:that|the)\s+time\b(?!\s+of\b)", re.I)


def same_time(sentence: str, narrative: Narrative) -> tuple[Timex, int] | None:
    """The date a sentence refers back to with "that night", "the same day" or "at the same
    trial" (the day, or the last date, the text told before) and where in the sentence the
    phrase stands; else None."""
    if narrative.day is not None and (m := _SAME_DAY.search(sentence)) is not None:
        return narrative.day, m.start()
    if narrative.told_at is not None and (m := _SAME_OCCASION.search(sentence)) is not None:
        return narrative.told_at, m.start()
    return None


_THAT_SEASON = re.compile(r"\b(?:that|that same|the same)\s+(winter|spring|summer|autumn|fall)\b", re.I)


def anaphoric_seasons(text: str, sent: Any, year: int) -> list[Timex]:
    """"That autumn", "that winter": the season of the year the story is telling, as time
    expressions of the sentence (the engine leaves them without a value)."""
    out = []
    for m in _THAT_SEASON.finditer(text, sent.start, sent.end):
        (tx,) = find_timexes(f"the {m.group(1).lower()} of {year}", None) or (None,)
        if tx is not None and tx.resolved:
            out.append(replace(tx, start=m.start(), end=m.end(), text=m.group(0), anchor="expression"))
    return out


def reanchored(timexes: list[Timex], text: str, sent: Any, day: date) -> list[Timex]:
    """Expressions that count from the moment of telling ("on Monday", "yesterday", "last week",
    "the previous day") resolved against ``day``, the day a dated item or heading tells of,
    instead of the publication date; other expressions unchanged."""
    if not any(t.anchor in ("publication", "unresolved") for t in timexes):
        return timexes
    again = {(t.start + sent.start, t.end + sent.start): t for t in find_timexes(text[sent.start : sent.end], day)}  # the engine, anchored on the item's day
    out = []
    for t in timexes:
        new = again.get((t.start, t.end)) if t.anchor in ("publication", "unresolved") else None
        out.append(replace(new, start=t.start, end=t.end, anchor="expression") if new is not None and new.resolved else t)
    return out


def clock_days(timexes: list[Timex], day: Timex | None) -> list[Timex]:
    """A time of day with no day of its own ("at around 11:30 p.m.", "overnight") is on the day
    the sentence names, else on the day the story last told — not on the publication date the
    engine falls back to. With neither it is left as the engine resolved it."""
    def bare(t: Timex) -> bool:  # a time of day the engine put on the publication day for want of one
        return t.type == "TIME" and t.anchor == "publication" and not _NAMES_DAY.search(t.text)

    if not any(bare(t) for t in timexes):
        return timexes
    days = [t for t in timexes if t.type == "DATE" and t.resolved and t.granularity == "day" and t.earliest == t.latest]
    ref = days[0] if days else day
    if ref is None or ref.earliest is None:
        return timexes
    return [replace(t, value=ref.earliest.isoformat() + t.value[10:], earliest=ref.earliest, latest=ref.earliest, anchor="expression")
            if bare(t) else t for t in timexes]


# A time of day that names its day ("Wednesday night", "yesterday morning", "tonight", "this morning") keeps it.
_NAMES_DAY = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day|\b(?:yesterday|today|tonight|tomorrow)\b"
                        r"|\bthis\s+(?:morning|afternoon|evening)\b", re.I)


def closed(tx: Timex) -> Timex:
    """The unit an open interval counts from or to ("since December 2023" → December 2023,
    "until May 12" → May 12), at the precision the text names; other expressions unchanged."""
    base = tx.earliest if tx.open_end and tx.earliest is not None else tx.latest if tx.open_start and tx.latest is not None else None
    if base is None:
        return tx
    unit = {"day": (base, base),
            "month": (base.replace(day=1), base.replace(day=calendar.monthrange(base.year, base.month)[1])),
            "year": (date(base.year, 1, 1), date(base.year, 12, 31))}.get(tx.granularity or "")
    if unit is None:
        return tx
    return replace(tx, earliest=unit[0], latest=unit[1], open_start=False, open_end=False, mod=None)


def not_until(t: Token, tx: Timex) -> Timex:
    """"Did not report its first case until May 12": a negated predicate with an "until" phrase
    tells that the event happened then, not in the open interval before it that "until" alone
    ("held until 2019") gives."""
    return closed(tx) if tx.open_start and any(c.dep_ == "neg" for c in t.children) and until_phrase(t) else tx


def since(tx: Timex) -> Timex:
    """"Since then": from the thread's date on, open-ended."""
    return replace(tx, text="since then", latest=None, open_end=True, mod="AFTER")


def inferred(t: Token, published: date | None) -> InferredTime | None:
    """A publication-bounded time for a past event with no date of its own; None without a
    publication date, or for an event not told in the past."""
    if published is None or not reported_as_news(t):
        return None
    return InferredTime(published - timedelta(days=INFERENCE_WINDOW_DAYS), published, "publication", INFERENCE_WINDOW_DAYS)


__all__ = [
    "INFERENCE_WINDOW_DAYS",
    "Narrative",
    "best",
    "commemorated",
    "describes_someone",
    "governors",
    "in_year",
    "inferred",
    "is_date",
    "stated_year",
    "own_time",
    "past_tense",
    "telling_verb",
    "reported_as_news",
    "sentence_time",
    "simple_present",
    "tokens_of",
]
