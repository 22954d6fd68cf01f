"""Start-up of the command line: what a short command costs before and after its own work.

``python benchmarks/startup_bench.py`` runs each command below as a user does (a fresh
``python -m timeline.cli``), ``--rounds`` times in turn, and reports the median and the fastest
wall time with the load average before and after (the machine is shared: compare figures of
one run, side by side, never across runs). ``--before REV`` runs the same commands from that git
revision in the same rounds (the order swapped each round), so a change is measured against
what it replaced under the same load.

Then ``timeline extract`` of one small file is taken apart in a child process: the time in
``import spacy``, in ``spacy.load`` (the language model's load), in the parse (``nlp.pipe``),
and the rest — the issue's figure, "outside the language model's own load", is the rest
(``import spacy`` is shown on its own line: spaCy imports its own command line with it).

Python's bytecode caches: an installed package has them (pip compiles it), a checkout has them
once it has run — unless ``PYTHONDONTWRITEBYTECODE`` is set, as on the machine these figures come
from, and then every start compiles timeline's source again. The commands run with the caches
(written by one run first); the extract is taken apart both ways (without: timeline's
``__pycache__`` folders removed first, the installed libraries' caches kept).
Writes ``benchmarks/results/startup.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from datapath_bench import _load, _revision  # noqa: E402 - the load average; another revision, unpacked
SMALL = ROOT / "examples" / "2025-10-02-kcna-commentary.txt"

# Breaks `timeline extract FILE -o OUT` (argv) into where its time goes; prints JSON on stdout.
_PROBE = r"""
import json, sys, time
started = time.perf_counter()
spent = {"import spacy": 0.0, "spacy.load": 0.0, "parse": 0.0, "import timeline": 0.0, "extractor": 0.0}
t = time.perf_counter()
import spacy
spent["import spacy"] = time.perf_counter() - t
real_load = spacy.load
def load(*args, **kwargs):
    t = time.perf_counter()
    try:
        return real_load(*args, **kwargs)
    finally:
        spent["spacy.load"] += time.perf_counter() - t
spacy.load = load
t = time.perf_counter()
from timeline.cli import main
from timeline import language, pipeline
spent["import timeline"] = time.perf_counter() - t
real_parse = language.parse
def parse(texts):
    loaded, t = spent["spacy.load"], time.perf_counter()
    try:
        return real_parse(texts)
    finally:
        spent["parse"] += time.perf_counter() - t - (spent["spacy.load"] - loaded)
language.parse = parse
real_events = pipeline.extract_events
def extract_events(*args, **kwargs):
    before, t = spent["spacy.load"] + spent["parse"], time.perf_counter()
    try:
        return real_events(*args, **kwargs)
    finally:
        spent["extractor"] += time.perf_counter() - t - (spent["spacy.load"] + spent["parse"] - before)
pipeline.extract_events = extract_events
try:
    main(sys.argv[1:])
except SystemExit:
    pass
spent["total"] = time.perf_counter() - started
sys.stdout.write(json.dumps(spent))
"""


def _commands(work: Path) -> dict[str, list[str]]:
    graph = work / "tiny.nt"
    graph.write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    store = work / "kg"
    if not (store / "state.json").exists():
        subprocess.run([sys.executable, "-m", "timeline.cli", "ingest", str(ROOT / "examples"), "--store", str(store)],
                       cwd=ROOT, check=True, capture_output=True)
    subprocess.run([sys.executable, "-m", "timeline.cli", "query", "--store", str(store), "events"], cwd=ROOT, check=True,
                   capture_output=True)  # its rows kept
    out = work / "one.ttl"
    return {
        "`python -c pass`": ["-c", "pass"],
        "`timeline --help`": ["-m", "timeline.cli", "--help"],
        "`timeline timex FILE`": ["-m", "timeline.cli", "timex", str(SMALL)],
        "`timeline query FILE -q …` (engine)": ["-m", "timeline.cli", "query", str(graph), "-q", "SELECT * WHERE { ?s ?p ?o }"],
        "`timeline query --store S events` (kept rows)": ["-m", "timeline.cli", "query", "--store", str(store), "events"],
        "`timeline query --store S -q …` (engine)": ["-m", "timeline.cli", "query", "--store", str(store), "-q",
                                                     "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"],
        "`timeline extract FILE -o OUT`": ["-m", "timeline.cli", "extract", str(SMALL), "-o", str(out), "--no-progress"],
    }


def _env(cached: bool) -> dict[str, str]:
    """The environment of a child: with Python's bytecode caches written and read, or without."""
    env = dict(os.environ)
    if cached:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def _wall(args: list[str], cwd: str) -> float:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, env=_env(True))
    wall = time.perf_counter() - started
    if done.returncode:
        raise SystemExit(f"{' '.join(args)} failed in {cwd}: {done.stderr.decode()[-500:]}")
    return wall


def _probe(cwd: str, out: Path, cached: bool = True) -> dict[str, float]:
    """The extract taken apart; without ``cached``, timeline's bytecode caches are removed first
    (Python reads caches that exist even when told not to write them) and written again after."""
    if not cached:
        for folder in (Path(cwd) / "timeline").rglob("__pycache__"):
            shutil.rmtree(folder, ignore_errors=True)
    done = subprocess.run([sys.executable, "-c", _PROBE, "extract", str(SMALL), "-o", str(out), "--no-progress"],
                          cwd=cwd, capture_output=True, text=True, check=True, env=_env(cached))
    if not cached:
        subprocess.run([sys.executable, "-c", "import timeline.cli, timeline.pipeline, timeline.extract"], cwd=cwd, check=True, env=_env(True))
    return json.loads(done.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--before", help="a git revision run side by side in the same rounds")
    parser.add_argument("--work", default=str(HERE / "results" / "tmp" / "startup"))
    args = parser.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    commands = _commands(work)
    sides = {"now": str(ROOT)}
    if args.before:
        sides[args.before] = _revision(work, args.before)
    for cwd in sides.values():  # the bytecode caches written
        for cmd in commands.values():
            _wall(cmd, cwd)
    load_before = _load()
    walls: dict[tuple[str, str], list[float]] = {(c, s): [] for c in commands for s in sides}
    modes = {"": True, " (no bytecode caches)": False}
    probes: dict[str, list[dict[str, float]]] = {s + m: [] for s in sides for m in modes}
    for index in range(args.rounds):
        order = list(sides.items()) if index % 2 == 0 else list(reversed(sides.items()))
        for name, cmd in commands.items():
            for side, cwd in order:
                walls[(name, side)].append(_wall(cmd, cwd))
        for side, cwd in order:
            for mode, cached in modes.items():
                probes[side + mode].append(_probe(cwd, work / "probe.ttl", cached))
    load_after = _load()

    def ms(values: list[float]) -> str:
        return f"{statistics.median(values) * 1000:.0f} ({min(values) * 1000:.0f})"

    names = list(sides)
    lines = ["# Start-up of the command line (`benchmarks/startup_bench.py`)", "",
             f"Load average before: {load_before}; after: {load_after} (2 cores, shared). {args.rounds} rounds, "
             "each command in turn" + (f", this checkout and {args.before} side by side, the order swapped each round" if args.before else "")
             + ". Wall ms, median (fastest), of a fresh process.", "",
             "| command | " + " | ".join(f"{s} ms" for s in names) + (" | change |" if args.before else " |"),
             "|---|" + "---:|" * len(names) + ("---:|" if args.before else "")]
    for name in commands:
        row = f"| {name} | " + " | ".join(ms(walls[(name, s)]) for s in names) + " |"
        if args.before:
            now, was = statistics.median(walls[(name, "now")]), statistics.median(walls[(name, args.before)])
            row += f" {(now - was) * 1000:+.0f} ms |"
        lines.append(row)
    lines += ["", f"`timeline extract` of one small file ({SMALL.name}, {SMALL.stat().st_size} bytes), taken apart in "
              "process (ms, median over the rounds; the process's own start, ≈ `python -c pass`, comes on top):", "",
              "| part | " + " | ".join(f"{s}{m} ms" for s in names for m in modes) + " |", "|---|" + "---:|" * (len(names) * len(modes))]
    labels = {
        "import spacy": "`import spacy` (spaCy imports its own command line with it)",
        "spacy.load": "`spacy.load`: the language model's load",
        "parse": "the parse (`nlp.pipe`)",
        "outside": "**everything outside the model's load and the parse** (the issue's figure)",
        "import timeline": "… of which importing timeline's modules (the command line, the pipeline, the extractor)",
        "extractor": "… of which the extractor's first call besides the parse (frames from the ontology, inflection tables)",
        "rest": "… of which the rest (reading, time expressions, merge, RDF, writing)",
        "total": "total in process",
    }
    for part, label in labels.items():
        cells = []
        for side in [s + m for s in names for m in modes]:
            values = []
            for p in probes[side]:
                outside = p["total"] - p["import spacy"] - p["spacy.load"] - p["parse"]
                values.append(outside if part == "outside" else outside - p["import timeline"] - p["extractor"] if part == "rest" else p[part])
            cells.append(f"{statistics.median(values) * 1000:.0f}")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    text = "\n".join(lines) + "\n"
    target = HERE / "results" / "startup.md"
    target.write_text(text, encoding="utf-8")
    print(text)
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
