"""Graph views of a timeline graph: the plain view model, networkx, statistics, GraphML/GEXF.

Everything here reads the RDF shape :mod:`timeline.rdf` writes (see its docstring) with
SPARQL and returns plain values:

* :func:`read_view` — a JSON-able dict of events, actors, places, documents, quotes and edges
  (what the HTML view draws; :func:`timeline.render.collect_view` is this function);
* :func:`to_networkx` — the same as a ``networkx.MultiDiGraph`` (events, actors, places and
  documents as nodes);
* :func:`graph_stats` / :func:`format_stats` — counts for a terminal;
* :func:`export_graph` — GraphML or GEXF (dynamic: events carry ``start``/``end`` so Gephi's
  timeline slider works).

>>> from timeline.rdf import build_graph
>>> graph_stats(build_graph([], []))["events"]
0
"""

from __future__ import annotations

import io
import json
import os
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import ConjunctiveGraph, Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS

from .errors import TimelineError
from .fileio import atomic_write
from .ontology import OA, SEM, TL, TL_IRI, event_classes, ontology_graph

EXPORT_FORMATS = {".graphml": "GraphML", ".gexf": "GEXF"}

_PRECISION = {
    "http://www.w3.org/2006/time#unitDay": "day",
    "http://www.w3.org/2006/time#unitWeek": "week",
    "http://www.w3.org/2006/time#unitMonth": "month",
    "http://www.w3.org/2006/time#unitYear": "year",
    str(TL.unitSeason): "season",
    str(TL.unitQuarter): "quarter",
    str(TL.unitHalfYear): "half",
    str(TL.unitDecade): "decade",
    str(TL.unitCentury): "century",
}
_SELECTOR_FIELDS = {OA.exact: "text", OA.prefix: "prefix", OA.suffix: "suffix", OA.start: "start", OA.end: "end"}
_CLAIM = {
    str(TL.Certain): "certain",
    str(TL.Probable): "probable",
    str(TL.Possible): "possible",
    str(TL.Positive): "positive",
    str(TL.Negative): "negative",
}

# Reading ---------------------------------------------------------------------------------
# What the view shows (every typed event, actor, place and document, and the resolved time
# bounds) is selected with SPARQL. Their attributes are then looked up through rdflib's triple
# index: rdflib's SPARQL engine costs ≈ 40 µs per solution row, the index ≈ 2 µs, and a
# 5,000-event graph has ≈ 100,000 attribute triples (see NOTES.md on rdflib's speed).

_PREFIXES = f"""
PREFIX tl: <{TL_IRI}>
PREFIX sem: <{SEM._NS}>
PREFIX oa: <{OA._NS}>
PREFIX prov: <{PROV}>
PREFIX rdfs: <{RDFS}>
PREFIX dcterms: <{DCTERMS}>
"""

Q_OF_CLASS = _PREFIXES + "SELECT ?s WHERE { ?s a ?class }"  # ?class bound with initBindings
Q_TIME = _PREFIXES + """
SELECT ?event ?earliest ?latest WHERE {
  ?event sem:hasEarliestBeginTimeStamp ?earliest ; sem:hasLatestEndTimeStamp ?latest .
}"""


def _as_graph(graph: Graph) -> Graph:
    """A graph whose default graph sees every triple (datasets are read as their union)."""
    if isinstance(graph, ConjunctiveGraph) and not getattr(graph, "default_union", True):
        union = Graph()
        for s, p, o, _ in graph.quads((None, None, None, None)):
            union.add((s, p, o))
        return union
    return graph


def _of_class(graph: Graph, cls: URIRef) -> list[str]:
    return [str(row[0]) for row in graph.query(Q_OF_CLASS, initBindings={"class": cls})]


def _pairs(graph: Graph, predicate: URIRef) -> Iterable[tuple[Any, Any]]:
    return graph.subject_objects(predicate)


def _type_labels() -> dict[str, str]:
    onto = ontology_graph()
    labels = {}
    for name, cls in event_classes().items():
        label = onto.value(cls, RDFS.label)
        labels[name] = str(label) if label is not None else name
    return labels


def read_view(graph: Graph) -> dict[str, Any]:
    """The timeline graph as a plain, JSON-able view model.

    SPARQL selects what is shown (the typed events, actors, places and documents, and the
    resolved time bounds); their attributes come from rdflib's triple index.

    Keys: ``events``, ``actors``, ``places``, ``docs`` (lists of dicts, each with an ``id``
    that is the node's IRI), ``quotes`` (one per annotation: event, doc, text, context, claim),
    ``edges`` (``{"from", "to", "kind"}`` with kind ``agent``, ``affected``, ``actor``,
    ``place``, ``source`` (event → document), ``according`` (event → who says so) or
    ``denies`` (event → event)) and ``types`` (event types present, with labels and counts).
    Lists are sorted so the same graph always gives the same view.

    >>> from timeline.rdf import build_graph
    >>> sorted(read_view(build_graph([], [])))
    ['actors', 'docs', 'edges', 'events', 'places', 'quotes', 'types']
    """
    graph = _as_graph(graph)
    classes = {str(iri): name for name, iri in event_classes().items()}
    type_labels = _type_labels()

    events: dict[str, dict[str, Any]] = {}
    kinds: dict[str, str] = {}
    # most specific class wins when a node has two (a Denial is also a Statement)
    for iri, name in sorted(classes.items(), key=lambda kv: kv[1] in ("Event", "Statement")):
        for key in _of_class(graph, URIRef(iri)):
            if key not in events:
                events[key] = _new_event(key, name, type_labels.get(name, name))
    for cls, kind in ((SEM.Actor, "actor"), (SEM.Place, "place"), (TL.Document, "doc")):
        for key in _of_class(graph, cls):
            kinds[key] = kind

    labels = {str(s): str(o) for s, o in graph.subject_objects(RDFS.label)}
    entities: dict[str, dict[str, Any]] = {}
    docs: dict[str, dict[str, Any]] = {}
    for key, kind in kinds.items():
        if kind == "doc":
            docs[key] = {"id": key, "label": labels.get(key, key), "title": None, "published": None,
                         "source": None, "identifier": None}
        else:
            entities[key] = {"id": key, "kind": kind, "label": labels.get(key, key.rsplit("/", 1)[-1]),
                             "category": None, "wikidata": None}
    for ev in events.values():
        ev["label"] = labels.get(ev["id"], ev["id"].rsplit("/", 1)[-1])

    def each(predicate: URIRef, into: Mapping[str, dict[str, Any]]) -> Iterable[tuple[dict[str, Any], Any]]:
        for s, o in _pairs(graph, predicate):
            item = into.get(str(s))
            if item is not None:
                yield item, o

    for row in graph.query(Q_TIME):
        ev = events.get(str(row[0]))
        if ev is not None:
            ev["earliest"], ev["latest"] = str(row[1]), str(row[2])
    scalar = {
        TL.timeExpression: "expression",
        TL.timeValue: "value",
        TL.statedTime: "stated",
        TL.edtf: "edtf",
        TL.timeAnchor: "anchor",
    }
    for predicate, field in scalar.items():
        for ev, o in each(predicate, events):
            ev[field] = str(o)
    for ev, o in each(TL.timePrecision, events):
        ev["precision"] = _PRECISION.get(str(o), str(o).rsplit("#", 1)[-1])
    for predicate, field in ((TL.certainty, "certainty"), (TL.polarity, "polarity")):
        for ev, o in each(predicate, events):
            ev[field] = _CLAIM.get(str(o), str(o))
    for ev, o in each(TL.quantity, events):
        label = graph.value(o, RDFS.label)
        if label is not None:
            ev["quantities"].append(str(label))
    for ev, o in each(TL.sentenceTerm, events):
        label = graph.value(o, RDFS.label)
        if label is not None:
            ev["quantities"].append(str(label))

    for doc, o in each(DCTERMS.title, docs):
        doc["title"] = str(o)
    for doc, o in each(DCTERMS.issued, docs):
        doc["published"] = str(o)
    for doc, o in each(DCTERMS.source, docs):
        doc["source"] = str(o)
    for doc, o in each(DCTERMS.identifier, docs):
        doc["identifier"] = str(o)
    for ent, o in each(TL.category, entities):
        ent["category"] = str(o)
    for ent, o in each(OWL.sameAs, entities):
        if "wikidata.org" in str(o):
            ent["wikidata"] = str(o).rsplit("/", 1)[-1]

    edges: list[dict[str, str]] = []
    roles: dict[tuple[str, str], str] = {}
    for predicate, role in ((TL.agent, "agent"), (TL.affected, "affected")):
        for ev, o in each(predicate, events):
            roles[(ev["id"], str(o))] = role
    for ev, o in each(SEM.hasActor, events):
        target = str(o)
        _ensure_entity(entities, labels, target, "actor")
        role = roles.get((ev["id"], target), "actor")
        ev["actors"].append({"id": target, "role": role})
        edges.append({"from": ev["id"], "to": target, "kind": role})
    for ev, o in each(SEM.hasPlace, events):
        target = str(o)
        _ensure_entity(entities, labels, target, "place")
        ev["places"].append(target)
        edges.append({"from": ev["id"], "to": target, "kind": "place"})
    for ev, o in each(PROV.wasDerivedFrom, events):
        target = str(o)
        if target not in docs:
            docs[target] = {"id": target, "label": labels.get(target, target), "title": None,
                            "published": None, "source": None, "identifier": None}
        ev["docs"].append(target)
        edges.append({"from": ev["id"], "to": target, "kind": "source"})
    for ev, o in each(SEM.accordingTo, events):
        target = str(o)
        _ensure_entity(entities, labels, target, "actor")
        ev["according_to"].append(target)
        edges.append({"from": ev["id"], "to": target, "kind": "according"})
    for ev, o in each(TL.denies, events):
        target = str(o)
        if target in events and target != ev["id"]:
            ev["denies"].append(target)
            events[target]["denied_by"].append(ev["id"])
            edges.append({"from": ev["id"], "to": target, "kind": "denies"})

    quotes: dict[str, dict[str, Any]] = {}
    for ann, event in graph.subject_objects(OA.hasBody):
        if str(event) not in events:
            continue
        target = graph.value(ann, OA.hasTarget)
        doc = graph.value(target, OA.hasSource) if target is not None else None
        if doc is None:
            continue
        key = str(ann)
        quotes[key] = {"id": key, "event": str(event), "doc": str(doc), "text": "",
                       "prefix": None, "suffix": None, "start": None, "end": None,
                       "certainty": None, "polarity": None, "attributed_to": None}
        if str(doc) not in docs:
            docs[str(doc)] = {"id": str(doc), "label": labels.get(str(doc), str(doc)), "title": None,
                              "published": None, "source": None, "identifier": None}
        for selector in graph.objects(target, OA.hasSelector):
            for p, o in graph.predicate_objects(selector):
                field = _SELECTOR_FIELDS.get(p)
                if field in ("start", "end"):
                    quotes[key][field] = int(o)
                elif field is not None:
                    quotes[key][field] = str(o)
        if not quotes[key]["text"]:
            del quotes[key]  # an annotation without a quote is not evidence we can show
    _quote_details(graph, quotes)

    for ev in events.values():
        for field in ("docs", "places", "according_to", "denies", "denied_by"):
            ev[field] = sorted(set(ev[field]))
        ev["actors"] = sorted({(a["id"], a["role"]): a for a in ev["actors"]}.values(),
                              key=lambda a: (a["role"] != "agent", a["role"], a["id"]))
        ev["quantities"] = sorted(set(ev["quantities"]))
        ev["contested"] = bool(ev["denies"] or ev["denied_by"] or ev["polarity"] == "negative")
    type_counts = Counter(ev["type"] for ev in events.values())
    return {
        "events": sorted(events.values(), key=_event_order),
        "actors": sorted((e for e in entities.values() if e["kind"] == "actor"), key=lambda e: e["id"]),
        "places": sorted((e for e in entities.values() if e["kind"] == "place"), key=lambda e: e["id"]),
        "docs": sorted(docs.values(), key=lambda d: d["id"]),
        "quotes": sorted(quotes.values(), key=lambda q: (q["event"], q["doc"], q["start"] or 0, q["id"])),
        "edges": sorted(edges, key=lambda e: (e["from"], e["kind"], e["to"])),
        "types": [{"name": name, "label": type_labels.get(name, name), "count": count}
                  for name, count in sorted(type_counts.items())],
    }


def _new_event(key: str, name: str, type_label: str) -> dict[str, Any]:
    return {
        "id": key, "type": name, "type_label": type_label, "label": key,
        "earliest": None, "latest": None, "precision": None, "stated": None, "expression": None,
        "value": None, "edtf": None, "anchor": None, "certainty": None, "polarity": None,
        "actors": [], "places": [], "docs": [], "according_to": [], "denies": [], "denied_by": [],
        "quantities": [], "contested": False,
    }


def _ensure_entity(entities: dict[str, dict[str, Any]], labels: Mapping[str, str], key: str, kind: str) -> None:
    if key not in entities:
        entities[key] = {"id": key, "kind": kind, "label": labels.get(key, key.rsplit("/", 1)[-1]),
                         "category": None, "wikidata": None}


def _event_order(ev: Mapping[str, Any]) -> tuple[Any, ...]:
    return (ev["earliest"] is None, ev["earliest"] or "", ev["latest"] or "", ev["type"], ev["id"])


def _quote_details(graph: Graph, quotes: dict[str, dict[str, Any]]) -> None:
    """Fill context, offsets and the claim of each quote (annotation)."""
    if not quotes:
        return
    for predicate, field in ((TL.certainty, "certainty"), (TL.polarity, "polarity")):
        for s, o in _pairs(graph, predicate):
            q = quotes.get(str(s))
            if q is not None:
                q[field] = _CLAIM.get(str(o), str(o))
    for s, o in _pairs(graph, PROV.wasAttributedTo):
        q = quotes.get(str(s))
        if q is not None:
            q["attributed_to"] = str(o)


# networkx ----------------------------------------------------------------------------------


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """The timeline graph as a ``networkx.MultiDiGraph``.

    Nodes are events, actors, places and documents, keyed by IRI, each with ``kind``
    (``event``/``actor``/``place``/``doc``) and ``label``; events add ``type``, ``earliest``,
    ``latest``, ``precision``, ``stated``, ``certainty``, ``polarity`` and ``quotes`` (count).
    Edges go from an event to what it involves, with ``kind`` as in :func:`read_view`
    (``agent``, ``affected``, ``actor``, ``place``, ``source``, ``according``, ``denies``).
    Attributes that are unknown are absent (never None), so GraphML and GEXF can write them.

    >>> from timeline.rdf import build_graph
    >>> to_networkx(build_graph([], [])).number_of_nodes()
    0
    """
    return _view_to_networkx(read_view(graph))


def _view_to_networkx(view: Mapping[str, Any]) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    quote_count = Counter(q["event"] for q in view["quotes"])
    for ev in view["events"]:
        attrs = {"kind": "event", "label": ev["label"], "type": ev["type"], "quotes": quote_count[ev["id"]],
                 "contested": ev["contested"]}
        for field in ("earliest", "latest", "precision", "stated", "expression", "certainty", "polarity"):
            if ev.get(field) is not None:
                attrs[field] = ev[field]
        g.add_node(ev["id"], **attrs)
    for ent in [*view["actors"], *view["places"]]:
        attrs = {"kind": ent["kind"], "label": ent["label"]}
        for field in ("category", "wikidata"):
            if ent.get(field):
                attrs[field] = ent[field]
        g.add_node(ent["id"], **attrs)
    for doc in view["docs"]:
        attrs = {"kind": "doc", "label": doc["title"] or doc["label"]}
        for field in ("published", "source"):
            if doc.get(field):
                attrs[field] = doc[field]
        g.add_node(doc["id"], **attrs)
    for edge in view["edges"]:
        g.add_edge(edge["from"], edge["to"], key=edge["kind"], kind=edge["kind"])
    return g


# statistics --------------------------------------------------------------------------------


def graph_stats(graph: Graph, *, top: int = 10) -> dict[str, Any]:
    """Counts that describe a timeline graph, as a JSON-able dict.

    ``events``/``actors``/``places``/``documents``/``quotes`` (totals), ``types`` (events per
    type), ``years`` (events per year and type; an event whose interval crosses a year
    boundary counts under ``"multi-year"``, one without a resolved time under ``"undated"``),
    ``precision`` (events per stated precision), ``top_actors`` (the ``top`` actors with most
    events: label, events, by role), ``top_places``, ``documents_per_event`` (how many events
    rest on 1, 2, … documents, and the mean), ``contested`` (every denial or negative event with
    what it denies) and ``span`` (earliest and latest resolved date).
    """
    return _stats(read_view(graph), top=top)


def _year_key(ev: Mapping[str, Any]) -> str:
    if not ev["earliest"] or not ev["latest"]:
        return "undated"
    start, end = ev["earliest"][:4], ev["latest"][:4]
    return start if start == end else "multi-year"


def _stats(view: Mapping[str, Any], *, top: int) -> dict[str, Any]:
    events = view["events"]
    by_id = {ev["id"]: ev for ev in events}
    labels = {e["id"]: e["label"] for e in [*view["actors"], *view["places"]]}
    years: dict[str, Counter[str]] = defaultdict(Counter)
    for ev in events:
        years[_year_key(ev)][ev["type"]] += 1
    year_order = sorted(k for k in years if k[0].isdigit()) + [k for k in ("multi-year", "undated") if k in years]
    actor_events: dict[str, set[str]] = defaultdict(set)
    actor_roles: dict[str, Counter[str]] = defaultdict(Counter)
    place_events: dict[str, set[str]] = defaultdict(set)
    for ev in events:
        for a in ev["actors"]:
            actor_events[a["id"]].add(ev["id"])
            actor_roles[a["id"]][a["role"]] += 1
        for p in ev["places"]:
            place_events[p].add(ev["id"])
    top_actors = sorted(actor_events, key=lambda k: (-len(actor_events[k]), labels.get(k, k)))[:top]
    top_places = sorted(place_events, key=lambda k: (-len(place_events[k]), labels.get(k, k)))[:top]
    per_event = Counter(len(ev["docs"]) for ev in events)
    contested = []
    for ev in events:
        if not ev["contested"] or (ev["denied_by"] and not ev["denies"] and ev["polarity"] != "negative"):
            continue  # list each dispute once, from the denying side
        contested.append({
            "event": ev["id"], "label": ev["label"], "type": ev["type"], "polarity": ev["polarity"],
            "when": _when_text(ev),
            "denies": [{"event": d, "label": by_id[d]["label"], "type": by_id[d]["type"]} for d in ev["denies"]],
        })
    dated = [ev for ev in events if ev["earliest"]]
    return {
        "events": len(events),
        "actors": len(view["actors"]),
        "places": len(view["places"]),
        "documents": len(view["docs"]),
        "quotes": len(view["quotes"]),
        "span": {"earliest": min((ev["earliest"] for ev in dated), default=None),
                 "latest": max((ev["latest"] for ev in dated), default=None)},
        "types": dict(sorted(Counter(ev["type"] for ev in events).items(), key=lambda kv: (-kv[1], kv[0]))),
        "years": {k: dict(sorted(years[k].items())) for k in year_order},
        "precision": dict(sorted(Counter(ev["precision"] or "none" for ev in events).items(),
                                 key=lambda kv: (-kv[1], kv[0]))),
        "top_actors": [{"id": k, "label": labels.get(k, k), "events": len(actor_events[k]),
                        "roles": dict(sorted(actor_roles[k].items()))} for k in top_actors],
        "top_places": [{"id": k, "label": labels.get(k, k), "events": len(place_events[k])} for k in top_places],
        "documents_per_event": {
            "histogram": {str(k): v for k, v in sorted(per_event.items())},
            "mean": round(sum(len(ev["docs"]) for ev in events) / len(events), 2) if events else 0.0,
            "max": max(per_event, default=0),
        },
        "contested": contested,
    }


def _when_text(ev: Mapping[str, Any]) -> str:
    if not ev["earliest"]:
        return ev.get("expression") or "undated"
    if ev["earliest"] == ev["latest"]:
        return ev["earliest"]
    return f"{ev['earliest']}…{ev['latest']}"


def format_stats(stats: Mapping[str, Any], fmt: str = "text") -> str:
    """:func:`graph_stats` as text for a terminal (fixed-width tables, no colour) or as JSON.

    ``fmt`` is ``"text"`` or ``"json"`` (indented, keys in a stable order).
    """
    if fmt == "json":
        return json.dumps(stats, indent=2, ensure_ascii=False)
    if fmt != "text":
        raise TimelineError(f"unknown stats format {fmt!r}; use 'text' or 'json'")
    out = io.StringIO()
    w = out.write
    span = stats["span"]
    w(f"{stats['events']} events, {stats['actors']} actors, {stats['places']} places, "
      f"{stats['documents']} documents, {stats['quotes']} quotes\n")
    if span["earliest"]:
        w(f"time span: {span['earliest']} … {span['latest']}\n")
    if stats["types"]:
        w("\nevents by type\n")
        width = max(len(t) for t in stats["types"])
        for name, count in stats["types"].items():
            w(f"  {name:<{width}}  {count:>6}\n")
    if stats["years"]:
        types = list(stats["types"])
        w("\nevents by year\n")
        width = max(len(k) for k in stats["years"])
        for year, counts in stats["years"].items():
            total = sum(counts.values())
            parts = ", ".join(f"{t} {counts[t]}" for t in types if t in counts)
            w(f"  {year:<{width}}  {total:>6}  {parts}\n")
    if stats["precision"]:
        w("\ntime precision\n")
        w("  " + ", ".join(f"{k} {v}" for k, v in stats["precision"].items()) + "\n")
    for key, title in (("top_actors", "most connected actors"), ("top_places", "most connected places")):
        rows = stats[key]
        if rows:
            w(f"\n{title}\n")
            width = max(len(r["label"]) for r in rows)
            for r in rows:
                roles = ", ".join(f"{k} {v}" for k, v in r.get("roles", {}).items())
                w(f"  {r['label']:<{width}}  {r['events']:>6}" + (f"  ({roles})" if roles else "") + "\n")
    dpe = stats["documents_per_event"]
    if dpe["histogram"]:
        w("\ndocuments per event\n")
        w("  " + ", ".join(f"{k} doc{'s' if k != '1' else ''}: {v}" for k, v in dpe["histogram"].items()))
        w(f"  (mean {dpe['mean']}, max {dpe['max']})\n")
    if stats["contested"]:
        w(f"\ncontested events ({len(stats['contested'])})\n")
        for c in stats["contested"]:
            w(f"  {c['label']} [{c['type']}, {c['when']}]\n")
            for d in c["denies"]:
                w(f"    denies: {d['label']} [{d['type']}]\n")
    return out.getvalue()


# export ------------------------------------------------------------------------------------


def export_graph(graph: Graph, path: str | os.PathLike[str]) -> None:
    """Write the networkx view of ``graph`` to ``path`` as GraphML or GEXF, chosen by suffix.

    GEXF is dynamic: each event carries ``start``/``end`` (its earliest and latest date) and
    each actor, place and document the span of its events, so Gephi's timeline works. The file
    is written atomically. An unknown suffix raises :class:`~timeline.errors.TimelineError`.
    """
    suffix = Path(path).suffix.lower()
    if suffix not in EXPORT_FORMATS:
        known = ", ".join(f"{s} ({n})" for s, n in EXPORT_FORMATS.items())
        raise TimelineError(f"{path}: cannot export to {suffix or 'a file without a suffix'!r}; "
                            f"use one of {known}")
    g = to_networkx(graph)
    atomic_write(path, graph_bytes(g, suffix))


def graph_bytes(g: nx.MultiDiGraph, suffix: str) -> bytes:
    """Serialise a networkx view as GraphML (``.graphml``) or dynamic GEXF (``.gexf``)."""
    buffer = io.BytesIO()
    if suffix == ".graphml":
        nx.write_graphml(g, buffer, encoding="utf-8", prettyprint=True)
    else:
        dyn = g.copy()
        spans: dict[str, list[str]] = defaultdict(list)
        for node, data in dyn.nodes(data=True):
            if data.get("kind") == "event" and data.get("earliest") and data.get("latest"):
                data["start"], data["end"] = data["earliest"], data["latest"]
                spans[node] = [data["earliest"], data["latest"]]
        for u, v, data in dyn.edges(data=True):
            if u in spans:
                data["start"], data["end"] = spans[u]
                spans.setdefault(f"~{v}", []).extend(spans[u])
        for node, data in dyn.nodes(data=True):
            seen = spans.get(f"~{node}")
            if data.get("kind") != "event" and seen:
                data["start"], data["end"] = min(seen), max(seen)
        nx.write_gexf(dyn, buffer, encoding="utf-8", prettyprint=True, version="1.2draft")
    return buffer.getvalue()


__all__ = [
    "export_graph",
    "format_stats",
    "graph_bytes",
    "graph_stats",
    "read_view",
    "to_networkx",
]
