"""The HTML timeline page: self-contained, escaped, deterministic, positions from dates."""

from __future__ import annotations

import json
import re

import pytest

from render_fixtures import SMALL_EVENTS, XSS_QUOTE, XSS_TITLE, small_graph, synthetic_graph
from timeline.rdf import build_graph
from timeline.render import build_payload, collect_view, json_for_script, render_html


@pytest.fixture(scope="module")
def graph():
    return small_graph()


@pytest.fixture(scope="module")
def page(graph):
    return render_html(graph, title="NK <b>timeline</b>")


def _payload(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="tl-data">(.*?)</script>', html, re.S)
    assert match, "the data block is missing"
    return json.loads(match.group(1))


def test_page_is_one_self_contained_document(page):
    """No external script, stylesheet, image, font or frame; a CSP forbids any request."""
    assert page.startswith("<!DOCTYPE html>")
    for pattern in (r"<script[^>]+src=", r"<link\b", r"<img\b", r"<iframe\b", r"@import", r"url\(\s*['\"]?https?:"):
        assert not re.search(pattern, page, re.I), pattern
    assert "default-src 'none'" in page
    assert "bootstrap" not in page.lower()


def test_vis_network_is_inlined(page):
    """vis-network's code (from pyvis's bundled copy) is in the page itself."""
    assert "vis-network" in page and len(page) > 400_000


def test_document_text_cannot_break_out_of_the_data_block(page):
    """The XSS payloads appear nowhere raw: only three script elements open and close."""
    assert XSS_TITLE not in page and XSS_QUOTE not in page
    assert "<img src=x" not in page
    scripts = _scripts(page)
    assert [kind for kind, _ in scripts] == ["application/json", None, None]
    assert json.loads(scripts[0][1])["meta"]["total"] == SMALL_EVENTS


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
    """Decoding the JSON block gives back the exact quote and title."""
    data = _payload(page)
    assert XSS_QUOTE in [q["t"] for q in data["quotes"]]
    assert XSS_TITLE in [d["l"] for d in data["docs"]]


def test_title_is_escaped(page):
    """The page title is HTML-escaped in <title> and set as text by the script."""
    assert "<title>NK &lt;b&gt;timeline&lt;/b&gt;</title>" in page
    assert _payload(page)["meta"]["title"] == "NK <b>timeline</b>"


def test_script_does_not_use_innerhtml(page):
    """Our script writes data with textContent, never innerHTML/outerHTML/insertAdjacentHTML."""
    ours = page.rsplit("<script>", 1)[1]
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in ours


def test_json_for_script_escapes_markup_and_line_separators():
    """<, >, & and U+2028/U+2029 are escaped; the text decodes to the same value."""
    value = {"q": "</script><!-- & \u2028\u2029"}
    text = json_for_script(value)
    assert not set("<>&\u2028\u2029") & set(text)
    assert json.loads(text) == value


def test_rendering_is_deterministic(graph, page):
    """The same graph gives the same page, byte for byte."""
    assert render_html(small_graph(), title="NK <b>timeline</b>") == page


def test_every_event_is_drawn_including_undated(page):
    """No event is dropped: the undated one sits in a lane of its own."""
    data = _payload(page)
    assert len(data["events"]) == SMALL_EVENTS and data["meta"]["total"] == SMALL_EVENTS
    lanes = data["layouts"]["type"]["lanes"]
    undated_lane = next(ln for ln in lanes if ln["kind"] == "undated")
    (undated,) = [i for i, ev in enumerate(data["events"]) if ev["e"] is None]
    y = data["layouts"]["type"]["y"][undated]
    assert undated_lane["y0"] <= y <= undated_lane["y1"]


def test_x_follows_time_and_wide_intervals_get_a_bar(page):
    """Dated events are left to right by date; a year or an open interval spans earliest…latest."""
    data = _payload(page)
    dated = [(ev["e"], data["x"][i], ev) for i, ev in enumerate(data["events"]) if ev["e"]]
    point = sorted((e, x) for e, x, ev in dated if ev["p"] == "day")
    assert [x for _, x in point] == sorted(x for _, x in point)
    year = next(ev for _, _, ev in dated if ev["l"] == "Escapees detained")
    assert year["x0"] is not None and year["x1"] > year["x0"]
    border = next(ev for _, _, ev in dated if ev["t"] == [t["name"] for t in data["types"]].index("BorderClosure"))
    assert border["open"] == "end" and border["x1"] - border["x0"] > year["x1"] - year["x0"]
    day = next(ev for _, _, ev in dated if ev["p"] == "day")
    assert day["x0"] is None  # a single day is a point, not a bar


def test_each_event_sits_inside_its_lane_in_both_lane_modes(page):
    """Lanes by type and by actor both place every event inside its lane's band."""
    data = _payload(page)
    for mode in ("type", "actor"):
        layout = data["layouts"][mode]
        lanes = [ln for ln in layout["lanes"] if ln["kind"] != "band"]
        for i in range(len(data["events"])):
            y = layout["y"][i]
            assert any(ln["y0"] <= y <= ln["y1"] for ln in lanes), (mode, i)
        assert len(layout["y"]) == len(data["x"])


def test_contested_events_are_flagged_and_linked(page):
    """The denial and what it denies are both marked; each points to the other."""
    data = _payload(page)
    denial = next(i for i, ev in enumerate(data["events"]) if ev.get("dn"))
    (target,) = data["events"][denial]["dn"]
    assert data["events"][target]["db"] == [denial]
    assert data["events"][denial]["ct"] == data["events"][target]["ct"] == 1


def test_empty_graph_renders():
    """A graph without events still gives a working page that says it shows 0 of 0."""
    data = _payload(render_html(build_graph([], [])))
    assert data["events"] == [] and data["meta"]["total"] == 0


def test_big_graph_switches_to_aggregates_and_says_so():
    """Above max_events the page draws month × type groups whose counts add up to the total."""
    view = collect_view(synthetic_graph(300))
    data = build_payload(view, max_events=100)
    assert data["meta"]["aggregated"] and data["meta"]["total"] == 300
    assert sum(ev["n"] for ev in data["events"]) == 300
    assert len(data["events"]) < 300
    assert data["entities"] == [] and data["quotes"] == []
    full = build_payload(view)
    assert not full["meta"]["aggregated"] and len(full["events"]) == 300


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_json_for_script_round_trips_any_text(text):
    """Whatever a document says, the data block cannot hold a tag opener and decodes unchanged."""
    encoded = json_for_script({"t": text})
    assert "<" not in encoded and "\u2028" not in encoded
    assert json.loads(encoded) == {"t": text}
