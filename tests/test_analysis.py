"""The networkx view, statistics and GraphML/GEXF export of a timeline graph."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from render_fixtures import SMALL_EVENTS, XSS_TITLE, small_graph
from timeline.analysis import export_graph, format_stats, graph_stats, read_view, to_networkx
from timeline.errors import TimelineError
from timeline.rdf import build_graph, event_iri


@pytest.fixture(scope="module")
def graph():
    return small_graph()


def test_view_has_every_event_with_its_time_quote_and_participants(graph):
    """Each event carries type, resolved bounds, the stated expression, participants and a quote."""
    view = read_view(graph)
    assert len(view["events"]) == SMALL_EVENTS
    repat = next(e for e in view["events"] if e["type"] == "Repatriation")
    assert (repat["earliest"], repat["latest"], repat["precision"]) == ("2024-04-01", "2024-04-30", "month")
    assert repat["expression"] == "April 2024"
    assert {a["role"] for a in repat["actors"]} == {"agent", "affected"}
    assert len(repat["places"]) == 1
    quotes = [q for q in view["quotes"] if q["event"] == repat["id"]]
    assert quotes and quotes[0]["text"].startswith("China forcibly returned")
    assert quotes[0]["start"] == 0 and quotes[0]["end"] == len(quotes[0]["text"])


def test_view_links_a_denial_to_what_it_denies(graph):
    """tl:denies shows on both sides, and both events are marked contested."""
    view = read_view(graph)
    denial = next(e for e in view["events"] if e["type"] == "Denial")
    repat = next(e for e in view["events"] if e["type"] == "Repatriation")
    assert denial["denies"] == [repat["id"]] and repat["denied_by"] == [denial["id"]]
    assert denial["contested"] and repat["contested"] and denial["polarity"] == "negative"


def test_view_keeps_undated_events(graph):
    """An event without a resolved time is in the view, with no bounds."""
    view = read_view(graph)
    undated = [e for e in view["events"] if e["earliest"] is None]
    assert [e["type"] for e in undated] == ["SurveillanceMeasure"]


def test_view_is_the_same_every_time(graph):
    """Reading the same graph twice gives identical JSON."""
    assert json.dumps(read_view(graph)) == json.dumps(read_view(small_graph()))


def test_empty_graph_gives_empty_view_and_zero_stats():
    """No events: empty lists, zero counts, and text that still prints."""
    empty = build_graph([], [])
    assert read_view(empty)["events"] == []
    stats = graph_stats(empty)
    assert stats["events"] == 0 and stats["documents_per_event"]["mean"] == 0.0
    assert format_stats(stats).startswith("0 events")


def test_to_networkx_has_typed_nodes_and_role_edges(graph):
    """Events, actors, places and documents are nodes; edges carry their kind."""
    g = to_networkx(graph)
    assert isinstance(g, nx.MultiDiGraph)
    kinds = nx.get_node_attributes(g, "kind")
    assert sum(1 for k in kinds.values() if k == "event") == SMALL_EVENTS
    assert {"actor", "place", "doc"} <= set(kinds.values())
    repat = str(event_iri("repat-2024-04"))
    assert {d["kind"] for _, _, d in g.out_edges(repat, data=True)} == {"agent", "affected", "place", "source"}
    assert g.has_edge(str(event_iri("denial-2024-12-01")), repat, key="denies")
    assert all(v is not None for _, data in g.nodes(data=True) for v in data.values())


def test_stats_count_years_types_actors_documents_and_disputes(graph):
    """graph_stats answers the questions an analyst asks first."""
    stats = graph_stats(graph)
    assert stats["events"] == SMALL_EVENTS and stats["documents"] == 3
    assert stats["years"]["2024"] == {"Denial": 1, "Repatriation": 1}
    assert stats["years"]["multi-year"] == {"BorderClosure": 1}
    assert stats["years"]["undated"] == {"SurveillanceMeasure": 1}
    assert list(stats["years"])[-2:] == ["multi-year", "undated"]
    assert stats["top_actors"][0]["label"] == "North Korea" and stats["top_actors"][0]["events"] == 3
    assert stats["documents_per_event"]["histogram"] == {"1": SMALL_EVENTS}
    (dispute,) = stats["contested"]
    assert dispute["type"] == "Denial" and dispute["denies"][0]["type"] == "Repatriation"
    json.dumps(stats)  # JSON-able


def test_format_stats_text_and_json(graph):
    """The text form has the sections; the JSON form parses back to the same dict."""
    stats = graph_stats(graph)
    text = format_stats(stats)
    for heading in ("events by type", "events by year", "most connected actors", "documents per event",
                    "contested events (1)"):
        assert heading in text
    assert json.loads(format_stats(stats, "json")) == json.loads(json.dumps(stats))
    with pytest.raises(TimelineError, match="text.*json"):
        format_stats(stats, "yaml")


def test_export_graphml_round_trips(graph, tmp_path):
    """GraphML keeps every node and edge and reads back with networkx."""
    path = tmp_path / "t.graphml"
    export_graph(graph, path)
    back = nx.read_graphml(path)
    g = to_networkx(graph)
    assert back.number_of_nodes() == g.number_of_nodes()
    assert back.number_of_edges() == g.number_of_edges()
    labels = nx.get_node_attributes(back, "label")
    assert XSS_TITLE in labels.values()  # text survives, escaped by the XML writer


def test_export_gexf_is_dynamic_with_event_dates(graph, tmp_path):
    """GEXF marks the graph dynamic with date time format; events carry start and end."""
    path = tmp_path / "t.gexf"
    export_graph(graph, path)
    root = ET.parse(path).getroot()
    ns = {"g": root.tag.split("}")[0].strip("{")}
    graph_el = root.find("g:graph", ns)
    assert graph_el.get("mode") == "dynamic" and graph_el.get("timeformat") == "date"
    nodes = {n.get("id"): n for n in root.iter(f"{{{ns['g']}}}node")}
    repat = nodes[str(event_iri("repat-2024-04"))]
    assert (repat.get("start"), repat.get("end")) == ("2024-04-01", "2024-04-30")
    undated = nodes[str(event_iri("biometric"))]
    assert undated.get("start") is None
    back = nx.read_gexf(path)
    assert back.number_of_nodes() == to_networkx(graph).number_of_nodes()


def test_export_unknown_suffix_names_the_valid_ones(graph, tmp_path):
    """A .csv target is refused with a message that lists .graphml and .gexf; nothing is written."""
    path = tmp_path / "t.csv"
    with pytest.raises(TimelineError, match=r"\.graphml.*\.gexf"):
        export_graph(graph, path)
    assert not path.exists()
