"""Take the README screenshots of the timeline page: the demo at example size and an archive.

Run after `make demo`: `.venv/bin/python scripts/screenshot.py [--archive-events 50000]`.

* docs/timeline.png — out/timeline.html (the examples), the forced repatriation selected so the
  evidence panel shows;
* docs/timeline-archive.png — a synthetic archive (tests/render_fixtures.py, 50,000 events by
  default) on its whole extent, events counted per lane and time bucket;
* docs/timeline-archive-zoom.png — the same archive zoomed to a few months, single events with
  their labels, one selected with its evidence.

Drives Debian's chromium through Playwright, offline (every non-file request aborted).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

PAGE = ROOT / "out" / "timeline.html"
DOCS = ROOT / "docs"
CHROMIUM = "/usr/bin/chromium"
VIEWPORT = {"width": 1600, "height": 900}

PICK = """(name) => {
  const data = window.timeline.data, kind = data.types.findIndex(t => t.name === name);
  let i = data.ev.t.findIndex((t, k) => t === kind && data.ev.k[k] !== 5);
  if (i < 0) i = data.ev.k.findIndex(k => k !== 5);
  if (i >= 0) window.timeline.select(i, true);
  return i;
}"""
PICK_DRAWN = """() => {
  const f = window.timeline.frame(), hits = f.hits.filter(h => h.ev != null);
  const labelled = new Set(f.labels.filter(l => l.ev != null).map(l => l.ev));
  const h = hits.find(h => labelled.has(h.ev) && (window.timeline.data.links.claimedIn.some(p => p[0] === h.ev))) || hits[0];
  if (h) window.timeline.select(h.ev, false);
  return h ? h.ev : -1;
}"""


def shoot(browser, path: Path, out: Path, steps) -> None:
    page = browser.new_page(viewport=VIEWPORT)
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    page.goto(path.as_uri(), timeout=120_000)
    page.wait_for_function("() => window.__tlReady === true", timeout=120_000)
    for step in steps:
        step(page)
    page.wait_for_timeout(400)
    out.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(out))
    page.close()
    print(f"wrote {out}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--archive-events", type=int, default=50_000, help="events in the synthetic archive (0: skip)")
    args = parser.parse_args()
    if not PAGE.exists():
        sys.exit(f"{PAGE} is missing: run `make demo` first")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        shoot(browser, PAGE, DOCS / "timeline.png", [lambda page: page.evaluate(PICK, "Repatriation")])
        if args.archive_events:
            from render_fixtures import synthetic_graph

            from timeline.fileio import atomic_write
            from timeline.render import render_html

            with tempfile.TemporaryDirectory() as tmp:
                archive = Path(tmp) / "archive.html"
                n = args.archive_events
                atomic_write(archive, render_html(synthetic_graph(n), title=f"A synthetic archive: {n:,} events"))
                shoot(browser, archive, DOCS / "timeline-archive.png", [])
                shoot(browser, archive, DOCS / "timeline-archive-zoom.png", [
                    lambda page: page.evaluate("() => window.timeline.setView(15160, 15250)"),
                    lambda page: page.evaluate(PICK_DRAWN),
                ])
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
