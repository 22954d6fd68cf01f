"""Find the time expressions of a text: :func:`find_timexes`.

The candidates the scan proposes are tried leftmost-longest (a candidate its handler rejects
lets the next one be tried) and resolved in document order, so an expression can lean on the
ones before it. Words around a winner adjust it: a preceding approximator ("at least", "more
than") sets the mod of a duration or ago-date and may join its extent; a signal ("since",
"until", "before", "after") opens its interval; a time word capitalised mid-sentence is a
name ("This Week"), not an expression.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, timedelta

from ..model import Timex
from .context import Context
from .lexicon import APPROX
from .scan import candidates
from .values import Val


_APPROX_MOD = {
    "about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX",
    "nearly": "LESS_THAN", "almost": "LESS_THAN", "some": "APPROX", "more than": "MORE_THAN",
    "over": "MORE_THAN", "less than": "LESS_THAN", "under": "LESS_THAN",
    "at least": "EQUAL_OR_MORE", "at most": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS",
    "no more than": "EQUAL_OR_LESS", "no less than": "EQUAL_OR_MORE",
    "fewer than": "LESS_THAN", "well over": "MORE_THAN", "close to": "APPROX",
}
_WEB_RE = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_URL_RE = re.compile(r"(?:https?://|www\.)\S+|(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.-]+", re.IGNORECASE)


# Modifier words absorbed into an expression's extent when they precede it ("about two
# years ago", "at least 72 hours"); prepositions such as "since" and "in" stay outside.
_LEFT_MOD = re.compile(rf"(?:^|(?<=\s))(?P<m>{APPROX})\s+$", re.IGNORECASE)

# words that take an expression's place in a longer sequence and signal open intervals
_SINCE_RE = re.compile(r"(?:\b(?P<w>since|until|till|through|before|after|by)|(?P<from>from))\s+(?:the\s+(?:end|start|beginning)\s+of\s+)?$",
                       re.IGNORECASE)


def find_timexes(text: str, dct: date | None) -> list[Timex]:
    """Find and normalise the time expressions in ``text``.

    ``dct`` is the document creation time (publication date); without it relative
    expressions stay unresolved. The result is sorted by ``start`` and non-overlapping;
    ``text[t.start:t.end] == t.text`` for every item.

    >>> from datetime import date
    >>> [(t.text, t.type, t.value) for t in find_timexes("He got seven years of forced labor.", None)]
    [('seven years', 'DURATION', 'P7Y')]
    >>> t = find_timexes("The office said on Thursday that it had.", date(2025, 10, 2))[0]
    >>> (t.value, t.anchor)
    ('2025-10-02', 'publication')
    """
    if not text:
        return []
    if isinstance(dct, datetime):
        dct = dct.date()
    ctx = Context(text, dct)
    # the e-mail half of the mask needs an "@": without one the web-address half alone finds
    # the same spans, and it is anchored on a literal prefix (much the cheaper scan)
    masked = [(mm.start(), mm.end()) for mm in (_URL_RE if "@" in text else _WEB_RE).finditer(text)]

    cands = candidates(text)
    if masked:
        import bisect

        starts = [a for a, _ in masked]

        def in_url(s: int, e: int) -> bool:
            i = bisect.bisect_right(starts, s) - 1
            return i >= 0 and masked[i][0] <= s < masked[i][1]

        cands = [c for c in cands if not in_url(c[0], -c[1] + c[0])]
    cands.sort(key=lambda c: (c[0], c[1], c[2]))

    out: list[Timex] = []
    taken_end = -1
    # candidates are tried leftmost-longest; a candidate rejected by its handler lets the
    # next one (shorter or later) be tried
    pending = cands
    i = 0
    while i < len(pending):
        s, neglen, _, name, mm, handler = pending[i]
        e = s - neglen
        i += 1
        if s < taken_end:
            continue
        # do not start inside a word or a number
        if s > 0 and (text[s - 1].isalnum() and text[s].isalnum()):
            continue
        if e < len(text) and text[e - 1].isalnum() and text[e].isalnum():
            continue
        if name != "holiday" and _title_case_name(text, s, e):
            continue
        try:
            val = handler(mm, ctx)
        except (ValueError, OverflowError, KeyError, AttributeError, IndexError, TypeError):
            val = None
        if val is None:
            continue
        if val.trim:
            s += val.trim
            while s < e and text[s].isspace():
                s += 1
        if val.cut:
            e -= val.cut
            while e > s and text[e - 1].isspace():
                e -= 1
        s, e = _extend_left(text, s, e, val, _ago_ref(val, ctx))
        if out and s < out[-1].end:
            s = out[-1].end
            while s < e and text[s].isspace():
                s += 1
        val = _apply_signal(text, s, val, ctx)
        t = Timex(start=s, end=e, text=text[s:e], type=val.type, value=val.value,
                  earliest=val.earliest, latest=val.latest,
                  granularity=val.granularity if val.earliest is not None or val.type != "DURATION" else val.granularity,
                  anchor=val.anchor, mod=val.mod, open_start=val.open_start, open_end=val.open_end)
        if t.earliest is not None and t.latest is not None and t.earliest > t.latest:
            t = replace(t, earliest=None, latest=None, anchor="unresolved")
        if t.earliest is None and t.latest is None and t.anchor != "unresolved" and not (t.open_start or t.open_end):
            t = replace(t, anchor="unresolved")
        out.append(t)
        ctx.add(val, s)
        ctx.last_end = e
        if val.quarter is not None:
            ctx.last_quarter = val.quarter
        taken_end = e
    return out


# Common time words are lower case in running text; capitalised inside a sentence they are
# part of a name: the programmes "This Week" and "60 Minutes", "VOA Today", the film "High Noon"
_TIME_WORDS = frozenset("""this next last week weeks today tonight tomorrow yesterday now noon
    minute minutes hour hours day days week year years month months decade decades century
    daily weekly monthly morning night evening afternoon future past recently currently soon ago
    earlier later""".split())
_WORD_RE = re.compile(r"[A-Za-z]+")
_OPENERS = " \t\"'`“‘(["
_SENTENCE_START = ".!?:;—–-_\n"


def _title_case_name(text: str, s: int, e: int) -> bool:
    """True when a time word in ``text[s:e]`` is capitalised mid-sentence (a title or a name).

    The first word may be capitalised at the start of a sentence, a line, a quotation or a
    parenthesis ("Now," / said: "Today we..."); a later word never is ("This Week"). A
    headline or a title-cased line (most longer words capitalised) is not judged.
    """
    first = True
    for wm in _WORD_RE.finditer(text, s, e):
        w = wm.group()
        is_first, first = first, False
        if not (w[0].isupper() and not w.isupper() and w.lower() in _TIME_WORDS):
            continue
        i = wm.start()
        if is_first:
            j = i
            while j > 0 and text[j - 1] in " \t":
                j -= 1
            if j == 0 or text[j - 1] in _SENTENCE_START or text[j - 1] in _OPENERS:
                continue  # the first word of a sentence, a line or a quotation
        ls = text.rfind("\n", 0, i) + 1
        le = text.find("\n", i)
        line = text[ls:le if le >= 0 else len(text)]
        long_words = [x for x in _WORD_RE.findall(line[:400]) if len(x) >= 4]
        if long_words and sum(x[0].isupper() for x in long_words) >= 0.6 * len(long_words):
            continue  # a title-cased headline
        return True
    return False


_INCLUDED_MODS = {"at least", "more than", "less than", "fewer than", "up to", "no more than",
                  "no less than", "nearly", "over", "well over", "almost", "at most"}


def _extend_left(text: str, s: int, e: int, val: Val, ctx_ref: date | None = None) -> tuple[int, int]:
    """Set the mod of a duration or ago-date from a preceding approximator; TimeML extents take
    in the bounding ones ("at least 72 hours", "nearly two years") but not "about"."""
    if val.type != "DURATION" and not val.ago:
        return s, e
    lm = _LEFT_MOD.search(text, max(0, s - 24), s)
    if lm and lm.end() == s:
        w = re.sub(r"\s+", " ", lm.group("m").lower())
        if w == "some" and val.type == "DATE":
            return s, e
        if w == "over" and not re.match(r"(?:an?|one|\d)", text[s:e], re.I):
            return s, e
        val.mod = val.mod or _APPROX_MOD.get(w)
        if val.ago:
            _bound_ago(val, ctx_ref)
        if w in _INCLUDED_MODS or (val.ago and w == "about"):
            return lm.start("m"), e
    return s, e


# "more than two years ago" lies before the day two years back, "less than a year ago"
# between that day and the reference: the mod of a bounded ago-date becomes a TimeML point mod
_AGO_MOD = {  # approximator mod -> (mod for a past point, mod for a future point, open side)
    "MORE_THAN": ("BEFORE", "AFTER"),
    "EQUAL_OR_MORE": ("ON_OR_BEFORE", "ON_OR_AFTER"),
    "LESS_THAN": ("AFTER", "BEFORE"),
    "EQUAL_OR_LESS": ("ON_OR_AFTER", "ON_OR_BEFORE"),
}


def _bound_ago(val: Val, ref: date | None) -> None:
    """Turn "more than / less than N units ago|later" into the interval the text supports.

    The counted day itself stays inside the bounds (the text is rarely that precise): "more
    than two years ago" read on 2022-05-13 ends on 2020-05-13 with no start; "less than a
    year ago" runs from 2021-05-13 to the reference day.
    """
    p = val.point
    if p is None or val.mod not in _AGO_MOD or val.earliest is None:
        return
    past, future = _AGO_MOD[val.mod]
    val.mod = past if val.direction < 0 else future
    farther = val.mod in ("BEFORE", "ON_OR_BEFORE") if val.direction < 0 else val.mod in ("AFTER", "ON_OR_AFTER")
    if farther:
        # beyond the counted day, open on the far side
        if val.direction < 0:
            val.earliest, val.latest, val.open_start = None, p, True
        else:
            val.earliest, val.latest, val.open_end = p, None, True
    elif ref is not None:
        # between the reference day and the counted day
        val.earliest, val.latest = (p, ref) if val.direction < 0 else (ref, p)
        if val.earliest > val.latest:
            val.earliest, val.latest = val.latest, val.earliest
    else:
        val.earliest = val.latest = None
        val.anchor = "unresolved"


def _ago_ref(val: Val, ctx: Context) -> date | None:
    """The day an ago-date counts from: the DCT, or the expression it leans on."""
    if not val.ago or val.point is None:
        return None
    if val.anchor == "publication":
        return ctx.dct
    lv = ctx.last_resolved()
    return lv.ref if lv is not None else None


def _apply_signal(text: str, s: int, val: Val, ctx: Context) -> Val:
    """"since 2020" → open towards the DCT; "until 2021" → open towards the past."""
    if val.type != "DATE" or val.earliest is None or val.latest is None:
        return val
    sm = _SINCE_RE.search(text, max(0, s - 40), s)
    if not sm or sm.end() != s:
        return val
    w = (sm.group("w") or "").lower()
    if w == "since":
        latest = ctx.dct if ctx.dct is not None and ctx.dct >= val.earliest else None
        return replace(val, latest=latest, open_end=True, mod=val.mod or "ON_OR_AFTER")
    if w in ("until", "till"):
        return replace(val, earliest=None, open_start=True, mod=val.mod or "ON_OR_BEFORE")
    if w == "before":
        return replace(val, latest=val.earliest - timedelta(days=1), earliest=None, open_start=True,
                       mod=val.mod or "BEFORE")
    if w == "after":
        nxt = val.latest + timedelta(days=1)
        latest = ctx.dct if ctx.dct is not None and ctx.dct >= nxt else None
        return replace(val, earliest=nxt, latest=latest, open_end=True, mod=val.mod or "AFTER")
    return val
