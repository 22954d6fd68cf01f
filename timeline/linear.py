"""Small helpers that keep the text stages linear in their input (stdlib only).

Each replaces a pattern that was quadratic on repetitive input:

- :func:`drop_unterminated_markup`: ``html.parser`` (before Python 3.13.4) rescans to the end
  of the text for every ``<`` of a tag, end tag or declaration left open at the end of the
  input (``"<a " * 20000`` took 63 s); HTML5 drops such an unterminated construct, and so
  does this, before the parser sees it.
- :class:`SpanIndex`: "does this range touch any of these spans" by bisection, not by
  looking at every span (a page with thousands of furniture lines and date stamps).
- :class:`QuoteBalance`: whether a position is inside an open quotation, counted
  incrementally along a sentence instead of from its start at every ellipsis.

>>> drop_unterminated_markup("<p>Hello</p><a href='x")
'<p>Hello</p>'
>>> SpanIndex([(0, 5), (10, 20)]).touches(4, 6), SpanIndex([(0, 5), (10, 20)]).touches(6, 9)
(True, False)
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

__all__ = ["QuoteBalance", "SpanIndex", "drop_unterminated_markup", "strip_comments"]

# What starts markup in the HTML tokenizer: "<" before a letter ("<a"), "/" ("</"), "!"
# (comments, declarations, CDATA) or "?" (processing instructions).
_MARKUP_OPEN = re.compile(r"<[A-Za-z/!?]")


def drop_unterminated_markup(html: str) -> str:
    """``html`` without a tag or declaration that is still open when the text ends.

    After the last ``>`` nothing can close, so the first markup opener after it starts a
    construct that runs to the end of the input; HTML5 drops it (text before it stays).
    """
    last = html.rfind(">")
    match = _MARKUP_OPEN.search(html, last + 1)
    return html if match is None else html[: match.start()]


def strip_comments(html: str) -> str:
    """``html`` without ``<!-- … -->`` comments (an unterminated one runs to the end), which
    html.parser would otherwise rescan to the end of the text once per ``<``.

    >>> strip_comments("a<!-- x -->b<!-- open")
    'ab'
    """
    parts: list[str] = []
    pos = 0
    while True:
        start = html.find("<!--", pos)
        if start < 0:
            parts.append(html[pos:])
            break
        parts.append(html[pos:start])
        end = html.find("-->", start + 4)
        if end < 0:
            break
        pos = end + 3
    return "".join(parts)


class SpanIndex:
    """Sorted, non-overlapping ``(start, end)`` spans, tested for overlap in O(log n)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self._starts = [s for s, _ in merged]
        self._ends = [e for _, e in merged]

    def touches(self, start: int, end: int) -> bool:
        """Whether ``start:end`` overlaps a span (``s < end and start < e``)."""
        i = bisect.bisect_left(self._starts, end) - 1  # the last span starting before ``end``
        return i >= 0 and self._ends[i] > start

    __call__ = touches

    def covered(self, start: int, end: int) -> int:
        """How many characters of ``start:end`` the spans cover (they do not overlap each other)."""
        total = 0
        i = bisect.bisect_right(self._ends, start)  # the first span ending after ``start``
        while i < len(self._starts) and self._starts[i] < end:
            total += min(end, self._ends[i]) - max(start, self._starts[i])
            i += 1
        return total


class QuoteBalance:
    """Open quotation marks between a sentence's start and a position, counted once per character.

    Asking for positions that only move forward within one sentence costs linear time in
    total; a new sentence start resets the count.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.start = self.pos = -1
        self.open = self.close = self.straight = 0

    def inside(self, start: int, end: int) -> bool:
        """Whether ``end`` is inside an open quotation that began after ``start``."""
        if start != self.start or end < self.pos:
            self.start, self.pos = start, start
            self.open = self.close = self.straight = 0
        chunk = self.text[self.pos : end]
        self.open += chunk.count("\u201c")
        self.close += chunk.count("\u201d")
        self.straight += chunk.count('"')
        self.pos = end
        return self.open > self.close or self.straight % 2 == 1
