"""The HTML timeline page: self-contained, escaped, deterministic, honest about time."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from render_fixtures import INFERRED_EVENTS, SMALL_EVENTS, XSS_QUOTE, XSS_TITLE, small_graph, synthetic_graph
from timeline.rdf import build_graph
from timeline.render import (
    DETAIL_CHUNK,
    KIND_INFERRED,
    KIND_INTERVAL,
    KIND_OPEN_END,
    KIND_POINT,
    KIND_UNDATED,
    build_payload,
    collect_view,
    json_for_script,
    render_html,
)
from timeline.viewmodel import read_timeline_view

EPOCH = date(1970, 1, 1).toordinal()


def day(text: str) -> int:
    return date.fromisoformat(text).toordinal() - EPOCH


@pytest.fixture(scope="module")
def graph():
    return small_graph(inferred=True)


@pytest.fixture(scope="module")
def page(graph):
    return render_html(graph, title="NK <b>timeline</b>")


def _payload(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="tl-data">(.*?)</script>', html, re.S)
    assert match, "the data block is missing"
    return json.loads(match.group(1))


def _details(html: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/json" id="tl-detail-(\d+)">(.*?)</script>', html, re.S)
    return [row for _, text in sorted(blocks, key=lambda b: int(b[0])) for row in json.loads(text)]


def _index(data: dict, label_start: str) -> int:
    return next(i for i, label in enumerate(data["ev"]["l"]) if label.startswith(label_start))


def test_page_is_one_self_contained_document(page):
    """No external script, stylesheet, image, font or frame; a CSP forbids any request."""
    assert page.startswith("<!DOCTYPE html>")
    for pattern in (r"<script[^>]+src=", r"<link\b", r"<img\b", r"<iframe\b", r"@import", r"url\(\s*['\"]?https?:"):
        assert not re.search(pattern, page, re.I), pattern
    assert "default-src 'none'" in page
    assert "bootstrap" not in page.lower() and "cdn" not in page.lower()


def test_the_page_draws_on_its_own_canvas(page):
    """Our script and one canvas draw the timeline; no third-party drawing library is inlined."""
    assert '<canvas id="tl-canvas"' in page
    assert "vis-network" not in page and "vis.DataSet" not in page


def test_document_text_cannot_break_out_of_the_data_blocks(page):
    """The XSS payloads appear nowhere raw: only our script and JSON blocks open and close."""
    assert XSS_TITLE not in page and XSS_QUOTE not in page
    assert "<img src=x" not in page
    scripts = _scripts(page)
    assert [kind for kind, _ in scripts] == ["application/json", None] + ["application/json"] * (len(scripts) - 2)
    assert len(scripts) == 3  # the data, the script, one evidence block for 8 events
    assert json.loads(scripts[0][1])["meta"]["total"] == INFERRED_EVENTS


def _scripts(html: str) -> list[tuple[str | None, str]]:
    """Every <script> element as the HTML parser sees it: (type, text)."""
    from html.parser import HTMLParser

    found: list[tuple[str | None, str]] = []

    class Parser(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag == "script":
                found.append((dict(attrs).get("type"), ""))

        def handle_data(self, data):
            if found and self.lasttag == "script":
                found[-1] = (found[-1][0], found[-1][1] + data)

    Parser().feed(html)
    return found


def test_document_text_survives_escaping_intact(page):
    """Decoding the JSON blocks gives back the exact quote and title."""
    assert XSS_QUOTE in [q["t"] for row in _details(page) for q in row.get("q", [])]
    assert XSS_TITLE in _payload(page)["docs"]["l"]


def test_title_is_escaped(page):
    """The page title is HTML-escaped in <title> and set as text by the script."""
    assert "<title>NK &lt;b&gt;timeline&lt;/b&gt;</title>" in page
    assert _payload(page)["meta"]["title"] == "NK <b>timeline</b>"


def test_script_does_not_use_innerhtml(page):
    """Our script writes data with textContent, never innerHTML/outerHTML/insertAdjacentHTML."""
    ours = _scripts(page)[1][1]
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in ours


def test_json_for_script_escapes_markup_and_line_separators():
    """<, >, & and U+2028/U+2029 are escaped; the text decodes to the same value."""
    value = {"q": "</script><!-- & \u2028\u2029"}
    text = json_for_script(value)
    assert not set("<>&\u2028\u2029") & set(text)
    assert json.loads(text) == value


def test_rendering_is_deterministic(page):
    """The same graph gives the same page, byte for byte."""
    assert render_html(small_graph(inferred=True), title="NK <b>timeline</b>") == page


def test_every_event_is_in_the_page_including_undated(page):
    """No event is dropped; the undated one has no time and the kind that puts it off the axis."""
    data = _payload(page)
    ev = data["ev"]
    assert len(ev["l"]) == INFERRED_EVENTS == data["meta"]["total"]
    (undated,) = [i for i, k in enumerate(ev["k"]) if k == KIND_UNDATED]
    assert ev["s"][undated] is None and ev["e"][undated] is None
    assert ev["l"][undated] == "Biometric database introduced"


def test_each_kind_of_time_is_told_apart(page):
    """A stated day, a stated interval, an open interval and an inferred time each have their kind."""
    ev = _payload(page)["ev"]
    kinds = {label: k for label, k in zip(ev["l"], ev["k"])}
    assert kinds["Man executed in Hyesan for distributing films"] == KIND_POINT
    assert kinds["Escapees detained"] == KIND_INTERVAL
    assert kinds["North Korea sealed its border with China"] == KIND_OPEN_END
    assert kinds["Guards beat detainees at a holding centre"] == KIND_INFERRED


def test_inferred_time_comes_from_its_own_properties(graph, page):
    """The inferred bounds are drawn, labelled as inferred from the publication date, never as stated."""
    view = read_timeline_view(graph)
    beating = next(e for e in view["events"] if e["type"] == "Torture")
    assert beating["earliest"] is None and beating["latest"] is None  # stated bounds stay empty
    assert (beating["inferred_earliest"], beating["inferred_latest"]) == ("2025-08-13", "2025-09-12")
    assert beating["inferred_from"] == "publication" and beating["inference_window"] == "P30D"
    data = _payload(page)
    i = _index(data, "Guards beat")
    assert (data["ev"]["s"][i], data["ev"]["e"][i]) == (day("2025-08-13"), day("2025-09-12"))
    row = _details(page)[i]
    assert row["if"] == "publication" and row["iw"] == "P30D" and "ex" not in row and "src" not in row


def test_claim_links_and_time_sources_reach_the_page(page):
    """A reported event points to the release that claims it; a stated time says where it was found."""
    data = _payload(page)
    beating, report = _index(data, "Guards beat"), _index(data, "UN Human Rights Office released")
    assert [beating, report] in data["links"]["claimedIn"]
    rows = _details(page)
    assert rows[_index(data, "Man executed")]["src"] == "clause"
    assert rows[_index(data, "China forcibly")]["src"] == "sentence"


def test_x_order_follows_time(page):
    """Dated events come with day numbers: a later event has a later start."""
    ev = _payload(page)["ev"]
    execution, repat = _index(_payload(page), "Man executed"), _index(_payload(page), "China forcibly")
    assert ev["s"][execution] == day("2023-03-12") < ev["s"][repat] == day("2024-04-01")
    assert ev["e"][repat] == day("2024-04-30")


def test_contested_events_are_flagged_and_linked(page):
    """The denial and what it denies are both marked, and the link is in the page."""
    data = _payload(page)
    denial, repat = _index(data, "Officials deny"), _index(data, "China forcibly")
    assert [denial, repat] in data["links"]["denies"]
    assert data["ev"]["ct"][denial] == data["ev"]["ct"][repat] == 1


def test_entities_come_with_their_first_event_and_count(page):
    """Actors, places and sources carry the day of their first event, so panels can order by it."""
    data = _payload(page)
    ents = data["ents"]
    nk = ents["l"].index("North Korea")
    assert ents["first"][nk] == day("2020-01-01") and ents["n"][nk] == 3
    jilin = ents["l"].index("Jilin")
    assert ents["k"][jilin] == "place" and ents["first"][jilin] == day("2024-04-01")
    assert all(pub for pub in data["docs"]["pub"])


def test_lanes_by_actor_name_the_most_frequent_actors_first(page):
    """Lanes by actor: the primary actors by count, then 'other actors' and 'no actor named'."""
    data = _payload(page)
    labels = [lane["label"] for lane in data["lanes"]["actor"]]
    assert labels[0] == "North Korea" and labels[-2:] == ["other actors", "no actor named"]
    assert max(data["ev"]["la"]) < len(labels)


def test_empty_graph_renders():
    """A graph without events still gives a working page that says it shows 0 of 0."""
    data = _payload(render_html(build_graph([], [])))
    assert data["ev"]["l"] == [] and data["meta"]["total"] == 0


def test_big_graph_keeps_every_event_and_splits_the_evidence():
    """Thousands of events all reach the page (the page itself aggregates); evidence comes in blocks."""
    view = collect_view(synthetic_graph(3000))
    payload, details = build_payload(view)
    assert payload["meta"]["total"] == len(payload["ev"]["l"]) == 3000
    assert len(details) == -(-3000 // DETAIL_CHUNK) and sum(len(b) for b in details) == 3000
    kinds = payload["ev"]["k"]
    assert kinds.count(KIND_INFERRED) > 100 and kinds.count(KIND_UNDATED) > 30
    assert len(payload["links"]["claimedIn"]) > 100


def test_a_graph_read_back_from_a_file_renders_the_same(tmp_path, graph, page):
    """What `timeline render` and `--store` read (store.read_graph over Oxigraph) renders like the graph itself."""
    from timeline import store

    path = tmp_path / "graph.ttl"
    store.write_graph(graph, path)
    assert render_html(store.read_graph([path]), title="NK <b>timeline</b>") == page


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_json_for_script_round_trips_any_text(text):
    """Whatever a document says, the data block cannot hold a tag opener and decodes unchanged."""
    encoded = json_for_script({"t": text})
    assert "<" not in encoded and "\u2028" not in encoded
    assert json.loads(encoded) == {"t": text}
