"""Event frames and lemma sets, read from the ontology (``tl:frame``, ``tl:LemmaSet``).

A frame says how one event type shows in a dependency parse: the lemmas of its trigger verbs
and nouns (a verb may need further words among its dependents: "send back", "put to death"),
the theme the trigger must have, whether it is a speech act, and its label templates. Lemma
sets name word classes the extractor reads (people, weapons, reporting verbs, hedges…); named
instruments (missile families) count as members of a set. Nothing here is per-article: a user
teaches the extractor a new event type by editing the ontology's Turtle.

>>> frames = load_frames()
>>> sorted({f.type for f in frames.by_verb["repatriate"]})
['Repatriation']
>>> "missile" in frames.sets["Weapons"]
True
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ..errors import TimelineError

TL = "https://w3id.org/timeline-kg/ontology#"


@dataclass(frozen=True)
class Trigger:
    """A trigger lemma and the words that must follow it among its dependents ("back")."""

    lemma: str
    extra: tuple[str, ...] = ()


@dataclass(frozen=True)
class Frame:
    """One way an event type shows in text."""

    id: str  # stable: type and index, for messages and tests
    type: str  # local name of the event class (Repatriation…)
    verbs: tuple[Trigger, ...]
    nouns: tuple[Trigger, ...]
    themes: frozenset[str]  # theme lemmas accepted (empty with no theme sets: any theme)
    theme_sets: tuple[str, ...]  # names of lemma sets accepted as themes
    themes_not: frozenset[str]
    needs_agent: bool
    transitive: bool  # the theme is an object or a passive subject, never an intransitive subject
    claim: bool  # a speech act
    denial: bool  # negated, it is a denial
    findings: bool  # nouns count only with a relative clause reporting what they found
    labels: tuple[str, ...]  # most specific first
    decided: bool = False  # done by a body deciding it: "voted to impose sanctions" tells the sanction
    name_sets: tuple[str, ...] = ()  # a name headed by one of these lemmas, with a date of its own, is the event
    return_sets: tuple[str, ...] = ()  # a return to a named place outside these is none
    goal_sets: tuple[str, ...] = ()  # a caused-motion frame: any verb that moves its theme to a goal in these sets
    constructions: frozenset[str] = frozenset()  # constructions the verb must show besides its theme ("@predicative")

    @property
    def constrained(self) -> bool:
        return bool(self.themes or self.theme_sets)


@dataclass(frozen=True)
class Instrument:
    name: str
    pattern: re.Pattern[str]
    member_of: tuple[str, ...]


@dataclass
class Frames:
    """Every frame of the ontology, indexed by trigger lemma, with the lemma sets."""

    frames: list[Frame]
    sets: dict[str, frozenset[str]]
    instruments: list[Instrument]
    by_verb: dict[str, list[Frame]]
    by_noun: dict[str, list[Frame]]
    labels: dict[str, str]  # event type → its rdfs:label

    def theme_ok(self, frame: Frame, lemmas: set[str]) -> bool:
        """Whether one of ``lemmas`` (the trigger's theme words) satisfies the frame."""
        if lemmas & frame.themes_not:
            return False
        if not frame.constrained:
            return True
        if lemmas & frame.themes:
            return True
        return any(lemmas & self.sets.get(name, frozenset()) or f"@{name}" in lemmas for name in frame.theme_sets)

    def trigger_words(self) -> set[str]:
        """Every trigger lemma (first word), for the cheap scan that decides what to parse."""
        return set(self.by_verb) | set(self.by_noun)

    @cached_property
    def noun_types(self) -> dict[str, tuple[str, ...]]:
        """The event types each trigger noun names ("arrest": Detention), once per load."""
        return {lemma: tuple(dict.fromkeys(f.type for f in frames)) for lemma, frames in self.by_noun.items()}

    @cached_property
    def goal_frames(self) -> list[Frame]:
        """The caused-motion frames: any verb, told by where it moves its theme."""
        return [f for f in self.frames if f.goal_sets]

    @cached_property
    def named_frames(self) -> list[Frame]:
        """The frames whose event a dated name tells ("the Youth Education Guarantee Act of 2021")."""
        return [f for f in self.frames if f.name_sets]

    @cached_property
    def name_lemmas(self) -> frozenset[str]:
        """The head words of names that tell an event (every frame's ``tl:namedIn`` sets)."""
        return frozenset(w for f in self.named_frames for n in f.name_sets for w in self.sets.get(n, ()))

    def goal_ok(self, frame: Frame, words: set[str]) -> bool:
        """Whether one of ``words`` (a goal's lemma, form or full name) is in the frame's goal sets."""
        return any(words & self.sets.get(name, frozenset()) for name in frame.goal_sets)


def _local(iri: object) -> str:
    return str(iri).removeprefix(TL)


def _triggers(values: list[str], *, noun: bool = False) -> tuple[Trigger, ...]:
    """A verb's lemma comes first ("send back"); a noun's head comes last ("forced labour")."""
    out = []
    for v in sorted(values):
        words = v.lower().split()
        if noun:
            out.append(Trigger(words[-1], tuple(words[:-1])))
        else:
            out.append(Trigger(words[0], tuple(words[1:])))
    return tuple(out)


def _key(term: Any) -> str:
    """An IRI as itself, a blank node as ``_:id`` (frames are often written ``tl:frame [ … ]``)."""
    return term.value if isinstance(term, ox.NamedNode) else f"_:{term.value}"


class _Triples:
    """The ontology's triples indexed both ways, read with pyoxigraph (about 50 times faster than
    rdflib's Turtle parser, which start-up would pay on every run)."""

    def __init__(self, path: Path):
        self.by_sp: dict[tuple[str, str], list[Any]] = defaultdict(list)
        self.by_po: dict[tuple[str, str], list[str]] = defaultdict(list)
        self.by_p: dict[str, list[str]] = defaultdict(list)
        for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
            s, p, o = _key(t.subject), t.predicate.value, t.object
            self.by_sp[(s, p)].append(o)
            self.by_p[p].append(s)
            if not isinstance(o, ox.Literal):
                self.by_po[(p, _key(o))].append(s)

    def objects(self, s: str, p: str) -> list[Any]:
        return list(dict.fromkeys(self.by_sp.get((s, p), [])))  # a graph holds a triple once

    def subjects(self, p: str, o: str | None = None) -> list[str]:
        return list(dict.fromkeys(self.by_p.get(p, []) if o is None else self.by_po.get((p, o), [])))


def _read(path: Path) -> Frames:
    try:
        graph = _Triples(path)
    except (SyntaxError, ValueError, OSError) as exc:
        raise TimelineError(f"{path}: cannot read the ontology's event frames: {exc}") from exc
    p = {name: TL + name for name in (
        "frame", "verb", "noun", "theme", "themeIn", "themeNot", "construction", "needsAgent", "transitive", "claim", "denial",
        "labelTemplate", "findings", "decided", "namedIn", "returnTo", "lemma", "LemmaSet", "InstrumentName", "namePattern", "memberOf", "goalIn")}
    rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    rdfs_label = "http://www.w3.org/2000/01/rdf-schema#label"

    def strings(node: str, prop: str) -> list[str]:
        return [o.value for o in graph.objects(node, prop) if isinstance(o, ox.Literal)]

    def flag(node: str, prop: str) -> bool:
        return any(isinstance(o, ox.Literal) and o.value in ("true", "1") for o in graph.objects(node, prop))

    def nodes(node: str, prop: str) -> list[str]:
        return [_key(o) for o in graph.objects(node, prop) if not isinstance(o, ox.Literal)]

    sets = {
        _local(s): frozenset(w.lower() for w in strings(s, p["lemma"]))
        for s in graph.subjects(rdf_type, p["LemmaSet"])
    }
    instruments = []
    for node in sorted(graph.subjects(rdf_type, p["InstrumentName"])):
        for pattern in strings(node, p["namePattern"]):
            try:
                rx = re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])")
            except re.error as exc:
                raise TimelineError(f"{path}: {_local(node)}: bad tl:namePattern {pattern!r}: {exc}") from None
            instruments.append(Instrument(_local(node), rx, tuple(sorted(_local(o) for o in nodes(node, p["memberOf"])))))
    frames: list[Frame] = []
    labels: dict[str, str] = {}
    for cls in sorted(set(graph.subjects(p["frame"]))):
        etype = _local(cls)
        labels[etype] = next(iter(strings(cls, rdfs_label)), etype)
        frame_nodes = sorted(nodes(cls, p["frame"]), key=lambda n: sorted(strings(n, p["verb"]) + strings(n, p["noun"])))
        for i, node in enumerate(frame_nodes):
            theme_sets = tuple(sorted(_local(o) for o in nodes(node, p["themeIn"])))
            goal_sets = tuple(sorted(_local(o) for o in nodes(node, p["goalIn"])))
            name_sets = tuple(sorted(_local(o) for o in nodes(node, p["namedIn"])))
            return_sets = tuple(sorted(_local(o) for o in nodes(node, p["returnTo"])))
            unknown = [name for name in (*theme_sets, *goal_sets, *name_sets, *return_sets) if name not in sets]
            if unknown:
                raise TimelineError(f"{path}: the frame of {etype} names an unknown lemma set: {', '.join(unknown)}")
            frame = Frame(
                id=f"{etype}/{i}",
                type=etype,
                verbs=_triggers(strings(node, p["verb"])),
                nouns=_triggers(strings(node, p["noun"]), noun=True),
                themes=frozenset(w.lower() for w in strings(node, p["theme"])),
                theme_sets=theme_sets,
                themes_not=frozenset(w.lower() for w in strings(node, p["themeNot"])),
                constructions=frozenset(strings(node, p["construction"])),
                needs_agent=flag(node, p["needsAgent"]),
                transitive=flag(node, p["transitive"]),
                claim=flag(node, p["claim"]),
                denial=flag(node, p["denial"]),
                findings=flag(node, p["findings"]),
                decided=flag(node, p["decided"]),
                labels=tuple(sorted(strings(node, p["labelTemplate"]), key=lambda t: (-t.count("{"), t))),
                goal_sets=goal_sets,
                name_sets=name_sets,
                return_sets=return_sets,
            )
            if not frame.verbs and not frame.nouns and not frame.goal_sets:
                raise TimelineError(f"{path}: a frame of {etype} has no tl:verb, no tl:noun and no tl:goalIn")
            frames.append(frame)
    if not frames:
        raise TimelineError(f"{path}: no event class has a tl:frame")
    by_verb: dict[str, list[Frame]] = defaultdict(list)
    by_noun: dict[str, list[Frame]] = defaultdict(list)
    for f in frames:
        for t in f.verbs:
            if f not in by_verb[t.lemma]:
                by_verb[t.lemma].append(f)
        for t in f.nouns:
            if f not in by_noun[t.lemma]:
                by_noun[t.lemma].append(f)
    return Frames(frames, sets, instruments, dict(by_verb), dict(by_noun), labels)


def _ontology_path() -> Path:
    from ..terms import ontology_file  # not timeline.ontology: that imports rdflib

    return ontology_file()


@lru_cache(maxsize=4)
def load_frames(path: Path | None = None) -> Frames:
    """The frames of the ontology at ``path`` (the shipped ontology by default; cached)."""
    return _read(path or _ontology_path())


__all__ = ["Frame", "Frames", "Instrument", "Trigger", "load_frames"]
