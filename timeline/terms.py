"""The terms the native RDF writer uses, as N-Triples text, with the standard library only.

:mod:`timeline.ontology` gives the same vocabularies as rdflib ``DefinedNamespace`` classes for
the library API; the hot path (:mod:`timeline.rdf`'s writer) never imports rdflib. Each
vocabulary here rejects a misspelt term just as they do (``tests/test_rdf.py`` checks that
every term here is one of :mod:`timeline.ontology`'s):

>>> TL.Document
'<https://w3id.org/timeline-kg/ontology#Document>'
>>> TL.Documnet
Traceback (most recent call last):
...
AttributeError: 'Documnet' is not a term of <https://w3id.org/timeline-kg/ontology#>
"""

from __future__ import annotations

import re
from pathlib import Path

TL_IRI = "https://w3id.org/timeline-kg/ontology#"
ID_BASE = "https://w3id.org/timeline-kg/id/"


def ontology_file(name: str = "timeline.ttl") -> Path:
    """Where an ontology file lives: inside the package when shipped there, else beside it."""
    here = Path(__file__).resolve().parent
    for folder in (here / "ontology_files", here / "ontology", here.parent / "ontology"):
        if (folder / name).is_file():
            return folder / name
    return here.parent / "ontology" / name


class Vocabulary:
    """A namespace whose known terms read as ``<iri>`` text; any other name is an AttributeError."""

    def __init__(self, base: str, names: str) -> None:
        self._base = base
        self._names = frozenset(names.split())

    def __getattr__(self, name: str) -> str:
        if name.startswith("_") or name not in self._names:
            raise AttributeError(f"{name!r} is not a term of <{self._base}>")
        term = f"<{self._base}{name}>"
        setattr(self, name, term)  # looked up once
        return term

    def iri(self, name: str) -> str:
        """The bare IRI of a term (no angle brackets)."""
        return getattr(self, name)[1:-1]


TL = Vocabulary(
    TL_IRI,
    """Document ExtractionRun publishedSource publishedConfidence sha256 Event timeExpression timeValue
    statedTime edtf timePrecision timeAnchor timeSource inferredEarliestBegin inferredLatestEnd
    timeInferredFrom inferenceWindow claimedIn unitSeason unitQuarter unitHalfYear unitDecade
    unitCentury agent affected instrument quantity Quantity unit sentenceTerm category
    certainty Certainty Certain Probable Possible polarity Polarity Positive Negative denies""",
)
SEM = Vocabulary(
    "http://semanticweb.cs.vu.nl/2009/11/sem/",
    """Event Actor Place Time Role View Authority hasActor hasPlace hasTime eventType roleType accordingTo
    hasEarliestBeginTimeStamp hasLatestBeginTimeStamp hasEarliestEndTimeStamp hasLatestEndTimeStamp""",
)
OA = Vocabulary(
    "http://www.w3.org/ns/oa#",
    """Annotation SpecificResource TextQuoteSelector TextPositionSelector hasBody hasTarget hasSource
    hasSelector motivatedBy describing exact prefix suffix start end""",
)
RDF = Vocabulary("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "type value")
RDFS = Vocabulary("http://www.w3.org/2000/01/rdf-schema#", "label subClassOf")
OWL = Vocabulary("http://www.w3.org/2002/07/owl#", "sameAs")
DCTERMS = Vocabulary("http://purl.org/dc/terms/", "title source identifier format issued")
PROV = Vocabulary("http://www.w3.org/ns/prov#", "wasGeneratedBy wasDerivedFrom wasAttributedTo wasAssociatedWith SoftwareAgent")
TIME = Vocabulary("http://www.w3.org/2006/time#", "unitDay unitWeek unitMonth unitYear Duration hasXSDDuration")
SCHEMA = Vocabulary("https://schema.org/", "datePublished")
CNT = Vocabulary("http://www.w3.org/2011/content#", "characterEncoding")
XSD = Vocabulary(
    "http://www.w3.org/2001/XMLSchema#",
    "string date gYear gYearMonth duration nonNegativeInteger integer double decimal boolean",
)

# Literals and IRIs as N-Triples text ---------------------------------------------------------

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_ESCAPES.update({chr(c): f"\\u{c:04X}" for c in range(0x20) if chr(c) not in _ESCAPES})
_ESCAPES["\x7f"] = "\\u007F"
_TABLE = str.maketrans(_ESCAPES)
_SURROGATES = re.compile("[\ud800-\udfff]")
_NEEDS = re.compile('[\\\\"\x00-\x1f\x7f\ud800-\udfff]')


def _escape(text: str) -> str:
    if not _NEEDS.search(text):
        return text
    text = text.translate(_TABLE)
    # a lone surrogate (a file name that was not UTF-8) cannot be written: U+FFFD stands in
    return _SURROGATES.sub("\ufffd", text)


def lit(text: str) -> str:
    """A plain string literal.

    >>> lit('say "hi"\\n')
    '"say \\\\"hi\\\\"\\\\n"'
    """
    return f'"{_escape(text)}"'


def typed(text: str, datatype: str) -> str:
    """A literal of ``datatype`` (an ``<iri>`` term such as ``XSD.date``)."""
    return f'"{_escape(text)}"^^{datatype}'


_IRI_UNSAFE = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def iri(text: str) -> str:
    """An IRI term; characters an IRI may not hold are percent-encoded."""
    if _IRI_UNSAFE.search(text):
        text = _IRI_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group(0).encode("utf-8")), text)
    return f"<{text}>"


PREFIXES: dict[str, str] = {
    "tl": TL_IRI,
    "sem": SEM._base,
    "oa": OA._base,
    "prov": PROV._base,
    "time": TIME._base,
    "dcterms": DCTERMS._base,
    "schema": SCHEMA._base,
    "cnt": CNT._base,
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "owl": OWL._base,
    "rdf": RDF._base,
    "rdfs": RDFS._base,
    "xsd": XSD._base,
    "wd": "http://www.wikidata.org/entity/",
    "id": ID_BASE,
}
"""timeline's prefixes (the same as :data:`timeline.ontology.PREFIXES`; a test keeps them equal)."""
