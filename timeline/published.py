"""The publication date written in a document's own text (stdlib only): a KCNA-style stamp, a
dateline, a byline or "Published:" line, a date line under the headline, a wire service's time
stamp. :func:`infer_published` returns the date with how it was found and how sure it is;
metadata (front matter, HTML meta tags) is read by :mod:`timeline.documents` before this.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from timeline.datestrings import SLASHED, parse_date_string, slashed_readings
from timeline.linear import SpanIndex
from timeline.model import Span

__all__ = ["FULL_DATE", "infer_published", "original_date"]

_HIGH, _MEDIUM = "high", "medium"

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?"
def _parse_date(value: str) -> date | None:
    """A full calendar date from a metadata string (ISO, "October 2, 2025", "2 Oct 2025", "2025년
    10월 2일"…), else None: :func:`timeline.datestrings.parse_date_string`.

    >>> _parse_date("Thursday, Oct. 2, 2025 10:00 KST"), _parse_date("2025-10-02T09:00:00+09:00")
    (datetime.date(2025, 10, 2), datetime.date(2025, 10, 2))
    """
    return parse_date_string(value)


def _month(name: str) -> int:
    name = name.lower().rstrip(".")
    return _MONTHS.get(name[:4] if name.startswith("sept") else name[:3], 0)


_STAMP = re.compile(r"\((\d{4})\.(\d{1,2})\.(\d{1,2})\.?\)"  # KCNA's "(2024.12.19)"
                    r"|\bJuche\s+\d{1,3}\s*\((\d{4})\)\s*\.\s*(\d{1,2})\s*\.\s*(\d{1,2})\b")  # and its "Juche 113(2024).12.19."
FULL_DATE = re.compile(
    rf"\b{_WEEKDAY}(?:{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\.?,?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{4}}\.\d{{1,2}}\.\d{{1,2}}\.?|\d{{1,2}}\.\d{{1,2}}\.\d{{4}})(?!\d)",
    re.I,
)
# "Pyongyang, October 2 (KCNA) –", "SEOUL, Oct. 2, 2025 (Reuters) -", "Oct. 2, 2025 —",
# and the press-release form "(Seoul, June 2, 2024) –".
_DATELINE = re.compile(
    rf"^(?P<paren>\()?(?P<city>[A-Z][\w'’.-]*(?:(?: ?/ ?| )[A-Z][\w'’.-]*){{0,3}},\s+)?"
    rf"(?:(?P<mon>{_MONTH})\.?\s+(?P<day>\d{{1,2}})|(?P<day2>\d{{1,2}})\s+(?P<mon2>{_MONTH})\.?)"
    r"(?:,?\s+(?P<year>\d{4}))?(?(paren)\))"
    r"\s*(?P<agency>\([A-Za-z][\w .&/-]{1,30}\))?\s*(?:\.?[\u2013\u2014-]{1,2}|:)\s",  # "(EFE).-": the Spanish wires' stop
    re.I,
)
# "Seoul/Geneva, February 16, 2024" on a line of its own (a press release under its banner).
_DATELINE_LINE = re.compile(
    rf"^(?!by\s)(?!(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\b)(?P<city>(?-i:[A-Z][\w'’.-]*(?:(?: ?/ ?| )[A-Z][\w'’.-]*){{0,3}})),\s+"
    rf"(?:(?P<mon>{_MONTH})\.?\s+(?P<day>\d{{1,2}})|(?P<day2>\d{{1,2}})\s+(?P<mon2>{_MONTH})\.?)"
    r",?\s+(?P<year>\d{4})\s*(?P<agency>\([A-Za-z][\w .&/-]{1,30}\))?\s*$",
    re.I,
)
# "WASHINGTON, APRIL 25. The United States …": an Indian paper's dateline, the place in capitals and a
# full stop after the day.
_DATELINE_STOP = re.compile(
    rf"^(?P<city>(?-i:[A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){{0,3}})),\s+(?:(?P<mon>{_MONTH})\.?\s+(?P<day>\d{{1,2}})"
    rf"|(?P<day2>\d{{1,2}})\s+(?P<mon2>{_MONTH}))(?:,?\s+(?P<year>\d{{4}}))?(?P<agency>)\.\s+(?=[A-Z])",
    re.I,
)
# "Seoul (AFP) – Oct 31, 2024" (the agency before the date, often on a line of its own).
_DATELINE_AGENCY_FIRST = re.compile(
    rf"^(?P<city>[A-Z][\w'’.-]*(?:(?: ?/ ?| )[A-Z][\w'’.-]*){{0,3}}),?\s*(?P<agency>\([A-Za-z][\w .&/-]{{1,30}}\))\s*(?:[\u2013\u2014-]{{1,2}}|,)\s*"
    rf"(?:(?P<mon>{_MONTH})\.?\s+(?P<day>\d{{1,2}})|(?P<day2>\d{{1,2}})\s+(?P<mon2>{_MONTH})\.?)"
    r"(?:,?\s+(?P<year>\d{4}))?\s*(?:$|[\u2013\u2014-]{1,2}\s|:\s)",
    re.I,
)
# "GENEVA (13 October 2023) –", "WASHINGTON (March 4, 2024) -": a press release's dateline
# with the full date in brackets after the place.
_DATELINE_PAREN_DATE = re.compile(
    rf"^(?P<city>(?-i:[A-Z][\w'’.-]*(?:(?: ?/ ?| )[A-Z][\w'’.-]*){{0,3}})),?\s*\(\s*"
    rf"(?:(?P<mon>{_MONTH})\.?\s+(?P<day>\d{{1,2}})|(?P<day2>\d{{1,2}})\s+(?P<mon2>{_MONTH})\.?)"
    r",?\s+(?P<year>\d{4})(?:,?\s+\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[a-z]{2,5})?)?\s*\)\s*(?P<agency>)(?:[\u2013\u2014-]{1,2}|:)\s",
    re.I,
)
_BYLINE = re.compile(
    r"^(?:(?P<label>first\s+(?:published|posted)|published|posted|updated|(?:page\s+)?last\s+updated|(?:page\s+)?last\s+modified|modified|date"
    r"|release\s+date|date\s+of\s+(?:issue|release)|issued|released)"
    r"(?:\s+(?:on|at))?\s*[:\-\u2013\u2014]?\s*(?P<date1>.+)"
    r"|by\s+[^|\n]{2,80}?(?:\s*[|\u2022\u00b7,]\s*|\s+[\u2013\u2014-]{1,2}\s+)(?:(?:last\s+)?(?:published|posted|updated)(?:\s+on)?\s*:?\s*)?(?P<date2>.+))$",
    re.I,
)


def infer_published(
    text: str, noise: Iterable[Span] = (), *, body_start: int = 0
) -> tuple[date, str, str] | None:
    """``(date, source, confidence)`` for the publication date found in ``text``, or None.

    Looks for a KCNA stamp, then a dateline at the start of the body, then a byline near the
    top, then a wire service's time stamp alone on the last line, skipping anything inside
    ``noise`` (page furniture), then a date alone in brackets closing the story, then a foot line
    saying when the article was first published, then a page address above the story with the
    date in its path (".../2003/04/17/...").

    >>> infer_published("SEOUL, Oct. 2, 2025 (Reuters) - Officials said.")
    (datetime.date(2025, 10, 2), 'dateline', 'high')
    """
    in_noise = SpanIndex((s.start, s.end) for s in noise)  # by bisection: pages with many furniture lines

    for m in _STAMP.finditer(text):
        if in_noise(m.start(), m.end()):
            continue
        try:
            return date(*_stamp_parts(m)), "stamp", _HIGH
        except ValueError:
            continue

    lines = _top_lines(text, body_start, in_noise)
    # A dateline opens the first line of the body (or the line after a title).
    for n, (start, line) in enumerate(lines[:10]):
        m = (
            _DATELINE.match(line)
            or _DATELINE_AGENCY_FIRST.match(line)
            or _DATELINE_LINE.match(line)
            or _DATELINE_PAREN_DATE.match(line)
            or _DATELINE_STOP.match(line)
        )
        if m is None and n >= 4 and _prose(line):
            break  # below the first lines a dateline may follow only furniture (a banner, a contact line)
        if m is None or not (m.group("city") or m.group("agency") or m.group("year")):
            continue
        month = _month(m.group("mon") or m.group("mon2"))
        day = int(m.group("day") or m.group("day2"))
        if n >= 4 and not m.group("year"):
            written = _written_before(_byline(lines[:n]), month, day)  # below a page's head: only with the head's date
            if written is not None:
                return written, "dateline", _MEDIUM
            continue
        if m.group("year"):
            try:
                return date(int(m.group("year")), month, day), "dateline", _HIGH
            except ValueError:
                continue
        year = _year_for(text, month, day, in_noise)
        if year is not None:
            return date(year, month, day), "dateline", _MEDIUM
        written = _written_before(_byline(lines), month, day)
        if written is not None:
            return written, "dateline", _MEDIUM  # "BEIJING, Feb. 12 --" under "Thursday, February 13, 1997; Page A01"
    # A byline or "Published:" line near the top; published wins over updated.
    best = _byline(lines)
    if best is not None:
        return best[1], "byline", _MEDIUM
    yearless = _copyright_day(text, lines)
    if yearless is not None:
        return yearless, "byline", _MEDIUM
    last = text.rstrip()[-40:].rsplit("\n", 1)[-1].strip()
    m = _FOOT_STAMP.fullmatch(last)
    if m is not None and not in_noise(len(text.rstrip()) - len(last), len(text.rstrip())):
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3))), "stamp", _MEDIUM
        except ValueError:
            pass
    for m in _CLOSING_DATE.finditer(text, body_start):  # "(Sep. 14, 2011)" alone under the story's last paragraph
        if not in_noise(m.start(), m.end()) and (when := _parse_date(m.group(1))) is not None:
            return when, "stamp", _MEDIUM
    for line in text.rstrip().rsplit("\n", 6)[-6:]:  # "© 2023 … This article was first published on September 7, 2023."
        m = _FIRST_PUBLISHED.search(line)
        if m is not None and m.group("year") is None and (when := _parse_date(m.group("date"))) is not None:
            return when, "byline", _MEDIUM
    head = next((start for start, line in lines if _prose(line)), len(text))  # above the story's first sentence
    m = _URL_DATE.search(text, 0, head)  # the page's address above it: ".../world/2003/04/17/un-rights-body-…"
    if m is not None:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3))), "url", _MEDIUM
        except ValueError:
            pass
    return None


_URL_DATE = re.compile(r"(?<![\w/])https?://[^\s/]+/(?:[^\s]*?/)?((?:19|20)\d\d)/(\d{1,2})/(\d{1,2})(?=/|[-_.]|\s|$)")


_AFTER_DATE = re.compile(r"\s*[|\u2022\u00b7]\s*|\s+/\s+")
_LEADING_TIME = re.compile(r"^\d{1,2}[:.]\d{2}(?![.:]?\d)\s*(?:[ap]\.?m\.?)?\s*(?:[a-z]{2,5}(?:[+-]\d{1,2}(?::?\d{2})?)?)?\s*,?\s*", re.I)
# "2024/04/29 16:12 KST" alone on the last line: a wire service's time stamp at the foot.
_FOOT_STAMP = re.compile(r"(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})\s+\d{1,2}:\d{2}(?:\s*[A-Z]{2,5})?")
_TRAILING_TIME = re.compile(r"(?:(?:,\s*|\s+)(?:at\s+)?\d{1,2}[:.]\d{2}(?!\d).*)$")  # "12:01AM EDT" too


# The text's own date where a page shows a copy of it: a repost's "Originally published …", an
# archived e-mail newsletter's "Sent …" — a line of its own or a field of a masthead line. The
# text was written then, whatever the page says of itself ("Archived 12 January 2022").
_OWN_DATE = re.compile(
    r"\s*(?:originally\s+(?:published|posted)|(?:e-?mail\s+)?sent)(?:\s+on)?\s*[:\-\u2013\u2014]?\s*(?P<date>\S.*)", re.I)


def original_date(text: str, noise: Iterable[Span] = (), *, body_start: int = 0) -> date | None:
    """The date a repost gives for the text it copies ("Originally published October 14, 2020 ·
    Border Monitor"), or an archived e-mail its sending ("Sent Tuesday, March 31, 2020"), near
    its top, or None: the text was written then, whatever the page's own metadata says of the copy."""
    lines = _top_lines(text, body_start, SpanIndex((s.start, s.end) for s in noise))
    found = _byline(lines)
    return found[1] if found is not None and found[0] < 0 else _first_published(lines)


# An editor's note over a reposted text: "This dispatch was first published in August 1997"; the
# day is its dateline's ("BEIJING, Aug. 20"), which names no year of its own.
_A_FULL_DATE = FULL_DATE.pattern.removeprefix(r"\b")
_CLOSING_DATE = re.compile(rf"^[ \t]*\(({_A_FULL_DATE})\)[ \t]*$", re.I | re.M)  # "(Sep. 14, 2011)" on its own line
_FIRST_PUBLISHED = re.compile(
    r"\b(?:first|originally)\s+(?:published|printed|posted|ran|appeared|aired|broadcast)\b(?:\s+[\w'’]+){0,4}?\s+(?:on|in)\s+"
    rf"(?P<date>{_A_FULL_DATE}|(?P<mon>{_MONTH})\.?,?\s+(?P<year>\d{{4}}))", re.I)
_YEARLESS_DATELINE = re.compile(
    rf"^(?-i:[A-Z][\w'’.-]*(?:(?: ?/ ?| )[A-Z][\w'’.-]*){{0,3}}),\s+(?P<mon>{_MONTH})\.?\s+(?P<day>\d{{1,2}})\b(?!,?\s*\d{{4}})", re.I)


def _first_published(lines: list[tuple[int, str]]) -> date | None:
    """The day a repost's editor's note says the text was first published, its day from the
    text's own dateline when the note gives only the month; None when no day can be told."""
    for _start, line in lines:
        m = _FIRST_PUBLISHED.search(line)
        if m is None:
            continue
        if m.group("year") is None:
            return _parse_date(m.group("date"))
        month, year = _month(m.group("mon")), int(m.group("year"))
        for _s, other in lines:
            d = _YEARLESS_DATELINE.match(other)
            if d is not None and _month(d.group("mon")) == month:
                try:
                    return date(year, month, int(d.group("day")))
                except ValueError:
                    return None
        return None
    return None


def _byline(lines: list[tuple[int, str]]) -> tuple[int, date] | None:
    """The best dated byline or stamp line among the first lines, with its rank: -1 for a
    repost's "Originally published …" or an e-mail's "Sent …" (it dates the text itself; the
    page's own date only the copy), 0 for a publication date, 1 for an update."""
    best: tuple[int, date] | None = None
    prose_seen = 0
    for _start, line in lines[:8]:
        if _prose(line):
            prose_seen += 1  # a standfirst may come before the byline; the body may not
            if prose_seen >= 2:
                break
            continue
        own = next((m for f in _FIELDS.split(line) if (m := _OWN_DATE.match(f))), None) if len(line) <= 160 else None
        if own is not None and (when := _parse_date(_strip_time(own.group("date")))) is not None:
            if best is None or best[0] > -1:
                best = (-1, when)  # "Monthly Briefing · Issue 27 · Sent Tuesday, March 31, 2020": the text's own date
            continue
        m = _BYLINE.match(line)
        if m is not None:
            raw = m.group("date1") or m.group("date2") or ""
            when = _parse_date(_strip_time(raw))
            if when is None:
                when = _date_line(line)  # "Date: 2023-06-02    Hit: 2,417": the date is one field of the line
                if when is not None and (best is None or best[0] > 0):
                    best = (0, when)
                continue
            label = (m.group("label") or "").lower()
            rank = 1 if ("updated" in label or "modified" in label) else 0
            if best is None or rank < best[0]:
                best = (rank, when)
        elif (when := _date_line(line)) is not None and (best is None or best[0] > 0):
            best = (0, when)
    return best


# "Air date: Thursday, Feb. 26" over a script whose year is only in its "Copyright © 2026"
_YEARLESS_LINE = re.compile(
    r"(?:(?:air(?:ed)?|broadcast|date|posted|published)(?:\s+date)?\s*(?:on\s+)?[:\-\u2013\u2014]?\s*)?"
    r"(?P<wd>(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*)\.?,?\s+(?P<mon>" + _MONTH + r")\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?", re.I)
_COPYRIGHT_YEAR = re.compile(r"(?:copyright\s*(?:\u00a9|\(c\))?|\u00a9|\(c\))\s*((?:19|20)\d\d)\b(?!\s*[-\u2013]\s*\d)", re.I)


def _copyright_day(text: str, lines: list[tuple[int, str]]) -> date | None:
    """The day a date line near the top names without a year ("Air date: Thursday, Feb. 26"),
    in the year of the page's copyright line, only when that day of that year is the weekday the
    line names: a footer's year alone is the site's, not the page's."""
    years = {int(m.group(1)) for m in _COPYRIGHT_YEAR.finditer(text)}
    if len(years) != 1:
        return None
    year = years.pop()
    for _start, line in lines[:8]:
        m = _YEARLESS_LINE.fullmatch(_TRAILING_TIME.sub("", line).strip().rstrip("."))
        if m is None:
            continue
        try:
            when = date(year, _month(m.group("mon")), int(m.group("day")))
        except ValueError:
            return None
        return when if when.strftime("%a").lower() == m.group("wd")[:3].lower() else None
    return None


def _prose(line: str) -> bool:
    return len(line) >= 100 and line[-1] in ".!?\"'\u201d\u2019"


_FIELDS = re.compile(r"\s*[|\u2022\u00b7;]\s*|\s+[/\u2013\u2014-]\s+|\s{3,}|\t")  # " / " as in "May 9, 2018 / 10:41 PM / Updated …"; "…, 1997; Page A01"
_CLOCK = re.compile(r"\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[a-z]{2,5}(?:[+-]\d{1,2}(?::?\d{2})?)?)?", re.I)
_DATE_LABEL = re.compile(r"(?:^|\s)date\s*:\s*", re.I)
_DATE_FIELD = re.compile(r"^date\s*:\s*(?=\S)", re.I)
_DATED = re.compile(r"\sdated\s+", re.I)
_ISSUE = re.compile(r"(?:issue|vol\.?|volume|no\.|number)\s*\d+(?:\s*,\s*(?:issue|no\.|number)\s*\d+)?", re.I)
# "Dec. 26, 2018 | Updated Dec. 27, 2018, 9:15 a.m.": the update stamp beside the date of publication
_UPDATE_FIELD = re.compile(r"(?:last\s+)?(?:updated|modified)\s*:?\s*" + FULL_DATE.pattern + r"(?:,?\s*(?:at\s+)?" + _CLOCK.pattern + r")?\.?", re.I)
_SOURCE_AFTER = re.compile(r"(?<=\d)\s*\([A-Z][\w .&'-]{1,40}\)$")


def _date_line(line: str) -> date | None:
    """The date of a line near the top that is a date stamp: the date alone ("October 2, 2025
    9:30AM EDT", "2025/10/02 18:02", in brackets or not), a field among short labels ("WORLD NEWS | Thu Oct 2, 2025
    | 3:41am EST", "2 October 2025   Human rights"), or after a "Date:" label among a notice's
    reference numbers ("UA: 12/25 Index: ASA 24/0001/2025 Date: 2 October 2025"), else None."""
    if len(line) > 120 and not (len(line) <= 240 and _ISSUE.search(line)):
        return None  # a masthead's tagline may follow its issue number and date
    if line[:1] in "[(" and line[-1:] in "])":
        line = line[1:-1].strip()  # "[2005-03-16 17:40]": a stamp in brackets
    line = _SOURCE_AFTER.sub("", line)  # "September 15, 2017 (Mainichi Japan)": the outlet after its stamp
    if _FOOT_STAMP.fullmatch(line):
        return _parse_date(line)
    fields = [_DATE_FIELD.sub("", f) for f in _FIELDS.split(line) if f]  # "Date: 2023-06-02" among "Hit: 2,417"
    dated = [f for f in fields if FULL_DATE.fullmatch(_strip_time(f).strip())]
    rest = [f for f in fields if f not in dated and not _CLOCK.fullmatch(f) and not _UPDATE_FIELD.fullmatch(f)]
    issue = any(_ISSUE.fullmatch(f) for f in rest)  # "Issue 112 · Friday, June 12, 2009 · A digest of …"
    if len(dated) == 1 and len(fields) <= 4 and all((len(f) <= 30 or issue) and f[-1] not in ".!?" for f in rest):
        return _parse_date(_strip_time(dated[0]))
    label = _DATE_LABEL.search(line) or (_DATED.search(line) if _ISSUE.match(line) else None)  # "No. 87/2005 dated 7 October 2005"
    if label is not None and (m := FULL_DATE.match(line, label.end())) is not None and not line[m.end():].strip():
        return _parse_date(m.group())
    return None


def _strip_time(value: str) -> str:
    """Drop a trailing time or zone ("10:30 AM KST", "| 3 min read") after a date; a dotted
    date ("2014.11.20") is not a time."""
    value = _AFTER_DATE.split(value, maxsplit=1)[0]
    value = _LEADING_TIME.sub("", value) if _LEADING_TIME.match(value) and re.search(r"\d{4}", value[5:]) else value
    return _TRAILING_TIME.sub("", value).strip()


def _top_lines(text: str, body_start: int, in_noise) -> list[tuple[int, str]]:  # type: ignore[no-untyped-def]
    """The first non-blank, non-furniture lines of the text (from the top when the title is short)."""
    out: list[tuple[int, str]] = []
    head_end = min(len(text), body_start + 2000)
    pos = 0 if body_start < 400 else body_start
    for m in re.finditer(r"[^\n]+", text[pos:head_end]):
        start = pos + m.start()
        line = m.group().strip()
        if not line or in_noise(start, start + len(m.group())):
            continue
        out.append((start, line))
        if len(out) >= 10:
            break
    return out


def _year_for(text: str, month: int, day: int, in_noise) -> int | None:  # type: ignore[no-untyped-def]
    """The year of a full date elsewhere in the text with the same month and day (a slashed
    numeric date counts when its two numbers are that day and month in either order)."""
    for m in FULL_DATE.finditer(text):
        if in_noise(m.start(), m.end()):
            continue
        when = _parse_date(m.group())
        if when is not None and when.month == month and when.day == day:
            return when.year
    for m in _STAMP.finditer(text):
        if in_noise(m.start(), m.end()):
            continue
        y, mo, d = _stamp_parts(m)
        if mo == month and d == day:
            return y
    for m in SLASHED.finditer(text):  # "01/09/1995" under "Seoul, Sep 1 (EFE)": either order, the dateline's day
        if not in_noise(m.start(), m.end()) and any((d.month, d.day) == (month, day) for d in slashed_readings(m.group())):
            return int(m.group(3))
    return None




def _written_before(stamp: tuple[int, date] | None, month: int, day: int) -> date | None:
    """The day a dateline with no year names, in the week before the page's own date (a paper
    prints the next morning what its dateline says was written the day before), else None."""
    if stamp is None:
        return None
    for year in (stamp[1].year, stamp[1].year - 1):
        try:
            when = date(year, month, day)
        except ValueError:
            continue
        if 0 <= (stamp[1] - when).days <= 7:
            return when
    return None


def _stamp_parts(m: re.Match[str]) -> tuple[int, int, int]:
    """Year, month and day of a :data:`_STAMP` match, whichever of its forms matched."""
    first = 1 if m.group(1) is not None else 4
    return int(m.group(first)), int(m.group(first + 1)), int(m.group(first + 2))


