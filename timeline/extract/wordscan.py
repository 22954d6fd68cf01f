"""Whether a text names one of many words: the scan that decides which sentences are worth a parse.

:class:`WordScan` answers what ``re.search`` would with the pattern
``(?<![\\w-])(?:form|form|…)(?![\\w])`` compiled to ignore case (each form a word of letters and
hyphens), without compiling it: such a pattern over the ~1,400 inflected forms of the trigger
lemmas takes longer to compile than a short document takes to read. The text is folded to lower
case the way the regex compares letters (``İ`` and ``ı`` match ``i``, ``ſ`` matches ``s``, the
Kelvin sign ``k``), cut into runs of word characters and hyphens, and each run is looked up in
a set whole and up to each hyphen in it — the only places such a match can end.

>>> scan = WordScan({"arrest", "test-fire"})
>>> bool(scan.search("Police ARRESTED two; the arrest-warrant came later."))
True
>>> bool(scan.search("No rearrest, no test-fires, no arrests_."))
False
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["WordScan"]

# Letters outside ASCII that a case-ignoring regex matches to ASCII ones, where ``str.lower``
# does not already give that letter (``tests/test_wordscan.py`` checks this against ``re``).
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})
_RUN = re.compile(r"[\w-]+")
_FORM = re.compile(r"[a-z][a-z-]*")
_EMPTY = re.compile(r"(?<![\w-])(?![\w])")  # what an alternation of no forms matches: the empty string there


class WordScan:
    """``search(text)``: truthy when one of ``forms`` (compared ignoring case) occurs in ``text``
    not preceded by a word character or a hyphen and not followed by a word character, or when
    one of ``patterns`` (regexes, compiled ignoring case) matches; as ``re.search`` of the
    alternation of both would. Forms must be letters and hyphens (ValueError otherwise)."""

    def __init__(self, forms: Iterable[str], patterns: Iterable[str] = ()) -> None:
        self.forms = frozenset(form.lower() for form in forms)
        odd = sorted(f for f in self.forms if not _FORM.fullmatch(f))
        if odd:
            raise ValueError(f"WordScan takes words of letters and hyphens, not {odd[:3]}")
        patterns = list(patterns)
        self.patterns = re.compile("|".join(patterns), re.IGNORECASE) if patterns else None

    def search(self, text: str) -> object:
        if not self.forms:
            return _EMPTY.search(text) or (self.patterns.search(text) if self.patterns is not None else None)
        runs = set(_RUN.findall(text.translate(_FOLD).lower()))
        if not runs.isdisjoint(self.forms):
            return True
        for run in runs:
            at = run.find("-")
            while at > 0:
                if run[:at] in self.forms:
                    return True
                at = run.find("-", at + 1)
        return self.patterns.search(text) if self.patterns is not None else None
