"""Refresh the real outputs shown in README.md: the demo summary, each example query with its
result, and the benchmark tables. Run from the repository root after `make demo`:

    .venv/bin/python scripts/update_readme.py

Each block sits between `<!-- NAME -->` and `<!-- /NAME -->` markers and is replaced whole.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
TIMELINE = str(ROOT / ".venv" / "bin" / "timeline")


def run(*args: str) -> str:
    done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(args)} failed:\n{done.stderr}")
    return done.stdout.rstrip()


def demo() -> str:
    out = run(TIMELINE, "build", "examples", "-o", "out")
    return f"```console\n$ make demo\n…\n{out}\n```"


def queries() -> str:
    parts = []
    for path in sorted((ROOT / "examples" / "queries").glob("*.rq")):
        question = path.read_text(encoding="utf-8").splitlines()[0].lstrip("# ").strip()
        result = run(TIMELINE, "query", "out/graph.ttl", "-f", f"examples/queries/{path.name}")
        parts.append(
            f"**{question}** — [`examples/queries/{path.name}`](examples/queries/{path.name})\n\n"
            f"```console\n$ timeline query out/graph.ttl -f examples/queries/{path.name}\n{result}\n```"
        )
    return "\n\n".join(parts)


def benchmarks() -> str:
    parts = []
    for name, title in [
        ("timex.md", "Time expressions (TempEval-3 training corpus)"),
        ("events.md", "Events (seeds, examples, dev corpora)"),
        ("render.md", "The HTML view in headless Chromium"),
        ("scale.md", "Scale: extraction, store, queries"),
    ]:
        path = ROOT / "benchmarks" / "results" / name
        if path.exists():
            body = path.read_text(encoding="utf-8").strip()
            body = re.sub(r"^# .*\n+", "", body)  # the file's own title
            body = re.sub(r"^(#+) ", lambda m: "#" * (len(m.group(1)) + 2) + " ", body, flags=re.M)  # nest under ###
            parts.append(f"### {title}\n\n{body}")
    return "\n\n".join(parts)


def replace_block(text: str, name: str, body: str) -> str:
    pattern = re.compile(rf"<!-- {name} -->.*?<!-- /{name} -->|<!-- {name} -->", re.S)
    if not pattern.search(text):
        sys.exit(f"README.md has no <!-- {name} --> marker")
    return pattern.sub(lambda _: f"<!-- {name} -->\n{body}\n<!-- /{name} -->", text, count=1)


def main() -> None:
    text = README.read_text(encoding="utf-8")
    text = replace_block(text, "demo-output", demo())
    text = replace_block(text, "query-output", queries())
    text = replace_block(text, "bench-results", benchmarks())
    README.write_text(text, encoding="utf-8")
    print("README.md updated")


if __name__ == "__main__":
    main()
