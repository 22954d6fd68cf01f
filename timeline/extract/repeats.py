"""Repeats inside a sentence: one event of a type per sentence, time and participants.

A sentence often names one event twice, with a verb and a noun ("North Korea fired a missile on
Friday; the launch …") or in a statement that quotes itself; each telling would be a mention of
its own and a false second event in the timeline. One speaker's speech acts joined in a sentence
("rejected the report as a fabrication and said …") are one act of speaking, told as its most
specific type. Stdlib only; it reads events, never text.
"""

from __future__ import annotations

from dataclasses import replace

from ..model import Event, Timex


def told_once(events: list[Event]) -> list[Event]:
    """One event of a type per sentence, time and participants: a sentence that names the same
    kind of event twice with the same date, or once more without one, tells one event ("North
    Korea fired a missile on Friday, the launch …", "arrested … and the arrest"). Mentions that
    differ in date, in who they befall or in the term handed down stay apart ("a man was
    sentenced to seven years … the woman was given 15")."""
    kept: list[Event] = []
    told: dict[str, Event] = {}  # the key of a mention dropped → the mention that tells it
    groups: dict[tuple[int, str], list[Event]] = {}  # only mentions of one sentence and type can repeat each other
    for e in events:
        group = groups.setdefault((e.sentence.start, _kind(e.type)), [])
        first = next((o for o in group if _told_again(e, o)), None)
        if first is not None and _SPEECH_RANK.get(e.type, 0) <= _SPEECH_RANK.get(first.type, 0):
            told[e.key] = first
            continue
        for o in group:
            if o is first or _told_again(o, e):  # a dated telling replaces an undated one, a rebuttal a plain statement
                told[o.key] = e
                if e.when is None and o.when is not None:  # one act of speaking: the rebuttal is told when the statement is
                    e = replace(e, when=o.when, time_source=o.time_source, inferred=None)
        group[:] = [o for o in group if o.key not in told]
        group.append(e)
        kept.append(e)
    out = [e for e in kept if e.key not in told]
    out = [replace(e, claimed_in=_teller(e.claimed_in, told, e.key)) if e.claimed_in in told else e for e in out]
    return sorted(out, key=lambda e: (e.sentence.start, e.trigger.start))


def _teller(key: str | None, told: dict[str, Event], own: str) -> str | None:
    """The mention that now tells what the dropped mention ``key`` told (a claim's link follows
    it); None where that is the claim itself."""
    seen = set()
    while key in told and key not in seen:
        seen.add(key)
        key = told[key].key
    return None if key == own else key


# Speech acts are one kind of event: one speaker's "rejected the report as a smear and said no one
# had died" is one act of speaking, told as its most specific type.
_SPEECH_RANK = {"Statement": 0, "Denial": 1, "Rebuttal": 2}


def _kind(etype: str) -> str:
    return "speech" if etype in _SPEECH_RANK else etype


def _told_again(e: Event, first: Event) -> bool:
    """Whether ``e`` adds nothing to ``first``: same sentence and type (or both speech acts of one
    speaker), no other date, the same people befallen (where both name any) and no other term or
    sum."""
    if e.sentence.start != first.sentence.start or _kind(e.type) != _kind(first.type):
        return False  # (a statement quoted inside another of its kind is its content: one statement)
    if e.type != first.type and e.agent_key != first.agent_key:
        return False
    if e.when is not None and (first.when is None or _span(e.when) != _span(first.when)):
        return False
    mine, theirs = _befallen(e), _befallen(first)
    if mine and theirs and mine != theirs:
        return False
    return not ((e.duration and first.duration and e.duration != first.duration)
                or (e.quantities and first.quantities and e.quantities != first.quantities))


def _befallen(e: Event) -> frozenset[str]:
    return frozenset(p.entity.key for p in e.participants if p.role == "affected")


def _span(t: Timex) -> tuple:
    return (t.earliest, t.latest, t.open_start, t.open_end)


__all__ = ["told_once"]
