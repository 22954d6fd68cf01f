"""A SELECT query's ORDER BY, followed in Python: the order of its rows, ties broken by the whole row.

Oxigraph compares two IRIs (or two long strings) by reading both strings from its database, once
per comparison: ``ORDER BY ?from ?event ?doc ?start`` costs it more than the rest of the query
on 36,000 rows (1.2 of 2.5 CPU s at 10⁶ triples). The rows, once they are Python values, sort
in a few hundredths of that. So :func:`timeline.sparql.query` runs a SELECT whose ORDER BY is
one this module can follow (:func:`order_of`) without it (:func:`without_order`) and sorts the
rows here (:func:`ordered`), and leaves the order to the engine when the rows hold values whose
order SPARQL leaves to it (mixed kinds of literal, blank nodes, language-tagged text).

The order is SPARQL's: unbound first, then IRIs (by their text), then literals (numbers by
value, strings by code point, dates, booleans); ``DESC`` reverses it. Rows the ORDER BY keeps
equal are ordered by their whole values, so the same rows always come out in the same order
(kept rows, :mod:`timeline.keptrows`, rely on it).

Also here: :func:`code_only`, a query's text with its strings, comments and IRIs blanked out,
which everything that reads a query's keywords looks at.

>>> ordered(["s", "n"], [(IRI("urn:b"), 1), (None, 2), (IRI("urn:a"), 3)], "SELECT * WHERE { ?s ?p ?n } ORDER BY ?s")
[(None, 2), ('urn:a', 3), ('urn:b', 1)]
>>> without_order("SELECT * WHERE { ?s ?p ?o } ORDER BY DESC(?o) ?s  # newest first")
'SELECT * WHERE { ?s ?p ?o } '
"""

from __future__ import annotations

import math
import re
from datetime import date
from decimal import Decimal
from typing import Any

from .results import IRI

__all__ = ["code_only", "order_of", "ordered", "sort_key", "without_order"]

_STRINGY = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
    r"|<[^<>\"{}|^`\\\x00-\x20]*>|#[^\n]*",
    re.S,
)


def code_only(sparql: str, *, keep_iris: bool = False) -> str:
    """The query with strings, comments and (unless ``keep_iris``) IRIs blanked out, same length,
    to find keywords and variables.

    >>> code_only('SELECT ?s WHERE { ?s rdfs:label "a { b" }  # c')
    'SELECT ?s WHERE { ?s rdfs:label         }     '
    """

    def blank(match: re.Match[str]) -> str:
        text = match.group(0)
        return text if keep_iris and text.startswith("<") else " " * len(text)

    return _STRINGY.sub(blank, sparql)


_ORDER_TERM = re.compile(
    r"\s*(?:(?P<desc>DESC|ASC)\s*\(\s*\?(?P<dvar>\w+)\s*\)|\(\s*(?P<neg>!)?\s*BOUND\s*\(\s*\?(?P<bvar>\w+)\s*\)\s*\)|\?(?P<var>\w+))",
    re.I,
)

Order = list[tuple[int, bool, str | None]]
"""An ORDER BY as ``(column, descending, test)`` terms; ``test`` is ``bound`` or ``unbound`` for
``BOUND(?x)``/``!BOUND(?x)``, else None."""


def _order_clause(sparql: str) -> tuple[int, list[tuple[str, bool, str | None]]] | None:
    """Where the query's last ORDER BY starts and its terms as ``(variable, descending, test)``;
    ``(-1, [])`` without one; None when it is not one this module follows (an expression, a
    clause after it, LIMIT/OFFSET)."""
    code = code_only(sparql)
    if re.search(r"\b(LIMIT|OFFSET)\b", code, re.I):
        return None
    found = list(re.finditer(r"\bORDER\s+BY\b", code, re.I))
    if not found:
        return -1, []
    rest = code[found[-1].end():].rstrip()
    terms: list[tuple[str, bool, str | None]] = []
    at = 0
    while at < len(rest):
        match = _ORDER_TERM.match(rest, at)
        if match is None:
            return None
        var = match.group("dvar") or match.group("bvar") or match.group("var")
        if match.group("bvar"):
            terms.append((var, False, "unbound" if match.group("neg") else "bound"))
        else:
            terms.append((var, (match.group("desc") or "").upper() == "DESC", None))
        at = match.end()
    return (found[-1].start(), terms) if terms else None


def order_of(sparql: str, columns: list[str]) -> Order | None:
    """The ORDER BY of a query as ``(column, descending, test)`` terms (see :data:`Order`), ``[]``
    without one, or None when it is not one this module can follow (an expression, a variable
    not projected, LIMIT/OFFSET).

    >>> order_of("SELECT ?a ?b WHERE { ?a ?p ?b } ORDER BY (!BOUND(?b)) DESC(?b) ?a", ["a", "b"])
    [(1, False, 'unbound'), (1, True, None), (0, False, None)]
    """
    clause = _order_clause(sparql)
    if clause is None:
        return None
    terms = []
    for var, desc, test in clause[1]:
        if var not in columns:
            return None
        terms.append((columns.index(var), desc, test))
    return terms


def without_order(sparql: str) -> str | None:
    """A SELECT query without its ORDER BY, when :func:`ordered` can put its rows in that order
    afterwards: the ORDER BY orders by projected variables only (plain, ``ASC``/``DESC`` or
    ``(!)BOUND``) and is the query's last clause. None otherwise (no ORDER BY, not a SELECT,
    another ORDER BY)."""
    clause = _order_clause(sparql)
    if clause is None or clause[0] < 0:
        return None
    code = code_only(sparql)
    select = re.search(r"\b(SELECT|CONSTRUCT|DESCRIBE|ASK)\b", code, re.I)
    if select is None or select.group(1).upper() != "SELECT":
        return None
    where = re.search(r"\bWHERE\b|\{", code[select.end():])
    projection = code[select.end(): select.end() + where.start()] if where else ""
    everything = re.fullmatch(r"\s*(?:DISTINCT|REDUCED)?\s*\*\s*", projection, re.I)
    if not everything and any(not re.search(rf"[?$]{var}\b", projection) for var, _, _ in clause[1]):
        return None  # ordered by a variable that is not projected: the engine orders
    return sparql[: clause[0]]


_LITERAL = {str: "string", int: "number", float: "number", Decimal: "number", bool: "boolean", date: "date"}


def sort_key(value: Any) -> tuple[Any, ...]:
    """SPARQL's order for the values a column of ours holds: unbound, then IRIs, then literals."""
    if value is None:
        return (0,)
    if type(value) is IRI:
        return (2, str(value))
    return (3, value)


def row_key(row: tuple[Any, ...]) -> tuple[Any, ...]:
    """A total order on rows, to break ties the same way every time."""
    return tuple((0, "", "", "", "") if v is None else (1, type(v).__name__, str(v), getattr(v, "language", None) or "",
                                                          getattr(v, "datatype", None) or "") for v in row)


def followable(values: list[Any]) -> bool:
    """Whether SPARQL fixes the order of a column's values: IRIs, and literals of one kind
    (never NaN, text with a language or an unknown datatype, blank nodes, date-times)."""
    types = {type(v) for v in values if v is not None} - {IRI}
    kinds = {_LITERAL.get(t) for t in types}
    if None in kinds or len(kinds) > 1:
        return False
    return float not in types or not any(type(v) is float and math.isnan(v) for v in values)


def _ranks(values: list[Any], desc: bool, test: str | None) -> list[int]:
    """Each row's place in one term of the order, as an int (negated for DESC): the column's
    distinct values are sorted once (a column repeats its types, documents and dates a lot)."""
    sign = -1 if desc else 1
    if test is not None:
        bound = sign if test == "bound" else -sign
        return [0 if v is None else bound for v in values]
    iris = sorted({v for v in values if type(v) is IRI})  # compared as their text
    literals = sorted({v for v in values if v is not None and type(v) is not IRI})  # of one kind (followable)
    rank_iri = {v: sign * place for place, v in enumerate(iris, start=1)}
    rank_literal = {v: sign * place for place, v in enumerate(literals, start=len(iris) + 1)}  # 1 and 1.0: one entry
    return [0 if v is None else rank_iri[v] if type(v) is IRI else rank_literal[v] for v in values]


def ordered(names: list[str], rows: list[tuple[Any, ...]], sparql: str) -> list[tuple[Any, ...]] | None:
    """``rows`` in the query's ORDER BY, ties broken by the whole row (:func:`row_key`), or None
    when the order cannot be followed here (see :func:`order_of`; or values whose order SPARQL
    leaves to the engine)."""
    order = order_of(sparql, names)
    if order is None:
        return None
    columns = [[row[column] for row in rows] for column, _desc, _test in order]
    if any(test is None and not followable(values) for values, (_c, _d, test) in zip(columns, order)):
        return None
    keys = list(zip(*(_ranks(values, desc, test) for values, (_c, desc, test) in zip(columns, order)))) if order else [()] * len(rows)
    places = sorted(range(len(rows)), key=keys.__getitem__)
    out = [rows[i] for i in places]
    keys = [keys[i] for i in places]
    ties = [i for i in range(1, len(keys)) if keys[i] == keys[i - 1]]  # rows equal to the one before
    at = 0
    while at < len(ties):  # each run the ORDER BY keeps equal, by the whole row
        start = end = ties[at]
        while at + 1 < len(ties) and ties[at + 1] == end + 1:
            at, end = at + 1, end + 1
        out[start - 1 : end + 1] = sorted(out[start - 1 : end + 1], key=row_key)
        at += 1
    return out
