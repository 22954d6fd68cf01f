"""Event labels from the frame's templates: the most specific template whose slots are known.

Slots: ``{agent}``, ``{affected}``, ``{place}``, ``{amount}``, ``{term}``, ``{instrument}``,
``{target}`` (what a denial or rebuttal rejects), ``{verb}`` (the trigger verb, present tense)
and ``{object}`` (a short form of what was said or done).
"""

from __future__ import annotations

import re
from typing import Any

from ..model import Event
from .frames import Frames

_SLOT = re.compile(r"\{(\w+)\}")
_MAX_WORDS = 6
_DANGLING = {"the", "a", "an", "of", "to", "for", "on", "in", "with", "and", "or", "by", "its", "their", "his", "her", "that", "which", "who"}


_MODIFIERS = frozenset({"amod", "compound", "det", "poss", "nummod", "case", "quantmod", "nmod"})


def _short(tokens: list[Any]) -> str | None:
    kept: list[Any] = []
    for t in tokens:
        if t.is_punct and t.text not in ("-", "’", "'"):
            if kept:
                break
            continue
        if t.dep_ in ("relcl", "acl", "advcl") or t.lower_ in ("that", "which", "who") and kept:
            break
        kept.append(t)
        if sum(1 for k in kept if k.dep_ != "case") >= _MAX_WORDS:
            break
    ids = {k.i for k in kept}
    # a phrase cut short ends on a word, not on a modifier whose noun was cut ("the report's yearly")
    while kept and (kept[-1].lower_ in _DANGLING or (kept[-1].dep_ in _MODIFIERS and kept[-1].head.i not in ids)):
        ids.discard(kept.pop().i)
    text = " ".join(k.text for k in kept).replace(" 's", "'s").replace(" ’s", "’s").replace(" - ", "-")
    return text or None


def _third_person(lemma: str) -> str:
    from .inflections import third_person

    return third_person(lemma)


def label_of(ev: Event, cand: Any, frames: Frames, sdoc: Any, offset: int, text: str) -> str:
    """The label of ``ev`` from its frame's templates."""
    slots: dict[str, str] = {}
    agent = ev.agent
    if agent is not None:
        slots["agent"] = agent.label
    elif cand.frame.needs_agent and cand.agent is not None:  # "a ministry official": who speaks, as the text describes them
        slots["agent"] = _short(list(cand.agent.subtree))
    affected = next((p for p in ev.participants if p.role == "affected"), None)
    if affected is not None:
        slots["affected"] = affected.mention.text if affected.mention else affected.entity.label
    place = next((p.entity for p in ev.participants if p.role == "place"), None)
    if place is not None:
        slots["place"] = place.label
    money = next((q for q in ev.quantities if q.unit == "USD"), None)
    if money is not None:
        slots["amount"] = money.text
    slots["term"] = f" to {ev.duration.text}" if ev.duration is not None else ""
    themes = [t for t in cand.themes if t.pos_ in ("NOUN", "PROPN", "NUM", "VERB", "AUX")
              and not (t.dep_ in ("nsubj", "nsubjpass") and t.head.i == cand.token.i and (cand.frame.claim or cand.agent is not None))]
    # (a subject is who speaks or acts, never what was said or done: "Kim Jong Un says Kim Jong Un")
    if cand.frame.claim:  # what was said, before whom it was said to ("tells reporters that …")
        themes.sort(key=lambda t: t.dep_ != "ccomp")
    for t in cand.themes:
        if t.text and re.match(r"[A-Z]", t.text) and any(i.pattern.search(t.text) for i in frames.instruments):
            slots["instrument"] = "".join(x.text_with_ws for x in t.subtree if x.dep_ in ("compound",) or x.i == t.i).strip()
            for inst in frames.instruments:
                m = inst.pattern.search(text, sdoc[0].idx + offset, sdoc[-1].idx + offset + len(sdoc[-1].text))
                if m:
                    slots["instrument"] = m.group(0)
                    break
    if themes:
        obj = _short([t for t in themes[0].subtree])
        if obj:
            slots["object"] = obj
            slots["target"] = obj
    if not cand.nominal:
        slots["verb"] = _third_person(cand.token.lemma_.lower())
        if themes and themes[0].dep_ == "ccomp" and any(t.dep_ in ("dobj", "dative") for t in cand.themes):
            slots["verb"] = "says"  # "told reporters that …": the label keeps what was said, not to whom
    frame = cand.frame
    templates = frame.labels if ev.type == frame.type else next(
        (f.labels for f in frames.frames if f.type == ev.type), frame.labels
    )
    for template in templates:
        names = _SLOT.findall(template)
        if all(slots.get(n) is not None and (slots[n] != "" or n == "term") for n in names):
            label = template.format(**{n: slots[n] for n in names})
            return label[:1].upper() + label[1:]
    return frames.labels.get(ev.type, ev.type)


__all__ = ["label_of"]
