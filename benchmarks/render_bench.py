"""The HTML timeline at scale: render time, file size, time to draw in headless Chromium.

    .venv/bin/python benchmarks/render_bench.py [--events 5000,20000] [--out benchmarks/results/render.md]

For each size it builds a synthetic graph (events over 2000–2026 with actors, places and
documents, through timeline.rdf.build_graph), renders it with timeline.render.render_html,
opens the file in Debian's chromium (never a downloaded browser; every non-file request
aborted and counted) and reads the page's own marks: ``window.__tlDrawnAt`` (ms from
navigation start to the first drawn frame), the time one type filter takes, and one redraw
after a zoom. Results go to benchmarks/results/render.md. No browser → the browser columns
say so.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from render_fixtures import synthetic_graph  # noqa: E402

from timeline.fileio import atomic_write  # noqa: E402
from timeline.render import MAX_EVENTS, collect_view, render_html  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]

DRAW_TIME = """() => new Promise(resolve => {
  const net = timeline.network; let t0 = 0;
  net.once('beforeDrawing', () => { t0 = performance.now(); });
  net.once('afterDrawing', () => resolve(performance.now() - t0));
  net.moveTo({scale: net.getScale() * 1.6, animation: false});
})"""
FILTER_TIME = """() => {
  const t0 = performance.now();
  document.querySelector('#tl-legend li').click();
  const t1 = performance.now();
  const text = document.getElementById('tl-count').textContent;
  document.querySelector('#tl-legend li').click();
  return [t1 - t0, text];
}"""
SEARCH_TIME = """() => {
  const t0 = performance.now();
  timeline.state.text = 'north korea'; timeline.apply();
  const t1 = performance.now();
  const text = document.getElementById('tl-count').textContent;
  timeline.state.text = ''; timeline.apply();
  return [t1 - t0, text];
}"""


def measure_browser(path: Path) -> dict[str, object]:
    if not CHROMIUM.exists():
        return {"note": f"{CHROMIUM} missing (make system-deps)"}
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(viewport={"width": 1600, "height": 900})
        blocked: list[str] = []
        context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://")
                      else (blocked.append(r.request.url), r.abort()))
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        start = time.perf_counter()
        page.goto(path.as_uri(), timeout=120_000)
        page.wait_for_function("() => window.__tlDrawnAt !== undefined", timeout=120_000)
        wall = time.perf_counter() - start
        drawn = page.evaluate("() => window.__tlDrawnAt")
        nodes = page.evaluate("() => timeline.network.body.data.nodes.length")
        draw_ms = page.evaluate(DRAW_TIME)
        filter_ms, filter_text = page.evaluate(FILTER_TIME)
        search_ms, search_text = page.evaluate(SEARCH_TIME)
        version = browser.version
        browser.close()
    return {"drawn_ms": drawn, "wall_s": wall, "nodes": nodes, "redraw_ms": draw_ms, "filter_ms": filter_ms,
            "filter_text": filter_text, "search_ms": search_ms, "search_text": search_text, "blocked": len(blocked),
            "errors": errors, "chromium": version}


def run(n: int, tmp: Path) -> dict[str, object]:
    t0 = time.perf_counter()
    graph = synthetic_graph(n)
    built = time.perf_counter() - t0
    t0 = time.perf_counter()
    view = collect_view(graph)
    view_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    html = render_html(graph, title=f"synthetic {n:,} events")
    render_s = time.perf_counter() - t0
    path = tmp / f"timeline-{n}.html"
    atomic_write(path, html)
    result: dict[str, object] = {
        "events": n, "triples": len(graph), "actors": len(view["actors"]), "places": len(view["places"]),
        "docs": len(view["docs"]), "build_s": built, "view_s": view_s, "render_s": render_s,
        "bytes": path.stat().st_size, "aggregated": n > MAX_EVENTS,
    }
    result.update(measure_browser(path))
    return result


def table(results: list[dict[str, object]]) -> str:
    lines = [
        "| events | mode | triples | nodes drawn | render in Python (s) | reading the graph alone, separate run (s) | HTML size (MB) | "
        "first frame drawn (ms from navigation) | redraw after zoom (ms) | type filter (ms) | text search (ms) | requests blocked |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        mode = "aggregated (month × type)" if r["aggregated"] else "every event"
        if "drawn_ms" in r:
            browser = (f"{r['drawn_ms']:,.0f} | {r['redraw_ms']:,.0f} | {r['filter_ms']:,.0f} | {r['search_ms']:,.0f} | "
                       f"{r['blocked']}")
        else:
            browser = f"{r['note']} | | | | "
        lines.append(f"| {r['events']:,} | {mode} | {r['triples']:,} | {r.get('nodes', '—')} | {r['render_s']:.2f} | "
                     f"{r['view_s']:.2f} | {r['bytes'] / 1e6:.1f} | {browser} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", default="5000,20000", help="comma-separated sizes (default 5000,20000)")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "render.md")
    args = parser.parse_args()
    sizes = [int(x) for x in args.events.split(",") if x.strip()]
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            print(f"{n:,} events …", flush=True)
            r = run(n, Path(tmp))
            print("  " + ", ".join(f"{k}={v:.2f}" if isinstance(v, float) else f"{k}={v}" for k, v in r.items()),
                  flush=True)
            results.append(r)
    chromium = next((r["chromium"] for r in results if "chromium" in r), "not available")
    errors = [e for r in results for e in r.get("errors", [])]
    try:
        cpu = subprocess.run(["nproc"], capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        cpu = str(os.cpu_count())
    text = f"""# HTML timeline at scale

`.venv/bin/python benchmarks/render_bench.py` — synthetic graphs (tests/render_fixtures.py
`synthetic_graph`: events over 2000–2026, 60 % day, 25 % month, 15 % year precision, 3 % undated;
20 named actors plus one person per 50 events; 15 places; one document per 8 events), rendered
by `timeline.render.render_html` and opened from disk in headless Chromium {chromium}
(viewport 1600×900, `--disable-gpu`, every non-`file://` request aborted and counted).
Machine: {cpu} CPUs, Python {platform.python_version()}, {platform.system()} {platform.machine()}.

"First frame drawn" is the page's own mark (`window.__tlDrawnAt`, `performance.now()` at the end
of vis-network's first `afterDrawing`, so it includes parsing the inlined scripts and the
JSON, building the DataSets and the first draw). Above {MAX_EVENTS:,} events the page aggregates
events by month and type and says so in a banner. Target: first frame under 3 s at 5,000 events.

{table(results)}

Console or page errors: {len(errors)}{(': ' + '; '.join(errors[:5])) if errors else ''}.

"Render in Python" includes reading the graph (the view model: SPARQL for what is shown,
rdflib's triple index for attributes), computing positions and lanes, and writing the page.
Building the synthetic graph itself (rdf.build_graph) is not counted.
"""
    atomic_write(args.out, text)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
