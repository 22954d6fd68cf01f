"""Documents and merged events → RDF under the timeline ontology. The only place IRIs are minted.

The same input always yields the same IRIs and the same graph: IRIs come from document ids,
offsets and merged-event ids, never from counters, clocks or memory addresses.

Shape of the output (the contract other tools query)::

    ?event a tl:<Type> ; rdfs:label ?label ; prov:wasDerivedFrom ?doc ;
           sem:hasEarliestBeginTimeStamp ?from ; sem:hasLatestEndTimeStamp ?to .   # stated time
    ?event tl:inferredEarliestBegin ?ifrom ; tl:inferredLatestEnd ?ito ;          # or inferred,
           tl:timeInferredFrom "publication" .                                      # never both
    ?event tl:claimedIn ?act .     # a reported event → the statement or report release asserting it
    ?doc a tl:Document ; dcterms:issued ?published .
    ?ann a oa:Annotation ; oa:hasBody ?event ; oa:hasTarget ?target .
    ?target oa:hasSource ?doc ; oa:hasSelector ?q , ?p .
    ?q a oa:TextQuoteSelector ; oa:exact ?quote .
    ?p a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .

The writer is native: each function returns triples as N-Triples term text (``<iri>``,
``"literal"^^<datatype>``), which :func:`nquads` turns into lines that pyoxigraph (or any
N-Quads reader) loads. Nothing here builds an rdflib graph except :func:`build_graph` and
:func:`build_dataset`, the library API that hands one back; rdflib is imported only there.

Where each :class:`~timeline.model.Event` field goes is written down once, in
:data:`EVENT_FIELDS` (a test fails when a field of the model is missing from it).

>>> doc = Document(id="a", path="a.txt", text="Hi.", sha256="0")
>>> print(nquads(document_triples(doc))[:80])
<https://w3id.org/timeline-kg/id/doc/a> <http://www.w3.org/1999/02/22-rdf-syntax
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from functools import lru_cache
from typing import Any

from . import __version__
from .model import Document, Entity, Event, InferredTime, MergedEvent, Quantity, Timex
from .terms import CNT as _CNT
from .terms import DCTERMS as _DCTERMS
from .terms import ID_BASE, iri, lit, ontology_file, typed
from .terms import OA as _OA
from .terms import OWL as _OWL
from .terms import PROV as _PROV
from .terms import RDF as _RDF
from .terms import RDFS as _RDFS
from .terms import SCHEMA as _SCHEMA
from .terms import SEM as _SEM
from .terms import TIME as _TIME
from .terms import TL as _TL
from .terms import XSD as _XSD

Triple = tuple[str, str, str]
"""One triple as N-Triples term text: ``('<s>', '<p>', '"o"')``."""

QUOTE_CONTEXT = 32  # characters of prefix and suffix kept beside each quote

_UNITS = {
    "day": _TIME.unitDay,
    "week": _TIME.unitWeek,
    "month": _TIME.unitMonth,
    "season": _TL.unitSeason,
    "quarter": _TL.unitQuarter,
    "half": _TL.unitHalfYear,
    "year": _TIME.unitYear,
    "decade": _TL.unitDecade,
    "century": _TL.unitCentury,
}
_CERTAINTY = {"certain": _TL.Certain, "probable": _TL.Probable, "possible": _TL.Possible}
_POLARITY = {"positive": _TL.Positive, "negative": _TL.Negative}
_SEASONS = {"SP": "21", "SU": "22", "FA": "23", "AU": "23", "WI": "24"}
_QUARTERS = {"Q1": "33", "Q2": "34", "Q3": "35", "Q4": "36"}
_HALVES = {"H1": "40", "H2": "41"}

EVENT_FIELDS: dict[str, str] = {
    "doc_id": "annotation oa:hasSource; event prov:wasDerivedFrom",
    "type": "event rdf:type (a class of the ontology)",
    "label": "event rdfs:label (of the best mention, chosen by the merge)",
    "sentence": "annotation's quote and position selectors",
    "trigger": "nothing (the mention key; merging)",
    "when": "event time (tl:timeExpression, sem bounds, tl:statedTime, tl:edtf, tl:timePrecision)",
    "participants": "event sem:hasActor/sem:hasPlace, tl:agent/tl:affected; the entities",
    "quantities": "event tl:quantity nodes",
    "attributed_to": "event prov:wasAttributedTo + sem:accordingTo; annotation prov:wasAttributedTo",
    "certainty": "annotation tl:certainty; event tl:certainty (the surest mention)",
    "polarity": "annotation tl:polarity; event tl:polarity (positive if any mention is)",
    "denies": "event tl:denies",
    "duration": "event tl:sentenceTerm (Sentencing)",
    "time_source": "annotation tl:timeSource; event tl:timeSource",
    "inferred": "event tl:inferred* (through the merge, only without a stated time)",
    "claimed_in": "event tl:claimedIn",
}
"""Where each field of :class:`~timeline.model.Event` is written: the one map of the model onto _RDF."""

RUN_IRI = f"{ID_BASE}run/timeline-{__version__}"
_URI = re.compile(r"[a-z][a-z0-9+.-]*://")
_RUN = iri(RUN_IRI)
_ANN = "\x00"  # stands for the annotation's IRI in a template until its event is known
_EVENT = "\x01"  # stands for the event's IRI (neither can occur in N-Triples text: both are escaped)


# IRIs ------------------------------------------------------------------------------------


def _slug(text: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    return slug or hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def document_ref(doc_id: str) -> str:
    """The IRI of a document, from its stable id (text)."""
    return f"{ID_BASE}doc/{_slug(doc_id)}"


def document_graph_ref(doc_id: str) -> str:
    """The IRI of the named graph that holds what one document contributes (text)."""
    return f"{ID_BASE}graph/doc/{_slug(doc_id)}"


EVENTS_GRAPH_REF = f"{ID_BASE}graph/events"


def event_ref(event_id: str) -> str:
    """The IRI of a merged event, from its stable id (text)."""
    return f"{ID_BASE}event/{_slug(event_id)}"


def entity_ref(entity: Entity) -> str:
    """The IRI of an actor or place: one node per canonical entity key (text)."""
    return f"{ID_BASE}{entity.kind}/{_slug(entity.key)}"


def annotation_ref(doc_id: str, event: str, start: int, end: int) -> str:
    """The IRI of the annotation tying one event (its IRI) to one sentence of one document."""
    digest = hashlib.sha1(f"{doc_id}|{event}|{start}|{end}".encode()).hexdigest()[:16]
    return f"{ID_BASE}ann/{digest}"


def _uriref(text: str) -> Any:
    from rdflib import URIRef

    return URIRef(text)


def document_iri(doc_id: str) -> Any:
    """The IRI of a document, from its stable id, as an rdflib URIRef."""
    return _uriref(document_ref(doc_id))


def document_graph_iri(doc_id: str) -> Any:
    """The IRI of the named graph of one document, as an rdflib URIRef."""
    return _uriref(document_graph_ref(doc_id))


def event_iri(event_id: str) -> Any:
    """The IRI of a merged event, from its stable id, as an rdflib URIRef."""
    return _uriref(event_ref(event_id))


def entity_iri(entity: Entity) -> Any:
    """The IRI of an actor or place, as an rdflib URIRef."""
    return _uriref(entity_ref(entity))


def annotation_iri(doc_id: str, event_id: str, start: int, end: int) -> Any:
    """The IRI of an annotation (``event_id`` is the event's IRI), as an rdflib URIRef."""
    return _uriref(annotation_ref(doc_id, str(event_id), start, end))


def __getattr__(name: str) -> Any:
    """``EVENTS_GRAPH``, ``RUN`` and the rdflib vocabularies (``TL``, ``SEM``…), loaded on first use."""
    if name == "EVENTS_GRAPH":
        return _uriref(EVENTS_GRAPH_REF)
    if name == "RUN":
        return _uriref(RUN_IRI)
    if name in ("TL", "SEM", "OA", "SCHEMA", "WD", "ID", "CNT"):
        from . import ontology

        return getattr(ontology, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@lru_cache(maxsize=1)
def event_classes() -> dict[str, str]:
    """Every event class in the ontology (``tl:Event`` and its subclasses) as ``<iri>`` text, by
    local name. Read with pyoxigraph (no rdflib), once per process."""
    import pyoxigraph as ox

    below: dict[str, list[str]] = {}
    sub_class_of = _RDFS.iri("subClassOf")
    for quad in ox.parse(path=str(ontology_file()), format=ox.RdfFormat.TURTLE):
        if quad.predicate.value == sub_class_of and isinstance(quad.object, ox.NamedNode) and isinstance(quad.subject, ox.NamedNode):
            below.setdefault(quad.object.value, []).append(quad.subject.value)
    found: dict[str, str] = {}
    base = _TL.iri("Event")
    todo = [base]
    while todo:
        cls = todo.pop()
        name = cls.removeprefix(_TL.iri("Event")[: -len("Event")])
        if name in found:
            continue
        found[name] = f"<{cls}>"
        todo.extend(below.get(cls, ()))
    return found


# Time ------------------------------------------------------------------------------------


def edtf(timex: Timex) -> str | None:
    """The EDTF (ISO 8601-2) form of a DATE expression's value, or None when it has none.

    >>> edtf(Timex(0, 10, "April 2025", "DATE", "2025-04"))
    '2025-04'
    >>> edtf(Timex(0, 11, "summer 2021", "DATE", "2021-SU"))
    '2021-22'
    >>> edtf(Timex(0, 9, "1999–2001", "DATE", "1999/2001"))
    '1999/2001'
    """
    if timex.type != "DATE":
        return None
    value = timex.value
    match = re.fullmatch(r"(\d{4})-(SP|SU|FA|AU|WI|Q[1-4]|H[12])", value)
    if match:
        year, part = match.groups()
        code = _SEASONS.get(part) or _QUARTERS.get(part) or _HALVES[part]
        out = f"{year}-{code}"
    elif re.fullmatch(r"\d{3}", value):
        out = f"{value}X"
    elif re.fullmatch(r"\d{2}", value):
        out = f"{value}XX"
    elif re.fullmatch(r"[\dX]{4}(-[\dX]{2}){0,2}", value):
        out = value
    elif re.fullmatch(r"\d{4}(-\d{2}){0,2}/\d{4}(-\d{2}){0,2}", value):
        return value  # an interval: "1999/2001", "1999-03-08/1999-04-07" (a week after an arrest in March 1999)
    else:
        return None
    if timex.open_end and not timex.open_start:
        return f"{out}/.."
    if timex.open_start and not timex.open_end:
        return f"../{out}"
    if timex.mod == "APPROX":
        return f"{out}~"
    return out


def _stated_time(timex: Timex) -> str | None:
    value = timex.value
    if timex.open_start or timex.open_end:
        code = edtf(timex)
        return lit(code) if code else None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return typed(value, _XSD.date)
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return typed(value, _XSD.gYearMonth)
    if re.fullmatch(r"\d{4}", value):
        return typed(value, _XSD.gYear)
    code = edtf(timex)
    return lit(code) if code else None


def stated_time(timex: Timex) -> Any:
    """The time at its stated precision, as an rdflib Literal: xsd:date, xsd:gYearMonth,
    xsd:gYear, else EDTF text (None when it has no calendar position)."""
    text = _stated_time(timex)
    return None if text is None else _rdflib_term(text)


def _date(value: date) -> str:
    return typed(value.isoformat(), _XSD.date)


def _time_triples(subject: str, timex: Timex) -> list[Triple]:
    out = [
        (subject, _TL.timeExpression, lit(timex.text)),
        (subject, _TL.timeValue, lit(timex.value)),
        (subject, _TL.timeAnchor, lit(timex.anchor)),
    ]
    # An open interval ("since 2020" with no publication date to close it) keeps its one
    # known bound; the contract's ?from/?to pair stays absent, since no closed interval is known.
    if timex.earliest is not None:
        out.append((subject, _SEM.hasEarliestBeginTimeStamp, _date(timex.earliest)))
    if timex.latest is not None:
        out.append((subject, _SEM.hasLatestEndTimeStamp, _date(timex.latest)))
    if timex.earliest is not None or timex.latest is not None:
        stated = _stated_time(timex)
        if stated is not None:
            out.append((subject, _TL.statedTime, stated))
    code = edtf(timex)
    if code:
        out.append((subject, _TL.edtf, lit(code)))
    if timex.granularity in _UNITS:
        out.append((subject, _TL.timePrecision, _UNITS[timex.granularity]))
    return out


def _inferred_triples(subject: str, inferred: InferredTime) -> list[Triple]:
    """A time the text does not state, on properties of its own (never sem:has…TimeStamp)."""
    out = [
        (subject, _TL.inferredEarliestBegin, _date(inferred.earliest)),
        (subject, _TL.inferredLatestEnd, _date(inferred.latest)),
        (subject, _TL.timeInferredFrom, lit(inferred.basis)),
    ]
    if inferred.window_days:
        out.append((subject, _TL.inferenceWindow, typed(f"P{inferred.window_days}D", _XSD.duration)))
    return out


def _number(value: Any) -> str:
    if isinstance(value, bool):
        return typed("true" if value else "false", _XSD.boolean)
    if isinstance(value, int):
        return typed(str(value), _XSD.integer)
    return typed(str(float(value)), _XSD.double)


# Triples ---------------------------------------------------------------------------------


def document_triples(doc: Document) -> list[Triple]:
    """A document's node: title, publication date and how it was found, source path (an IRI
    when it is a URI), the character encoding its bytes were read in."""
    node = iri(document_ref(doc.id))
    out = [(node, _RDF.type, _TL.Document), (node, _RDFS.label, lit(doc.title or doc.id))]
    if doc.title:
        out.append((node, _DCTERMS.title, lit(doc.title)))
    out += [
        (node, _DCTERMS.source, iri(doc.path) if _URI.match(doc.path) else lit(doc.path)),
        (node, _DCTERMS.identifier, lit(doc.id)),
        (node, _DCTERMS.format, lit(doc.media_type)),
        (node, _TL.sha256, lit(doc.sha256)),
    ]
    if doc.encoding:
        out.append((node, _CNT.characterEncoding, lit(doc.encoding)))
    if doc.published is not None:
        out.append((node, _DCTERMS.issued, _date(doc.published)))
        out.append((node, _SCHEMA.datePublished, _date(doc.published)))
        if doc.published_source:
            out.append((node, _TL.publishedSource, lit(doc.published_source)))
        if doc.published_confidence:
            out.append((node, _TL.publishedConfidence, lit(doc.published_confidence)))
    return out


def entity_triples(entity: Entity) -> list[Triple]:
    """An actor (sem:Actor) or place (sem:Place) node, linked to Wikidata where known."""
    node = iri(entity_ref(entity))
    out = [(node, _RDF.type, _SEM.Place if entity.kind == "place" else _SEM.Actor), (node, _RDFS.label, lit(entity.label))]
    if entity.wikidata:
        out.append((node, _OWL.sameAs, iri(f"http://www.wikidata.org/entity/{entity.wikidata}")))
    if entity.category:
        out.append((node, _TL.category, lit(entity.category)))
    return out


def _quantity_triples(event: str, index: int, quantity: Quantity) -> list[Triple]:
    node = f"{event[:-1]}/quantity/{index}>"
    return [
        (event, _TL.quantity, node),
        (node, _RDF.type, _TL.Quantity),
        (node, _RDF.value, _number(quantity.value)),
        (node, _TL.unit, lit(quantity.unit)),
        (node, _RDFS.label, lit(quantity.text)),
    ]


def annotation_template(doc: Document, mention: Event) -> list[Triple]:
    """The annotation tying ``mention`` to its sentence of ``doc``, before its event is known.

    Its IRI and the event's stand as placeholders that :func:`fill_annotation` replaces once the
    merge has named the event, so the quote (and the document's text) is cut here, when the
    document is extracted, and never travels further.
    """
    sentence = mention.sentence
    node, target, quote, position = f"<{_ANN}>", f"<{_ANN}/target>", f"<{_ANN}/quote>", f"<{_ANN}/position>"
    out = [
        (node, _RDF.type, _OA.Annotation),
        (node, _OA.motivatedBy, _OA.describing),
        (node, _OA.hasBody, f"<{_EVENT}>"),
        (node, _OA.hasTarget, target),
        (node, _PROV.wasGeneratedBy, _RUN),
        (node, _TL.certainty, _CERTAINTY[mention.certainty]),
        (node, _TL.polarity, _POLARITY[mention.polarity]),
    ]
    if mention.when is not None and mention.time_source:
        out.append((node, _TL.timeSource, lit(mention.time_source)))
    if mention.attributed_to is not None:
        out.append((node, _PROV.wasAttributedTo, iri(entity_ref(mention.attributed_to))))
    prefix = doc.text[max(0, sentence.start - QUOTE_CONTEXT) : sentence.start]
    suffix = doc.text[sentence.end : sentence.end + QUOTE_CONTEXT]
    out += [
        (target, _RDF.type, _OA.SpecificResource),
        (target, _OA.hasSource, iri(document_ref(doc.id))),
        (target, _OA.hasSelector, quote),
        (target, _OA.hasSelector, position),
        (quote, _RDF.type, _OA.TextQuoteSelector),
        (quote, _OA.exact, lit(sentence.text)),
        (quote, _OA.prefix, lit(prefix)),
        (quote, _OA.suffix, lit(suffix)),
        (position, _RDF.type, _OA.TextPositionSelector),
        (position, _OA.start, typed(str(sentence.start), _XSD.nonNegativeInteger)),
        (position, _OA.end, typed(str(sentence.end), _XSD.nonNegativeInteger)),
    ]
    return out


def fill_annotation(lines: str, doc_id: str, event: str, start: int, end: int) -> str:
    """Annotation lines (:func:`nquads` of a template) with their event's IRI (text) put in."""
    return lines.replace(_ANN, annotation_ref(doc_id, event, start, end)).replace(_EVENT, event)


def annotation_triples(doc: Document, mention: Event, event: str) -> list[Triple]:
    """The annotation tying the event ``event`` (its IRI, text) to the sentence stating ``mention``."""
    ann = annotation_ref(doc.id, event, mention.sentence.start, mention.sentence.end)

    def put(term: str) -> str:
        return term.replace(_ANN, ann).replace(_EVENT, event)

    return [(put(s), p, put(o)) for s, p, o in annotation_template(doc, mention)]


_CERTAINTY_RANK = {"certain": 0, "probable": 1, "possible": 2}
LINKS = {"denies": _TL.denies, "claimedIn": _TL.claimedIn}
"""The properties that link one merged event to another through a mention key (``event_of``)."""


def event_triples(merged: MergedEvent, event_of: Mapping[str, str]) -> tuple[list[Triple], list[Entity]]:
    """One merged event: type, label, time, participants, claims and derivation, and the
    actors and places it refers to (their own triples come from :func:`entity_triples`).

    ``event_of`` maps every mention key to its merged event's IRI (text), so a denial can point
    to the event it denies. Annotations are written apart (they need the document's text).
    """
    node = iri(event_ref(merged.id))
    classes = event_classes()
    if merged.type not in classes:
        raise ValueError(f"unknown event type {merged.type!r}; known: {', '.join(sorted(classes))}")
    out: list[Triple] = [
        (node, _RDF.type, classes[merged.type]),
        (node, _RDFS.label, lit(merged.label)),
        (node, _PROV.wasGeneratedBy, _RUN),
    ]
    entities: list[Entity] = []
    for doc_id in sorted({m.doc_id for m in merged.mentions}):
        out.append((node, _PROV.wasDerivedFrom, iri(document_ref(doc_id))))
    if merged.when is not None:
        out += _time_triples(node, merged.when)
        source = next((m.time_source for m in merged.mentions if m.when == merged.when and m.time_source), None)
        if source:
            out.append((node, _TL.timeSource, lit(source)))
    elif merged.inferred is not None:
        out += _inferred_triples(node, merged.inferred)
    for participant in merged.participants:
        entities.append(participant.entity)
        entity = iri(entity_ref(participant.entity))
        if participant.entity.kind == "place":
            out.append((node, _SEM.hasPlace, entity))
            continue
        out.append((node, _SEM.hasActor, entity))
        if participant.role == "agent":
            out.append((node, _TL.agent, entity))
        elif participant.role == "affected":
            out.append((node, _TL.affected, entity))
    index = 0
    for mention in merged.mentions:
        for quantity in mention.quantities:
            out += _quantity_triples(node, index, quantity)
            index += 1
        if mention.duration is not None and merged.type == "Sentencing":
            term = f"{node[:-1]}/term/{index}>"
            index += 1
            out += [
                (node, _TL.sentenceTerm, term),
                (term, _RDF.type, _TIME.Duration),
                (term, _TIME.hasXSDDuration, typed(mention.duration.value, _XSD.duration)),
                (term, _RDFS.label, lit(mention.duration.text)),
            ]
        if mention.attributed_to is not None:
            entities.append(mention.attributed_to)
            source = iri(entity_ref(mention.attributed_to))
            out.append((node, _PROV.wasAttributedTo, source))
            out.append((node, _SEM.accordingTo, source))
        if mention.claimed_in is not None:
            act = event_of.get(mention.claimed_in)
            if act is not None and act != node[1:-1]:
                out.append((node, _TL.claimedIn, iri(act)))
        for denied in mention.denies:
            target = event_of.get(denied)
            if target is not None and target != node[1:-1]:
                out.append((node, _TL.denies, iri(target)))
    certainty = min((m.certainty for m in merged.mentions), key=_CERTAINTY_RANK.__getitem__)
    out.append((node, _TL.certainty, _CERTAINTY[certainty]))
    polarity = "positive" if any(m.polarity == "positive" for m in merged.mentions) else "negative"
    out.append((node, _TL.polarity, _POLARITY[polarity]))
    return list(dict.fromkeys(out)), entities


def run_triples() -> list[Triple]:
    """The extraction run (the tool and its version; no clock time, so output is stable)."""
    agent = iri(f"{ID_BASE}agent/timeline-{__version__}")
    return [
        (_RUN, _RDF.type, _TL.ExtractionRun),
        (_RUN, _RDFS.label, lit(f"timeline {__version__} extraction")),
        (_RUN, _PROV.wasAssociatedWith, agent),
        (agent, _RDF.type, _PROV.SoftwareAgent),
        (agent, _RDFS.label, lit(f"timeline {__version__}")),
    ]


def nquads(triples: Iterable[Triple], graph: str | None = None) -> str:
    """Triples as N-Triples lines, or N-Quads lines in ``graph`` (an IRI, text)."""
    if graph is None:
        return "".join([f"{s} {p} {o} .\n" for s, p, o in triples])
    name = iri(graph)
    return "".join([f"{s} {p} {o} {name} .\n" for s, p, o in triples])


SYNTAXES = ("nt", "nq", "turtle", "trig")
"""What the native writer writes: N-Triples, N-Quads, Turtle, TriG (other formats convert from N-Quads)."""


@lru_cache(maxsize=1)
def _short_terms() -> tuple[dict[str, str], dict[str, str]]:
    """``<iri>`` → ``prefix:name`` for every vocabulary term and event class (objects), and the
    same with ``a`` for rdf:type (predicates)."""
    from . import terms

    by_base = {base: name for name, base in terms.PREFIXES.items() if name != "id"}
    short: dict[str, str] = {}
    for vocabulary in vars(terms).values():
        if isinstance(vocabulary, terms.Vocabulary) and vocabulary._base in by_base:
            for name in vocabulary._names:
                short[f"<{vocabulary._base}{name}>"] = f"{by_base[vocabulary._base]}:{name}"
    for name, term in event_classes().items():
        if re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", name):
            short[term] = f"tl:{name}"
    predicates = dict(short)
    predicates[_RDF.type] = "a"
    return short, predicates


def turtle_header() -> str:
    """The ``@prefix`` lines of timeline's Turtle and TriG (``id:`` is spelt out: its names hold slashes)."""
    from .terms import PREFIXES

    return "".join(f"@prefix {name}: <{base}> .\n" for name, base in PREFIXES.items() if name != "id") + "\n"


_XSD_DATATYPE = "^^<http://www.w3.org/2001/XMLSchema#"


def turtle(triples: Iterable[Triple]) -> str:
    """Triples as Turtle statements (under :func:`turtle_header`): a subject's consecutive
    triples share one statement, vocabulary terms are written with their prefixes."""
    short, predicates = _short_terms()
    obj, pred = short.get, predicates.get
    out: list[str] = []
    last = None
    for s, p, o in triples:
        if o[-1] == ">" and o[0] == '"' and _XSD_DATATYPE in o:
            o = o.replace(_XSD_DATATYPE, "^^xsd:")[:-1]
        if s == last:
            out.append(f" ;\n    {pred(p, p)} {obj(o, o)}")
        else:
            if last is not None:
                out.append(" .\n")
            out.append(f"{s} {pred(p, p)} {obj(o, o)}")
            last = s
    if last is not None:
        out.append(" .\n")
    return "".join(out)


def render(triples: Iterable[Triple], graph: str | None, syntax: str) -> str:
    """Triples as text in one of :data:`SYNTAXES`; ``graph`` names their graph (N-Quads, TriG)."""
    if syntax == "nt":
        return nquads(triples)
    if syntax == "nq":
        return nquads(triples, graph)
    text = turtle(triples)
    if syntax == "trig" and graph is not None and text:
        return f"{iri(graph)} {{\n{text}}}\n"
    return text


def lines_of(text: str) -> list[str]:
    """The lines of N-Triples/N-Quads text, split at line feeds only (``str.splitlines`` would
    also split inside a literal at U+2028 and friends, which N-Triples leaves unescaped)."""
    parts = text.split("\n")
    return [line + "\n" for line in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def mention_index(merged: Iterable[MergedEvent]) -> dict[str, str]:
    """Every mention key → the IRI (text) of the merged event it belongs to."""
    return {m.key: event_ref(e.id) for e in merged for m in e.mentions}


class EntityTriples:
    """Each actor and place once, however many events name it (every variant's triples, once)."""

    def __init__(self) -> None:
        self.seen: set[Entity] = set()
        self.triples: set[Triple] = set()

    def __call__(self, entities: Iterable[Entity]) -> list[Triple]:
        out = []
        for entity in entities:
            if entity in self.seen:
                continue
            self.seen.add(entity)
            for triple in entity_triples(entity):
                if triple not in self.triples:
                    self.triples.add(triple)
                    out.append(triple)
        return out


def events_text(merged: Iterable[MergedEvent], event_of: Mapping[str, str], syntax: str) -> Iterator[str]:
    """The run, the merged events and their actors and places as text in ``syntax`` (in
    ``id:graph/events`` for N-Quads and TriG), one chunk per event."""
    graph = EVENTS_GRAPH_REF
    entities = EntityTriples()
    yield render(run_triples(), graph, syntax)
    for item in merged:
        triples, named = event_triples(item, event_of)
        yield render(triples, graph, syntax) + render(entities(named), graph, syntax)


def events_nquads(merged: Iterable[MergedEvent], event_of: Mapping[str, str], *, dataset: bool) -> Iterator[str]:
    """:func:`events_text` as N-Triples, or N-Quads with ``dataset``."""
    return events_text(merged, event_of, "nq" if dataset else "nt")


def write_nquads(documents: Iterable[Document], merged: Iterable[MergedEvent], *, dataset: bool) -> Iterator[str]:
    """Everything :func:`build_graph` holds, as N-Triples (N-Quads with ``dataset``) text chunks."""
    docs = {d.id: d for d in documents}
    events = list(merged)
    event_of = mention_index(events)
    yield from events_nquads(events, event_of, dataset=dataset)
    by_doc: dict[str, list[tuple[Event, str]]] = {doc_id: [] for doc_id in docs}
    for item in events:
        for mention in item.mentions:
            by_doc.setdefault(mention.doc_id, []).append((mention, event_of[mention.key]))
    for doc_id, doc in docs.items():
        graph = document_graph_ref(doc_id) if dataset else None
        lines = [nquads(document_triples(doc), graph)]
        for mention, event in by_doc[doc_id]:
            lines.append(fill_annotation(nquads(annotation_template(doc, mention), graph), doc_id, event, mention.sentence.start, mention.sentence.end))
        yield "".join(dict.fromkeys(lines_of("".join(lines))))


# The library API: rdflib graphs ------------------------------------------------------------


def _rdflib_term(text: str) -> Any:
    import pyoxigraph as ox

    triple = next(iter(ox.parse(f"<urn:x> <urn:x> {text} .\n", format=ox.RdfFormat.N_TRIPLES)))
    return _to_rdflib()(triple.object)


def _to_rdflib() -> Any:
    from rdflib import BNode, Literal, URIRef

    iris: dict[str, Any] = {}
    string = _XSD.iri("string")

    def convert(term: Any) -> Any:
        kind = type(term).__name__
        if kind == "NamedNode":
            found = iris.get(term.value)
            if found is None:
                found = iris[term.value] = URIRef(term.value)
            return found
        if kind == "Literal":
            if term.language:
                return Literal(term.value, lang=term.language)
            datatype = term.datatype.value
            return Literal(term.value) if datatype == string else Literal(term.value, datatype=convert(term.datatype))
        if kind == "BlankNode":
            return BNode(term.value)
        if kind == "DefaultGraph":
            return None
        raise TypeError(f"cannot convert RDF term {term!r}")

    return convert


def _load_rdflib(target: Any, chunks: Iterable[str], *, dataset: bool) -> Any:
    import pyoxigraph as ox

    from .ontology import bind_prefixes

    bind_prefixes(target)
    convert = _to_rdflib()
    text = "".join(chunks)
    if dataset:
        for quad in ox.parse(text, format=ox.RdfFormat.N_QUADS):
            target.add((convert(quad.subject), convert(quad.predicate), convert(quad.object), convert(quad.graph_name)))
    else:
        add = target.add
        for quad in ox.parse(text, format=ox.RdfFormat.N_TRIPLES):
            add((convert(quad.subject), convert(quad.predicate), convert(quad.object)))
    return target


def build_graph(documents: Iterable[Document], merged: Iterable[MergedEvent]) -> Any:
    """One rdflib Graph holding the documents, the merged events and their evidence."""
    from rdflib import Graph

    return _load_rdflib(Graph(), write_nquads(documents, merged, dataset=False), dataset=False)


def build_dataset(documents: Iterable[Document], merged: Iterable[MergedEvent]) -> Any:
    """The same content as :func:`build_graph`, split into named graphs (an rdflib Dataset).

    Each document's node and annotations go into its own graph (``id:graph/doc/<id>``);
    events, actors and places into ``id:graph/events``. TriG and N-Quads keep the split.
    """
    from rdflib import Dataset

    return _load_rdflib(Dataset(), write_nquads(documents, merged, dataset=True), dataset=True)


__all__ = [
    "EVENT_FIELDS",
    "annotation_template",
    "annotation_triples",
    "build_dataset",
    "build_graph",
    "document_iri",
    "document_ref",
    "document_triples",
    "edtf",
    "entity_iri",
    "entity_ref",
    "entity_triples",
    "event_iri",
    "event_ref",
    "event_triples",
    "events_nquads",
    "events_text",
    "render",
    "turtle",
    "turtle_header",
    "fill_annotation",
    "nquads",
    "run_triples",
    "stated_time",
    "write_nquads",
]
