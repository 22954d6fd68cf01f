"""When an ingest compacts the database: once the quads bulk-loaded since the last compaction
are a fixed share (:data:`SHARE`) of the store's triples.

A bulk load (pyoxigraph's ``bulk_load``) adds sorted files to the database beside those it
holds; a compaction (``Store.optimize()``) merges every file into one sorted run, which makes
the queries faster, and costs in proportion to the whole database. Compacted after every bulk
load, a store grown in batches pays more for each batch than for the one before. Compacted
only when the quads loaded since the last compaction reach ``SHARE`` of the triples, each
compaction rewrites at most ``(1 + SHARE) / SHARE`` quads per quad loaded since the one before
— a bound that does not grow with the store (the geometric argument of log-structured
stores): the compaction's cost follows the change, spread over the ingests that made it.

The count of quads loaded since the last compaction is kept in the store's ``state.json``
(:data:`KEY`), saved with the ingest's other counts after its commit and before it compacts, so
it survives the process: an ingest stopped before its compaction leaves the count, and the
next ingest that writes, or finds nothing to write, compacts. A compaction changes no quad
(it rewrites the files the quads are in), so a store that was never compacted, or one stopped
in the middle of a compaction, answers the same, only more slowly.
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from typing import Any

SHARE = 0.5
"""The database is compacted when the quads bulk-loaded since its last compaction are at least
this share of its triples (see the module's docstring for why, and
``benchmarks/results/datapath-store.md`` for what it costs and saves)."""

KEY = "bulk_since_compaction"
"""The key in ``state.json`` under which the quads loaded since the last compaction are kept."""


def record_load(state: MutableMapping[str, Any], quads: int) -> None:
    """Count ``quads`` bulk-loaded into the store whose state is ``state`` (saved by the caller)."""
    if quads > 0:
        state[KEY] = int(state.get(KEY, 0)) + quads


def due(state: MutableMapping[str, Any], share: float | None = None) -> bool:
    """Whether the quads loaded since the last compaction are at least ``share`` (:data:`SHARE`)
    of the store's triples (``state["triples"]``, the count after the ingest)."""
    loaded = int(state.get(KEY, 0))
    limit = SHARE if share is None else share
    return loaded > 0 and loaded >= limit * max(int(state.get("triples", 0)), 1)


def compact_if_due(state: MutableMapping[str, Any], compact: Callable[[], bool], save: Callable[[], None]) -> bool:
    """Compact (``compact()``, True when it finished) when :func:`due`, then reset the count and
    ``save()`` the state; whether it compacted. A compaction that failed leaves the count, so
    the next ingest tries again."""
    if not due(state):
        return False
    if not compact():
        return False
    state[KEY] = 0
    save()
    return True


__all__ = ["KEY", "SHARE", "compact_if_due", "due", "record_load"]
