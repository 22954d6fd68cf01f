"""Handlers for the periods of financial reporting.

Quarters ("the third quarter of 1990", "Q3 2025", "the latest quarter"), halves, fiscal
years and the year-ago comparisons of an earnings report ("the year-earlier quarter", "the
1988 period", "year-end"). A quarter once named becomes the context that "the quarter" and
"a year earlier" lean on.
"""

from __future__ import annotations

import re
from datetime import date

from .context import Context
from .lexicon import ORDINALS, group_or_none, two_digit_year
from .values import Val, apply_position, day_val, half_val, no_context, quarter_val, unresolved, year_val


def _quarter_year(m: re.Match[str], ctx: Context, q: int) -> tuple[int | None, str]:
    ys = group_or_none(m, "year") or group_or_none(m, "year2")
    if ys:
        y = int(ys) if not ys.startswith("'") else two_digit_year(int(ys[1:]))
        return y, "absolute"
    if ctx.dct is None:
        return None, "unresolved"
    rel = (group_or_none(m, "rel") or "").lower()
    y = ctx.dct.year
    if "last" in rel or "year-ago" in rel or "year-earlier" in rel or "previous" in rel:
        y -= 1
    elif "next" in rel:
        y += 1
    return y, "publication"


def h_quarter(m: re.Match[str], ctx: Context) -> Val | None:
    ords = (group_or_none(m, "qord") or "").lower()
    qnum = group_or_none(m, "qnum")
    if qnum:
        q = int(qnum)
    elif ords in ORDINALS:
        q = ORDINALS[ords]
    elif ords in ("final", "last"):
        q = 4
    else:
        return None
    if not 1 <= q <= 4:
        return None
    y, anchor = _quarter_year(m, ctx, q)
    if y is None:
        return unresolved(f"XXXX-Q{q}", granularity="quarter")
    rel = (group_or_none(m, "rel") or "").lower()
    if anchor == "publication" and not rel.strip() or rel.startswith(("the", "its", "a ", "their"))\
            and not ("year-" in rel) and anchor == "publication":
        # a quarter that has not begun yet, told in the past tense, is last year's
        assert ctx.dct is not None
        if date(y, 3 * (q - 1) + 1, 1) > ctx.dct and ctx.tense(m.start(), m.end()) == "past":
            y -= 1
    v = quarter_val(y, q, anchor)
    det = re.match(r"(?:the|its|a|their|his|her|our)\b", rel)
    if det and (det.group() != "the" or re.search(r"quarter-|-quarter", m.group(0))):
        # TimeML leaves out "its"/"a", and "the" before the adjective "third-quarter"
        v.trim = len(det.group())
    if "year-" in rel or "last year" in rel:
        return no_context(v)
    return v


def _h_half(m: re.Match[str], ctx: Context) -> Val | None:
    which = m.group("hord").lower()
    h = 1 if which == "first" else 2
    y, anchor = _quarter_year(m, ctx, 0)
    if y is None:
        return unresolved(f"XXXX-H{h}", granularity="half")
    return half_val(y, h, anchor)


def _h_the_quarter(m: re.Match[str], ctx: Context) -> Val | None:
    """ "the quarter", "the latest quarter", "the current quarter", "this quarter"."""
    w = (m.group("qrel") or "").lower()
    dct = ctx.dct
    if dct is None:
        return unresolved("XXXX-QX", granularity="quarter")
    cur = (dct.year, (dct.month - 1) // 3 + 1)
    prevq = (cur[0] - 1, 4) if cur[1] == 1 else (cur[0], cur[1] - 1)
    if w in ("current", "this"):
        y, q = cur
    elif w in ("next", "coming"):
        y, q = (cur[0] + 1, 1) if cur[1] == 4 else (cur[0], cur[1] + 1)
    elif w in ("last", "previous", "past", "prior", "preceding", "latest"):
        # "the latest quarter": the last one completed before publication
        y, q = prevq
    elif ctx.last_quarter is not None:
        y, q = ctx.last_quarter
    else:
        y, q = prevq
    return quarter_val(y, q, "publication" if w else "expression" if ctx.last_quarter else "publication")


def h_year_adj(m: re.Match[str], ctx: Context) -> Val | None:
    """ "year-earlier", "the year-ago quarter", "year-end", "the year-earlier period"."""
    w = m.group(0).lower()
    dct = ctx.dct
    if "end" in w:
        if "-" not in w:
            # "by year end", "by year's end": the end of the year, as "the end of the year"
            if dct is None:
                return unresolved("XXXX", granularity="year")
            return apply_position(year_val(dct.year, "publication"), "end")
        if dct is None:
            return unresolved("XXXX-12-31", granularity="day")
        y = dct.year
        before = ctx.text[max(0, m.start() - 8):m.start()]
        if re.search(r"\bsince\s+$", before, re.IGNORECASE):
            y -= 1  # "the change since year-end": the last year-end before publication
        return day_val(date(y, 12, 31), "publication")
    if dct is None:
        return unresolved("XXXX")
    if "nine months" in w or "six months" in w:
        return Val("DURATION", "P9M" if "nine" in w else "P6M")
    if ctx.last_quarter is not None:
        y, q = ctx.last_quarter
        return no_context(quarter_val(y - 1, q, "expression"))
    if "quarter" in w:
        q = (dct.month - 1) // 3
        y = dct.year
        if q == 0:
            y, q = y - 1, 4
        return no_context(quarter_val(y - 1, q, "publication"))
    return year_val(dct.year - 1, "publication")


def h_year_period(m: re.Match[str], ctx: Context) -> Val | None:
    """ "the 1988 quarter": the quarter under discussion, in that year (else not this pattern)."""
    if ctx.last_quarter is None:
        return None
    y = int(m.group("year"))
    if abs(y - ctx.last_quarter[0]) > 2:
        return None
    return no_context(quarter_val(y, ctx.last_quarter[1], "expression"))


def h_quarter_ago(m: re.Match[str], ctx: Context) -> Val | None:
    """ "the quarter a year ago": the quarter under discussion, a year before."""
    if ctx.last_quarter is not None:
        y, q = ctx.last_quarter
        return no_context(quarter_val(y - 1, q, "expression"))
    if ctx.dct is None:
        return unresolved("XXXX-QX", granularity="quarter") if "quarter" in m.group(0).lower() else None
    return None


def h_latest_period(m: re.Match[str], ctx: Context) -> Val | None:
    """ "the latest period" in an earnings report: the quarter being reported."""
    if ctx.last_quarter is not None:
        y, q = ctx.last_quarter
        return quarter_val(y, q, "expression")
    return None


def h_fiscal_year(m: re.Match[str], ctx: Context) -> Val | None:
    ys = group_or_none(m, "year")
    if not ys and re.match(r"\s+(?:ended|ending)\b", ctx.text[m.end():m.end() + 10], re.IGNORECASE):
        return Val("DURATION", "P1Y")  # "the fiscal year ended Jan. 31": a 12-month period
    if ys:
        return year_val(int(ys), "absolute")
    rel = (group_or_none(m, "rel") or "").lower()
    if not rel and not m.group(0).lower().startswith("the"):
        return None
    if ctx.dct is None:
        return unresolved("XXXX", granularity="year")
    step = {"previous": -1, "last": -1, "past": -1, "next": 1, "coming": 1, "new": 1}.get(rel, 0)
    return year_val(ctx.dct.year + step, "publication")


def h_quarter_q(m: re.Match[str], ctx: Context) -> Val | None:
    q = int(m.group("qnum") or m.group("qnum2"))
    ys = m.group("year") or m.group("year2")
    y = two_digit_year(int(ys[1:])) if ys.startswith("'") else int(ys)
    return quarter_val(y, q, "absolute")


def h_half_guard(m: re.Match[str], ctx: Context) -> Val | None:
    rel = (group_or_none(m, "rel") or "")
    if not rel and not group_or_none(m, "year") and not group_or_none(m, "year2"):
        return None
    rest = ctx.text[m.end():m.end() + 20]
    if not (group_or_none(m, "year") or group_or_none(m, "year2")) and not re.match(r"\s*(?:of\s+the\s+year|[,.;)]|\s+(?:was|were|of\s+(?:this|last|next)|results|profits?|sales|earnings))", rest + " ", re.I):
        if re.match(r"\s+of\s+", rest):
            return None
    v = _h_half(m, ctx)
    return v


def h_the_quarter_guard(m: re.Match[str], ctx: Context) -> Val | None:
    w = (m.group("qrel") or m.group("qrel2") or "")
    w = re.sub(r"\s+", " ", w.lower())
    if m.group(0).lower().startswith(("this", "that")) and not w:
        w = "this" if m.group(0).lower().startswith("this") else ""
    if w in ("most recent", "recent"):
        w = "latest"
    if w in ("same", "fiscal"):
        w = ""
    after = ctx.text[m.end():m.end() + 4]
    if re.match(r"\s*-?(?:of|century)\b", after):
        return None
    fake = re.match(r"(?P<qrel>.*)", w)
    assert fake is not None
    return _h_the_quarter(fake, ctx)
