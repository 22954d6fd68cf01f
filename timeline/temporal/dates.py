"""Handlers for expressions that name a calendar date or period.

Numeric dates, month and day ("Oct. 2", "2 October 2025", the second day of "April 24 and
25"), months, years and year ranges, decades, centuries, seasons, holidays and spelled-out
years; and the readers of a clock time and of a day reference ("Thursday", "July 29")
that other handlers reuse. Each handler takes a match and the :class:`~.context.Context` and
returns a :class:`~.values.Val`, or None to reject the candidate.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from .absolute import parse_absolute_date
from .context import Context, infer_year, weekday_date
from .lexicon import (
    DAY,
    DECADE_WORDS,
    FLAGS,
    LABEL_HEAD,
    LABEL_TAIL,
    MONTH,
    ORDINALS,
    SEASONS,
    WEEKDAY,
    WEEKDAYS,
    YEAR4,
    group_or_none,
    month_number,
    two_digit_year,
)
from .values import (
    Val,
    apply_position,
    century_val,
    date_or_none,
    day_val,
    decade_val,
    half_val,
    last_day,
    month_val,
    season_val,
    unresolved,
    week_val,
    year_val,
)


def h_numeric(m: re.Match[str], ctx: Context) -> Val | None:
    s = m.group(0)
    got = parse_absolute_date(s)
    if got is None:
        return None
    d, gran = got
    v = day_val(d, "absolute")
    tm = re.search(r"(\d{1,2}):(\d{2})", s[10:]) if gran == "day" else None
    if tm and m.group("time"):
        v.type, v.value = "TIME", f"{d.isoformat()}T{int(tm.group(1)):02d}:{tm.group(2)}"
    return v


def time_value(s: str) -> str | None:
    """``T15:00`` from "3 p.m.", "15:00", "noon"; None if impossible."""
    t = s.lower().strip()
    if t.startswith("noon") or t.startswith("midday"):
        return "T12:00"
    if t.startswith("midnight"):
        return "T24:00"
    mm = re.match(r"(\d{1,2})(?::(\d{2}))?\s*([ap])?", t)
    if not mm:
        return None
    h, mi = int(mm.group(1)), int(mm.group(2) or 0)
    ap = mm.group(3)
    if ap:
        if not 1 <= h <= 12:
            return None
        if ap == "p" and h != 12:
            h += 12
        if ap == "a" and h == 12:
            h = 0
    if h > 24 or mi > 59:
        return None
    return f"T{h:02d}:{mi:02d}"


def resolve_dayref(s: str, ctx: Context, start: int, end: int) -> Val | None:
    """A weekday, "today", "yesterday" or "July 29[, 2025]" inside a longer phrase."""
    low = s.lower().strip().rstrip(",")
    dct = ctx.dct
    if low in ("today", "tonight", "tomorrow", "yesterday"):
        if dct is None:
            return unresolved("XXXX-XX-XX", granularity="day")
        off = {"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1}[low]
        return day_val(dct + timedelta(days=off), "publication")
    mm = re.search(rf"({MONTH})\s+({DAY})(?:,?\s+({YEAR4}))?", s, FLAGS)
    if mm:
        mo = month_number(mm.group(1))
        dd = int(re.match(r"\d+", mm.group(2)).group(0))  # type: ignore[union-attr]
        if mm.group(3):
            d = date_or_none(int(mm.group(3)), mo, dd)
            return day_val(d, "absolute") if d else None
        y = infer_year(mo, dd, ctx, start, end)
        if y is None:
            if dd > last_day(2000, mo):
                return None
            return unresolved(f"XXXX-{mo:02d}-{dd:02d}", granularity="day")
        d = date_or_none(y, mo, dd)
        return day_val(d, "publication") if d else None
    wm = re.match(rf"({WEEKDAY})", s.strip(), FLAGS)
    if wm:
        wd = WEEKDAYS[wm.group(1).lower().rstrip(".")]
        d = weekday_date(wd, ctx, start, end, None)
        if d is None:
            return unresolved(f"XXXX-WXX-{wd + 1}", granularity="day")
        return day_val(d, "publication")
    return None


_SHARED_YEAR = re.compile(rf"\s*(?:,?\s+(?:and|or|to|through)\s+|[-–&]\s*){DAY},?\s+({YEAR4})(?![0-9])", FLAGS)


def h_month_day(m: re.Match[str], ctx: Context) -> Val | None:
    mo = month_number(m.group("mon"))
    dd = int(re.match(r"\d+", m.group("day")).group(0))  # type: ignore[union-attr]
    ys = group_or_none(m, "year")
    wd = group_or_none(m, "wd")
    if ys:
        y = int(ys)
        if len(ys) == 2 or ys.startswith("'"):
            y = two_digit_year(int(ys.strip("'")))
        d = date_or_none(y, mo, dd)
        if d is None:
            return None
        v = day_val(d, "absolute")
    elif group_or_none(m, "yrel"):
        # "May 12 last year", "3 March this year": the DCT's year, or the one before or after
        if ctx.dct is None:
            v = unresolved(f"XXXX-{mo:02d}-{dd:02d}", granularity="day")
        else:
            d = date_or_none(ctx.dct.year + {"this": 0, "last": -1, "next": 1}[m.group("yrel").lower()], mo, dd)
            if d is None:
                return None
            v = day_val(d, "publication")
    elif (sy := _SHARED_YEAR.match(ctx.text, m.end())) is not None and m.group("mon"):
        # "Jan. 3 and 4, 2024": the year written after the second day is the first's too
        d = date_or_none(int(sy.group(1)), mo, dd)
        if d is None:
            return None
        v = day_val(d, "absolute")
    elif (group_or_none(m, "rel") or "") and ctx.dct is not None:
        # "last Oct. 23": the latest one before the DCT; "next Jan. 5": the first one after
        dct = ctx.dct
        step = -1 if m.group("rel").lower() == "last" else 1
        y = dct.year
        while True:
            d = date_or_none(y, mo, dd)
            if d is not None and (d < dct if step < 0 else d > dct):
                break
            y += step
            if abs(y - dct.year) > 8:
                return None
        v = day_val(d, "publication")
    else:
        y = infer_year(mo, dd, ctx, m.start(), m.end())
        if y is not None and wd and ctx.dct is not None:
            wdn = WEEKDAYS.get(wd.lower().rstrip("."))
            fits = [yy for yy in (y, y - 1, y + 1) if (dd2 := date_or_none(yy, mo, dd)) and dd2.weekday() == wdn]
            if fits:
                y = fits[0]
        if y is None:
            if dd > last_day(2000, mo):
                return None
            v = unresolved(f"XXXX-{mo:02d}-{dd:02d}", granularity="day")
        else:
            d = date_or_none(y, mo, dd)
            if d is None:
                return None
            v = day_val(d, "publication")
    tm = group_or_none(m, "time")
    if tm:
        tv = time_value(tm)
        if tv:
            v.type = "TIME"
            v.value = (v.value if v.earliest else v.value) + tv
    return v


def h_month_year(m: re.Match[str], ctx: Context) -> Val | None:
    mo = month_number(m.group("mon"))
    ys = m.group("year")
    if ys is None:
        # "June last year", "January this year", "May of the following year"
        rel = re.sub(r"\s+", " ", m.group("yrel").lower())
        step = {"this": 0, "last": -1, "next": 1, "the same": 0, "that": 0, "the following": 1,
                "the previous": -1}[rel]
        if rel in ("this", "last", "next"):
            if ctx.dct is None:
                return unresolved(f"XXXX-{mo:02d}", granularity="month")
            v = month_val(ctx.dct.year + step, mo, "publication")
        else:
            lv = ctx.last_resolved()
            if lv is None or lv.ref is None:
                return unresolved(f"XXXX-{mo:02d}", granularity="month")
            v = month_val(lv.ref.year + step, mo, "expression")
        return apply_position(v, group_or_none(m, "pos"))
    y = int(ys.strip("'")) if not ys.startswith("'") else two_digit_year(int(ys[1:]))
    v = month_val(y, mo, "absolute")
    return apply_position(v, group_or_none(m, "pos"))


_MONTH_CONTEXT = re.compile(
    r"(?:\b(?:in|since|until|till|by|from|through|throughout|during|of|last|next|this|early|late|mid"
    r"|between|before|after|on|and|or|to|until|around|past|coming|previous|end|beginning|start"
    r"|middle|each|every|that|same|as\s+of|starting|beginning|ending|for|from)\s*-?|\(|–|-)\s*$",
    re.IGNORECASE,
)


def _label(m: re.Match[str], ctx: Context) -> bool:
    """A month name alone as a line's label ("* **August** – The border …", "March: …"): a date."""
    line_start = ctx.text.rfind("\n", 0, m.start()) + 1
    return bool(LABEL_HEAD.fullmatch(ctx.text, line_start, m.start()) and LABEL_TAIL.match(ctx.text, m.end()))


def h_month(m: re.Match[str], ctx: Context) -> Val | None:
    name = m.group("mon")
    rel = (group_or_none(m, "rel") or "").lower()
    pos = group_or_none(m, "pos")
    before = ctx.text[max(0, m.start() - 20):m.start()]
    after = ctx.text[m.end():m.end() + 20]
    low = name.lower().rstrip(".")
    if not rel and not pos:
        # a bare month name must look like a date: "in May", "May, ..." not "may amount"
        if low == "may" or low == "march" or low == "august" or low == "june" or low == "april":
            if not _MONTH_CONTEXT.search(before) and not re.match(r"\s*[,:]?\s*(?:\d|$)", after) and not _label(m, ctx) and not (
                    low != "may" and re.search(r"\b(?:the|a|an)\s+$", before, re.IGNORECASE)
                    and re.match(r"\s+(?!(?:for|from|with|against|into|on|of|to|and|the)\b)[a-z]{3,}", after)):
                # "the March accession" (a month before a noun) is a date; "they march" is not
                return None
        if re.match(r"\s+(?-i:[A-Z][a-z]+)", after) and not re.match(
                r"\s+(?:and|or|to|through|until|last|next|this|of)\b", after):
            # "April Smith", "March Madness": only a strong temporal cue keeps it a month
            if not re.search(r"\b(?:in|since|until|till|during|through|last|next|this|early|late|mid|"
                             r"before|after|of|between|from)\s*-?\s*$", before, re.IGNORECASE) or\
                    re.search(r"\b(?:by|from|to|with|and)\s+$", before, re.IGNORECASE):
                return None
        if re.match(r"\s*\d", after):
            return None  # part of a larger numeric phrase we did not recognise
    if re.match(r"\s*\d{1,2}(?:st|nd|rd|th)?\b(?![.,]?\d)", after):
        return None  # "last Oct. 23": the day, not the month
    mo = month_number(name)
    dct = ctx.dct
    if rel in ("last", "past", "previous"):
        if dct is None:
            return unresolved(f"XXXX-{mo:02d}", granularity="month")
        y = dct.year if mo < dct.month else dct.year - 1
        v = month_val(y, mo, "publication")
    elif rel in ("next", "coming"):
        if dct is None:
            return unresolved(f"XXXX-{mo:02d}", granularity="month")
        y = dct.year if mo > dct.month else dct.year + 1
        v = month_val(y, mo, "publication")
    elif rel == "this":
        if dct is None:
            return unresolved(f"XXXX-{mo:02d}", granularity="month")
        v = month_val(dct.year, mo, "publication")
    else:
        y = infer_year(mo, None, ctx, m.start(), m.end())
        if y is None:
            v = unresolved(f"XXXX-{mo:02d}", granularity="month")
        else:
            v = month_val(y, mo, "publication")
    return apply_position(v, pos)


_NOT_YEAR_BEFORE = re.compile(
    r"(?:\b(?:No|Nos|Number|Camp|Article|Art|Section|Sec|Resolution|Res|Flight|Room|Route|Highway"
    r"|page|pages|pp|p|Chapter|Rule|Model|Boeing|Airbus|version|v|Unit|Building|Lot|Case"
    r"|Decree|Law|Order|Item|Platform|Gate|Bus|Train|Track|Level|Grade|Form|Code|Hall|Street"
    r"|St|Ave|Avenue|Road|Block|Apt|Suite|Box|ISO|Windows|Office|PS|over|under|about|nearly"
    r"|almost|some|approximately|around|least|than|of|top|Top)\.?\s*|[$£€¥₩#№]\s*|\d[\d.]*\s+)$"
)
_NOT_YEAR_AFTER = re.compile(
    r"\s*(?:percent|per\s*cent|%|million|billion|trillion|thousand|mn|bn|m\b|k\b|kg|km|mi\b"
    r"|miles|feet|foot|ft|meters?|metres?|tons?|tonnes?|pounds|lbs?|dollars|won|yuan|yen"
    r"|euros?|rubles?|people|persons|troops|soldiers|workers|members|cases|deaths|units|shares"
    r"|votes|jobs|students|families|children|women|men|refugees|defectors|prisoners|households"
    r"|employees|copies|pages|words|points|barrels|cars|vehicles|hectares|acres|calories"
    r"|residents|inmates|detainees|victims|individuals|citizens|officials|escapees|witnesses"
    r"|signatures|documents|items|times|hours|minutes|seconds|days|weeks|months|years"
    r"|x\s*\d|×|:\d|\)\s*\d|-year|-day|-month|-week|-hour|[KMGT]i?B\b|kbps|Mbps|MHz|GHz|mm\b|cm\b"
    r"|mg\b|ml\b|kW|MW|rpm|dpi|px\b)",
    re.IGNORECASE,
)


def _year_ok(m: re.Match[str], ctx: Context, ys_start: int, ys_end: int) -> bool:
    text = ctx.text
    before = text[max(0, ys_start - 30):ys_start]
    after = text[ys_end:ys_end + 24]
    if _NOT_YEAR_BEFORE.search(before):
        # "of 2014" and "about 2014" are years when the phrase is temporal
        if not (re.search(r"\b(?:of|about|around|some|top|Top)\s*$", before) and not _NOT_YEAR_AFTER.match(after)):
            return False
    if _NOT_YEAR_AFTER.match(after):
        return False
    y = int(text[ys_start:ys_end])
    if y < 1800 and not re.search(
            r"\b(?:in|since|of|by|from|until|till|year|circa|c\.|around|the|before|after|during)\s*$",
            before, re.IGNORECASE):
        return False
    if y > 2100:
        return False
    return True


def h_year(m: re.Match[str], ctx: Context) -> Val | None:
    ys_start, ys_end = m.span("year")
    if not _year_ok(m, ctx, ys_start, ys_end):
        return None
    y = int(m.group("year"))
    v = year_val(y, "absolute")
    pos = group_or_none(m, "pos")
    if pos and "half" in pos.lower():
        h = 2 if re.search(r"second|last", pos, re.I) else 1
        return half_val(y, h, "absolute")
    return apply_position(v, pos)


def _h_decade(m: re.Match[str], ctx: Context) -> Val | None:
    s = m.group("dec")
    low = s.lower()
    dct = ctx.dct
    if low in DECADE_WORDS:
        d = DECADE_WORDS[low]
        century = 1900
        dec = century + 10 * d
    elif low.startswith("'") or low.startswith("’"):
        dd = int(low[1])
        dec = 1900 + 10 * dd if dd >= 3 or dct is None or dct.year < 2000 else 2000 + 10 * dd
    else:
        dec = int(low[:4])
        if dec % 10 != 0:
            return None
    v = decade_val(dec, "absolute")
    return apply_position(v, group_or_none(m, "pos"))


def h_century(m: re.Match[str], ctx: Context) -> Val | None:
    s = m.group("ord").lower()
    n = ORDINALS.get(s)
    if n is None:
        mm = re.match(r"(\d+)", s)
        if not mm:
            return None
        n = int(mm.group(1))
    if not 1 <= n <= 30:
        return None
    v = century_val(n, "absolute")
    return apply_position(v, group_or_none(m, "pos"))


def h_season(m: re.Match[str], ctx: Context) -> Val | None:
    code = SEASONS[m.group("season").lower()]
    ys = group_or_none(m, "year")
    rel = (group_or_none(m, "rel") or "").lower()
    det = group_or_none(m, "det")
    if ys:
        v = season_val(int(ys), code, "absolute")
        return apply_position(v, group_or_none(m, "pos"))
    if not rel and not det:
        before = ctx.text[max(0, m.start() - 12):m.start()]
        if not re.search(r"\b(?:in|during|by|until|since|over|through|throughout|this|last|next|of)\s+$",
                         before, re.IGNORECASE):
            return None
    dct = ctx.dct
    if dct is None:
        return unresolved(f"XXXX-{code}", granularity="season")
    this = season_val(dct.year, code, "publication")
    if code == "WI" and dct.month <= 2:
        this = season_val(dct.year - 1, code, "publication")
    assert this.earliest is not None and this.latest is not None
    if rel in ("last", "past", "previous"):
        v = this if this.latest < dct else season_val(int(this.value[:4]) - 1, code, "publication")
    elif rel in ("next", "coming"):
        v = this if this.earliest > dct else season_val(int(this.value[:4]) + 1, code, "publication")
    else:
        v = this
        tense = ctx.tense(m.start(), m.end())
        if tense == "past" and this.earliest > dct and rel != "this":
            v = season_val(int(this.value[:4]) - 1, code, "publication")
    return apply_position(v, group_or_none(m, "pos"))


def h_following_named(m: re.Match[str], ctx: Context) -> Val | None:
    """"the following February", "the next spring": the first such month or season that begins
    after the last time the text told ("In late 2017 … the following February" is February 2018);
    with no time told before, unresolved."""
    name = m.group("name").lower()
    code = SEASONS.get(name)
    lv = ctx.last_resolved()
    if lv is not None and "T" in lv.value:  # "wiped out their savings overnight": a time of day is no season's or month's reference
        lv = ctx.last_resolved(("month", "season", "quarter", "half", "year"))
    if lv is None or lv.latest is None:
        return unresolved(f"XXXX-{code}" if code else f"XXXX-{month_number(name):02d}", granularity="season" if code else "month")
    after = lv.latest
    if code is not None:
        v = season_val(after.year - 1, code, "expression")
        while v.earliest is not None and v.earliest <= after:
            v = season_val(int(v.value[:4]) + 1, code, "expression")
        return v
    mo = month_number(name)
    return month_val(after.year if date(after.year, mo, 1) > after else after.year + 1, mo, "expression")


def _h_range(m: re.Match[str], ctx: Context) -> Val | None:
    a, b = m.group("y1"), m.group("y2")
    ya = int(a)
    if len(b) == 2:
        yb = (ya // 100) * 100 + int(b)
        if yb < ya:
            yb += 100
    else:
        yb = int(b)
    if not ya < yb or yb - ya > 200:
        return None
    if not _year_ok(m, ctx, m.start("y1"), m.end("y1")):
        return None
    after = ctx.text[m.end():m.end() + 20]
    if _NOT_YEAR_AFTER.match(after):
        return None
    return Val("DATE", f"{ya:04d}/{yb:04d}", date(ya, 1, 1), date(yb, 12, 31), "year", "absolute",
                ref=date(ya, 1, 1))


def _easter(y: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = (h + l_ - 7 * m + 114) % 31 + 1
    return date(y, month, day)


def h_holiday(m: re.Match[str], ctx: Context) -> Val | None:
    w = re.sub(r"\s+", " ", m.group("hol").lower()).replace("’", "'")
    ys = group_or_none(m, "year")
    dct = ctx.dct

    def on(y: int) -> date | None:
        if w.startswith("christmas eve"):
            return date(y, 12, 24)
        if w.startswith("christmas"):
            return date(y, 12, 25)
        if w.startswith("new year's eve"):
            return date(y, 12, 31)
        if w.startswith("new year"):
            return date(y, 1, 1)
        if w.startswith("thanksgiving"):
            first = date(y, 11, 1)
            return first + timedelta(days=(3 - first.weekday()) % 7 + 21)
        if w.startswith("halloween"):
            return date(y, 10, 31)
        if w.startswith("valentine"):
            return date(y, 2, 14)
        if w.startswith("independence day"):
            return date(y, 7, 4)
        if w.startswith("election day"):
            # the US general election: the Tuesday after the first Monday in November
            first = date(y, 11, 1)
            return first + timedelta(days=(0 - first.weekday()) % 7 + 1)
        if w.startswith(("easter", "holy week")):
            return _easter(y)
        if w.startswith("good friday"):
            return _easter(y) - timedelta(days=2)
        return None

    week = w.endswith("week")  # "Easter week", "Holy Week": the week that ends on Easter Sunday

    if ys:
        d = on(int(ys))
        if d is None:
            return None
        return week_val(d, "absolute") if week else day_val(d, "absolute")
    if dct is None:
        d0 = on(2000)
        if week:
            return unresolved("XXXX-WXX", granularity="week")
        fixed = d0 and not w.startswith(("thanksgiving", "election", "easter", "good friday"))
        return unresolved(f"XXXX-{d0:%m-%d}" if fixed else "XXXX-XX-XX", granularity="day")
    tense = ctx.tense(m.start(), m.end())
    d = on(dct.year)
    if d is None:
        return None
    start = d - timedelta(days=d.weekday()) if week else d
    if tense == "past" and start > dct:
        d = on(dct.year - 1) or d
    return week_val(d, "publication") if week else day_val(d, "publication")


_DAY_COORD_BEFORE = re.compile(rf"(?P<mon>{MONTH})\s+(?P<d1>{DAY})\s*(?:,?\s+(?:and|or|to|through)\s+|[-–&]\s*)$", FLAGS)
_DAY_COORD_AFTER = re.compile(
    r"\s*$|\s*[,.;:)\"'”’]|\s+(?:in|at|on|to|when|and|or|for|with|the|of|respectively|is|was|were|will|would"
    r"|that|this|next|last|before|after|during|under|by|from|meeting|summit|talks|visit)\b", re.IGNORECASE)


def h_day_coord(m: re.Match[str], ctx: Context) -> Val | None:
    """The bare day after "Month D and": the same month (and year) as the day before it."""
    s0 = m.start()
    bm = _DAY_COORD_BEFORE.search(ctx.text, max(0, s0 - 30), s0)
    if bm is None or not _DAY_COORD_AFTER.match(ctx.text, m.end()):
        return None
    mo = month_number(bm.group("mon"))
    d1 = int(re.match(r"\d+", bm.group("d1")).group(0))  # type: ignore[union-attr]
    dd = int(re.match(r"\d+", m.group("day")).group(0))  # type: ignore[union-attr]
    if not d1 < dd <= 31:
        return None
    ys = m.group("year")
    if ys:
        d = date_or_none(int(ys), mo, dd)
        return day_val(d, "absolute") if d else None
    lv = ctx.prev[-1] if ctx.prev else None
    if lv is not None and lv.granularity == "day" and lv.ref is not None and lv.ref.month == mo\
            and lv.ref.day == d1 and lv.anchor != "unresolved":
        d = date_or_none(lv.ref.year, mo, dd)
        return day_val(d, lv.anchor) if d else None
    if dd > last_day(2000, mo):
        return None
    return unresolved(f"XXXX-{mo:02d}-{dd:02d}", granularity="day")


_SPELLED_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
_SPELLED_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
                 "eighty": 80, "ninety": 90}


def _spelled_small(s: str) -> int | None:
    parts = [p for p in re.split(r"[\s-]+", s.strip().lower()) if p and p != "and"]
    if not parts:
        return 0
    if len(parts) == 1:
        return _SPELLED_UNITS.get(parts[0], _SPELLED_TENS.get(parts[0]))
    if len(parts) == 2 and parts[0] in _SPELLED_TENS and parts[1] in _SPELLED_UNITS:
        return _SPELLED_TENS[parts[0]] + _SPELLED_UNITS[parts[1]]
    return None


def h_spelled_year(m: re.Match[str], ctx: Context) -> Val | None:
    """ "nineteen ninety-six", "the year two thousand" (transcripts spell years out)."""
    s = m.group("sy").lower()
    if s.startswith("nineteen"):
        rest = re.sub(r"^nineteen[\s-](?:hundred(?:\s+and)?[\s-])?", "", s)
        n = _spelled_small(rest)
        y = 1900 + n if n is not None else None
    else:
        rest = re.sub(r"^two\s+thousand", "", s)
        n = _spelled_small(rest)
        y = 2000 + n if n is not None else None
    if y is None:
        return None
    if m.group("mon"):
        return month_val(y, month_number(m.group("mon")), "absolute")
    if not m.group(0).lower().startswith("the year") and s.startswith("two thousand") and not rest.strip():
        before = ctx.text[max(0, m.start() - 12):m.start()]
        if not re.search(r"\b(?:in|since|until|by|of|year)\s+$", before, re.I):
            return None  # "two thousand people"
    after = ctx.text[m.end():m.end() + 12]
    if re.match(r"\s+(?:people|dollars|troops|men|women|years|of)\b", after, re.I):
        return None
    return year_val(y, "absolute")


def h_decade_guard(m: re.Match[str], ctx: Context) -> Val | None:
    s = m.group("dec")
    if s.lower() in DECADE_WORDS and not m.group(0).lower().startswith("the"):
        return None
    if s.lower() in DECADE_WORDS:
        # "in his fifties" is an age
        before = ctx.text[max(0, m.start() - 12):m.start()]
        if re.search(r"\b(?:his|her|their|my|your|our|its)\s+$", before, re.I):
            return None
    return _h_decade(m, ctx)


def h_range_guard(m: re.Match[str], ctx: Context) -> Val | None:
    s = m.group(0)
    if re.search(r"\s(?:and)\s", s) and not s.lower().startswith("between"):
        return None
    if re.search(r"\s(?:to|through|until|till)\s", s) and not s.lower().startswith(("from", "between")):
        return None
    return _h_range(m, ctx)
