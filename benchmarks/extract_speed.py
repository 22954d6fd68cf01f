"""Event extraction speed on the real-text dev corpora, this checkout beside another revision.

    .venv/bin/python benchmarks/extract_speed.py --before 5cc0829 --rounds 5

Each round runs, in a fresh process each, ``read → sentences → time → parse → events`` over
every text of ``benchmarks/dev`` … ``dev7`` (after one warm-up pass that loads the language
model), once for this checkout and once for ``--before`` (the order swapped each round), and
records the CPU seconds of the timed pass. The figure is documents per CPU-second (one core);
the ratio of the two, taken in the same rounds under the same load, is what a change is judged
by (the machine is shared: absolute figures move with its load, which is printed). Appends a
section to ``benchmarks/results/extract-speed.md``.
"""

from __future__ import annotations

import argparse
import json
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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--before", required=True, help="git revision to measure beside this checkout")
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args(argv)
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
    print(text)
    out = HERE / "results" / "extract-speed.md"
    previous = out.read_text(encoding="utf-8") if out.exists() else "# Event extraction speed, side by side\n\n"
    out.write_text(previous + text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
