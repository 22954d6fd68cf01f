"""Time expressions: recognise them in text and normalise them as TimeML TIMEX3 values.

The recogniser is a compiled regular-expression grammar (no dateparser on the hot path):
every pattern proposes candidate spans, the leftmost-longest candidates that pass their
context checks win, and they are resolved in document order so an expression can lean on
the ones before it ("the day before", "a year earlier").

What resolves what (``Timex.anchor``):

* ``absolute`` — the text states the calendar value itself ("April 2025", "2014").
* ``publication`` — relative to the document's date, the DCT ("last year", "Thursday").
* ``expression`` — relative to the preceding resolved expression ("the day before").
* ``unresolved`` — no date to lean on: no bounds, a value with ``X`` placeholders or a
  ``*_REF`` token. Nothing is ever resolved against today's date.

Honest-bounds policy (documented choices):

* ``PRESENT_REF``/``PAST_REF``/``FUTURE_REF`` ("now", "recently", "the future") carry no
  bounds: the text gives no calendar interval.
* Bare durations ("seven years") carry no bounds. A duration anchored at the DCT ("the past
  decade", "the next two weeks") is bounded by the interval it covers, ending (starting) at
  the DCT.
* "since 2020" keeps the TimeML extent ``2020`` with ``mod="ON_OR_AFTER"``, ``open_end=True``,
  ``earliest=2020-01-01`` and ``latest`` = the DCT when there is one (else ``None``);
  "until 2021" is the mirror image (``open_start``, ``earliest=None``).
* A range "between 2014 and 2019" / "from 2014 to 2019" / "2014-2019" is one DATE whose
  value is the EDTF interval ``2014/2019`` and whose bounds cover both ends.

>>> from datetime import date
>>> [(t.text, t.value) for t in find_timexes("In April 2025, 60 people were sent back.", None)]
[('April 2025', '2025-04')]
>>> t = find_timexes("Last year, the UN warned.", date(2025, 10, 2))[0]
>>> (t.value, t.earliest, t.latest, t.anchor)
('2024', datetime.date(2024, 1, 1), datetime.date(2024, 12, 31), 'publication')
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any, Callable

from timeline.errors import DateError
from timeline.model import Timex

__all__ = [
    "find_timexes",
    "parse_date_arg",
    "parse_absolute_date",
    "timex_records",
    "format_timex_records",
]

# ----------------------------------------------------------------------------------------
# Vocabulary
# ----------------------------------------------------------------------------------------

_MONTH_NAMES = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]
_MONTH_ABBR = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTHS: dict[str, int] = {n.lower(): i + 1 for i, n in enumerate(_MONTH_NAMES)}
_MONTHS.update(_MONTH_ABBR)

_WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_WEEKDAYS = {n.lower(): i for i, n in enumerate(_WEEKDAY_NAMES)}
_WEEKDAYS.update({"tues": 1, "wed": 2, "thur": 3, "thurs": 3})

_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1, "single": 1, "dozen": 12,
    "a dozen": 12, "hundred": 100, "a hundred": 100, "one hundred": 100,
    "a couple of": 2, "couple of": 2, "a couple": 2, "a pair of": 2, "half a": 0.5,
    "a half": 0.5,
}
_VAGUE_NUM = {"a few", "few", "several", "many", "some", "numerous", "a number of", "multiple"}
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17,
    "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21,
    "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
}
_DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
    "seventies": 7, "eighties": 8, "nineties": 9,
}
_UNIT_CODE = {
    "second": "S", "sec": "S", "minute": "M", "min": "M", "hour": "H", "hr": "H",
    "day": "D", "night": "D", "week": "W", "fortnight": "W", "month": "M", "quarter": "Q",
    "year": "Y", "yr": "Y", "decade": "Y", "century": "Y", "weekend": "D", "morning": "D",
    "season": "Q",
}
_SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
_PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
                 "overnight": "NI"}

# ----------------------------------------------------------------------------------------
# Regular-expression building blocks (compiled case-insensitive; month and weekday names
# are matched case-sensitively so "may", "march" and "august" stay verbs and adjectives)
# ----------------------------------------------------------------------------------------


def _cased(words: list[str]) -> str:
    alts: list[str] = []
    for w in words:
        alts.extend([w, w.upper()])
    return "|".join(sorted(set(alts), key=len, reverse=True))


_ABBR_ALTS = "|".join(
    f"{a.capitalize()}\\.?|{a.upper()}\\.?" for a in sorted(_MONTH_ABBR, key=len, reverse=True)
)
_MONTH_FULL = f"(?-i:{_cased(_MONTH_NAMES)})"
# any month form: full names, or abbreviations (with or without a full stop)
MONTH = f"(?-i:{_cased(_MONTH_NAMES)}|{_ABBR_ALTS})(?![A-Za-z])"
# a month that may stand alone: full names or an abbreviation with its full stop
MONTH_ALONE = (
    f"(?-i:{_cased(_MONTH_NAMES)}|"
    + "|".join(f"{a.capitalize()}\\." for a in _MONTH_ABBR)
    + ")(?![A-Za-z])"
)
WEEKDAY = (
    f"(?-i:{_cased(_WEEKDAY_NAMES)}|(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\\.)(?![A-Za-z])"
)
DAY = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![0-9A-Za-z])"
YEAR = r"(?<![\d$£€#.,/])(?<!\d-)(?:1[0-9]{3}|20[0-9]{2})(?![0-9]|,\d|\.\d|%|-\d)"
YEAR4 = r"(?:1[0-9]{3}|20[0-9]{2})"
_NUMWORD = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|a\s+dozen|dozen|(?:a|one)\s+hundred|hundred"
    r"|a\s+couple\s+of|couple\s+of|a\s+pair\s+of|a\s+few|few|several|many|some|numerous"
    r"|half\s+a|an?|single)"
)
NUM = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|{_NUMWORD})"
FRACTION = r"(?:\s+(?:and\s+)?(?:a\s+half|1/2|½)|½)"
UNIT = (
    r"(?:years?|yrs?|months?|weeks?|fortnights?|days?|nights?|hours?|hrs?|minutes?|mins?"
    r"|seconds?|decades?|centur(?:y|ies)|quarters?|weekends?)"
)
APPROX = (
    r"(?:about|around|approximately|roughly|nearly|almost|some|more\s+than|over|less\s+than"
    r"|under|at\s+least|at\s+most|up\s+to|no\s+more\s+than|no\s+less\s+than|fewer\s+than"
    r"|just|only|barely|well\s+over|close\s+to|the\s+better\s+part\s+of)"
)
_APPROX_MOD = {
    "about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX",
    "nearly": "LESS_THAN", "almost": "LESS_THAN", "some": "APPROX", "more than": "MORE_THAN",
    "over": "MORE_THAN", "less than": "LESS_THAN", "under": "LESS_THAN",
    "at least": "EQUAL_OR_MORE", "at most": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS",
    "no more than": "EQUAL_OR_LESS", "no less than": "EQUAL_OR_MORE",
    "fewer than": "LESS_THAN", "well over": "MORE_THAN", "close to": "APPROX",
}
# early / mid / late in front of a month, season, year, decade, week...
POS = (
    r"(?:(?:the\s+)?(?:very\s+)?(?:early|late|mid|middle\s+of|end\s+of|beginning\s+of|start\s+of"
    r"|close\s+of|turn\s+of|first\s+half\s+of|second\s+half\s+of|last\s+half\s+of)"
    r"(?:\s+the)?[\s-]+|mid-?)"
)
TIME_OF_DAY = (
    r"(?:(?:[01]?[0-9]|2[0-3])(?::[0-5][0-9])?\s*(?-i:a\.m\.?|p\.m\.?|am|pm|AM|PM|A\.M\.?|P\.M\.?)(?![A-Za-z])"
    r"|(?:[01]?[0-9]|2[0-3]):[0-5][0-9](?:\s*(?:hrs|h)\b)?|noon|midday|midnight)"
    r"(?:\s+(?-i:[ECMP][SD]T|GMT|UTC|KST|JST|BST|CET|CEST)(?![A-Za-z]))?"
)
DAYREF = (
    rf"(?:{WEEKDAY}(?:,?\s+(?:the\s+)?{MONTH}\s+{DAY}(?:,?\s+{YEAR4})?)?"
    rf"|{MONTH}\s+{DAY}(?:,?\s+{YEAR4}(?![0-9]))?|today|tonight|yesterday|tomorrow)"
)

_FLAGS = re.IGNORECASE | re.UNICODE
_WEB_RE = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_URL_RE = re.compile(r"(?:https?://|www\.)\S+|(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.-]+", re.IGNORECASE)


# ----------------------------------------------------------------------------------------
# Intervals
# ----------------------------------------------------------------------------------------


@dataclass
class _Val:
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


def _last_day(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def _year(y: int, anchor: str) -> _Val:
    return _Val("DATE", f"{y:04d}", date(y, 1, 1), date(y, 12, 31), "year", anchor, ref=date(y, 1, 1))


def _month(y: int, m: int, anchor: str) -> _Val:
    return _Val("DATE", f"{y:04d}-{m:02d}", date(y, m, 1), date(y, m, _last_day(y, m)), "month",
                anchor, ref=date(y, m, 1))


def _day(d: date, anchor: str) -> _Val:
    return _Val("DATE", d.isoformat(), d, d, "day", anchor, ref=d)


def _week(d: date, anchor: str) -> _Val:
    iy, iw, _ = d.isocalendar()
    mon = d - timedelta(days=d.weekday())
    return _Val("DATE", f"{iy:04d}-W{iw:02d}", mon, mon + timedelta(days=6), "week", anchor, ref=mon)


def _weekend(d: date, anchor: str) -> _Val:
    iy, iw, _ = d.isocalendar()
    sat = d - timedelta(days=d.weekday()) + timedelta(days=5)
    return _Val("DATE", f"{iy:04d}-W{iw:02d}-WE", sat, sat + timedelta(days=1), "day", anchor, ref=sat)


def _quarter(y: int, q: int, anchor: str) -> _Val:
    m0 = 3 * (q - 1) + 1
    return _Val("DATE", f"{y:04d}-Q{q}", date(y, m0, 1), date(y, m0 + 2, _last_day(y, m0 + 2)),
                "quarter", anchor, ref=date(y, m0, 1), quarter=(y, q))


def _half(y: int, h: int, anchor: str) -> _Val:
    if h == 1:
        return _Val("DATE", f"{y:04d}-H1", date(y, 1, 1), date(y, 6, 30), "half", anchor, ref=date(y, 1, 1))
    return _Val("DATE", f"{y:04d}-H2", date(y, 7, 1), date(y, 12, 31), "half", anchor, ref=date(y, 7, 1))


def _season(y: int, code: str, anchor: str) -> _Val:
    if code == "WI":
        start, end = date(y, 12, 1), date(y + 1, 2, _last_day(y + 1, 2))
    else:
        m0 = {"SP": 3, "SU": 6, "FA": 9}[code]
        start, end = date(y, m0, 1), date(y, m0 + 2, _last_day(y, m0 + 2))
    return _Val("DATE", f"{y:04d}-{code}", start, end, "season", anchor, ref=start)


def _decade(dec: int, anchor: str) -> _Val:
    """``dec`` is the decade's first year (1990 → value ``199``)."""
    y0 = max(dec, 1)
    return _Val("DATE", f"{dec // 10:03d}", date(y0, 1, 1), date(dec + 9, 12, 31), "decade",
                anchor, ref=date(y0, 1, 1))


def _century(n: int, anchor: str) -> _Val:
    """The n-th century; TimeML writes the 20th century as ``19`` (1900–1999)."""
    c = n - 1
    y0 = max(c * 100, 1)
    return _Val("DATE", f"{c:02d}", date(y0, 1, 1), date(c * 100 + 99, 12, 31), "century",
                anchor, ref=date(y0, 1, 1))


def _apply_position(v: _Val, pos: str | None) -> _Val:
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


def _add_months(d: date, n: int) -> date:
    t = d.year * 12 + d.month - 1 + n
    y, m = t // 12, t % 12 + 1
    return date(y, m, min(d.day, _last_day(y, m)))


def _shift(d: date, n: float, unit: str) -> date | None:
    """``d`` moved by ``n`` units (negative = back); None when out of range."""
    try:
        if unit in ("day", "night", "morning"):
            return d + timedelta(days=n)
        if unit in ("week", "weekend"):
            return d + timedelta(weeks=n)
        if unit == "fortnight":
            return d + timedelta(weeks=2 * n)
        if unit == "month":
            return _add_months(d, int(n))
        if unit == "quarter":
            return _add_months(d, int(3 * n))
        if unit == "year":
            return _add_months(d, int(12 * n))
        if unit == "decade":
            return _add_months(d, int(120 * n))
        if unit == "century":
            return _add_months(d, int(1200 * n))
        if unit in ("hour", "minute", "second"):
            secs = {"hour": 3600, "minute": 60, "second": 1}[unit] * n
            return (datetime(d.year, d.month, d.day) + timedelta(seconds=secs)).date()
    except (OverflowError, ValueError):
        return None
    return None


def _at_granularity(d: date, unit: str, anchor: str) -> _Val:
    if unit in ("year",):
        return _year(d.year, anchor)
    if unit in ("decade", "century"):
        return _year(d.year, anchor)
    if unit == "month":
        return _month(d.year, d.month, anchor)
    if unit == "quarter":
        return _quarter(d.year, (d.month - 1) // 3 + 1, anchor)
    if unit in ("week", "fortnight", "weekend"):
        return _week(d, anchor)
    return _day(d, anchor)


# ----------------------------------------------------------------------------------------
# Number and unit words
# ----------------------------------------------------------------------------------------


def _num(s: str) -> float | None:
    """Parse a number phrase: ``7``, ``1,500``, ``seven``, ``twenty-five``; None if vague."""
    s = re.sub(r"\s+", " ", s.strip().lower())
    if s in _VAGUE_NUM:
        return None
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?", s):
        try:
            v = float(s.replace(",", ""))
        except ValueError:
            return None
        return v if v < 1e7 else None
    if s in _SMALL:
        return _SMALL[s]
    parts = re.split(r"[\s-]", s)
    if len(parts) == 2 and parts[0] in _SMALL and parts[1] in _SMALL:
        return _SMALL[parts[0]] + _SMALL[parts[1]]
    return None


def _unit(s: str) -> str:
    s = s.lower().rstrip(".")
    if s in ("centuries",):
        return "century"
    if s.endswith("s") and s not in ("s",):
        s = s[:-1]
    return {"yr": "year", "hr": "hour", "min": "minute", "sec": "second"}.get(s, s)


def _fmt_num(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def _duration_value(n: float | None, unit: str) -> str:
    if n is None:
        code = {"decade": "DE", "century": "CE"}.get(unit, _UNIT_CODE.get(unit, "X"))
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
            code = _UNIT_CODE[unit]
            lead = "PT" if unit in ("hour", "minute") else "P"
            first = f"{whole}{code}" if whole else ""
            return f"{lead}{first}{sub[2]}{int(frac * sub[0])}{sub[1]}"
    code = _UNIT_CODE.get(unit, "X")
    lead = "PT" if unit in ("hour", "minute", "second") else "P"
    return f"{lead}{_fmt_num(n)}{code}"


# ----------------------------------------------------------------------------------------
# Context: tense and the document so far
# ----------------------------------------------------------------------------------------

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


class _Ctx:
    """The document being tagged: its text, its DCT and what has been resolved so far."""

    def __init__(self, text: str, dct: date | None):
        self.text = text
        self.dct = dct
        self.prev: list[_Val] = []
        self._last_any: _Val | None = None
        self._last_by_gran: dict[str, tuple[int, _Val]] = {}
        self.last_quarter: tuple[int, int] | None = None
        self.last_end = -1  # where the last expression found ends
        self._bounds = [0] + [m.end() for m in _SENT_END.finditer(text)] + [len(text) + 1]

    def sentence(self, pos: int) -> tuple[int, int]:
        import bisect

        i = bisect.bisect_right(self._bounds, pos) - 1
        i = max(0, min(i, len(self._bounds) - 2))
        return self._bounds[i], min(self._bounds[i + 1], len(self.text))

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

    def add(self, v: _Val) -> None:
        """Remember a resolved expression for the ones after it (constant time per call)."""
        self.prev.append(v)
        if v.earliest is not None and v.type in ("DATE", "TIME") and v.anchor != "unresolved":
            self._last_any = v
            self._last_by_gran[v.granularity or ""] = (len(self.prev), v)

    def last_resolved(self, gran: tuple[str, ...] | None = None) -> _Val | None:
        if gran is None:
            return self._last_any
        best: tuple[int, _Val] | None = None
        for g in gran:
            hit = self._last_by_gran.get(g)
            if hit is not None and (best is None or hit[0] > best[0]):
                best = hit
        return best[1] if best else None


def _no_context(v: _Val) -> _Val:
    """Mark a quarter that later "the quarter"/"a year earlier" must not lean on (a year-ago one)."""
    v.quarter = None
    return v


def _unresolved(value: str, type_: str = "DATE", granularity: str | None = None) -> _Val:
    return _Val(type_, value, None, None, granularity, "unresolved")


# ----------------------------------------------------------------------------------------
# Handlers: one per pattern, each returns a _Val or None (reject the candidate)
# ----------------------------------------------------------------------------------------

Handler = Callable[["re.Match[str]", _Ctx], "_Val | None"]


def _g(m: re.Match[str], name: str) -> str | None:
    try:
        return m.group(name)
    except IndexError:
        return None


def _month_num(s: str) -> int:
    return _MONTHS[s.lower().rstrip(".")]


_STRICT_PAST = re.compile(r"\b(?:ended|since)\b[^.;:!?]*$", re.IGNORECASE)


def _infer_year(month: int, day: int | None, ctx: _Ctx, start: int, end: int) -> int | None:
    """The year of a "July 29" / "in March" without one: nearest to the DCT, per tense."""
    dct = ctx.dct
    if dct is None:
        return None
    tense = ctx.tense(start, end)
    cands = []
    for y in (dct.year - 1, dct.year, dct.year + 1):
        d_ = day if day is not None else 1
        if day is not None and day > _last_day(y, month):
            continue
        first = date(y, month, d_)
        last = date(y, month, day if day is not None else _last_day(y, month))
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


def _weekday_date(wd: int, ctx: _Ctx, start: int, end: int, rel: str | None) -> date | None:
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


def _mk_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _two_digit_year(y: int) -> int:
    return 2000 + y if y < 50 else 1900 + y


def _h_numeric(m: re.Match[str], ctx: _Ctx) -> _Val | None:
    s = m.group(0)
    got = parse_absolute_date(s)
    if got is None:
        return None
    d, gran = got
    v = _day(d, "absolute")
    tm = re.search(r"(\d{1,2}):(\d{2})", s[10:]) if gran == "day" else None
    if tm and m.group("time"):
        v.type, v.value = "TIME", f"{d.isoformat()}T{int(tm.group(1)):02d}:{tm.group(2)}"
    return v


def _time_value(s: str) -> str | None:
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


def _resolve_dayref(s: str, ctx: _Ctx, start: int, end: int) -> _Val | None:
    """A weekday, "today", "yesterday" or "July 29[, 2025]" inside a longer phrase."""
    low = s.lower().strip().rstrip(",")
    dct = ctx.dct
    if low in ("today", "tonight", "tomorrow", "yesterday"):
        if dct is None:
            return _unresolved("XXXX-XX-XX", granularity="day")
        off = {"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1}[low]
        return _day(dct + timedelta(days=off), "publication")
    mm = re.search(rf"({MONTH})\s+({DAY})(?:,?\s+({YEAR4}))?", s, _FLAGS)
    if mm:
        mo = _month_num(mm.group(1))
        dd = int(re.match(r"\d+", mm.group(2)).group(0))  # type: ignore[union-attr]
        if mm.group(3):
            d = _mk_date(int(mm.group(3)), mo, dd)
            return _day(d, "absolute") if d else None
        y = _infer_year(mo, dd, ctx, start, end)
        if y is None:
            if dd > _last_day(2000, mo):
                return None
            return _unresolved(f"XXXX-{mo:02d}-{dd:02d}", granularity="day")
        d = _mk_date(y, mo, dd)
        return _day(d, "publication") if d else None
    wm = re.match(rf"({WEEKDAY})", s.strip(), _FLAGS)
    if wm:
        wd = _WEEKDAYS[wm.group(1).lower().rstrip(".")]
        d = _weekday_date(wd, ctx, start, end, None)
        if d is None:
            return _unresolved(f"XXXX-WXX-{wd + 1}", granularity="day")
        return _day(d, "publication")
    return None


_SHARED_YEAR = re.compile(rf"\s*(?:,?\s+(?:and|or|to|through)\s+|[-–&]\s*){DAY},?\s+({YEAR4})(?![0-9])", _FLAGS)


def _h_month_day(m: re.Match[str], ctx: _Ctx) -> _Val | None:
    mo = _month_num(m.group("mon"))
    dd = int(re.match(r"\d+", m.group("day")).group(0))  # type: ignore[union-attr]
    ys = _g(m, "year")
    wd = _g(m, "wd")
    if ys:
        y = int(ys)
        if len(ys) == 2 or ys.startswith("'"):
            y = _two_digit_year(int(ys.strip("'")))
        d = _mk_date(y, mo, dd)
        if d is None:
            return None
        v = _day(d, "absolute")
    elif _g(m, "yrel"):
        # "May 12 last year", "3 March this year": the DCT's year, or the one before or after
        if ctx.dct is None:
            v = _unresolved(f"XXXX-{mo:02d}-{dd:02d}", granularity="day")
        else:
            d = _mk_date(ctx.dct.year + {"this": 0, "last": -1, "next": 1}[m.group("yrel").lower()], mo, dd)
            if d is None:
                return None
            v = _day(d, "publication")
    elif (sy := _SHARED_YEAR.match(ctx.text, m.end())) is not None and m.group("mon"):
        # "Jan. 3 and 4, 2024": the year written after the second day is the first's too
        d = _mk_date(int(sy.group(1)), mo, dd)
        if d is None:
            return None
        v = _day(d, "absolute")
    elif (_g(m, "rel") or "") and ctx.dct is not None:
        # "last Oct. 23": the latest one before the DCT; "next Jan. 5": the first one after
        dct = ctx.dct
        step = -1 if m.group("rel").lower() == "last" else 1
        y = dct.year
        while True:
            d = _mk_date(y, mo, dd)
            if d is not None and (d < dct if step < 0 else d > dct):
                break
            y += step
            if abs(y - dct.year) > 8:
                return None
        v = _day(d, "publication")
    else:
        y = _infer_year(mo, dd, ctx, m.start(), m.end())
        if y is not None and wd and ctx.dct is not None:
            wdn = _WEEKDAYS.get(wd.lower().rstrip("."))
            fits = [yy for yy in (y, y - 1, y + 1) if (dd2 := _mk_date(yy, mo, dd)) and dd2.weekday() == wdn]
            if fits:
                y = fits[0]
        if y is None:
            if dd > _last_day(2000, mo):
                return None
            v = _unresolved(f"XXXX-{mo:02d}-{dd:02d}", granularity="day")
        else:
            d = _mk_date(y, mo, dd)
            if d is None:
                return None
            v = _day(d, "publication")
    tm = _g(m, "time")
    if tm:
        tv = _time_value(tm)
        if tv:
            v.type = "TIME"
            v.value = (v.value if v.earliest else v.value) + tv
    return v


def _h_month_year(m: re.Match[str], ctx: _Ctx) -> _Val | None:
    mo = _month_num(m.group("mon"))
    ys = m.group("year")
    if ys is None:
        # "June last year", "January this year", "May of the following year"
        rel = re.sub(r"\s+", " ", m.group("yrel").lower())
        step = {"this": 0, "last": -1, "next": 1, "the same": 0, "that": 0, "the following": 1,
                "the previous": -1}[rel]
        if rel in ("this", "last", "next"):
            if ctx.dct is None:
                return _unresolved(f"XXXX-{mo:02d}", granularity="month")
            v = _month(ctx.dct.year + step, mo, "publication")
        else:
            lv = ctx.last_resolved()
            if lv is None or lv.ref is None:
                return _unresolved(f"XXXX-{mo:02d}", granularity="month")
            v = _month(lv.ref.year + step, mo, "expression")
        return _apply_position(v, _g(m, "pos"))
    y = int(ys.strip("'")) if not ys.startswith("'") else _two_digit_year(int(ys[1:]))
    v = _month(y, mo, "absolute")
    return _apply_position(v, _g(m, "pos"))


_MONTH_CONTEXT = re.compile(
    r"(?:\b(?:in|since|until|till|by|from|through|throughout|during|of|last|next|this|early|late|mid"
    r"|between|before|after|on|and|or|to|until|around|past|coming|previous|end|beginning|start"
    r"|middle|each|every|that|same|as\s+of|starting|beginning|ending|for|from)\s*-?|\(|–|-)\s*$",
    re.IGNORECASE,
)


def _h_month(m: re.Match[str], ctx: _Ctx) -> _Val | None:
    name = m.group("mon")
    rel = (_g(m, "rel") or "").lower()
    pos = _g(m, "pos")
    before = ctx.text[max(0, m.start() - 20):m.start()]
    after = ctx.text[m.end():m.end() + 20]
    low = name.lower().rstrip(".")
    if not rel and not pos:
        # a bare month name must look like a date: "in May", "May, ..." not "may amount"
        if low == "may" or low == "march" or low == "august" or low == "june" or low == "april":
            if not _MONTH_CONTEXT.search(before) and not re.match(r"\s*[,:]?\s*(?:\d|$)", after) and not (
                    low != "may" and re.search(r"\b(?:the|a|an)\s+$", before, re.IGNORECASE)
                    and re.match(r"\s+(?!(?:for|from|with|against|into|on|of|to|and|the)\b)[a-z]{3,}", after)):
                # "the March accession" (a month before a noun) is a date; "they march" is not
                return None
        if re.match(r"\s+(?-i:[A-Z][a-z]+)", after) and not re.match(
                r"\s+(?:and|or|to|through|until|last|next|this|of)\b", after):
            # "April Smith", "March Madness": only a strong temporal cue keeps it a month
            if not re.search(r"\b(?:in|since|until|till|during|through|last|next|this|early|late|mid|"
                             r"before|after|of|between|from)\s*-?\s*$", before, re.IGNORECASE) or \
                    re.search(r"\b(?:by|from|to|with|and)\s+$", before, re.IGNORECASE):
                return None
        if re.match(r"\s*\d", after):
            return None  # part of a larger numeric phrase we did not recognise
    if re.match(r"\s*\d{1,2}(?:st|nd|rd|th)?\b(?![.,]?\d)", after):
        return None  # "last Oct. 23": the day, not the month
    mo = _month_num(name)
    dct = ctx.dct
    if rel in ("last", "past", "previous"):
        if dct is None:
            return _unresolved(f"XXXX-{mo:02d}", granularity="month")
        y = dct.year if mo < dct.month else dct.year - 1
        v = _month(y, mo, "publication")
    elif rel in ("next", "coming"):
        if dct is None:
            return _unresolved(f"XXXX-{mo:02d}", granularity="month")
        y = dct.year if mo > dct.month else dct.year + 1
        v = _month(y, mo, "publication")
    elif rel == "this":
        if dct is None:
            return _unresolved(f"XXXX-{mo:02d}", granularity="month")
        v = _month(dct.year, mo, "publication")
    else:
        y = _infer_year(mo, None, ctx, m.start(), m.end())
        if y is None:
            v = _unresolved(f"XXXX-{mo:02d}", granularity="month")
        else:
            v = _month(y, mo, "publication")
    return _apply_position(v, pos)


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


def _year_ok(m: re.Match[str], ctx: _Ctx, ys_start: int, ys_end: int) -> bool:
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


def _h_year(m: re.Match[str], ctx: _Ctx) -> _Val | None:
    ys_start, ys_end = m.span("year")
    if not _year_ok(m, ctx, ys_start, ys_end):
        return None
    y = int(m.group("year"))
    v = _year(y, "absolute")
    pos = _g(m, "pos")
    if pos and "half" in pos.lower():
        h = 2 if re.search(r"second|last", pos, re.I) else 1
        return _half(y, h, "absolute")
    return _apply_position(v, pos)


def _h_decade(m: re.Match[str], ctx: _Ctx) -> _Val | None:
    s = m.group("dec")
    low = s.lower()
    dct = ctx.dct
    if low in _DECADE_WORDS:
        d = _DECADE_WORDS[low]
        century = 1900
        dec = century + 10 * d
    elif low.startswith("'") or low.startswith("’"):
        dd = int(low[1])
        dec = 1900 + 10 * dd if dd >= 3 or dct is None or dct.year < 2000 else 2000 + 10 * dd
    else:
        dec = int(low[:4])
        if dec % 10 != 0:
            return None
    v = _decade(dec, "absolute")
    return _apply_position(v, _g(m, "pos"))


def _h_century(m: re.Match[str], ctx: _Ctx) -> _Val | None:
    s = m.group("ord").lower()
    n = _ORDINALS.get(s)
    if n is None:
        mm = re.match(r"(\d+)", s)
        if not mm:
            return None
        n = int(mm.group(1))
    if not 1 <= n <= 30:
        return None
    v = _century(n, "absolute")
    return _apply_position(v, _g(m, "pos"))


def _quarter_year(m: re.Match[str], ctx: _Ctx, q: int) -> tuple[int | None, str]:
    ys = _g(m, "year") or _g(m, "year2")
    if ys:
        y = int(ys) if not ys.startswith("'") else _two_digit_year(int(ys[1:]))
        return y, "absolute"
    if ctx.dct is None:
        return None, "unresolved"
    rel = (_g(m, "rel") or "").lower()
    y = ctx.dct.year
    if "last" in rel or "year-ago" in rel or "year-earlier" in rel or "previous" in rel:
        y -= 1
    elif "next" in rel:
        y += 1
    return y, "publication"


def _h_quarter(m: re.Match[str], ctx: _Ctx) -> _Val | None:
    ords = (_g(m, "qord") or "").lower()
    qnum = _g(m, "qnum")
    if qnum:
        q = int(qnum)
    elif ords in _ORDINALS:
        q = _ORDINALS[ords]
    elif ords in ("final", "last"):
        q = 4
    else:
        return None
    if not 1 <= q <= 4:
        return None
    y, anchor = _quarter_year(m, ctx, q)
    if y is None:
        return _unresolved(f"XXXX-Q{q}", granularity="quarter")
    rel = (_g(m, "rel") or "").lower()
    if anchor == "publication" and not rel.strip() or rel.startswith(("the", "its", "a ", "their")) \
            and not ("year-" in rel) and anchor == "publication":
        # a quarter that has not begun yet, told in the past tense, is last year's
        assert ctx.dct is not None
        if date(y, 3 * (q - 1) + 1, 1) > ctx.dct and ctx.tense(m.start(), m.end()) == "past":
            y -= 1
    v = _quarter(y, q, anchor)
    det = re.match(r"(?:the|its|a|their|his|her|our)\b", rel)
    if det and (det.group() != "the" or re.search(r"quarter-|-quarter", m.group(0))):
        # TimeML leaves out "its"/"a", and "the" before the adjective "third-quarter"
        v.trim = len(det.group())
    if "year-" in rel or "last year" in rel:
        return _no_context(v)
    return v


def _h_half(m: re.Match[str], ctx: _Ctx) -> _Val | None:
    which = m.group("hord").lower()
    h = 1 if which == "first" else 2
    y, anchor = _quarter_year(m, ctx, 0)
    if y is None:
        return _unresolved(f"XXXX-H{h}", granularity="half")
    return _half(y, h, anchor)


def _h_the_quarter(m: re.Match[str], ctx: _Ctx) -> _Val | None:
    """ "the quarter", "the latest quarter", "the current quarter", "this quarter"."""
    w = (m.group("qrel") or "").lower()
    dct = ctx.dct
    if dct is None:
        return _unresolved("XXXX-QX", granularity="quarter")
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
    return _quarter(y, q, "publication" if w else "expression" if ctx.last_quarter else "publication")


def _h_season(m: re.Match[str], ctx: _Ctx) -> _Val | None:
    code = _SEASONS[m.group("season").lower()]
    ys = _g(m, "year")
    rel = (_g(m, "rel") or "").lower()
    det = _g(m, "det")
    if ys:
        v = _season(int(ys), code, "absolute")
        return _apply_position(v, _g(m, "pos"))
    if not rel and not det:
        before = ctx.text[max(0, m.start() - 12):m.start()]
        if not re.search(r"\b(?:in|during|by|until|since|over|through|throughout|this|last|next|of)\s+$",
                         before, re.IGNORECASE):
            return None
    dct = ctx.dct
    if dct is None:
        return _unresolved(f"XXXX-{code}", granularity="season")
    this = _season(dct.year, code, "publication")
    if code == "WI" and dct.month <= 2:
        this = _season(dct.year - 1, code, "publication")
    assert this.earliest is not None and this.latest is not None
    if rel in ("last", "past", "previous"):
        v = this if this.latest < dct else _season(int(this.value[:4]) - 1, code, "publication")
    elif rel in ("next", "coming"):
        v = this if this.earliest > dct else _season(int(this.value[:4]) + 1, code, "publication")
    else:
        v = this
        tense = ctx.tense(m.start(), m.end())
        if tense == "past" and this.earliest > dct and rel != "this":
            v = _season(int(this.value[:4]) - 1, code, "publication")
    return _apply_position(v, _g(m, "pos"))


def _h_relunit(m: re.Match[str], ctx: _Ctx) -> _Val | None:
    """this/last/next week|month|year|decade|weekend; earlier this year; late last week."""
    rel = m.group("rel").lower()
    rel = re.sub(r"\s+", " ", rel)
    unit = _unit(m.group("unit"))
    pos = _g(m, "pos")
    dct = ctx.dct
    step = {"this": 0, "current": 0, "present": 0, "last": -1, "past": -1, "previous": -1,
            "next": 1, "coming": 1, "following": 1, "the past": -1, "the last": -1,
            "the previous": -1, "the next": 1, "the coming": 1, "the current": 0,
            "the following": 1, "the preceding": -1, "preceding": -1, "the present": 0,
            "this past": -1, "this coming": 1, "the same": 0, "that": 0}.get(rel)
    if step is None:
        return None
    expression = rel in ("the following", "following", "the preceding", "preceding", "the previous",
                         "the same", "that")
    ref: date | None
    anchor = "publication"
    if expression:
        lv = ctx.last_resolved()
        ref = lv.ref if lv is not None else None
        anchor = "expression"
        if ref is None:
            ref = None
    else:
        ref = dct
    if unit == "decade" and step == -1 and rel.startswith("the "):
        # "the past decade": an interval of ten years ending at the DCT (a DURATION)
        return _anchored_duration(1, "decade", -1, ctx)
    if unit == "century" and step == 0:
        if ref is None:
            return _unresolved("XX", granularity="century")
        return _apply_position(_century(ref.year // 100 + 1, anchor), pos)
    if ref is None:
        return _unresolved({"year": "XXXX", "month": "XXXX-XX", "week": "XXXX-WXX",
                            "weekend": "XXXX-WXX-WE", "quarter": "XXXX-QX", "decade": "XXX",
                            "fortnight": "XXXX-WXX", "day": "XXXX-XX-XX", "century": "XX",
                            "night": "XXXX-XX-XX"}.get(unit, "XXXX"),
                           granularity={"fortnight": "week", "weekend": "day", "night": "day"}.get(unit, unit))
    if unit == "day":
        d = ref + timedelta(days=step)
        return _day(d, anchor)
    if unit == "night":
        d = ref + timedelta(days=step)
        v = _day(d, anchor)
        v.type, v.value = "TIME", d.isoformat() + "TNI"
        return v
    if unit == "quarter":
        d = _add_months(ref, 3 * step)
        return _apply_position(_quarter(d.year, (d.month - 1) // 3 + 1, anchor), pos)
    if unit == "weekend":
        d = ref + timedelta(weeks=step)
        return _weekend(d, anchor)
    if unit == "decade":
        dec = (ref.year // 10 + step) * 10
        return _apply_position(_decade(dec, anchor), pos)
    if unit == "century":
        return _apply_position(_century(ref.year // 100 + 1 + step, anchor), pos)
    if unit == "fortnight":
        unit = "week"
    d = _shift(ref, step, unit)
    if d is None:
        return None
    v = _at_granularity(d, unit, anchor)
    if pos and pos.lower().startswith(("earlier", "later")):
        return v  # narrowed to the part before/after the DCT by the caller
    return _apply_position(v, pos)


def _anchored_duration(n: float | None, unit: str, direction: int, ctx: _Ctx,
                       value: str | None = None) -> _Val:
    value = value or _duration_value(n, unit)
    dct = ctx.dct
    if dct is None or n is None:
        return _Val("DURATION", value, None, None, None, "unresolved")
    other = _shift(dct, direction * n, unit) if float(n).is_integer() else None
    if other is None:
        return _Val("DURATION", value, None, None, None, "unresolved")
    gran = {"decade": "decade", "century": "century", "fortnight": "week", "weekend": "day",
            "hour": "day", "minute": "day", "second": "day"}.get(unit, unit)
    if direction < 0:
        return _Val("DURATION", value, other, dct, gran, "publication")
    return _Val("DURATION", value, dct, other, gran, "publication")


# "<number> <plural noun> a <unit>": a rate ("four flights a week"), not a period of time
_RATE_BEFORE = re.compile(
    rf"(?<![\w.,])(?:\d[\d,.]*|{_NUMWORD})\s+(?:[a-z-]+\s+)?[a-z]+s\s+$", re.IGNORECASE)


_READ_TIME = re.compile(r"\s*(?:read|reading(?:\s+time)?|listen|watch)\b", re.IGNORECASE)


def _h_duration(m: re.Match[str], ctx: _Ctx) -> _Val | None:
    nums = m.group("num")
    unit_s = m.group("unit")
    unit = _unit(unit_s)
    hy = m.group("sep")
    frac = _g(m, "frac")
    if unit in ("minute", "hour") and _READ_TIME.match(ctx.text, m.end()):
        return None  # "6 min read": page chrome, the time it takes to read the article
    # "Five-Year Plan": a title-cased hyphenated compound is part of a name, not a duration
    if hy and "-" in hy and unit_s[0].isupper() and nums[0].isupper():
        return None
    if unit_s[0].isupper() and nums[0].isupper() and re.match(r"\s+(?-i:Plan|Program)", ctx.text[m.end():]):
        return None
    if re.match(r"[\s-]+old\b|-(?:ago|earlier|end)\b", ctx.text[m.end("unit"):m.end("unit") + 9], re.IGNORECASE):
        return None  # an age ("a 6-year-old", "52 years old") or "a year-earlier loss"
    n = _num(nums)
    if n is not None and n >= 1000 and not unit_s.lower().endswith("s") and "-" not in hy:
        return None  # "the 1988 quarter": a year, not 1988 quarters
    if nums.lower() in ("some",) and not hy:
        n = None
    if n is not None and (frac or _g(m, "frac2")):
        n += 0.5
    low_nums = nums.lower().strip()
    if low_nums in ("a", "an", "single") and unit in ("second",):
        return None  # "a second" (ordinal sense is common)
    if n is not None and n > 100000:
        return None
    # a lone "a"/"one" + unit inside "once a year", "twice a day", "a day after" …
    before = ctx.text[max(0, m.start() - 16):m.start()]
    if low_nums == "one" and unit == "day" and not hy.strip("- ") and re.search(
            r"\b(?:will|would|could|might|may|can|shall|should|must|to|he|she|they|we|I|you|it)\s+$", before):
        return _Val("DATE", "FUTURE_REF")  # "Islam will one day be...": some day, not 24 hours
    if low_nums in ("a", "an", "one", "per") and re.search(
            r"\b(?:once|twice|thrice|times|per)\s+$", before, re.IGNORECASE):
        return _Val("SET", _duration_value(1, unit), granularity=None)
    if low_nums in ("a", "an", "per") and re.search(
            r"(?:\d|million|billion|trillion|percent|cents?|dollars?|won|yuan|yen|euros?|%|bn|mn)\s*$",
            before, re.IGNORECASE):
        return None  # "$500 million a year", "2% a month": a rate, not a period
    if low_nums in ("a", "an", "per") and _RATE_BEFORE.search(ctx.text, max(0, m.start() - 48), m.start()):
        return _Val("SET", _duration_value(1, unit))  # "four flights a week": a frequency
    if unit == "quarter" and low_nums in ("a", "an", "one", "three") and re.match(
            r"\s+of\s+(?:the|its|his|her|their|our|all|a|an|those|these|\d)\b(?!\s+(?:fiscal\s+)?year\b)",
            ctx.text[m.end():m.end() + 30], re.IGNORECASE):
        return None  # "three-quarters of its food", "more than a quarter of the market": a fraction
    ext = (_g(m, "ext") or "").lower()
    ext = re.sub(r"\s+", " ", ext).strip()
    if ext == "the":
        return _Val("DURATION", _duration_value(n, unit))  # "the nine months"
    if ext:
        # "the past two years", "the next three weeks": anchored at the DCT
        direction = -1 if ext.endswith(("past", "last", "previous", "preceding", "first")) else 1
        if ext.endswith(("first", "final", "remaining", "initial", "latest", "same", "entire", "whole", "full")):
            return _Val("DURATION", _duration_value(n, unit))
        return _anchored_duration(n, unit, direction, ctx)
    return _Val("DURATION", _duration_value(n, unit))


def _h_bare_units(m: re.Match[str], ctx: _Ctx) -> _Val | None:
    unit = _unit(m.group("unit"))
    ext = (_g(m, "ext") or "").lower()
    if ext and ("recent" in ext):
        # TimeML: "recent years" is PAST_REF; "recent months/weeks/days" a vague duration
        return _Val("DATE", "PAST_REF") if unit in ("year", "decade", "century") else \
            _Val("DURATION", _duration_value(None, unit))
    if ext and ext.strip().lower() == "the":
        return _Val("DURATION", _duration_value(None, unit))  # "in the weeks ahead"
    if ext and ("coming" in ext or "next" in ext or "ahead" in ext):
        return _Val("DATE", "FUTURE_REF") if "coming" in ext else _Val("DURATION", _duration_value(None, unit))
    return _Val("DURATION", _duration_value(None, unit))


def _h_ago(m: re.Match[str], ctx: _Ctx) -> _Val | None:
    nums = m.group("num")
    unit = _unit(m.group("unit"))
    direction_w = m.group("dir").lower()
    n = _num(nums)
    if (_g(m, "frac") or _g(m, "frac2")) and n is not None:
        n += 0.5
    dct = ctx.dct
    expression = direction_w in ("earlier", "later", "before", "after")
    direction = 1 if direction_w in ("later", "after", "from now", "hence", "on") else -1
    if expression:
        lv = ctx.last_resolved()
        ref = lv.ref if lv is not None else None
        anchor = "expression"
        if ref is None and direction_w == "earlier" and dct is not None:
            ref, anchor = dct, "publication"
        # "a year earlier" after "the third quarter": the year-ago quarter
        if lv is not None and unit == "year" and lv.granularity == "quarter" and n is not None \
                and ctx.last_quarter is not None:
            y, q = ctx.last_quarter
            return _no_context(_quarter(y + direction * int(n), q, "expression"))
    else:
        ref = dct
        anchor = "publication"
        if unit == "year" and ctx.last_quarter is not None and n == 1 and dct is not None:
            y, q = ctx.last_quarter
            if abs(y - dct.year) <= 1:
                return _no_context(_quarter(y - 1, q, "publication"))
    if n is None:
        if expression:
            # "a few days later": some days after another event, not the past or the future of
            # the publication date; only the (vague) length is known
            return _Val("DURATION", _duration_value(None, unit))
        return _Val("DATE", "PAST_REF" if direction < 0 else "FUTURE_REF")
    if ref is None:
        gran = {"year": "XXXX", "decade": "XXXX", "century": "XXXX", "month": "XXXX-XX",
                "quarter": "XXXX-QX", "week": "XXXX-WXX"}.get(unit, "XXXX-XX-XX")
        v = _unresolved(gran)
        v.ago = True  # "more than two years ago" keeps its approximator without a DCT too
        return v
    if unit in ("hour", "minute", "second"):
        return _day(ref, anchor) if n < 24 and unit == "hour" or unit != "hour" else _day(
            ref - timedelta(hours=n), anchor)
    if not float(n).is_integer() and unit in ("day", "week"):
        d = ref + timedelta(days=direction * n * (7 if unit == "week" else 1))
    else:
        d = _shift(ref, direction * (n if float(n).is_integer() else round(n)), unit)
    if d is None:
        return None
    v = _at_granularity(d, unit, anchor)
    v.ago = True
    v.point, v.direction = d, direction
    return v


def _h_today(m: re.Match[str], ctx: _Ctx) -> _Val | None:
    w = m.group("w").lower()
    part = (_g(m, "part") or "").lower()
    pre = (_g(m, "pre") or "").lower()
    dct = ctx.dct
    if w == "today" and not part:
        after = ctx.text[m.end():m.end() + 30]
        before = ctx.text[max(0, m.start() - 20):m.start()]
        if m.group("w")[0].isupper() and re.match(r"\s*,?\s*when\b", after, re.IGNORECASE):
            return _Val("DATE", "PRESENT_REF")  # "Today when the world aspires...": the present
        if re.match(r"['’]s\s+(?:world|society|age|era|generation|youth|economy|globali[sz]ed|modern"
                    r"|international|digital|children|standards|technology|young|market|personal|\w+s\b)",
                    after, re.IGNORECASE):
            return None  # "today's world", "today's computers": an adjective, not a date
    if w in ("overnight",):
        if dct is None:
            return _unresolved("XXXX-XX-XXTNI", "TIME", "day")
        v = _day(dct, "publication")
        v.type, v.value = "TIME", dct.isoformat() + "TNI"
        return v
    off = {"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1}[w]
    if dct is None:
        v = _unresolved("XXXX-XX-XX", granularity="day")
    else:
        v = _day(dct + timedelta(days=off), "publication")
    code = _PARTS_OF_DAY.get(part)
    if w == "tonight":
        code = None
    if code:
        v.type = "TIME"
        v.value = v.value + "T" + code
    if pre in ("late", "later"):
        v.mod = "END"
    elif pre in ("early", "earlier"):
        v.mod = "START"
    return v


def _h_part_of_day(m: re.Match[str], ctx: _Ctx) -> _Val | None:
    rel = m.group("rel").lower()
    part = m.group("part").lower()
    dct = ctx.dct
    code = _PARTS_OF_DAY[part]
    if rel == "last" and part == "night":
        off = -1
    elif rel == "last":
        off = -1
    elif rel in ("this", "later this", "earlier this", "early this", "late this"):
        off = 0
    elif rel in ("tomorrow",):
        off = 1
    elif rel in ("yesterday",):
        off = -1
    elif rel.startswith("the"):
        # "the morning" / "the next morning": a part of the day the text last named
        lv = ctx.last_resolved(("day",))
        if lv is None or lv.ref is None:
            return None if rel == "the" else _unresolved("XXXX-XX-XXT" + code, "TIME", "day")
        step = 1 if re.search(r"next|following", rel) else -1 if re.search(r"previous|preceding", rel) else 0
        d = lv.ref + timedelta(days=step)
        v = _day(d, "expression")
        v.type, v.value = "TIME", d.isoformat() + "T" + code
        return v
    else:
        off = 0
    if dct is None:
        return _unresolved("XXXX-XX-XXT" + code, "TIME", "day")
    d = dct + timedelta(days=off)
    v = _day(d, "publication")
    v.type, v.value = "TIME", d.isoformat() + "T" + code
    return v


_WD_PLURAL_PART = re.compile(
    rf"\s+(?:and|or|&)\s+(?-i:{_cased(_WEEKDAY_NAMES)})\s+(morning|afternoon|evening|night)s(?![a-z])", re.IGNORECASE)


def _h_weekday(m: re.Match[str], ctx: _Ctx) -> _Val | None:
    wd = _WEEKDAYS[m.group("wd").lower().rstrip(".")]
    rel = _g(m, "rel")
    wrel = (_g(m, "wrel") or "").lower()
    part = (_g(m, "part") or "").lower()
    dct = ctx.dct
    d: date | None
    if not rel and not wrel:
        # "Tuesday nights", and "Monday" in "Monday and Tuesday nights": every such night
        co = None if part else _WD_PLURAL_PART.match(ctx.text, m.end())
        if _g(m, "plural") or co is not None:
            code = _PARTS_OF_DAY[part or co.group(1).lower()]  # type: ignore[union-attr]
            return _Val("SET", f"XXXX-WXX-{wd + 1}T{code}")
    if wrel:
        if dct is None:
            d = None
        else:
            mon = dct - timedelta(days=dct.weekday())
            off = {"last": -7, "next": 7, "this": 0, "previous": -7}[wrel.split()[0]]
            d = mon + timedelta(days=off + wd)
    elif rel and rel.lower().startswith("the"):
        # "the following Monday", "the previous Friday": from the preceding expression
        lv = ctx.last_resolved(("day",))
        if lv is None or lv.ref is None:
            return _unresolved(f"XXXX-WXX-{wd + 1}", granularity="day")
        ref = lv.ref
        if re.search(r"previous|preceding", rel, re.I):
            d = ref - timedelta(days=(ref.weekday() - wd) % 7 or 7)
        else:
            d = ref + timedelta(days=(wd - ref.weekday()) % 7 or 7)
        v = _day(d, "expression")
        return v
    else:
        d = _weekday_date(wd, ctx, m.start(), m.end(), rel)
    if d is None:
        v = _unresolved(f"XXXX-WXX-{wd + 1}", granularity="day")
    else:
        v = _day(d, "publication")
    code = _PARTS_OF_DAY.get(part)
    if code:
        v.type = "TIME"
        v.value = v.value + "T" + code
    return v


def _h_weekday_set(m: re.Match[str], ctx: _Ctx) -> _Val | None:
    wd = _WEEKDAYS[m.group("wd").lower().rstrip("s.")]
    return _Val("SET", f"XXXX-WXX-{wd + 1}")


def _h_time(m: re.Match[str], ctx: _Ctx) -> _Val | None:
    tv = _time_value(m.group("t"))
    if tv is None:
        return None
    t_only = m.group("t")
    if re.fullmatch(r"\s*\d{1,2}:\d{2}\s*", t_only) and not _g(m, "dayref"):
        before = ctx.text[max(0, m.start() - 12):m.start()]
        after = ctx.text[m.end():m.end() + 14]
        if not (re.search(r"\b(?:at|by|from|until|till|before|after|around|about|since)\s+$", before, re.I)
                or re.match(r"\s*(?:hrs|h\b|local|GMT|UTC|KST|o'clock)", after, re.I)):
            return None
    day_s = _g(m, "dayref")
    if day_s:
        dv = _resolve_dayref(day_s, ctx, m.start(), m.end())
    else:
        dv = None
        if ctx.dct is not None:
            lv = ctx.prev[-1] if ctx.prev else None
            if lv is not None and lv.granularity == "day" and lv.ref is not None and lv.anchor != "unresolved":
                dv = _day(lv.ref, "expression")
            else:
                dv = _day(ctx.dct, "publication")
    if dv is None:
        return _Val("TIME", tv, None, None, "day", "unresolved")
    v = replace(dv)
    v.type = "TIME"
    v.value = dv.value + tv if dv.value[:1].isdigit() or dv.value.startswith("X") else tv
    return v


def _h_set(m: re.Match[str], ctx: _Ctx) -> _Val | None:
    w = m.group(0).lower()
    w = re.sub(r"\s+", " ", w)
    simple = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y",
              "yearly": "P1Y", "hourly": "PT1H", "quarterly": "P3M", "nightly": "P1D",
              "biweekly": "P2W", "bimonthly": "P2M", "biannually": "P6M", "semiannually": "P6M"}
    if w in simple:
        before = ctx.text[max(0, m.start() - 2):m.start()]
        if m.group(0)[0].isupper() and re.search(r"[A-Za-z]\s$", before):
            # "China Daily", "Daily NK": part of a name
            return None
        if m.group(0)[0].isupper() and re.match(r"\s+(?-i:[A-Z])", ctx.text[m.end():m.end() + 3]):
            return None
        return _Val("SET", simple[w])
    every = m.group("every")
    unit = _g(m, "sunit")
    if unit:
        u = unit.lower()
        nm = _g(m, "snum")
        n = _num(nm) if nm else 1
        if "other" in every.lower():
            n = 2 if n is not None else None
        if u in _WEEKDAYS or u.rstrip("s") in _WEEKDAYS:
            return _Val("SET", f"XXXX-WXX-{_WEEKDAYS[u.rstrip('s') if u not in _WEEKDAYS else u] + 1}")
        if u in _MONTHS:
            return _Val("SET", f"XXXX-{_MONTHS[u]:02d}")
        if u in _SEASONS:
            return _Val("SET", f"XXXX-{_SEASONS[u]}")
        if u in ("morning", "afternoon", "evening", "night"):
            return _Val("SET", f"XXXX-XX-XXT{_PARTS_OF_DAY[u]}")
        return _Val("SET", _duration_value(n, _unit(u)))
    return None


def _h_ref(m: re.Match[str], ctx: _Ctx) -> _Val | None:
    w = re.sub(r"\s+", " ", m.group(0).lower())
    if w in ("now",) and re.match(r"\s*that\b", ctx.text[m.end():m.end() + 8]):
        return _Val("DATE", "PRESENT_REF")
    if w in ("current", "currently") and re.search(r"\bthen[\s-]+$", ctx.text[max(0, m.start() - 6):m.start()], re.I):
        return _Val("DATE", "PAST_REF")  # "the then current price": current at a past time
    if "future" in w or w in ("soon", "shortly", "in due course", "eventually") or \
            "coming" in w or "ahead" in w or "term" in w or "later" in w:
        return _Val("DATE", "FUTURE_REF")
    if any(k in w for k in ("past", "recent", "previously", "formerly", "once", "earlier",
                            "lately", "ago", "historically", "before")):
        return _Val("DATE", "PAST_REF")
    return _Val("DATE", "PRESENT_REF")


def _h_year_adj(m: re.Match[str], ctx: _Ctx) -> _Val | None:
    """ "year-earlier", "the year-ago quarter", "year-end", "the year-earlier period"."""
    w = m.group(0).lower()
    dct = ctx.dct
    if "end" in w:
        if "-" not in w:
            # "by year end", "by year's end": the end of the year, as "the end of the year"
            if dct is None:
                return _unresolved("XXXX", granularity="year")
            return _apply_position(_year(dct.year, "publication"), "end")
        if dct is None:
            return _unresolved("XXXX-12-31", granularity="day")
        y = dct.year
        before = ctx.text[max(0, m.start() - 8):m.start()]
        if re.search(r"\bsince\s+$", before, re.IGNORECASE):
            y -= 1  # "the change since year-end": the last year-end before publication
        return _day(date(y, 12, 31), "publication")
    if dct is None:
        return _unresolved("XXXX")
    if "nine months" in w or "six months" in w:
        return _Val("DURATION", "P9M" if "nine" in w else "P6M")
    if ctx.last_quarter is not None:
        y, q = ctx.last_quarter
        return _no_context(_quarter(y - 1, q, "expression"))
    if "quarter" in w:
        q = (dct.month - 1) // 3
        y = dct.year
        if q == 0:
            y, q = y - 1, 4
        return _no_context(_quarter(y - 1, q, "publication"))
    return _year(dct.year - 1, "publication")


def _h_week_of(m: re.Match[str], ctx: _Ctx) -> _Val | None:
    """ "the week of March 6": the week holding that day (unresolved without its year)."""
    dv = _resolve_dayref(m.group("dayref"), ctx, m.start("dayref"), m.end("dayref"))
    if dv is None:
        return None
    if dv.ref is None or dv.earliest is None:
        return _unresolved("XXXX-WXX", granularity="week")
    return _week(dv.ref, dv.anchor)


def _h_anchored_day(m: re.Match[str], ctx: _Ctx) -> _Val | None:
    """ "the day before", "the next day", "the previous day", "that day", "the same day"."""
    w = re.sub(r"\s+", " ", m.group(0).lower())
    tgt = _g(m, "tgt")
    if tgt:
        # "the day before last Tuesday('s hearing)", "the day after May 3": from that day
        rel = re.match(r"(last|next)\s+", tgt, re.IGNORECASE)
        if rel:
            wd = _WEEKDAYS[tgt[rel.end():].strip().lower().rstrip(".")]
            d0 = _weekday_date(wd, ctx, m.start("tgt"), m.end("tgt"), rel.group(1))
            dv = _day(d0, "publication") if d0 is not None else None
        else:
            dv = _resolve_dayref(tgt, ctx, m.start("tgt"), m.end("tgt"))
        if dv is None:
            return None
        off = -1 if re.search(r"before", w) else 1
        if dv.ref is None or dv.earliest is None:
            return _unresolved("XXXX-XX-XX", granularity="day")
        v = _day(dv.ref + timedelta(days=off), dv.anchor)
        if "night" in w:
            v.type, v.value = "TIME", v.value + "TNI"
        return v
    lv = ctx.last_resolved(("day",))
    near = ctx.last_resolved()
    if (near is not None and near is not lv and near.granularity == "month" and near.ref is not None
            and re.fullmatch(r"that\s+(?:same\s+)?day|the\s+same\s+day", w)):
        # "killed last October ... crossed out that same day": a day of that month, which one unsaid
        v = _month(near.ref.year, near.ref.month, "expression")
        v.value = v.value + "-XX"  # bounds (and granularity) stay those of the month
        return v
    if lv is None or lv.ref is None:
        return _unresolved("XXXX-XX-XX", granularity="day")
    sig = re.match(r"the\s+(?:day|night)(\s+(?:before|after))$", m.group(0), re.IGNORECASE)
    if sig and re.match(r"\s+[\w\"“‘']", ctx.text[m.end():m.end() + 3]) and ctx.prev and ctx.prev[-1] is lv \
            and 0 <= ctx.last_end <= m.start() and re.fullmatch(r"\s*,\s*", ctx.text[ctx.last_end:m.start()]):
        # "Oct. 12, the day before the stock market plunge": "the day" restates the date just
        # given; "before" is a signal to the event that follows
        v = _day(lv.ref, "expression")
        v.cut = len(sig.group(1))
        return v
    if "before" in w or "previous" in w or "preceding" in w or "earlier" in w or "eve" in w:
        off = -1
    elif "after" in w or "next" in w or "following" in w or "later" in w:
        off = 1
    else:
        off = 0
    return _day(lv.ref + timedelta(days=off), "expression")


def _h_unit_before(m: re.Match[str], ctx: _Ctx) -> _Val | None:
    unit = m.group("unit").lower()
    step = -1 if m.group("dir").lower() == "before" else 1
    lv = ctx.last_resolved()
    if lv is None or lv.ref is None:
        return _unresolved({"year": "XXXX", "month": "XXXX-XX", "week": "XXXX-WXX"}[unit], granularity=unit)
    d = _shift(lv.ref, step, unit)
    if d is None:
        return None
    return _at_granularity(d, unit, "expression")


def _h_that_year(m: re.Match[str], ctx: _Ctx) -> _Val | None:
    lv = ctx.last_resolved()
    if lv is None or lv.ref is None:
        return _unresolved("XXXX")
    return _year(lv.ref.year, "expression")


def _h_range(m: re.Match[str], ctx: _Ctx) -> _Val | None:
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
    return _Val("DATE", f"{ya:04d}/{yb:04d}", date(ya, 1, 1), date(yb, 12, 31), "year", "absolute",
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


def _h_holiday(m: re.Match[str], ctx: _Ctx) -> _Val | None:
    w = re.sub(r"\s+", " ", m.group("hol").lower()).replace("’", "'")
    ys = _g(m, "year")
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
        return _week(d, "absolute") if week else _day(d, "absolute")
    if dct is None:
        d0 = on(2000)
        if week:
            return _unresolved("XXXX-WXX", granularity="week")
        fixed = d0 and not w.startswith(("thanksgiving", "election", "easter", "good friday"))
        return _unresolved(f"XXXX-{d0:%m-%d}" if fixed else "XXXX-XX-XX", granularity="day")
    tense = ctx.tense(m.start(), m.end())
    d = on(dct.year)
    if d is None:
        return None
    start = d - timedelta(days=d.weekday()) if week else d
    if tense == "past" and start > dct:
        d = on(dct.year - 1) or d
    return _week(d, "publication") if week else _day(d, "publication")


# ----------------------------------------------------------------------------------------
# The grammar
# ----------------------------------------------------------------------------------------

# a weekday standing alone must be written out ("Sun." may be a newspaper, "We" a pronoun)
_WD_GROUP = rf"(?P<wd>(?-i:{_cased(_WEEKDAY_NAMES)})(?![A-Za-z]))"
_PART = r"(?P<part>morning|afternoon|evening|night)"

_PATTERNS: list[tuple[str, str, Handler, int]] = [
    # numeric dates: 2025-10-02, 2025.10.02, 10/02/2025, with an optional clock time
    ("numeric",
     r"(?<![\w./-])(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}/\d{1,2}/(?:\d{4}|\d{2}))"
     r"(?P<time>(?:T|\s+|,\s*)(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?:\s*(?-i:AM|PM|am|pm|a\.m\.|p\.m\.))?)?"
     r"(?![\w/-])\.?(?<!\.)",
     _h_numeric, 9),
    # [Thursday,] October 2[, 2025] [at 10:15 AM]
    ("month_day",
     rf"(?:(?P<rel>last|next)\s+)?(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<mon>{MONTH})\s+(?P<day>{DAY})"
     rf"(?:(?:,\s*|\s+)(?P<year>{YEAR4})(?![0-9])|\s+(?:of\s+)?(?P<yrel>this|last|next)\s+year(?![\w-]))?"
     rf"(?:,?\s+(?:at\s+)?(?P<time>{TIME_OF_DAY}))?",
     _h_month_day, 8),
    # [Thursday,] 2 October[ 2025] / the 2nd of October
    ("day_month",
     rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+)?(?<![\d.,$])(?P<day>{DAY})(?:\s+of)?\s+(?P<mon>{MONTH})"
     rf"(?:,?\s+(?P<year>{YEAR4})(?![0-9])|\s+(?:of\s+)?(?P<yrel>this|last|next)\s+year(?![\w-]))?"
     rf"(?:,?\s+(?:at\s+)?(?P<time>{TIME_OF_DAY}))?",
     _h_month_day, 8),
    # April 2025 / early 2026-style positions / April of 2025 / Apr '25
    ("month_year",
     rf"(?P<pos>{POS})?(?P<mon>{MONTH}),?\s+(?:of\s+)?(?:(?P<year>{YEAR4}|'\d\d)(?![0-9%])"
     rf"|(?:of\s+)?(?P<yrel>this|last|next|the\s+same|that|the\s+following|the\s+previous)\s+year(?![\w-]))",
     _h_month_year, 7),
    # TIME then its day: "5 p.m. EST Nov. 9", "10 p.m. Wednesday", "noon Thursday"
    ("time_day",
     rf"(?P<t>{TIME_OF_DAY}),?\s+(?:on\s+)?(?P<dayref>{DAYREF})",
     _h_time, 8),
    # day then TIME: "Thursday at 3 p.m.", "yesterday at noon"
    ("day_time",
     rf"(?P<dayref>{DAYREF}),?\s+(?:at\s+|around\s+|about\s+)?(?P<t>{TIME_OF_DAY})",
     _h_time, 8),
    ("time",
     rf"(?<![\d.:,])(?P<t>{TIME_OF_DAY})(?![\d:])",
     _h_time, 5),
    # quarters: the third quarter (of 1990), third-quarter, fiscal second-quarter, Q3 2025
    ("quarter",
     rf"(?:(?P<rel>last\s+year's|next\s+year's|this\s+year's|the\s+year-(?:ago|earlier)|year-(?:ago|earlier)"
     rf"|(?:the|its|a|their|his|her|our)(?:\s+(?:flat|weak|strong|disappointing|comparable|same|latest))?)\s+)?"
     rf"(?:(?P<year>{YEAR4})\s+)?(?:fiscal[\s-]+(?:year\s+)?)?"
     rf"(?P<qord>first|second|third|fourth|1st|2nd|3rd|4th|final)[\s-]+(?:fiscal[\s-]+)?quarter(?![a-z])"
     rf"(?:\s+of\s+(?:fiscal\s+(?:year\s+)?)?(?P<year2>{YEAR4}))?",
     _h_quarter, 7),
    ("quarter_q",
     rf"(?<![\w-])(?:Q(?P<qnum>[1-4])[\s-]?(?:FY\s?)?(?P<year>{YEAR4}|'\d\d)|(?P<year2>{YEAR4})[\s-]?Q(?P<qnum2>[1-4]))(?![\w])",
     lambda m, c: _h_quarter_q(m, c), 7),
    # "the first two quarters of 1990": a half-year
    ("two_quarters",
     rf"(?:the\s+)?(?P<which>first|last|second)\s+two\s+quarters\s+of\s+(?:fiscal\s+)?(?P<year>{YEAR4})(?![0-9])",
     lambda m, c: _half(int(m.group("year")), 1 if m.group("which").lower() == "first" else 2, "absolute"), 8),
    ("half",
     rf"(?:(?P<rel>last\s+year's|next\s+year's|this\s+year's|the|its)\s+)?(?:(?P<year>{YEAR4})\s+)?"
     rf"(?P<hord>first|second|last|latter)\s+half(?:\s+of\s+(?:the\s+year\s+|(?:fiscal\s+)?(?P<year2>{YEAR4})))?",
     lambda m, c: _h_half_guard(m, c), 6),
    ("the_quarter",
     r"(?:the|this|that)\s+(?:(?P<qrel>latest|current|last|previous|past|next|coming|prior|preceding|most\s+recent|recent|same|fiscal)\s+)?quarter(?![a-z-])"
     r"|(?P<qrel2>this|last|next)\s+quarter(?![a-z-])",
     lambda m, c: _h_the_quarter_guard(m, c), 4),
    # decades: 1990s, the 1990s, the '80s, the eighties, the mid-1990s
    ("decade",
     rf"(?:the\s+)?(?P<pos>{POS})?(?P<dec>(?:1[0-9]|20)[0-9]0['’]?s|['’][0-9]0['’]?s|twenties|thirties|forties"
     rf"|fifties|sixties|seventies|eighties|nineties)(?![a-z])",
     lambda m, c: _h_decade_guard(m, c), 7),
    ("century",
     rf"(?:the\s+)?(?P<pos>{POS})?(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth"
     rf"|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth"
     rf"|seventeenth|eighteenth|nineteenth|twentieth|twenty-first)[\s-]+century(?![a-z])",
     _h_century, 7),
    # years: 2014, fiscal 2025, the year 2014, mid-1996, early 2026, the end of 1990
    ("year",
     rf"(?P<pos>{POS})?(?:(?:fiscal|calendar|the\s+year|FY)\s*)?(?P<year>{YEAR})",
     _h_year, 6),
    ("range",
     rf"(?:between\s+|from\s+)?(?P<y1>{YEAR4})\s*(?:[-–—]|\s+(?:and|to|through|until|till)\s+)\s*(?P<y2>{YEAR4}|\d\d)(?![\d%])",
     lambda m, c: _h_range_guard(m, c), 8),
    # seasons
    ("season",
     rf"(?:(?P<rel>last|next|this|past|coming|previous|this\s+past|this\s+coming)\s+|(?P<det>the)\s+)?"
     rf"(?P<pos>{POS})?(?P<season>spring|summer|fall|autumn|winter)(?![a-z])(?:\s+(?:of\s+)?(?P<year>{YEAR4}))?",
     _h_season, 6),
    # month names alone (in May, last March, early November)
    ("month",
     rf"(?:(?P<rel>last|next|this|past|coming|previous)\s+)?(?P<pos>{POS})?(?P<mon>{MONTH_ALONE})",
     _h_month, 5),
    # this/last/next week|month|year...; earlier this year; late last week; the past year
    ("relunit",
     r"(?P<pos>(?:earlier|later|early|late|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|the\s+first\s+half\s+of|the\s+second\s+half\s+of)[\s-]+(?:in\s+)?)?"
     r"(?P<rel>this\s+past|this\s+coming|the\s+(?:past|last|previous|next|coming|current|following|preceding|present|same)"
     r"|this|last|next|past|previous|coming|current|following|preceding|that)\s+"
     r"(?P<unit>week|month|year|quarter|decade|century|weekend|fortnight|night)(?![a-z-])",
     lambda m, c: _h_relunit_guard(m, c), 6),
    # durations: seven years, 15 years, two-year, the past two months, 2 1/2 hours
    ("duration",
     rf"(?:(?P<ext>the\s+(?:past|last|next|coming|first|previous|following|final|remaining|initial|latest|same|entire|whole|full)|the"
     rf"|(?:past|last|next|coming|first|previous|following))\s+)?"
     rf"(?<![\d.,$£€-])(?P<num>{NUM})(?P<frac>{FRACTION})?(?![\d%])(?P<sep>[\s-]+|-)(?:(?:more|additional|full|straight|consecutive"
     rf"|trading|business|working|long|successive|calendar)\s+)?"
     rf"(?P<unit>{UNIT})(?![a-z])(?P<frac2>\s+and\s+a\s+half)?(?:\s+or\s+so)?",
     _h_duration, 5),
    # N units ago / earlier / later / from now
    ("ago",
     rf"(?<![\d.,$£€-])(?P<num>{NUM})(?P<frac>{FRACTION})?[\s-]+(?P<unit>{UNIT})(?![a-z])(?P<frac2>\s+and\s+a\s+half)?\s+"
     r"(?:or\s+so\s+)?(?P<dir>ago|earlier|later|before|after|from\s+now|hence|back)(?![a-z])",
     lambda m, c: _h_ago_guard(m, c), 7),
    ("bare_units",
     r"(?P<ext>recent|the\s+coming|coming|the\s+next\s+(?:few|several)|the\s+past\s+(?:few|several)"
     r"|the\s+last\s+(?:few|several)|the(?=\s+(?:weeks|months|days|years)\s+ahead\b))?\s*(?<![\w-])(?P<unit>years|months|weeks|days|decades|hours|minutes|centuries)(?![\w-])"
     r"(?:\s+ahead)?",
     lambda m, c: _h_bare_units_guard(m, c), 3),
    # today, yesterday morning, late yesterday, tonight, overnight
    ("today",
     rf"(?:(?P<pre>early|late|earlier|later)\s+)?(?<![\w-])(?P<w>today|tonight|tomorrow|yesterday|overnight)(?![\w-])(?:\s+{_PART})?",
     _h_today, 6),
    ("part_of_day",
     rf"(?P<rel>later\s+this|earlier\s+this|early\s+this|late\s+this|this|last|tomorrow|yesterday"
     rf"|the\s+(?:next|following|previous|preceding|same)|the)\s+{_PART}(?![a-z])",
     lambda m, c: _h_part_of_day_guard(m, c), 5),
    # Friday last week, last Thursday, Thursday morning, Friday next week
    ("weekday",
     rf"(?:(?P<rel>the\s+(?:previous|following|next|preceding)|last|next|this|past|coming|previous)\s+|(?:early|late|earlier|later)\s+)?{_WD_GROUP}"
     rf"(?:\s+{_PART}(?P<plural>s(?![a-z]))?)?(?:\s+(?P<wrel>last\s+week|next\s+week|this\s+week|previous\s+week))?",
     _h_weekday, 6),
    ("weekday_set",
     r"(?<![\w-])(?:on\s+)?(?P<wd>(?-i:Mondays|Tuesdays|Wednesdays|Thursdays|Fridays|Saturdays|Sundays))(?![a-z])",
     _h_weekday_set, 5),
    # sets: every year, each Thursday, daily, annually, twice a year
    ("set",
     rf"(?P<every>every(?:\s+other)?|each|per)\s+(?:(?P<snum>{NUM})\s+)?(?P<sunit>years?|months?|weeks?|days?|hours?|minutes?|decades?"
     rf"|quarters?|mornings?|nights?|evenings?|afternoons?|spring|summer|fall|autumn|winter|(?-i:{_cased(_WEEKDAY_NAMES)})"
     rf"|(?-i:{_cased(_MONTH_NAMES)}))(?![a-z])"
     r"|(?<![\w-])(?:daily|weekly|monthly|annually|yearly|hourly|nightly|biweekly|bimonthly|biannually|semiannually)(?![\w-])",
     _h_set, 6),
    # vague references
    ("ref",
     r"(?<![\w-])(?:right\s+now|just\s+now|now|nowadays|currently|presently|at\s+present|at\s+the\s+moment"
     r"|current(?=\s+[a-z])|these\s+days|the\s+present(?:\s+day)?|present[\s-]day|recently|lately|more\s+recently|until\s+recently"
     r"|(?:the\s+)?(?:recent|distant|not\s+so\s+distant|not\s+too\s+distant)\s+past|the\s+past|(?:the\s+)?(?:near|distant|foreseeable|immediate)\s+future|the\s+future"
     r"|soon|shortly|the\s+short\s+term|the\s+near\s+term|the\s+long\s+term|the\s+medium\s+term|a\s+later\s+date)(?![\w-])",
     lambda m, c: _h_ref_guard(m, c), 4),
    ("year_adj",
     r"(?:the\s+)?(?:comparable\s+)?(?<![\w-])year[\s-](?:ago|earlier)(?:\s+(?:third|second|first|fourth)?\s*(?:quarter|period|nine\s+months|six\s+months))?(?![\w-])"
     r"|(?<![\w-])year[\s-]end(?![\w-])|(?<![\w-])year['’]s\s+end",
     _h_year_adj, 5),
    ("anchored_day",
     rf"(?:the\s+(?:day|night)\s+(?:before|after)(?:\s+(?P<tgt>(?:last\s+|next\s+)?{WEEKDAY}|yesterday|tomorrow"
     rf"|{MONTH}\s+{DAY}(?:,?\s+{YEAR4}(?![0-9]))?))?|the\s+(?:previous|next|following|preceding|same)\s+day|that\s+(?:same\s+)?day"
     r"|a\s+day\s+(?:earlier|later)|the\s+eve(?=\s+of\b))(?![\w-])",
     _h_anchored_day, 6),
    # "the week of March 6": the (ISO) week that holds the day
    ("week_of",
     rf"(?:the\s+)?week\s+of\s+(?P<dayref>{MONTH}\s+{DAY}(?:,?\s+{YEAR4}(?![0-9]))?)",
     lambda m, c: _h_week_of(m, c), 8),
    ("the_year",
     r"(?:(?P<inpos>earlier|later)\s+in\s+|(?P<pos>(?:the\s+)?(?:end|beginning|start|middle|close|rest)\s+of\s+))?"
     r"(?<![\w-])the\s+(?:full\s+|whole\s+|entire\s+)?(?P<unit>year|month|week|day)(?![\w-])",
     lambda m, c: _h_the_year(m, c), 4),
    ("latest_period",
     r"(?<![\w-])the\s+(?:latest|most\s+recent|current|comparable|same)\s+(?:three-month\s+|reporting\s+)?period(?![\w-])",
     lambda m, c: _h_latest_period(m, c), 4),
    ("weekend",
     r"(?<![\w-])the\s+weekend(?![\w-])",
     lambda m, c: _h_weekend(m, c), 5),
    ("fiscal_year",
     rf"(?:the\s+)?(?P<rel>current|latest|previous|last|next|coming|new|full|past|this)?\s*(?:fiscal|financial)\s+year(?![\w-])(?:\s+(?P<year>{YEAR4}))?",
     lambda m, c: _h_fiscal_year(m, c), 6),
    ("spelled_year",
     r"(?:(?P<mon>(?-i:January|February|March|April|May|June|July|August|September|October|November|December))\s+)?"
     r"(?:the\s+year\s+)?(?P<sy>nineteen[\s-](?:hundred(?:\s+and)?[\s-])?(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
     r"|two\s+thousand(?:\s+(?:and\s+)?(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?))?)(?![\w-])",
     lambda m, c: _h_spelled_year(m, c), 5),
    # "day-long", "decades-long", "a year-long": a duration used as an adjective
    ("long_dur",
     rf"(?:(?P<num>{NUM})[\s-]+)?(?P<unit>days?|weeks?|months?|years?|decades?|hours?|minutes?|centur(?:y|ies))-long(?![\w-])",
     lambda m, c: _h_long_dur(m, c), 6),
    # "mid-afternoon", "by mid morning", "mid-afternoon yesterday"
    ("mid_part",
     r"(?<![\w-])mid[\s-]?(?P<part>morning|afternoon|evening)(?:\s+(?P<w>yesterday|today|tomorrow))?(?![\w-])",
     lambda m, c: _h_mid_part(m, c), 6),
    # the second day of "April 24 and 25", "March 30-31"
    ("day_coord",
     rf"(?<![\d.,$])(?P<day>{DAY})(?:,?\s+(?P<year>{YEAR4})(?![0-9]))?",
     lambda m, c: _h_day_coord(m, c), 4),
    # "the 1988 quarter", "the 1989 period": that year's quarter in an earnings report
    ("year_period",
     rf"(?:the\s+)?(?P<year>{YEAR4})\s+(?:quarter|period)(?![\w-])",
     lambda m, c: _h_year_period(m, c), 7),
    # "the quarter a year ago", "the corresponding period last year", "last year's quarter"
    ("quarter_ago",
     r"the\s+(?:(?:corresponding|comparable|same|year-ago|year-earlier)\s+)?(?:quarter|period)\s+(?:last\s+year|a\s+year\s+(?:ago|earlier))(?![\w-])"
     r"|last\s+year['’]s\s+(?:quarter|period)(?![\w-])",
     lambda m, c: _h_quarter_ago(m, c), 7),
    # "the year before", "the month after": from the expression before it (a signal if an
    # event follows: "the year before the famine" is left to the event)
    ("unit_before",
     r"(?<![\w-])the\s+(?P<unit>year|month|week)\s+(?P<dir>before|after)(?=\s*(?:[,.;:!?)]|$))",
     lambda m, c: _h_unit_before(m, c), 6),
    ("that_year",
     r"(?<![\w-])(?:that|the\s+same)\s+year(?![\w-])",
     _h_that_year, 6),
    ("holiday",
     rf"(?P<hol>(?-i:Christmas(?:\s+Eve|\s+Day)?|New\s+Year['’]s(?:\s+Day|\s+Eve)|Thanksgiving(?:\s+Day)?|Halloween"
     rf"|Valentine['’]s\s+Day|Independence\s+Day|Election\s+Day|Easter(?:\s+(?:Sunday|week|Week))?|Holy\s+Week"
     rf"|Good\s+Friday))(?:,?\s+(?P<year>{YEAR4}))?(?![\w-])",
     _h_holiday, 6),
]


_DAY_COORD_BEFORE = re.compile(rf"(?P<mon>{MONTH})\s+(?P<d1>{DAY})\s*(?:,?\s+(?:and|or|to|through)\s+|[-–&]\s*)$", _FLAGS)
_DAY_COORD_AFTER = re.compile(
    r"\s*$|\s*[,.;:)\"'”’]|\s+(?:in|at|on|to|when|and|or|for|with|the|of|respectively|is|was|were|will|would"
    r"|that|this|next|last|before|after|during|under|by|from|meeting|summit|talks|visit)\b", re.IGNORECASE)


def _h_mid_part(m: re.Match[str], ctx: _Ctx) -> _Val | None:
    """The middle of a part of the day: of the named day, of the day just mentioned, or the DCT."""
    code = _PARTS_OF_DAY[m.group("part").lower()]
    w = (m.group("w") or "").lower()
    if ctx.dct is None and not w:
        lv = ctx.prev[-1] if ctx.prev else None
        if lv is None or lv.granularity != "day" or lv.ref is None or lv.anchor == "unresolved":
            return _unresolved("XXXX-XX-XXT" + code, "TIME", "day")
    if w:
        if ctx.dct is None:
            return _unresolved("XXXX-XX-XXT" + code, "TIME", "day")
        v = _day(ctx.dct + timedelta(days={"today": 0, "tomorrow": 1, "yesterday": -1}[w]), "publication")
    else:
        lv = ctx.prev[-1] if ctx.prev else None
        if lv is not None and lv.granularity == "day" and lv.ref is not None and lv.anchor != "unresolved":
            v = _day(lv.ref, "expression")
        else:
            assert ctx.dct is not None
            v = _day(ctx.dct, "publication")
    v.type, v.value, v.mod = "TIME", v.value + "T" + code, "MID"
    return v


def _h_long_dur(m: re.Match[str], ctx: _Ctx) -> _Val | None:
    unit_s = m.group("unit")
    unit = _unit(unit_s)
    nums = m.group("num")
    # "day-long" is one day; "decades-long" an unstated number of them
    n = _num(nums) if nums else (None if unit_s.lower().endswith("s") else 1)
    return _Val("DURATION", _duration_value(n, unit))


def _h_day_coord(m: re.Match[str], ctx: _Ctx) -> _Val | None:
    """The bare day after "Month D and": the same month (and year) as the day before it."""
    s0 = m.start()
    bm = _DAY_COORD_BEFORE.search(ctx.text, max(0, s0 - 30), s0)
    if bm is None or not _DAY_COORD_AFTER.match(ctx.text, m.end()):
        return None
    mo = _month_num(bm.group("mon"))
    d1 = int(re.match(r"\d+", bm.group("d1")).group(0))  # type: ignore[union-attr]
    dd = int(re.match(r"\d+", m.group("day")).group(0))  # type: ignore[union-attr]
    if not d1 < dd <= 31:
        return None
    ys = m.group("year")
    if ys:
        d = _mk_date(int(ys), mo, dd)
        return _day(d, "absolute") if d else None
    lv = ctx.prev[-1] if ctx.prev else None
    if lv is not None and lv.granularity == "day" and lv.ref is not None and lv.ref.month == mo \
            and lv.ref.day == d1 and lv.anchor != "unresolved":
        d = _mk_date(lv.ref.year, mo, dd)
        return _day(d, lv.anchor) if d else None
    if dd > _last_day(2000, mo):
        return None
    return _unresolved(f"XXXX-{mo:02d}-{dd:02d}", granularity="day")


def _h_year_period(m: re.Match[str], ctx: _Ctx) -> _Val | None:
    """ "the 1988 quarter": the quarter under discussion, in that year (else not this pattern)."""
    if ctx.last_quarter is None:
        return None
    y = int(m.group("year"))
    if abs(y - ctx.last_quarter[0]) > 2:
        return None
    return _no_context(_quarter(y, ctx.last_quarter[1], "expression"))


def _h_quarter_ago(m: re.Match[str], ctx: _Ctx) -> _Val | None:
    """ "the quarter a year ago": the quarter under discussion, a year before."""
    if ctx.last_quarter is not None:
        y, q = ctx.last_quarter
        return _no_context(_quarter(y - 1, q, "expression"))
    if ctx.dct is None:
        return _unresolved("XXXX-QX", granularity="quarter") if "quarter" in m.group(0).lower() else None
    return None


def _h_the_year(m: re.Match[str], ctx: _Ctx) -> _Val | None:
    """ "the year ended June 30" (a 12-month period); "for the year," / "the end of the year"
    (the DCT's year or month)."""
    after = ctx.text[m.end():m.end() + 12]
    before = ctx.text[max(0, m.start() - 8):m.start()]
    unit = m.group("unit").lower()
    pos = m.group("pos")
    if m.group("inpos"):
        # "earlier in the year", "later in the day": the DCT's period, as "earlier this year"
        if ctx.dct is None:
            return _unresolved({"year": "XXXX", "month": "XXXX-XX", "week": "XXXX-WXX"}.get(unit, "XXXX-XX-XX"),
                               granularity=unit)
        d = ctx.dct
        return {"year": _year(d.year, "publication"), "month": _month(d.year, d.month, "publication"),
                "week": _week(d, "publication")}.get(unit) or _day(d, "publication")
    if unit in ("week", "day"):
        return None
    if unit == "year" and not pos and re.match(r"\s+(?:ended|ending|to)\b", after, re.I):
        return _Val("DURATION", "P1Y")
    if not pos and not (re.search(r"\b(?:for|of)\s+$", before, re.I) and re.match(r"\s*[,.;:]|\s+(?:was|were|is|rose|fell)\b", after)):
        return None
    if ctx.dct is None:
        return _unresolved("XXXX" if unit == "year" else "XXXX-XX", granularity=unit)
    v = _year(ctx.dct.year, "publication") if unit == "year" else _month(ctx.dct.year, ctx.dct.month, "publication")
    return _apply_position(v, pos) if pos and "rest" not in pos.lower() else v


def _h_latest_period(m: re.Match[str], ctx: _Ctx) -> _Val | None:
    """ "the latest period" in an earnings report: the quarter being reported."""
    if ctx.last_quarter is not None:
        y, q = ctx.last_quarter
        return _quarter(y, q, "expression")
    return None


def _h_weekend(m: re.Match[str], ctx: _Ctx) -> _Val | None:
    """ "the weekend": the one before the DCT in a past-tense sentence, else the coming one."""
    dct = ctx.dct
    if dct is None:
        return _unresolved("XXXX-WXX-WE", granularity="day")
    if ctx.tense(m.start(), m.end()) == "future" or dct.weekday() < 5 and ctx.tense(m.start(), m.end()) != "past":
        return _weekend(dct, "publication")
    d = dct if dct.weekday() >= 5 else dct - timedelta(days=7)
    return _weekend(d, "publication")


def _h_fiscal_year(m: re.Match[str], ctx: _Ctx) -> _Val | None:
    ys = _g(m, "year")
    if not ys and re.match(r"\s+(?:ended|ending)\b", ctx.text[m.end():m.end() + 10], re.IGNORECASE):
        return _Val("DURATION", "P1Y")  # "the fiscal year ended Jan. 31": a 12-month period
    if ys:
        return _year(int(ys), "absolute")
    rel = (_g(m, "rel") or "").lower()
    if not rel and not m.group(0).lower().startswith("the"):
        return None
    if ctx.dct is None:
        return _unresolved("XXXX", granularity="year")
    step = {"previous": -1, "last": -1, "past": -1, "next": 1, "coming": 1, "new": 1}.get(rel, 0)
    return _year(ctx.dct.year + step, "publication")


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


def _h_spelled_year(m: re.Match[str], ctx: _Ctx) -> _Val | None:
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
        return _month(y, _month_num(m.group("mon")), "absolute")
    if not m.group(0).lower().startswith("the year") and s.startswith("two thousand") and not rest.strip():
        before = ctx.text[max(0, m.start() - 12):m.start()]
        if not re.search(r"\b(?:in|since|until|by|of|year)\s+$", before, re.I):
            return None  # "two thousand people"
    after = ctx.text[m.end():m.end() + 12]
    if re.match(r"\s+(?:people|dollars|troops|men|women|years|of)\b", after, re.I):
        return None
    return _year(y, "absolute")


def _h_quarter_q(m: re.Match[str], ctx: _Ctx) -> _Val | None:
    q = int(m.group("qnum") or m.group("qnum2"))
    ys = m.group("year") or m.group("year2")
    y = _two_digit_year(int(ys[1:])) if ys.startswith("'") else int(ys)
    return _quarter(y, q, "absolute")


def _h_half_guard(m: re.Match[str], ctx: _Ctx) -> _Val | None:
    rel = (_g(m, "rel") or "")
    if not rel and not _g(m, "year") and not _g(m, "year2"):
        return None
    rest = ctx.text[m.end():m.end() + 20]
    if not (_g(m, "year") or _g(m, "year2")) and not re.match(r"\s*(?:of\s+the\s+year|[,.;)]|\s+(?:was|were|of\s+(?:this|last|next)|results|profits?|sales|earnings))", rest + " ", re.I):
        if re.match(r"\s+of\s+", rest):
            return None
    v = _h_half(m, ctx)
    return v


def _h_the_quarter_guard(m: re.Match[str], ctx: _Ctx) -> _Val | None:
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


def _h_decade_guard(m: re.Match[str], ctx: _Ctx) -> _Val | None:
    s = m.group("dec")
    if s.lower() in _DECADE_WORDS and not m.group(0).lower().startswith("the"):
        return None
    if s.lower() in _DECADE_WORDS:
        # "in his fifties" is an age
        before = ctx.text[max(0, m.start() - 12):m.start()]
        if re.search(r"\b(?:his|her|their|my|your|our|its)\s+$", before, re.I):
            return None
    return _h_decade(m, ctx)


def _h_range_guard(m: re.Match[str], ctx: _Ctx) -> _Val | None:
    s = m.group(0)
    if re.search(r"\s(?:and)\s", s) and not s.lower().startswith("between"):
        return None
    if re.search(r"\s(?:to|through|until|till)\s", s) and not s.lower().startswith(("from", "between")):
        return None
    return _h_range(m, ctx)


_THAT_MONTH_BEFORE = re.compile(r"(?:^|[.!?;:,—–(\n]\s*|\b(?:in|during|of|by|until|throughout|from|for|within)\s+)$", re.I)


def _h_relunit_guard(m: re.Match[str], ctx: _Ctx) -> _Val | None:
    rel = re.sub(r"\s+", " ", m.group("rel").lower())
    unit = _unit(m.group("unit"))
    after = ctx.text[m.end():m.end() + 20]
    if rel == "that" and unit != "week" and not (unit == "month" and (m.group("pos") or _THAT_MONTH_BEFORE.search(ctx.text, 0, m.start()))):
        return None  # "said that month…": a complementizer; "That month," / "in that month" / "later that month" refer back
    if unit == "night" and rel not in ("last", "the previous", "the following", "the next", "the same"):
        return None
    if unit == "night" and rel == "last":
        if ctx.dct is None:
            return _unresolved("XXXX-XX-XXTNI", "TIME", "day")
        d = ctx.dct - timedelta(days=1)
        v = _day(d, "publication")
        v.type, v.value = "TIME", d.isoformat() + "TNI"
        return v
    # "last year's" keeps its year; "next year's first quarter" is caught by _h_quarter first
    pos = m.group("pos")
    if rel == "previous" and unit == "year" and re.search(r"\bany\s+$", ctx.text[max(0, m.start() - 5):m.start()], re.I):
        return None  # "more than in any previous year": every earlier year, not one of them
    if (rel in ("the past", "the last") and unit in ("year", "month", "week") and not pos
            and re.search(r"\b(?:over|in|during|for|within|throughout)\s+$", ctx.text[max(0, m.start() - 12):m.start()], re.I)
            and not re.match(r"['’]s\b", after)):
        # "over the past year": the twelve months up to the report, like "the past decade"
        return _anchored_duration(1, unit, -1, ctx)
    v = _h_relunit(m, ctx)
    hm = re.match(r"the\s+(first|second)\s+half\s+of", pos or "", re.IGNORECASE)
    if hm and unit == "year" and v is not None:
        # "the first half of this year": a half-year, not the whole year
        if v.ref is None or v.earliest is None:
            return _unresolved(f"XXXX-H{1 if hm.group(1).lower() == 'first' else 2}", granularity="half")
        return _half(v.ref.year, 1 if hm.group(1).lower() == "first" else 2, v.anchor)
    if v is not None and pos and v.earliest is not None and pos.lower().startswith(("earlier", "later")):
        # "earlier this year": the part of the period before (after) the DCT
        dct = ctx.dct
        if dct is not None and v.earliest <= dct <= v.latest:  # type: ignore[operator]
            if pos.lower().startswith("earlier"):
                v = replace(v, latest=dct, mod="BEFORE" if False else v.mod)
            else:
                v = replace(v, earliest=dct)
    return v


def _h_ago_guard(m: re.Match[str], ctx: _Ctx) -> _Val | None:
    d = m.group("dir").lower()
    after = ctx.text[m.end():m.end() + 20]
    if d in ("before", "after") and re.match(r"\s*[\w$\"“‘'(]", after):
        # "two days before the vote", "a month after Qantas suspended flights", "30 days before
        # closing": anchored to an event, so TimeML tags the duration and "before" is a signal
        return None
    if d == "back" and not re.match(r"\s*[,.;:)]|\s*$|\s+(?:in|on|when|and)\b", after):
        return None
    return _h_ago(m, ctx)


def _h_bare_units_guard(m: re.Match[str], ctx: _Ctx) -> _Val | None:
    ext = m.group("ext")
    before = ctx.text[max(0, m.start() - 12):m.start()]
    after = ctx.text[m.end():m.end() + 12]
    if not ext:
        the_years = m.group("unit").lower() in ("years", "decades", "months") and re.search(
            r"\b(?:over|in|during|throughout)\s+the\s+(?:(?:early|later|first|intervening|following)\s+)?$",
            ctx.text[max(0, m.start() - 30):m.start()], re.I)
        if not re.search(r"\b(?:for|over|in|within|after|from)\s+$", before, re.I) and not the_years:
            return None
        if re.match(r"\s+(?:of|old|later|earlier|ago|before|after|to\s+come)\b", after, re.I):
            return None
    return _h_bare_units(m, ctx)


def _h_part_of_day_guard(m: re.Match[str], ctx: _Ctx) -> _Val | None:
    rel = m.group("rel").lower()
    if rel == "the":
        after = ctx.text[m.end():m.end() + 10]
        if re.match(r"\s+(?:of|before|after)\b", after):
            return None
    return _h_part_of_day(m, ctx)


_REF_DROP_FOLLOW = re.compile(r"\s*(?:-|–)?\s*(?:that|than)\b", re.I)


_PAST_AFTER = re.compile(
    r"\s+(?:became|began|was|were|had|came|went|found|fell|rose|turned|made|saw|left|got|grew"
    r"|(?!need|feed|speed|seed|proceed|exceed|succeed)[a-z]{3,}ed)\b", re.IGNORECASE)


def _h_ref_guard(m: re.Match[str], ctx: _Ctx) -> _Val | None:
    w = m.group(0).lower()
    after = ctx.text[m.end():m.end() + 12]
    before = ctx.text[max(0, m.start() - 16):m.start()]
    if w == "soon" and re.match(r"\s+(?:as|after|before)\b", after):
        return None  # "as soon as", "soon after the vote"
    if w in ("the past", "the future") and re.match(r"\s+(?:few|two|three|four|five|six|seven|eight|nine|ten|several|\d)", after):
        return None
    if w == "the future" and re.match(r"\s+of\b", after):
        return None  # "the future of the peninsula"
    if w in ("shortly",) and re.match(r"\s+(?:before|after)\b", after):
        return None
    if w in ("soon", "shortly") and (re.search(r"\b(?:was|were|had)\s+$", before, re.I)
                                    or _PAST_AFTER.match(after)):
        return None  # "he was soon released", "a trickle that soon became a flood": not the future
    if w == "recently" and re.search(r"\bmost\s+$", before, re.I):
        return None  # "most recently last October": the date that follows says when
    if w == "now" and re.search(r"\b(?:from|until|till|by|since|up\s+to)\s+$", before, re.I):
        return _Val("DATE", "PRESENT_REF")
    if w == "the long term" or w == "the medium term":
        return _Val("DATE", "FUTURE_REF")
    return _h_ref(m, ctx)


class _Grammar(dict):  # type: ignore[type-arg]
    """The grammar's patterns by name, each compiled when a text first needs it (a short text
    tries few of them; compiling them all costs more than reading it)."""

    def __init__(self, patterns: list[tuple[str, str, Handler, int]]) -> None:
        super().__init__()
        self._source = {name: (rx, h, prio) for name, rx, h, prio in patterns}

    def __missing__(self, name: str) -> tuple[re.Pattern[str], Handler, int]:
        rx, handler, prio = self._source[name]
        compiled = self[name] = (re.compile(rx, _FLAGS), handler, prio)
        return compiled


_COMPILED: dict[str, tuple[re.Pattern[str], Handler, int]] = _Grammar(_PATTERNS)


def prepare() -> None:
    """Compile every pattern of the grammar now (a process about to read many texts)."""
    for name, _rx, _h, _prio in _PATTERNS:
        _COMPILED[name]  # noqa: B018 - compiled on first access

# ----------------------------------------------------------------------------------------
# Triggers: the grammar is only tried where a head word occurs (a month, a unit, a digit…),
# starting at that word and at the modifier words just before it. One tokenising pass and
# a few anchored ``match`` calls per head word keep the scan fast.
# ----------------------------------------------------------------------------------------

_TOKEN_RE = re.compile(r"\d+(?:st|nd|rd|th)?|[A-Za-z]+")

_UNIT_PATS = ("relunit", "duration", "ago", "bare_units", "year_adj", "that_year",
              "anchored_day", "set", "the_quarter", "quarter", "long_dur")
_TRIG: dict[str, tuple[str, ...]] = {}


def _trig(words: str, pats: tuple[str, ...]) -> None:
    for w in words.split():
        _TRIG[w] = tuple(dict.fromkeys(_TRIG.get(w, ()) + pats))


_trig("year years yr yrs month months week weeks fortnight fortnights day days decade decades "
      "hour hours hr hrs minute minutes min mins second seconds century centuries quarter quarters "
      "weekend weekends night nights", _UNIT_PATS)
_trig("century", ("century",))
_trig("quarter", ("quarter", "the_quarter"))
_trig("half", ("half",))
_trig("today tonight tomorrow yesterday overnight", ("today", "day_time", "part_of_day"))
_trig("morning afternoon evening night", ("part_of_day", "set"))
_trig("mid midmorning midafternoon", ("mid_part",))
_trig("noon midday midnight", ("time", "time_day"))
_trig("current now nowadays currently presently present moment days recently lately previously "
      "formerly past future soon shortly term date", ("ref",))
_trig("every each per", ("set",))
_trig("daily weekly monthly annually yearly hourly quarterly nightly biweekly bimonthly "
      "biannually semiannually", ("set",))
_trig("spring summer fall autumn winter", ("season",))
_trig("twenties thirties forties fifties sixties seventies eighties nineties", ("decade",))
_trig("christmas new thanksgiving halloween valentine independence election easter holy good", ("holiday",))
_trig("eve", ("anchored_day",))
_trig("week", ("week_of",))
_trig("year month week", ("unit_before",))
_trig("weekend", ("weekend",))
_trig("year month week day", ("the_year",))
_trig("period", ("latest_period", "quarter_ago"))
_trig("quarter", ("quarter_ago",))
_trig("quarters", ("two_quarters",))
_trig("year", ("fiscal_year",))
_trig("nineteen two", ("spelled_year",))
_trig("q", ("quarter_q",))
_trig("mondays tuesdays wednesdays thursdays fridays saturdays sundays", ("weekday_set",))
_MONTH_PATS = ("month_day", "month_year", "month", "day_time", "set", "spelled_year")
_WEEKDAY_PATS = ("weekday", "month_day", "day_month", "day_time", "set")
_CASED_TRIG: dict[str, tuple[str, ...]] = {}
for _n in _MONTH_NAMES + [a.capitalize() for a in _MONTH_ABBR]:
    _CASED_TRIG[_n] = _MONTH_PATS
    _CASED_TRIG[_n.upper()] = _MONTH_PATS
for _n in _WEEKDAY_NAMES + ["Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun"]:
    _CASED_TRIG[_n] = _WEEKDAY_PATS
    _CASED_TRIG[_n.upper()] = _WEEKDAY_PATS

# words a pattern may start with before its head word: the scan walks back over them
_WALK = set(
    """the a an this that these last next past previous coming current following preceding
    present same early late mid middle end beginning start close turn of very earlier later
    about around approximately roughly nearly almost some more than over less under at least
    most up to no fewer just only barely well better part fiscal calendar year fy between from
    every each per other its their his her our flat weak strong disappointing comparable latest
    recent first second third fourth final half latter right distant near foreseeable immediate
    not so too on until till through shortly in full whole entire remaining initial additional
    corresponding
    straight consecutive trading business working long successive s one two three four five six
    seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen
    nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred dozen couple pair few
    several many numerous single and ago back week month weekend today yesterday tomorrow
    tonight noon midnight midday est edt cst cdt pst pdt gmt utc a.m p.m am pm m""".split()
)
_SEP_OK = re.compile(r"[\s,.'’-]{1,3}$")
_LAST_WORD = re.compile(r"(?:\d+(?:st|nd|rd|th)?|[A-Za-z]+)$")  # the word before a separator


def _digit_pats(tok: str, text: str, s: int, e: int) -> tuple[str, ...]:
    if not tok.isdigit():
        return ("century", "duration", "ago", "day_month", "month_day")
    n = len(tok)
    nxt = text[e:e + 1]
    if n == 4:
        pats: tuple[str, ...] = ("year", "range", "numeric", "quarter_q", "quarter", "half", "decade",
                                 "duration", "ago", "month_year", "year_period")
        return pats
    if n <= 2:
        pats = ("day_month", "time", "time_day", "numeric", "duration", "ago", "quarter_q", "day_coord")
        if nxt in ("s", "'", "’"):
            pats += ("decade",)
        return pats
    return ("duration", "ago", "numeric")


def _candidates(text: str) -> list[tuple[int, int, int, str, re.Match[str], Handler]]:
    """Every match of a relevant pattern at or just before a head word."""
    tried: set[tuple[str, int]] = set()
    out: list[tuple[int, int, int, str, re.Match[str], Handler]] = []
    trig_get = _TRIG.get
    cased_get = _CASED_TRIG.get
    for tm in _TOKEN_RE.finditer(text):
        tok = tm.group()
        c0 = tok[0]
        if c0.isdigit():
            pats = _digit_pats(tok, text, tm.start(), tm.end())
        else:
            pats = cased_get(tok) or trig_get(tok.lower())  # type: ignore[assignment]
            if not pats:
                continue
        s0 = tm.start()
        starts = [s0]
        digit_head = c0.isdigit()
        if s0 > 0 and text[s0 - 1] in "'’":
            starts.append(s0 - 1)
        # walk back over modifier words ("the past two", "early", "about")
        pos = s0
        for _ in range(6):
            seg = text[max(0, pos - 40):pos]
            sm = _SEP_OK.search(seg)
            if not sm:
                break
            wm = _LAST_WORD.search(seg, 0, sm.start())
            if not wm:
                break
            w = wm.group().lower()
            if not (w in _WALK or (w[0].isdigit() and not digit_head)):
                break
            pos = pos - (len(seg) - sm.start()) - len(wm.group())
            starts.append(pos)
        for name in pats:
            rx, handler, prio = _COMPILED[name]
            for st in starts:
                key = (name, st)
                if key in tried:
                    continue
                tried.add(key)
                mm = rx.match(text, st)
                if mm is None:
                    continue
                s, e = mm.span()
                while s < e and text[s].isspace():
                    s += 1
                while e > s and text[e - 1].isspace():
                    e -= 1
                if e <= s or e <= s0 and name not in ("year_adj",):
                    continue
                out.append((s, -(e - s), -prio, name, mm, handler))
    return out


# Modifier words absorbed into an expression's extent when they precede it ("about two
# years ago", "at least 72 hours"); prepositions such as "since" and "in" stay outside.
_LEFT_MOD = re.compile(rf"(?:^|(?<=\s))(?P<m>{APPROX})\s+$", re.IGNORECASE)

# words that take an expression's place in a longer sequence and signal open intervals
_SINCE_RE = re.compile(r"(?:\b(?P<w>since|until|till|through|before|after|by)|(?P<from>from))\s+(?:the\s+(?:end|start|beginning)\s+of\s+)?$",
                       re.IGNORECASE)


# ----------------------------------------------------------------------------------------
# Public API
# ----------------------------------------------------------------------------------------


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
    ctx = _Ctx(text, dct)
    # the e-mail half of the mask needs an "@": without one the web-address half alone finds
    # the same spans, and it is anchored on a literal prefix (much the cheaper scan)
    masked = [(mm.start(), mm.end()) for mm in (_URL_RE if "@" in text else _WEB_RE).finditer(text)]

    cands = _candidates(text)
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
        ctx.add(val)
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


def _extend_left(text: str, s: int, e: int, val: _Val, ctx_ref: date | None = None) -> tuple[int, int]:
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


def _bound_ago(val: _Val, ref: date | None) -> None:
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


def _ago_ref(val: _Val, ctx: _Ctx) -> date | None:
    """The day an ago-date counts from: the DCT, or the expression it leans on."""
    if not val.ago or val.point is None:
        return None
    if val.anchor == "publication":
        return ctx.dct
    lv = ctx.last_resolved()
    return lv.ref if lv is not None else None


def _apply_signal(text: str, s: int, val: _Val, ctx: _Ctx) -> _Val:
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


def timex_records(timexes: list[Timex]) -> list[dict[str, Any]]:
    """Plain JSON-ready dicts (the ``timeline timex`` output), one per expression.

    >>> from datetime import date
    >>> timex_records(find_timexes("in April 2025", None))[0]["earliest"]
    '2025-04-01'
    """
    out: list[dict[str, Any]] = []
    for t in timexes:
        r: dict[str, Any] = {"start": t.start, "end": t.end, "text": t.text, "type": t.type,
                             "value": t.value}
        if t.earliest is not None or t.latest is not None or t.open_start or t.open_end:
            r["earliest"] = t.earliest.isoformat() if t.earliest else None
            r["latest"] = t.latest.isoformat() if t.latest else None
        if t.granularity:
            r["granularity"] = t.granularity
        r["anchor"] = t.anchor
        if t.mod:
            r["mod"] = t.mod
        if t.open_start:
            r["open_start"] = True
        if t.open_end:
            r["open_end"] = True
        out.append(r)
    return out


def parse_date_arg(s: str) -> date:
    """Parse a ``--published YYYY-MM-DD`` argument.

    >>> parse_date_arg("2025-10-02")
    datetime.date(2025, 10, 2)
    >>> parse_date_arg("2025-02-30")
    Traceback (most recent call last):
    ...
    timeline.errors.DateError: not a calendar date: '2025-02-30' (day is out of range for month); expected YYYY-MM-DD, e.g. 2025-10-02
    """
    raw = s
    s = (s or "").strip()
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", s)
    if not m:
        raise DateError(f"not a date: {raw!r}; expected YYYY-MM-DD, e.g. 2025-10-02")
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError as exc:
        raise DateError(f"not a calendar date: {raw!r} ({exc}); expected YYYY-MM-DD, e.g. 2025-10-02") from None


_ABS_PATTERNS = [
    # 2025-10-02, 2025.10.02, 2025/10/02 (optional time)
    re.compile(r"(?P<y>\d{4})[-./](?P<m>\d{1,2})[-./](?P<d>\d{1,2})\.?(?:[T\s]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::\d{2})?(?:\.\d+)?\s*(?P<ap>[AaPp]\.?[Mm]\.?)?)?\s*(?:Z|[+-]\d{2}:?\d{2}|[A-Z]{2,4})?"),
    # 10/02/2025 (US order)
    re.compile(r"(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4}|\d{2})(?:\s+(?P<H>\d{1,2}):(?P<M>\d{2})(?::\d{2})?\s*(?P<ap>[AaPp]\.?[Mm]\.?)?)?"),
    # October 2, 2025 / Oct 2 2025 10:15 AM / Thursday, October 2, 2025
    re.compile(rf"(?:{WEEKDAY},?\s+|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),?\s+)?(?P<mon>{MONTH})\s+(?P<d>{DAY}),?\s+(?P<y>{YEAR4})(?:,?\s+(?:at\s+)?(?P<H>\d{{1,2}}):(?P<M>\d{{2}})(?::\d{{2}})?\s*(?P<ap>[AaPp]\.?[Mm]\.?)?)?(?:\s*[A-Z]{{2,4}})?", _FLAGS),
    # 2 Oct. 2025 / Thursday 2 October 2025
    re.compile(rf"(?:{WEEKDAY},?\s+|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),?\s+)?(?P<d>{DAY})\s+(?:of\s+)?(?P<mon>{MONTH}),?\s+(?P<y>{YEAR4})(?:,?\s+(?P<H>\d{{1,2}}):(?P<M>\d{{2}})(?::\d{{2}})?\s*(?P<ap>[AaPp]\.?[Mm]\.?)?)?(?:\s*[A-Z]{{2,4}})?", _FLAGS),
    # October 2025
    re.compile(rf"(?P<mon>{MONTH}),?\s+(?P<y>{YEAR4})", _FLAGS),
    # 2025
    re.compile(rf"(?P<y>{YEAR4})"),
]


def parse_absolute_date(s: str) -> tuple[date, str] | None:
    """Parse a complete date string the document reader found (a dateline, a meta tag).

    Returns ``(date, granularity)`` — the first day of the period for month and year
    granularity — or None when ``s`` is not a date. Numeric slashed dates are read in US
    order (``10/02/2025`` is 2 October).

    >>> parse_absolute_date("2 Oct. 2025")
    (datetime.date(2025, 10, 2), 'day')
    >>> parse_absolute_date("Oct 2 2025 10:15 AM")
    (datetime.date(2025, 10, 2), 'day')
    >>> parse_absolute_date("October 2025")
    (datetime.date(2025, 10, 1), 'month')
    >>> parse_absolute_date("2025-02-30") is None
    True
    """
    if not isinstance(s, str):
        return None
    t = s.strip().strip("()[]").strip()
    if not t or len(t) > 80:
        return None
    for i, rx in enumerate(_ABS_PATTERNS):
        m = rx.fullmatch(t)
        if not m:
            continue
        gd = m.groupdict()
        try:
            ys = gd["y"]
            y = int(ys)
            if len(ys) == 2:
                y = _two_digit_year(y)
            if gd.get("mon"):
                mo = _month_num(gd["mon"])
            elif gd.get("m"):
                mo = int(gd["m"])
            else:
                return (date(y, 1, 1), "year") if 1000 <= y <= 2100 else None
            if gd.get("d") is None:
                return date(y, mo, 1), "month"
            dd = int(re.match(r"\d+", gd["d"]).group(0))  # type: ignore[union-attr]
            d = date(y, mo, dd)
        except (ValueError, KeyError, AttributeError):
            return None
        if gd.get("H") is not None:
            h, mi = int(gd["H"]), int(gd["M"])
            if h > 23 or mi > 59 or (gd.get("ap") and not 1 <= h <= 12):
                return None
        return d, "day"
    return None


def format_timex_records(records: list[dict[str, Any]], fmt: str = "jsonl") -> str:
    """Render :func:`timex_records` as JSON lines (``jsonl``) or an aligned text ``table``.

    >>> print(format_timex_records(timex_records(find_timexes("in April 2025", None))), end="")
    {"start": 3, "end": 13, "text": "April 2025", "type": "DATE", "value": "2025-04", "earliest": "2025-04-01", "latest": "2025-04-30", "granularity": "month", "anchor": "absolute"}
    """
    import json

    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    if fmt != "table":
        raise ValueError(f"unknown format {fmt!r}; expected 'jsonl' or 'table'")
    cols = ["start", "end", "text", "type", "value", "earliest", "latest", "granularity", "anchor", "mod"]
    rows = [[("" if r.get(c) is None else str(r.get(c))).replace("\n", " ") for c in cols] for r in records]
    widths = [max([len(c)] + [len(row[i]) for row in rows]) for i, c in enumerate(cols)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(cols, widths)).rstrip()]
    lines += ["  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip() for row in rows]
    return "\n".join(lines) + "\n"
