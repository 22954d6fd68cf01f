"""Scale: extraction speed, store ingest and re-ingest, query latency store vs rdflib, memory.

One command: ``python benchmarks/scale_bench.py`` (``--quick`` for a small run,
``--queries-only`` to skip the real-pipeline extraction and keep that section). Writes
``benchmarks/results/scale.md``. Heavy steps run in child processes so each peak memory
(``resource.getrusage``) is its own. Targets (issue 6): re-ingest of an unchanged corpus ≥10×
faster than the first ingest; named queries ≤100 ms at 10⁶ triples and ≥20× faster than
rdflib in memory; ≤1 GB peak at 10⁶ triples. Numbers are measured, never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

TRIPLES_PER_EVENT = 72  # measured with synthetic.model_objects (2 mentions per event)
BINDINGS = {"in-range": {"from": "2015-01-01", "to": "2015-12-31"}}


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed(fn, repeat: int = 3) -> tuple[float, object]:
    fn()  # warm up
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def _folder_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


# Children ----------------------------------------------------------------------------------


def child_extract(count: int, seed: int) -> dict:
    """Extraction through the real pipeline, then ingest/re-ingest of that corpus into a store."""
    import synthetic
    from timeline import pipeline, store
    from timeline.documents import document_from_text

    texts = list(synthetic.articles(count, seed))
    docs = [document_from_text(text, path=name, published=published) for name, text, published in texts]
    size = sum(len(d.text.encode("utf-8")) for d in docs)
    started = time.perf_counter()
    mentions = sum(len(pipeline.extract_document(d)) for d in docs)
    extract_s = time.perf_counter() - started
    folder = Path(tempfile.mkdtemp(prefix="scale-store-"))
    try:
        with store.open_store(folder / "s") as target:
            started = time.perf_counter()
            first = store.ingest(target, docs, pipeline.extract_document)
            ingest_s = time.perf_counter() - started
        with store.open_store(folder / "s") as target:
            started = time.perf_counter()
            again = store.ingest(target, docs, pipeline.extract_document)
            reingest_s = time.perf_counter() - started
        store_mb = _folder_mb(folder / "s")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return {
        "documents": len(docs), "mb": size / 1e6, "mentions": mentions, "extract_s": extract_s,
        "ingest_s": ingest_s, "reingest_s": reingest_s, "events": first.events, "triples": first.triples,
        "skipped": len(again.skipped), "store_mb": store_mb, "peak_mb": _peak_mb(),
    }


def child_ingest(events: int, seed: int, folder: str) -> dict:
    """A store of about events×72 triples from synthetic model objects (no extraction)."""
    import synthetic
    from timeline import store

    docs, merged = synthetic.model_objects(events, seed)
    by_doc: dict[str, list] = {d.id: [] for d in docs}
    for item in merged:
        for m in item.mentions:
            by_doc[m.doc_id].append(m)
    started = time.perf_counter()
    with store.open_store(folder) as target:
        report = store.ingest(target, docs, lambda d: by_doc[d.id], merge_fn=lambda _mentions: merged)
    ingest_s = time.perf_counter() - started
    started = time.perf_counter()
    with store.open_store(folder) as target:
        again = store.ingest(target, docs, lambda d: by_doc[d.id], merge_fn=lambda _mentions: merged)
    reingest_s = time.perf_counter() - started
    return {"triples": report.triples, "events": report.events, "documents": len(docs), "ingest_s": ingest_s,
            "reingest_s": reingest_s, "skipped": len(again.skipped), "store_mb": _folder_mb(Path(folder)), "peak_mb": _peak_mb()}


def child_store_queries(folder: str, export: str) -> dict:
    """Each named query on the store: the engine (``live``: run as an ad-hoc query, never from
    kept rows), the first call of the shipped query (computes and keeps its rows) and later
    calls (``kept``: read back from ``results/``). Peak memory is taken before the export."""
    from timeline import store

    timings = {}
    started = time.perf_counter()
    with store.open_store(folder) as target:
        open_s = time.perf_counter() - started
        for name, item in store.named_queries().items():
            text = store.bind_values(item.text, BINDINGS.get(name, {}))
            live, result = _timed(lambda: target._query(text, "query"))
            started = time.perf_counter()
            first = store.query(target, name, bindings=BINDINGS.get(name))
            first_s = time.perf_counter() - started
            kept, again = _timed(lambda: store.query(target, name, bindings=BINDINGS.get(name)))
            assert again.rows == first.rows == result.rows, name
            timings[name] = {"s": kept, "live_s": live, "first_s": first_s, "rows": len(result)}
        query_peak = _peak_mb()
        started = time.perf_counter()
        store.write_graph(target, export)
        export_s = time.perf_counter() - started
    return {"open_s": open_s, "queries": timings, "export_s": export_s, "query_peak_mb": query_peak, "peak_mb": _peak_mb()}


def child_file_queries(path: str) -> dict:
    """pyoxigraph in memory from a file (what `timeline query FILE` does): load + each query."""
    from timeline import store

    timings = {}
    started = time.perf_counter()
    store.query([path], "ASK {}")
    load_s = time.perf_counter() - started
    for name in ("events", "per-type-year", "in-range"):
        started = time.perf_counter()
        store.query([path], name, bindings=BINDINGS.get(name))
        timings[name] = {"s": time.perf_counter() - started}
    return {"load_s": load_s, "queries": timings, "peak_mb": _peak_mb()}


class _Budget(Exception):
    pass


def _alarm(_signum, _frame):
    raise _Budget


def child_rdflib(path: str, names: list[str], repeat: int, budget: int) -> dict:
    """rdflib in memory; a query over ``budget`` seconds is stopped and recorded as such."""
    import signal

    from rdflib import Graph

    from timeline import store
    from timeline.ontology import ONTOLOGY_PATH, PREFIXES

    started = time.perf_counter()
    graph = Graph()
    graph.parse(path, format="nt")
    graph.parse(ONTOLOGY_PATH, format="turtle")
    parse_s = time.perf_counter() - started
    timings = {}
    for name in names:
        text = store.bind_values(store.named_queries()[name].text, BINDINGS.get(name, {}))
        runs = []
        rows = 0
        signal.signal(signal.SIGALRM, _alarm)
        try:
            for _ in range(repeat):
                started = time.perf_counter()
                signal.alarm(budget)
                rows = len(list(graph.query(text, initNs=PREFIXES)))
                signal.alarm(0)
                runs.append(time.perf_counter() - started)
        except _Budget:
            timings[name] = {"s": float(budget), "rows": None, "over": True}
            continue
        timings[name] = {"s": statistics.median(runs), "rows": rows}
    return {"parse_s": parse_s, "queries": timings, "peak_mb": _peak_mb()}


def _child(*args: str, timeout: float = 3600) -> dict:
    output = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    if output.returncode != 0:
        raise SystemExit(f"child {args[0]} failed:\n{output.stderr[-3000:]}")
    return json.loads(output.stdout.strip().splitlines()[-1])


# Report ------------------------------------------------------------------------------------


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms" if seconds >= 0.1 else f"{seconds * 1000:.1f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description="timeline scale benchmark")
    parser.add_argument("--quick", action="store_true", help="small sizes (10^4 triples, 100 documents)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--rdflib-max", type=int, default=1_000_000, help="largest size compared with rdflib")
    parser.add_argument("--rdflib-budget", type=int, default=60, help="seconds an rdflib query may take before it is stopped")
    parser.add_argument("--queries-only", action="store_true",
                        help="skip extraction through the real pipeline (~40 min at full size); keep that section of the results file")
    parser.add_argument("--child", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    if args.child:
        kind, rest = args.child[0], args.child[1:]
        if kind == "extract":
            result = child_extract(int(rest[0]), int(rest[1]))
        elif kind == "ingest":
            result = child_ingest(int(rest[0]), int(rest[1]), rest[2])
        elif kind == "store":
            result = child_store_queries(rest[0], rest[1])
        elif kind == "file":
            result = child_file_queries(rest[0])
        else:
            result = child_rdflib(rest[0], rest[2].split(","), int(rest[1]), int(rest[3]))
        print(json.dumps(result))
        return 0

    sizes = [10_000] if args.quick else [10_000, 100_000, 1_000_000]
    documents = 100 if args.quick else 1000
    lines = [
        "# Scale: extraction, store, queries",
        "",
        f"`python benchmarks/scale_bench.py{' --quick' if args.quick else ''}{' --queries-only' if args.queries_only else ''}` on {platform.machine()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}; seed {args.seed}. "
        "Synthetic data from `benchmarks/synthetic.py`. Medians of 3 runs after a warm-up; each block ran in its own process "
        "(peak = that process's max RSS).",
        "",
    ]
    out = HERE / "results" / "scale.md"
    kept_section, kept_target = None, None
    if args.queries_only:
        previous = out.read_text(encoding="utf-8") if out.exists() else ""
        start, end = previous.find("## Extraction"), previous.find("## Store")
        if start < 0 or end < 0:
            raise SystemExit(f"--queries-only keeps the extraction section of {out}, which has none: run without it once")
        note = "(Extraction section from the last full run; `--queries-only` does not rerun it.)"
        kept_section = [line for line in previous[start:end].rstrip("\n").splitlines() if line != note]
        while kept_section and not kept_section[-1].strip():
            kept_section.pop()
        kept_target = next((line.removesuffix(" (last full run)") for line in previous.splitlines() if line.startswith("- re-ingest unchanged")), None)
    if kept_section is not None:
        lines += kept_section + ["", note, "",
                                 "## Store (pyoxigraph on disk) vs rdflib in memory, per named query", ""]
    else:
        print(f"extraction + ingest of {documents} synthetic articles …", flush=True)
        ex = _child("extract", str(documents), str(args.seed))
    lines += [] if kept_section is not None else [
        "## Extraction and incremental ingest (real pipeline)",
        "",
        "| documents | MB | mentions | extraction | docs/s | MB/s | first ingest | re-ingest (unchanged) | speed-up | events | triples | store size | peak |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
        f"| {ex['documents']:,} | {ex['mb']:.1f} | {ex['mentions']:,} | {ex['extract_s']:.1f} s | {ex['documents'] / ex['extract_s']:.0f} | "
        f"{ex['mb'] / ex['extract_s']:.2f} | {ex['ingest_s']:.1f} s | {ex['reingest_s']:.2f} s | {ex['ingest_s'] / max(ex['reingest_s'], 1e-9):.0f}× | "
        f"{ex['events']:,} | {ex['triples']:,} | {ex['store_mb']:.1f} MB | {ex['peak_mb']:.0f} MB |",
        "",
        "The first ingest includes extraction; re-ingest reads each document, sees its sha256 unchanged and skips it.",
        "",
        "## Store (pyoxigraph on disk) vs rdflib in memory, per named query",
        "",
    ]
    summary = []
    for target in sizes:
        events = max(10, target // TRIPLES_PER_EVENT)
        work = Path(tempfile.mkdtemp(prefix="scale-"))
        try:
            print(f"{target:,} triples: ingest …", flush=True)
            ing = _child("ingest", str(events), str(args.seed), str(work / "store"))
            print(f"{ing['triples']:,} triples: store queries …", flush=True)
            export = work / "export.nt"
            st = _child("store", str(work / "store"), str(export))
            print("  file queries …", flush=True)
            fl = _child("file", str(export))
            names = list(st["queries"])
            rd = None
            if target <= args.rdflib_max:
                print("  rdflib …", flush=True)
                repeat = 1 if target >= 1_000_000 else 3
                rd = _child("rdflib", str(export), str(repeat), ",".join(names), str(args.rdflib_budget), timeout=7200)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        lines += [
            f"### {ing['triples']:,} triples ({ing['events']:,} events, {ing['documents']:,} documents)",
            "",
            f"Ingest {ing['ingest_s']:.1f} s (peak {ing['peak_mb']:.0f} MB), store {ing['store_mb']:.0f} MB on disk; re-ingest unchanged "
            f"{ing['reingest_s']:.2f} s ({ing['ingest_s'] / max(ing['reingest_s'], 1e-9):.0f}× faster). Store opened in {_ms(st['open_s'])}; "
            f"query process peak {st['query_peak_mb']:.0f} MB ({st['peak_mb']:.0f} MB after exporting the store to N-Triples). "
            f"From an N-Triples file (`timeline query FILE`): load {fl['load_s']:.1f} s, peak {fl['peak_mb']:.0f} MB."
            + (f" rdflib: parse {rd['parse_s']:.1f} s, peak {rd['peak_mb']:.0f} MB; a query was stopped after {args.rdflib_budget} s (shown as >)." if rd else ""),
            "",
            "| query | rows | store: engine | store: first call | store: kept rows | rdflib | rdflib / store (kept) | rdflib / store (engine) |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for name in names:
            ours = st["queries"][name]
            theirs = rd["queries"].get(name) if rd else None
            over = ">" if theirs and theirs.get("over") else ""
            ratio = f"{over}{theirs['s'] / max(ours['s'], 1e-9):,.0f}×" if theirs else "—"
            shown = f"{over}{_ms(theirs['s'])}" if theirs else "—"
            live_ratio = f"{over}{theirs['s'] / max(ours['live_s'], 1e-9):,.0f}×" if theirs else "—"
            lines.append(f"| {name} | {ours['rows']:,} | {_ms(ours['live_s'])} | {_ms(ours['first_s'])} | {_ms(ours['s'])} | {shown} | {ratio} | {live_ratio} |")
            summary.append((ing["triples"], name, ours["s"], theirs["s"] if theirs else None, ours["live_s"]))
        lines.append("")
    biggest = max(t for t, *_ in summary)
    at_top = [(n, s, r, live) for t, n, s, r, live in summary if t == biggest]
    slow = [n for n, s, _, _ in at_top if s > 0.1]
    slow_live = [n for n, _, _, live in at_top if live > 0.1]
    ratios = [r / s for _, s, r, _ in at_top if r]
    live_ratios = [r / live for _, _, r, live in at_top if r]
    if kept_section is not None:
        reingest = (kept_target or "- re-ingest unchanged: see the extraction section.") + " (last full run)"
    else:
        reingest = f"- re-ingest unchanged ≥10× faster than first ingest: {ex['ingest_s'] / max(ex['reingest_s'], 1e-9):.0f}× (real pipeline)."
    lines += [
        "## Against the targets",
        "",
        "\"Engine\" runs the query on the database each time; \"first call\" is a shipped query's first answer after an ingest "
        "(the engine, plus keeping its rows in the store's `results/`); \"kept rows\" is every later answer until the next ingest.",
        "",
        reingest,
        f"- named queries ≤100 ms at {biggest:,} triples: {len(at_top) - len(slow)} of {len(at_top)} from kept rows"
        + (f" (over: {', '.join(slow)})" if slow else "") + f"; {len(at_top) - len(slow_live)} of {len(at_top)} in the engine"
        + (f" (over: {', '.join(slow_live)})" if slow_live else "") + ".",
        (f"- ≥20× faster than rdflib at {biggest:,} triples: kept rows smallest ratio {min(ratios):,.0f}×, median {statistics.median(ratios):,.0f}×; "
         f"engine smallest {min(live_ratios):,.1f}×, median {statistics.median(live_ratios):,.0f}×." if ratios else "- rdflib not run at the largest size."),
        "",
    ]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
