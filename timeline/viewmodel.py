"""What the HTML timeline shows, read from a timeline graph: the view model of the page.

:func:`timeline.analysis.read_view` gives the events, actors, places, documents and quotes;
this module adds what the page needs to show time honestly, read from the graph the same
way (SPARQL selects, rdflib's triple index supplies attributes):

* each event's ``time_kind``: ``stated`` (both bounds stated), ``open`` (a stated interval
  with an open end, "since 2020", or with only one bound), ``inferred`` (no stated time,
  bounds inferred from the publication date: ``tl:inferredEarliestBegin`` …
  ``tl:inferredLatestEnd``) or ``undated``;
* ``inferred_earliest``/``inferred_latest``, ``inferred_from`` and ``inference_window``;
* ``time_source``: where a stated time was found (clause, sentence, heading, narrative,
  dateline);
* ``claimed_in``: the acts (statements, report releases) asserting the event, and ``claims``,
  the reverse link.

Stated bounds stay in ``earliest``/``latest``; inferred bounds never go there.

>>> from timeline.rdf import build_graph
>>> read_timeline_view(build_graph([], []))["events"]
[]
"""

from __future__ import annotations

from typing import Any

from .analysis import _as_graph, read_view
from .ontology import SEM, TL, TL_IRI

TIME_KINDS = ("stated", "open", "inferred", "undated")

_PREFIXES = f"PREFIX tl: <{TL_IRI}>\n"
Q_INFERRED = _PREFIXES + """
SELECT ?event ?earliest ?latest WHERE {
  ?event tl:inferredEarliestBegin ?earliest ; tl:inferredLatestEnd ?latest .
}"""


def read_timeline_view(graph: Any) -> dict[str, Any]:
    """:func:`timeline.analysis.read_view` plus inferred time, time sources and claim links."""
    graph = _as_graph(graph)
    view = read_view(graph)
    events = {ev["id"]: ev for ev in view["events"]}
    for ev in events.values():
        ev.update({"inferred_earliest": None, "inferred_latest": None, "inferred_from": None,
                   "inference_window": None, "time_source": None, "claimed_in": [], "claims": []})

    # an open interval may carry one stated bound only ("since 2020" with nothing to close it)
    for predicate, field in ((SEM.hasEarliestBeginTimeStamp, "earliest"), (SEM.hasLatestEndTimeStamp, "latest")):
        for s, o in graph.subject_objects(predicate):
            ev = events.get(str(s))
            if ev is not None and ev[field] is None:
                ev[field] = str(o)
    for row in graph.query(Q_INFERRED):
        ev = events.get(str(row[0]))
        if ev is not None and ev["earliest"] is None and ev["latest"] is None:
            ev["inferred_earliest"], ev["inferred_latest"] = str(row[1]), str(row[2])
    for predicate, field in ((TL.timeInferredFrom, "inferred_from"), (TL.inferenceWindow, "inference_window"),
                             (TL.timeSource, "time_source")):
        for s, o in graph.subject_objects(predicate):
            ev = events.get(str(s))
            if ev is not None:
                ev[field] = str(o)
    for s, o in graph.subject_objects(TL.claimedIn):
        ev, act = events.get(str(s)), events.get(str(o))
        if ev is not None and act is not None and ev is not act:
            ev["claimed_in"].append(act["id"])
            act["claims"].append(ev["id"])

    for ev in events.values():
        ev["claimed_in"].sort()
        ev["claims"].sort()
        ev["time_kind"] = time_kind(ev)
        if ev["time_kind"] != "inferred":
            ev["inferred_earliest"] = ev["inferred_latest"] = ev["inferred_from"] = ev["inference_window"] = None
    return view


def time_kind(ev: dict[str, Any]) -> str:
    """``stated``, ``open``, ``inferred`` or ``undated`` for one view event.

    >>> time_kind({"earliest": "2020-01-01", "latest": "2024-11-02", "edtf": "2020/.."})
    'open'
    >>> time_kind({"earliest": None, "latest": None, "inferred_latest": "2024-11-02"})
    'inferred'
    """
    earliest, latest = ev.get("earliest"), ev.get("latest")
    edtf = ev.get("edtf") or ""
    if earliest and latest:
        return "open" if edtf.endswith("/..") or edtf.startswith("../") else "stated"
    if earliest or latest:
        return "open"
    if ev.get("inferred_latest"):
        return "inferred"
    return "undated"


__all__ = ["TIME_KINDS", "read_timeline_view", "time_kind"]
