"""Walking up a dependency parse, in bounded steps.

Every question the extractor asks of a token's governors (is it negated above, is it the
complement of a reporting verb, does it lie in a trigger's clause) walks up the tree. On a long
run of coordinated clauses ("… executed three people and … executed two and …") each clause
hangs from the previous one, so unbounded walks make one sentence cost the square of its
length. Real sentences are a few heads deep; :data:`MAX_CLIMB` heads is far beyond any of them,
and every walk stops there. Beside the walk, one question both the matcher and the timing ask of
a noun's children: which verbs of its relative clauses tell it happening or being seen.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

MAX_CLIMB = 40


def heads(t: Any) -> Iterator[Any]:
    """The governors of ``t``, nearest first, up to the root or :data:`MAX_CLIMB` of them."""
    node = t
    for _ in range(MAX_CLIMB):
        if node.head.i == node.i:
            return
        node = node.head
        yield node



# Verbs whose relative clause on an event noun tells the event happening or being seen: its time is the event's
_OCCURRING = frozenset({"take", "occur", "happen", "witness", "see", "watch", "attend"})


def witnessed(t: Any, habitual: frozenset[str]) -> list[Any]:
    """The verbs of a relative clause on a noun that tell it happening or being seen, directly or
    under a saying verb: "an execution that took place in 1998", "an execution he said he witnessed
    in May" (not "an attack which the US attributed to the North in December", nor one with an
    adverb of ``habitual``, the ontology's tl:HabitualAdverbs: "rain, which usually falls in July")."""
    out = []
    for c in t.children:
        if c.dep_ == "relcl":
            out += [v for v in (c, *(k for k in c.children if k.dep_ == "ccomp")) if v.lemma_.lower() in _OCCURRING
                    and not any(g.dep_ == "advmod" and g.lemma_.lower() in habitual for g in v.children)]
    return out


__all__ = ["MAX_CLIMB", "heads", "witnessed"]
