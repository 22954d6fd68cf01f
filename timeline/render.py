"""The offline HTML timeline: events on a time axis, linked to actors, places and sources.

:func:`render_html` returns one self-contained page (no network request, opens from disk):
vis-network (the copy bundled with pyvis) draws the nodes at positions computed here, with
physics off, so the page opens at once and looks the same every time; our own script
(``timeline/assets/timeline.js``) draws the time axis, the lanes and the uncertainty bars on
the network's canvas and runs the filters, search and evidence panel.

Document text reaches the page only as JSON inside ``<script type="application/json">``
with ``<``, ``>``, ``&`` and U+2028/U+2029 escaped, and the script puts it into the DOM with
``textContent`` only, so a quote such as ``</script><script>…`` shows as text.

Above :data:`MAX_EVENTS` events the page draws aggregates (events per month and type) and
says so, instead of freezing the browser.

>>> from timeline.rdf import build_graph
>>> html = render_html(build_graph([], []), title="empty")
>>> html.startswith("<!DOCTYPE html>") and "showing" in html
True
"""

from __future__ import annotations

import html as html_lib
import json
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from rdflib import Graph

from .analysis import read_view

MAX_EVENTS = 8000  # above this many events the page aggregates by month and type
LABELLED_EVENTS = 400  # up to this many events, lanes leave room for each event's label

# Lane order for event types: reports and statements first, then state measures, then violence.
TYPE_ORDER = [
    "ReportRelease", "Investigation", "Resolution", "Statement", "Rebuttal", "Denial", "LawEnactment", "Sanction",
    "BorderClosure", "Lockdown", "SurveillanceMeasure", "Repatriation", "Defection", "Detention", "Abduction",
    "Sentencing", "ForcedLabor", "Torture", "Execution", "CyberTheft", "MissileTest", "Outbreak", "Flood", "Event",
]
# Families share a hue (statements blue-green, state measures orange-yellow, violence red-purple).
TYPE_COLORS = {
    "ReportRelease": "#4e79a7", "Investigation": "#6f9bd1", "Resolution": "#2f5d8a", "Statement": "#76b7b2",
    "Rebuttal": "#59a14f", "Denial": "#b07aa1", "LawEnactment": "#9c755f", "Sanction": "#bab0ac",
    "BorderClosure": "#f28e2b", "Lockdown": "#edc948", "SurveillanceMeasure": "#8cd17d", "Repatriation": "#e15759",
    "Defection": "#ffbe7d", "Detention": "#ff9da7", "Abduction": "#c44e89", "Sentencing": "#d37295",
    "ForcedLabor": "#a0522d", "Torture": "#7b3294", "Execution": "#8b1a1a", "CyberTheft": "#499894",
    "MissileTest": "#5a5a5a", "Outbreak": "#b6992d", "Flood": "#86bcb6", "Event": "#79706e",
}
_SPARE_COLORS = ["#a0cbe8", "#f1ce63", "#d4a6c8", "#fabfd2", "#d7b5a6", "#9d7660", "#86bcb6", "#e7969c"]

_ASSETS = "assets"


# Public API --------------------------------------------------------------------------------


def collect_view(graph: Graph) -> dict[str, Any]:
    """The plain, JSON-able view model of a timeline graph, read with SPARQL.

    Keys ``events``, ``actors``, ``places``, ``docs``, ``quotes``, ``edges`` and ``types``;
    see :func:`timeline.analysis.read_view` for each record's fields.
    """
    return read_view(graph)


def render_html(graph: Graph, *, title: str = "timeline", max_events: int = MAX_EVENTS) -> str:
    """The whole self-contained timeline page for ``graph``, as a string.

    The caller writes it (as UTF-8, e.g. with :func:`timeline.fileio.atomic_write`). Above
    ``max_events`` events the page shows aggregates by month and type and says so.
    """
    view = collect_view(graph)
    payload = build_payload(view, title=title, max_events=max_events)
    return page(payload, title=title)


def build_payload(view: Mapping[str, Any], *, title: str = "timeline", max_events: int = MAX_EVENTS) -> dict[str, Any]:
    """The data the page's script reads: compact records with positions computed here."""
    events = list(view["events"])
    aggregated = len(events) > max_events
    if aggregated:
        return _aggregate_payload(view, title=title, max_events=max_events)
    return _full_payload(view, title=title, max_events=max_events)


def page(payload: Mapping[str, Any], *, title: str) -> str:
    """The HTML page around ``payload`` (inlined vis-network, our CSS and JS, the data)."""
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
        "<script>\n", _script_safe(vis_network_js()), "\n</script>\n",
        "<script>\n", _asset("timeline.js"), "\n</script>\n</body>\n</html>\n",
    ])


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


@lru_cache(maxsize=1)
def vis_network_js() -> str:
    """vis-network's standalone script, from the copy the pyvis package ships."""
    from importlib.util import find_spec

    # pyvis ships vis-network; find its files without importing pyvis (which pulls in IPython)
    spec = find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        from .errors import TimelineError

        raise TimelineError("pyvis is not installed; it provides vis-network (pip install 'pyvis>=0.3.2')")
    lib = Path(next(iter(spec.submodule_search_locations))).resolve() / "templates" / "lib"
    candidates = sorted(lib.glob("vis-9*/vis-network.min.js"), key=lambda p: [int(x) for x in p.parent.name[4:].split(".") if x.isdigit()])
    if not candidates:
        from .errors import TimelineError

        raise TimelineError(f"vis-network.min.js not found under {lib}; reinstall pyvis (pip install 'pyvis>=0.3.2')")
    return candidates[-1].read_text(encoding="utf-8")


def _script_safe(js: str) -> str:
    # a literal "</script" inside inlined code would end the element early
    return js.replace("</script", "<\\/script")


# Layout ------------------------------------------------------------------------------------

NODE = 7.0  # event dot radius, in canvas units


def _day(text: str | None) -> int | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10]).toordinal()
    except ValueError:
        return None


class _Scale:
    """Days ↔ canvas x. The whole span of dated events maps onto ``width`` units."""

    def __init__(self, days: Sequence[int], n_events: int) -> None:
        if days:
            lo, hi = min(days), max(days)
        else:
            today = date(2000, 1, 1).toordinal()
            lo, hi = today, today + 365
        span = max(hi - lo, 60)
        margin = max(15, span // 40)
        self.origin = lo - max(margin, span // 7)  # room on the left for the lane labels
        self.end = hi + margin
        # small timelines: 1,000 units (the page stretches them to the screen, labels readable);
        # big ones: up to 9,000 units so dense lanes do not pile up
        self.width = 1000.0 if n_events <= LABELLED_EVENTS else float(min(9000, 14 * n_events))
        self.ppd = self.width / (self.end - self.origin)

    def x(self, day: int) -> float:
        return (day - self.origin) * self.ppd


def _pack(items: Sequence[tuple[int, float, float]], max_rows: int) -> dict[int, int]:
    """Greedy interval packing: item (key, start, end) → row, first row where it fits."""
    rows_end: list[float] = []
    out: dict[int, int] = {}
    for key, start, end in sorted(items, key=lambda t: (t[1], t[2], t[0])):
        for r, last in enumerate(rows_end):
            if last <= start:
                rows_end[r] = end
                out[key] = r
                break
        else:
            if len(rows_end) < max_rows:
                rows_end.append(end)
                out[key] = len(rows_end) - 1
            else:  # full: put it on the row that frees up first (overlap rather than grow)
                r = min(range(len(rows_end)), key=rows_end.__getitem__)
                rows_end[r] = max(rows_end[r], end)
                out[key] = r
    return out


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _type_order(names: Iterable[str]) -> list[str]:
    rank = {name: i for i, name in enumerate(TYPE_ORDER)}
    return sorted(set(names), key=lambda n: (rank.get(n, len(rank)), n))


def _type_colors(names: Sequence[str]) -> dict[str, str]:
    colors = {}
    spare = iter(_SPARE_COLORS * 4)
    for name in names:
        colors[name] = TYPE_COLORS.get(name) or next(spare, "#79706e")
    return colors


def _lanes_layout(
    lane_of: Sequence[int],
    lane_labels: Sequence[str],
    extents: Sequence[tuple[float, float]],
    *,
    row_height: float,
    max_rows: int,
    top: float,
    kind: str,
    keys: Sequence[str],
) -> tuple[list[float], list[dict[str, Any]], float]:
    """Pack items into their lanes; return each item's y, the lanes and the bottom y."""
    members: dict[int, list[int]] = defaultdict(list)
    for i, lane in enumerate(lane_of):
        members[lane].append(i)
    ys = [0.0] * len(lane_of)
    lanes = []
    y = top
    for lane, label in enumerate(lane_labels):
        items = members.get(lane, [])
        if not items:
            continue
        rows = _pack([(i, extents[i][0], extents[i][1]) for i in items], max_rows)
        n_rows = max(rows.values(), default=0) + 1
        height = n_rows * row_height + 8
        for i in items:
            ys[i] = round(y + 4 + rows[i] * row_height + row_height / 2, 1)
        lanes.append({"label": label, "key": keys[lane], "y0": round(y, 1), "y1": round(y + height, 1),
                      "kind": "undated" if keys[lane] == "undated" else kind, "n": len(items)})
        y += height
    return ys, lanes, y


def _full_payload(view: Mapping[str, Any], *, title: str, max_events: int) -> dict[str, Any]:
    events = view["events"]
    entities = [*view["actors"], *view["places"]]
    docs = view["docs"]
    n_ev = len(events)
    ent_index = {e["id"]: n_ev + i for i, e in enumerate(entities)}
    doc_index = {d["id"]: n_ev + len(entities) + i for i, d in enumerate(docs)}
    ev_index = {e["id"]: i for i, e in enumerate(events)}
    type_names = _type_order(ev["type"] for ev in events)
    type_idx = {name: i for i, name in enumerate(type_names)}
    colors = _type_colors(type_names)
    type_labels = {t["name"]: t["label"] for t in view["types"]}
    counts = Counter(ev["type"] for ev in events)

    quotes_by_event: dict[str, list[int]] = defaultdict(list)
    quotes = []
    for q in view["quotes"]:
        if q["event"] not in ev_index:
            continue
        quotes_by_event[q["event"]].append(len(quotes))
        quotes.append({"e": ev_index[q["event"]], "d": doc_index.get(q["doc"], -1), "t": q["text"],
                       "pre": q["prefix"] or "", "suf": q["suffix"] or "", "c": q["certainty"], "p": q["polarity"],
                       "by": ent_index.get(q["attributed_to"] or "", -1)})

    # time → x
    days = [d for ev in events for d in (_day(ev["earliest"]), _day(ev["latest"])) if d is not None]
    scale = _Scale(days, n_ev)
    labelled = n_ev <= LABELLED_EVENTS
    label_chars = 34
    xs: list[float] = []
    x0s: list[float | None] = []
    x1s: list[float | None] = []
    extents: list[tuple[float, float]] = []
    undated = [i for i, ev in enumerate(events) if _day(ev["earliest"]) is None or _day(ev["latest"]) is None]
    undated_set = set(undated)
    for i, ev in enumerate(events):
        if i in undated_set:
            xs.append(0.0)
            x0s.append(None)
            x1s.append(None)
            extents.append((0.0, 0.0))
            continue
        lo, hi = _day(ev["earliest"]), _day(ev["latest"])
        assert lo is not None and hi is not None
        a, b = scale.x(lo), scale.x(hi + 1)
        edtf = ev.get("edtf") or ""
        if edtf.endswith("/.."):
            x = a + min(NODE, (b - a) / 2)
        elif edtf.startswith("../"):
            x = b - min(NODE, (b - a) / 2)
        else:
            x = (a + b) / 2
        xs.append(round(x, 1))
        wide = b - a > 2 * NODE
        x0s.append(round(a, 1) if wide else None)
        x1s.append(round(b, 1) if wide else None)
        half = max(NODE + 3, (len(_short(ev["label"], label_chars)) * 3.3 + 4) if labelled else NODE + 2)
        extents.append((min(a, x - half) if wide else x - half, max(b, x + half) if wide else x + half))
    # undated events: spread in a row of their own, in a stable order
    order = sorted(undated, key=lambda i: (type_idx[events[i]["type"]], events[i]["label"], events[i]["id"]))
    step = max(2 * NODE + 6, (label_chars * 6.2 if labelled else 0))
    left = scale.width * 0.22  # the lane's label sits on the left
    per_row = max(1, int((scale.width - left) // step))
    for k, i in enumerate(order):
        col = k % per_row
        xs[i] = round(left + (col + 0.5) * (scale.width - left) / min(per_row, len(order)), 1)
        extents[i] = (xs[i] - step / 2 + 1, xs[i] + step / 2 - 1)

    row_height = 30.0 if labelled else 17.0
    max_rows = 40 if labelled else 10

    layouts: dict[str, Any] = {}
    # lanes by type
    lane_of_type = [type_idx[ev["type"]] if i not in undated_set else len(type_names) for i, ev in enumerate(events)]
    # lanes by actor: the first agent, else the first actor, else "(no actor)"
    primary: list[str | None] = []
    for ev in events:
        agents = [a["id"] for a in ev["actors"] if a["role"] == "agent"]
        primary.append(agents[0] if agents else (ev["actors"][0]["id"] if ev["actors"] else None))
    actor_counts = Counter(p for p in primary if p)
    top_actors = [a for a, _ in sorted(actor_counts.items(), key=lambda kv: (-kv[1], kv[0]))[:24]]
    actor_lane = {a: i for i, a in enumerate(top_actors)}
    other_lane = len(top_actors)
    none_lane = other_lane + 1
    undated_lane = none_lane + 1
    ent_label = {e["id"]: e["label"] for e in entities}
    lane_of_actor = []
    for i, p in enumerate(primary):
        if i in undated_set:
            lane_of_actor.append(undated_lane)
        elif p is None:
            lane_of_actor.append(none_lane)
        else:
            lane_of_actor.append(actor_lane.get(p, other_lane))

    entity_x, entity_rows, entity_n_rows = _spread(entities, docs, _entity_positions(events, entities, docs, xs,
                                                                                 undated_set, scale), scale.width)
    entity_kinds = [e["kind"] for e in entities] + ["doc"] * len(docs)
    for mode, lane_of, labels, keys in (
        ("type", lane_of_type, [type_labels.get(t, t) for t in type_names] + ["undated"],
         list(type_names) + ["undated"]),
        ("actor", lane_of_actor, [ent_label[a] for a in top_actors] + ["other actors", "no actor named", "undated"],
         list(top_actors) + ["other", "none", "undated"]),
    ):
        ys, lanes, bottom = _lanes_layout(lane_of, labels, extents, row_height=row_height, max_rows=max_rows,
                                          top=0.0, kind="lane", keys=keys)
        ys_all, bands = _band_layout(entity_kinds, entity_rows, entity_n_rows, top=0.0, bottom=bottom)
        layouts[mode] = {"lanes": lanes + bands, "y": ys + ys_all,
                         "top": bands[0]["y0"] if bands and bands[0]["y0"] < 0 else 0.0}

    out_events = []
    for i, ev in enumerate(events):
        rec: dict[str, Any] = {
            "t": type_idx[ev["type"]], "l": ev["label"], "e": ev["earliest"], "a": ev["latest"],
            "p": ev["precision"], "x0": x0s[i], "x1": x1s[i],
        }
        optional = {
            "ex": ev["expression"], "st": ev["stated"], "ed": ev["edtf"], "an": ev["anchor"],
            "c": ev["certainty"], "pol": ev["polarity"], "qty": ev["quantities"] or None,
            "ac": [[ent_index[a["id"]], a["role"]] for a in ev["actors"] if a["id"] in ent_index] or None,
            "pl": [ent_index[p] for p in ev["places"] if p in ent_index] or None,
            "d": [doc_index[d] for d in ev["docs"] if d in doc_index] or None,
            "by": [ent_index[s] for s in ev["according_to"] if s in ent_index] or None,
            "dn": [ev_index[x] for x in ev["denies"] if x in ev_index] or None,
            "db": [ev_index[x] for x in ev["denied_by"] if x in ev_index] or None,
            "q": quotes_by_event.get(ev["id"]) or None,
            "open": "end" if (ev["edtf"] or "").endswith("/..") else "start" if (ev["edtf"] or "").startswith("../") else None,
        }
        rec.update({k: v for k, v in optional.items() if v is not None})
        if ev["contested"]:
            rec["ct"] = 1
        out_events.append(rec)

    return {
        "meta": {
            "title": title, "aggregated": False, "total": n_ev, "shown": n_ev, "max_events": max_events,
            "labelled": labelled, "origin": date.fromordinal(scale.origin).isoformat(), "ppd": scale.ppd,
            "width": scale.width, "end": date.fromordinal(scale.end).isoformat(),
        },
        "types": [{"name": t, "label": type_labels.get(t, t), "color": colors[t], "count": counts[t]}
                  for t in type_names],
        "events": out_events,
        "entities": [{"k": e["kind"], "l": e["label"], "cat": e["category"], "wd": e["wikidata"]} for e in entities],
        "docs": [{"l": d["title"] or d["label"], "pub": d["published"], "src": d["source"]} for d in docs],
        "quotes": quotes,
        "x": xs + entity_x,
        "layouts": layouts,
    }


def _entity_positions(events: Sequence[Mapping[str, Any]], entities: Sequence[Mapping[str, Any]],
                      docs: Sequence[Mapping[str, Any]], xs: Sequence[float], undated: set[int],
                      scale: _Scale) -> list[float]:
    """x of each actor, place and document: the median x of its dated events."""
    linked: dict[str, list[float]] = defaultdict(list)
    for i, ev in enumerate(events):
        if i in undated:
            continue
        for key in {*(a["id"] for a in ev["actors"]), *ev["places"], *ev["docs"], *ev["according_to"]}:
            linked[key].append(xs[i])
    out = []
    for item in [*entities, *docs]:
        values = linked.get(item["id"])
        out.append(round(statistics.median(values), 1) if values else round(scale.width / 2, 1))
    return out


def _spread(entities: Sequence[Mapping[str, Any]], docs: Sequence[Mapping[str, Any]], desired: Sequence[float],
            width: float) -> tuple[list[float], list[int], dict[str, int]]:
    """Spread actors, places and documents along x near their events without overlapping labels.

    Each kind is sorted by its desired x (the median of its events) and dealt round-robin into
    as few rows as its labels need (at most 12); within a row labels are pushed apart. Returns
    each item's x and row, and the number of rows of each kind.
    """
    kinds = [e["kind"] for e in entities] + ["doc"] * len(docs)
    names = [*(e["label"] for e in entities), *((d["title"] or d["label"]) for d in docs)]
    xs = list(desired)
    rows = [0] * len(kinds)
    n_rows: dict[str, int] = {}
    for kind in ("actor", "place", "doc"):
        members = sorted((i for i, k in enumerate(kinds) if k == kind), key=lambda i: (desired[i], names[i]))
        if not members:
            continue
        w = {i: min(len(names[i]), 26) * 6.4 + 14 for i in members}
        count = max(1, min(12, -(-int(sum(w.values())) // int(width * 0.9))))
        n_rows[kind] = count
        for r in range(count):
            row = members[r::count]
            pos = [desired[i] for i in row]
            for k in range(1, len(row)):  # push right
                pos[k] = max(pos[k], pos[k - 1] + (w[row[k - 1]] + w[row[k]]) / 2)
            if pos and pos[-1] > width - w[row[-1]] / 2:  # then back from the right edge
                pos[-1] = width - w[row[-1]] / 2
                for k in range(len(row) - 2, -1, -1):
                    pos[k] = min(pos[k], pos[k + 1] - (w[row[k]] + w[row[k + 1]]) / 2)
            for i, x in zip(row, pos):
                xs[i] = round(x, 1)
                rows[i] = r
    return xs, rows, n_rows


def _band_layout(kinds: Sequence[str], rows: Sequence[int], n_rows: Mapping[str, int], *, top: float,
                 bottom: float) -> tuple[list[float], list[dict[str, Any]]]:
    """Actors in a band above the lanes; places, then documents, in bands below."""
    ys = [0.0] * len(kinds)
    bands = []
    row_height = 36.0
    for kind, title, above in (("actor", "actors", True), ("place", "places", False), ("doc", "sources", False)):
        if kind not in n_rows:
            continue
        height = n_rows[kind] * row_height + 10
        if above:
            y0 = top - 16 - height
        else:
            y0 = bottom + 16
            bottom = y0 + height
        members = [i for i, k in enumerate(kinds) if k == kind]
        for i in members:
            ys[i] = round(y0 + 4 + rows[i] * row_height + row_height / 2, 1)
        bands.append({"label": title, "key": kind, "y0": round(y0, 1), "y1": round(y0 + height, 1), "kind": "band",
                      "n": len(members)})
    return ys, bands


# Aggregated mode ---------------------------------------------------------------------------


def _aggregate_payload(view: Mapping[str, Any], *, title: str, max_events: int) -> dict[str, Any]:
    events = view["events"]
    type_names = _type_order(ev["type"] for ev in events)
    type_idx = {name: i for i, name in enumerate(type_names)}
    colors = _type_colors(type_names)
    type_labels = {t["name"]: t["label"] for t in view["types"]}
    counts = Counter(ev["type"] for ev in events)
    groups: dict[tuple[str, str], list[Mapping[str, Any]]] = defaultdict(list)
    for ev in events:
        lo, hi = _day(ev["earliest"]), _day(ev["latest"])
        if lo is None or hi is None:
            key = "undated"
        elif hi - lo <= 62:
            key = date.fromordinal((lo + hi) // 2).strftime("%Y-%m")
        else:
            key = f"{ev['earliest'][:4]}/{ev['latest'][:4]}"
        groups[(ev["type"], key)].append(ev)
    items = sorted(groups.items(), key=lambda kv: (type_idx[kv[0][0]], kv[0][1]))
    days = [d for ev in events for d in (_day(ev["earliest"]), _day(ev["latest"])) if d is not None]
    scale = _Scale(days, 400)
    scale.width = 6000.0
    scale.ppd = scale.width / (scale.end - scale.origin)
    xs, x0s, x1s, extents, out = [], [], [], [], []
    undated = []
    for n, ((type_, key), members) in enumerate(items):
        size = min(36.0, 5 + 2.2 * len(members) ** 0.5)
        if key == "undated":
            undated.append(n)
            xs.append(0.0)
            x0s.append(None)
            x1s.append(None)
            extents.append((0.0, 0.0))
            lo_s = hi_s = None
        else:
            if "/" in key:
                y0, y1 = key.split("/")
                lo, hi = date(int(y0), 1, 1).toordinal(), date(int(y1), 12, 31).toordinal()
            else:
                first = date(int(key[:4]), int(key[5:7]), 1)
                lo = first.toordinal()
                hi = ((first + timedelta(days=32)).replace(day=1) - timedelta(days=1)).toordinal()
            a, b = scale.x(lo), scale.x(hi + 1)
            x = (a + b) / 2
            xs.append(round(x, 1))
            wide = b - a > 2 * size
            x0s.append(round(a, 1) if wide else None)
            x1s.append(round(b, 1) if wide else None)
            extents.append((min(a, x - size) - 1, max(b, x + size) + 1))
            lo_s, hi_s = date.fromordinal(lo).isoformat(), date.fromordinal(hi).isoformat()
        sample = sorted(members, key=lambda ev: (ev["earliest"] or "", ev["label"]))[:12]
        out.append({
            "t": type_idx[type_], "l": f"{type_labels.get(type_, type_)} · {key} · {len(members)} events",
            "e": lo_s, "a": hi_s, "p": "aggregate", "x0": x0s[-1], "x1": x1s[-1], "n": len(members), "sz": round(size, 1),
            "sample": [f"{ev['earliest'] or 'undated'} — {ev['label']}" for ev in sample],
        })
    step = 80.0
    per_row = max(1, int(scale.width // step))
    for k, i in enumerate(undated):
        xs[i] = round((k % per_row + 0.5) * step, 1)
        extents[i] = (xs[i] - step / 2 + 1, xs[i] + step / 2 - 1)
    undated_set = set(undated)
    lane_of = [len(type_names) if i in undated_set else type_idx[items[i][0][0]] for i in range(len(items))]
    ys, lanes, _ = _lanes_layout(lane_of, [type_labels.get(t, t) for t in type_names] + ["undated"], extents,
                                 row_height=40.0, max_rows=6, top=0.0, kind="lane", keys=list(type_names) + ["undated"])
    per_lane = Counter(lane_of[i] for i in range(len(items)) for _ in range(len(groups[items[i][0]])))
    keys = list(type_names) + ["undated"]
    for lane in lanes:  # lanes count events, not groups
        lane["n"] = per_lane[keys.index(lane["key"])]
    layout = {"lanes": lanes, "y": ys, "top": 0.0}
    return {
        "meta": {
            "title": title, "aggregated": True, "total": len(events), "shown": len(items), "max_events": max_events,
            "labelled": True, "origin": date.fromordinal(scale.origin).isoformat(), "ppd": scale.ppd,
            "width": scale.width, "end": date.fromordinal(scale.end).isoformat(),
        },
        "types": [{"name": t, "label": type_labels.get(t, t), "color": colors[t], "count": counts[t]}
                  for t in type_names],
        "events": out,
        "entities": [],
        "docs": [],
        "quotes": [],
        "x": xs,
        "layouts": {"type": layout, "actor": layout},
    }


__all__ = ["MAX_EVENTS", "build_payload", "collect_view", "json_for_script", "page", "render_html"]
