"""Take the README screenshot of the demo timeline (out/timeline.html → docs/timeline.png).

Run after `make demo`: `.venv/bin/python scripts/screenshot.py`. Drives Debian's chromium
through Playwright, offline (every non-file request aborted), and clicks the first dated
event so the evidence panel shows.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "out" / "timeline.html"
SHOT = ROOT / "docs" / "timeline.png"
CHROMIUM = "/usr/bin/chromium"


def main() -> int:
    if not PAGE.exists():
        sys.exit(f"{PAGE} is missing: run `make demo` first")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1600, "height": 900})
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
        page.goto(PAGE.as_uri())
        page.wait_for_function("() => window.__tlReady === true", timeout=20_000)
        # Show the evidence of the forced repatriation (or the first dated event), then the whole axis.
        picked = page.evaluate(
            """() => {
              const data = window.timeline.data;
              const kind = data.types.findIndex(t => t.name === 'Repatriation');
              let i = data.events.findIndex(e => e.t === kind);
              if (i < 0) i = data.events.findIndex(e => e.e);
              if (i < 0) return false;
              window.timeline.select(i);
              window.timeline.network.fit({ animation: false });
              return true;
            }"""
        )
        if not picked:
            print("note: no event to select")
        page.wait_for_timeout(500)
        SHOT.parent.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOT))
        browser.close()
    print(f"wrote {SHOT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
