"""Merging again at the cost of a change gives what one merge of every mention gives: random
documents come, change and go, and after each change the events kept up to date by
:func:`timeline.remerge.remerge` equal :func:`timeline.extract.merge_events` of all mentions."""

from __future__ import annotations

import json
import random
from datetime import date

import pytest

from timeline.extract import merge_events
from timeline.extract.merge import mentions_from
from timeline.model import Entity, Event, MergedEvent, Participant, Quantity, Span, Timex
from timeline.remerge import Kept, Piece, PieceStore, Placement, Remerged, pieces_of, remerge

TYPES = ["Execution", "Repatriation", "ReportRelease", "Resolution", "Denial", "Detention"]
AGENTS = [None, "Q423", "Q148", "kcna", "un-hrc"]
PLACES = ["hyesan", "jilin", "dandong", "pyongyang"]
GROUPS = ["defectors", "people", "workers", "christians"]


def _timex(rng: random.Random, start: int) -> Timex | None:
    kind = rng.randrange(7)
    year = rng.randrange(2014, 2024)
    if kind == 0:
        return None
    if kind == 1:
        return Timex(start, start + 4, str(year), "DATE", str(year), date(year, 1, 1), date(year, 12, 31), "year", "absolute")
    if kind == 2:
        month = rng.randrange(1, 13)
        last = 28
        return Timex(start, start + 8, f"{year}-{month}", "DATE", f"{year}-{month:02d}", date(year, month, 1), date(year, month, last), "month", "absolute")
    if kind == 3:
        return Timex(start, start + 10, f"since {year}", "DATE", f"{year}", date(year, 1, 1), None, "year", "absolute", open_end=True)
    if kind == 4:
        day = date(year, rng.randrange(1, 13), rng.randrange(1, 28))
        return Timex(start, start + 10, day.isoformat(), "DATE", day.isoformat(), day, day, "day", "absolute")
    if kind == 5:
        return Timex(start, start + 9, "last year", "DATE", "XXXX", None, None, None, "unresolved")
    return Timex(start, start + 9, f"{year}-{year + 2}", "DATE", f"{year}/{year + 2}", date(year, 1, 1), date(year + 2, 12, 31), "year", "absolute")


def _mention(rng: random.Random, doc_id: str, start: int) -> Event:
    etype = rng.choice(TYPES)
    participants = []
    agent = rng.choice(AGENTS)
    if agent is not None:
        participants.append(Participant(Entity(agent, agent.upper(), "actor"), "agent"))
    if rng.random() < 0.5:
        place = rng.choice(PLACES)
        participants.append(Participant(Entity(place, place.title(), "place"), "place"))
    if rng.random() < 0.4:
        group = rng.choice(GROUPS)
        participants.append(Participant(Entity(group, group, "actor"), "affected"))
    quantities = (Quantity(float(rng.choice([2, 3, 20, 60])), "people", "n"),) if rng.random() < 0.3 else ()
    duration = Timex(start, start + 2, "7 years", "DURATION", rng.choice(["P7Y", "P5Y"])) if rng.random() < 0.1 else None
    sentence_start = 0 if rng.random() < 0.05 else start
    text = "Headline words" if sentence_start == 0 else ""
    return Event(doc_id=doc_id, type=etype, label=rng.choice(["executed", "repatriated", "denied it", "published"]),
                 sentence=Span(sentence_start, sentence_start + 20, text), trigger=Span(start, start + 5, ""),
                 when=_timex(rng, start), participants=tuple(participants), quantities=quantities, duration=duration)


def _document(rng: random.Random, doc_id: str) -> list[Event]:
    starts = rng.sample(range(1, 3000, 7), rng.randrange(1, 9))
    return [_mention(rng, doc_id, s) for s in sorted(starts)]


class Memory(PieceStore):
    """What the last merge left, in dicts (placements and features through JSON, as a store keeps them)."""

    def __init__(self) -> None:
        self.pieces: dict[str, tuple[Piece, Kept | None, str]] = {}  # the piece, its kept form, its features as JSON
        self.group_rows: dict[str, tuple[str, str, tuple[str, ...]]] = {}
        self.merged: dict[str, MergedEvent] = {}

    def kept(self, block):
        return [k for piece, k, _ in self.pieces.values() if piece.block == block and k is not None]

    def features(self, piece_id):
        return mentions_from(json.loads(self.pieces[piece_id][2]))

    def events(self, piece_id):
        return [m.event for m in self.pieces[piece_id][0].cluster.members]

    def group(self, founder):
        found = self.group_rows.get(founder)
        return None if found is None else found[:2]

    def apply(self, removed: dict[str, object], added: list[Piece], result: Remerged) -> None:
        for piece_id in removed:
            del self.pieces[piece_id]
        for piece in added:
            self.pieces[piece.id] = (piece, None, json.dumps(piece.features))
        for piece_id, placement in result.placements.items():
            piece, _, features = self.pieces[piece_id]
            group, state, fits = json.loads(json.dumps([placement.group, placement.state, placement.fits]))
            kept = Kept(piece_id, piece.doc_id, piece.order, piece.years, Placement(group, state, None if fits is None else tuple(fits)))
            self.pieces[piece_id] = (piece, kept, features)
        for founder in result.dropped:
            del self.group_rows[founder]
        self.group_rows.update(result.groups)
        for gone in result.gone:
            del self.merged[gone]
        for event in result.events:
            self.merged[event.id] = event


@pytest.mark.parametrize("seed", range(12))
def test_remerging_after_random_changes_equals_one_merge(seed):
    """Documents added, edited and removed in random batches: the kept events always equal one
    merge of every mention (ids, mentions, times and participants alike)."""
    rng = random.Random(seed)
    memory = Memory()
    documents: dict[str, list[Event]] = {}
    pieces: dict[str, list[Piece]] = {}
    for step in range(10):
        removed: dict[str, object] = {}
        added: list[Piece] = []
        for _ in range(rng.randrange(1, 12)):
            doc_id = f"d{rng.randrange(10**6):06d}"
            if doc_id in documents:
                continue
            documents[doc_id] = _document(rng, doc_id)
            pieces[doc_id] = pieces_of(documents[doc_id])
            added += pieces[doc_id]
        for doc_id in rng.sample(sorted(documents), min(len(documents), rng.randrange(0, 4))):
            if any(p.id in removed or p in added for p in pieces[doc_id]):
                continue
            if rng.random() < 0.5:  # removed
                removed.update((p.id, p.block) for p in pieces.pop(doc_id))
                del documents[doc_id]
            else:  # edited: some mentions stay, some go, some come
                kept = [m for m in documents[doc_id] if rng.random() < 0.6]
                used = {m.trigger.start for m in kept}
                fresh = [m for m in _document(rng, doc_id) if m.trigger.start not in used]
                documents[doc_id] = kept + fresh
                new = pieces_of(documents[doc_id])
                old = {p.id: p for p in pieces[doc_id]}
                same = {p.id for p in new if p.id in old and p.features == old[p.id].features
                        and [m.event for m in p.cluster.members] == [m.event for m in old[p.id].cluster.members]}
                removed.update((p.id, p.block) for p in pieces[doc_id] if p.id not in same)
                added += [p for p in new if p.id not in same]
                pieces[doc_id] = new
        result = remerge(memory, removed, added)
        memory.apply(removed, added, result)
        store_events = memory.merged
        expected = {e.id: e for e in merge_events([m for ms in documents.values() for m in ms])}
        assert store_events.keys() == expected.keys(), step
        for key, event in expected.items():
            assert store_events[key] == event, (step, key)


def test_an_undated_publication_keeps_two_of_the_groups_it_fits():
    """An undated report that fits five reports of its author keeps two of them (two say it
    joins none); when all but one of the five go, it joins that one, as one merge says."""
    def report(doc_id: str, month: int | None) -> Event:
        when = None if month is None else Timex(5, 12, "m", "DATE", f"2020-{month:02d}", date(2020, month, 1), date(2020, month, 28), "month", "absolute")
        return Event(doc_id=doc_id, type="ReportRelease", label="published", sentence=Span(1, 30, ""), trigger=Span(5, 9, ""),
                     when=when, participants=(Participant(Entity("un-hrc", "UN-HRC", "actor"), "agent"),))

    documents = {f"d{n}": [report(f"d{n}", n + 1)] for n in range(5)}
    documents["u"] = [report("u", None)]
    pieces = {doc_id: pieces_of(ms) for doc_id, ms in documents.items()}
    memory = Memory()
    added = [p for ps in pieces.values() for p in ps]
    result = remerge(memory, {}, added)
    memory.apply({}, added, result)
    assert result.placements[pieces["u"][0].id].fits == (pieces["d0"][0].id, pieces["d1"][0].id)
    removed = {p.id: p.block for doc_id in ("d0", "d1", "d2", "d4") for p in pieces.pop(doc_id)}
    for doc_id in ("d0", "d1", "d2", "d4"):
        del documents[doc_id]
    result = remerge(memory, removed, [])
    memory.apply(removed, [], result)
    assert result.placements[pieces["u"][0].id].group == pieces["d3"][0].id
    assert memory.merged == {e.id: e for e in merge_events([m for ms in documents.values() for m in ms])}
