"""The offline HTML timeline: events on a time axis, linked to actors, places and sources.

:func:`render_html` returns one self-contained page (no network request, opens from disk).
The view model is read from the graph (:func:`timeline.viewmodel.read_timeline_view`, SPARQL
and rdflib's triple index); this module turns it into compact, column-wise data and writes the
page around it. Our own script (``timeline/assets/*.js``, inlined) draws everything on one
canvas with level of detail: zoomed out, events are counted per lane and time bucket; zoomed
in, each event is drawn with a label placed where it collides with nothing.

Document text reaches the page only as JSON inside ``<script type="application/json">``
with ``<``, ``>``, ``&`` and U+2028/U+2029 escaped, and the script puts it into the DOM with
``textContent`` only, so a quote such as ``</script><script>…`` shows as text.

What the first frame needs (types, times, labels, lanes, links) comes first; the evidence of
each event (quotes, stated expressions, roles) follows the script in blocks of
:data:`DETAIL_CHUNK` events, which the page parses only when it needs them.

>>> from timeline.rdf import build_graph
>>> html = render_html(build_graph([], []), title="empty")
>>> html.startswith("<!DOCTYPE html>") and 'id="tl-data"' in html
True
"""

from __future__ import annotations

import html as html_lib
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

from rdflib import Graph

from .viewmodel import read_timeline_view

DETAIL_CHUNK = 2500  # events per evidence block (parsed by the page on demand)
ACTOR_LANES = 24  # lanes by actor: the most frequent primary actors, then "other" and "none"

# Lane order for event types: reports and statements first, then state measures, then violence.
TYPE_ORDER = [
    "ReportRelease", "Investigation", "Resolution", "Statement", "Rebuttal", "Denial", "LawEnactment", "Sanction",
    "BorderClosure", "Lockdown", "SurveillanceMeasure", "Repatriation", "Defection", "Detention", "Abduction",
    "Sentencing", "ForcedLabor", "Torture", "Execution", "CyberTheft", "MissileTest", "Outbreak", "Flood", "Event",
]
# Families share a hue (statements blue-green, state measures orange-yellow, violence red-purple).
TYPE_COLORS = {
    "ReportRelease": "#4e79a7", "Investigation": "#6f9bd1", "Resolution": "#2f5d8a", "Statement": "#76b7b2",
    "Rebuttal": "#59a14f", "Denial": "#b07aa1", "LawEnactment": "#9c755f", "Sanction": "#a39d99",
    "BorderClosure": "#f28e2b", "Lockdown": "#d4b02c", "SurveillanceMeasure": "#6fb85f", "Repatriation": "#e15759",
    "Defection": "#f0a35e", "Detention": "#f07f8c", "Abduction": "#c44e89", "Sentencing": "#d37295",
    "ForcedLabor": "#a0522d", "Torture": "#7b3294", "Execution": "#8b1a1a", "CyberTheft": "#499894",
    "MissileTest": "#5a5a5a", "Outbreak": "#b6992d", "Flood": "#6aa9a2", "Event": "#79706e",
}
_SPARE_COLORS = ["#7fa7c9", "#c9a93f", "#b884ab", "#e38fb0", "#b98f7c", "#9d7660", "#5f9e97", "#d9777f"]

# How an event's time is drawn: the page's legend explains each.
KIND_POINT, KIND_INTERVAL, KIND_OPEN_END, KIND_OPEN_START, KIND_INFERRED, KIND_UNDATED = range(6)

_EPOCH = date(1970, 1, 1).toordinal()
_ASSETS = "assets"
_SCRIPTS = ("core.js", "draw.js", "panel.js", "app.js")


# Public API --------------------------------------------------------------------------------


def collect_view(graph: Graph) -> dict[str, Any]:
    """The plain, JSON-able view model of a timeline graph, read with SPARQL.

    Keys ``events``, ``actors``, ``places``, ``docs``, ``quotes``, ``edges`` and ``types``; see
    :func:`timeline.analysis.read_view` and :func:`timeline.viewmodel.read_timeline_view`.
    """
    return read_timeline_view(graph)


def render_html(graph: Graph, *, title: str = "timeline") -> str:
    """The whole self-contained timeline page for ``graph``, as a string.

    The caller writes it (as UTF-8, e.g. with :func:`timeline.fileio.atomic_write`).
    """
    payload, details = build_payload(collect_view(graph), title=title)
    return page(payload, details, title=title)


def page(payload: Mapping[str, Any], details: Sequence[Sequence[Any]] = (), *, title: str) -> str:
    """The HTML page around ``payload`` and the evidence blocks ``details`` (our CSS and JS)."""
    blocks = [f'<script type="application/json" id="tl-detail-{k}">{json_for_script(chunk)}</script>\n'
              for k, chunk in enumerate(details)]
    return "".join([
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
        # no request may leave the page: forbid every source but inline ones and data: images
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; connect-src 'none'\">\n",
        f"<title>{html_lib.escape(title)}</title>\n",
        "<style>\n", _asset("timeline.css"), "\n</style>\n</head>\n<body>\n",
        _asset("body.html"),
        "\n<script type=\"application/json\" id=\"tl-data\">", json_for_script(payload), "</script>\n",
        "<script>\n", script(), "\n</script>\n",
        *blocks,
        "</body>\n</html>\n",
    ])


def script() -> str:
    """Our page script: the asset files in order, inside one function scope."""
    body = "\n".join(_asset(name) for name in _SCRIPTS)
    return _script_safe("(function () {\n\"use strict\";\n" + body + "\n})();")


def json_for_script(value: Any) -> str:
    """JSON that is safe inside a ``<script>`` element: ``<``, ``>``, ``&``, U+2028/9 escaped.

    >>> json_for_script({"q": "</script><b>&"})
    '{"q":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


# Assets ------------------------------------------------------------------------------------


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    return resources.files(__package__).joinpath(_ASSETS, name).read_text(encoding="utf-8")


def _script_safe(js: str) -> str:
    # a literal "</script" inside inlined code would end the element early
    return js.replace("</script", "<\\/script")


# The page's data ---------------------------------------------------------------------------


def _day(text: str | None) -> int | None:
    """Days since 1970-01-01 of an ISO date (what the page's script counts in)."""
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10]).toordinal() - _EPOCH
    except ValueError:
        return None


def _type_order(names: Iterable[str]) -> list[str]:
    rank = {name: i for i, name in enumerate(TYPE_ORDER)}
    return sorted(set(names), key=lambda n: (rank.get(n, len(rank)), n))


def _type_colors(names: Sequence[str]) -> dict[str, str]:
    spare = iter(_SPARE_COLORS * 4)
    return {name: TYPE_COLORS.get(name) or next(spare, "#79706e") for name in names}


def _local(iri: str) -> str:
    """The last path part of an IRI (``…/id/event/repat-2024-04`` → ``repat-2024-04``): URL keys."""
    return iri.rstrip("/").rsplit("/", 1)[-1]


def _times(ev: Mapping[str, Any], lo: int, hi: int) -> tuple[int | None, int | None, int]:
    """(first day, last day, kind) of an event as drawn."""
    kind_name = ev.get("time_kind", "stated" if ev["earliest"] and ev["latest"] else "undated")
    if kind_name == "inferred":
        return _day(ev["inferred_earliest"]), _day(ev["inferred_latest"]), KIND_INFERRED
    start, end = _day(ev["earliest"]), _day(ev["latest"])
    if start is None and end is None:
        return None, None, KIND_UNDATED
    if kind_name == "open":
        edtf = ev.get("edtf") or ""
        if edtf.startswith("../") or start is None:
            return (lo if start is None else start), end, KIND_OPEN_START
        return start, (max(hi, start) if end is None else end), KIND_OPEN_END
    assert start is not None and end is not None
    return start, end, KIND_POINT if start == end else KIND_INTERVAL


def build_payload(view: Mapping[str, Any], *, title: str = "timeline") -> tuple[dict[str, Any], list[list[Any]]]:
    """The data the page's script reads: column-wise events for the first frame, and evidence blocks."""
    events = list(view["events"])
    n = len(events)
    entities = [*view["actors"], *view["places"]]
    docs = list(view["docs"])
    ent_index = {e["id"]: i for i, e in enumerate(entities)}
    doc_index = {d["id"]: i for i, d in enumerate(docs)}
    ev_index = {e["id"]: i for i, e in enumerate(events)}
    type_names = _type_order(ev["type"] for ev in events)
    type_idx = {name: i for i, name in enumerate(type_names)}
    colors = _type_colors(type_names)
    type_labels = {t["name"]: t["label"] for t in view["types"]}
    counts = Counter(ev["type"] for ev in events)

    # time: the extent of every dated and inferred bound; one-sided intervals reach its edge
    bounds = [d for ev in events for d in (_day(ev["earliest"]), _day(ev["latest"]), _day(ev.get("inferred_earliest")),
                                            _day(ev.get("inferred_latest"))) if d is not None]
    lo, hi = (min(bounds), max(bounds)) if bounds else (_day("2000-01-01") or 0, _day("2001-01-01") or 0)
    starts: list[int | None] = []
    ends: list[int | None] = []
    kinds: list[int] = []
    for ev in events:
        s, e, k = _times(ev, lo, hi)
        starts.append(s)
        ends.append(e)
        kinds.append(k)

    # lanes by actor: the first agent, else the first actor
    primary: list[str | None] = []
    for ev in events:
        agents = [a["id"] for a in ev["actors"] if a["role"] == "agent"]
        primary.append(agents[0] if agents else (ev["actors"][0]["id"] if ev["actors"] else None))
    actor_counts = Counter(p for p in primary if p)
    top = [a for a, _ in sorted(actor_counts.items(), key=lambda kv: (-kv[1], kv[0]))[:ACTOR_LANES]]
    lane_of = {a: i for i, a in enumerate(top)}
    actor_lanes = [{"key": _local(a), "label": entities[ent_index[a]]["label"]} for a in top]
    actor_lanes += [{"key": "other", "label": "other actors"}, {"key": "none", "label": "no actor named"}]
    lane_actor = [len(top) + 1 if p is None else lane_of.get(p, len(top)) for p in primary]

    # entities in the order of their first event
    first: dict[str, int] = {}
    linked: Counter[str] = Counter()
    ev_actors, ev_places, ev_docs = [], [], []
    for i, ev in enumerate(events):
        acts = sorted({ent_index[a["id"]] for a in ev["actors"] if a["id"] in ent_index}
                      | {ent_index[s] for s in ev["according_to"] if s in ent_index})
        places = sorted({ent_index[p] for p in ev["places"] if p in ent_index})
        dd = sorted({doc_index[d] for d in ev["docs"] if d in doc_index})
        ev_actors.append(acts)
        ev_places.append(places)
        ev_docs.append(dd)
        day = starts[i]
        for key in [*(entities[j]["id"] for j in acts + places), *(docs[j]["id"] for j in dd)]:
            linked[key] += 1
            if day is not None and (key not in first or day < first[key]):
                first[key] = day

    # the actor menu lists who acts or speaks, and anyone named; a group only done to ("50 escapees") stays off it
    acting = {a["id"] for ev in events for a in ev["actors"] if a.get("role") != "affected"} | {
        s for ev in events for s in ev["according_to"]}
    links_denies = [[i, ev_index[t]] for i, ev in enumerate(events) for t in ev["denies"] if t in ev_index]
    links_claims = [[i, ev_index[t]] for i, ev in enumerate(events) for t in ev.get("claimed_in", []) if t in ev_index]

    payload = {
        "meta": {"title": title, "total": n, "lo": lo, "hi": hi, "chunk": DETAIL_CHUNK,
                 "chunks": -(-n // DETAIL_CHUNK)},
        "types": [{"name": t, "label": type_labels.get(t, t), "color": colors[t], "count": counts[t]}
                  for t in type_names],
        "lanes": {"actor": actor_lanes},
        "ev": {
            "id": [_local(ev["id"]) for ev in events],
            "t": [type_idx[ev["type"]] for ev in events],
            "s": starts, "e": ends, "k": kinds,
            "l": [ev["label"] for ev in events],
            "la": lane_actor,
            "ct": [1 if ev["contested"] else 0 for ev in events],
            "a": ev_actors, "p": ev_places, "d": ev_docs,
        },
        "links": {"denies": links_denies, "claimedIn": links_claims},
        "ents": {
            "key": [_local(e["id"]) for e in entities], "k": [e["kind"] for e in entities],
            "l": [e["label"] for e in entities], "cat": [e["category"] for e in entities],
            "wd": [e["wikidata"] for e in entities],
            "menu": [1 if e["id"] in acting or e["category"] != "group" else 0 for e in entities],
            "first": [first.get(e["id"]) for e in entities], "n": [linked[e["id"]] for e in entities],
        },
        "docs": {
            "key": [_local(d["id"]) for d in docs], "l": [d["title"] or d["label"] for d in docs],
            "pub": [d["published"] for d in docs], "src": [d["source"] for d in docs],
            "first": [first.get(d["id"]) for d in docs], "n": [linked[d["id"]] for d in docs],
        },
    }
    return payload, _details(events, view["quotes"], ent_index, doc_index, ev_index)


def _details(events: Sequence[Mapping[str, Any]], quotes: Iterable[Mapping[str, Any]], ent_index: Mapping[str, int],
             doc_index: Mapping[str, int], ev_index: Mapping[str, int]) -> list[list[Any]]:
    """Each event's evidence, in blocks of DETAIL_CHUNK events (index i → block i // DETAIL_CHUNK)."""
    by_event: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for q in quotes:
        if q["event"] in ev_index:
            by_event[q["event"]].append(_drop_none({
                "t": q["text"], "pre": q["prefix"] or None, "suf": q["suffix"] or None,
                "d": doc_index.get(q["doc"]), "c": q["certainty"], "p": q["polarity"],
                "by": ent_index.get(q["attributed_to"] or ""),
            }))
    out: list[dict[str, Any]] = []
    for ev in events:
        out.append(_drop_none({
            "iri": ev["id"], "ex": ev["expression"], "ed": ev["edtf"], "st": ev["stated"], "an": ev["anchor"],
            "pr": ev["precision"], "src": ev.get("time_source"), "if": ev.get("inferred_from"),
            "iw": ev.get("inference_window"), "c": ev["certainty"], "pol": ev["polarity"],
            "qty": ev["quantities"] or None,
            "roles": [[ent_index[a["id"]], a["role"]] for a in ev["actors"] if a["id"] in ent_index] or None,
            "by": [ent_index[s] for s in ev["according_to"] if s in ent_index] or None,
            "q": by_event.get(ev["id"]) or None,
        }))
    return [out[k:k + DETAIL_CHUNK] for k in range(0, len(out), DETAIL_CHUNK)]


def _drop_none(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if v is not None}


__all__ = ["DETAIL_CHUNK", "build_payload", "collect_view", "json_for_script", "page", "render_html", "script"]
