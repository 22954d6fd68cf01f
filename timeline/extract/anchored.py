"""Times told against another event: "a week after his arrest", "months after the border was
sealed". The time of such an event is the other event's, moved by the stated length; an event
told inside such a clause is placed against the other, not at the time the story has reached;
what follows another dated happening at once ("shot immediately after the verdict") shares its day.
Reads the parse and the dates of events already told; stdlib only.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from ..model import Timex
from ..temporal.lexicon import number_value

Token = Any

_SEQUENCE_MARKS = frozenset({"after", "before", "until", "till", "since", "once"})


def in_sequence_clause(t: Token) -> bool:
    """Whether the event of ``t`` is told in a clause that places it before or after another
    ("months after the border was sealed", "before he was sent back"): its time is relative to
    that other event, not the time the story has reached."""
    node = t
    for _ in range(3):  # the trigger, or the verb of its clause
        if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _SEQUENCE_MARKS for c in node.children):
            return True
        if node.head.i == node.i or node.dep_ not in ("xcomp", "conj", "advcl", "ccomp", "dobj", "nsubjpass", "nsubj", "pobj", "prep"):
            return False
        node = node.head
    return False


_UNITS = {"day": 1, "week": 7}


def after_event(t: Token, offset: int, event_types: dict[str, tuple[str, ...]], told: dict[str, Timex]) -> Timex | None:
    """"A week after his arrest he was handed back": the time of the event of ``t`` (or of the
    verb that tells it) when a phrase "N days/weeks after/before <an event told before>" hangs
    from it — that event's interval moved by the length. ``event_types`` maps event nouns to
    their types, ``told`` each type to the last date an event of it was told at; None when the
    phrase names no length in days or weeks, no event noun that refers back, or none was dated."""
    for node in (t, t.head) if t.dep_ in ("pobj", "dobj", "nsubjpass") else (t,):
        for prep in (c for c in node.children if c.dep_ == "prep" and c.lower_ in ("after", "before")):
            noun = next((g for g in prep.children if g.dep_ == "pobj" and g.pos_ == "NOUN"), None)
            measure = next((g for g in prep.children if g.dep_ == "npadvmod"), None)
            if noun is None or measure is None or not any(d.dep_ in ("poss", "det") and d.lower_ not in ("a", "an") for d in noun.children):
                continue
            unit = _UNITS.get(measure.lemma_.lower())
            count = next((number_value(d.text) for d in measure.children if d.dep_ in ("det", "nummod")), None)
            ref = next((told[k] for k in event_types.get(noun.lemma_.lower(), ()) if k in told), None)
            if unit is None or count is None or ref is None or ref.earliest is None or ref.latest is None:
                continue
            shift = timedelta(days=unit * count * (1 if prep.lower_ == "after" else -1))
            lo, hi = ref.earliest + shift, ref.latest + shift
            left = measure.left_edge
            text = left.doc[left.i : noun.i + 1].text
            start = left.idx + offset
            return Timex(start, start + len(text), text, "DATE", f"{lo.isoformat()}/{hi.isoformat()}", lo, hi,
                         "day" if lo == hi else None, "expression")
    return None


_SOON = frozenset({"immediately", "shortly", "soon", "right", "just", "hour", "minute", "moment"})


def _soon(tok: Token) -> bool:
    return any(g.dep_ in ("advmod", "npadvmod") and g.lemma_.lower() in _SOON for g in tok.children)


def right_after(t: Token, gov: dict[int, list[Timex]]) -> list[Timex]:
    """What follows another dated happening at once shares its day: "was shot immediately after
    the verdict was read out on Feb. 27", "arrested shortly after the escape on March 3", "hours
    after the talks ended on Monday, … fired" (the dates of that happening; the caller takes the most
    precise). A bare "after" (days or years later) dates nothing."""
    near = [g for c in t.children if c.dep_ == "npadvmod" and c.lemma_.lower() in _SOON for g in c.children]  # "hours after …"
    for c in [*t.children, *near]:
        if c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ == "after" for g in c.children):
            if (_soon(t) or _soon(c) or c in near) and c.i in gov:
                return gov[c.i]
        if c.dep_ == "prep" and c.lower_ == "after" and (_soon(t) or _soon(c)):
            noun = next((g for g in c.children if g.dep_ == "pobj"), None)
            if noun is not None and noun.i in gov:
                return gov[noun.i]
    return []
