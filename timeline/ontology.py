"""The ontology's terms as typed namespaces, and where the ontology and shapes files live.

Typed namespaces reject misspelt terms: ``TL.Repatriaton`` raises instead of minting a new IRI.

>>> str(TL.Event)
'https://w3id.org/timeline-kg/ontology#Event'
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from rdflib import Graph, Namespace
from rdflib.namespace import DefinedNamespace, URIRef

TL_IRI = "https://w3id.org/timeline-kg/ontology#"
ONTOLOGY_GRAPH = TL_IRI.rstrip("#")
"""The named graph the ontology sits in beside the data (in queries, a store, a SPARQL server)."""
ID_BASE = "https://w3id.org/timeline-kg/id/"

# The Turtle files are package data: ``timeline/ontology_files`` is the top-level ``ontology/``
# folder (a symlink in the source tree, real files in a wheel), found through importlib.resources.
ONTOLOGY_DIR = resources.files(__package__).joinpath("ontology_files")
ONTOLOGY_PATH = ONTOLOGY_DIR.joinpath("timeline.ttl")
SHAPES_PATH = ONTOLOGY_DIR.joinpath("shapes.ttl")


class TL(DefinedNamespace):
    """timeline's own terms (ontology/timeline.ttl)."""

    _fail = True
    _NS = Namespace(TL_IRI)

    # documents and runs
    Document: URIRef
    ExtractionRun: URIRef
    publishedSource: URIRef
    publishedConfidence: URIRef
    sha256: URIRef
    # events and time
    Event: URIRef
    timeExpression: URIRef
    timeValue: URIRef
    statedTime: URIRef
    edtf: URIRef
    timePrecision: URIRef
    timeAnchor: URIRef
    timeSource: URIRef
    inferredEarliestBegin: URIRef
    inferredLatestEnd: URIRef
    timeInferredFrom: URIRef
    inferenceWindow: URIRef
    claimedIn: URIRef
    unitSeason: URIRef
    unitQuarter: URIRef
    unitHalfYear: URIRef
    unitDecade: URIRef
    unitCentury: URIRef
    # participants
    agent: URIRef
    affected: URIRef
    instrument: URIRef
    quantity: URIRef
    Quantity: URIRef
    unit: URIRef
    sentenceTerm: URIRef
    category: URIRef
    # claims
    certainty: URIRef
    Certainty: URIRef
    Certain: URIRef
    Probable: URIRef
    Possible: URIRef
    polarity: URIRef
    Polarity: URIRef
    Positive: URIRef
    Negative: URIRef
    denies: URIRef


class SEM(DefinedNamespace):
    """The Simple Event Model terms timeline uses."""

    _fail = True
    _NS = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")

    Event: URIRef
    Actor: URIRef
    Place: URIRef
    Time: URIRef
    Role: URIRef
    View: URIRef
    Authority: URIRef
    hasActor: URIRef
    hasPlace: URIRef
    hasTime: URIRef
    eventType: URIRef
    roleType: URIRef
    accordingTo: URIRef
    hasEarliestBeginTimeStamp: URIRef
    hasLatestBeginTimeStamp: URIRef
    hasEarliestEndTimeStamp: URIRef
    hasLatestEndTimeStamp: URIRef


class OA(DefinedNamespace):
    """The W3C Web Annotation terms timeline uses."""

    _fail = True
    _NS = Namespace("http://www.w3.org/ns/oa#")

    Annotation: URIRef
    SpecificResource: URIRef
    TextQuoteSelector: URIRef
    TextPositionSelector: URIRef
    hasBody: URIRef
    hasTarget: URIRef
    hasSource: URIRef
    hasSelector: URIRef
    motivatedBy: URIRef
    describing: URIRef
    exact: URIRef
    prefix: URIRef
    suffix: URIRef
    start: URIRef
    end: URIRef


SCHEMA = Namespace("https://schema.org/")
CNT = Namespace("http://www.w3.org/2011/content#")  # W3C Representing Content in RDF: cnt:characterEncoding
WD = Namespace("http://www.wikidata.org/entity/")
ID = Namespace(ID_BASE)

PREFIXES: dict[str, str] = {
    "tl": TL_IRI,
    "sem": str(SEM._NS),
    "oa": str(OA._NS),
    "prov": "http://www.w3.org/ns/prov#",
    "time": "http://www.w3.org/2006/time#",
    "dcterms": "http://purl.org/dc/terms/",
    "schema": str(SCHEMA),
    "cnt": str(CNT),
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "wd": str(WD),
    "id": ID_BASE,
}


def bind_prefixes(graph: Graph) -> Graph:
    """Bind timeline's prefixes on ``graph`` (so Turtle output is readable) and return it."""
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True, replace=True)
    return graph


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    """The ontology (ontology/timeline.ttl) parsed once per process. Do not mutate it."""
    return Graph().parse(data=ONTOLOGY_PATH.read_text(encoding="utf-8"), format="turtle")


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    """The SHACL shapes (ontology/shapes.ttl) parsed once per process. Do not mutate it."""
    return Graph().parse(data=SHAPES_PATH.read_text(encoding="utf-8"), format="turtle")


@lru_cache(maxsize=1)
def event_classes() -> dict[str, URIRef]:
    """Every event type class in the ontology (``tl:Event`` and its subclasses), by local name.

    Computed once per process; do not mutate the returned dict."""
    from rdflib.namespace import RDFS

    graph = ontology_graph()
    found: dict[str, URIRef] = {}
    todo = [URIRef(TL.Event)]
    while todo:
        cls = todo.pop()
        name = str(cls).removeprefix(TL_IRI)
        if name in found:
            continue
        found[name] = cls
        todo.extend(s for s in graph.subjects(RDFS.subClassOf, cls) if isinstance(s, URIRef))
    return found
