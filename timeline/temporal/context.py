"""The document being tagged and the anchoring rules that read it.

:class:`Context` holds the text, its DCT (publication date) and what has been resolved so far
(for "the day before", "a year earlier"), and tells the tense of the clause around an
expression from the verbs near it. ``infer_year`` gives a "July 29" without a year its year
(nearest to the DCT, per tense); ``weekday_date`` gives a bare "Thursday" its day.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from .values import Val, last_day


_FUTURE_RE = re.compile(
    r"(?:\b(?:will|won't|shall|going\s+to|is\s+to|are\s+to|scheduled|expected\s+to|plans?\s+to"
    r"|planned\s+to|planning\s+to|would|due\s+to|upcoming|set\s+to|intends?\s+to|aims?\s+to|as\s+(?:soon|early)\s+as)\b|'ll\b)",
    re.IGNORECASE,
)
# past-tense markers: auxiliaries, "ago"/"last", the irregular past forms news prose uses most
# (reporting verbs first: "said Friday", "told reporters Monday") and regular -ed forms
_PAST_RE = re.compile(
    r"\b(?:was|were|had|did|ago|last|earlier|previously|came|went|made|took|gave"
    r"|saw|met|left|began|fell|rose|held|sent|won|lost|paid|sold|bought|found|became|brought"
    r"|got|struck|spoke|wrote|led|ran|shot|stood|knew|kept|felt|grew|drew|flew|hit|put|set"
    r"|said|told|thought|heard|caught|sought|fought|taught|built|spent|meant|dealt|broke|chose"
    r"|drove|threw|blew|swore|tore|froze|stole|sank|forgot|understood|hid|fled|laid|arose|hung"
    r"|lent|shook|slid|swept|swung|underwent|withdrew|overcame|overtook|undertook|rang|woke"
    r"|[a-z]{2,}ed)\b",
    re.IGNORECASE,
)
_NOT_PAST = {"need", "needed", "speed", "breed", "feed", "seed", "indeed", "red", "bed",
             "shed", "bled", "led", "wed", "united", "based", "related", "limited",
             "interested", "expected", "scheduled", "planned", "proposed", "alleged",
             "so-called", "detailed", "advanced", "concerned", "armed", "closed", "used",
             "sacred", "hundred", "naked", "wicked", "aged", "skilled", "embed", "exceed",
             "proceed", "succeed", "dried", "deed", "greed", "weed", "reed"}
# a participle after "be"/"is"/"to be" carries no tense of its own ("will be named", "is
# expected"): the auxiliary before it does
_PASSIVE_AUX = re.compile(r"\b(?:be|being|is|are|am|to)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_SENT_END = re.compile(r"(?<=[.!?])['’\"”]*\s+(?=[A-Z\"“‘('`])|\n\s*\n|\n(?=\s*[-•*–])")


_PAST_AUX = frozenset({"was", "were", "had", "did", "ago", "last", "earlier", "previously"})
_HAD_BEFORE = re.compile(r"\bhad\s+(?:been\s+|not\s+been\s+)?(?:\w+ly\s+)?$", re.IGNORECASE)
_LEFT_REACH = 60  # characters: the governing verb up to about ten words before the expression


class Context:
    """The document being tagged: its text, its DCT and what has been resolved so far."""

    def __init__(self, text: str, dct: date | None):
        self.text = text
        self.dct = dct
        self.prev: list[Val] = []
        self._last_any: Val | None = None
        self._last_by_gran: dict[str, tuple[int, Val]] = {}
        self.last_quarter: tuple[int, int] | None = None
        self.last_end = -1  # where the last expression found ends
        self.at: dict[int, int] = {}  # where each remembered expression starts (by identity)
        self._bounds = [0] + [m.end() for m in _SENT_END.finditer(text)] + [len(text) + 1]

    def sentence(self, pos: int) -> tuple[int, int]:
        import bisect

        i = bisect.bisect_right(self._bounds, pos) - 1
        i = max(0, min(i, len(self._bounds) - 2))
        return self._bounds[i], min(self._bounds[i + 1], len(self.text))

    def same_sentence(self, a: Val, b: Val) -> bool:
        """Whether two remembered expressions stand in one sentence."""
        pa, pb = self.at.get(id(a), -1), self.at.get(id(b), -1)
        return pa >= 0 and pb >= 0 and self.sentence(pa) == self.sentence(pb)

    def same_sentence_as(self, a: Val, pos: int) -> bool:
        """Whether the remembered ``a`` was found in the sentence holding ``pos``."""
        pa = self.at.get(id(a), -1)
        return pa >= 0 and self.sentence(pa) == self.sentence(pos)

    def tense(self, start: int, end: int) -> str | None:
        """``past``/``future`` from the tense markers of the clause around ``start:end``.

        The verb that governs a time expression in news prose usually comes before it ("said
        Friday", "will meet on Thursday"), so the nearest marker on the left wins when it is
        within a few words; otherwise the nearest marker on either side, else None.
        """
        s, e = self.sentence(start)
        s, e = max(s, start - 160), min(e, end + 160)  # the clause around it, not a whole run-on page
        left: tuple[int, str] | None = None
        right: tuple[int, str] | None = None
        text = self.text
        # "get around Wednesday's ruling": a possessive names a thing that already happened
        # more often than the modal around it says
        possessive = text[end:end + 2] in ("'s", "’s")
        for rx, label in ((_FUTURE_RE, "future"), (_PAST_RE, "past")):
            for m in rx.finditer(text, s, e):
                if start <= m.start() < end:
                    continue
                if possessive and m.group(0).lower() == "would":
                    continue
                if label == "past":
                    w = m.group(0).lower()
                    if w in _NOT_PAST:
                        continue
                    if (w.endswith("ed") or w not in _PAST_AUX) and _PASSIVE_AUX.search(text, max(0, m.start() - 24), m.start()):
                        continue
                if label == "future" and _HAD_BEFORE.search(text, max(0, m.start() - 24), m.start()):
                    # "had been scheduled to expire Friday", "had been due to": a plan now past
                    if m.start() >= end:
                        dist = m.start() - end
                        if right is None or dist < right[0]:
                            right = (dist, "past")
                    else:
                        dist = start - m.end()
                        if left is None or dist < left[0]:
                            left = (dist, "past")
                    continue
                if m.start() >= end:
                    if label == "future" and m.group(0).lower().startswith("planned"):
                        label_r = "past"  # "On Friday, the government planned to pay": the planning
                    else:
                        label_r = label
                    dist = m.start() - end
                    if right is None or dist < right[0]:
                        right = (dist, label_r)
                else:
                    dist = start - m.end()
                    if left is None or dist < left[0]:
                        left = (dist, label)
        if left is not None and (left[0] <= _LEFT_REACH or right is None or left[0] <= right[0]):
            return left[1]
        return right[1] if right else None

    def add(self, v: Val, start: int = -1) -> None:
        """Remember a resolved expression for the ones after it (constant time per call)."""
        self.prev.append(v)
        self.at[id(v)] = start
        if v.earliest is not None and v.type in ("DATE", "TIME") and v.anchor != "unresolved":
            self._last_any = v
            self._last_by_gran[v.granularity or ""] = (len(self.prev), v)

    def last_resolved(self, gran: tuple[str, ...] | None = None) -> Val | None:
        if gran is None:
            return self._last_any
        best: tuple[int, Val] | None = None
        for g in gran:
            hit = self._last_by_gran.get(g)
            if hit is not None and (best is None or hit[0] > best[0]):
                best = hit
        return best[1] if best else None


_STRICT_PAST = re.compile(r"\b(?:ended|since)\b[^.;:!?]*$", re.IGNORECASE)


def infer_year(month: int, day: int | None, ctx: Context, start: int, end: int) -> int | None:
    """The year of a "July 29" / "in March" without one: nearest to the DCT, per tense."""
    dct = ctx.dct
    if dct is None:
        return None
    tense = ctx.tense(start, end)
    cands = []
    for y in (dct.year - 1, dct.year, dct.year + 1):
        d_ = day if day is not None else 1
        if day is not None and day > last_day(y, month):
            continue
        first = date(y, month, d_)
        last = date(y, month, day if day is not None else last_day(y, month))
        cands.append((y, first, last))
    if not cands:
        return None
    # the nearest occurrence (HeidelTime's news rule), ties towards the DCT's year ...
    def dist(c: tuple[int, date, date]) -> int:
        if c[1] <= dct <= c[2]:
            return 0
        return min(abs((c[1] - dct).days), abs((c[2] - dct).days))
    best = min(cands, key=lambda c: (dist(c), c[0] != dct.year))
    # "the year ended Jan. 31", "since the Oct. 23 slaying": a completed period, the last one
    if best[1] > dct and _STRICT_PAST.search(ctx.text, max(ctx.sentence(start)[0], start - 32), start):
        past = [c for c in cands if c[2] <= dct]
        if past:
            return max(past, key=lambda c: c[1])[0]
    # ... unless the tense says otherwise and the other side is not far either
    if tense == "past" and best[1] > dct:
        past = [c for c in cands if c[1] <= dct]
        if past:
            alt = max(past, key=lambda c: c[1])
            if (dct - alt[2]).days <= 240:
                return alt[0]
    if tense == "future" and best[2] < dct:
        fut = [c for c in cands if c[2] >= dct]
        if fut:
            alt = min(fut, key=lambda c: c[1])
            if (alt[1] - dct).days <= 300:
                return alt[0]
    return best[0]


# a deadline or a deferral: the weekday after "until" lies ahead of the report
_DEFERRAL = re.compile(
    r"\b(?:postpone[ds]?|delay(?:ed|s)?|defer(?:red|s)?|adjourn(?:ed|s)?|recess(?:ed|es)?|extend(?:ed|s)?"
    r"|given|gave|give[ns]?|ha[sd]|have|deadline|wait(?:ed|s)?)\b[^.;!?]{0,60}?\b(?:until|till)\s+"
    r"(?:(?:about|around|at|before|after|noon|midnight|\d{1,2}(?::\d\d)?\s*(?:a\.m\.|p\.m\.|am|pm)?)\s+){0,3}$",
    re.IGNORECASE,
)


def weekday_date(wd: int, ctx: Context, start: int, end: int, rel: str | None) -> date | None:
    dct = ctx.dct
    if dct is None:
        return None
    rel = (rel or "").lower()
    if rel == "last" or rel == "past" or rel == "previous":
        back = (dct.weekday() - wd) % 7 or 7
        return dct - timedelta(days=back)
    if rel in ("next", "coming"):
        fwd = (wd - dct.weekday()) % 7 or 7
        return dct + timedelta(days=fwd)
    if rel == "this":
        return dct - timedelta(days=dct.weekday()) + timedelta(days=wd)
    tense = ctx.tense(start, end)
    if tense != "future" and _DEFERRAL.search(ctx.text, max(ctx.sentence(start)[0], start - 90), start):
        tense = "future"  # "postponed until Tuesday", "has until Friday to sign": a deadline ahead
    if tense == "future":
        fwd = (wd - dct.weekday()) % 7 or 7
        return dct + timedelta(days=fwd)
    back = (dct.weekday() - wd) % 7
    return dct - timedelta(days=back)
