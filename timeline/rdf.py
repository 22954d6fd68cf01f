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
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from datetime import date

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, TIME, XSD

from . import __version__
from .model import Document, Entity, Event, InferredTime, MergedEvent, Quantity, Timex
from .ontology import CNT, ID, OA, SCHEMA, SEM, TL, WD, bind_prefixes, event_classes

QUOTE_CONTEXT = 32  # characters of prefix and suffix kept beside each quote

_UNITS = {
    "day": TIME.unitDay,
    "week": TIME.unitWeek,
    "month": TIME.unitMonth,
    "season": TL.unitSeason,
    "quarter": TL.unitQuarter,
    "half": TL.unitHalfYear,
    "year": TIME.unitYear,
    "decade": TL.unitDecade,
    "century": TL.unitCentury,
}
_CERTAINTY = {"certain": TL.Certain, "probable": TL.Probable, "possible": TL.Possible}
_POLARITY = {"positive": TL.Positive, "negative": TL.Negative}
_SEASONS = {"SP": "21", "SU": "22", "FA": "23", "AU": "23", "WI": "24"}
_QUARTERS = {"Q1": "33", "Q2": "34", "Q3": "35", "Q4": "36"}
_HALVES = {"H1": "40", "H2": "41"}

RUN = ID[f"run/timeline-{__version__}"]


# IRIs ------------------------------------------------------------------------------------


def _slug(text: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    return slug or hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def document_iri(doc_id: str) -> URIRef:
    """The IRI of a document, from its stable id."""
    return ID[f"doc/{_slug(doc_id)}"]


def document_graph_iri(doc_id: str) -> URIRef:
    """The IRI of the named graph that holds what one document contributes."""
    return ID[f"graph/doc/{_slug(doc_id)}"]


EVENTS_GRAPH = ID["graph/events"]


def event_iri(event_id: str) -> URIRef:
    """The IRI of a merged event, from its stable id."""
    return ID[f"event/{_slug(event_id)}"]


def entity_iri(entity: Entity) -> URIRef:
    """The IRI of an actor or place: one node per canonical entity key."""
    return ID[f"{entity.kind}/{_slug(entity.key)}"]


def annotation_iri(doc_id: str, event_id: str, start: int, end: int) -> URIRef:
    """The IRI of the annotation tying one event to one sentence of one document."""
    digest = hashlib.sha1(f"{doc_id}|{event_id}|{start}|{end}".encode()).hexdigest()[:16]
    return ID[f"ann/{digest}"]


# Time ------------------------------------------------------------------------------------


def edtf(timex: Timex) -> str | None:
    """The EDTF (ISO 8601-2) form of a DATE expression's value, or None when it has none.

    >>> edtf(Timex(0, 10, "April 2025", "DATE", "2025-04"))
    '2025-04'
    >>> edtf(Timex(0, 11, "summer 2021", "DATE", "2021-SU"))
    '2021-22'
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
    else:
        return None
    if timex.open_end and not timex.open_start:
        return f"{out}/.."
    if timex.open_start and not timex.open_end:
        return f"../{out}"
    if timex.mod == "APPROX":
        return f"{out}~"
    return out


def stated_time(timex: Timex) -> Literal | None:
    """The time at its stated precision: xsd:date, xsd:gYearMonth, xsd:gYear, else EDTF text."""
    value = timex.value
    if timex.open_start or timex.open_end:
        code = edtf(timex)
        return Literal(code) if code else None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return Literal(value, datatype=XSD.date)
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return Literal(value, datatype=XSD.gYearMonth)
    if re.fullmatch(r"\d{4}", value):
        return Literal(value, datatype=XSD.gYear)
    code = edtf(timex)
    return Literal(code) if code else None


def _date(value: date) -> Literal:
    return Literal(value.isoformat(), datatype=XSD.date)


def _add_time(graph: Graph, subject: URIRef, timex: Timex) -> None:
    graph.add((subject, TL.timeExpression, Literal(timex.text)))
    graph.add((subject, TL.timeValue, Literal(timex.value)))
    graph.add((subject, TL.timeAnchor, Literal(timex.anchor)))
    # An open interval ("since 2020" with no publication date to close it) keeps its one
    # known bound; the contract's ?from/?to pair stays absent, since no closed interval is known.
    if timex.earliest is not None:
        graph.add((subject, SEM.hasEarliestBeginTimeStamp, _date(timex.earliest)))
    if timex.latest is not None:
        graph.add((subject, SEM.hasLatestEndTimeStamp, _date(timex.latest)))
    if timex.earliest is not None or timex.latest is not None:
        stated = stated_time(timex)
        if stated is not None:
            graph.add((subject, TL.statedTime, stated))
    code = edtf(timex)
    if code:
        graph.add((subject, TL.edtf, Literal(code)))
    if timex.granularity in _UNITS:
        graph.add((subject, TL.timePrecision, _UNITS[timex.granularity]))


def _add_inferred(graph: Graph, subject: URIRef, inferred: InferredTime) -> None:
    """A time the text does not state, on properties of its own (never sem:has…TimeStamp)."""
    graph.add((subject, TL.inferredEarliestBegin, _date(inferred.earliest)))
    graph.add((subject, TL.inferredLatestEnd, _date(inferred.latest)))
    graph.add((subject, TL.timeInferredFrom, Literal(inferred.basis)))
    if inferred.window_days:
        graph.add((subject, TL.inferenceWindow, Literal(f"P{inferred.window_days}D", datatype=XSD.duration)))


# Triples ---------------------------------------------------------------------------------


def add_document(graph: Graph, doc: Document) -> URIRef:
    """Add a document's node (title, publication date and how it was found, source path, the
    character encoding its bytes were read in)."""
    node = document_iri(doc.id)
    graph.add((node, RDF.type, TL.Document))
    graph.add((node, RDFS.label, Literal(doc.title or doc.id)))
    if doc.title:
        graph.add((node, DCTERMS.title, Literal(doc.title)))
    graph.add((node, DCTERMS.source, URIRef(doc.path) if re.match(r"[a-z][a-z0-9+.-]*://", doc.path) else Literal(doc.path)))
    graph.add((node, DCTERMS.identifier, Literal(doc.id)))
    graph.add((node, DCTERMS["format"], Literal(doc.media_type)))
    graph.add((node, TL.sha256, Literal(doc.sha256)))
    if doc.encoding:
        graph.add((node, CNT.characterEncoding, Literal(doc.encoding)))
    if doc.published is not None:
        graph.add((node, DCTERMS.issued, _date(doc.published)))
        graph.add((node, SCHEMA.datePublished, _date(doc.published)))
        if doc.published_source:
            graph.add((node, TL.publishedSource, Literal(doc.published_source)))
        if doc.published_confidence:
            graph.add((node, TL.publishedConfidence, Literal(doc.published_confidence)))
    return node


def add_entity(graph: Graph, entity: Entity) -> URIRef:
    """Add an actor (sem:Actor) or place (sem:Place) node, linked to Wikidata where known."""
    node = entity_iri(entity)
    graph.add((node, RDF.type, SEM.Place if entity.kind == "place" else SEM.Actor))
    graph.add((node, RDFS.label, Literal(entity.label)))
    if entity.wikidata:
        graph.add((node, OWL.sameAs, WD[entity.wikidata]))
    if entity.category:
        graph.add((node, TL.category, Literal(entity.category)))
    return node


def _add_quantity(graph: Graph, event: URIRef, index: int, quantity: Quantity) -> None:
    node = URIRef(f"{event}/quantity/{index}")
    graph.add((event, TL.quantity, node))
    graph.add((node, RDF.type, TL.Quantity))
    graph.add((node, RDF.value, Literal(quantity.value)))
    graph.add((node, TL.unit, Literal(quantity.unit)))
    graph.add((node, RDFS.label, Literal(quantity.text)))


def add_annotation(graph: Graph, doc: Document, mention: Event, event: URIRef) -> URIRef:
    """Add the oa:Annotation tying ``event`` to the sentence of ``doc`` that states it."""
    sentence = mention.sentence
    node = annotation_iri(doc.id, str(event), sentence.start, sentence.end)
    target = URIRef(f"{node}/target")
    quote = URIRef(f"{node}/quote")
    position = URIRef(f"{node}/position")
    graph.add((node, RDF.type, OA.Annotation))
    graph.add((node, OA.motivatedBy, OA.describing))
    graph.add((node, OA.hasBody, event))
    graph.add((node, OA.hasTarget, target))
    graph.add((node, PROV.wasGeneratedBy, RUN))
    graph.add((node, TL.certainty, _CERTAINTY[mention.certainty]))
    graph.add((node, TL.polarity, _POLARITY[mention.polarity]))
    if mention.when is not None and mention.time_source:
        graph.add((node, TL.timeSource, Literal(mention.time_source)))
    if mention.attributed_to is not None:
        graph.add((node, PROV.wasAttributedTo, entity_iri(mention.attributed_to)))
    graph.add((target, RDF.type, OA.SpecificResource))
    graph.add((target, OA.hasSource, document_iri(doc.id)))
    graph.add((target, OA.hasSelector, quote))
    graph.add((target, OA.hasSelector, position))
    graph.add((quote, RDF.type, OA.TextQuoteSelector))
    graph.add((quote, OA.exact, Literal(sentence.text)))
    prefix = doc.text[max(0, sentence.start - QUOTE_CONTEXT) : sentence.start]
    suffix = doc.text[sentence.end : sentence.end + QUOTE_CONTEXT]
    graph.add((quote, OA.prefix, Literal(prefix)))
    graph.add((quote, OA.suffix, Literal(suffix)))
    graph.add((position, RDF.type, OA.TextPositionSelector))
    graph.add((position, OA.start, Literal(sentence.start, datatype=XSD.nonNegativeInteger)))
    graph.add((position, OA.end, Literal(sentence.end, datatype=XSD.nonNegativeInteger)))
    return node


_CERTAINTY_RANK = {"certain": 0, "probable": 1, "possible": 2}


def add_event(graph: Graph, merged: MergedEvent, event_of: dict[str, URIRef]) -> URIRef:
    """Add one merged event: type, label, time, participants, claims and derivation.

    ``event_of`` maps every mention key to its merged event's IRI, so a denial can point to
    the event it denies. Annotations are added separately (they need the document text).
    """
    node = event_iri(merged.id)
    classes = event_classes()
    if merged.type not in classes:
        raise ValueError(f"unknown event type {merged.type!r}; known: {', '.join(sorted(classes))}")
    graph.add((node, RDF.type, classes[merged.type]))
    graph.add((node, RDFS.label, Literal(merged.label)))
    graph.add((node, PROV.wasGeneratedBy, RUN))
    for doc_id in sorted({m.doc_id for m in merged.mentions}):
        graph.add((node, PROV.wasDerivedFrom, document_iri(doc_id)))
    if merged.when is not None:
        _add_time(graph, node, merged.when)
        source = next((m.time_source for m in merged.mentions if m.when == merged.when and m.time_source), None)
        if source:
            graph.add((node, TL.timeSource, Literal(source)))
    elif merged.inferred is not None:
        _add_inferred(graph, node, merged.inferred)
    for participant in merged.participants:
        entity = add_entity(graph, participant.entity)
        if participant.entity.kind == "place":
            graph.add((node, SEM.hasPlace, entity))
            continue
        graph.add((node, SEM.hasActor, entity))
        if participant.role == "agent":
            graph.add((node, TL.agent, entity))
        elif participant.role == "affected":
            graph.add((node, TL.affected, entity))
    index = 0
    for mention in merged.mentions:
        for quantity in mention.quantities:
            _add_quantity(graph, node, index, quantity)
            index += 1
        if mention.duration is not None and merged.type == "Sentencing":
            term = URIRef(f"{node}/term/{index}")
            index += 1
            graph.add((node, TL.sentenceTerm, term))
            graph.add((term, RDF.type, TIME.Duration))
            graph.add((term, TIME.hasXSDDuration, Literal(mention.duration.value, datatype=XSD.duration)))
            graph.add((term, RDFS.label, Literal(mention.duration.text)))
        if mention.attributed_to is not None:
            source = add_entity(graph, mention.attributed_to)
            graph.add((node, PROV.wasAttributedTo, source))
            graph.add((node, SEM.accordingTo, source))
        if mention.claimed_in is not None:
            act = event_of.get(mention.claimed_in)
            if act is not None and act != node:
                graph.add((node, TL.claimedIn, act))
        for denied in mention.denies:
            target = event_of.get(denied)
            if target is not None and target != node:
                graph.add((node, TL.denies, target))
    certainty = min((m.certainty for m in merged.mentions), key=_CERTAINTY_RANK.__getitem__)
    graph.add((node, TL.certainty, _CERTAINTY[certainty]))
    polarity = "positive" if any(m.polarity == "positive" for m in merged.mentions) else "negative"
    graph.add((node, TL.polarity, _POLARITY[polarity]))
    return node


def add_run(graph: Graph) -> None:
    """Describe the extraction run (the tool and its version; no clock time, so output is stable)."""
    graph.add((RUN, RDF.type, TL.ExtractionRun))
    graph.add((RUN, RDFS.label, Literal(f"timeline {__version__} extraction")))
    agent = ID[f"agent/timeline-{__version__}"]
    graph.add((RUN, PROV.wasAssociatedWith, agent))
    graph.add((agent, RDF.type, PROV.SoftwareAgent))
    graph.add((agent, RDFS.label, Literal(f"timeline {__version__}")))


def _mention_index(merged: Iterable[MergedEvent]) -> dict[str, URIRef]:
    return {m.key: event_iri(e.id) for e in merged for m in e.mentions}


def build_graph(documents: Iterable[Document], merged: Iterable[MergedEvent]) -> Graph:
    """One graph holding the documents, the merged events and their evidence."""
    graph = bind_prefixes(Graph())
    docs = {d.id: d for d in documents}
    events = list(merged)
    event_of = _mention_index(events)
    add_run(graph)
    for doc in docs.values():
        add_document(graph, doc)
    for item in events:
        node = add_event(graph, item, event_of)
        for mention in item.mentions:
            add_annotation(graph, docs[mention.doc_id], mention, node)
    return graph


def build_dataset(documents: Iterable[Document], merged: Iterable[MergedEvent]) -> Dataset:
    """The same content as :func:`build_graph`, split into named graphs.

    Each document's node and annotations go into its own graph (``id:graph/doc/<id>``);
    events, actors and places into ``id:graph/events``. TriG and N-Quads keep the split.
    """
    dataset = Dataset()
    bind_prefixes(dataset)
    docs = {d.id: d for d in documents}
    events = list(merged)
    event_of = _mention_index(events)
    shared = dataset.graph(EVENTS_GRAPH)
    add_run(shared)
    for doc in docs.values():
        add_document(dataset.graph(document_graph_iri(doc.id)), doc)
    for item in events:
        node = add_event(shared, item, event_of)
        for mention in item.mentions:
            add_annotation(dataset.graph(document_graph_iri(mention.doc_id)), docs[mention.doc_id], mention, node)
    return dataset


__all__ = [
    "add_annotation",
    "add_document",
    "add_entity",
    "add_event",
    "build_dataset",
    "build_graph",
    "document_iri",
    "edtf",
    "entity_iri",
    "event_iri",
    "stated_time",
]
