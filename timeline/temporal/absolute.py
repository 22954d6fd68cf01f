"""Complete date strings: the ``--published`` argument and the dates a document reader finds.

``parse_date_arg`` reads ``YYYY-MM-DD`` strictly (raising :class:`~timeline.errors.DateError`);
``parse_absolute_date`` reads a dateline or a meta tag ("2 Oct. 2025", "10/02/2025", "October
2025") as ``(date, granularity)``, or None.
"""

from __future__ import annotations

import re
from datetime import date

from ..errors import DateError
from .lexicon import DAY, FLAGS, MONTH, WEEKDAY, YEAR4, month_number, two_digit_year


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
    re.compile(rf"(?:{WEEKDAY},?\s+|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),?\s+)?(?P<mon>{MONTH})\s+(?P<d>{DAY}),?\s+(?P<y>{YEAR4})(?:,?\s+(?:at\s+)?(?P<H>\d{{1,2}}):(?P<M>\d{{2}})(?::\d{{2}})?\s*(?P<ap>[AaPp]\.?[Mm]\.?)?)?(?:\s*[A-Z]{{2,4}})?", FLAGS),
    # 2 Oct. 2025 / Thursday 2 October 2025
    re.compile(rf"(?:{WEEKDAY},?\s+|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),?\s+)?(?P<d>{DAY})\s+(?:of\s+)?(?P<mon>{MONTH}),?\s+(?P<y>{YEAR4})(?:,?\s+(?P<H>\d{{1,2}}):(?P<M>\d{{2}})(?::\d{{2}})?\s*(?P<ap>[AaPp]\.?[Mm]\.?)?)?(?:\s*[A-Z]{{2,4}})?", FLAGS),
    # October 2025
    re.compile(rf"(?P<mon>{MONTH}),?\s+(?P<y>{YEAR4})", FLAGS),
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
                y = two_digit_year(y)
            if gd.get("mon"):
                mo = month_number(gd["mon"])
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
