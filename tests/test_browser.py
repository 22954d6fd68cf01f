"""The timeline page in a real browser: Debian's chromium driven by Playwright, offline.

Every request that is not ``file://`` is aborted and counted (there must be none). The suite
skips when /usr/bin/chromium is missing (``make system-deps`` installs it); it never downloads
a browser. Screenshots go to ``test-artifacts/`` (gitignored).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from render_fixtures import SMALL_EVENTS, XSS_QUOTE, XSS_TITLE, small_graph
from timeline.fileio import atomic_write
from timeline.render import collect_view, render_html

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"


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
    graph = small_graph()
    return graph, collect_view(graph)


@pytest.fixture(scope="module")
def html_file(small, tmp_path_factory):
    path = tmp_path_factory.mktemp("render") / "timeline.html"
    atomic_write(path, render_html(small[0], title="North Korea human rights — test"))
    return path


class Session:
    """One page with its console errors, page errors and blocked (non-file) requests."""

    def __init__(self, browser, path: Path) -> None:
        self.context = browser.new_context(viewport={"width": 1440, "height": 900})
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.page.goto(path.as_uri())
        self.page.wait_for_function("() => window.__tlDrawnAt !== undefined", timeout=20_000)

    def _route(self, route):
        url = route.request.url
        if url.startswith("file://"):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def js(self, expression: str):
        return self.page.evaluate(expression)

    def count_text(self) -> str:
        return self.page.inner_text("#tl-count")

    def click_node(self, node_id: int) -> None:
        """Click a node where it is drawn on the canvas."""
        self.js(f"timeline.network.focus({node_id}, {{scale: 1.2, animation: false}})")
        point = self.js(f"timeline.network.canvasToDOM(timeline.network.getPosition({node_id}))")
        box = self.page.locator("#tl-network").bounding_box()
        self.page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])


@pytest.fixture()
def session(browser, html_file):
    s = Session(browser, html_file)
    yield s
    s.context.close()


def _event_index(view, type_name: str) -> int:
    return next(i for i, ev in enumerate(view["events"]) if ev["type"] == type_name)


def test_page_loads_offline_without_errors(session):
    """The page draws with no console error, no page error and no network request at all."""
    assert session.js("window.__tlReady") is True
    assert session.errors == []
    assert session.blocked == []
    assert session.count_text() == f"showing {SMALL_EVENTS} of {SMALL_EVENTS} events"


def test_drawn_nodes_match_the_graph(session, small):
    """Events, actors, places and sources drawn = what the graph holds."""
    view = small[1]
    expected = len(view["events"]) + len(view["actors"]) + len(view["places"]) + len(view["docs"])
    assert session.js("timeline.network.body.data.nodes.length") == expected
    assert session.js("Object.keys(timeline.network.body.nodes).length") >= expected


def test_clicking_an_event_shows_its_evidence(session, small):
    """The evidence panel shows the quote, its source's title and date, and the resolved time."""
    view = small[1]
    i = _event_index(view, "Execution")
    session.click_node(i)
    panel = session.page.inner_text("#tl-panel-body")
    assert "Authorities executed a man in Hyesan on 12 March 2023" in panel
    assert "China: Forced returns of North Koreans" in panel and "2024-11-02" in panel
    assert "12 March 2023" in panel and "2023-03-12" in panel
    assert "North Korea" in panel and "Hyesan" in panel
    assert session.errors == []


def test_contested_event_shows_both_sides(session, small):
    """A denial shows its quote beside the quote of what it denies."""
    view = small[1]
    session.click_node(_event_index(view, "Repatriation"))
    sides = session.page.locator("#tl-panel-body .tl-side")
    assert sides.count() == 2
    assert "China forcibly returned about 60" in sides.nth(0).inner_text()
    assert "denied by" in sides.nth(1).inner_text() and "Officials said" in sides.nth(1).inner_text()


def test_type_filter_hides_and_shows(session, small):
    """Clicking a legend entry hides that type (and the count says so); clicking again restores it."""
    view = small[1]
    i = _event_index(view, "Repatriation")
    legend = session.page.locator('#tl-legend li[data-type="Repatriation"]')
    legend.click()
    assert session.count_text() == f"showing {SMALL_EVENTS - 1} of {SMALL_EVENTS} events"
    assert session.js(f"timeline.network.body.data.nodes.get({i})") is None
    # Jilin appears only in the repatriation, so it goes too
    jilin = next(e["label"] for e in view["places"] if e["label"] == "Jilin")
    labels = session.js("timeline.network.body.data.nodes.get().map(n => n.label)")
    assert jilin not in labels
    legend.click()
    assert session.count_text() == f"showing {SMALL_EVENTS} of {SMALL_EVENTS} events"
    assert session.js(f"timeline.network.body.data.nodes.get({i}) !== null") is True


def test_date_range_filter(session):
    """From/to dates keep the events whose interval overlaps the range; undated ones leave."""
    session.page.fill("#tl-from", "2024-01-01")
    # repatriation (Apr 2024), denial (Dec 2024), report (Sep 2025), border closure (since 2020)
    assert session.count_text() == f"showing 4 of {SMALL_EVENTS} events"
    session.page.fill("#tl-to", "2024-06-30")
    assert session.count_text() == f"showing 2 of {SMALL_EVENTS} events"
    session.page.click("#tl-reset")
    assert session.count_text() == f"showing {SMALL_EVENTS} of {SMALL_EVENTS} events"


def test_free_text_search(session):
    """Search matches labels, quotes and participant names, case-insensitively."""
    session.page.fill("#tl-search", "hyesan")
    # a function, not an expression string: the page's CSP forbids eval
    wait = "(t) => document.getElementById('tl-count').textContent === t"
    session.page.wait_for_function(wait, arg=f"showing 1 of {SMALL_EVENTS} events")
    session.page.fill("#tl-search", "")
    session.page.wait_for_function(wait, arg=f"showing {SMALL_EVENTS} of {SMALL_EVENTS} events")


def test_lanes_by_actor(session):
    """Switching lanes to actors moves events without errors and keeps every node."""
    before = session.js("timeline.network.body.data.nodes.length")
    session.page.select_option("#tl-lanes", "actor")
    assert session.js("timeline.network.body.data.nodes.length") == before
    assert session.js("timeline.data.layouts.actor.lanes.some(l => l.label === 'North Korea')") is True
    assert session.errors == []


def test_script_in_documents_never_runs(session, small):
    """A quote and a title carrying <script> and <img onerror> show as text and run nothing."""
    view = small[1]
    session.click_node(_event_index(view, "Denial"))
    panel = session.page.locator("#tl-panel-body")
    text = panel.inner_text()
    assert XSS_QUOTE in text.replace("\n", " ") or "onerror=\"window.__xss=1\"" in text
    assert XSS_TITLE in text
    assert panel.locator("img, script").count() == 0
    session.page.wait_for_timeout(100)
    assert session.js("typeof window.__xss") == "undefined"
    assert session.errors == [] and session.blocked == []


def test_screenshot_artifact(session):
    """A screenshot of the page is kept under test-artifacts/ for review."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / "browser-timeline.png"
    session.page.screenshot(path=str(path))
    assert path.stat().st_size > 10_000


def test_aggregated_page_says_so_and_still_filters(browser, tmp_path):
    """Above max_events the page draws month × type groups, shows a banner and counts events."""
    from render_fixtures import synthetic_graph

    path = tmp_path / "aggregated.html"
    atomic_write(path, render_html(synthetic_graph(400), title="aggregated", max_events=100))
    s = Session(browser, path)
    try:
        assert s.errors == [] and s.blocked == []
        banner = s.page.inner_text("#tl-banner")
        assert "400 events" in banner and "limit 100" in banner
        assert s.count_text().startswith("showing 400 of 400 events (")
        assert s.js("timeline.network.body.data.nodes.length") == s.js("timeline.data.events.length")
        s.page.fill("#tl-from", "2030-01-01")
        assert s.count_text().startswith("showing 0 of 400 events")
        assert s.page.is_disabled("#tl-actor")
    finally:
        s.context.close()


def test_zooming_in_keeps_nodes_their_size_on_screen(session):
    """Deep zoom stretches time, not the dots: node size shrinks in canvas units."""
    session.js("timeline.network.moveTo({scale: 10, animation: false})")
    session.page.wait_for_function("() => timeline.zoomFactor() < 0.2", timeout=5_000)
    assert session.errors == []


@pytest.mark.parametrize("folder", ["examples", "seeds"])
def test_built_timeline_opens_offline_and_shows_every_event(browser, tmp_path, folder, examples_dir, request):
    """What `timeline build` writes opens from disk with no request and no error, every event drawn."""
    from timeline import pipeline, store

    source = examples_dir if folder == "examples" else request.getfixturevalue("seeds_dir")
    result = pipeline.build(source, tmp_path)
    view = collect_view(store.read_graph([result.graph_path]))
    s = Session(browser, result.html_path)
    try:
        assert s.js("window.__tlReady") is True
        assert s.errors == [] and s.blocked == []
        events = len(view["events"])
        assert events == result.summary.events
        assert s.count_text() == f"showing {events} of {events} events"
    finally:
        s.context.close()
