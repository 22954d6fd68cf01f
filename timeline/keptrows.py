"""Kept rows of named queries: a store's answers to its shipped queries, kept as JSON.

A store changes only through ingest, so the rows of a shipped query stay valid until the next
one. They are kept in ``results/`` as JSON (never pickle: a store folder may come from
elsewhere), one column at a time with how to rebuild its values.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from .results import IRI, Blank, Text
from .sparql import QueryResult

_RESULTS_FORMAT = 3
_RESULTS_KEPT = 64  # files; the oldest go first (in-range with many ranges)


def _encode_column(values: list[Any]) -> list[Any]:
    """``[codec, distinct values, index of each row's value]``: results repeat types,
    documents, dates and labels, and rebuilding each distinct value once is what makes reading
    back fast."""
    seen: dict[tuple[type, Any], int] = {}
    distinct: list[Any] = []
    indices = []
    for value in values:
        key = (type(value), value)  # IRI("x") == "x" and True == 1: keep them apart
        at = seen.get(key)
        if at is None:
            at = seen[key] = len(distinct)
            distinct.append(value)
        indices.append(at)
    kinds = {type(v) for v in distinct if v is not None}
    if kinds in ({str}, {int}, set()):
        return ["plain", distinct, indices]
    if kinds == {IRI}:
        return ["iri", [None if v is None else str(v) for v in distinct], indices]
    if kinds == {date}:
        return ["date", [None if v is None else v.isoformat() for v in distinct], indices]
    return ["tagged", [_tag(v) for v in distinct], indices]


def _tag(value: Any) -> Any:
    if value is None:
        return None
    kind = type(value)
    if kind is IRI:
        return ["i", str(value)]
    if kind is str:
        return ["s", value]
    if kind is bool:
        return ["b", value]
    if kind is int:
        return ["n", value]
    if kind is float:
        return ["f", repr(value)]
    if kind is Decimal:
        return ["d", str(value)]
    if kind is date:
        return ["D", value.isoformat()]
    if kind is datetime:
        return ["T", value.isoformat()]
    if kind is Text:
        return ["L", [str(value), value.language, value.datatype]]
    if kind is Blank:
        return ["_", str(value)]
    raise TypeError(f"cannot keep a {kind.__name__} result value")


_UNTAG: dict[str, Callable[[Any], Any]] = {
    "i": IRI, "s": str, "b": bool, "n": int, "f": float, "d": Decimal, "D": date.fromisoformat, "T": datetime.fromisoformat,
    "L": lambda v: Text(v[0], language=v[1], datatype=v[2]), "_": Blank,
}


def _decode_column(codec: str, distinct: list[Any], indices: list[int]) -> list[Any]:
    if codec == "plain":
        values = distinct
    elif codec == "iri":
        values = [None if v is None else IRI(v) for v in distinct]
    elif codec == "date":
        values = [None if v is None else date.fromisoformat(v) for v in distinct]
    elif codec == "tagged":
        values = [None if v is None else _UNTAG[v[0]](v[1]) for v in distinct]
    else:
        raise ValueError(f"unknown column codec {codec!r}")
    return list(map(values.__getitem__, indices))


def _result_payload(result: QueryResult) -> str | None:
    if result.kind != "select" or not result.columns or result.warnings:
        return None
    try:
        if result.rows:
            columns = [_encode_column(list(col)) for col in zip(*result.rows)]
        else:
            columns = [["plain", [], []] for _ in result.columns]
    except TypeError:
        return None
    return json.dumps({"format": _RESULTS_FORMAT, "columns": result.columns, "rows": len(result.rows), "data": columns},
                      ensure_ascii=False, separators=(",", ":"))


def _result_from_payload(text: str) -> QueryResult:
    payload = json.loads(text)
    if payload.get("format") != _RESULTS_FORMAT:
        raise ValueError("other format")
    columns = payload["columns"]
    collecting = gc.isenabled()
    gc.disable()  # hundreds of thousands of new objects, none of them in a cycle
    try:
        data = [_decode_column(codec, distinct, indices) for codec, distinct, indices in payload["data"]]
        if len(data) != len(columns) or any(len(col) != payload["rows"] for col in data):
            raise ValueError("truncated")
        rows = list(zip(*data)) if payload["rows"] else []
    finally:
        if collecting:
            gc.enable()
    return QueryResult(list(columns), rows)


