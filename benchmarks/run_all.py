"""Run every benchmark in turn (`make bench`); each writes its table to benchmarks/results/.

Each benchmark is also runnable on its own; see its docstring. Benchmarks that need data
beside the checkout (../shared/tempeval3, ../shared/seeds) or a browser skip with a message.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHMARKS = [
    ("time expressions (TempEval-3)", ["timex_bench.py"]),
    ("events on the seeds", ["event_eval.py"]),
    ("HTML view at 5,000 events", ["render_bench.py"]),
    ("scale: extraction, store, queries", ["scale_bench.py"] + sys.argv[1:]),
    ("the data path: RDF stage, memory, workers, store growth, kept rows", ["datapath_bench.py"]),
]


def main() -> int:
    failed = []
    for title, args in BENCHMARKS:
        script = HERE / args[0]
        print(f"\n== {title}: {script.name}", flush=True)
        if not script.exists():
            print(f"   (missing: {script.name})")
            continue
        code = subprocess.call([sys.executable, str(script), *args[1:]], cwd=HERE.parent)
        if code:
            failed.append(script.name)
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
