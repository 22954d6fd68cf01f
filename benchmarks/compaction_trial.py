"""When to compact the store's database (issue 11): a store grown in batches under a compaction
schedule, each batch's CPU (and the compaction's share), and, after chosen batches, each named
query in the engine on the store as left and on a compacted copy of it, side by side in rounds
(the order swapped each round; the median shown).

``--share S`` sets :data:`timeline.compaction.SHARE` in the ingests: 0 compacts after every
bulk load (the schedule before it), ``inf`` never (the database's own background compaction
only) — with ``timeline/compaction.py`` of 39ba336 (reverted in e4cd035: the results are in
``benchmarks/results/datapath-store.md``); on code without it every bulk load compacts. Every step runs in its own child process; CPU seconds and the load average are printed
beside each number, since the machine is shared.

    python benchmarks/compaction_trial.py --share inf --batches 6 --batch 300 --queries-after 2,4,6
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))


def _load() -> str:
    return "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def child_ingest(store_dir: str, folder: str, share: str) -> dict:
    from timeline import ingest

    try:
        from timeline import compaction  # the schedule of 39ba336 (reverted in e4cd035); without it, every bulk load compacts
    except ImportError:
        compaction = None
    if compaction is not None:
        compaction.SHARE = float(share)
    optimize, spent = ingest._optimize, [0.0]

    def timed(target):
        before = time.process_time()
        done = optimize(target)
        spent[0] += time.process_time() - before
        return done

    ingest._optimize = timed
    started, cpu = time.perf_counter(), time.process_time()
    report, errors = ingest.ingest_paths(store_dir, [folder])
    return {"wall_s": time.perf_counter() - started, "cpu_s": time.process_time() - cpu, "optimize_cpu_s": spent[0],
            "triples": report.triples, "errors": len(errors)}


def _child(name: str, *args) -> dict:
    code = (f"import json, sys; sys.path.insert(0, {str(HERE)!r}); import compaction_trial as t, datapath_bench as b; "
            f"f = getattr(t, {name!r}, None) or getattr(b, {name!r}); print(json.dumps(f(*{args!r})))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    if done.returncode:
        raise SystemExit(f"{name} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _queries(kg: Path, work: Path, rounds: int) -> list[str]:
    from timeline.sparql import named_queries

    compacted = work / "compacted-copy"
    shutil.rmtree(compacted, ignore_errors=True)
    shutil.copytree(kg, compacted)
    cost = _child("child_optimize", str(compacted))
    bound = {"in-range": {"from": "2015-01-01", "to": "2015-12-31"}}
    rows = [f"compacting a copy: {cost['cpu_s']:.1f} CPU s (load {_load()})", "",
            "| named query | as left, engine CPU s (median) | compacted copy | compacted / as left |", "|---|---:|---:|---:|"]
    totals = [0.0, 0.0]
    for name in named_queries():
        cpu: dict[Path, list[float]] = {kg: [], compacted: []}
        for index in range(rounds):
            for folder in ((kg, compacted) if index % 2 == 0 else (compacted, kg)):
                cpu[folder].append(_child("child_engine_query", str(folder), name, bound.get(name, {}))["cpu_s"])
        was, now = sorted(cpu[kg])[rounds // 2], sorted(cpu[compacted])[rounds // 2]
        totals[0] += was
        totals[1] += now
        rows.append(f"| {name} | {was:.2f} | {now:.2f} | {now / was:.2f} |")
    rows.append(f"| all ten | {totals[0]:.2f} | {totals[1]:.2f} | {totals[1] / totals[0]:.2f} |")
    shutil.rmtree(compacted, ignore_errors=True)
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--share", type=float, required=True)
    parser.add_argument("--batches", type=int, default=6)
    parser.add_argument("--batch", type=int, default=300)
    parser.add_argument("--queries-after", default="", help="batches (1-based, comma-separated) after which to time the queries")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--work", default=str(HERE / "results" / "tmp" / "compaction"))
    args = parser.parse_args()
    import datapath_bench

    work = Path(args.work) / f"share-{args.share}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    total = args.batches * args.batch
    files = sorted(datapath_bench._corpus(Path(args.work) / f"corpus-{total}", total).glob("*.txt"))
    folder, kg = work / "in", work / "kg"
    folder.mkdir()
    after = {int(x) for x in args.queries_after.split(",") if x}
    print(f"# share {args.share}: {args.batches} batches of {args.batch} (load {_load()})", flush=True)
    print("| batch | triples | wall s | CPU s | of which compaction CPU s | load |\n|---:|---:|---:|---:|---:|---|", flush=True)
    cpu = []
    for index in range(args.batches):
        for path in files[index * args.batch : (index + 1) * args.batch]:
            shutil.copy2(path, folder / path.name)
        r = _child("child_ingest", str(kg), str(folder), str(args.share))
        cpu.append(r["cpu_s"])
        print(f"| {index + 1} | {r['triples']} | {r['wall_s']:.1f} | {r['cpu_s']:.1f} | {r['optimize_cpu_s']:.1f} | {_load()} |", flush=True)
        if index + 1 in after:
            print(f"\nqueries after batch {index + 1}:\n" + "\n".join(_queries(kg, work, args.rounds)) + "\n", flush=True)
    print(f"last/first {cpu[-1] / cpu[0]:.2f}×; mean of the last three / first three {sum(cpu[-3:]) / sum(cpu[:3]):.2f}× (load {_load()})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
