"""Where to try the grammar: candidate spans at the head words of time expressions.

The grammar is only tried where a head word occurs (a month, a unit, a digit...), starting at
that word and at the modifier words just before it. One tokenising pass and a few anchored
``match`` calls per head word keep the scan fast. ``candidates`` returns every match found.
"""

from __future__ import annotations

import re

from .grammar import COMPILED, Handler
from .lexicon import MONTH_ABBR, MONTH_NAMES, WEEKDAY_NAMES


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
_trig("spring summer fall autumn winter", ("season", "following_named"))
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
_MONTH_PATS = ("month_day", "month_year", "month", "day_time", "set", "spelled_year", "following_named")
_WEEKDAY_PATS = ("weekday", "month_day", "day_month", "day_time", "set")
_CASED_TRIG: dict[str, tuple[str, ...]] = {}
for _n in MONTH_NAMES + [a.capitalize() for a in MONTH_ABBR]:
    _CASED_TRIG[_n] = _MONTH_PATS
    _CASED_TRIG[_n.upper()] = _MONTH_PATS
for _n in WEEKDAY_NAMES + ["Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun"]:
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
    tonight noon midnight midday morning afternoon evening night est edt cst cdt pst pdt gmt utc a.m p.m am pm m""".split()
)
_SEP_OK = re.compile(r"[\s,.'’-]{1,3}$")
_LAST_WORD = re.compile(r"(?:\d+(?:st|nd|rd|th)?|[A-Za-z]+)$")  # the word before a separator


def _digit_pats(tok: str, text: str, s: int, e: int) -> tuple[str, ...]:
    if not tok.isdigit():
        return ("century", "duration", "ago", "day_month", "month_day", "day_of_month")
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


def candidates(text: str) -> list[tuple[int, int, int, str, re.Match[str], Handler]]:
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
            rx, handler, prio = COMPILED[name]
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
