"""The vocabulary of time expressions and the regular-expression pieces built from it.

Month, weekday, number, ordinal, unit, season and part-of-day words with what they stand for,
the pattern fragments the grammar is assembled from (``MONTH``, ``DAY``, ``YEAR``, ``NUM``,
``TIME_OF_DAY``...), and the readers of single words: a number phrase, a unit word, a month
name, a two-digit year. Month and weekday names are matched case-sensitively so "may",
"march" and "august" stay verbs and adjectives; everything else case-insensitively (``FLAGS``).

>>> number_value("twenty-five"), unit_name("Centuries"), month_number("Sept."), two_digit_year(98)
(25, 'century', 9, 1998)
"""

from __future__ import annotations

import re


MONTH_NAMES = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]
MONTH_ABBR = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
MONTHS: dict[str, int] = {n.lower(): i + 1 for i, n in enumerate(MONTH_NAMES)}
MONTHS.update(MONTH_ABBR)

WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
WEEKDAYS = {n.lower(): i for i, n in enumerate(WEEKDAY_NAMES)}
WEEKDAYS.update({"tues": 1, "wed": 2, "thur": 3, "thurs": 3})

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
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17,
    "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21,
    "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
}
DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
    "seventies": 7, "eighties": 8, "nineties": 9,
}
UNIT_CODE = {
    "second": "S", "sec": "S", "minute": "M", "min": "M", "hour": "H", "hr": "H",
    "day": "D", "night": "D", "week": "W", "fortnight": "W", "month": "M", "quarter": "Q",
    "year": "Y", "yr": "Y", "decade": "Y", "century": "Y", "weekend": "D", "morning": "D",
    "season": "Q",
}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
                 "overnight": "NI"}


def cased(words: list[str]) -> str:
    alts: list[str] = []
    for w in words:
        alts.extend([w, w.upper()])
    return "|".join(sorted(set(alts), key=len, reverse=True))


_ABBR_ALTS = "|".join(
    f"{a.capitalize()}\\.?|{a.upper()}\\.?" for a in sorted(MONTH_ABBR, key=len, reverse=True)
)
_MONTH_FULL = f"(?-i:{cased(MONTH_NAMES)})"
# any month form: full names, or abbreviations (with or without a full stop)
MONTH = f"(?-i:{cased(MONTH_NAMES)}|{_ABBR_ALTS})(?![A-Za-z])"
# a month that may stand alone: full names or an abbreviation with its full stop
MONTH_ALONE = (
    f"(?-i:{cased(MONTH_NAMES)}|"
    + "|".join(f"{a.capitalize()}\\." for a in MONTH_ABBR)
    + ")(?![A-Za-z])"
)
WEEKDAY = (
    f"(?-i:{cased(WEEKDAY_NAMES)}|(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\\.)(?![A-Za-z])"
)
DAY = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![0-9A-Za-z])"
YEAR = r"(?<![\d$£€#.,/])(?<!\d-)(?:1[0-9]{3}|20[0-9]{2})(?![0-9]|,\d|\.\d|%|-\d)"
YEAR4 = r"(?:1[0-9]{3}|20[0-9]{2})"
NUMWORD = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|a\s+dozen|dozen|(?:a|one)\s+hundred|hundred"
    r"|a\s+couple\s+of|couple\s+of|a\s+pair\s+of|a\s+few|few|several|many|some|numerous"
    r"|half\s+a|an?|single)"
)
NUM = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|{NUMWORD})"
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

FLAGS = re.IGNORECASE | re.UNICODE


def number_value(s: str) -> float | None:
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


def unit_name(s: str) -> str:
    """The singular unit a unit word names: "yrs" → "year", "centuries" → "century"."""
    s = s.lower().rstrip(".")
    if s in ("centuries",):
        return "century"
    if s.endswith("s") and s not in ("s",):
        s = s[:-1]
    return {"yr": "year", "hr": "hour", "min": "minute", "sec": "second"}.get(s, s)


def group_or_none(m: re.Match[str], name: str) -> str | None:
    """The named group of a match; None when it did not take part or the pattern has none."""
    try:
        return m.group(name)
    except IndexError:
        return None


def month_number(s: str) -> int:
    """1-12 for a month name or abbreviation ("Sept." → 9)."""
    return MONTHS[s.lower().rstrip(".")]


def two_digit_year(y: int) -> int:
    """The year a two-digit year stands for: 49 → 2049, 50 → 1950."""
    return 2000 + y if y < 50 else 1900 + y


# A list label's shape, for the finder ("* **August** – …") and for the extractor's dated items
# ("2019: …", "**Mon, Aug. 5** — …"): what may stand before the label on its line (list and
# emphasis marks, a day of the week) and what ends it.
LABEL_HEAD = re.compile(
    r"[ \t*\-•#_>]*(?:(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?|(?:mon|tues|wednes|thurs|fri|satur|sun)day),?[ \t]*)?",
    re.I,
)
LABEL_TAIL = re.compile(r"[*_]*\s*(?:[:–—|.]|--|-\s)")
