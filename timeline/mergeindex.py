"""The merge index of a store: each document's pieces (:mod:`timeline.remerge`) and what the last
merge decided, in SQLite, so an ingest merges again only what its change can reach (stdlib only).

Tables (in the store's ``index.sqlite``; :mod:`timeline.store` makes them):

- ``pieces``: one row per piece — its document, block (JSON ``[type, agent]``, NULL for a
  piece that is an event by itself), the merge's order (its mention keys, sorted, one a line),
  the years it is filed under, a fingerprint of its content, its members' merge features and
  its compact mentions (JSON, :mod:`timeline.records`), and its placement (the group it is in,
  that group's state once it joined, up to two groups an undated publication fit);
- ``groups``: one row per event: the piece that founded it, its identity and its event id.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from typing import Any

from . import records
from .model import Event
from .remerge import Kept, Piece, PieceStore, Placement, Remerged


def block_text(block: tuple[str, str] | None) -> str | None:
    return None if block is None else json.dumps(list(block))


def _block(text: str | None) -> tuple[str, str] | None:
    if text is None:
        return None
    etype, agent = json.loads(text)
    return (etype, agent)


class Stored:
    """A piece as stored: its content (JSON) and fingerprint, worked out once."""

    def __init__(self, piece: Piece) -> None:
        self.piece = piece
        self.features = json.dumps(piece.features, ensure_ascii=False, separators=(",", ":"))
        self.mentions = records.encode(m.event for m in piece.cluster.members)
        block = block_text(piece.block)
        self.fingerprint = hashlib.sha1(f"{block}\x00{piece.years}\x00{self.features}\x00{self.mentions}".encode()).hexdigest()


class PieceIndex(PieceStore):
    """The pieces and groups tables of one store's index (a :class:`timeline.remerge.PieceStore`)."""

    def __init__(self, db: Any) -> None:
        self.db = db
        self._events: dict[str, list[Event]] = {}

    # what the merge reads

    def kept(self, block: tuple[str, str]) -> list[Kept]:
        out = []
        for piece_id, doc_id, order, lo, hi, group, state, fits in self.db.execute(
            "SELECT id, doc_id, ord, lo, hi, grp, state, fits FROM pieces WHERE block = ?", (block_text(block),)
        ):
            placement = Placement(group, state, None if fits is None else tuple(json.loads(fits)))
            out.append(Kept(piece_id, doc_id, tuple(order.split("\n")), None if lo is None else (lo, hi), placement))
        return out

    def features(self, piece_id: str) -> list[Any]:
        from .extract.merge import mentions_from

        (text,) = self.db.execute("SELECT features FROM pieces WHERE id = ?", (piece_id,)).fetchone()
        return mentions_from(json.loads(text))

    def events(self, piece_id: str) -> list[Event]:
        found = self._events.get(piece_id)
        if found is None:
            (text,) = self.db.execute("SELECT mentions FROM pieces WHERE id = ?", (piece_id,)).fetchone()
            found = self._events[piece_id] = records.decode(text)
        return found

    def group(self, founder: str) -> tuple[str, str] | None:
        row = self.db.execute("SELECT identity, event FROM groups WHERE founder = ?", (founder,)).fetchone()
        return None if row is None else (row[0], row[1])

    def groups(self, block: tuple[str, str], founders: Iterable[str]) -> dict[str, tuple[str, str]]:
        wanted = set(founders)
        rows = self.db.execute("SELECT g.founder, g.identity, g.event FROM pieces p JOIN groups g ON g.founder = p.id WHERE p.block = ?",
                               (block_text(block),))
        return {founder: (identity, event) for founder, identity, event in rows if founder in wanted}

    # what a document had

    def of_document(self, doc_id: str) -> dict[str, tuple[tuple[str, str] | None, str]]:
        """A document's pieces: id → (block, fingerprint)."""
        return {piece_id: (_block(block), fingerprint)
                for piece_id, block, fingerprint in self.db.execute("SELECT id, block, fingerprint FROM pieces WHERE doc_id = ?", (doc_id,))}

    def all_mentions(self) -> dict[str, list[Event]]:
        """Every document's mentions (for a merge of everything)."""
        out: dict[str, list[Event]] = {}
        for doc_id, text in self.db.execute("SELECT doc_id, mentions FROM pieces ORDER BY doc_id, id"):
            out.setdefault(doc_id, []).extend(records.decode(text))
        return out

    # what the merge changed

    def write(self, removed: Iterable[str], added: Sequence[Stored], result: Remerged | None) -> None:
        """Drop the ``removed`` pieces, store the ``added`` ones, and keep what the merge decided
        (``result``; None when a custom merge ran: no placements are kept)."""
        db = self.db
        db.executemany("DELETE FROM pieces WHERE id = ?", [(piece_id,) for piece_id in removed])
        placements = result.placements if result is not None else {}
        rows = []
        for stored in added:
            piece = stored.piece
            placement = placements.get(piece.id)
            lo, hi = piece.years if piece.years is not None else (None, None)
            rows.append((piece.id, piece.doc_id, block_text(piece.block), "\n".join(piece.order), lo, hi, stored.fingerprint,
                         stored.features, stored.mentions, *_placement(placement, piece.id)))
        db.executemany("INSERT INTO pieces VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        fresh = {s.piece.id for s in added}
        db.executemany("UPDATE pieces SET grp = ?, state = ?, fits = ? WHERE id = ?",
                       [(*_placement(p, piece_id), piece_id) for piece_id, p in placements.items() if piece_id not in fresh])
        if result is None:
            db.execute("DELETE FROM groups")
            return
        db.executemany("DELETE FROM groups WHERE founder = ?", [(f,) for f in result.dropped])
        db.executemany("INSERT OR REPLACE INTO groups VALUES (?, ?, ?)", [(f, identity, event) for f, (identity, event, _) in result.groups.items()])


def _placement(placement: Placement | None, piece_id: str) -> tuple[str, str | None, str | None]:
    if placement is None:
        return (piece_id, None, None)
    return (placement.group, placement.state, None if placement.fits is None else json.dumps(list(placement.fits)))


__all__ = ["PieceIndex", "Stored", "block_text"]
