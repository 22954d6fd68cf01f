"""Handlers for expressions relative to the DCT or to the expression before them.

"this/last/next week", "earlier this year", "today", "yesterday morning", weekdays, clock
times, "the day before", "the year after", "that year", "the weekend", and the vague
references ("now", "recently", "the future") that stay ``*_REF`` values without bounds.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from .context import Context, weekday_date
from .dates import resolve_dayref, time_value
from .durations import anchored_duration
from .lexicon import PARTS_OF_DAY, WEEKDAY_NAMES, WEEKDAYS, cased, group_or_none, unit_name
from .values import (
    Val,
    apply_position,
    at_granularity,
    century_val,
    date_or_none,
    day_val,
    decade_val,
    half_val,
    month_val,
    months_later,
    quarter_val,
    shift,
    unresolved,
    week_val,
    weekend_val,
    year_val,
)


def _h_relunit(m: re.Match[str], ctx: Context) -> Val | None:
    """this/last/next week|month|year|decade|weekend; earlier this year; late last week."""
    rel = m.group("rel").lower()
    rel = re.sub(r"\s+", " ", rel)
    unit = unit_name(m.group("unit"))
    pos = group_or_none(m, "pos")
    dct = ctx.dct
    step = {"this": 0, "current": 0, "present": 0, "last": -1, "past": -1, "previous": -1,
            "next": 1, "coming": 1, "following": 1, "the past": -1, "the last": -1,
            "the previous": -1, "the next": 1, "the coming": 1, "the current": 0,
            "the following": 1, "the preceding": -1, "preceding": -1, "the present": 0,
            "this past": -1, "this coming": 1, "the same": 0, "that": 0}.get(rel)
    if step is None:
        return None
    expression = rel in ("the following", "following", "the preceding", "preceding", "the previous",
                         "the same", "that") or (
        # "She crossed in March 2013. The next month, police arrested her": told in the past, "the
        # next" counts on from the story, as "the following" does; "will meet the next month" from now
        rel == "the next" and unit in ("week", "month", "year") and ctx.last_resolved() is not None
        and ctx.tense(m.start(), m.end()) == "past")
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
        return anchored_duration(1, "decade", -1, ctx)
    if unit == "century" and step == 0:
        if ref is None:
            return unresolved("XX", granularity="century")
        return apply_position(century_val(ref.year // 100 + 1, anchor), pos)
    if ref is None:
        return unresolved({"year": "XXXX", "month": "XXXX-XX", "week": "XXXX-WXX",
                            "weekend": "XXXX-WXX-WE", "quarter": "XXXX-QX", "decade": "XXX",
                            "fortnight": "XXXX-WXX", "day": "XXXX-XX-XX", "century": "XX",
                            "night": "XXXX-XX-XX"}.get(unit, "XXXX"),
                           granularity={"fortnight": "week", "weekend": "day", "night": "day"}.get(unit, unit))
    if unit == "day":
        d = ref + timedelta(days=step)
        return day_val(d, anchor)
    if unit == "night":
        d = ref + timedelta(days=step)
        v = day_val(d, anchor)
        v.type, v.value = "TIME", d.isoformat() + "TNI"
        return v
    if unit == "quarter":
        d = months_later(ref, 3 * step)
        return apply_position(quarter_val(d.year, (d.month - 1) // 3 + 1, anchor), pos)
    if unit == "weekend":
        d = ref + timedelta(weeks=step)
        return weekend_val(d, anchor)
    if unit == "decade":
        dec = (ref.year // 10 + step) * 10
        return apply_position(decade_val(dec, anchor), pos)
    if unit == "century":
        return apply_position(century_val(ref.year // 100 + 1 + step, anchor), pos)
    if unit == "fortnight":
        unit = "week"
    d = shift(ref, step, unit)
    if d is None:
        return None
    v = at_granularity(d, unit, anchor)
    if pos and pos.lower().startswith(("earlier", "later")):
        return v  # narrowed to the part before/after the DCT by the caller
    return apply_position(v, pos)


def h_today(m: re.Match[str], ctx: Context) -> Val | None:
    w = m.group("w").lower()
    part = (group_or_none(m, "part") or "").lower()
    pre = (group_or_none(m, "pre") or "").lower()
    dct = ctx.dct
    if w == "today" and not part:
        after = ctx.text[m.end():m.end() + 30]
        before = ctx.text[max(0, m.start() - 20):m.start()]
        if m.group("w")[0].isupper() and re.match(r"\s*,?\s*when\b", after, re.IGNORECASE):
            return Val("DATE", "PRESENT_REF")  # "Today when the world aspires...": the present
        if re.match(r"['’]s\s+(?:world|society|age|era|generation|youth|economy|globali[sz]ed|modern"
                    r"|international|digital|children|standards|technology|young|market|personal|\w+s\b)",
                    after, re.IGNORECASE):
            return None  # "today's world", "today's computers": an adjective, not a date
    if w in ("overnight",):
        if dct is None:
            return unresolved("XXXX-XX-XXTNI", "TIME", "day")
        v = day_val(dct, "publication")
        v.type, v.value = "TIME", dct.isoformat() + "TNI"
        return v
    off = {"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1}[w]
    if dct is None:
        v = unresolved("XXXX-XX-XX", granularity="day")
    else:
        v = day_val(dct + timedelta(days=off), "publication")
    code = PARTS_OF_DAY.get(part)
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


def _h_part_of_day(m: re.Match[str], ctx: Context) -> Val | None:
    rel = m.group("rel").lower()
    part = m.group("part").lower()
    dct = ctx.dct
    code = PARTS_OF_DAY[part]
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
            return None if rel == "the" else unresolved("XXXX-XX-XXT" + code, "TIME", "day")
        step = 1 if re.search(r"next|following", rel) else -1 if re.search(r"previous|preceding", rel) else 0
        d = lv.ref + timedelta(days=step)
        v = day_val(d, "expression")
        v.type, v.value = "TIME", d.isoformat() + "T" + code
        return v
    else:
        off = 0
    if dct is None:
        return unresolved("XXXX-XX-XXT" + code, "TIME", "day")
    d = dct + timedelta(days=off)
    v = day_val(d, "publication")
    v.type, v.value = "TIME", d.isoformat() + "T" + code
    return v


_WD_PLURAL_PART = re.compile(
    rf"\s+(?:and|or|&)\s+(?-i:{cased(WEEKDAY_NAMES)})\s+(morning|afternoon|evening|night)s(?![a-z])", re.IGNORECASE)


def h_weekday(m: re.Match[str], ctx: Context) -> Val | None:
    wd = WEEKDAYS[m.group("wd").lower().rstrip(".")]
    rel = group_or_none(m, "rel")
    wrel = (group_or_none(m, "wrel") or "").lower()
    part = (group_or_none(m, "part") or "").lower()
    dct = ctx.dct
    d: date | None
    if not rel and not wrel:
        # "Tuesday nights", and "Monday" in "Monday and Tuesday nights": every such night
        co = None if part else _WD_PLURAL_PART.match(ctx.text, m.end())
        if group_or_none(m, "plural") or co is not None:
            code = PARTS_OF_DAY[part or co.group(1).lower()]  # type: ignore[union-attr]
            return Val("SET", f"XXXX-WXX-{wd + 1}T{code}")
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
            return unresolved(f"XXXX-WXX-{wd + 1}", granularity="day")
        ref = lv.ref
        if re.search(r"previous|preceding", rel, re.I):
            d = ref - timedelta(days=(ref.weekday() - wd) % 7 or 7)
        else:
            d = ref + timedelta(days=(wd - ref.weekday()) % 7 or 7)
        v = day_val(d, "expression")
        return v
    else:
        d = weekday_date(wd, ctx, m.start(), m.end(), rel)
    if d is None:
        v = unresolved(f"XXXX-WXX-{wd + 1}", granularity="day")
    else:
        v = day_val(d, "publication")
    code = PARTS_OF_DAY.get(part)
    if code:
        v.type = "TIME"
        v.value = v.value + "T" + code
    return v


def h_time(m: re.Match[str], ctx: Context) -> Val | None:
    tv = time_value(m.group("t"))
    if tv is None:
        return None
    t_only = m.group("t")
    if re.fullmatch(r"\s*\d{1,2}:\d{2}\s*", t_only) and not group_or_none(m, "dayref"):
        before = ctx.text[max(0, m.start() - 12):m.start()]
        after = ctx.text[m.end():m.end() + 14]
        if not (re.search(r"\b(?:at|by|from|until|till|before|after|around|about|since)\s+$", before, re.I)
                or re.match(r"\s*(?:hrs|h\b|local|GMT|UTC|KST|o'clock)", after, re.I)):
            return None
    day_s = group_or_none(m, "dayref")
    if day_s:
        dv = resolve_dayref(day_s, ctx, m.start(), m.end())
    else:
        dv = None
        if ctx.dct is not None:
            lv = ctx.prev[-1] if ctx.prev else None
            if lv is not None and lv.granularity == "day" and lv.ref is not None and lv.anchor != "unresolved":
                dv = day_val(lv.ref, "expression")
            else:
                dv = day_val(ctx.dct, "publication")
    if dv is None:
        return Val("TIME", tv, None, None, "day", "unresolved")
    v = replace(dv)
    v.type = "TIME"
    v.value = dv.value + tv if dv.value[:1].isdigit() or dv.value.startswith("X") else tv
    return v


def _h_ref(m: re.Match[str], ctx: Context) -> Val | None:
    w = re.sub(r"\s+", " ", m.group(0).lower())
    if w in ("now",) and re.match(r"\s*that\b", ctx.text[m.end():m.end() + 8]):
        return Val("DATE", "PRESENT_REF")
    if w in ("current", "currently") and re.search(r"\bthen[\s-]+$", ctx.text[max(0, m.start() - 6):m.start()], re.I):
        return Val("DATE", "PAST_REF")  # "the then current price": current at a past time
    if "future" in w or w in ("soon", "shortly", "in due course", "eventually") or\
            "coming" in w or "ahead" in w or "term" in w or "later" in w:
        return Val("DATE", "FUTURE_REF")
    if any(k in w for k in ("past", "recent", "previously", "formerly", "once", "earlier",
                            "lately", "ago", "historically", "before")):
        return Val("DATE", "PAST_REF")
    return Val("DATE", "PRESENT_REF")


def h_week_of(m: re.Match[str], ctx: Context) -> Val | None:
    """ "the week of March 6": the week holding that day (unresolved without its year)."""
    dv = resolve_dayref(m.group("dayref"), ctx, m.start("dayref"), m.end("dayref"))
    if dv is None:
        return None
    if dv.ref is None or dv.earliest is None:
        return unresolved("XXXX-WXX", granularity="week")
    return week_val(dv.ref, dv.anchor)


def h_anchored_day(m: re.Match[str], ctx: Context) -> Val | None:
    """ "the day before", "the next day", "the previous day", "that day", "the same day"."""
    w = re.sub(r"\s+", " ", m.group(0).lower())
    tgt = group_or_none(m, "tgt")
    if tgt:
        # "the day before last Tuesday('s hearing)", "the day after May 3": from that day
        rel = re.match(r"(last|next)\s+", tgt, re.IGNORECASE)
        if rel:
            wd = WEEKDAYS[tgt[rel.end():].strip().lower().rstrip(".")]
            d0 = weekday_date(wd, ctx, m.start("tgt"), m.end("tgt"), rel.group(1))
            dv = day_val(d0, "publication") if d0 is not None else None
        else:
            dv = resolve_dayref(tgt, ctx, m.start("tgt"), m.end("tgt"))
        if dv is None:
            return None
        off = -1 if re.search(r"before", w) else 1
        if dv.ref is None or dv.earliest is None:
            return unresolved("XXXX-XX-XX", granularity="day")
        v = day_val(dv.ref + timedelta(days=off), dv.anchor)
        if "night" in w:
            v.type, v.value = "TIME", v.value + "TNI"
        return v
    lv = ctx.last_resolved(("day",))
    near = ctx.last_resolved()
    if (near is not None and near is not lv and near.granularity == "month" and near.ref is not None
            and re.fullmatch(r"that\s+(?:same\s+)?day|the\s+same\s+day", w)
            and not (lv is not None and ctx.same_sentence(lv, near))):
        # "killed last October ... crossed out that same day": a day of that month, which one unsaid
        # (a month told after a day in the day's own sentence describes something else: "On May 6 it
        # unsealed a complaint, filed in June, … The same day" is May 6)
        v = month_val(near.ref.year, near.ref.month, "expression")
        v.value = v.value + "-XX"  # bounds (and granularity) stay those of the month
        return v
    if lv is None or lv.ref is None:
        return unresolved("XXXX-XX-XX", granularity="day")
    sig = re.match(r"the\s+(?:day|night)(\s+(?:before|after))$", m.group(0), re.IGNORECASE)
    if sig and re.match(r"\s+[\w\"“‘']", ctx.text[m.end():m.end() + 3]) and ctx.prev and ctx.prev[-1] is lv\
            and 0 <= ctx.last_end <= m.start() and re.fullmatch(r"\s*,\s*", ctx.text[ctx.last_end:m.start()]):
        # "Oct. 12, the day before the stock market plunge": "the day" restates the date just
        # given; "before" is a signal to the event that follows
        v = day_val(lv.ref, "expression")
        v.cut = len(sig.group(1))
        return v
    if "before" in w or "previous" in w or "preceding" in w or "earlier" in w or "eve" in w:
        off = -1
    elif "after" in w or "next" in w or "following" in w or "later" in w:
        off = 1
    else:
        off = 0
    return day_val(lv.ref + timedelta(days=off), "expression")


def h_unit_before(m: re.Match[str], ctx: Context) -> Val | None:
    unit = m.group("unit").lower()
    step = -1 if m.group("dir").lower() == "before" else 1
    lv = ctx.last_resolved()
    if lv is None or lv.ref is None:
        return unresolved({"year": "XXXX", "month": "XXXX-XX", "week": "XXXX-WXX"}[unit], granularity=unit)
    d = shift(lv.ref, step, unit)
    if d is None:
        return None
    return at_granularity(d, unit, "expression")


def h_that_year(m: re.Match[str], ctx: Context) -> Val | None:
    lv = ctx.last_resolved()
    if lv is None or lv.ref is None:
        return unresolved("XXXX")
    return year_val(lv.ref.year, "expression")


def h_mid_part(m: re.Match[str], ctx: Context) -> Val | None:
    """The middle of a part of the day: of the named day, of the day just mentioned, or the DCT."""
    code = PARTS_OF_DAY[m.group("part").lower()]
    w = (m.group("w") or "").lower()
    if ctx.dct is None and not w:
        lv = ctx.prev[-1] if ctx.prev else None
        if lv is None or lv.granularity != "day" or lv.ref is None or lv.anchor == "unresolved":
            return unresolved("XXXX-XX-XXT" + code, "TIME", "day")
    if w:
        if ctx.dct is None:
            return unresolved("XXXX-XX-XXT" + code, "TIME", "day")
        v = day_val(ctx.dct + timedelta(days={"today": 0, "tomorrow": 1, "yesterday": -1}[w]), "publication")
    else:
        lv = ctx.prev[-1] if ctx.prev else None
        if lv is not None and lv.granularity == "day" and lv.ref is not None and lv.anchor != "unresolved":
            v = day_val(lv.ref, "expression")
        else:
            assert ctx.dct is not None
            v = day_val(ctx.dct, "publication")
    v.type, v.value, v.mod = "TIME", v.value + "T" + code, "MID"
    return v


def h_the_year(m: re.Match[str], ctx: Context) -> Val | None:
    """ "the year ended June 30" (a 12-month period); "for the year," / "the end of the year"
    (the DCT's year or month)."""
    after = ctx.text[m.end():m.end() + 12]
    before = ctx.text[max(0, m.start() - 8):m.start()]
    unit = m.group("unit").lower()
    pos = m.group("pos")
    if m.group("inpos"):
        # "earlier in the year", "later in the day": the DCT's period, as "earlier this year"
        if ctx.dct is None:
            return unresolved({"year": "XXXX", "month": "XXXX-XX", "week": "XXXX-WXX"}.get(unit, "XXXX-XX-XX"),
                               granularity=unit)
        d = ctx.dct
        return {"year": year_val(d.year, "publication"), "month": month_val(d.year, d.month, "publication"),
                "week": week_val(d, "publication")}.get(unit) or day_val(d, "publication")
    if unit in ("week", "day"):
        return None
    if unit == "year" and not pos and re.match(r"\s+(?:ended|ending|to)\b", after, re.I):
        return Val("DURATION", "P1Y")
    if not pos and not (re.search(r"\b(?:for|of)\s+$", before, re.I) and re.match(r"\s*[,.;:]|\s+(?:was|were|is|rose|fell)\b", after)):
        return None
    if ctx.dct is None:
        return unresolved("XXXX" if unit == "year" else "XXXX-XX", granularity=unit)
    v = year_val(ctx.dct.year, "publication") if unit == "year" else month_val(ctx.dct.year, ctx.dct.month, "publication")
    return apply_position(v, pos) if pos and "rest" not in pos.lower() else v


def h_weekend(m: re.Match[str], ctx: Context) -> Val | None:
    """ "the weekend": the one before the DCT in a past-tense sentence, else the coming one."""
    dct = ctx.dct
    if dct is None:
        return unresolved("XXXX-WXX-WE", granularity="day")
    if ctx.tense(m.start(), m.end()) == "future" or dct.weekday() < 5 and ctx.tense(m.start(), m.end()) != "past":
        return weekend_val(dct, "publication")
    d = dct if dct.weekday() >= 5 else dct - timedelta(days=7)
    return weekend_val(d, "publication")


_THAT_MONTH_BEFORE = re.compile(r"(?:^|[.!?;:,—–(\n]\s*|\b(?:in|during|of|by|until|throughout|from|for|within)\s+)$", re.I)


def h_relunit_guard(m: re.Match[str], ctx: Context) -> Val | None:
    rel = re.sub(r"\s+", " ", m.group("rel").lower())
    unit = unit_name(m.group("unit"))
    after = ctx.text[m.end():m.end() + 20]
    if rel == "that" and unit != "week" and not (unit == "month" and (m.group("pos") or _THAT_MONTH_BEFORE.search(ctx.text, 0, m.start()))):
        return None  # "said that month…": a complementizer; "That month," / "in that month" / "later that month" refer back
    if unit == "night" and rel not in ("last", "the previous", "the following", "the next", "the same"):
        return None
    if unit == "night" and rel == "last":
        if ctx.dct is None:
            return unresolved("XXXX-XX-XXTNI", "TIME", "day")
        d = ctx.dct - timedelta(days=1)
        v = day_val(d, "publication")
        v.type, v.value = "TIME", d.isoformat() + "TNI"
        return v
    # "last year's" keeps its year; "next year's first quarter" is caught by h_quarter (periods) first
    pos = m.group("pos")
    if rel == "previous" and unit == "year" and re.search(r"\bany\s+$", ctx.text[max(0, m.start() - 5):m.start()], re.I):
        return None  # "more than in any previous year": every earlier year, not one of them
    if (rel in ("the past", "the last") and unit in ("year", "month", "week") and not pos
            and re.search(r"\b(?:over|in|during|for|within|throughout)\s+$", ctx.text[max(0, m.start() - 12):m.start()], re.I)
            and not re.match(r"['’]s\b", after)):
        # "over the past year": the twelve months up to the report, like "the past decade"
        return anchored_duration(1, unit, -1, ctx)
    v = _h_relunit(m, ctx)
    hm = re.match(r"the\s+(first|second)\s+half\s+of", pos or "", re.IGNORECASE)
    if hm and unit == "year" and v is not None:
        # "the first half of this year": a half-year, not the whole year
        if v.ref is None or v.earliest is None:
            return unresolved(f"XXXX-H{1 if hm.group(1).lower() == 'first' else 2}", granularity="half")
        return half_val(v.ref.year, 1 if hm.group(1).lower() == "first" else 2, v.anchor)
    if v is not None and pos and v.earliest is not None and pos.lower().startswith(("earlier", "later")):
        # "earlier this year": the part of the period before (after) the DCT
        dct = ctx.dct
        if dct is not None and v.earliest <= dct <= v.latest:  # type: ignore[operator]
            if pos.lower().startswith("earlier"):
                v = replace(v, latest=dct, mod="BEFORE" if False else v.mod)
            else:
                v = replace(v, earliest=dct)
    return v


def h_part_of_day_guard(m: re.Match[str], ctx: Context) -> Val | None:
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


def h_ref_guard(m: re.Match[str], ctx: Context) -> Val | None:
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
        return Val("DATE", "PRESENT_REF")
    if w == "the long term" or w == "the medium term":
        return Val("DATE", "FUTURE_REF")
    return _h_ref(m, ctx)


def h_day_of_month(m: re.Match[str], ctx: Context) -> Val | None:
    """"On the 8th", "on the afternoon of the 8th", "the 23rd of last month", "this month 14th"
    (the English of Korean wires and ministries): a day of the month named, else of the month of
    the publication date — the last such day not after it, unless the clause tells the future."""
    n = int(group_or_none(m, "nth") or m.group("nth2"))
    rel = (group_or_none(m, "mrel") or group_or_none(m, "mrel2") or "").lower()
    dct = ctx.dct
    if dct is None:
        return unresolved(f"XXXX-XX-{n:02d}", granularity="day")
    months = dct.year * 12 + dct.month - 1
    if rel.startswith(("last", "previous")):
        months -= 1
    elif rel.startswith("next"):
        months += 1
    elif not rel and n > dct.day and ctx.tense(m.start(), m.end()) != "future":
        months -= 1  # "were arrested on the 28th", told on the 3rd: last month's 28th
    elif not rel and n < dct.day and ctx.tense(m.start(), m.end()) == "future":
        months += 1
    d = date_or_none(months // 12, months % 12 + 1, n)
    named = _WEEKDAY_AFTER.match(ctx.text, m.end())  # "on the 6th (Fri)": the month in which the 6th is a Friday
    if named is not None and not rel:
        wd = ("mon", "tue", "wed", "thu", "fri", "sat", "sun").index(named.group(1).lower())
        near = [date_or_none((k + dct.month - 1) // 12 + dct.year, (k + dct.month - 1) % 12 + 1, n) for k in (0, -1, 1)]
        fits = sorted((x for x in near if x is not None and x.weekday() == wd), key=lambda x: (abs((x - dct).days), x > dct))
        d = fits[0] if fits else d
    if d is None:
        return None
    v = day_val(d, "publication")
    part = (group_or_none(m, "part") or "").lower()
    if part in PARTS_OF_DAY:
        v.type, v.value = "TIME", f"{v.value}T{PARTS_OF_DAY[part]}"
    return v


_WEEKDAY_AFTER = re.compile(r"\s*\((mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\)", re.I)
