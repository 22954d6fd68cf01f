"""Event extraction speed on the real-text dev corpora, this checkout beside another revision.

    .venv/bin/python benchmarks/extract_speed.py --before 5cc0829 --rounds 5

Each round runs, in a fresh process each, ``read → sentences → time → parse → events`` over
every text of ``benchmarks/dev`` … ``dev7`` (after one warm-up pass that loads the language
model), once for this checkout and once for ``--before`` (the order swapped each round), and
records the CPU seconds of the timed pass. The figure is documents per CPU-second (one core);
the ratio of the two, taken in the same rounds under the same load, is what a change is judged
by (the machine is shared: absolute figures move with its load, which is printed). Appends a
section to ``benchmarks/results/extract-speed.md``.

With ``--cli`` each round runs the command a user runs instead, ``timeline extract FOLDER -o
OUT.nq`` over every text of every dev corpus (``dev`` … the newest), in a fresh process from
start-up to the written N-Quads, and ``timeline extract`` of one short document: the figure is
documents per CPU-second of the whole run, and of the run less the one-document run (start-up,
model load and the first use of every cache).
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from datapath_bench import _load, _revision  # noqa: E402 - the load average; another revision, unpacked

FOLDERS = [ROOT / "benchmarks" / name for name in ("dev", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7")]

# Runs in a child process whose sys.path starts with the code under test; prints JSON.
_PROBE = r"""
import json, sys, time
from pathlib import Path
from timeline.documents import read_document
from timeline.extract import extract_events
from timeline.sentences import split_sentences
from timeline.temporal import find_timexes
paths = [Path(p) for p in json.loads(sys.argv[1])]
def run():
    for p in paths:
        doc = read_document(p)
        extract_events(doc, find_timexes(doc.text, doc.published), split_sentences(doc.text))
run()
started = time.process_time()
run()
print(json.dumps({"docs": len(paths), "cpu": time.process_time() - started}))
"""


def _paths() -> list[str]:
    return [str(p) for f in FOLDERS for p in sorted(f.iterdir()) if p.suffix in (".txt", ".md", ".html")]


def _measure(code_root: str, paths: list[str]) -> float:
    """Documents per CPU-second of one timed pass, the code imported from ``code_root``."""
    out = subprocess.run([sys.executable, "-c", f"import sys; sys.path.insert(0, {code_root!r})\n" + _PROBE, json.dumps(paths)],
                         capture_output=True, text=True, check=True, cwd=code_root).stdout
    result = json.loads(out.strip().splitlines()[-1])
    return result["docs"] / result["cpu"]


_CLI = "import sys; sys.path.insert(0, {root!r}); sys.argv[0] = 'timeline'; from timeline.cli import main; main()"


def _cpu_of(command: list[str], cwd: str) -> float:
    """CPU seconds (user + system) of one child process run to its end."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, capture_output=True, text=True, check=True, cwd=cwd)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _cli_corpus(work: Path) -> tuple[Path, Path, int]:
    """Every dev corpus's texts copied under one folder, and a one-document folder."""
    corpus, one = work / "corpus", work / "one"
    count = 0
    for folder in sorted((ROOT / "benchmarks").glob("dev*")):
        for path in sorted(folder.iterdir()):
            if path.suffix in (".txt", ".md", ".html") and path.name != "README.md":
                (corpus / folder.name).mkdir(parents=True, exist_ok=True)
                shutil.copy(path, corpus / folder.name / path.name)
                count += 1
    one.mkdir()
    (one / "a.txt").write_text("In May 2021, China repatriated 50 escapees.\n", encoding="utf-8")
    return corpus, one, count


def _measure_cli(code_root: str, corpus: Path, one: Path, docs: int) -> tuple[float, float]:
    """Documents per CPU-second of ``timeline extract`` over the corpus: whole, and less start-up."""
    run = [sys.executable, "-c", _CLI.format(root=code_root), "extract"]
    whole = _cpu_of([*run, str(corpus), "-o", str(corpus.parent / "out.nq")], code_root)
    start = _cpu_of([*run, str(one), "-o", str(one.parent / "one.nq")], code_root)
    return docs / whole, docs / max(whole - start, 1e-9)


def _main_cli(before: str, rounds: int) -> str:
    with tempfile.TemporaryDirectory() as work:
        old = _revision(Path(work), before)
        corpus, one, docs = _cli_corpus(Path(work))
        rows, ratios, rates = [], [], {"new": [], "old": []}
        for index in range(rounds):
            load = _load()
            order = ("new", "old") if index % 2 == 0 else ("old", "new")
            rate = {which: _measure_cli(str(ROOT) if which == "new" else old, corpus, one, docs) for which in order}
            for which in rate:
                rates[which].append(rate[which])
            ratios.append(rate["new"][0] / rate["old"][0])
            rows.append(f"| {index + 1} | {load} | {rate['new'][0]:.1f} | {rate['new'][1]:.1f} | {rate['old'][0]:.1f} | "
                        f"{rate['old'][1]:.1f} | {ratios[-1]:.2f}× |")
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout.strip()
    new_whole = statistics.median(r[0] for r in rates["new"])
    new_less = statistics.median(r[1] for r in rates["new"])
    old_whole = statistics.median(r[0] for r in rates["old"])
    old_less = statistics.median(r[1] for r in rates["old"])
    return "\n".join([
        f"## {head} beside {before}: `timeline extract` of {docs} documents (every dev corpus), {rounds} rounds", "",
        "| round | load average before | this checkout, docs per CPU-s | less start-up | before | less start-up | ratio |",
        "|---:|---|---:|---:|---:|---:|---:|", *rows, "",
        f"Median: {new_whole:.1f} against {old_whole:.1f} documents per CPU-second for the whole run, {new_less:.1f} against "
        f"{old_less:.1f} less the one-document run ({statistics.median(ratios):.2f}×; load average after {_load()}).", "",
    ])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--before", required=True, help="git revision to measure beside this checkout")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--cli", action="store_true", help="time `timeline extract` over every dev corpus, start-up included")
    args = ap.parse_args(argv)
    if args.cli:
        return _report(_main_cli(args.before, args.rounds))
    paths = _paths()
    with tempfile.TemporaryDirectory() as work:
        old = _revision(Path(work), args.before)
        rows, ratios, new_rates, old_rates = [], [], [], []
        for index in range(args.rounds):
            load = _load()
            order = ("new", "old") if index % 2 == 0 else ("old", "new")
            rate = {which: _measure(str(ROOT) if which == "new" else old, paths) for which in order}
            new_rates.append(rate["new"])
            old_rates.append(rate["old"])
            ratios.append(rate["new"] / rate["old"])
            rows.append(f"| {index + 1} | {load} | {rate['new']:.1f} | {rate['old']:.1f} | {ratios[-1]:.2f}× |")
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout.strip()
    text = "\n".join([
        f"## {head} beside {args.before}: {len(paths)} documents of dev…dev7, {args.rounds} rounds", "",
        "| round | load average before | this checkout, docs per CPU-s | before, docs per CPU-s | ratio |",
        "|---:|---|---:|---:|---:|", *rows, "",
        f"Median: {statistics.median(new_rates):.1f} against {statistics.median(old_rates):.1f} documents per CPU-second "
        f"({statistics.median(ratios):.2f}×; best {max(new_rates):.1f} against {max(old_rates):.1f}; load average after {_load()}).", "",
    ])
    return _report(text)


def _report(text: str) -> int:
    print(text)
    out = HERE / "results" / "extract-speed.md"
    previous = out.read_text(encoding="utf-8") if out.exists() else "# Event extraction speed, side by side\n\n"
    out.write_text(previous + text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
