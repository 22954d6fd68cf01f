"""Date strings of a document's metadata — front matter, meta tags, bylines, stamps — as calendar
dates, in one place, through dateparser (so in any language it knows). Running text goes through
our own engine, :mod:`timeline.temporal`, which finds and normalises expressions with offsets.

Only a full date counts here (day, month and year, all written): "May 2025", "yesterday" or
"3 hours ago" say nothing sure about a publication day. ISO forms are read directly, as the
date written in their own time zone; the rest goes to dateparser, English first, then any
language.

>>> parse_date_string("Thursday, Oct. 2, 2025 10:00 KST"), parse_date_string("2 de octubre de 2025")
(datetime.date(2025, 10, 2), datetime.date(2025, 10, 2))
>>> parse_date_string("2025-10-02T23:30:00-05:00"), parse_date_string("yesterday"), parse_date_string("May 2025")
(datetime.date(2025, 10, 2), None, None)
>>> parse_date_string("06.02.2026"), parse_date_string("2014.11.20")
(datetime.date(2026, 2, 6), datetime.date(2014, 11, 20))
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

__all__ = ["SLASHED", "parse_date_string", "slashed_readings"]

_ISO = re.compile(r"\s*(\d{4})(-|/|\.|)(\d{1,2})\2(\d{1,2})\.?(?:[T\s]\d[\d:.]*\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2}|[A-Za-z]{2,4})?)?\s*")
# "06.02.2026", "6.2.2026 14:30": a dotted date with the year last is written day first (as in
# German, Russian or Dutch news); the year-first dotted form ("2014.11.20") is ISO-like above.
_DOTTED = re.compile(r"\s*(\d{1,2})\.(\d{1,2})\.(\d{4})(?:,?\s+\d{1,2}[:.]\d{2}(?:\s*[A-Za-z]{2,4})?)?\s*")
# "01/09/1995": a slashed numeric date, which either order of day and month could mean read alone
SLASHED = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})(?![\d/])")
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
_NUMBER = re.compile(r"\d+")
# Tried after English; dateparser's detection over every language it knows costs seconds a string.
_NEWS_LANGUAGES = ["ko", "ja", "zh", "ru", "de", "fr", "es", "pt", "it", "nl", "pl", "tr", "ar", "vi", "id", "uk"]
_SETTINGS = {
    "RETURN_AS_TIMEZONE_AWARE": True,  # the date as written in its own zone, not moved to ours
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PARSERS": ["custom-formats", "absolute-time"],  # no relative phrases, no bare timestamps
}


@lru_cache(maxsize=4096)
def parse_date_string(value: str) -> date | None:
    """The full calendar date ``value`` states, or None (a partial, relative or invalid date)."""
    text = " ".join(value.split())
    if not text or len(text) > 120:
        return None
    for pattern, (year, month, day) in ((_ISO, (1, 3, 4)), (_DOTTED, (3, 2, 1))):  # the groups of each form's parts
        found = pattern.fullmatch(text)
        if found is not None:
            try:
                return date(int(found.group(year)), int(found.group(month)), int(found.group(day)))
            except ValueError:
                return None
    numbers = _NUMBER.findall(text)
    if not _YEAR.search(text) or len(numbers) < 2:
        return None  # a full date writes a year and a day
    import dateparser  # imported on first use: it costs ~100 ms

    for languages in (["en"], _NEWS_LANGUAGES):
        try:
            found = dateparser.parse(text, languages=languages, settings=_SETTINGS)
        except (ValueError, OverflowError, TypeError):
            found = None
        if found is not None:
            return found.date() if str(found.year) in numbers or not numbers else None
    return None


def slashed_readings(value: str) -> tuple[date, ...]:
    """Both calendar readings of a slashed numeric date standing alone ("01/09/1995": 9 January and
    1 September), the valid ones; () when ``value`` is none."""
    found = SLASHED.fullmatch(value.strip())
    if found is None:
        return ()
    a, b, year = (int(g) for g in found.groups())
    out = []
    for month, day in ((a, b), (b, a)):
        try:
            out.append(date(year, month, day))
        except ValueError:
            continue
    return tuple(dict.fromkeys(out))
