"""Installed the ordinary way: a wheel built from the source tree, installed into a fresh venv,
works from any folder; the editable install `make` uses reads the same ontology files."""

import os
import shutil
import site
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from timeline.ontology import ONTOLOGY_PATH, SHAPES_PATH
from timeline.store import named_queries

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "timeline"
# every data file the package reads at run time: the ontology's Turtle, named queries, page assets, data
SHIPPED = sorted(
    p.relative_to(PACKAGE).as_posix()
    for folder in ("ontology_files", "queries", "assets", "data")
    for p in (PACKAGE / folder).iterdir()
    if p.is_file() and not p.name.startswith(".")
)


def _run(*args, cwd=None, env=None):
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{args}: exit {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done


def test_editable_install_reads_the_top_level_ontology():
    """In the source tree the packaged ontology is the top-level ontology/ folder, byte for byte."""
    assert ONTOLOGY_PATH.read_bytes() == (ROOT / "ontology" / "timeline.ttl").read_bytes()
    assert SHAPES_PATH.read_bytes() == (ROOT / "ontology" / "shapes.ttl").read_bytes()
    assert "events" in named_queries()


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """A wheel built (offline, no build isolation) from a clean copy of the source tree."""
    pytest.importorskip("setuptools", minversion="77")
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("timeline", "ontology"):
        shutil.copytree(ROOT / name, src / name, symlinks=True, ignore=ignore)
    dist = tmp_path_factory.mktemp("dist")
    _run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--no-index", "-w", dist, src)
    (built,) = dist.glob("timeline-*.whl")
    return built


def test_wheel_ships_ontology_queries_and_assets(wheel):
    """The wheel holds the ontology, shapes, named queries and page assets as regular files."""
    assert {"ontology_files/timeline.ttl", "ontology_files/shapes.ttl", "queries/events.rq"} <= set(SHIPPED)
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        for item in SHIPPED:
            assert f"timeline/{item}" in names, item
        assert archive.read("timeline/ontology_files/shapes.ttl") == (ROOT / "ontology" / "shapes.ttl").read_bytes()


def test_wheel_in_a_fresh_venv_builds_queries_and_renders(wheel, tmp_path, examples_dir):
    """`pip install` of the wheel into a new venv gives a working `timeline` in another folder."""
    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", venv)
    python = venv / "bin" / "python"
    # the dependencies already installed for the tests, seen by the new venv (offline and fast);
    # a plain path entry, so the editable install's finder in that folder is not activated
    purelib = _run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").stdout.strip()
    (Path(purelib) / "test-deps.pth").write_text("\n".join(site.getsitepackages()) + "\n", encoding="utf-8")
    _run(sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps", "--no-index", wheel)

    work = tmp_path / "elsewhere"
    (work / "docs").mkdir(parents=True)
    for doc in sorted(examples_dir.glob("*.*"))[:3]:
        shutil.copy2(doc, work / "docs" / doc.name)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    timeline = venv / "bin" / "timeline"

    where = _run(python, "-c", "import timeline.ontology as o; print(o.__file__); print(o.ONTOLOGY_PATH)", cwd=work, env=env).stdout
    assert all(line.startswith(str(venv)) for line in where.split()), where

    built = _run(timeline, "build", "docs", "-o", "out", cwd=work, env=env)
    assert "valid:" in built.stdout and (work / "out" / "graph.ttl").is_file()
    listed = _run(timeline, "query", "--list", cwd=work, env=env).stdout
    assert "events" in listed and "timeline" in listed
    rows = _run(timeline, "query", "out/graph.ttl", "events", cwd=work, env=env).stdout
    assert "row" in rows
    _run(timeline, "render", "out/graph.ttl", "-o", "view.html", cwd=work, env=env)
    assert "<html" in (work / "view.html").read_text(encoding="utf-8").lower()
