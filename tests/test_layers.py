"""The house keeps its shape: data flows one way and third-party libraries stay in their rooms."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "timeline"

# Which of our modules may import which third-party libraries.
ROOMS = {
    "click": {"cli"},
    "pyvis": {"render"},
    "dateparser": {"temporal", "datestrings"},
    "charset_normalizer": {"decoding"},
    "rdflib": {"ontology", "rdf", "graphio", "store", "pipeline", "validate", "render", "analysis", "endpoint", "extract.triggers"},
    "pyshacl": {"validate"},
    "pyoxigraph": {"rdf", "graphio", "sparql", "store", "ingest", "endpoint", "keptrefresh", "extract.frames"},
    "distributed": {"cli"},
    "dask": {"cli"},
    "networkx": {"analysis", "render"},
}
# Core modules use the standard library only.
CORE = {"errors", "model", "fileio", "terms"}


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        name = ".".join(path.relative_to(PACKAGE).with_suffix("").parts).removesuffix(".__init__")
        yield name, ast.parse(path.read_text(encoding="utf-8"))


def _imports(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name.split(".")[0], 0
        elif isinstance(node, ast.ImportFrom):
            yield (node.module or "").split(".")[0], node.level


@pytest.mark.parametrize("name,tree", list(_modules()), ids=lambda v: v if isinstance(v, str) else "")
def test_third_party_libraries_stay_in_their_rooms(name, tree):
    """A module imports a third-party library only if it is that library's room."""
    for module, level in _imports(tree):
        if level == 0 and module in ROOMS:
            assert name in ROOMS[module] or name.split(".")[0] in ROOMS[module], f"{name} imports {module}"


@pytest.mark.parametrize("name,tree", [(n, t) for n, t in _modules() if n in CORE], ids=lambda v: v if isinstance(v, str) else "")
def test_core_modules_use_the_standard_library_only(name, tree):
    """errors, model and fileio import nothing but the standard library and each other."""
    import sys

    for module, level in _imports(tree):
        if level == 0 and module != "__future__":
            assert module in sys.stdlib_module_names, f"{name} imports {module}"


def test_nothing_imports_the_cli():
    """The CLI is the shell: no library module depends on it."""
    for name, tree in _modules():
        if name == "cli":
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module in ("cli", "timeline.cli"):
                pytest.fail(f"{name} imports the CLI")


def _loaded_by(*args: str) -> set[str]:
    """The modules a `timeline` command imports (run in a fresh interpreter)."""
    import subprocess
    import sys

    code = (
        "import sys\nfrom timeline.cli import main\n"
        f"try:\n    main({list(args)!r})\nexcept SystemExit:\n    pass\n"
        "print('\\n'.join(sorted(sys.modules)), file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    return set(done.stderr.split())


def test_timex_and_query_load_neither_the_language_layer_nor_what_they_do_not_use(tmp_path):
    """`timeline timex` reads no RDF and no HTML reader for a text file; `timeline query` over a
    file loads no language layer, rdflib, extractor, document reader, model or kept rows."""
    examples = PACKAGE.parent / "examples"
    timex = _loaded_by("timex", str(next(examples.glob("*.txt"))))
    language = {"spacy", "lemminflect", "timeline.language", "timeline.extract"}
    assert not language & timex
    assert not {"rdflib", "pyoxigraph", "pyshacl", "timeline.store", "timeline.sparql", "timeline.htmlpage"} & timex
    graph = tmp_path / "g.nt"
    graph.write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    query = _loaded_by("query", str(graph), "-q", "SELECT * WHERE { ?s ?p ?o }")
    assert "timeline.sparql" in query
    assert not language & query
    assert not {"rdflib", "pyshacl", "dateparser", "timeline.temporal", "timeline.documents", "timeline.model", "timeline.keptrows"} & query


def test_the_rdf_stage_loads_no_rdflib():
    """Records, merge and the streamed output (N-Triples and Turtle) never load rdflib or pyshacl."""
    import subprocess
    import sys

    code = """
import io, sys
sys.path.insert(0, "tests")
from store_fixtures import corpus, merge_by_label
from timeline import stream
docs, events = corpus()
for syntax, fmt in (("nt", "nt"), ("turtle", "turtle"), ("nt", "json-ld"), ("trig", "trig")):
    run = stream.Run(syntax=syntax)
    for doc in docs:
        run.add(stream.document_record(doc, events[doc.id], syntax=syntax))
    run.merge(merge_by_label)
    run.write(io.BytesIO(), fmt)
print(" ".join(sorted(m for m in sys.modules if m.split(".")[0] in ("rdflib", "pyshacl"))))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=PACKAGE.parent)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""


def test_the_temporal_package_imports_one_way():
    """timeline.temporal's modules import one another without circles, none over ~800 lines."""
    import graphlib

    graph = {}
    for path in sorted((PACKAGE / "temporal").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert len(text.splitlines()) <= 850, f"timeline/temporal/{path.name} is over ~800 lines"
        graph[path.stem] = set()
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                graph[path.stem] |= {node.module} if node.module else {a.name for a in node.names}
    try:
        list(graphlib.TopologicalSorter(graph).static_order())
    except graphlib.CycleError as exc:
        pytest.fail(f"import circle in timeline.temporal: {' -> '.join(exc.args[1])}")
