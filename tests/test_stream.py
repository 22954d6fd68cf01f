"""The streamed data path: the same graph as the in-memory one, whatever runs the extraction."""

from __future__ import annotations

import io

import pyoxigraph as ox
import pytest
from rdflib.compare import isomorphic

from timeline import pipeline, rdf, stream
from timeline.graphio import read_graph


def _sorted_nquads(data: bytes) -> list[str]:
    return sorted(str(q) for q in ox.parse(data, format=ox.RdfFormat.N_QUADS))


@pytest.fixture(scope="module")
def local_nquads(examples_dir) -> bytes:
    out = io.BytesIO()
    report = pipeline.extract_to([examples_dir], out, "nquads")
    assert report.documents == 5 and not report.errors
    return out.getvalue()


def test_streamed_quads_equal_the_in_memory_dataset(examples_dir, local_nquads):
    """extract_to writes exactly the quads rdf.build_dataset gives for the same extraction."""
    extraction = pipeline.extract_paths([examples_dir])
    dataset = rdf.build_dataset(extraction.documents, extraction.merged())
    expected = sorted(str(q) for q in ox.parse(dataset.serialize(format="nquads").encode(), format=ox.RdfFormat.N_QUADS))
    assert _sorted_nquads(local_nquads) == expected


def test_streamed_turtle_equals_the_in_memory_graph(examples_dir, tmp_path):
    """The Turtle a run streams is the graph rdf.build_graph builds."""
    extraction = pipeline.extract_paths([examples_dir])
    pipeline.extract_to([examples_dir], tmp_path / "g.ttl", "turtle")
    assert isomorphic(read_graph([tmp_path / "g.ttl"]), rdf.build_graph(extraction.documents, extraction.merged()))


def test_worker_processes_give_the_same_bytes(examples_dir, local_nquads):
    """-j 2: workers read, extract and serialise; the output is byte for byte the same."""
    out = io.BytesIO()
    pipeline.extract_to([examples_dir], out, "nquads", jobs=2)
    assert out.getvalue() == local_nquads


def test_a_dask_cluster_gives_the_same_quads(examples_dir, local_nquads):
    """Extraction mapped over a Dask LocalCluster, merged over all partitions' mentions: the same quads."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client:
            out = io.BytesIO()
            report = pipeline.extract_with_client(client, [examples_dir], out, "nquads")
    assert report.documents == 5
    assert _sorted_nquads(out.getvalue()) == _sorted_nquads(local_nquads)


def test_records_carry_no_document_text(examples_dir):
    """What crosses to the merging process is the document's RDF text and compact mentions:
    no quote except a title line's (the merge reads headlines)."""
    from timeline.documents import plan_documents

    plan = plan_documents([examples_dir])
    record = stream.process(plan[0], stream.Dating(), "nt")
    assert record.mentions
    assert all(m.sentence.text == "" or m.sentence.start == 0 for m in record.mentions)
    assert all(m.trigger.text == "" for m in record.mentions)
    assert all(p.mention is None for m in record.mentions for p in m.participants)


def test_the_run_spools_records_instead_of_keeping_them(examples_dir):
    """A run keeps counts and compact mentions in memory; each document's text goes to the spool."""
    from timeline.documents import plan_documents

    with stream.run_plan(plan_documents([examples_dir])) as run:
        assert run.documents == 5 and run._spool is not None and run.mention_count > 0
        assert not [name for name, value in vars(run).items() if isinstance(value, list) and value and name not in ("errors", "warnings")]
        chunks = list(run.chunks())
    assert sum(c.count("\n") for c in chunks) > 100


@pytest.mark.parametrize("suffix", [".ttl", ".trig", ".jsonld", ".nt", ".rdf"])
def test_every_format_holds_the_same_graph(examples_dir, tmp_path, suffix):
    """Turtle and TriG written natively, the other formats converted by pyoxigraph: one graph."""
    fmt = {".ttl": "turtle", ".trig": "trig", ".jsonld": "json-ld", ".nt": "nt", ".rdf": "xml"}[suffix]
    pipeline.extract_to([examples_dir], tmp_path / f"g{suffix}", fmt)
    pipeline.extract_to([examples_dir], tmp_path / "g.nq", "nquads")
    assert isomorphic(read_graph([tmp_path / f"g{suffix}"]), read_graph([tmp_path / "g.nq"]))


def test_the_cli_extracts_on_a_dask_scheduler(run, examples_dir, tmp_path, local_nquads):
    """`timeline extract CORPUS --scheduler ADDRESS` gives the local run's quads."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        result = run("extract", examples_dir, "-o", tmp_path / "g.nq", "--scheduler", cluster.scheduler_address)
    assert result.exit_code == 0, result.output
    assert _sorted_nquads((tmp_path / "g.nq").read_bytes()) == _sorted_nquads(local_nquads)


def test_an_unreachable_scheduler_is_one_line(run, examples_dir, tmp_path):
    """No scheduler there: one line naming it, exit 1, nothing written."""
    pytest.importorskip("distributed")
    result = run("extract", examples_dir, "-o", tmp_path / "g.nq", "--scheduler", "tcp://127.0.0.1:9")
    assert result.exit_code == 1 and "tcp://127.0.0.1:9" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "g.nq").exists()


def test_warm_forked_workers_give_what_a_cold_single_process_gives(tmp_path):
    """-j 2 on a generated corpus (the workers forked from a process that loaded the model and ran
    the extractor once) writes the bytes a fresh -j 1 process writes: warming up changes nothing."""
    import importlib.util
    import subprocess
    import sys
    from pathlib import Path

    spec = importlib.util.spec_from_file_location("synthetic", Path(__file__).resolve().parents[1] / "benchmarks" / "synthetic.py")
    synthetic = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(synthetic)
    synthetic.write_corpus(tmp_path / "corpus", 24, 3)
    outputs = {}
    for jobs in (1, 2):
        outputs[jobs] = tmp_path / f"j{jobs}.nq"
        done = subprocess.run([sys.executable, "-m", "timeline.cli", "extract", str(tmp_path / "corpus"), "-o", str(outputs[jobs]),
                               "--no-progress", "-j", str(jobs)], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
    one, two = outputs[1].read_bytes(), outputs[2].read_bytes()
    assert len(_sorted_nquads(one)) > 1000
    assert two == one
