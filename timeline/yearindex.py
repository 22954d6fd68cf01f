"""Where a piece of a block looks for a group to join, without looking at every group of its years.

The merge (:mod:`timeline.extract.merge`) files each dated group of a block under the years of
the piece that founded it, and a dated piece joins the first group it is compatible with, looking
year by year through its own years, each year's groups in the order they were made (a group
filed under several of those years is looked at once, in the first). :class:`YearIndex` holds
that order for :mod:`timeline.remerge`: groups are named by their *rank* (the merge's order of
the piece that founded them), and each year keeps its groups three ways — all of them, those
that changed in this merge (*dirty*), and by the interval their founder stated.

That last one is what lets a piece skip groups: a group's interval only narrows as pieces join
it (a piece's narrowest interval replaces the group's only when it lies within it), so it always
lies within its founder's; and a piece can join a group only when its own narrowest interval
nests with the group's, so only when it overlaps the founder's. :meth:`YearIndex.scan` gives
the groups whose founder's interval overlaps the piece's, in the order the merge looks at them;
the others cannot be compatible. Stdlib only.

>>> from datetime import date
>>> index = YearIndex()
>>> index.add(0, (2021, 2021), (date(2021, 3, 1), date(2021, 3, 31)))
>>> index.add(1, (2021, 2021), (date(2021, 6, 5), date(2021, 6, 5)))
>>> index.add(2, (2020, 2022), (date(2020, 1, 1), None))
>>> list(index.scan((2021, 2021), (date(2021, 6, 1), date(2021, 6, 30))))
[1, 2]
"""

from __future__ import annotations

import heapq
from bisect import bisect_left, insort
from collections.abc import Iterator
from datetime import date
from itertools import islice

Interval = tuple[date, date | None]
"""(earliest, latest), latest None when open (it reaches any later date)."""

_MERGED_AT_MOST = 16  # more overlapping intervals in one year than this: filter the year's list instead


def overlaps(a: Interval, b: Interval) -> bool:
    """Whether two intervals share a day (an open end reaches any later date).

    >>> overlaps((date(2021, 1, 1), date(2021, 12, 31)), (date(2021, 12, 31), None))
    True
    >>> overlaps((date(2021, 1, 1), date(2021, 1, 31)), (date(2021, 2, 1), date(2021, 2, 1)))
    False
    """
    return (a[1] is None or b[0] <= a[1]) and (b[1] is None or a[0] <= b[1])


class YearIndex:
    """A block's dated groups, filed under their years (see the module's docstring)."""

    def __init__(self) -> None:
        self.ranks: dict[int, list[int]] = {}  # year → ranks of the groups filed under it, ascending
        self.spans: dict[int, dict[Interval, list[int]]] = {}  # year → founder's interval → ranks, ascending
        self.dirty: dict[int, list[int]] = {}  # year → ranks of its dirty groups, ascending
        self.first: dict[int, int] = {}  # rank → the first year its group is filed under
        self.interval: dict[int, Interval] = {}  # rank → its founder's interval
        self._buckets: dict[int, dict[Interval, list[list[int]]]] = {}  # year → interval → the lists overlapping it

    def add(self, rank: int, years: tuple[int, int], interval: Interval) -> None:
        """File a new group (ranks come in ascending order) under ``years``, by its founder's ``interval``."""
        self.first[rank] = years[0]
        self.interval[rank] = interval
        for y in range(years[0], years[1] + 1):
            ranks = self.ranks.setdefault(y, [])
            if ranks and ranks[-1] >= rank:
                raise ValueError(f"group {rank} filed after group {ranks[-1]}: groups are made in the merge's order")
            ranks.append(rank)
            spans = self.spans.setdefault(y, {})
            bucket = spans.get(interval)
            if bucket is None:
                spans[interval] = [rank]
                self._buckets.pop(y, None)  # a new interval in this year: look again
            else:
                bucket.append(rank)

    def mark_dirty(self, rank: int, years: tuple[int, int]) -> None:
        """The group ``rank`` (filed under ``years``) differs from here on from what the last merge made of it."""
        for y in range(years[0], years[1] + 1):
            insort(self.dirty.setdefault(y, []), rank)

    def dirty_before(self, years: tuple[int, int], stop: tuple[int, int] | None = None) -> bool:
        """Whether a piece filed under ``years`` looks at a dirty group before the point ``stop``
        (year, rank) of its look (None: anywhere)."""
        y0, y1 = years
        last = y1 if stop is None else min(stop[0], y1)
        for y in range(y0, last + 1):
            dirty = self.dirty.get(y)
            if dirty and (stop is None or y < stop[0] or dirty[0] < stop[1]):
                return True
        return False

    def dirty_scan(self, years: tuple[int, int], stop: tuple[int, int] | None = None) -> Iterator[int]:
        """The dirty groups a piece filed under ``years`` looks at before ``stop`` (None: all), in
        the order it looks at them."""
        y0, y1 = years
        last = y1 if stop is None else min(stop[0], y1)
        first = self.first
        for y in range(y0, last + 1):
            for rank in self.dirty.get(y, ()):
                if stop is not None and y == stop[0] and rank >= stop[1]:
                    break
                if y > y0 and first[rank] < y:
                    continue  # looked at in an earlier year
                yield rank

    def scan(self, years: tuple[int, int], interval: Interval, start: tuple[int, int] | None = None) -> Iterator[int]:
        """The groups a piece filed under ``years`` with narrowest interval ``interval`` looks at
        from the point ``start`` (year, rank; None: from the beginning) whose founder's interval
        overlaps ``interval``, in the order it looks at them (every other group conflicts)."""
        y0, y1 = years
        first = self.first
        from_year = y0 if start is None else max(y0, start[0])
        for y in range(from_year, y1 + 1):
            ranks = self.ranks.get(y)
            if not ranks:
                continue
            lowest = start[1] if start is not None and y == start[0] else -1
            buckets = self._overlapping(y, interval)
            if len(buckets) > _MERGED_AT_MOST:
                spans = self.interval
                found: Iterator[int] = (r for r in islice(ranks, bisect_left(ranks, lowest), None) if overlaps(spans[r], interval))
            elif len(buckets) == 1:
                found = islice(buckets[0], bisect_left(buckets[0], lowest), None)
            else:
                found = heapq.merge(*(islice(b, bisect_left(b, lowest), None) for b in buckets))
            for rank in found:
                if y > y0 and first[rank] < y:
                    continue  # looked at in an earlier year
                yield rank

    def _overlapping(self, year: int, interval: Interval) -> list[list[int]]:
        cached = self._buckets.setdefault(year, {})
        found = cached.get(interval)
        if found is None:
            found = cached[interval] = [b for span, b in self.spans.get(year, {}).items() if overlaps(span, interval)]
        return found


__all__ = ["Interval", "YearIndex", "overlaps"]
