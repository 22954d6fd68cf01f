"""ontology/shapes.ttl is self-contained: pyshacl's own command line, as a user runs it, passes
a graph timeline wrote and catches a broken event, without the ontology."""

import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, XSD

from timeline.cli import main

ROOT = Path(__file__).resolve().parents[1]
SHAPES = ROOT / "ontology" / "shapes.ttl"
PYSHACL = Path(sys.executable).parent / "pyshacl"
SEM = "http://semanticweb.cs.vu.nl/2009/11/sem/"


def pyshacl(data: Path):
    return subprocess.run([str(PYSHACL), "-s", str(SHAPES), str(data)], capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory, examples_dir) -> Path:
    from click.testing import CliRunner

    out = tmp_path_factory.mktemp("shacl") / "graph.ttl"
    assert CliRunner().invoke(main, ["extract", str(examples_dir), "-o", str(out)]).exit_code == 0
    return out


def test_plain_pyshacl_passes_a_graph_timeline_wrote(graph_file):
    """`pyshacl -s ontology/shapes.ttl graph.ttl` conforms, with no ontology passed."""
    done = pyshacl(graph_file)
    assert done.returncode == 0, done.stdout[-2000:]
    assert "Conforms: True" in done.stdout


@pytest.mark.parametrize("breakage,message", [
    ("label", "exactly one rdfs:label"),
    ("dates", "not after sem:hasLatestEndTimeStamp"),
    ("document", "derived from at least one tl:Document"),
])
def test_plain_pyshacl_catches_a_broken_event(graph_file, tmp_path, breakage, message):
    """A repatriation event (a subclass of tl:Event, the ontology not given) with its label gone,
    its dates reversed or its document gone is reported."""
    graph = Graph().parse(graph_file)
    event = next(s for s in graph.subjects(URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), None)
                 if str(graph.value(s, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"))).endswith("#Repatriation"))
    if breakage == "label":
        graph.remove((event, RDFS.label, None))
    elif breakage == "dates":
        graph.set((event, URIRef(SEM + "hasEarliestBeginTimeStamp"), Literal("2030-01-01", datatype=XSD.date)))
    else:
        graph.remove((event, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"), None))
        graph.add((event, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"), URIRef("https://example.org/not-a-document")))
    broken = tmp_path / "broken.ttl"
    graph.serialize(broken, format="turtle")
    done = pyshacl(broken)
    assert done.returncode == 1, done.stdout[-2000:]
    assert "Conforms: False" in done.stdout and message in done.stdout
    assert str(event) in done.stdout or event.n3(graph.namespace_manager) in done.stdout
