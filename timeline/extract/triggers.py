"""The trigger vocabulary of each event type, read from the ontology's ``tl:trigger`` annotations.

Users teach the extractor a new phrasing, or a new event type, by editing
``ontology/timeline.ttl``: every class below ``tl:Event`` with ``tl:trigger`` values becomes
an event type. The Turtle is read once per process (rdflib, in :func:`_read_ontology` only)
and the triggers are compiled into one regex per type.

>>> vocab = load_vocabulary()
>>> "Repatriation" in vocab.types
True
>>> [t for t, _ in vocab.scan("China reportedly sent 60 people back.")]
['Repatriation']
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import TimelineError

TL = "https://w3id.org/timeline-kg/ontology#"


@dataclass(frozen=True)
class EventType:
    """One event class of the ontology: its local name, label, parents and compiled triggers."""

    name: str
    label: str
    parents: tuple[str, ...]
    pattern: re.Pattern[str]  # all triggers, case-insensitive
    lower: re.Pattern[str] | None = None  # the case-free triggers, for lower-cased text (faster)
    cased: re.Pattern[str] | None = None  # triggers with a (?-i:...) part, on the original text


class Vocabulary:
    """Every event type with triggers, in a stable order (by name)."""

    def __init__(self, types: list[EventType]):
        self.types: dict[str, EventType] = {t.name: t for t in sorted(types, key=lambda t: t.name)}
        # where any trigger may start: one regex over the alternatives of every type
        self._any_lower = _any_of([t.lower for t in self.types.values() if t.lower is not None], flags=0)
        self._any_cased = _any_of([t.cased for t in self.types.values() if t.cased is not None], flags=re.IGNORECASE)

    def scan(
        self, text: str, start: int = 0, end: int | None = None, *, lowered: str | None = None
    ) -> Iterator[tuple[str, re.Match[str]]]:
        """Every (type name, match) of a trigger in ``text[start:end]`` (``lowered`` is
        ``text.lower()`` when the caller has it already), type by type in name order.

        One scan with every type's triggers (:attr:`_any_lower`, :attr:`_any_cased`) finds the
        few places where some trigger starts; each type's own regex is then tried only there.
        That gives the same matches as running each type's regex over the whole text, since a
        type's regex can only match where the combined one does.
        """
        end = len(text) if end is None else end
        low = text.lower() if lowered is None else lowered
        if len(low) != len(text):  # a character whose lower case is longer: no shortcut
            for name, etype in self.types.items():
                yield from ((name, m) for m in etype.pattern.finditer(text, start, end))
            return
        at_lower = _starts(self._any_lower, low, start, end)
        at_cased = _starts(self._any_cased, text, start, end)
        for name, etype in self.types.items():
            if etype.lower is not None:
                yield from ((name, m) for m in _matches_at(etype.lower, low, at_lower, start, end))
            if etype.cased is not None:
                yield from ((name, m) for m in _matches_at(etype.cased, text, at_cased, start, end))

    def is_a(self, name: str, ancestor: str) -> bool:
        seen = {name}
        todo = [name]
        while todo:
            n = todo.pop()
            if n == ancestor:
                return True
            t = self.types.get(n)
            for p in t.parents if t else ():
                if p not in seen:
                    seen.add(p)
                    todo.append(p)
        return False


_HEAD, _TAIL = r"(?<![\w-])(?:", r")(?![\w])"


def _any_of(patterns: list[re.Pattern[str]], *, flags: int) -> re.Pattern[str] | None:
    """A zero-width regex that matches wherever one of ``patterns`` (each made by
    :func:`compile_triggers`) would match: their alternatives joined inside a lookahead.
    ``None`` when there is nothing to join or the triggers use groups (whose numbers and
    names joining would change)."""
    bodies = []
    for p in patterns:
        if p.groups or not (p.pattern.startswith(_HEAD) and p.pattern.endswith(_TAIL)):
            return None
        bodies.append(p.pattern[len(_HEAD) : -len(_TAIL)])
    if not bodies:
        return None
    return re.compile(r"(?<![\w-])(?=(?:" + "|".join(bodies) + r")(?![\w]))", flags)


def _starts(any_of: re.Pattern[str] | None, text: str, start: int, end: int) -> list[int] | None:
    """Where some trigger may start in ``text[start:end]`` (``None``: anywhere)."""
    return None if any_of is None else [m.start() for m in any_of.finditer(text, start, end)]


def _matches_at(
    pattern: re.Pattern[str], text: str, starts: list[int] | None, start: int, end: int
) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(text, start, end)`` yields, trying only ``starts`` (which hold
    every position where ``pattern`` can match): non-overlapping, left to right."""
    if starts is None:
        yield from pattern.finditer(text, start, end)
        return
    free = start
    for at in starts:
        if at < free:
            continue
        m = pattern.match(text, at, end)
        if m is None:
            continue
        if m.end() == at:  # an empty match: finditer's own rules decide what follows it
            yield from pattern.finditer(text, at, end)
            return
        yield m
        free = m.end()


def compile_triggers(triggers: list[str], *, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """One case-insensitive regex for a type's triggers, on word boundaries; spaces match any
    white space.

    >>> bool(compile_triggers(["locked down"]).search("it Locked\\n down the area"))
    True
    >>> bool(compile_triggers(["executed"]).search("an executive order"))
    False
    """
    alts = []
    for trig in triggers:
        body = trig.strip().replace(" ", r"\s+")
        try:
            re.compile(body)
        except re.error as exc:
            raise TimelineError(f"ontology: tl:trigger {trig!r} is not a valid regular expression: {exc}") from exc
        alts.append(f"(?:{body})")
    return re.compile(_HEAD + "|".join(alts) + _TAIL, flags)


def _event_type(name: str, label: str, parents: tuple[str, ...], triggers: list[str]) -> EventType:
    # Matching lower-cased text without IGNORECASE is about twice as fast. Triggers written
    # with capitals (a (?-i:...) part, [A-Z], \\S) run case-insensitively on the original text.
    plain = [t for t in triggers if t == t.lower()]
    cased = [t for t in triggers if t != t.lower()]
    return EventType(
        name,
        label,
        parents,
        compile_triggers(triggers),
        compile_triggers(plain, flags=0) if plain else None,
        compile_triggers(cased) if cased else None,
    )


def _read_ontology(path: Path) -> list[tuple[str, str, tuple[str, ...], list[str]]]:
    """(name, label, parent names, triggers) of every tl: class with triggers. The one place
    rdflib is used."""
    from rdflib import RDFS, Graph, URIRef

    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except Exception as exc:  # rdflib raises many kinds
        raise TimelineError(f"{path}: cannot read the ontology's event types: {exc}") from exc
    trigger = URIRef(TL + "trigger")
    out = []
    for cls in sorted(set(graph.subjects(trigger, None))):
        name = str(cls).removeprefix(TL)
        label = str(graph.value(cls, RDFS.label) or name)
        parents = tuple(
            sorted(str(p).removeprefix(TL) for p in graph.objects(cls, RDFS.subClassOf) if str(p).startswith(TL))
        )
        triggers = sorted(str(o) for o in graph.objects(cls, trigger))
        out.append((name, label, parents, triggers))
    return out


def _ontology_path() -> Path:
    from ..ontology import ONTOLOGY_PATH

    return ONTOLOGY_PATH


@lru_cache(maxsize=4)
def load_vocabulary(path: Path | None = None) -> Vocabulary:
    """The event types and triggers of the ontology (cached per path)."""
    rows = _read_ontology(path or _ontology_path())
    if not rows:
        raise TimelineError(f"{path or _ontology_path()}: no event class has a tl:trigger")
    return Vocabulary([_event_type(n, lab, par, trs) for n, lab, par, trs in rows])
