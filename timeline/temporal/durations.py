"""Handlers for how long and how often.

Durations ("seven years", "the past two weeks", "decades-long"), counts from a reference ("two
years ago", "three days later"), vague plural units ("in recent years") and sets ("every
Thursday", "daily", "four flights a week"). A duration anchored at the DCT is bounded by the
interval it covers (``anchored_duration``); a bare one carries no bounds.
"""

from __future__ import annotations

import re
from datetime import timedelta

from .context import Context
from .lexicon import MONTHS, NUMWORD, PARTS_OF_DAY, SEASONS, WEEKDAYS, group_or_none, number_value, unit_name
from .values import Val, at_granularity, day_val, duration_value, no_context, quarter_val, shift, unresolved


def anchored_duration(n: float | None, unit: str, direction: int, ctx: Context,
                       value: str | None = None) -> Val:
    value = value or duration_value(n, unit)
    dct = ctx.dct
    if dct is None or n is None:
        return Val("DURATION", value, None, None, None, "unresolved")
    other = shift(dct, direction * n, unit) if float(n).is_integer() else None
    if other is None:
        return Val("DURATION", value, None, None, None, "unresolved")
    gran = {"decade": "decade", "century": "century", "fortnight": "week", "weekend": "day",
            "hour": "day", "minute": "day", "second": "day"}.get(unit, unit)
    if direction < 0:
        return Val("DURATION", value, other, dct, gran, "publication")
    return Val("DURATION", value, dct, other, gran, "publication")


# "<number> <plural noun> a <unit>": a rate ("four flights a week"), not a period of time
_RATE_BEFORE = re.compile(
    rf"(?<![\w.,])(?:\d[\d,.]*|{NUMWORD})\s+(?:[a-z-]+\s+)?[a-z]+s\s+$", re.IGNORECASE)


_READ_TIME = re.compile(r"\s*(?:read|reading(?:\s+time)?|listen|watch)\b", re.IGNORECASE)


def h_duration(m: re.Match[str], ctx: Context) -> Val | None:
    nums = m.group("num")
    unit_s = m.group("unit")
    unit = unit_name(unit_s)
    hy = m.group("sep")
    frac = group_or_none(m, "frac")
    if unit in ("minute", "hour") and _READ_TIME.match(ctx.text, m.end()):
        return None  # "6 min read": page chrome, the time it takes to read the article
    # "Five-Year Plan": a title-cased hyphenated compound is part of a name, not a duration
    if hy and "-" in hy and unit_s[0].isupper() and nums[0].isupper():
        return None
    if unit_s[0].isupper() and nums[0].isupper() and re.match(r"\s+(?-i:Plan|Program)", ctx.text[m.end():]):
        return None
    if re.match(r"[\s-]+old\b|-(?:ago|earlier|end)\b", ctx.text[m.end("unit"):m.end("unit") + 9], re.IGNORECASE):
        return None  # an age ("a 6-year-old", "52 years old") or "a year-earlier loss"
    n = number_value(nums)
    if n is not None and n >= 1000 and not unit_s.lower().endswith("s") and "-" not in hy:
        return None  # "the 1988 quarter": a year, not 1988 quarters
    if nums.lower() in ("some",) and not hy:
        n = None
    if n is not None and (frac or group_or_none(m, "frac2")):
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
        return Val("DATE", "FUTURE_REF")  # "Islam will one day be...": some day, not 24 hours
    if low_nums in ("a", "an", "one", "per") and re.search(
            r"\b(?:once|twice|thrice|times|per)\s+$", before, re.IGNORECASE):
        return Val("SET", duration_value(1, unit), granularity=None)
    if low_nums in ("a", "an", "per") and re.search(
            r"(?:\d|million|billion|trillion|percent|cents?|dollars?|won|yuan|yen|euros?|%|bn|mn)\s*$",
            before, re.IGNORECASE):
        return None  # "$500 million a year", "2% a month": a rate, not a period
    if low_nums in ("a", "an", "per") and _RATE_BEFORE.search(ctx.text, max(0, m.start() - 48), m.start()):
        return Val("SET", duration_value(1, unit))  # "four flights a week": a frequency
    if unit == "quarter" and low_nums in ("a", "an", "one", "three") and re.match(
            r"\s+of\s+(?:the|its|his|her|their|our|all|a|an|those|these|\d)\b(?!\s+(?:fiscal\s+)?year\b)",
            ctx.text[m.end():m.end() + 30], re.IGNORECASE):
        return None  # "three-quarters of its food", "more than a quarter of the market": a fraction
    ext = (group_or_none(m, "ext") or "").lower()
    ext = re.sub(r"\s+", " ", ext).strip()
    if ext == "the":
        return Val("DURATION", duration_value(n, unit))  # "the nine months"
    if ext:
        # "the past two years", "the next three weeks": anchored at the DCT
        direction = -1 if ext.endswith(("past", "last", "previous", "preceding", "first")) else 1
        if ext.endswith(("first", "final", "remaining", "initial", "latest", "same", "entire", "whole", "full")):
            return Val("DURATION", duration_value(n, unit))
        return anchored_duration(n, unit, direction, ctx)
    return Val("DURATION", duration_value(n, unit))


def _h_bare_units(m: re.Match[str], ctx: Context) -> Val | None:
    unit = unit_name(m.group("unit"))
    ext = (group_or_none(m, "ext") or "").lower()
    if ext and ("recent" in ext):
        # TimeML: "recent years" is PAST_REF; "recent months/weeks/days" a vague duration
        return Val("DATE", "PAST_REF") if unit in ("year", "decade", "century") else\
            Val("DURATION", duration_value(None, unit))
    if ext and ext.strip().lower() == "the":
        return Val("DURATION", duration_value(None, unit))  # "in the weeks ahead"
    if ext and ("coming" in ext or "next" in ext or "ahead" in ext):
        return Val("DATE", "FUTURE_REF") if "coming" in ext else Val("DURATION", duration_value(None, unit))
    return Val("DURATION", duration_value(None, unit))


_COARSE = frozenset({"year", "half", "decade", "century"})


def _h_ago(m: re.Match[str], ctx: Context) -> Val | None:
    nums = m.group("num")
    unit = unit_name(m.group("unit"))
    direction_w = m.group("dir").lower()
    n = number_value(nums)
    if (group_or_none(m, "frac") or group_or_none(m, "frac2")) and n is not None:
        n += 0.5
    dct = ctx.dct
    expression = direction_w in ("earlier", "later", "before", "after")
    direction = 1 if direction_w in ("later", "after", "from now", "hence", "on") else -1
    if expression:
        lv = ctx.last_resolved()
        if lv is not None and unit in ("day", "week") and lv.granularity in _COARSE:
            # "On 21 February … as much as in the whole of last year. Five days later …": days count
            # from the last day told, never from a year, which has no day to count from; but a
            # year told in the same sentence is the time the story has reached ("In 2000 police
            # found me, and a week later …"): no older day is counted from
            if ctx.same_sentence_as(lv, m.start()):
                return Val("DURATION", duration_value(n, unit))
            lv = ctx.last_resolved(("day",))
            if lv is None:
                return Val("DURATION", duration_value(n, unit))  # "In 2019 … Two weeks later": no day to count from
        ref = lv.ref if lv is not None else None
        anchor = "expression"
        if ref is None and direction_w == "earlier" and dct is not None:
            ref, anchor = dct, "publication"
        # "a year earlier" after "the third quarter": the year-ago quarter
        if lv is not None and unit == "year" and lv.granularity == "quarter" and n is not None\
                and ctx.last_quarter is not None:
            y, q = ctx.last_quarter
            return no_context(quarter_val(y + direction * int(n), q, "expression"))
    else:
        ref = dct
        anchor = "publication"
        if unit == "year" and ctx.last_quarter is not None and n == 1 and dct is not None:
            y, q = ctx.last_quarter
            if abs(y - dct.year) <= 1:
                return no_context(quarter_val(y - 1, q, "publication"))
    if n is None:
        if expression:
            # "a few days later": some days after another event, not the past or the future of
            # the publication date; only the (vague) length is known
            return Val("DURATION", duration_value(None, unit))
        return Val("DATE", "PAST_REF" if direction < 0 else "FUTURE_REF")
    if ref is None:
        gran = {"year": "XXXX", "decade": "XXXX", "century": "XXXX", "month": "XXXX-XX",
                "quarter": "XXXX-QX", "week": "XXXX-WXX"}.get(unit, "XXXX-XX-XX")
        v = unresolved(gran)
        v.ago = True  # "more than two years ago" keeps its approximator without a DCT too
        return v
    if unit in ("hour", "minute", "second"):
        return day_val(ref, anchor) if n < 24 and unit == "hour" or unit != "hour" else day_val(
            ref - timedelta(hours=n), anchor)
    if not float(n).is_integer() and unit in ("day", "week"):
        d = ref + timedelta(days=direction * n * (7 if unit == "week" else 1))
    else:
        d = shift(ref, direction * (n if float(n).is_integer() else round(n)), unit)
    if d is None:
        return None
    v = at_granularity(d, unit, anchor)
    v.ago = True
    v.point, v.direction = d, direction
    return v


def h_weekday_set(m: re.Match[str], ctx: Context) -> Val | None:
    wd = WEEKDAYS[m.group("wd").lower().rstrip("s.")]
    return Val("SET", f"XXXX-WXX-{wd + 1}")


def h_set(m: re.Match[str], ctx: Context) -> Val | None:
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
        return Val("SET", simple[w])
    every = m.group("every")
    unit = group_or_none(m, "sunit")
    if unit:
        u = unit.lower()
        nm = group_or_none(m, "snum")
        n = number_value(nm) if nm else 1
        if "other" in every.lower():
            n = 2 if n is not None else None
        if u in WEEKDAYS or u.rstrip("s") in WEEKDAYS:
            return Val("SET", f"XXXX-WXX-{WEEKDAYS[u.rstrip('s') if u not in WEEKDAYS else u] + 1}")
        if u in MONTHS:
            return Val("SET", f"XXXX-{MONTHS[u]:02d}")
        if u in SEASONS:
            return Val("SET", f"XXXX-{SEASONS[u]}")
        if u in ("morning", "afternoon", "evening", "night"):
            return Val("SET", f"XXXX-XX-XXT{PARTS_OF_DAY[u]}")
        return Val("SET", duration_value(n, unit_name(u)))
    return None


def h_long_dur(m: re.Match[str], ctx: Context) -> Val | None:
    unit_s = m.group("unit")
    unit = unit_name(unit_s)
    nums = m.group("num")
    # "day-long" is one day; "decades-long" an unstated number of them
    n = number_value(nums) if nums else (None if unit_s.lower().endswith("s") else 1)
    return Val("DURATION", duration_value(n, unit))


def h_ago_guard(m: re.Match[str], ctx: Context) -> Val | None:
    d = m.group("dir").lower()
    after = ctx.text[m.end():m.end() + 20]
    if d in ("before", "after") and re.match(r"\s*[\w$\"“‘'(]", after):
        # "two days before the vote", "a month after Qantas suspended flights", "30 days before
        # closing": anchored to an event, so TimeML tags the duration and "before" is a signal
        return None
    if d == "back" and not re.match(r"\s*[,.;:)]|\s*$|\s+(?:in|on|when|and)\b", after):
        return None
    return _h_ago(m, ctx)


def h_bare_units_guard(m: re.Match[str], ctx: Context) -> Val | None:
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
