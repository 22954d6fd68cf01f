"""The RDF mapping: stable IRIs, honest time literals, evidence that points into the text."""

from dataclasses import replace
from datetime import date

import pytest
from rdflib import Literal
from rdflib.compare import isomorphic
from rdflib.namespace import XSD

from timeline import rdf
from timeline.model import Document, Entity, Event, MergedEvent, Participant, Span, Timex
from timeline.validate import validate_graph

TEXT = "Seoul, 2 May. In April 2025, China was reported to have returned 60 escapees. Nothing else."


def _doc(text=TEXT, published=date(2025, 5, 2), doc_id="a"):
    return Document(id=doc_id, path=f"{doc_id}.txt", text=text, sha256="0" * 64, published=published)


def _event(doc, when=None, **kw):
    start = doc.text.index("In April")
    end = doc.text.index("escapees.") + 9
    when = when or Timex(17, 27, "April 2025", "DATE", "2025-04", date(2025, 4, 1), date(2025, 4, 30), "month", "absolute")
    china = Entity("Q148", "China", "actor", "Q148", "country")
    return Event(
        doc.id, "Repatriation", "China repatriates 60 people", Span(start, end, doc.text[start:end]),
        Span(start + 40, start + 44, doc.text[start + 40 : start + 44]), when,
        (Participant(china, "agent"),), certainty="probable", **kw,
    )


def _merged(event, event_id="e1"):
    return MergedEvent(event_id, event.type, event.label, (event,), event.when, event.participants)


@pytest.mark.parametrize(
    "value,expected",
    [
        ("2025-04", "2025-04"),
        ("2014", "2014"),
        ("2025-10-02", "2025-10-02"),
        ("2021-SU", "2021-22"),
        ("2024-Q3", "2024-35"),
        ("199", "199X"),
        ("XXXX-07-29", "XXXX-07-29"),
        ("P7Y", None),
        ("PRESENT_REF", None),
    ],
)
def test_edtf_follows_iso_8601_2(value, expected):
    """TIMEX3 values become EDTF strings; values with no calendar position have none."""
    assert rdf.edtf(Timex(0, 1, "x", "DATE", value)) == expected


def test_edtf_marks_open_intervals():
    """'since 2020' is an interval open at its end."""
    assert rdf.edtf(Timex(0, 10, "since 2020", "DATE", "2020", open_end=True)) == "2020/.."


@pytest.mark.parametrize(
    "value,datatype",
    [("2025-04-02", XSD.date), ("2025-04", XSD.gYearMonth), ("2025", XSD.gYear)],
)
def test_stated_time_keeps_the_stated_precision(value, datatype):
    """A month stays a month (xsd:gYearMonth), never a made-up day."""
    assert rdf.stated_time(Timex(0, 1, "x", "DATE", value)) == Literal(value, datatype=datatype)


def test_same_input_gives_the_same_graph():
    """IRIs come from ids and offsets, so two builds of the same input are identical."""
    doc = _doc()
    one = rdf.build_graph([doc], [_merged(_event(doc))])
    two = rdf.build_graph([doc], [_merged(_event(doc))])
    assert isomorphic(one, two)
    assert set(one.subjects()) == set(two.subjects())


def test_quote_offsets_point_into_the_document():
    """oa:start/oa:end select exactly the quoted sentence."""
    doc = _doc()
    graph = rdf.build_graph([doc], [_merged(_event(doc))])
    rows = list(graph.query(
        """PREFIX oa: <http://www.w3.org/ns/oa#>
        SELECT ?quote ?start ?end WHERE {
          ?t oa:hasSelector ?q, ?p . ?q oa:exact ?quote . ?p oa:start ?start ; oa:end ?end }"""
    ))
    assert len(rows) == 1
    quote, start, end = (r.toPython() for r in rows[0])
    assert doc.text[int(start) : int(end)] == str(quote)


def test_graph_conforms_to_the_shapes():
    """What rdf.py writes passes SHACL validation."""
    doc = _doc()
    report = validate_graph(rdf.build_graph([doc], [_merged(_event(doc))]))
    assert report.conforms, report.text()


def test_unresolved_time_has_no_bounds_but_keeps_its_text():
    """Without a publication date 'Thursday' stays text: no sem bounds are invented."""
    doc = _doc(published=None)
    thursday = Timex(0, 8, "Thursday", "DATE", "XXXX-WXX-4", granularity="day", anchor="unresolved")
    graph = rdf.build_graph([doc], [_merged(_event(doc, when=thursday))])
    text = graph.serialize(format="nt")
    assert "hasEarliestBeginTimeStamp" not in text
    assert '"Thursday"' in text
    assert validate_graph(graph).conforms


def test_denial_links_to_the_event_it_denies():
    """A denial mention's `denies` key becomes tl:denies between the merged events."""
    doc = _doc()
    claim = _event(doc)
    denial = Event(doc.id, "Denial", "North Korea denies", claim.sentence, Span(0, 5, doc.text[0:5]), denies=(claim.key,), polarity="negative")
    graph = rdf.build_graph([doc], [_merged(claim, "c"), _merged(denial, "d")])
    assert (rdf.event_iri("d"), rdf.TL.denies, rdf.event_iri("c")) in graph


def test_unknown_event_type_is_refused():
    """A misspelt type is an error that lists the valid ones, not a new class."""
    doc = _doc()
    bad = MergedEvent("x", "Repatriaton", "x", (_event(doc),))
    with pytest.raises(ValueError, match="known: .*Repatriation"):
        rdf.build_graph([doc], [bad])


def test_open_interval_keeps_only_the_known_bound():
    """'since 2020' with nothing to close it: an earliest bound, no invented end."""
    doc = _doc(published=None)
    since = Timex(0, 10, "since 2020", "DATE", "2020", date(2020, 1, 1), None, "year", "absolute", "ON_OR_AFTER", open_end=True)
    graph = rdf.build_graph([doc], [_merged(_event(doc, when=since))])
    node = rdf.event_iri("e1")
    assert graph.value(node, rdf.SEM.hasEarliestBeginTimeStamp) == Literal("2020-01-01", datatype=XSD.date)
    assert graph.value(node, rdf.SEM.hasLatestEndTimeStamp) is None
    assert graph.value(node, rdf.TL.statedTime) == Literal("2020/..")
    assert validate_graph(graph).conforms


def test_inferred_time_stays_apart_from_stated_time():
    """A time inferred from publication has its own properties, never sem:has…TimeStamp."""
    from timeline.model import InferredTime

    doc = _doc()
    event = replace(_event(doc), when=None, inferred=InferredTime(date(2025, 4, 2), date(2025, 5, 2), "publication", 30))
    merged = MergedEvent("e1", event.type, event.label, (event,), None, event.participants, inferred=event.inferred)
    graph = rdf.build_graph([doc], [merged])
    node = rdf.event_iri("e1")
    assert graph.value(node, rdf.TL.inferredLatestEnd) == Literal("2025-05-02", datatype=XSD.date)
    assert graph.value(node, rdf.TL.timeInferredFrom) == Literal("publication")
    assert graph.value(node, rdf.SEM.hasLatestEndTimeStamp) is None
    assert validate_graph(graph).conforms


def test_shapes_refuse_an_event_with_stated_and_inferred_time():
    doc = _doc()
    graph = rdf.build_graph([doc], [_merged(_event(doc))])
    graph.add((rdf.event_iri("e1"), rdf.TL.inferredLatestEnd, Literal("2025-05-02", datatype=XSD.date)))
    report = validate_graph(graph)
    assert not report.conforms
    assert "inferred" in report.text()


def test_a_reported_event_links_to_the_act_that_claims_it():
    doc = _doc()
    release = Event(doc.id, "ReportRelease", "Report released", Span(0, 5, doc.text[0:5]), Span(0, 5, doc.text[0:5]))
    claim = replace(_event(doc), claimed_in=release.key, time_source="clause")
    graph = rdf.build_graph([doc], [_merged(claim, "c"), _merged(release, "r")])
    assert (rdf.event_iri("c"), rdf.TL.claimedIn, rdf.event_iri("r")) in graph
    assert graph.value(rdf.event_iri("c"), rdf.TL.timeSource) == Literal("clause")
    assert validate_graph(graph).conforms
