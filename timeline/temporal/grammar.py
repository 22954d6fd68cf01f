"""The grammar: one regular expression per pattern, with its handler and priority.

``_PATTERNS`` lists them (name, regex, handler, priority); ``COMPILED`` compiles each the first
time a text needs it, and ``prepare`` compiles them all at once (a process about to read many
texts).
"""

from __future__ import annotations

import re
from typing import Callable

from .context import Context
from .dates import (
    h_century,
    h_day_coord,
    h_following_named,
    h_decade_guard,
    h_holiday,
    h_month,
    h_month_day,
    h_month_year,
    h_numeric,
    h_range_guard,
    h_season,
    h_spelled_year,
    h_year,
)
from .durations import h_ago_guard, h_bare_units_guard, h_duration, h_long_dur, h_set, h_weekday_set
from .lexicon import (
    DAY,
    DAYREF,
    FLAGS,
    FRACTION,
    MONTH,
    MONTH_ALONE,
    MONTH_NAMES,
    NUM,
    POS,
    TIME_OF_DAY,
    UNIT,
    WEEKDAY,
    WEEKDAY_NAMES,
    YEAR,
    YEAR4,
    cased,
)
from .periods import (
    h_fiscal_year,
    h_half_guard,
    h_latest_period,
    h_quarter,
    h_quarter_ago,
    h_quarter_q,
    h_the_quarter_guard,
    h_year_adj,
    h_year_period,
)
from .relative import (
    h_anchored_day,
    h_day_of_month,
    h_mid_part,
    h_part_of_day_guard,
    h_ref_guard,
    h_relunit_guard,
    h_that_year,
    h_the_year,
    h_time,
    h_today,
    h_unit_before,
    h_week_of,
    h_weekday,
    h_weekend,
)
from .values import Val, half_val


Handler = Callable[["re.Match[str]", Context], "Val | None"]


# a weekday standing alone must be written out ("Sun." may be a newspaper, "We" a pronoun)
_WD_GROUP = rf"(?P<wd>(?-i:{cased(WEEKDAY_NAMES)})(?![A-Za-z]))"
_PART = r"(?P<part>morning|afternoon|evening|night)"

_PATTERNS: list[tuple[str, str, Handler, int]] = [
    # numeric dates: 2025-10-02, 2025.10.02, 10/02/2025, with an optional clock time
    ("numeric",
     r"(?<![\w./-])(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}/\d{1,2}/(?:\d{4}|\d{2}))"
     r"(?P<time>(?:T|\s+|,\s*)(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?:\s*(?-i:AM|PM|am|pm|a\.m\.|p\.m\.))?)?"
     r"(?![\w/-])\.?(?<!\.)",
     h_numeric, 9),
    # [Thursday,] October 2[, 2025] [at 10:15 AM]
    ("month_day",
     rf"(?:(?P<rel>last|next)\s+)?(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<mon>{MONTH})\s+(?P<day>{DAY})"
     rf"(?:(?:,\s*|\s+)(?P<year>{YEAR4})(?![0-9])|\s+(?:of\s+)?(?P<yrel>this|last|next)\s+year(?![\w-]))?"
     rf"(?:,?\s+(?:at\s+)?(?P<time>{TIME_OF_DAY}))?",
     h_month_day, 8),
    # [Thursday,] 2 October[ 2025] / the 2nd of October
    ("day_month",
     rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+)?(?<![\d.,$])(?P<day>{DAY})(?:\s+of)?\s+(?P<mon>{MONTH})"
     rf"(?:,?\s+(?P<year>{YEAR4})(?![0-9])|\s+(?:of\s+)?(?P<yrel>this|last|next)\s+year(?![\w-]))?"
     rf"(?:,?\s+(?:at\s+)?(?P<time>{TIME_OF_DAY}))?",
     h_month_day, 8),
    # April 2025 / early 2026-style positions / April of 2025 / Apr '25
    ("month_year",
     rf"(?P<pos>{POS})?(?P<mon>{MONTH}),?\s+(?:of\s+)?(?:(?P<year>{YEAR4}|'\d\d)(?![0-9%])"
     rf"|(?:of\s+)?(?P<yrel>this|last|next|the\s+same|that|the\s+following|the\s+previous)\s+year(?![\w-]))",
     h_month_year, 7),
    # TIME then its day: "5 p.m. EST Nov. 9", "10 p.m. Wednesday", "noon Thursday"
    ("time_day",
     rf"(?P<t>{TIME_OF_DAY}),?\s+(?:on\s+)?(?P<dayref>{DAYREF})",
     h_time, 8),
    # day then TIME: "Thursday at 3 p.m.", "yesterday at noon"
    ("day_time",
     rf"(?P<dayref>{DAYREF}),?\s+(?:at\s+|around\s+|about\s+)?(?P<t>{TIME_OF_DAY})",
     h_time, 8),
    ("time",
     rf"(?<![\d.:,])(?P<t>{TIME_OF_DAY})(?![\d:])",
     h_time, 5),
    # quarters: the third quarter (of 1990), third-quarter, fiscal second-quarter, Q3 2025
    ("quarter",
     rf"(?:(?P<rel>last\s+year's|next\s+year's|this\s+year's|the\s+year-(?:ago|earlier)|year-(?:ago|earlier)"
     rf"|(?:the|its|a|their|his|her|our)(?:\s+(?:flat|weak|strong|disappointing|comparable|same|latest))?)\s+)?"
     rf"(?:(?P<year>{YEAR4})\s+)?(?:fiscal[\s-]+(?:year\s+)?)?"
     rf"(?P<qord>first|second|third|fourth|1st|2nd|3rd|4th|final)[\s-]+(?:fiscal[\s-]+)?quarter(?![a-z])"
     rf"(?:\s+of\s+(?:fiscal\s+(?:year\s+)?)?(?P<year2>{YEAR4}))?",
     h_quarter, 7),
    ("quarter_q",
     rf"(?<![\w-])(?:Q(?P<qnum>[1-4])[\s-]?(?:FY\s?)?(?P<year>{YEAR4}|'\d\d)|(?P<year2>{YEAR4})[\s-]?Q(?P<qnum2>[1-4]))(?![\w])",
     lambda m, c: h_quarter_q(m, c), 7),
    # "the first two quarters of 1990": a half-year
    ("two_quarters",
     rf"(?:the\s+)?(?P<which>first|last|second)\s+two\s+quarters\s+of\s+(?:fiscal\s+)?(?P<year>{YEAR4})(?![0-9])",
     lambda m, c: half_val(int(m.group("year")), 1 if m.group("which").lower() == "first" else 2, "absolute"), 8),
    ("half",
     rf"(?:(?P<rel>last\s+year's|next\s+year's|this\s+year's|the|its)\s+)?(?:(?P<year>{YEAR4})\s+)?"
     rf"(?P<hord>first|second|last|latter)\s+half(?:\s+of\s+(?:the\s+year\s+|(?:fiscal\s+)?(?P<year2>{YEAR4})))?",
     lambda m, c: h_half_guard(m, c), 6),
    ("the_quarter",
     r"(?:the|this|that)\s+(?:(?P<qrel>latest|current|last|previous|past|next|coming|prior|preceding|most\s+recent|recent|same|fiscal)\s+)?quarter(?![a-z-])"
     r"|(?P<qrel2>this|last|next)\s+quarter(?![a-z-])",
     lambda m, c: h_the_quarter_guard(m, c), 4),
    # decades: 1990s, the 1990s, the '80s, the eighties, the mid-1990s
    ("decade",
     rf"(?:the\s+)?(?P<pos>{POS})?(?P<dec>(?:1[0-9]|20)[0-9]0['’]?s|['’][0-9]0['’]?s|twenties|thirties|forties"
     rf"|fifties|sixties|seventies|eighties|nineties)(?![a-z])",
     lambda m, c: h_decade_guard(m, c), 7),
    ("century",
     rf"(?:the\s+)?(?P<pos>{POS})?(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth"
     rf"|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth"
     rf"|seventeenth|eighteenth|nineteenth|twentieth|twenty-first)[\s-]+century(?![a-z])",
     h_century, 7),
    # years: 2014, fiscal 2025, the year 2014, mid-1996, early 2026, the end of 1990
    ("year",
     rf"(?P<pos>{POS})?(?:(?:fiscal|calendar|the\s+year|FY)\s*)?(?P<year>{YEAR})",
     h_year, 6),
    ("range",
     rf"(?:between\s+|from\s+)?(?P<y1>{YEAR4})\s*(?:[-–—]|\s+(?:and|to|through|until|till)\s+)\s*(?P<y2>{YEAR4}|\d\d)(?![\d%])",
     lambda m, c: h_range_guard(m, c), 8),
    # "the following February", "the next spring": the first such month or season after the last time told
    ("following_named",
     rf"(?P<rel>the\s+(?:following|next))\s+(?P<name>{MONTH_ALONE}|spring|summer|fall|autumn|winter)(?![a-z])(?!\s+(?:of\s+)?\d)",
     h_following_named, 7),
    # seasons
    ("season",
     rf"(?:(?P<rel>last|next|this|past|coming|previous|this\s+past|this\s+coming)\s+|(?P<det>the)\s+)?"
     rf"(?P<pos>{POS})?(?P<season>spring|summer|fall|autumn|winter)(?![a-z])(?:\s+(?:of\s+)?(?P<year>{YEAR4}))?",
     h_season, 6),
    # month names alone (in May, last March, early November)
    ("month",
     rf"(?:(?P<rel>last|next|this|past|coming|previous)\s+)?(?P<pos>{POS})?(?P<mon>{MONTH_ALONE})",
     h_month, 5),
    # this/last/next week|month|year...; earlier this year; late last week; the past year
    ("relunit",
     r"(?P<pos>(?:earlier|later|early|late|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|the\s+first\s+half\s+of|the\s+second\s+half\s+of)[\s-]+(?:in\s+)?)?"
     r"(?P<rel>this\s+past|this\s+coming|the\s+(?:past|last|previous|next|coming|current|following|preceding|present|same)"
     r"|this|last|next|past|previous|coming|current|following|preceding|that)\s+"
     r"(?P<unit>week|month|year|quarter|decade|century|weekend|fortnight|night)(?![a-z-])",
     lambda m, c: h_relunit_guard(m, c), 6),
    # durations: seven years, 15 years, two-year, the past two months, 2 1/2 hours
    ("duration",
     rf"(?:(?P<ext>the\s+(?:past|last|next|coming|first|previous|following|final|remaining|initial|latest|same|entire|whole|full)|the"
     rf"|(?:past|last|next|coming|first|previous|following))\s+)?"
     rf"(?<![\d.,$£€-])(?P<num>{NUM})(?P<frac>{FRACTION})?(?![\d%])(?P<sep>[\s-]+|-)(?:(?:more|additional|full|straight|consecutive"
     rf"|trading|business|working|long|successive|calendar)\s+)?"
     rf"(?P<unit>{UNIT})(?![a-z])(?P<frac2>\s+and\s+a\s+half)?(?:\s+or\s+so)?",
     h_duration, 5),
    # N units ago / earlier / later / from now
    ("ago",
     rf"(?<![\d.,$£€-])(?P<num>{NUM})(?P<frac>{FRACTION})?[\s-]+(?P<unit>{UNIT})(?![a-z])(?P<frac2>\s+and\s+a\s+half)?\s+"
     r"(?:or\s+so\s+)?(?P<dir>ago|earlier|later|before|after|from\s+now|hence|back)(?![a-z])",
     lambda m, c: h_ago_guard(m, c), 7),
    ("bare_units",
     r"(?P<ext>recent|the\s+coming|coming|the\s+next\s+(?:few|several)|the\s+past\s+(?:few|several)"
     r"|the\s+last\s+(?:few|several)|the(?=\s+(?:weeks|months|days|years)\s+ahead\b))?\s*(?<![\w-])(?P<unit>years|months|weeks|days|decades|hours|minutes|centuries)(?![\w-])"
     r"(?:\s+ahead)?",
     lambda m, c: h_bare_units_guard(m, c), 3),
    # today, yesterday morning, late yesterday, tonight, overnight
    ("today",
     rf"(?:(?P<pre>early|late|earlier|later)\s+)?(?<![\w-])(?P<w>today|tonight|tomorrow|yesterday|overnight)(?![\w-])(?:\s+{_PART})?",
     h_today, 6),
    ("part_of_day",
     rf"(?P<rel>later\s+this|earlier\s+this|early\s+this|late\s+this|this|last|tomorrow|yesterday"
     rf"|the\s+(?:next|following|previous|preceding|same)|the)\s+{_PART}(?![a-z])",
     lambda m, c: h_part_of_day_guard(m, c), 5),
    # Friday last week, last Thursday, Thursday morning, Friday next week
    ("weekday",
     rf"(?:(?P<rel>the\s+(?:previous|following|next|preceding)|last|next|this|past|coming|previous)\s+|(?:early|late|earlier|later)\s+)?{_WD_GROUP}"
     rf"(?:\s+{_PART}(?P<plural>s(?![a-z]))?)?(?:\s+(?P<wrel>last\s+week|next\s+week|this\s+week|previous\s+week))?",
     h_weekday, 6),
    ("weekday_set",
     r"(?<![\w-])(?:on\s+)?(?P<wd>(?-i:Mondays|Tuesdays|Wednesdays|Thursdays|Fridays|Saturdays|Sundays))(?![a-z])",
     h_weekday_set, 5),
    # sets: every year, each Thursday, daily, annually, twice a year
    ("set",
     rf"(?P<every>every(?:\s+other)?|each|per)\s+(?:(?P<snum>{NUM})\s+)?(?P<sunit>years?|months?|weeks?|days?|hours?|minutes?|decades?"
     rf"|quarters?|mornings?|nights?|evenings?|afternoons?|spring|summer|fall|autumn|winter|(?-i:{cased(WEEKDAY_NAMES)})"
     rf"|(?-i:{cased(MONTH_NAMES)}))(?![a-z])"
     r"|(?<![\w-])(?:daily|weekly|monthly|annually|yearly|hourly|nightly|biweekly|bimonthly|biannually|semiannually)(?![\w-])",
     h_set, 6),
    # vague references
    ("ref",
     r"(?<![\w-])(?:right\s+now|just\s+now|now|nowadays|currently|presently|at\s+present|at\s+the\s+moment"
     r"|current(?=\s+[a-z])|these\s+days|the\s+present(?:\s+day)?|present[\s-]day|recently|lately|more\s+recently|until\s+recently"
     r"|(?:the\s+)?(?:recent|distant|not\s+so\s+distant|not\s+too\s+distant)\s+past|the\s+past|(?:the\s+)?(?:near|distant|foreseeable|immediate)\s+future|the\s+future"
     r"|soon|shortly|the\s+short\s+term|the\s+near\s+term|the\s+long\s+term|the\s+medium\s+term|a\s+later\s+date)(?![\w-])",
     lambda m, c: h_ref_guard(m, c), 4),
    ("year_adj",
     r"(?:the\s+)?(?:comparable\s+)?(?<![\w-])year[\s-](?:ago|earlier)(?:\s+(?:third|second|first|fourth)?\s*(?:quarter|period|nine\s+months|six\s+months))?(?![\w-])"
     r"|(?<![\w-])year[\s-]end(?![\w-])|(?<![\w-])year['’]s\s+end",
     h_year_adj, 5),
    ("anchored_day",
     rf"(?:the\s+(?:day|night)\s+(?:before|after)(?:\s+(?P<tgt>(?:last\s+|next\s+)?{WEEKDAY}|yesterday|tomorrow"
     rf"|{MONTH}\s+{DAY}(?:,?\s+{YEAR4}(?![0-9]))?))?|the\s+(?:previous|next|following|preceding|same)\s+day|that\s+(?:same\s+)?day"
     r"|a\s+day\s+(?:earlier|later)|the\s+eve(?=\s+of\b))(?![\w-])",
     h_anchored_day, 6),
    # a day of the month by its ordinal alone: "on the 8th", "on the afternoon of the 8th", "the 23rd of
    # last month", "this month 14th" (Korean wires in English); "the 8th Army", "the 20th anniversary" are none
    ("day_of_month",
     rf"(?:(?P<mrel2>this|last|next|previous)\s+month\s+(?P<nth2>\d{{1,2}})(?:st|nd|rd|th)"
     rf"|(?<![\w-])on\s+(?:the\s+{_PART}\s+of\s+)?the\s+(?P<nth>\d{{1,2}})(?:st|nd|rd|th)"
     rf"(?:\s+of\s+(?P<mrel>this|last|next|the\s+previous)\s+month)?)"
     r"(?=\s*(?:[,.;:!?()\"'”’]|$)|\s+(?:at|and|in|to|when|after|before|until|or|from|as|while|but|with|on)\b)",
     lambda m, c: h_day_of_month(m, c), 7),
    # "the week of March 6": the (ISO) week that holds the day
    ("week_of",
     rf"(?:the\s+)?week\s+of\s+(?P<dayref>{MONTH}\s+{DAY}(?:,?\s+{YEAR4}(?![0-9]))?)",
     lambda m, c: h_week_of(m, c), 8),
    ("the_year",
     r"(?:(?P<inpos>earlier|later)\s+in\s+|(?P<pos>(?:the\s+)?(?:end|beginning|start|middle|close|rest)\s+of\s+))?"
     r"(?<![\w-])the\s+(?:full\s+|whole\s+|entire\s+)?(?P<unit>year|month|week|day)(?![\w-])",
     lambda m, c: h_the_year(m, c), 4),
    ("latest_period",
     r"(?<![\w-])the\s+(?:latest|most\s+recent|current|comparable|same)\s+(?:three-month\s+|reporting\s+)?period(?![\w-])",
     lambda m, c: h_latest_period(m, c), 4),
    ("weekend",
     r"(?<![\w-])the\s+weekend(?![\w-])",
     lambda m, c: h_weekend(m, c), 5),
    ("fiscal_year",
     rf"(?:the\s+)?(?P<rel>current|latest|previous|last|next|coming|new|full|past|this)?\s*(?:fiscal|financial)\s+year(?![\w-])(?:\s+(?P<year>{YEAR4}))?",
     lambda m, c: h_fiscal_year(m, c), 6),
    ("spelled_year",
     r"(?:(?P<mon>(?-i:January|February|March|April|May|June|July|August|September|October|November|December))\s+)?"
     r"(?:the\s+year\s+)?(?P<sy>nineteen[\s-](?:hundred(?:\s+and)?[\s-])?(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
     r"|two\s+thousand(?:\s+(?:and\s+)?(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?))?)(?![\w-])",
     lambda m, c: h_spelled_year(m, c), 5),
    # "day-long", "decades-long", "a year-long": a duration used as an adjective
    ("long_dur",
     rf"(?:(?P<num>{NUM})[\s-]+)?(?P<unit>days?|weeks?|months?|years?|decades?|hours?|minutes?|centur(?:y|ies))-long(?![\w-])",
     lambda m, c: h_long_dur(m, c), 6),
    # "mid-afternoon", "by mid morning", "mid-afternoon yesterday"
    ("mid_part",
     r"(?<![\w-])mid[\s-]?(?P<part>morning|afternoon|evening)(?:\s+(?P<w>yesterday|today|tomorrow))?(?![\w-])",
     lambda m, c: h_mid_part(m, c), 6),
    # the second day of "April 24 and 25", "March 30-31"
    ("day_coord",
     rf"(?<![\d.,$])(?P<day>{DAY})(?:,?\s+(?P<year>{YEAR4})(?![0-9]))?",
     lambda m, c: h_day_coord(m, c), 4),
    # "the 1988 quarter", "the 1989 period": that year's quarter in an earnings report
    ("year_period",
     rf"(?:the\s+)?(?P<year>{YEAR4})\s+(?:quarter|period)(?![\w-])",
     lambda m, c: h_year_period(m, c), 7),
    # "the quarter a year ago", "the corresponding period last year", "last year's quarter"
    ("quarter_ago",
     r"the\s+(?:(?:corresponding|comparable|same|year-ago|year-earlier)\s+)?(?:quarter|period)\s+(?:last\s+year|a\s+year\s+(?:ago|earlier))(?![\w-])"
     r"|last\s+year['’]s\s+(?:quarter|period)(?![\w-])",
     lambda m, c: h_quarter_ago(m, c), 7),
    # "the year before", "the month after": from the expression before it (a signal if an
    # event follows: "the year before the famine" is left to the event)
    ("unit_before",
     r"(?<![\w-])the\s+(?P<unit>year|month|week)\s+(?P<dir>before|after)(?=\s*(?:[,.;:!?)]|$))",
     lambda m, c: h_unit_before(m, c), 6),
    ("that_year",
     r"(?<![\w-])(?:that|the\s+same)\s+year(?![\w-])",
     h_that_year, 6),
    ("holiday",
     rf"(?P<hol>(?-i:Christmas(?:\s+Eve|\s+Day)?|New\s+Year['’]s(?:\s+Day|\s+Eve)|Thanksgiving(?:\s+Day)?|Halloween"
     rf"|Valentine['’]s\s+Day|Independence\s+Day|Election\s+Day|Easter(?:\s+(?:Sunday|week|Week))?|Holy\s+Week"
     rf"|Good\s+Friday))(?:,?\s+(?P<year>{YEAR4}))?(?![\w-])",
     h_holiday, 6),
]


class _Grammar(dict):  # type: ignore[type-arg]
    """The grammar's patterns by name, each compiled when a text first needs it (a short text
    tries few of them; compiling them all costs more than reading it)."""

    def __init__(self, patterns: list[tuple[str, str, Handler, int]]) -> None:
        super().__init__()
        self._source = {name: (rx, h, prio) for name, rx, h, prio in patterns}

    def __missing__(self, name: str) -> tuple[re.Pattern[str], Handler, int]:
        rx, handler, prio = self._source[name]
        compiled = self[name] = (re.compile(rx, FLAGS), handler, prio)
        return compiled


COMPILED: dict[str, tuple[re.Pattern[str], Handler, int]] = _Grammar(_PATTERNS)


def prepare() -> None:
    """Compile every pattern of the grammar now (a process about to read many texts)."""
    for name, _rx, _h, _prio in _PATTERNS:
        COMPILED[name]  # noqa: B018 - compiled on first access
