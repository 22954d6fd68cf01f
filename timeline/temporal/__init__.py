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

The modules, each importing only those above it:

* ``lexicon`` — month, weekday, number and unit words; the regex fragments built from them.
* ``values`` — ``Val``, the value being built, and the calendar interval of each granularity.
* ``context`` — the document being tagged: its DCT, tense, and what was resolved before.
* ``absolute`` — complete date strings (``parse_date_arg``, ``parse_absolute_date``).
* ``dates``, ``periods``, ``durations``, ``relative`` — the handlers, one per pattern: calendar
  dates; quarters and fiscal periods; durations, ago-dates and sets; DCT- and
  expression-relative phrases.
* ``grammar`` — the patterns with their handlers; ``scan`` — the candidates at head words;
  ``finder`` — :func:`find_timexes`; ``records`` — plain records and their text formats.

>>> from datetime import date
>>> [(t.text, t.value) for t in find_timexes("In April 2025, 60 people were sent back.", None)]
[('April 2025', '2025-04')]
>>> t = find_timexes("Last year, the UN warned.", date(2025, 10, 2))[0]
>>> (t.value, t.earliest, t.latest, t.anchor)
('2024', datetime.date(2024, 1, 1), datetime.date(2024, 12, 31), 'publication')
"""

from .absolute import parse_absolute_date, parse_date_arg
from .finder import find_timexes
from .grammar import prepare  # noqa: F401 - not in __all__ (as before); `temporal.prepare()` is called by stream.py
from .records import format_timex_records, timex_records

__all__ = [
    "find_timexes",
    "parse_date_arg",
    "parse_absolute_date",
    "timex_records",
    "format_timex_records",
]
