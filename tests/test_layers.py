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
    "rdflib": {"ontology", "rdf", "store", "pipeline", "validate", "render", "analysis", "endpoint", "extract.triggers", "extract"},
    "pyshacl": {"validate"},
    "pyoxigraph": {"store", "endpoint"},
    "networkx": {"analysis", "render"},
}
# Core modules use the standard library only.
CORE = {"errors", "model", "fileio"}


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
