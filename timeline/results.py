"""SPARQL 1.1 query results as the W3C writes them: JSON, CSV and TSV.

A query result holds plain Python values (see :func:`timeline.store.convert_value`); each is
written back as the RDF term it stands for: :class:`IRI` → an IRI, :class:`Blank` → a blank
node, :class:`Text` → a literal with its language tag or datatype, ``str`` → a plain literal,
``bool``/``int``/``Decimal``/``float``/``date``/``datetime`` → ``xsd:boolean``/``integer``/
``decimal``/``double``/``date``/``dateTime``.

- JSON: https://www.w3.org/TR/sparql11-results-json/ (``application/sparql-results+json``)
- CSV and TSV: https://www.w3.org/TR/sparql11-results-csv-tsv/

>>> print(to_tsv(["s", "n"], [(IRI("https://example.org/a"), 3)]), end="")
?s	?n
<https://example.org/a>	3
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

XSD = "http://www.w3.org/2001/XMLSchema#"

__all__ = ["IRI", "Blank", "Text", "term", "to_csv", "to_json", "to_tsv"]


class IRI(str):
    """An IRI in a query result: a ``str`` that remembers it names a resource (tables shorten it)."""

    __slots__ = ()


class Blank(str):
    """A blank node in a query result, spelt ``_:label``."""

    __slots__ = ()


class Text(str):
    """A literal in a query result kept as its text: a ``str`` that remembers its ``language``
    tag or its ``datatype`` (one Python has no value type for, e.g. ``xsd:gYear``).

    >>> Text("Pjöngjang", language="de").language
    'de'
    """

    language: str | None = None
    datatype: str | None = None

    def __new__(cls, value: str, *, language: str | None = None, datatype: str | None = None) -> Text:
        text = super().__new__(cls, value)
        text.language = language or None
        text.datatype = None if language else datatype
        return text

    def __reduce__(self) -> tuple[Any, ...]:
        return (_text_of, (str(self), self.language, self.datatype))


def _text_of(value: str, language: str | None, datatype: str | None) -> Text:
    return Text(value, language=language, datatype=datatype)


def _double(value: float) -> str:
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "INF" if value > 0 else "-INF"
    return repr(value)


def term(value: Any) -> dict[str, str] | None:
    """A Python value as a W3C JSON term (``{"type": …, "value": …}``); None stays unbound.

    >>> term(date(2020, 1, 31))
    {'type': 'literal', 'value': '2020-01-31', 'datatype': 'http://www.w3.org/2001/XMLSchema#date'}
    """
    if value is None:
        return None
    if isinstance(value, IRI):
        return {"type": "uri", "value": str(value)}
    if isinstance(value, Blank):
        return {"type": "bnode", "value": str(value).removeprefix("_:")}
    if isinstance(value, Text):
        out = {"type": "literal", "value": str(value)}
        if value.language:
            out["xml:lang"] = value.language
        elif value.datatype and value.datatype != XSD + "string":
            out["datatype"] = value.datatype
        return out
    if isinstance(value, str):
        return {"type": "literal", "value": value}
    if isinstance(value, bool):
        return {"type": "literal", "value": "true" if value else "false", "datatype": XSD + "boolean"}
    if isinstance(value, int):
        return {"type": "literal", "value": str(value), "datatype": XSD + "integer"}
    if isinstance(value, Decimal):
        return {"type": "literal", "value": format(value, "f"), "datatype": XSD + "decimal"}
    if isinstance(value, float):
        return {"type": "literal", "value": _double(value), "datatype": XSD + "double"}
    if isinstance(value, datetime):
        return {"type": "literal", "value": value.isoformat(), "datatype": XSD + "dateTime"}
    if isinstance(value, date):
        return {"type": "literal", "value": value.isoformat(), "datatype": XSD + "date"}
    return {"type": "literal", "value": str(value)}


def to_json(columns: Sequence[str], rows: Sequence[Sequence[Any]], boolean: bool | None = None) -> str:
    """SPARQL 1.1 Query Results JSON: ``head.vars`` and ``results.bindings`` (unbound
    variables left out of a binding), or ``boolean`` for ASK."""
    if boolean is not None:
        return json.dumps({"head": {}, "boolean": boolean}) + "\n"
    bindings = []
    for row in rows:
        binding = {}
        for column, value in zip(columns, row):
            encoded = term(value)
            if encoded is not None:
                binding[column] = encoded
        bindings.append(binding)
    payload = {"head": {"vars": list(columns)}, "results": {"bindings": bindings}}
    return json.dumps(payload, ensure_ascii=False) + "\n"


def to_csv(columns: Sequence[str], rows: Sequence[Sequence[Any]], boolean: bool | None = None) -> str:
    """SPARQL 1.1 Query Results CSV: a header of variable names, then each value's lexical
    form (IRIs bare, blank nodes ``_:b``, literals without type or language), CRLF line ends.
    An ASK result is one column ``_askResult``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if boolean is not None:
        writer.writerows([["_askResult"], ["true" if boolean else "false"]])
        return buffer.getvalue()
    writer.writerow(columns)
    writer.writerows([_csv_value(v) for v in row] for row in rows)
    return buffer.getvalue()


def _csv_value(value: Any) -> str:
    encoded = term(value)
    if encoded is None:
        return ""
    return "_:" + encoded["value"] if encoded["type"] == "bnode" else encoded["value"]


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")


def _tsv_term(value: Any) -> str:
    encoded = term(value)
    if encoded is None:
        return ""
    kind, text = encoded["type"], encoded["value"]
    if kind == "uri":
        return f"<{text}>"
    if kind == "bnode":
        return f"_:{text}"
    datatype = encoded.get("datatype")
    if datatype in (XSD + "integer", XSD + "boolean") or (datatype == XSD + "decimal" and "." in text):
        return text  # the abbreviated forms the TSV format allows
    if "xml:lang" in encoded:
        return f'"{_escape(text)}"@{encoded["xml:lang"]}'
    if datatype:
        return f'"{_escape(text)}"^^<{datatype}>'
    return f'"{_escape(text)}"'


def to_tsv(columns: Sequence[str], rows: Sequence[Sequence[Any]], boolean: bool | None = None) -> str:
    """SPARQL 1.1 Query Results TSV: a header of ``?variables``, then each value as an RDF term
    in SPARQL syntax (``<iri>``, ``"text"@en``, ``"2020"^^<…gYear>``, bare numbers), tab-separated."""
    if boolean is not None:
        return "?_askResult\n" + ("true" if boolean else "false") + "\n"
    lines = ["\t".join(f"?{c}" for c in columns)]
    lines += ["\t".join(_tsv_term(v) for v in row) for row in rows]
    return "\n".join(lines) + "\n"
