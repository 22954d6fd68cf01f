"""The README's examples run as written."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _section(title: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index(f"## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end > 0 else None]


def test_library_snippet_prints_events(tmp_path):
    """The first 'Use as a library' snippet runs in a fresh folder and prints dated events."""
    code = re.search(r"```python\n(.*?)```", _section("Use as a library"), re.S).group(1)
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 3, done.stdout
    assert all(re.match(r"\d{4}-\d{2}-\d{2}  \w", line) for line in lines), done.stdout
    assert (tmp_path / "graph.ttl").is_file()
