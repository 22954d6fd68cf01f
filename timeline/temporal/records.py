"""Time expressions as plain records: the output of ``timeline timex``."""

from __future__ import annotations

from typing import Any

from ..model import Timex


def timex_records(timexes: list[Timex]) -> list[dict[str, Any]]:
    """Plain JSON-ready dicts (the ``timeline timex`` output), one per expression.

    >>> from timeline.temporal import find_timexes
    >>> timex_records(find_timexes("in April 2025", None))[0]["earliest"]
    '2025-04-01'
    """
    out: list[dict[str, Any]] = []
    for t in timexes:
        r: dict[str, Any] = {"start": t.start, "end": t.end, "text": t.text, "type": t.type,
                             "value": t.value}
        if t.earliest is not None or t.latest is not None or t.open_start or t.open_end:
            r["earliest"] = t.earliest.isoformat() if t.earliest else None
            r["latest"] = t.latest.isoformat() if t.latest else None
        if t.granularity:
            r["granularity"] = t.granularity
        r["anchor"] = t.anchor
        if t.mod:
            r["mod"] = t.mod
        if t.open_start:
            r["open_start"] = True
        if t.open_end:
            r["open_end"] = True
        out.append(r)
    return out


def format_timex_records(records: list[dict[str, Any]], fmt: str = "jsonl") -> str:
    """Render :func:`timex_records` as JSON lines (``jsonl``) or an aligned text ``table``.

    >>> from timeline.temporal import find_timexes
    >>> print(format_timex_records(timex_records(find_timexes("in April 2025", None))), end="")
    {"start": 3, "end": 13, "text": "April 2025", "type": "DATE", "value": "2025-04", "earliest": "2025-04-01", "latest": "2025-04-30", "granularity": "month", "anchor": "absolute"}
    """
    import json

    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    if fmt != "table":
        raise ValueError(f"unknown format {fmt!r}; expected 'jsonl' or 'table'")
    cols = ["start", "end", "text", "type", "value", "earliest", "latest", "granularity", "anchor", "mod"]
    rows = [[("" if r.get(c) is None else str(r.get(c))).replace("\n", " ") for c in cols] for r in records]
    widths = [max([len(c)] + [len(row[i]) for row in rows]) for i, c in enumerate(cols)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(cols, widths)).rstrip()]
    lines += ["  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip() for row in rows]
    return "\n".join(lines) + "\n"
