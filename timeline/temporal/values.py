"""What a time expression resolves to, before it becomes a :class:`~timeline.model.Timex`.

``Val`` is the value under construction (TIMEX3 type and value, calendar bounds, granularity,
anchor, plus bookkeeping for the expressions that lean on it). The ``*_val`` constructors give
the calendar interval of each granularity (year, month, ISO week, quarter, half, season,
decade, century...); ``apply_position`` narrows one for early/mid/late; ``shift`` and
``at_granularity`` move a day by some units and read it back at a precision;
``duration_value`` writes a TIMEX3 duration (``P7Y``, ``PT2H30M``, ``PXDE``).

>>> v = quarter_val(2025, 3, "absolute")
>>> (v.value, v.earliest, v.latest, v.granularity)
('2025-Q3', datetime.date(2025, 7, 1), datetime.date(2025, 9, 30), 'quarter')
>>> duration_value(2.5, "hour"), duration_value(None, "decade")
('PT2H30M', 'PXDE')
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from .lexicon import UNIT_CODE


@dataclass
class Val:
    """A resolved (or knowingly unresolved) value before it becomes a ``Timex``."""

    type: str
    value: str
    earliest: date | None = None
    latest: date | None = None
    granularity: str | None = None
    anchor: str = "unresolved"
    mod: str | None = None
    open_start: bool = False
    open_end: bool = False
    # bookkeeping for expressions that lean on this one
    ref: date | None = None  # a representative day (for "the day before")
    quarter: tuple[int, int] | None = None
    ago: bool = False  # "two years ago": takes approximators into its extent
    point: date | None = None  # the exact day an ago-date counts to (DCT minus two years)
    direction: int = -1  # -1 "ago"/"earlier", +1 "later"/"from now"
    trim: int = 0  # characters of a leading determiner the extent leaves out
    cut: int = 0  # characters of a trailing signal the extent leaves out ("the day| before the vote")


def last_day(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def year_val(y: int, anchor: str) -> Val:
    return Val("DATE", f"{y:04d}", date(y, 1, 1), date(y, 12, 31), "year", anchor, ref=date(y, 1, 1))


def month_val(y: int, m: int, anchor: str) -> Val:
    return Val("DATE", f"{y:04d}-{m:02d}", date(y, m, 1), date(y, m, last_day(y, m)), "month",
                anchor, ref=date(y, m, 1))


def day_val(d: date, anchor: str) -> Val:
    return Val("DATE", d.isoformat(), d, d, "day", anchor, ref=d)


def week_val(d: date, anchor: str) -> Val:
    iy, iw, _ = d.isocalendar()
    mon = d - timedelta(days=d.weekday())
    return Val("DATE", f"{iy:04d}-W{iw:02d}", mon, mon + timedelta(days=6), "week", anchor, ref=mon)


def weekend_val(d: date, anchor: str) -> Val:
    iy, iw, _ = d.isocalendar()
    sat = d - timedelta(days=d.weekday()) + timedelta(days=5)
    return Val("DATE", f"{iy:04d}-W{iw:02d}-WE", sat, sat + timedelta(days=1), "day", anchor, ref=sat)


def quarter_val(y: int, q: int, anchor: str) -> Val:
    m0 = 3 * (q - 1) + 1
    return Val("DATE", f"{y:04d}-Q{q}", date(y, m0, 1), date(y, m0 + 2, last_day(y, m0 + 2)),
                "quarter", anchor, ref=date(y, m0, 1), quarter=(y, q))


def half_val(y: int, h: int, anchor: str) -> Val:
    if h == 1:
        return Val("DATE", f"{y:04d}-H1", date(y, 1, 1), date(y, 6, 30), "half", anchor, ref=date(y, 1, 1))
    return Val("DATE", f"{y:04d}-H2", date(y, 7, 1), date(y, 12, 31), "half", anchor, ref=date(y, 7, 1))


def season_val(y: int, code: str, anchor: str) -> Val:
    if code == "WI":
        start, end = date(y, 12, 1), date(y + 1, 2, last_day(y + 1, 2))
    else:
        m0 = {"SP": 3, "SU": 6, "FA": 9}[code]
        start, end = date(y, m0, 1), date(y, m0 + 2, last_day(y, m0 + 2))
    return Val("DATE", f"{y:04d}-{code}", start, end, "season", anchor, ref=start)


def decade_val(dec: int, anchor: str) -> Val:
    """``dec`` is the decade's first year (1990 → value ``199``)."""
    y0 = max(dec, 1)
    return Val("DATE", f"{dec // 10:03d}", date(y0, 1, 1), date(dec + 9, 12, 31), "decade",
                anchor, ref=date(y0, 1, 1))


def century_val(n: int, anchor: str) -> Val:
    """The n-th century; TimeML writes the 20th century as ``19`` (1900–1999)."""
    c = n - 1
    y0 = max(c * 100, 1)
    return Val("DATE", f"{c:02d}", date(y0, 1, 1), date(c * 100 + 99, 12, 31), "century",
                anchor, ref=date(y0, 1, 1))


def apply_position(v: Val, pos: str | None) -> Val:
    """Narrow an interval for early/mid/late, the end/beginning of... (value unchanged)."""
    if not pos or v.earliest is None or v.latest is None:
        return v
    p = pos.lower()
    if "half" in p:
        return v  # handled by the caller
    if "early" in p or "beginning" in p or "start" in p:
        mod, part = "START", 0
    elif "late" in p or "end" in p or "close" in p:
        mod, part = "END", 2
    elif "turn" in p:
        mod, part = "START", 0
    else:
        mod, part = "MID", 1
    e, l = v.earliest, v.latest
    if v.granularity in ("decade", "century"):
        # in whole years: the late 1970s is 1977-1979, the early 20th century 1900-1933
        n = l.year - e.year + 1
        cut1, cut2 = -(-n * 34 // 100), -(-n * 67 // 100)
        lo, hi = [(0, cut1), (cut1, cut2), (cut2, n)][part]
        return replace(v, earliest=date(e.year + lo, 1, 1), latest=date(e.year + hi - 1, 12, 31), mod=mod)
    if v.granularity in ("year", "half", "quarter", "season") and l.year - e.year < 1000:
        months = (l.year - e.year) * 12 + l.month - e.month + 1
        third = max(1, round(months / 3))
        if months >= 3:
            def add_months(d: date, n: int) -> date:
                t = d.year * 12 + d.month - 1 + n
                return date(t // 12, t % 12 + 1, 1)
            if part == 0:
                ne, nl = e, add_months(e, third) - timedelta(days=1)
            elif part == 2:
                ne, nl = add_months(e, months - third), l
            else:
                ne, nl = add_months(e, third), add_months(e, months - third) - timedelta(days=1)
            return replace(v, earliest=ne, latest=nl, mod=mod)
    if v.granularity == "month" and e.day == 1 and l.month == e.month:
        # the calendar's thirds of a month: early is the 1st to the 10th, mid the 11th to the 20th,
        # late the 21st to the month's end ("late July" is July 21-31, in any month's length)
        lo, hi = [(e, e.replace(day=10)), (e.replace(day=11), e.replace(day=20)), (e.replace(day=21), l)][part]
        return replace(v, earliest=lo, latest=hi, mod=mod)
    span = (l - e).days + 1
    if span >= 3:
        third = span // 3
        if part == 0:
            ne, nl = e, e + timedelta(days=third - 1)
        elif part == 2:
            ne, nl = l - timedelta(days=third - 1), l
        else:
            ne, nl = e + timedelta(days=third), l - timedelta(days=third)
        return replace(v, earliest=ne, latest=nl, mod=mod)
    return replace(v, mod=mod)


def months_later(d: date, n: int) -> date:
    t = d.year * 12 + d.month - 1 + n
    y, m = t // 12, t % 12 + 1
    return date(y, m, min(d.day, last_day(y, m)))


def shift(d: date, n: float, unit: str) -> date | None:
    """``d`` moved by ``n`` units (negative = back); None when out of range."""
    try:
        if unit in ("day", "night", "morning"):
            return d + timedelta(days=n)
        if unit in ("week", "weekend"):
            return d + timedelta(weeks=n)
        if unit == "fortnight":
            return d + timedelta(weeks=2 * n)
        if unit == "month":
            return months_later(d, int(n))
        if unit == "quarter":
            return months_later(d, int(3 * n))
        if unit == "year":
            return months_later(d, int(12 * n))
        if unit == "decade":
            return months_later(d, int(120 * n))
        if unit == "century":
            return months_later(d, int(1200 * n))
        if unit in ("hour", "minute", "second"):
            secs = {"hour": 3600, "minute": 60, "second": 1}[unit] * n
            return (datetime(d.year, d.month, d.day) + timedelta(seconds=secs)).date()
    except (OverflowError, ValueError):
        return None
    return None


def at_granularity(d: date, unit: str, anchor: str) -> Val:
    if unit in ("year",):
        return year_val(d.year, anchor)
    if unit in ("decade", "century"):
        return year_val(d.year, anchor)
    if unit == "month":
        return month_val(d.year, d.month, anchor)
    if unit == "quarter":
        return quarter_val(d.year, (d.month - 1) // 3 + 1, anchor)
    if unit in ("week", "fortnight", "weekend"):
        return week_val(d, anchor)
    return day_val(d, anchor)


def _fmt_num(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def duration_value(n: float | None, unit: str) -> str:
    if n is None:
        code = {"decade": "DE", "century": "CE"}.get(unit, UNIT_CODE.get(unit, "X"))
        if unit in ("hour", "minute", "second"):
            return f"PTX{code}"
        if unit == "decade":
            return "PXDE"
        if unit == "century":
            return "PXCE"
        if unit == "weekend":
            return "PXWE"
        return f"PX{code}"
    if unit == "decade":
        n, unit = n * 10, "year"
    elif unit == "century":
        n, unit = n * 100, "year"
    elif unit == "fortnight":
        n, unit = n * 2, "week"
    elif unit == "weekend":
        n, unit = n * 2, "day"
    if not float(n).is_integer():
        whole = int(n)
        frac = n - whole
        sub = {"year": (12, "M", ""), "month": (30, "D", ""), "week": (7, "D", ""),
               "day": (24, "H", "T"), "hour": (60, "M", ""), "minute": (60, "S", "")}.get(unit)
        if sub is not None and (frac * sub[0]).is_integer():
            code = UNIT_CODE[unit]
            lead = "PT" if unit in ("hour", "minute") else "P"
            first = f"{whole}{code}" if whole else ""
            return f"{lead}{first}{sub[2]}{int(frac * sub[0])}{sub[1]}"
    code = UNIT_CODE.get(unit, "X")
    lead = "PT" if unit in ("hour", "minute", "second") else "P"
    return f"{lead}{_fmt_num(n)}{code}"


def no_context(v: Val) -> Val:
    """Mark a quarter that later "the quarter"/"a year earlier" must not lean on (a year-ago one)."""
    v.quarter = None
    return v


def unresolved(value: str, type_: str = "DATE", granularity: str | None = None) -> Val:
    return Val(type_, value, None, None, granularity, "unresolved")


def date_or_none(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None
