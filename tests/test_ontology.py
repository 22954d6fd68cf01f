"""The ontology is small, documented and aligned: every term labelled and explained, every
event type under tl:Event (itself under sem:Event), and the shapes parse."""

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from timeline.ontology import (
    ONTOLOGY_PATH,
    SEM,
    SHAPES_PATH,
    TL,
    TL_IRI,
    event_classes,
    ontology_graph,
)

REQUIRED_TYPES = [
    "ReportRelease", "Statement", "BorderClosure", "Repatriation", "Execution", "Sentencing",
    "Detention", "SurveillanceMeasure", "LawEnactment", "Lockdown", "CyberTheft", "Sanction",
    "Resolution",
]


def _own_terms(graph: Graph) -> set[URIRef]:
    return {s for s in graph.subjects() if isinstance(s, URIRef) and str(s).startswith(TL_IRI)}


def test_files_parse():
    """ontology/timeline.ttl and ontology/shapes.ttl are valid Turtle."""
    assert len(Graph().parse(ONTOLOGY_PATH)) > 100
    assert len(Graph().parse(SHAPES_PATH)) > 20


@pytest.mark.parametrize("term", sorted(_own_terms(ontology_graph())), ids=lambda t: str(t).removeprefix(TL_IRI))
def test_every_term_has_a_label_and_a_comment(term):
    """Each term of ours says what it is (rdfs:label) and what it means (rdfs:comment)."""
    graph = ontology_graph()
    assert graph.value(term, RDFS.label) is not None
    assert graph.value(term, RDFS.comment) is not None


def test_event_is_a_sem_event():
    """tl:Event sits under sem:Event."""
    assert (TL.Event, RDFS.subClassOf, SEM.Event) in ontology_graph()


@pytest.mark.parametrize("name", REQUIRED_TYPES)
def test_required_event_types_are_classes_under_event(name):
    """The event types of the output contract are OWL classes below tl:Event."""
    classes = event_classes()
    assert name in classes
    assert (classes[name], RDF.type, OWL.Class) in ontology_graph()


def test_event_types_map_to_coding_schemes():
    """Most event types carry a SKOS mapping to CAMEO, PLOVER or ACLED."""
    graph = ontology_graph()
    mapped = [
        name
        for name, cls in event_classes().items()
        if name != "Event" and (any(graph.objects(cls, SKOS.closeMatch)) or any(graph.objects(cls, SKOS.broadMatch)))
    ]
    assert len(mapped) >= len(REQUIRED_TYPES)


def test_no_undeclared_tl_terms_in_the_shapes():
    """The shapes use only terms the ontology declares."""
    shapes = Graph().parse(SHAPES_PATH)
    declared = _own_terms(ontology_graph())
    used = {o for o in shapes.objects() if isinstance(o, URIRef) and str(o).startswith(TL_IRI)}
    used |= {p for p in shapes.predicates() if str(p).startswith(TL_IRI)}
    assert used <= declared, sorted(used - declared)
