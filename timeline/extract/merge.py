"""One node per real event: merge event mentions within and across documents (stdlib only).

The policy, in one place:

* Within a document, mentions of the same type merge unless they conflict: different agents,
  places, quantities, sentence terms or affected groups ("brokers" vs "a pastor"; vague
  ones like "people" conflict with nothing), or time intervals that do not nest. A headline
  words its event more loosely than the body ("North Korean defectors" for "up to 600 North
  Koreans"): a title-line mention merges with a body mention whatever their groups and counts.
* Across documents, mentions must also share their agent. Dated mentions merge when one
  interval lies within the other ("2025" and "April 2025"); an undated mention joins a dated
  event only when exactly one such event of its type and agent exists and the mention adds no
  place the event lacks — for publications only (reports, inquiries, resolutions), which
  texts keep referring to by their author; an undated execution never joins a dated one. Undated mentions from different documents never merge with each
  other: nothing says they are the same.

The result does not depend on the order of the input: mentions are sorted by document and
offset first, and :attr:`MergedEvent.id` is a hash of the event's canonical identity (type,
agent, most precise interval, places), so the same event keeps its id when more documents
are added.

A store merges again at the cost of a change with the same parts (:mod:`timeline.remerge`).

>>> merge_events([])
[]
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..model import Event, MergedEvent, Participant, Timex


# Publications are referred to again and again by their author ("the UN report"), so an
# undated mention of one joins the only dated publication of that type by that author. Other
# events recur (a state executes people every year): an undated execution stays apart.
_PUBLICATIONS = frozenset({"ReportRelease", "Investigation", "Resolution"})
_CLAIMS = frozenset({"Statement", "Denial", "Rebuttal"})


def _places(e: Event) -> frozenset[str]:
    return frozenset(p.entity.key for p in e.participants if p.role == "place")


def interval_of(t: Timex | None) -> tuple[date, date | None] | None:
    """The resolved interval of a time expression: (earliest, latest), latest None when open."""
    if t is None or t.earliest is None:
        return None
    if t.open_end:
        return (t.earliest, None)
    if t.latest is None:
        return None
    return (t.earliest, t.latest)


def _width(t: Timex | None) -> int:
    iv = interval_of(t)
    if iv is None:
        return 10**9
    if iv[1] is None:
        return 10**8
    return (iv[1] - iv[0]).days


def _nested(a: tuple[date, date | None], b: tuple[date, date | None]) -> bool:
    """Whether one interval lies within the other (an open end reaches any later date)."""
    def within(x: tuple[date, date | None], y: tuple[date, date | None]) -> bool:
        if x[0] < y[0]:
            return False
        if y[1] is None:
            return True
        return x[1] is not None and x[1] <= y[1]

    return within(a, b) or within(b, a)


# Affected groups too vague to tell two events apart ("people", "she").
_VAGUE = frozenset("people persons citizens she he they them her him those these it individuals north-koreans".split())


def _affected(e: Event) -> str | None:
    for p in e.participants:
        if p.role == "affected":
            key = p.entity.key
            head = key.rsplit("-", 1)[-1]
            return None if key in _VAGUE or head in _VAGUE else head
    return None


_TERMINAL = re.compile(r"[.!?:;\"”’)]\s*$")


def _is_title(e: Event) -> bool:
    """Whether the mention is the document's title line (its first line, no closing stop)."""
    return e.sentence.start == 0 and "\n" not in e.sentence.text.strip() and not _TERMINAL.search(e.sentence.text)


def _quantities(e: Event) -> tuple[tuple[str, float], ...]:
    out: dict[str, float] = {}
    for q in e.quantities:
        out.setdefault(q.unit, q.value)
    return tuple(out.items())


class _Mention:
    """What the merge reads of one mention, worked out once (conflicts are checked many times).
    ``event`` is the mention itself, absent when the features were read back from a store."""

    __slots__ = ("key", "doc_id", "agent", "places", "interval", "quantities", "duration", "label", "affected", "title", "event")

    def __init__(self, key: str, doc_id: str, agent: str | None, places: frozenset[str], interval: tuple[date, date | None] | None,
                 quantities: tuple[tuple[str, float], ...], duration: str | None, label: str, affected: str | None, title: bool,
                 event: Event | None = None) -> None:
        self.key, self.doc_id, self.agent, self.places, self.interval = key, doc_id, agent, places, interval
        self.quantities, self.duration, self.label, self.affected, self.title = quantities, duration, label, affected, title
        self.event = event

    @classmethod
    def of(cls, e: Event) -> _Mention:
        return cls(e.key, e.doc_id, e.agent_key, _places(e), interval_of(e.when), _quantities(e),
                   e.duration.value if e.duration is not None else None, e.label, _affected(e), _is_title(e), e)

    def data(self) -> list[Any]:
        """As plain JSON-able values (see :func:`mentions_from`)."""
        iv = self.interval
        return [self.key, self.doc_id, self.agent, sorted(self.places),
                None if iv is None else [iv[0].isoformat(), None if iv[1] is None else iv[1].isoformat()],
                [list(q) for q in self.quantities], self.duration, self.label, self.affected, self.title]


def mentions_from(data: Sequence[Sequence[Any]]) -> list[_Mention]:
    """Features read back from :meth:`_Mention.data` values."""
    out = []
    for key, doc_id, agent, places, iv, quantities, duration, label, affected, title in data:
        interval = None if iv is None else (date.fromisoformat(iv[0]), None if iv[1] is None else date.fromisoformat(iv[1]))
        out.append(_Mention(key, doc_id, agent, frozenset(places), interval, tuple((u, v) for u, v in quantities),
                            duration, label, affected, title))
    return out


@dataclass
class _Cluster:
    type: str
    agent: str | None = None
    places: set[str] = field(default_factory=set)
    interval: tuple[date, date | None] | None = None
    quantities: dict[str, float] = field(default_factory=dict)
    duration: str | None = None
    affected: set[str] = field(default_factory=set)
    docs: set[str] = field(default_factory=set)
    members: list[_Mention] = field(default_factory=list)
    label: str | None = None  # the first member's (two claims with different labels are two claims)
    title: bool = False  # a member is the document's title line

    def add(self, e: _Mention) -> None:
        self.members.append(e)
        self.docs.add(e.doc_id)
        if e.agent is not None and self.agent is None:
            self.agent = e.agent
        self.places |= e.places
        iv = e.interval
        if iv is not None and (self.interval is None or _width_iv(iv) < _width_iv(self.interval)):
            self.interval = iv
        for u, v in e.quantities:
            self.quantities.setdefault(u, v)
        if e.duration is not None and self.duration is None:
            self.duration = e.duration
        if e.affected is not None:
            self.affected.add(e.affected)
        if self.label is None:
            self.label = e.label
        self.title = self.title or e.title

    def conflicts(self, e: _Mention, *, same_doc: bool) -> bool:
        a = e.agent
        if a is not None and self.agent is not None and a != self.agent:
            return True
        if not same_doc and (a is None) != (self.agent is None):
            return True
        pl = e.places
        if pl and self.places and not (pl & self.places):
            return True
        iv = e.interval
        if iv is not None and self.interval is not None and not _nested(iv, self.interval):
            return True
        headline = same_doc and (e.title or self.title)
        for u, v in (() if headline else e.quantities):
            w = self.quantities.get(u)
            if w is not None and abs(v - w) > 0.1 * max(abs(v), abs(w)):
                return True
        if e.duration is not None and self.duration is not None and e.duration != self.duration:
            return True
        if self.type in _CLAIMS and self.label is not None and e.label != self.label:
            return True  # "denies the accusations" and "denies it was COVID" are two denials
        aff = e.affected
        if aff is not None and self.affected and aff not in self.affected and not headline:
            return True  # "two brokers" and "a pastor" were arrested in two events
        return False

    def state(self) -> list[Any]:
        """What later pieces are merged against (not the members nor their documents), as plain
        JSON-able values (see :func:`state_from`)."""
        iv = self.interval
        return [self.agent, sorted(self.places), None if iv is None else [iv[0].isoformat(), None if iv[1] is None else iv[1].isoformat()],
                [[u, v] for u, v in self.quantities.items()], self.duration, sorted(self.affected), self.label, self.title]

    def copy(self) -> _Cluster:
        return _Cluster(self.type, self.agent, set(self.places), self.interval, dict(self.quantities), self.duration,
                        set(self.affected), set(self.docs), list(self.members), self.label, self.title)


def state_from(etype: str, data: Sequence[Any]) -> _Cluster:
    """A group's state read back from :meth:`_Cluster.state` values (no members, no documents)."""
    agent, places, iv, quantities, duration, affected, label, title = data
    interval = None if iv is None else (date.fromisoformat(iv[0]), None if iv[1] is None else date.fromisoformat(iv[1]))
    return _Cluster(etype, agent, set(places), interval, {u: v for u, v in quantities}, duration, set(affected), set(), [], label, title)


def _width_iv(iv: tuple[date, date | None]) -> int:
    return 10**8 if iv[1] is None else (iv[1] - iv[0]).days


def _sort_key(e: Event) -> tuple[str, int, str, int]:
    return (e.doc_id, e.sentence.start, e.type, e.trigger.start)


def merge_events(events: Iterable[Event]) -> list[MergedEvent]:
    """Merge event mentions into one :class:`MergedEvent` per real event.

    Deterministic and independent of the order of ``events``; the output is sorted by id.
    Work is blocked by event type (and agent across documents), so it stays fast on large runs.
    """
    by_type: dict[str, list[Event]] = defaultdict(list)
    for e in events:
        by_type[e.type].append(e)
    merged: list[MergedEvent] = []
    used_ids: set[str] = set()
    for etype in sorted(by_type):
        mentions = [_Mention.of(e) for e in sorted(by_type[etype], key=_sort_key)]
        doc_clusters = _within_documents(etype, mentions)
        for cluster in _across_documents(doc_clusters):
            merged.append(_to_merged(cluster, used_ids))
    merged.sort(key=lambda m: m.id)
    return merged


def _within_documents(etype: str, mentions: list[_Mention]) -> list[_Cluster]:
    out: list[_Cluster] = []
    by_doc: dict[str, list[_Mention]] = defaultdict(list)
    for e in mentions:
        by_doc[e.doc_id].append(e)
    for doc_id in sorted(by_doc):
        clusters: list[_Cluster] = []
        for e in by_doc[doc_id]:
            for c in clusters:
                if not c.conflicts(e, same_doc=True):
                    c.add(e)
                    break
            else:
                c = _Cluster(etype)
                c.add(e)
                clusters.append(c)
        out.extend(clusters)
    return out


def _absorb(target: _Cluster, other: _Cluster) -> None:
    for e in other.members:
        target.add(e)


def _compatible(a: _Cluster, b: _Cluster) -> bool:
    if a.docs & b.docs:
        return False  # a document's own clusters were kept apart on purpose
    return not any(a.conflicts(e, same_doc=False) for e in b.members)


def _across_documents(clusters: list[_Cluster]) -> list[_Cluster]:
    blocks: dict[str | None, list[_Cluster]] = defaultdict(list)
    for c in clusters:
        blocks[c.agent].append(c)
    out: list[_Cluster] = []
    for agent in sorted(blocks, key=lambda a: (a is None, a or "")):
        block = blocks[agent]
        if agent is None:
            out.extend(block)  # without an agent nothing ties mentions in different documents
            continue
        dated = sorted((c for c in block if c.interval is not None), key=_cluster_key)
        undated = sorted((c for c in block if c.interval is None), key=_cluster_key)
        groups: list[_Cluster] = []
        by_year: dict[int, list[_Cluster]] = defaultdict(list)
        for c in dated:
            assert c.interval is not None
            years = _years(c.interval)
            seen: set[int] = set()
            target = None
            for y in years:
                for g in by_year.get(y, ()):
                    if id(g) in seen:
                        continue
                    seen.add(id(g))
                    if _compatible(g, c):
                        target = g
                        break
                if target is not None:
                    break
            if target is None:
                groups.append(c)
                for y in years:
                    by_year[y].append(c)
            else:
                _absorb(target, c)
        for c in undated:
            if c.type not in _PUBLICATIONS:
                out.append(c)
                continue
            fits = [g for g in groups if _compatible(g, c) and c.places <= g.places]
            if len(fits) == 1:
                _absorb(fits[0], c)
            else:
                out.append(c)
        out.extend(groups)
    return out


def _years(iv: tuple[date, date | None]) -> list[int]:
    end = iv[1].year if iv[1] is not None else iv[0].year + 30
    return list(range(iv[0].year, min(end, iv[0].year + 30) + 1))


def _cluster_key(c: _Cluster) -> tuple[str, ...]:
    return tuple(sorted(e.key for e in c.members))


def identity_of(etype: str, agent: str | None, places: Iterable[str], events: Sequence[Event]) -> str:
    """The canonical identity an event's id is a hash of: type, agent, the most precise interval
    its mentions state, places (and its first mention's key when it has no agent or no date)."""
    iv = interval_of(_when(events))
    identity = "|".join(
        [etype, agent or "", iv[0].isoformat() if iv else "", (iv[1].isoformat() if iv and iv[1] else ""), ",".join(sorted(places))]
    )
    if not agent or iv is None:
        identity += "|" + min(e.key for e in events)
    return identity


def event_id(identity: str, first_key: str, used_ids: set[str]) -> str:
    """The id for ``identity``, made unique against ``used_ids`` (with the first mention's key) and added to it."""
    mid = "ev-" + hashlib.sha1(identity.encode("utf-8")).hexdigest()[:16]
    if mid in used_ids:
        mid = "ev-" + hashlib.sha1((identity + "|" + first_key).encode("utf-8")).hexdigest()[:16]
    used_ids.add(mid)
    return mid


def _when(members: Sequence[Event]) -> Timex | None:
    when = min((e.when for e in members if e.when is not None and interval_of(e.when) is not None),
               key=lambda t: (_width(t), t.value, t.start), default=None)
    if when is None:
        when = next((e.when for e in members if e.when is not None), None)
    return when


def _to_merged(c: _Cluster, used_ids: set[str]) -> MergedEvent:
    events = [m.event for m in c.members]
    assert all(e is not None for e in events)
    members = tuple(sorted(events, key=_sort_key))  # type: ignore[arg-type]
    mid = event_id(identity_of(c.type, c.agent, c.places, members), min(e.key for e in members), used_ids)
    return merged_event(c.type, members, mid)


def merged_event(etype: str, events: Iterable[Event], mid: str) -> MergedEvent:
    """The merged event ``mid`` of ``events`` (its mentions): the most precise time, the fullest
    label, every participant once."""
    members = tuple(sorted(events, key=_sort_key))
    when = _when(members)
    iv = interval_of(when)
    best = max(members, key=lambda e: (len(e.participants) + len(e.quantities), e.agent_key is not None, -len(e.key), e.key))
    seen: set[tuple[str, str]] = set()
    participants: list[Participant] = []
    for e in members:
        for p in e.participants:
            k = (p.entity.key, p.role)
            if k not in seen:
                seen.add(k)
                participants.append(p)
    inferred = None
    if iv is None:  # a time inferred from publication only stands in where no mention states one
        inferred = min((e.inferred for e in members if e.inferred is not None),
                       key=lambda t: (t.latest - t.earliest, t.latest), default=None)
    return MergedEvent(id=mid, type=etype, label=best.label, mentions=members, when=when,
                       participants=tuple(participants), inferred=inferred)
