"""Which sentences are worth a parse: cheap scans for the inflected forms of the ontology's
trigger words and instrument names, one for events and one for speech acts (which need a
speaker in the sentence to count)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import inflections
from .frames import Frames
from .wordscan import WordScan


@dataclass(frozen=True)
class Scan:
    """Cheap scans that decide which sentences are worth a parse: one for the inflected forms
    of event triggers and instrument names, one for those of speech acts, which need a speaker."""

    events: WordScan
    speech: WordScan
    lemma_of: dict[str, str]  # an inflected form of exactly one trigger verb → that verb ("waded" → "wade")
    lemmas: frozenset[str]  # every trigger lemma: a token the lemmatiser gave one of them keeps it
    names: re.Pattern[str] | None = None  # a name that can tell an event ("the Youth Education Guarantee Act"), case kept


_SCANS: dict[int, tuple[Frames, Scan]] = {}


def scanner(frames: Frames) -> Scan:
    """The scans for ``frames``, built once per loaded set of frames."""
    cached = _SCANS.get(id(frames))
    if cached is not None and cached[0] is frames:
        return cached[1]
    speech = {t.lemma for f in frames.frames if f.claim for t in (*f.verbs, *f.nouns)}
    # a deed's trigger is read wherever it occurs, even one a speech act shares ("condemned two men to death")
    deeds = {t.lemma for f in frames.frames if not f.claim for t in (*f.verbs, *f.nouns)}
    # a caused-motion frame is told by a path to its goal ("put them on a flight to Pyongyang")
    goals = sorted({w for f in frames.goal_frames for name in f.goal_sets for w in frames.sets.get(name, ())}, key=len, reverse=True)
    names = "|".join(re.escape(g).replace(r"\ ", r"\s+") for g in goals)
    paths = [rf"\b(?:to|into|across|over|towards?|onto|on)\s+(?:(?:the|its|their|his|her|our)\s+)?(?:[\w-]+\s+)?(?:{names})\b"] if goals else []
    heads = sorted(frames.name_lemmas)
    named = re.compile(r"\b[A-Z][\w'-]*\s+(?:" + "|".join(re.escape(w.capitalize()) for w in heads) + r")s?\b") if heads else None
    verbs = {t.lemma for f in frames.frames for t in f.verbs}
    owners: dict[str, set[str]] = {}
    for lemma in verbs:
        for form in inflections.forms(lemma):
            owners.setdefault(form.lower(), set()).add(lemma)
    scan = Scan(
        WordScan(forms(deeds), [i.pattern.pattern for i in frames.instruments] + paths),
        WordScan(forms(speech)),
        {form: next(iter(lemmas)) for form, lemmas in owners.items() if len(lemmas) == 1},
        frozenset(frames.trigger_words()),
        named,
    )
    _SCANS[id(frames)] = (frames, scan)
    return scan


def forms(lemmas: set[str]) -> set[str]:
    """Every inflected form of ``lemmas``."""
    return set().union(*(inflections.forms(lemma) for lemma in lemmas)) if lemmas else set()
