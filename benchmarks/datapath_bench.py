"""The data path at scale (issue 11): the RDF stage, old path vs new, memory, workers, store growth,
incremental ingest, named queries from kept rows.

``python benchmarks/datapath_bench.py`` runs every section at sizes that finish in minutes on
2 shared cores; ``--section NAME`` runs one, ``--docs``/``--batches``/``--batch`` size them.
Every heavy step runs in its own child process (its peak memory is its own). Writes
``benchmarks/results/datapath.md`` with the load average before and after, since the machine is
shared: wall times move with the load, CPU times much less. Numbers are measured, never asserted.

Sections:

- ``stages``: the same synthetic corpus through the old path (in-memory extraction, an rdflib
  Graph built with ``Graph.add``, converted and sorted for serialisation — commit 75139a6,
  kept in ``legacy_rdf.py``) and the new one (records, one merge, streamed N-Quads → Turtle),
  CPU seconds per stage, in one run.
- ``memory``: peak RSS of ``timeline extract`` (parent and workers) at ``--docs`` documents.
- ``jobs``: wall time of ``extract -j 1`` vs ``-j 2`` side by side, in rounds (the order swapped each
  round), each with the load average and a control: two spinning processes against one.
- ``store``: a store grown in ``--batches`` batches of ``--batch`` documents; then an unchanged
  re-ingest, a 1 % change, every shipped query kept and another 1 % change that refreshes them,
  ``--prune``, and a full ingest of the same files into a new store; each batch's compaction
  CPU, the batches' CPU with each compaction spread over the batches it compacted, and each named
  query in the engine on the grown store against a compacted copy of it.
- ``queries``: a store of about 10⁶ triples (synthetic model objects, no extraction; 15 % of
  the events undated, 5 % of the mentions negative, so every named query has rows); each
  named query in the engine (in process, from its text; and the plain form it replaced, where it
  was rewritten for Oxigraph), the first run through the CLI (the engine, keeping the rows), then
  from kept rows (wall time of the whole command, and until its first line) as a table, and twice
  as CSV.
- ``optimize``: on copies of that store, what ``Store.optimize()`` costs and each named query in
  the engine without it and after it, side by side in ``--rounds`` + 1 rounds.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))
TIMELINE = [sys.executable, "-m", "timeline.cli"]


def _peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def _cpu() -> float:
    return time.process_time()


def _load() -> str:
    return "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def _corpus(folder: Path, count: int, seed: int = 0) -> Path:
    import synthetic

    if not folder.is_dir() or len(list(folder.glob("*.txt"))) != count:
        shutil.rmtree(folder, ignore_errors=True)
        synthetic.write_corpus(folder, count, seed)
    return folder


# Children ------------------------------------------------------------------------------------


class _Clock:
    """CPU seconds spent inside a wrapped function (the stage it stands for)."""

    def __init__(self, fn):
        self.fn, self.cpu = fn, 0.0

    def __call__(self, *args, **kwargs):
        started = _cpu()
        try:
            return self.fn(*args, **kwargs)
        finally:
            self.cpu += _cpu() - started


def _clocks():
    """Clocks around the document stages, in both paths (they are the same code)."""
    from timeline import documents, pipeline

    clocks = {
        "read": _Clock(documents.read_planned),
        "document": _Clock(pipeline.extract_document),
        "events": _Clock(pipeline.extract_events),
        "time": _Clock(pipeline.find_timexes),
    }
    documents.read_planned = pipeline.read_planned = clocks["read"]
    pipeline.extract_document = clocks["document"]
    pipeline.extract_events = clocks["events"]
    pipeline.find_timexes = clocks["time"]
    return clocks


def child_stages_old(folder: str) -> dict:
    """The path before this issue: everything in memory, an rdflib Graph, sorted serialisation."""
    import legacy_rdf
    from timeline import graphio, pipeline

    clocks = _clocks()
    started = _cpu()
    extraction = pipeline.extract_paths([folder])
    t1 = _cpu()
    merged = extraction.merged()
    t2 = _cpu()
    graph = legacy_rdf.build_graph(extraction.documents, merged)
    text = graphio.serialize(graph, "turtle")
    t3 = _cpu()
    return {"total": t3 - started, "read": clocks["read"].cpu, "document": clocks["document"].cpu, "time": clocks["time"].cpu,
            "events": clocks["events"].cpu, "merge": t2 - t1, "rdf": t3 - t2, "triples": len(graph), "bytes": len(text),
            "peak_mb": _peak_mb()}


def child_stages_new(folder: str) -> dict:
    """Today's path: records per document, one merge, streamed Turtle. Everything outside reading,
    the document stages and the merge counts as the RDF stage (planning and spooling too)."""
    import timeline.extract
    from timeline import pipeline

    clocks = _clocks()
    merge = timeline.extract.merge_events = _Clock(timeline.extract.merge_events)
    out = io.BytesIO()
    started = _cpu()
    report = pipeline.extract_to([folder], out, "turtle")
    total = _cpu() - started
    rdf = total - clocks["read"].cpu - clocks["document"].cpu - merge.cpu
    return {"total": total, "read": clocks["read"].cpu, "document": clocks["document"].cpu, "time": clocks["time"].cpu,
            "events": clocks["events"].cpu, "merge": merge.cpu, "rdf": rdf, "events_written": report.events,
            "bytes": len(out.getvalue()), "peak_mb": _peak_mb()}


def child_extract(folder: str, jobs: int, fmt: str, source: str | None = None) -> dict:
    """`timeline extract` as a user runs it; ``source``: a folder holding another revision's
    ``timeline`` package, run instead of this checkout's."""
    out = Path(tempfile.mkdtemp(prefix="dp-out-")) / f"g.{fmt}"
    started = time.perf_counter()
    done = subprocess.run([*TIMELINE, "extract", folder, "-o", str(out), "--no-progress", "-j", str(jobs)],
                          capture_output=True, text=True, cwd=source or ROOT)
    wall = time.perf_counter() - started
    size = out.stat().st_size if out.exists() else 0
    shutil.rmtree(out.parent, ignore_errors=True)
    return {"wall_s": wall, "exit": done.returncode, "stderr": done.stderr.strip()[-300:], "mb": size / 1e6,
            "children_peak_mb": _peak_mb(resource.RUSAGE_CHILDREN)}


def child_extract_cpu(folder: str, jobs: int, source: str | None = None) -> dict:
    """extract_to in this process with ``jobs`` workers: wall time, the parent's CPU (what runs
    serially: planning, spooling, the merge, writing) and the workers' CPU; ``source``: a folder
    holding another revision's ``timeline`` package, run instead of this checkout's."""
    if source:
        sys.path.insert(0, source)
    from timeline import pipeline

    started, cpu = time.perf_counter(), _cpu()
    pipeline.extract_to([folder], io.BytesIO(), "turtle", jobs=jobs)
    return {"wall_s": time.perf_counter() - started, "parent_cpu_s": _cpu() - cpu,
            "workers_cpu_s": resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime + resource.getrusage(resource.RUSAGE_CHILDREN).ru_stime}


def child_ingest(store_dir: str, folder: str, jobs: int, prune: bool) -> dict:
    from timeline import ingest
    from timeline.ingest import ingest_paths

    optimize, spent = ingest._optimize, [0.0]

    def timed_optimize(target):  # the database's compaction after a bulk load: it costs in proportion to the whole store
        before = _cpu()
        done = optimize(target)
        spent[0] += _cpu() - before
        return done

    ingest._optimize = timed_optimize
    started, cpu = time.perf_counter(), _cpu()
    report, errors = ingest_paths(store_dir, [folder], jobs=jobs, prune=prune)
    return {"wall_s": time.perf_counter() - started, "cpu_s": _cpu() - cpu, "optimize_cpu_s": spent[0], "added": len(report.added),
            "changed": len(report.changed), "skipped": len(report.skipped), "removed": len(report.removed),
            "merged_mentions": report.merged_mentions, "mentions": report.mentions, "events": report.events,
            "triples": report.triples, "errors": len(errors), "peak_mb": _peak_mb(),
            "children_cpu_s": resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime}


def child_model_store(folder: str, events: int, undated: float = 0.0, negative: float = 0.0) -> dict:
    import synthetic
    from timeline.ingest import ingest

    docs, merged = synthetic.model_objects(events, 0, undated=undated, negative=negative)
    by_doc: dict[str, list] = {d.id: [] for d in docs}
    for item in merged:
        for m in item.mentions:
            by_doc[m.doc_id].append(m)
    from timeline.store import open_store

    started = time.perf_counter()
    with open_store(folder) as target:
        report = ingest(target, docs, lambda d: by_doc[d.id], merge_fn=lambda _mentions: merged)
    return {"triples": report.triples, "events": report.events, "ingest_s": time.perf_counter() - started, "peak_mb": _peak_mb()}


def child_cli_query(folder: str, name: str, params: list[str]) -> dict:
    """One `timeline query --store S NAME` as a user runs it: wall time to its first line and to the end."""
    command = [*TIMELINE, "query", "--store", folder, name, *params]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    first = process.stdout.readline()
    first_s = time.perf_counter() - started
    rest = process.stdout.read()
    process.wait()
    return {"first_line_s": first_s, "wall_s": time.perf_counter() - started, "lines": 1 + rest.count("\n") if first else 0,
            "exit": process.returncode}


def child_engine_query(folder: str, name: str, params: dict, text_file: str | None = None) -> dict:
    """One named query answered by the engine in this process (the store opened read-only, the
    query's text run — never its kept rows — and every row converted to Python values);
    ``text_file`` runs another form of it (the plain form it replaced, say)."""
    from timeline.sparql import named_queries, query
    from timeline.store import open_store

    text = Path(text_file).read_text(encoding="utf-8") if text_file else named_queries()[name].text
    with open_store(folder) as target:
        target._reading()  # opened before the clock starts
        started, cpu = time.perf_counter(), _cpu()
        result = query(target, text, bindings=params)
        return {"wall_s": time.perf_counter() - started, "cpu_s": _cpu() - cpu, "rows": len(result.rows)}


def child_optimize(folder: str) -> dict:
    """``Store.optimize()`` on the store's database, as an ingest would call it at its end."""
    import pyoxigraph as ox

    db = ox.Store(str(Path(folder) / "oxigraph"))
    started, cpu = time.perf_counter(), _cpu()
    db.optimize()
    db.flush()
    return {"wall_s": time.perf_counter() - started, "cpu_s": _cpu() - cpu}


def child_store_triples(folder: str) -> int:
    from timeline.store import open_store

    with open_store(folder) as target:
        return len(target)


def child_spin(seconds_of_work: int) -> dict:
    """A fixed pure-Python loop: what one core does, to compare with two copies at once."""
    started, cpu = time.perf_counter(), _cpu()
    total = 0
    for i in range(seconds_of_work * 15_000_000):
        total += i & 7
    return {"wall_s": time.perf_counter() - started, "cpu_s": _cpu() - cpu}


def _extract(folder: str, jobs: int, source: str | None = None) -> float:
    result = _child("child_extract", folder, jobs, "ttl", source)
    if result["exit"]:
        raise SystemExit(f"timeline extract -j {jobs} failed ({source or 'this checkout'}): {result['stderr']}")
    return result["wall_s"]


def _child(name: str, *args) -> dict:
    code = f"import json, sys; sys.path.insert(0, {str(HERE)!r}); import datapath_bench as b; print(json.dumps(b.{name}(*{args!r})))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    if done.returncode:
        raise SystemExit(f"{name} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# Sections --------------------------------------------------------------------------------------


def section_stages(work: Path, docs: int) -> list[str]:
    folder = str(_corpus(work / f"corpus-{docs}", docs))
    old = _child("child_stages_old", folder)
    new = _child("child_stages_new", folder)
    rows = ["| stage (CPU s) | old path | new path | speed-up |", "|---|---:|---:|---:|"]
    for key, label in [("read", "read documents"), ("document", "document stages (sentences, time, events)"),
                       ("time", "… of which time expressions"), ("events", "… of which events (extract_events)"),
                       ("merge", "merge"), ("rdf", "RDF stage (build + serialise / records + spool + write)"), ("total", "total")]:
        a, b = old.get(key, 0.0), new.get(key, 0.0)
        rows.append(f"| {label} | {a:.2f} | {b:.2f} | {a / b if b else float('inf'):.1f}× |")
    not_language = lambda d: d["total"] - d["events"]  # noqa: E731
    not_language_time = lambda d: d["total"] - d["events"] - d["time"]  # noqa: E731
    rows += [
        f"| everything but extract_events | {not_language(old):.2f} | {not_language(new):.2f} | {not_language(old) / not_language(new):.1f}× |",
        f"| everything but extract_events and time expressions | {not_language_time(old):.2f} | {not_language_time(new):.2f} | "
        f"{not_language_time(old) / not_language_time(new):.1f}× |",
        "",
        f"{docs} synthetic documents; RDF stage share of extract's CPU: old {old['rdf'] / old['total']:.0%}, "
        f"new {new['rdf'] / new['total']:.0%}; peak RSS old {old['peak_mb']:.0f} MB, new {new['peak_mb']:.0f} MB.",
    ]
    return rows


def section_memory(work: Path, docs: int) -> list[str]:
    folder = str(_corpus(work / f"corpus-{docs}", docs))
    result = _child("child_extract", folder, 2, "nq")
    return [f"`timeline extract` of {docs} documents, `-j 2`, N-Quads: {result['wall_s']:.0f} s wall, peak RSS of the "
            f"largest process (parent or worker) {result['children_peak_mb']:.0f} MB, output {result['mb']:.0f} MB, exit {result['exit']}."]


def _two_cores() -> float:
    """How much more two CPU-bound processes get done at once than one alone, right now: 2.0 on
    two idle cores, less while other jobs hold one."""
    from concurrent.futures import ThreadPoolExecutor

    alone = _child("child_spin", 2)["wall_s"]
    with ThreadPoolExecutor(2) as pool:
        pair = list(pool.map(lambda _: _child("child_spin", 2)["wall_s"], range(2)))
    return 2 * alone / max(pair)


def _revision(work: Path, rev: str) -> str:
    """This repository at ``rev`` (git archive), unpacked under ``work``: the folder to run it from."""
    sha = subprocess.run(["git", "rev-parse", "--short", rev], capture_output=True, text=True, cwd=ROOT, check=True).stdout.strip()
    folder = work / f"rev-{sha}"
    if not (folder / "timeline").is_dir():
        folder.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "archive", sha, "timeline", "ontology"], capture_output=True, cwd=ROOT, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return str(folder)


def section_jobs(work: Path, docs: int, rounds: int = 2, before: str | None = None) -> list[str]:
    """``-j 1`` and ``-j 2`` side by side, ``rounds`` times (the order swapped each round, so a
    change of load does not favour one), each round with the load average and a control: how
    much two spinning processes got done against one, just before. ``before``: a git revision
    whose ``-j 2`` runs in the same rounds (its ``-j 1`` is this checkout's, the same code)."""
    folder = str(_corpus(work / f"corpus-{docs}", docs))
    old = _revision(work, before) if before else None
    head = "| round | load average before | two spinning processes vs one | `-j 1` s | `-j 2` s | speed-up |"
    rows = [head + (f" {before}: `-j 2` s | speed-up |" if old else ""), "|---:|---|---:|---:|---:|---:|" + ("---:|---:|" if old else "")]
    ratios = []
    for index in range(rounds):
        load, cores = _load(), _two_cores()
        order = (1, 2) if index % 2 == 0 else (2, 1)
        wall = {jobs: _extract(folder, jobs) for jobs in order}
        ratios.append(wall[1] / wall[2])
        row = f"| {index + 1} | {load} | {cores:.2f}× | {wall[1]:.1f} | {wall[2]:.1f} | {ratios[-1]:.2f}× |"
        if old:  # its -j 1 runs the same code as this checkout's
            was = _extract(folder, 2, old)
            row += f" {was:.1f} | {wall[1] / was:.2f}× |"
        rows.append(row)
    split = _child("child_extract_cpu", folder, 2)
    serial = split["parent_cpu_s"] / (split["parent_cpu_s"] + split["workers_cpu_s"])
    out = [f"`timeline extract` of {docs} documents to Turtle:", "", *rows, "",
           f"Best speed-up {max(ratios):.2f}×. With `-j 2` the merging process used {split['parent_cpu_s']:.1f} CPU s (of it the "
           f"warm-up the workers inherit) and the workers {split['workers_cpu_s']:.1f} ({serial:.0%} in the merging process)."]
    if old:
        was = _child("child_extract_cpu", folder, 2, old)
        out[-1] += (f" At {before}: {was['parent_cpu_s']:.1f} and {was['workers_cpu_s']:.1f} "
                    f"({split['parent_cpu_s'] + split['workers_cpu_s']:.1f} CPU s in all now, {was['parent_cpu_s'] + was['workers_cpu_s']:.1f} then).")
    return out


def child_keep_named(store_dir: str) -> dict:
    """Every shipped query on a store, computed and kept (wall time)."""
    from timeline import store
    from timeline.sparql import named_queries

    started = time.perf_counter()
    with store.open_store(store_dir) as target:
        for name, item in named_queries().items():
            store.query(target, name, bindings={n: "2015-01-01" if n == "from" else "2015-12-31" for n, _ in item.params})
    return {"wall_s": time.perf_counter() - started}


def _edit(paths, text: str) -> None:
    for path in paths:
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def section_store(work: Path, batches: int, batch: int) -> list[str]:
    total = batches * batch
    source = _corpus(work / f"corpus-{total}", total)
    files = sorted(source.glob("*.txt"))
    folder, kg = work / "store-in", work / "store-kg"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.rmtree(kg, ignore_errors=True)
    folder.mkdir()
    rows = ["| batch | documents after | wall s | CPU s | of which compaction CPU s | mentions merged again / in store | load average |",
            "|---:|---:|---:|---:|---:|---|---|"]
    cpu, spent = [], []
    for index in range(batches):
        for path in files[index * batch : (index + 1) * batch]:
            shutil.copy2(path, folder / path.name)
        r = _child("child_ingest", str(kg), str(folder), 1, False)
        cpu.append(r["cpu_s"])
        spent.append(r["optimize_cpu_s"])
        rows.append(f"| {index + 1} | {(index + 1) * batch} | {r['wall_s']:.1f} | {r['cpu_s']:.1f} | {r['optimize_cpu_s']:.1f} | "
                    f"{r['merged_mentions']} / {r['mentions']} | {_load()} |")
    pending_cpu, queries = _store_queries(work, kg)
    again = _child("child_ingest", str(kg), str(folder), 1, False)
    step = max(1, total // max(1, total // 100))
    changed = files[::step][: max(1, total // 100)]
    _edit([folder / p.name for p in changed], "\nNorth Korea closed its border with China in 2021.\n")
    one_percent = _child("child_ingest", str(kg), str(folder), 1, False)
    load_one = _load()
    keep = _child("child_keep_named", str(kg))
    others = files[step // 2 :: step][: max(1, total // 100)]
    _edit([folder / p.name for p in others], "\nChina forcibly repatriated 40 defectors from Jilin in March 2022.\n")
    refreshed = _child("child_ingest", str(kg), str(folder), 1, False)
    (folder / files[-1].name).unlink()
    pruned = _child("child_ingest", str(kg), str(folder), 1, True)
    full = _child("child_ingest", str(work / "store-full"), str(folder), 1, False)
    load_full = _load()
    shutil.rmtree(work / "store-full", ignore_errors=True)
    rows += [
        "",
        f"- last batch / first batch, CPU: {cpu[-1] / cpu[0]:.2f}× (wall times move with the load); without the compaction "
        f"(`Store.optimize()` after the bulk load): {(cpu[-1] - spent[-1]) / (cpu[0] - spent[0]):.2f}×.",
        *_amortised(cpu, spent, pending_cpu),
        f"- unchanged re-ingest of {total} documents: {again['wall_s']:.2f} s ({again['skipped']} skipped, {again['merged_mentions']} mentions merged)",
        f"- {len(changed)} documents changed (1 %): {one_percent['wall_s']:.1f} s wall, {one_percent['cpu_s']:.1f} CPU s, "
        f"{one_percent['merged_mentions']} of {one_percent['mentions']} mentions merged again (load {load_one}); a full ingest of the same "
        f"files: {full['wall_s']:.1f} s wall, {full['cpu_s']:.1f} CPU s (load {load_full}) — the change costs "
        f"{one_percent['wall_s'] / full['wall_s']:.0%} of it in wall time, {one_percent['cpu_s'] / full['cpu_s']:.0%} in CPU",
        f"- every shipped query computed and kept: {keep['wall_s']:.1f} s; then {len(others)} other documents changed, their kept rows "
        f"refreshed by the ingest: {refreshed['wall_s']:.1f} s wall, {refreshed['cpu_s']:.1f} CPU s "
        f"({refreshed['merged_mentions']} mentions merged again)",
        f"- `--prune` after deleting one file: {pruned['wall_s']:.1f} s, {pruned['removed']} removed",
        "", *queries,
    ]
    return rows


def _amortised(cpu: list[float], spent: list[float], pending_cpu: float) -> list[str]:
    """The batches' CPU with each compaction's cost spread over the batches whose loads it
    compacted (those since the one before, itself included); the batches after the last
    compaction carry the one still due, priced by compacting a copy of the grown store."""
    shared, since = [c - s for c, s in zip(cpu, spent)], []
    for index, cost in enumerate(spent):
        since.append(index)
        if cost > 0:
            for batch in since:
                shared[batch] += cost / len(since)
            since = []
    for batch in since:
        shared[batch] += pending_cpu / len(since)
    three = min(3, len(cpu))
    return [
        f"- mean CPU of the last {three} batches / the first {three}: {sum(cpu[-three:]) / sum(cpu[:three]):.2f}× as measured; "
        f"{sum(shared[-three:]) / sum(shared[:three]):.2f}× with each compaction's CPU spread over the batches it compacted "
        f"(after the last compaction, the {len(since)} batches carry the one due: {pending_cpu:.1f} CPU s, compacting a copy). "
        f"Batches that compacted: {', '.join(str(i + 1) for i, s in enumerate(spent) if s > 0) or 'none'}.",
        "- amortised CPU per batch: " + ", ".join(f"{value:.1f}" for value in shared),
    ]


def _store_queries(work: Path, kg: Path, rounds: int = 2) -> tuple[float, list[str]]:
    """Each named query in the engine on the grown store as the ingests left it, and on a copy
    compacted (as compacting after every bulk load leaves it), side by side in ``rounds``
    rounds, the order swapped each round (the lower CPU shown); and the copy's compaction CPU."""
    from timeline.sparql import named_queries

    copy = work / "store-kg-compacted"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(kg, copy)
    shutil.rmtree(copy / "results", ignore_errors=True)
    cost = _child("child_optimize", str(copy))
    bound = {"in-range": {"from": "2015-01-01", "to": "2015-12-31"}}
    rows = [f"Named queries on the grown store as left by its ingests and on a compacted copy (compacting it: {cost['cpu_s']:.1f} CPU s, "
            f"{cost['wall_s']:.1f} s wall, load {_load()}); engine CPU s, the lower of {rounds} rounds:", "",
            "| named query | as left | compacted | compacted / as left |", "|---|---:|---:|---:|"]
    totals = [0.0, 0.0]
    for name in named_queries():
        found: dict[Path, list[float]] = {kg: [], copy: []}
        for index in range(rounds):
            for folder in ((kg, copy) if index % 2 == 0 else (copy, kg)):
                found[folder].append(_child("child_engine_query", str(folder), name, bound.get(name, {}))["cpu_s"])
        was, now = min(found[kg]), min(found[copy])
        totals[0] += was
        totals[1] += now
        rows.append(f"| {name} | {was:.2f} | {now:.2f} | {now / was:.2f} |")
    rows.append(f"| all ten | {totals[0]:.2f} | {totals[1]:.2f} | {totals[1] / totals[0]:.2f} |")
    rows.append(f"(load after the queries: {_load()})")
    shutil.rmtree(copy, ignore_errors=True)
    return cost["cpu_s"], rows


def _fastest(repeat: int, name: str, *args) -> dict:
    """The fastest (by wall time) of ``repeat`` runs of a child, each in a fresh process: on a
    shared machine the load comes and goes within a run."""
    return min((_child(name, *args) for _ in range(max(1, repeat))), key=lambda r: r["wall_s"])


def section_queries(work: Path, events: int, repeat: int = 1) -> list[str]:
    """Each named query in the engine (in process, from its text: today's form and, for those
    rewritten for Oxigraph, the plain form in ``tests/data/plain-queries``, side by side; the
    fastest of ``repeat`` fresh processes), then through the CLI from kept rows."""
    from timeline.sparql import named_queries

    folder, head = _model_store(work, events)
    shutil.rmtree(folder / "results", ignore_errors=True)  # an earlier run's kept rows: the first run computes every query
    plain_dir = ROOT / "tests" / "data" / "plain-queries"
    rows = [head, "", "| named query | rows | engine s (CPU s) | plain form, engine s (CPU s) | first run, CLI (engine + keeping rows) s "
            "| kept, table: first line / whole s | kept, csv first time: first line / whole s | kept, csv again: first line / whole s |",
            "|---|---:|---:|---:|---:|---:|---:|---:|"]
    params = {"in-range": ["-p", "from=2015-01-01", "-p", "to=2015-12-31"]}
    bound = {"in-range": {"from": "2015-01-01", "to": "2015-12-31"}}
    for name in named_queries():
        engine = _fastest(repeat, "child_engine_query", str(folder), name, bound.get(name, {}))
        plain_file = plain_dir / f"{name}.rq"
        plain = _fastest(repeat, "child_engine_query", str(folder), name, bound.get(name, {}), str(plain_file)) if plain_file.exists() else None
        first = _child("child_cli_query", str(folder), name, params.get(name, []))
        kept = _child("child_cli_query", str(folder), name, params.get(name, []))
        csv = _child("child_cli_query", str(folder), name, [*params.get(name, []), "--format", "csv"])
        again = _child("child_cli_query", str(folder), name, [*params.get(name, []), "--format", "csv"])
        before = f"{plain['wall_s']:.2f} ({plain['cpu_s']:.2f})" if plain else "–"
        rows.append(f"| {name} | {engine['rows']} | {engine['wall_s']:.2f} ({engine['cpu_s']:.2f}) | {before} | {first['wall_s']:.2f} | "
                    f"{kept['first_line_s']:.3f} / {kept['wall_s']:.3f} | {csv['first_line_s']:.3f} / {csv['wall_s']:.3f} | "
                    f"{again['first_line_s']:.3f} / {again['wall_s']:.3f} |")
    rows.append("")
    rows.append("The engine columns time `timeline.sparql.query` on the open store (rows converted to Python values; "
                f"the fastest of {repeat} fresh processes); the CLI times include starting Python and importing timeline (≈ 0.1 s here).")
    return rows


def _model_store(work: Path, events: int) -> tuple[Path, str]:
    """The store of the queries sections (built once, reused while its state is clean): the folder and a line saying so."""
    folder = work / f"model-store-{events}-varied"
    try:
        state = json.loads((folder / "state.json").read_text(encoding="utf-8"))
        reusable = state.get("version") == 4 and state.get("events", 0) > 0 and not state.get("dirty")
    except (OSError, ValueError):
        reusable = False
    if not reusable:
        shutil.rmtree(folder, ignore_errors=True)
        built = _child("child_model_store", str(folder), events, 0.15, 0.05)  # 15 % undated events, 5 % negative mentions
        return folder, f"store of {built['triples']:,} triples ({built['events']:,} events), built in {built['ingest_s']:.0f} s"
    return folder, f"store of {_child('child_store_triples', str(folder)):,} triples ({events:,} events; reused)"


def section_optimize(work: Path, events: int, rounds: int = 3) -> list[str]:
    """Whether ``Store.optimize()`` after an ingest pays: its own cost, and each named query in
    the engine on a copy of the store as ingested and on a copy optimised, side by side in
    ``rounds`` rounds (the order swapped each round)."""
    from timeline.sparql import named_queries

    source, head = _model_store(work, events)
    plain, optimised = work / "optimize-as-ingested", work / "optimize-optimised"
    for copy in (plain, optimised):
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(source, copy)
        shutil.rmtree(copy / "results", ignore_errors=True)
    size = lambda folder: sum(f.stat().st_size for f in (folder / "oxigraph").rglob("*") if f.is_file()) / 1e6  # noqa: E731
    before_mb = size(optimised)
    cost = _child("child_optimize", str(optimised))
    rows = [head, "", f"`optimize()` took {cost['wall_s']:.1f} s wall ({cost['cpu_s']:.1f} CPU s, load {_load()}); database "
            f"{before_mb:.0f} MB before, {size(optimised):.0f} MB after.", "",
            "| named query | as ingested, engine s (median of the rounds) | optimised, engine s | optimised / as ingested |", "|---|---:|---:|---:|"]
    bound = {"in-range": {"from": "2015-01-01", "to": "2015-12-31"}}
    totals = [0.0, 0.0]
    for name in named_queries():
        walls: dict[Path, list[float]] = {plain: [], optimised: []}
        for index in range(rounds):
            for folder in ((plain, optimised) if index % 2 == 0 else (optimised, plain)):
                walls[folder].append(_child("child_engine_query", str(folder), name, bound.get(name, {}))["wall_s"])
        was, now = sorted(walls[plain])[rounds // 2], sorted(walls[optimised])[rounds // 2]
        totals[0] += was
        totals[1] += now
        rows.append(f"| {name} | {was:.2f} | {now:.2f} | {now / was:.2f} |")
    rows.append(f"| all ten | {totals[0]:.2f} | {totals[1]:.2f} | {totals[1] / totals[0]:.2f} |")
    for copy in (plain, optimised):
        shutil.rmtree(copy, ignore_errors=True)
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--section", choices=["stages", "memory", "jobs", "store", "queries", "optimize"], action="append")
    parser.add_argument("--docs", type=int, default=300, help="documents for stages and jobs")
    parser.add_argument("--memory-docs", type=int, default=10_000)
    parser.add_argument("--batches", type=int, default=5)
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=2, help="rounds of -j 1 vs -j 2")
    parser.add_argument("--before", help="jobs: a git revision whose -j 2 runs side by side")
    parser.add_argument("--query-events", type=int, default=18_500, help="18,500 give ≈ 1.04 M triples")
    parser.add_argument("--repeat", type=int, default=3, help="queries: engine runs per query (the fastest is shown)")
    parser.add_argument("--work", default=str(HERE / "results" / "tmp" / "datapath"))
    args = parser.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    sections = args.section or ["stages", "jobs", "store", "queries", "memory"]
    out = ["# The data path at scale (`benchmarks/datapath_bench.py`)", "", f"Load average at start: {_load()} (2 cores, shared).", ""]
    for name in sections:
        print(f"== {name} (load {_load()})", flush=True)
        started = time.perf_counter()
        if name == "stages":
            rows = section_stages(work, args.docs)
        elif name == "memory":
            rows = section_memory(work, args.memory_docs)
        elif name == "jobs":
            rows = section_jobs(work, args.docs, args.rounds, args.before)
        elif name == "store":
            rows = section_store(work, args.batches, args.batch)
        elif name == "optimize":
            rows = section_optimize(work, args.query_events, args.rounds + 1)
        else:
            rows = section_queries(work, args.query_events, args.repeat)
        out += [f"## {name}", "", *rows, "", f"({time.perf_counter() - started:.0f} s; load average after: {_load()})", ""]
        print("\n".join(rows), flush=True)
    target = HERE / "results" / ("datapath.md" if not args.section else f"datapath-{'-'.join(sections)}.md")
    target.write_text("\n".join(out), encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
