"""Progress: click's progress bar over the documents and every later stage of a build, an
ingest and an extract — on a terminal only; redirected output stays free of it."""

import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

TIMELINE = shutil.which("timeline", path=str(Path(sys.executable).parent)) or "timeline"


def on_terminal(args, cwd):
    """Run the command with stderr on a pseudo-terminal; (exit status, what the terminal got)."""
    master, slave = pty.openpty()
    process = subprocess.Popen([TIMELINE, *map(str, args)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=slave, cwd=cwd)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the command closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    return process.wait(timeout=300), b"".join(chunks).decode("utf-8", "replace")


@pytest.fixture()
def docs(tmp_path, examples_dir):
    folder = tmp_path / "docs"
    shutil.copytree(examples_dir, folder, ignore=shutil.ignore_patterns("queries"))
    return folder


def test_build_shows_every_stage_on_a_terminal(tmp_path, docs):
    """On a terminal, build shows the documents' bar, then merging, validating, rendering, writing."""
    status, shown = on_terminal(["build", docs, "-o", tmp_path / "out"], tmp_path)
    assert status == 0, shown
    assert "documents" in shown and "5/5" in shown
    for stage in ("merging", "building the graph", "validating", "rendering", "writing"):
        assert stage in shown, (stage, shown[-2000:])


def test_ingest_and_extract_show_their_stages_on_a_terminal(tmp_path, docs):
    """ingest shows its documents and the merge; extract its documents, the graph and the write."""
    status, shown = on_terminal(["ingest", docs, "--store", tmp_path / "kg"], tmp_path)
    assert status == 0 and "documents" in shown and "merging and writing the store" in shown, shown[-2000:]
    status, shown = on_terminal(["extract", docs, "-o", tmp_path / "g.ttl"], tmp_path)
    assert status == 0 and "documents" in shown and "building the graph" in shown and "writing" in shown, shown[-2000:]


def test_no_progress_when_stderr_is_not_a_terminal(tmp_path, docs):
    """Redirected, stderr holds the summary lines only: no bar, no stage names."""
    done = subprocess.run([TIMELINE, "build", docs, "-o", tmp_path / "out"], capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert done.returncode == 0
    assert "validating" not in done.stderr and "\r" not in done.stderr and "%" not in done.stderr
