"""The timeline page in a real browser: Debian's chromium driven by Playwright, offline.

Every request that is not ``file://`` is aborted and counted (there must be none). The suite
skips when /usr/bin/chromium is missing (``make system-deps`` installs it); it never downloads
a browser. Screenshots go to ``test-artifacts/`` (gitignored). Speed is never asserted here
(benchmarks/render_bench.py measures it).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from render_fixtures import INFERRED_EVENTS, XSS_QUOTE, XSS_TITLE, small_graph, synthetic_graph
from timeline.fileio import atomic_write
from timeline.render import collect_view, render_html

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
DENSE_EVENTS = 3000
N = INFERRED_EVENTS


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: run `make system-deps` (apt-get install chromium) to run the browser tests")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def small():
    graph = small_graph(inferred=True)
    return graph, collect_view(graph)


@pytest.fixture(scope="module")
def html_file(small, tmp_path_factory):
    path = tmp_path_factory.mktemp("render") / "timeline.html"
    atomic_write(path, render_html(small[0], title="North Korea human rights — test"))
    return path


@pytest.fixture(scope="module")
def dense_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("dense") / "dense.html"
    atomic_write(path, render_html(synthetic_graph(DENSE_EVENTS), title="archive"))
    return path


class Session:
    """One page with its console errors, page errors and blocked (non-file) requests."""

    def __init__(self, browser, path: Path | str, viewport=(1440, 900)) -> None:
        self.context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.page.goto(path if isinstance(path, str) else path.as_uri())
        self.page.wait_for_function("() => window.__tlReady === true", timeout=30_000)

    def _route(self, route):
        url = route.request.url
        if url.startswith("file://"):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def count_text(self) -> str:
        return self.page.inner_text("#tl-count")

    def frame(self) -> dict:
        """What the last draw placed: labels, counts, markers, relations (no DOM nodes in the canvas)."""
        return self.js("""() => { const f = timeline.frame(); return {
            W: f.W, H: f.H, labels: f.labels, boxes: f.boxes, markers: f.markers, edges: f.edges, track: f.track,
            bottom: f.geo.bottom, lanes: f.lanes.map(l => ({label: l.label, y0: l.y0, y1: l.y1})),
            hits: f.hits.map(h => ({x0: h.x0, x1: h.x1, y0: h.y0, y1: h.y1, ev: h.ev == null ? null : h.ev,
                                   n: h.box ? h.box[2] : h.span ? h.span.members.length : h.members ? h.members.length : 1,
                                   kind: h.ev != null ? 'event' : h.box ? 'count' : h.span ? 'span' : 'undated'}))}; }""")

    def point_of(self, i: int) -> tuple[float, float]:
        """Where event i is drawn, in page coordinates."""
        pos = self.js("(i) => timeline.position(i)", i)
        assert pos is not None, f"event {i} is not drawn"
        box = self.page.locator("#tl-canvas").bounding_box()
        return box["x"] + pos["x"], box["y"] + pos["y"]

    def click_event(self, i: int) -> None:
        x, y = self.point_of(i)
        self.page.mouse.click(x, y)


@pytest.fixture()
def session(browser, html_file):
    s = Session(browser, html_file)
    yield s
    s.context.close()


@pytest.fixture()
def dense(browser, dense_file):
    s = Session(browser, dense_file)
    yield s
    s.context.close()


def _index(view, label_start: str) -> int:
    return next(i for i, ev in enumerate(view["events"]) if ev["label"].startswith(label_start))


def _overlaps(a: dict, b: dict) -> bool:
    return a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"] and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"]


def _check_labels(frame: dict) -> int:
    """No two visible labels intersect, none leaves the canvas, no event label sits on a count; returns how many."""
    labels = frame["labels"]
    for a in labels:
        assert a["x"] >= 0 and a["y"] >= 0 and a["x"] + a["w"] <= frame["W"] and a["y"] + a["h"] <= frame["H"], a
    for k, a in enumerate(labels):
        for b in labels[k + 1:]:
            assert not _overlaps(a, b), (a, b)
    for a in (lab for lab in labels if lab["kind"] == "event"):
        for box in frame["boxes"]:
            assert not _overlaps(a, {"x": box["x0"], "y": box["y0"], "w": box["x1"] - box["x0"], "h": box["y1"] - box["y0"]}), (a, box)
    return sum(1 for lab in labels if lab["kind"] == "event")


# 0. offline, no errors -------------------------------------------------------------------------


def test_page_loads_offline_without_errors(session):
    """The page draws with no console error, no page error and no network request at all."""
    assert session.js("window.__tlReady") is True
    assert session.errors == [] and session.blocked == []
    assert session.count_text() == f"showing {N} of {N} events"


# 1. level of detail ----------------------------------------------------------------------------


def test_opens_on_the_whole_extent(dense):
    """The first view spans every dated and inferred event, not only the latest years."""
    lo, hi, d0, d1 = dense.js("() => [timeline.data.meta.lo, timeline.data.meta.hi, timeline.state.d0, timeline.state.d1]")
    assert d0 <= lo and d1 >= hi + 1
    assert (hi - lo) / (d1 - d0) > 0.85  # and not much more


def test_zoomed_out_archive_counts_every_event_once(dense):
    """Zoomed out, events aggregate by lane and bucket: counts, spans and single events add up to every dated event."""
    frame = dense.frame()
    counts = [h for h in frame["hits"] if h["kind"] == "count"]
    assert len(counts) > 50 and frame["markers"] < 200
    dated = dense.js("() => timeline.data.ev.k.filter(k => k !== 5).length")
    drawn = sum(h["n"] for h in frame["hits"] if h["kind"] in ("count", "span", "event"))
    assert drawn == dated
    undated = sum(h["n"] for h in frame["hits"] if h["kind"] == "undated")
    assert undated == DENSE_EVENTS - dated
    assert frame["edges"] == []  # no edges without a selection or hover: never a hairball
    assert dense.errors == [] and dense.blocked == []


def test_clicking_a_count_expands_it_into_events_with_labels(dense):
    """A click on a count zooms into its bucket; repeated, the lane shows single labelled events."""
    span0 = dense.js("() => timeline.state.d1 - timeline.state.d0")
    box = dense.page.locator("#tl-canvas").bounding_box()
    for _ in range(6):
        frame = dense.frame()
        counts = sorted((h for h in frame["hits"] if h["kind"] == "count"), key=lambda h: -h["n"])
        if not counts or frame["markers"] > 40:
            break
        target = counts[len(counts) // 2]
        dense.page.mouse.click(box["x"] + (target["x0"] + target["x1"]) / 2, box["y"] + (target["y0"] + target["y1"]) / 2)
    frame = dense.frame()
    assert dense.js("() => timeline.state.d1 - timeline.state.d0") < span0 / 4
    assert frame["markers"] > 20
    assert _check_labels(frame) > 10
    assert dense.errors == []


def test_relations_are_drawn_for_the_hovered_and_selected_event_only(session, small):
    """Hovering the denial draws its link to what it denies; selecting a claim draws its 'claimed in' link."""
    view = small[1]
    denial, repat = _index(view, "Officials deny"), _index(view, "China forcibly")
    assert session.frame()["edges"] == []
    x, y = session.point_of(denial)
    session.page.mouse.move(x, y)
    session.page.wait_for_function("() => timeline.frame().edges.length > 0", timeout=5_000)
    assert [denial, repat, "denies"] in session.frame()["edges"]
    session.page.mouse.move(5, 5)
    session.page.wait_for_function("() => timeline.frame().edges.length === 0", timeout=5_000)
    beating, report = _index(view, "Guards beat"), _index(view, "UN Human Rights Office released")
    session.click_event(beating)
    session.page.mouse.move(5, 5)
    session.page.wait_for_function("() => timeline.frame().edges.length > 0", timeout=5_000)
    assert session.frame()["edges"] == [[beating, report, "claimed in"]]


# 2. labels -------------------------------------------------------------------------------------


@pytest.mark.parametrize("lanes", ["type", "actor"])
def test_labels_never_overlap_nor_leave_the_canvas_on_a_dense_page(dense, lanes):
    """At every zoom from the whole archive to days, visible labels' boxes are disjoint and inside the canvas."""
    if lanes == "actor":
        dense.page.select_option("#tl-lanes", "actor")
    centre = dense.js("() => { const s = timeline.state; return (s.d0 + s.d1) / 2 + (s.d1 - s.d0) * 0.3; }")
    total = 0
    for span in (None, 3650, 900, 240, 60, 14):
        if span:
            dense.js("([c, w]) => timeline.setView(c - w / 2, c + w / 2)", [centre, span])
        total += _check_labels(dense.frame())
    assert total > 40  # zoomed in, the dense page does show many event labels
    assert dense.errors == []


def test_a_label_that_cannot_fit_is_hidden_but_its_event_is_still_hoverable(dense):
    """Zoomed in on a dense month, some events have no label; hovering one still shows its tooltip."""
    centre = dense.js("() => { const s = timeline.state; return (s.d0 + s.d1) / 2 + (s.d1 - s.d0) * 0.3; }")
    dense.js("([c, w]) => timeline.setView(c - w / 2, c + w / 2)", [centre, 120])
    frame = dense.frame()
    labelled = {lab["ev"] for lab in frame["labels"] if lab["kind"] == "event"}
    unlabelled = [h for h in frame["hits"] if h["kind"] == "event" and h["ev"] not in labelled]
    assert unlabelled, "expected events whose label had no room"
    h = unlabelled[0]
    box = dense.page.locator("#tl-canvas").bounding_box()
    dense.page.mouse.move(box["x"] + (h["x0"] + h["x1"]) / 2, box["y"] + (h["y0"] + h["y1"]) / 2)
    assert dense.page.is_visible("#tl-tooltip")
    label = dense.js("(i) => timeline.data.ev.l[i]", h["ev"])
    assert label in dense.page.inner_text("#tl-tooltip")


# 3. honest time --------------------------------------------------------------------------------


def _pixel(s: Session, i: int) -> list[int]:
    return s.js("""(i) => { const c = document.getElementById('tl-canvas'), p = timeline.position(i), r = window.devicePixelRatio || 1;
        return Array.from(c.getContext('2d').getImageData(Math.round(p.x * r), Math.round(p.y * r), 1, 1).data); }""", i)


def test_inferred_time_looks_different_from_stated_time(session, small):
    """A stated day is a filled dot; a time inferred from the publication date is hollow (white inside)."""
    view = small[1]
    stated, inferred = _index(view, "Man executed"), _index(view, "Guards beat")
    r, g, b, _ = _pixel(session, stated)
    assert (r, g, b) != (255, 255, 255) and r > g  # execution's dark red
    assert _pixel(session, inferred)[:3] == [255, 255, 255]
    keys = session.page.inner_text("#tl-keys")
    for text in ("stated day", "stated interval", "open interval", "inferred", "publication date", "undated"):
        assert text in keys


def test_undated_lane_is_apart_from_the_axis(session, small):
    """The undated event sits below every dated lane, under a note that it has no time."""
    view = small[1]
    frame = session.frame()
    undated = _index(view, "Biometric")
    y = session.js("(i) => timeline.position(i).y", undated)
    assert y > frame["bottom"] > max(lane["y1"] for lane in frame["lanes"]) - 1
    notes = [lab for lab in frame["labels"] if lab["kind"] == "lane" and lab["y"] > frame["bottom"] - 1]
    assert notes


def test_evidence_panel_sets_event_claim_and_publication_time_side_by_side(session, small):
    """An inferred event says so, names the release that claims it and its date, and the source's date."""
    view = small[1]
    session.click_event(_index(view, "Guards beat"))
    panel = session.page.inner_text("#tl-panel-body")
    assert "time inferred" in panel and "inferred 2025-08-13 \u2026 2025-09-12" in panel
    assert "inferred from the publication date: within 30 days before it" in panel
    assert "claimed in" in panel and "UN Human Rights Office released a report" in panel and "2025-09-12" in panel
    assert "published" in panel and "UN report on accountability" in panel
    assert "The report found that guards beat detainees" in panel


def test_evidence_panel_shows_stated_time_and_where_it_was_found(session, small):
    """A stated time shows the expression, the resolved day, where it was found and the source's date."""
    session.click_event(_index(small[1], "Man executed"))
    panel = session.page.inner_text("#tl-panel-body")
    assert "\u201c12 March 2023\u201d \u2192 2023-03-12" in panel
    assert "stated in the event's own clause" in panel
    assert "China: Forced returns of North Koreans" in panel and "2024-11-02" in panel
    assert "Authorities executed a man in Hyesan on 12 March 2023" in panel
    assert "North Korea" in panel and "Hyesan" in panel
    assert session.errors == []


def test_contested_event_shows_both_sides(session, small):
    """A denial shows its quote beside the quote of what it denies."""
    session.click_event(_index(small[1], "China forcibly"))
    sides = session.page.locator("#tl-panel-body .tl-side")
    assert sides.count() == 2
    assert "China forcibly returned about 60" in sides.nth(0).inner_text()
    assert "denied by" in sides.nth(1).inner_text() and "Officials said" in sides.nth(1).inner_text()


# 4. entities -----------------------------------------------------------------------------------


def test_entities_are_listed_by_first_event_and_shown_on_selection(session):
    """Actors sit in their own panel in the order of their first event; selecting one joins its events."""
    # nothing but events (single, counted or undated) is drawn on the canvas
    assert {h["kind"] for h in session.frame()["hits"]} <= {"event", "count", "span", "undated"}
    session.page.click('#tl-tabs button[data-tab="actor"]')
    ids = session.js("() => Array.from(document.querySelectorAll('#tl-entity-list li')).map(li => +li.dataset.id)")
    firsts = session.js("(ids) => ids.map(i => timeline.data.ents.first[i])", ids)
    dated = [f for f in firsts if f is not None]
    assert dated == sorted(dated) and len(ids) == session.js("() => timeline.data.ents.k.filter(k => k === 'actor').length")
    session.page.locator("#tl-entity-list li", has_text="North Korea").click()
    assert "its events" in session.page.inner_text("#tl-entity-card")
    assert session.frame()["track"] == 2  # its two dated events; the third is undated
    session.page.click('#tl-tabs button[data-tab="doc"]')
    assert session.page.locator("#tl-entity-list li").count() == 3


# filters ---------------------------------------------------------------------------------------


def test_type_filter_hides_and_shows(session, small):
    """Clicking a legend entry hides that type and its lane; clicking again restores it."""
    legend = session.page.locator('#tl-legend li[data-type="Repatriation"]')
    legend.click()
    assert session.count_text() == f"showing {N - 1} of {N} events"
    assert "forced repatriation" not in [lane["label"] for lane in session.frame()["lanes"]]
    legend.click()
    assert session.count_text() == f"showing {N} of {N} events"


def test_date_range_filter(session):
    """From/to dates keep events whose interval (stated or inferred) overlaps the range; undated ones leave."""
    session.page.fill("#tl-from", "2024-01-01")
    # repatriation, denial, report, border closure (since 2020), the inferred beating (Aug–Sep 2025)
    assert session.count_text() == f"showing 5 of {N} events"
    session.page.fill("#tl-to", "2024-06-30")
    assert session.count_text() == f"showing 2 of {N} events"
    session.page.click("#tl-reset")
    assert session.count_text() == f"showing {N} of {N} events"


def test_free_text_search(session):
    """Search matches labels, quotes and participant names, case-insensitively."""
    wait = "(t) => document.getElementById('tl-count').textContent === t"
    session.page.fill("#tl-search", "hyesan")
    session.page.wait_for_function(wait, arg=f"showing 1 of {N} events")
    session.page.fill("#tl-search", "holding centre")  # only in the quote
    session.page.wait_for_function(wait, arg=f"showing 1 of {N} events")
    session.page.fill("#tl-search", "")
    session.page.wait_for_function(wait, arg=f"showing {N} of {N} events")


def test_lanes_by_actor(session):
    """Switching lanes to actors redraws with one lane per actor, without errors."""
    session.page.select_option("#tl-lanes", "actor")
    labels = [lane["label"] for lane in session.frame()["lanes"]]
    assert "North Korea" in labels and "China" in labels
    assert session.count_text() == f"showing {N} of {N} events"
    assert session.errors == []


# 5. shareable state ----------------------------------------------------------------------------


def test_a_shared_url_restores_filters_lanes_zoom_and_selection(browser, dense_file):
    """Reloading the address of a view gives back its filters, lanes, zoom, scroll and selected event."""
    s = Session(browser, dense_file)
    try:
        s.page.locator('#tl-legend li[data-type="Execution"]').click()
        s.page.select_option("#tl-lanes", "actor")
        s.page.fill("#tl-from", "2010-01-01")
        s.page.fill("#tl-search", "north korea")
        s.page.wait_for_function("() => timeline.state.text === 'north korea'", timeout=5_000)
        s.js("() => timeline.setView(15000, 15400)")
        target = s.js("() => { for (let i = 0; i < timeline.data.ev.l.length; i++) if (timeline.position(i)) return i; return -1; }")
        assert target >= 0
        s.click_event(target)
        s.page.wait_for_function("() => location.hash.includes('sel=')", timeout=5_000)
        url = s.page.url
        before = s.js("() => [timeline.state.lanes, Array.from(timeline.state.hidden), timeline.state.from, timeline.state.text, "
                      "timeline.state.d0, timeline.state.d1, timeline.state.sel]")
        count, panel = s.count_text(), s.page.inner_text("#tl-panel-body h2")
    finally:
        s.context.close()
    assert "#" in url and "sel=" in url and "view=" in url and "lanes=actor" in url
    again = Session(browser, url)
    try:
        after = again.js("() => [timeline.state.lanes, Array.from(timeline.state.hidden), timeline.state.from, timeline.state.text, "
                         "timeline.state.d0, timeline.state.d1, timeline.state.sel]")
        assert after[:4] == before[:4] and after[6] == before[6]
        assert abs(after[4] - before[4]) < 0.01 and abs(after[5] - before[5]) < 0.01
        assert again.count_text() == count
        assert again.page.inner_text("#tl-panel-body h2") == panel
        assert again.page.input_value("#tl-search") == "north korea" and again.page.input_value("#tl-lanes") == "actor"
        assert again.errors == [] and again.blocked == []
    finally:
        again.context.close()


# safety and real builds ------------------------------------------------------------------------


def test_script_in_documents_never_runs(session, small):
    """A quote and a title carrying <script> and <img onerror> show as text and run nothing."""
    session.click_event(_index(small[1], "Officials deny"))
    panel = session.page.locator("#tl-panel-body")
    text = panel.inner_text()
    assert XSS_QUOTE in text.replace("\n", " ") or "onerror=\"window.__xss=1\"" in text
    assert XSS_TITLE in text
    assert panel.locator("img, script").count() == 0
    session.page.click('#tl-tabs button[data-tab="doc"]')
    assert XSS_TITLE in session.page.inner_text("#tl-entity-list")
    session.page.wait_for_timeout(100)
    assert session.js("typeof window.__xss") == "undefined"
    assert session.errors == [] and session.blocked == []


def test_screenshot_artifacts(session, dense):
    """Screenshots of the small and the dense page are kept under test-artifacts/ for review."""
    ARTIFACTS.mkdir(exist_ok=True)
    for name, s in (("browser-timeline.png", session), ("browser-archive.png", dense)):
        path = ARTIFACTS / name
        s.page.screenshot(path=str(path))
        assert path.stat().st_size > 10_000


@pytest.mark.parametrize("folder", ["examples", "seeds"])
def test_built_timeline_opens_offline_and_shows_every_event(browser, tmp_path, folder, examples_dir, request):
    """What `timeline build` writes opens from disk with no request and no error, every event counted."""
    from timeline import pipeline, store

    source = examples_dir if folder == "examples" else request.getfixturevalue("seeds_dir")
    result = pipeline.build(source, tmp_path)
    view = collect_view(store.read_graph([result.graph_path]))
    s = Session(browser, result.html_path)
    try:
        assert s.errors == [] and s.blocked == []
        events = len(view["events"])
        assert events == result.summary.events
        assert s.count_text() == f"showing {events} of {events} events"
        _check_labels(s.frame())
    finally:
        s.context.close()


def test_the_actor_menu_lists_who_acts_or_is_named_not_a_group_only_done_to(browser, tmp_path):
    """"China repatriated 50 escapees": China is in the Actor menu, the escapees are not (they
    stay in the event's panel); a person named only as affected is listed too."""
    from timeline import pipeline, store

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(
        "In May 2021, China repatriated 50 escapees.\n\nIn June 2021, police in Shenyang detained Kim Mi-rae.\n",
        encoding="utf-8")
    result = pipeline.build(tmp_path / "in", tmp_path / "out")
    labels = {e["label"]: e["category"] for e in collect_view(store.read_graph([result.graph_path]))["actors"]}
    assert "50 escapees" in labels and labels["50 escapees"] == "group"
    s = Session(browser, result.html_path)
    try:
        options = s.page.eval_on_selector_all("#tl-actor option", "os => os.map(o => o.textContent)")
        assert "China" in options and "Kim Mi-rae" in options and "50 escapees" not in options
        assert s.errors == [] and s.blocked == []
    finally:
        s.context.close()
