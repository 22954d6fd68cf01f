"""The year index gives a piece the groups the merge would look at, in the merge's order, less only
those that cannot be compatible; and merging again through it looks at far fewer groups."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from timeline import remerge as remerge_module
from timeline.extract import merge_events
from timeline.model import Entity, Event, Participant, Span, Timex
from timeline.remerge import pieces_of, remerge
from timeline.yearindex import YearIndex, overlaps

from test_remerge import Memory


def _interval(rng: random.Random) -> tuple[date, date | None]:
    year = rng.randrange(2015, 2020)
    kind = rng.randrange(5)
    if kind == 0:
        return (date(year, 1, 1), date(year, 12, 31))
    if kind == 1:
        month = rng.randrange(1, 13)
        return (date(year, month, 1), date(year, month, 28))
    if kind == 2:
        return (date(year, 1, 1), None)
    if kind == 3:
        return (date(year, 1, 1), date(year + rng.randrange(1, 3), 12, 31))
    day = date(year, 1, 1) + timedelta(days=rng.randrange(365))
    return (day, day)


def _years(iv: tuple[date, date | None]) -> tuple[int, int]:
    end = iv[1].year if iv[1] is not None else iv[0].year + 30
    return (iv[0].year, min(end, iv[0].year + 30))


def _looked_at(groups: dict[int, tuple[tuple[int, int], tuple[date, date | None]]], years: tuple[int, int]) -> list[tuple[tuple[int, int], int]]:
    """Every group a piece filed under ``years`` looks at, with where (year, rank), the merge's way."""
    out, seen = [], set()
    for y in range(years[0], years[1] + 1):
        for rank in sorted(groups):
            filed = groups[rank][0]
            if filed[0] <= y <= filed[1] and rank not in seen:
                seen.add(rank)
                out.append(((y, rank), rank))
    return out


@pytest.mark.parametrize("seed", range(20))
def test_the_scan_is_the_merges_look_less_the_groups_that_cannot_overlap(seed):
    """From any point of its look, a piece gets exactly the groups the merge would look at whose
    founder's interval overlaps its own, in the same order; dirty ones alike."""
    rng = random.Random(seed)
    index = YearIndex()
    groups = {}
    for rank in sorted(rng.sample(range(400), 120)):
        iv = _interval(rng)
        groups[rank] = (_years(iv), iv)
        index.add(rank, _years(iv), iv)
    dirty = set(rng.sample(sorted(groups), 25))
    for rank in dirty:
        index.mark_dirty(rank, groups[rank][0])
    for _ in range(40):
        iv = _interval(rng)
        years = _years(iv)
        look = _looked_at(groups, years)
        start = rng.choice([None, *(point for point, _ in look)]) if look else None
        expected = [r for point, r in look if (start is None or point >= start) and overlaps(groups[r][1], iv)]
        assert list(index.scan(years, iv, start)) == expected
        stop = rng.choice([None, *(point for point, _ in look)]) if look else None
        before = [r for point, r in look if (stop is None or point < stop) and r in dirty]
        assert list(index.dirty_scan(years, stop)) == before
        assert index.dirty_before(years, stop) == bool(before)


def test_groups_are_filed_in_the_merges_order():
    """A group made out of the merge's order is refused: the look's order depends on it."""
    index = YearIndex()
    index.add(5, (2020, 2020), (date(2020, 1, 1), date(2020, 12, 31)))
    with pytest.raises(ValueError, match="merge's order"):
        index.add(3, (2020, 2020), (date(2020, 2, 1), date(2020, 2, 1)))


def _dense(rng: random.Random, doc_id: str) -> list[Event]:
    """A document of one block (executions by one agent in a few years): long looks."""
    out = []
    for start in sorted(rng.sample(range(1, 2000, 11), rng.randrange(1, 5))):
        year = rng.randrange(2018, 2021)
        kind = rng.randrange(4)
        if kind == 0:
            when = Timex(start, start + 4, str(year), "DATE", str(year), date(year, 1, 1), date(year, 12, 31), "year", "absolute")
        elif kind == 1:
            month = rng.randrange(1, 13)
            when = Timex(start, start + 8, "m", "DATE", f"{year}-{month:02d}", date(year, month, 1), date(year, month, 28), "month", "absolute")
        elif kind == 2:
            when = Timex(start, start + 10, "since", "DATE", str(year), date(year, 1, 1), None, "year", "absolute", open_end=True)
        else:
            day = date(year, rng.randrange(1, 13), rng.randrange(1, 28))
            when = Timex(start, start + 10, "d", "DATE", day.isoformat(), day, day, "day", "absolute")
        participants = [Participant(Entity("q423", "Q423", "actor"), "agent")]
        if rng.random() < 0.3:
            place = rng.choice(["hyesan", "jilin"])
            participants.append(Participant(Entity(place, place, "place"), "place"))
        out.append(Event(doc_id=doc_id, type=rng.choice(["Execution", "ReportRelease"]), label="executed",
                         sentence=Span(start, start + 9, ""), trigger=Span(start, start + 3, ""), when=when,
                         participants=tuple(participants)))
    return out


@pytest.mark.parametrize("seed", range(6))
def test_merging_again_in_a_crowded_block_equals_one_merge(seed):
    """Documents of one block come and go in random order: every merge again equals one merge
    of every mention, though pieces decide again looking only at what changed."""
    rng = random.Random(seed)
    memory = Memory()
    documents: dict[str, list[Event]] = {}
    pieces = {}
    for step in range(8):
        removed: dict[str, object] = {}
        added = []
        for _ in range(rng.randrange(5, 30)):
            doc_id = f"d{rng.randrange(10**6):06d}"
            if doc_id not in documents:
                documents[doc_id] = _dense(rng, doc_id)
                pieces[doc_id] = pieces_of(documents[doc_id])
                added += pieces[doc_id]
        fresh = {p.id for p in added}
        for doc_id in rng.sample(sorted(documents), min(len(documents), rng.randrange(0, 6))):
            if any(p.id in fresh for p in pieces[doc_id]):
                continue
            removed.update((p.id, p.block) for p in pieces.pop(doc_id))
            del documents[doc_id]
        result = remerge(memory, removed, added)
        memory.apply(removed, added, result)
        expected = {e.id: e for e in merge_events([m for ms in documents.values() for m in ms])}
        assert memory.merged == expected, step


def test_a_new_piece_looks_only_at_groups_its_interval_can_join(monkeypatch):
    """A day's new mention in a block of a hundred other days' events tests the groups of its
    day and of the intervals holding it, not the whole year."""
    def mention(doc_id: str, day: date) -> Event:
        when = Timex(5, 15, "d", "DATE", day.isoformat(), day, day, "day", "absolute")
        return Event(doc_id=doc_id, type="Execution", label="executed", sentence=Span(1, 30, ""), trigger=Span(5, 9, ""),
                     when=when, participants=(Participant(Entity("q423", "Q423", "actor"), "agent"),))

    memory = Memory()
    first = [p for n in range(100) for p in pieces_of([mention(f"a{n:03d}", date(2020, 1, 1) + timedelta(days=3 * n))])]
    memory.apply({}, first, remerge(memory, {}, first))
    tested = []
    real = remerge_module._Replay._compatible

    def counting(self, g, c, doc_id):
        tested.append(g.founder)
        return real(self, g, c, doc_id)

    monkeypatch.setattr(remerge_module._Replay, "_compatible", counting)
    late = pieces_of([mention("z999", date(2020, 1, 1) + timedelta(days=3 * 50))])
    result = remerge(memory, {}, late)
    assert tested == [first[50].id]  # the one group of that day, joined
    assert result.placements[late[0].id].group == first[50].id
