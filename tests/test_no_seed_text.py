"""The seed articles are data, not project text: no eight-word run of them appears in any file
of the project (the gold points into them by offsets instead)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SKIP_DIRS = {".git", ".venv", "out", "build", ".pytest_cache", ".hypothesis", "test-artifacts", "__pycache__"}
SUFFIXES = {".py", ".md", ".txt", ".html", ".ttl", ".rq", ".jsonl", ".json", ".tsv", ".js", ".css", ".toml", ".sh"}


def _runs(text: str, n: int = 8) -> set[str]:
    words = re.findall(r"\w+", text.lower())
    return {" ".join(words[i : i + n]) for i in range(len(words) - n + 1)}


def _project_files():
    for path in ROOT.rglob("*"):
        if path.is_file() and path.suffix in SUFFIXES and not SKIP_DIRS & set(path.relative_to(ROOT).parts):
            yield path


def test_no_seed_sentence_is_copied_into_the_project(seeds_dir):
    """Every eight-word run of the seeds is absent from the project's files."""
    seed_runs = set().union(*(_runs(p.read_text(encoding="utf-8")) for p in seeds_dir.iterdir() if p.is_file()))
    copied = {}
    for path in _project_files():
        found = seed_runs & _runs(path.read_text(encoding="utf-8", errors="replace"))
        if found:
            copied[str(path.relative_to(ROOT))] = sorted(found)[:2]
    assert not copied, copied
