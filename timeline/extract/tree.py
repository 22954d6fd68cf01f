"""Walking up a dependency parse, in bounded steps.

Every question the extractor asks of a token's governors (is it negated above, is it the
complement of a reporting verb, does it lie in a trigger's clause) walks up the tree. On a long
run of coordinated clauses ("… executed three people and … executed two and …") each clause
hangs from the previous one, so unbounded walks make one sentence cost the square of its
length. Real sentences are a few heads deep; :data:`MAX_CLIMB` heads is far beyond any of them,
and every walk stops there.
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


__all__ = ["MAX_CLIMB", "heads"]
