"""What an event states in numbers: sums of money and counts of people in its theme, and the
term of a sentence."""

from __future__ import annotations

import re

from ..model import Quantity, Span, Timex
from .matcher import Candidate

_MONEY = re.compile(r"(?:US)?\$\s?(?P<n>\d[\d,]*(?:\.\d+)?)\s*(?P<s>million|billion|bn|mn|m|b|trillion)?\b", re.I)
_SCALE = {"million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12}


def quantities(c: Candidate, text: str, offset: int) -> tuple[Quantity, ...]:
    """Numbers stated for the event: amounts of money in its theme, counts of people."""
    out: list[Quantity] = []
    for tok in c.themes:
        sub = list(tok.subtree)
        if not sub:
            continue
        a, b = sub[0].idx + offset, sub[-1].idx + offset + len(sub[-1].text)
        m = _MONEY.search(text, a, b)
        if m is not None:
            value = float(m.group("n").replace(",", "")) * _SCALE.get((m.group("s") or "").lower(), 1)
            out.append(Quantity(value, "USD", m.group(0).strip(), Span(m.start(), m.end(), m.group(0))))
            continue
        for n in tok.children:
            if n.dep_ == "nummod" and n.like_num:
                try:
                    value = float(n.text.replace(",", ""))
                except ValueError:
                    continue
                if n.i > tok.i:
                    continue  # a number after its noun ("China 2025") counts nothing
                a, b = n.idx + offset, tok.idx + offset + len(tok.text)
                out.append(Quantity(value, tok.lemma_.lower(), text[a:b], Span(a, b, text[a:b])))
    return tuple(out)


def duration(c: Candidate, durations: list[Timex], offset: int) -> Timex | None:
    """The term of a sentence: a duration in the trigger's own phrase ("to 15 years")."""
    sub = list(c.token.subtree)
    a, b = sub[0].idx + offset, sub[-1].idx + offset + len(sub[-1].text)
    return next((t for t in durations if a <= t.start and t.end <= b and t.start >= c.token.idx + offset), None)
