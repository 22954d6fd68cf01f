"""Merging again at the cost of a change: what a store needs when documents come, change or go.

A document's mentions of one type fall into *pieces* (its within-document clusters,
:func:`pieces_of`), which depend on that document alone. Across documents only the pieces of one
*block* meet — one event type and one agent: dated pieces, and for publications the undated ones
too (see :mod:`timeline.extract.merge`); every other piece is an event by itself.

:func:`remerge_block` takes a block's pieces with what the last merge decided for each
(:class:`Placement`: its group, the state of that group once it joined, the groups an undated
publication fit) and the pieces added and removed, and replays the merge in its order deciding
again only the pieces whose decision can change: new ones, and kept ones that look at a group
that changed before them (a group is filed under the years of the piece that founded it, and a
piece looks only at groups filed under its own years). :func:`remerge` does this for every block
a change touches and names the events again (an event's id is a hash of its identity; two groups
of one block with the same identity are told apart in the merge's order). Stdlib only.

The result equals :func:`timeline.extract.merge.merge_events` of every mention (tests check it
on random changes).
"""

from __future__ import annotations

import json
from bisect import insort
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from .extract.merge import (
    _PUBLICATIONS,
    _Cluster,
    _cluster_key,
    _Mention,
    _sort_key,
    _within_documents,
    _years,
    event_id,
    identity_of,
    merged_event,
    state_from,
)
from .model import Event, MergedEvent
from .yearindex import YearIndex, overlaps


@dataclass
class Piece:
    """One document's mentions of one type that merge with each other (a within-document
    cluster). ``id`` is its smallest mention key; ``block`` the type and agent it can merge
    across documents under (None: an event by itself); ``years`` the years it is filed under
    (dated pieces)."""

    id: str
    doc_id: str
    type: str
    block: tuple[str, str] | None
    order: tuple[str, ...]  # its mention keys, sorted: the merge's order
    years: tuple[int, int] | None
    cluster: _Cluster  # its members, in the order they joined

    @property
    def features(self) -> list[list[Any]]:
        return [m.data() for m in self.cluster.members]


def pieces_of(mentions: Iterable[Event]) -> list[Piece]:
    """The pieces of one document's mentions (every type), in the merge's order."""
    by_type: dict[str, list[Event]] = defaultdict(list)
    for e in mentions:
        by_type[e.type].append(e)
    out = []
    taken: set[str] = set()
    for etype in sorted(by_type):
        for c in _within_documents(etype, [_Mention.of(e) for e in sorted(by_type[etype], key=_sort_key)]):
            piece = _piece(c)
            if piece.id in taken:  # two mentions with one key (the extractor gives none): the id stays unique
                piece.id = next(f"{piece.id}~{n}" for n in range(2, len(taken) + 3) if f"{piece.id}~{n}" not in taken)
            taken.add(piece.id)
            out.append(piece)
    return out


def _piece(c: _Cluster) -> Piece:
    order = _cluster_key(c)
    years = None
    if c.interval is not None:
        span = _years(c.interval)
        years = (span[0], span[-1])
    joins = c.agent is not None and (years is not None or c.type in _PUBLICATIONS)
    return Piece(order[0], c.members[0].doc_id, c.type, (c.type, c.agent) if joins else None, order, years, c)  # type: ignore[arg-type]


@dataclass
class Placement:
    """What a merge decided for one piece of a block: the piece that founded its group (itself
    when it founded one, or stays alone), the state of that group once it joined (JSON text,
    read only when a later piece is merged against it), and for an undated publication the
    groups it fit, up to two (all of them when fewer; stores made before kept them all)."""

    group: str
    state: str
    fits: tuple[str, ...] | None = None


def _text(state: _Cluster) -> str:
    return json.dumps(state.state(), ensure_ascii=False, separators=(",", ":"))


@dataclass
class Kept:
    """A piece of a block as the store keeps it: no mentions, only what the merge's order and
    its last decision need."""

    id: str
    doc_id: str
    order: tuple[str, ...]
    years: tuple[int, int] | None
    placement: Placement


@dataclass
class Group:
    """An event of a block after :func:`remerge_block`: its founding piece, the pieces in it (in
    the order they joined), and whether it changed (``state`` then holds its state)."""

    founder: str
    years: tuple[int, int] | None
    members: list[str]
    docs: set[str]
    dirty: bool = False
    state: _Cluster | None = None
    last: str = ""
    rank: int = -1  # its founder's place in the merge's order


@dataclass
class BlockMerge:
    """What :func:`remerge_block` decided: the block's groups in the merge's output order (an
    undated publication that joined none is a group of its own), the placements that changed,
    and the pieces decided again."""

    groups: list[Group]
    placements: dict[str, Placement]
    decided: set[str]  # the pieces decided again


def remerge_block(
    etype: str,
    kept: Sequence[Kept],
    removed: set[str],
    added: Sequence[Piece],
    features: Callable[[str], list[_Mention]],
) -> BlockMerge:
    """Merge one block again after pieces were ``added`` and ``removed`` (ids of ``kept``
    pieces), deciding again only what can change (see the module's docstring). ``features``
    reads a kept piece's members back. The result equals merging every piece of the block at
    once."""
    replay = _Replay(etype, kept, removed, added, features)
    result = replay.run()
    for g in result.groups:
        if g.state is None:
            g.state = replay.final_state(g)
    return result


class _Replay:
    def __init__(self, etype: str, kept: Sequence[Kept], removed: set[str], added: Sequence[Piece],
                 features: Callable[[str], list[_Mention]]) -> None:
        self.etype = etype
        self.old = {k.id: k for k in kept}  # every piece the last merge placed
        self.kept = {k.id: k for k in kept if k.id not in removed}  # what stays, with its last decision
        self.gone = [k for k in kept if k.id in removed]
        self.added = {p.id: p for p in added}
        self.features = features
        self.groups: dict[str, Group] = {}
        self.order: list[str] = []  # founders, in the order their groups were made
        self.index = YearIndex()  # the dated groups by year, by rank
        self.founder_at: dict[int, str] = {}  # rank → the founder of the group made there
        self.rank: dict[str, int] = {}  # piece → its place in the merge's order (set by run)
        self.old_rank: dict[str, int] = {}  # a piece the last merge placed → its place then, among this merge's
        self.dirty_ranks: list[int] = []  # the dirty groups' ranks, ascending
        self.dirty_count = 0
        self.snapshots: dict[str, _Cluster] = {}
        self.placements: dict[str, Placement] = {}
        self.decided: set[str] = set()

    # groups and their states

    def _state(self, g: Group) -> _Cluster:
        """A group's state now: its own when it changed, else the one kept with its last piece."""
        if g.state is not None:
            return g.state
        found = self.snapshots.get(g.last)
        if found is None:
            found = self.snapshots[g.last] = state_from(self.etype, json.loads(self.kept[g.last].placement.state))
        return found

    def _dirty(self, g: Group) -> None:
        """From here on ``g`` differs from what the last merge made of it."""
        if g.dirty:
            return
        g.state = self._state(g).copy()
        g.dirty = True
        self.dirty_count += 1
        insort(self.dirty_ranks, g.rank)
        if g.years is not None:
            self.index.mark_dirty(g.rank, g.years)

    def _cluster(self, piece_id: str) -> _Cluster:
        added = self.added.get(piece_id)
        if added is not None:
            return added.cluster
        c = _Cluster(self.etype)
        for m in self.features(piece_id):
            c.add(m)
        return c

    @staticmethod
    def _joins_nothing(c: _Cluster) -> bool:
        """Whether ``c`` has a member without an agent: across documents that conflicts with every
        group of a block (each has the block's agent), so it looks at none."""
        for e in c.members:
            if e.agent is None:
                return True
        return False

    def _compatible(self, g: Group, c: _Cluster, doc_id: str) -> bool:
        if doc_id in g.docs:
            return False  # a document's own clusters were kept apart on purpose
        conflicts = (g.state if g.state is not None else self._state(g)).conflicts
        for e in c.members:  # a loop, not any() over a generator: called for every group a piece looks at
            if conflicts(e, same_doc=False):
                return False
        return True

    def _join(self, g: Group, piece_id: str, doc_id: str, c: _Cluster | None, fits: tuple[str, ...] | None = None) -> None:
        """``piece_id`` joins ``g`` (``c``: its cluster, when already read)."""
        old = self.kept.get(piece_id)
        if old is not None and old.placement.group == g.founder and not g.dirty:
            placement = Placement(g.founder, old.placement.state, fits)  # the same group, as it was: the same state after
        else:
            self._dirty(g)
            assert g.state is not None
            for e in (c if c is not None else self._cluster(piece_id)).members:
                g.state.add(e)
            placement = Placement(g.founder, _text(g.state), fits)
        if old is None or placement != old.placement:
            self.placements[piece_id] = placement
        g.members.append(piece_id)
        g.docs.add(doc_id)
        g.last = piece_id

    def _found(self, piece_id: str, doc_id: str, years: tuple[int, int] | None, c: _Cluster | None) -> None:
        """``piece_id`` founds a group (filed under ``years``)."""
        old = self.kept.get(piece_id)
        rank = self.rank[piece_id]
        g = Group(piece_id, years, [piece_id], {doc_id}, last=piece_id, rank=rank)
        self.groups[piece_id] = g
        self.order.append(piece_id)
        self.founder_at[rank] = piece_id
        if old is None or old.placement.group != piece_id:
            g.state = (c if c is not None else self._cluster(piece_id)).copy()
            g.dirty = True
            self.dirty_count += 1
            self.dirty_ranks.append(rank)  # the latest rank yet
            self.placements[piece_id] = Placement(piece_id, _text(g.state), None)
        interval = self._state(g).interval  # its founder's (the state kept with the founder, when it is as it was)
        if years is not None and interval is not None:
            self.index.add(rank, years, interval)
            if g.dirty:
                self.index.mark_dirty(rank, years)

    def _leave(self, k: Kept) -> None:
        """``k`` no longer joins the group it joined: that group changes from here (a group it
        founded is not made at all, and the pieces that joined it will decide again)."""
        if k.placement.group != k.id:
            g = self.groups.get(k.placement.group)
            if g is not None:
                self._dirty(g)

    # dated pieces

    def _old_point(self, founder: str, years: tuple[int, int]) -> tuple[int, int] | None:
        """Where the group ``founder`` founded in the last merge came in the look of a piece
        filed under ``years`` (year, rank), or None when that is not known."""
        k = self.old.get(founder)
        if k is None or k.years is None or founder not in self.old_rank:
            return None
        year = max(years[0], k.years[0])
        if year > min(years[1], k.years[1]):
            return None
        return (year, self.old_rank[founder])

    def _first(self, c: _Cluster, doc_id: str, years: tuple[int, int], start: tuple[int, int] | None) -> Group | None:
        """The first group from ``start`` on (None: from the beginning) that ``c`` is compatible
        with, among those whose founder's interval overlaps its own (the others conflict)."""
        assert c.interval is not None
        if self._joins_nothing(c):
            return None
        groups, founder_at, compatible = self.groups, self.founder_at, self._compatible
        for rank in self.index.scan(years, c.interval, start):
            g = groups[founder_at[rank]]
            if compatible(g, c, doc_id):
                return g
        return None

    def _first_dirty(self, c: _Cluster, doc_id: str, years: tuple[int, int], stop: tuple[int, int] | None) -> Group | None:
        """The first dirty group before ``stop`` (None: anywhere) that ``c`` is compatible with."""
        assert c.interval is not None
        if self._joins_nothing(c):
            return None
        index, interval = self.index, c.interval
        for rank in index.dirty_scan(years, stop):
            if overlaps(index.interval[rank], interval):
                g = self.groups[self.founder_at[rank]]
                if self._compatible(g, c, doc_id):
                    return g
        return None

    def _dated(self, piece_id: str, doc_id: str, years: tuple[int, int]) -> None:
        """A dated piece joins the first group of its years it is compatible with, else founds
        one. A kept piece decides again only when a group it looked at before the one it
        joined changed, or that one did; and then it looks again only at what can answer
        differently: the groups that changed, and from the one it joined on when that one changed
        (the other groups it looked at are as they were, and conflicted as they did)."""
        old = self.kept.get(piece_id)
        if old is None:
            c = self._cluster(piece_id)
            self.decided.add(piece_id)
            target = self._first(c, doc_id, years, None)
        else:
            joined = old.placement.group
            founded = joined == piece_id
            stop = None if founded else self._old_point(joined, years)
            before = None if founded else self.groups.get(joined)
            as_it_was = before is not None and not before.dirty
            if (founded or stop is not None) and not self.index.dirty_before(years, stop):
                if founded:
                    self._found(piece_id, doc_id, years, None)
                    return
                if before is not None and as_it_was:
                    self._join(before, piece_id, doc_id, None)
                    return
            c = self._cluster(piece_id)
            self.decided.add(piece_id)
            if not founded and stop is None:
                target = self._first(c, doc_id, years, None)
            else:
                target = self._first_dirty(c, doc_id, years, stop)
                if target is None and not founded:
                    target = before if as_it_was else self._first(c, doc_id, years, stop)
            if target is None or target.founder != joined:
                self._leave(old)
        if target is None:
            self._found(piece_id, doc_id, years, c)
        else:
            self._join(target, piece_id, doc_id, c)

    # undated publications

    def _undated(self, piece_id: str, doc_id: str) -> Group | None:
        """An undated publication joins the one group it fits; else it is a group of its own
        (returned). Its placement keeps the groups it fits up to two (all of them when fewer):
        two say it joins none, whatever the others do."""
        old = self.kept.get(piece_id)
        before = old.placement.fits if old is not None else None
        if before is not None and not self.dirty_count and all(f in self.groups for f in before):  # every group as it was: the same fits
            if len(before) == 1:
                self._join(self.groups[before[0]], piece_id, doc_id, None, before)
                return None
            return self._alone(piece_id, doc_id, before)
        c = self._cluster(piece_id)
        self.decided.add(piece_id)
        places = set().union(*(e.places for e in c.members))
        groups = self.groups
        still = [f for f in before if f in groups and not groups[f].dirty] if before is not None else []  # as they were: they fit as they did
        if self._joins_nothing(c):
            fits: list[str] = []
        elif len(still) >= 2:
            fits = still[:2]
        elif before is not None and len(before) < 2:  # it fit no other group: those as they were still do not
            fits = still + self._fitting(c, doc_id, places, (self.founder_at[r] for r in self.dirty_ranks), 2 - len(still))
        else:
            fits = self._fitting(c, doc_id, places, iter(self.order), 2)
        ordered = tuple(sorted(fits, key=lambda f: groups[f].rank))
        if old is not None and (len(ordered) != 1 or old.placement.group != ordered[0]):
            self._leave(old)
        if len(ordered) == 1:
            self._join(groups[ordered[0]], piece_id, doc_id, c, ordered)
            return None
        return self._alone(piece_id, doc_id, ordered, c)

    def _fitting(self, c: _Cluster, doc_id: str, places: set[str], founders: Iterator[str], wanted: int) -> list[str]:
        """Up to ``wanted`` of the groups ``founders`` that an undated publication fits: it is
        compatible with them and names no place they lack."""
        out: list[str] = []
        if wanted <= 0:
            return out
        for founder in founders:
            g = self.groups[founder]
            if self._compatible(g, c, doc_id) and places <= self._state(g).places:
                out.append(founder)
                if len(out) == wanted:
                    break
        return out

    def _alone(self, piece_id: str, doc_id: str, fits: tuple[str, ...], c: _Cluster | None = None) -> Group:
        old = self.kept.get(piece_id)
        g = Group(piece_id, None, [piece_id], {doc_id}, last=piece_id)
        if old is not None and old.placement.group == piece_id:
            placement = Placement(piece_id, old.placement.state, fits)
        else:
            g.dirty = True
            g.state = (c if c is not None else self._cluster(piece_id)).copy()
            placement = Placement(piece_id, _text(g.state), fits)
        if old is None or placement != old.placement:
            self.placements[piece_id] = placement
        return g

    def run(self) -> BlockMerge:
        items: list[tuple[tuple[str, ...], int, Any]] = [(k.order, 0, k) for k in self.gone]  # a piece leaves before its successor comes
        items += [(k.order, 1, k) for k in self.kept.values()]
        items += [(p.order, 1, p) for p in self.added.values()]
        items.sort(key=lambda item: (item[0], item[1]))
        for rank, (_order, kind, item) in enumerate(items):
            if kind == 0 or isinstance(item, Kept):
                self.old_rank[item.id] = rank
            if kind == 1:
                self.rank[item.id] = rank
        for _order, kind, item in items:
            if item.years is None:
                continue
            if kind == 0:
                self._leave(item)
            else:
                self._dated(item.id, item.doc_id, item.years)
        alone: list[Group] = []
        if self.etype in _PUBLICATIONS:
            for _order, kind, item in items:
                if item.years is not None:
                    continue
                if kind == 0:
                    self._leave(item)
                    continue
                single = self._undated(item.id, item.doc_id)
                if single is not None:
                    alone.append(single)
        return BlockMerge(alone + [self.groups[f] for f in self.order], self.placements, self.decided)

    def final_state(self, g: Group) -> _Cluster:
        """A group's state at the end (its own when it changed, else the one kept with its last piece)."""
        return g.state if g.state is not None else state_from(self.etype, json.loads(self.kept[g.last].placement.state))


class PieceStore:
    """Where :func:`remerge` reads what the last merge left (a protocol; the store keeps it in
    SQLite, tests in dicts)."""

    def kept(self, block: tuple[str, str]) -> list[Kept]:
        """Every piece of ``block`` the last merge placed (those being removed too)."""
        raise NotImplementedError

    def features(self, piece_id: str) -> list[_Mention]:
        """A kept piece's members' features, in the order they joined."""
        raise NotImplementedError

    def events(self, piece_id: str) -> list[Event]:
        """A kept piece's mentions."""
        raise NotImplementedError

    def group(self, founder: str) -> tuple[str, str] | None:
        """``(identity, event id)`` the last merge gave the group ``founder`` founded."""
        raise NotImplementedError

    def groups(self, block: tuple[str, str], founders: Iterable[str]) -> dict[str, tuple[str, str]]:
        """:meth:`group` for every founder of a block's groups (at once where the store can)."""
        found = {f: self.group(f) for f in founders}
        return {f: g for f, g in found.items() if g is not None}


@dataclass
class Remerged:
    """What :func:`remerge` changed: placements of pieces, groups (founder → identity, event id
    and member pieces) new or changed, groups gone, the events of new or changed groups, the
    ids of events no longer given, and how many mentions were merged again."""

    placements: dict[str, Placement] = field(default_factory=dict)
    groups: dict[str, tuple[str, str, tuple[str, ...]]] = field(default_factory=dict)
    dropped: set[str] = field(default_factory=set)
    events: list[MergedEvent] = field(default_factory=list)
    gone: set[str] = field(default_factory=set)
    mentions: int = 0


def remerge(store: PieceStore, removed: dict[str, tuple[str, str] | None], added: Sequence[Piece]) -> Remerged:
    """Merge again after the pieces ``removed`` (id → block) left and ``added`` came: only the
    blocks they are in, and in each only what can change (:func:`remerge_block`). Applied to
    what the last merge left, the result is what :func:`merge_events` gives for every mention."""
    out = Remerged()
    by_block: dict[tuple[str, str], tuple[set[str], list[Piece]]] = defaultdict(lambda: (set(), []))
    old_ids: set[str] = set()
    new_ids: set[str] = set()
    merged_again: dict[str, int] = {}  # piece → its mentions, for the pieces merged again
    for piece_id, block in removed.items():
        if block is not None:
            by_block[block][0].add(piece_id)
            continue
        old = store.group(piece_id)
        if old is not None:
            old_ids.add(old[1])
        out.dropped.add(piece_id)
    added_events: dict[str, list[Event]] = {}
    for piece in added:
        added_events[piece.id] = events = [m.event for m in piece.cluster.members]  # type: ignore[misc]
        merged_again[piece.id] = len(events)
        if piece.block is not None:
            by_block[piece.block][1].append(piece)
            continue
        identity = identity_of(piece.type, piece.cluster.agent, piece.cluster.places, events)
        mid = event_id(identity, piece.id, set())
        out.groups[piece.id] = (identity, mid, (piece.id,))
        out.events.append(merged_event(piece.type, events, mid))
        new_ids.add(mid)
    for block in sorted(by_block):
        gone, pieces = by_block[block]
        kept = store.kept(block)
        sizes = {k.id: len(k.order) for k in kept}
        result = remerge_block(block[0], kept, gone, pieces, store.features)
        out.placements.update(result.placements)
        merged_again.update((pid, sizes.get(pid, 0)) for pid in result.decided if pid not in merged_again)
        old_founders = {k.id for k in kept if k.placement.group == k.id}
        known = store.groups(block, old_founders)
        used: set[str] = set()
        for g in result.groups:
            old = known.get(g.founder) if g.founder in old_founders else None
            events: list[Event] | None = None
            if g.dirty or old is None:
                events = [e for pid in g.members for e in (added_events[pid] if pid in added_events else store.events(pid))]
                assert g.state is not None
                identity = identity_of(block[0], g.state.agent, g.state.places, events)
            else:
                identity = old[0]
            mid = event_id(identity, min(g.members), used)
            new_ids.add(mid)
            if old is not None and not g.dirty and old[1] == mid:
                continue
            if events is None:
                events = [e for pid in g.members for e in store.events(pid)]
            out.groups[g.founder] = (identity, mid, tuple(g.members))
            out.events.append(merged_event(block[0], events, mid))
            merged_again.update((pid, sizes.get(pid, 0)) for pid in g.members if pid not in merged_again)
            if old is not None:
                old_ids.add(old[1])
        for founder in old_founders - {g.founder for g in result.groups}:
            out.dropped.add(founder)
            old = known.get(founder)
            if old is not None:
                old_ids.add(old[1])
    out.dropped -= out.groups.keys()
    out.gone = old_ids - new_ids
    out.mentions = sum(merged_again.values())
    return out
