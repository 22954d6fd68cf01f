"""The command line: help with examples, exit codes, and one clear line for every bad input."""

import json
import re

import pytest
from click.testing import CliRunner

from timeline.cli import main

COMMANDS = ["extract", "query", "render", "validate", "build", "stats", "export", "ingest", "push", "timex"]


def _one_line_error(result, *needles):
    assert result.exit_code != 0
    lines = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert lines, result.output
    assert "Traceback" not in result.output
    for needle in needles:
        assert any(needle in line for line in lines), (needle, result.output)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(run, command):
    """`timeline CMD --help` explains the command and shows an example."""
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.output


def test_extract_writes_turtle_with_events(run, tmp_path, examples_dir):
    """Extracting the examples writes a Turtle file with documents and events."""
    out = tmp_path / "g.ttl"
    result = run("extract", examples_dir, "-o", out)
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "tl:Document" in text and "oa:TextQuoteSelector" in text


@pytest.mark.parametrize("fmt,marker", [("nt", " .\n"), ("json-ld", '"@id"'), ("trig", "{")])
def test_extract_formats(run, tmp_path, examples_dir, fmt, marker):
    """--format picks the serialisation; stdout gets the RDF."""
    result = run("extract", examples_dir / "2026-01-15-border-and-sentences.md", "--format", fmt)
    assert result.exit_code == 0, result.output
    assert marker in result.output


def _write(path, data):
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    "name,data,needle",
    [
        ("empty.txt", b"", "empty"),
        ("blank.md", b"  \n\n ", "empty"),
        ("binary.txt", b"\x00\x01\x02binary\x00", "binary"),
    ],
)
def test_bad_file_is_one_line_and_nothing_is_written(run, tmp_path, name, data, needle):
    """A bad file: one line naming it and the problem, exit 1, no output file."""
    bad = _write(tmp_path / name, data)
    out = tmp_path / "out.ttl"
    result = run("extract", bad, "-o", out)
    _one_line_error(result, name, needle)
    assert not out.exists()


def test_missing_file(run, tmp_path):
    """A path that does not exist is named in the error."""
    result = run("extract", tmp_path / "nope.txt")
    _one_line_error(result, "nope.txt")


def test_folder_without_documents(run, tmp_path):
    """A folder with no documents says so and names the folder."""
    (tmp_path / "notes.csv").write_text("a,b\n", encoding="utf-8")
    result = run("extract", tmp_path)
    _one_line_error(result, str(tmp_path))


def test_one_bad_file_in_a_folder_is_skipped_and_the_rest_processed(run, tmp_path, examples_dir):
    """The bad file is reported; the good ones still become the graph."""
    folder = tmp_path / "docs"
    folder.mkdir()
    good = examples_dir / "2026-01-15-border-and-sentences.md"
    (folder / "good.md").write_bytes(good.read_bytes())
    _write(folder / "bad.txt", b"\xff\xfe\x00\x00garbage")
    out = tmp_path / "g.ttl"
    result = run("extract", folder, "-o", out)
    assert result.exit_code == 1
    assert "bad.txt" in result.output
    assert out.exists() and "good.md" in out.read_text(encoding="utf-8")


def test_existing_output_survives_a_failed_run(run, tmp_path):
    """A failed run leaves an existing output file exactly as it was."""
    out = tmp_path / "g.ttl"
    out.write_text("previous", encoding="utf-8")
    result = run("extract", _write(tmp_path / "e.txt", b""), "-o", out)
    assert result.exit_code != 0
    assert out.read_text(encoding="utf-8") == "previous"


@pytest.mark.parametrize("value", ["2025-02-30", "yesterday", "2025/10/02", "10-02-2025"])
def test_bad_published_date(run, tmp_path, examples_dir, value):
    """--published takes a real YYYY-MM-DD date and says so in one line."""
    result = run("extract", examples_dir, "--published", value)
    _one_line_error(result, value)


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory, examples_dir):
    out = tmp_path_factory.mktemp("g") / "graph.ttl"
    result = CliRunner().invoke(main, ["extract", str(examples_dir), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_malformed_sparql_names_line_and_column(run, graph_file):
    """A syntax error in a query reports where it is."""
    result = run("query", graph_file, "-q", "SELECT ?s WHERE {\n  ?s ?p \n")
    _one_line_error(result)
    assert re.search(r"line \d+", result.output) and re.search(r"column \d+", result.output)


def test_graph_that_does_not_parse_is_named(run, tmp_path):
    """A broken graph file is named with the problem."""
    bad = tmp_path / "broken.ttl"
    bad.write_text("@prefix ex: <http://example.org/> .\nex:a ex:b \n", encoding="utf-8")
    for command in (["query", bad, "-q", "ASK {}"], ["validate", bad], ["render", bad, "-o", tmp_path / "x.html"]):
        _one_line_error(run(*command), "broken.ttl")
    assert not (tmp_path / "x.html").exists()


def test_query_json_and_csv(run, graph_file):
    """Named queries run; json and csv formats are machine-readable."""
    result = run("query", graph_file, "-q", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["results"]["bindings"][0]["n"]["datatype"].endswith("#integer")
    csv = run("query", graph_file, "-q", "SELECT ?s WHERE { ?s a <https://w3id.org/timeline-kg/ontology#Document> }", "--format", "csv")
    assert csv.exit_code == 0 and csv.output.splitlines()[0].strip() == "s"


def test_query_list_names_the_shipped_queries(run):
    """`timeline query --list` lists named queries with a description each."""
    result = run("query", "--list")
    assert result.exit_code == 0
    assert "events" in result.output and "timeline" in result.output


def test_unknown_named_query_lists_the_valid_names(run, graph_file):
    """A misspelt query name says which names exist."""
    result = run("query", graph_file, "timelin")
    _one_line_error(result, "timelin", "available:")


def test_missing_query_file_is_named(run, graph_file):
    """-f with a file that does not exist names it."""
    result = run("query", graph_file, "-f", graph_file.parent / "missing.rq")
    _one_line_error(result, "missing.rq")


def test_validate_passes_on_extracted_graph(run, graph_file):
    """What extract writes validates."""
    result = run("validate", graph_file)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("valid")


def test_validate_fails_on_a_violation(run, tmp_path):
    """An event without a source document is a violation and exit 1."""
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix tl: <https://w3id.org/timeline-kg/ontology#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "<http://example.org/e> a tl:Repatriation ; rdfs:label \"x\" .\n",
        encoding="utf-8",
    )
    result = run("validate", bad)
    assert result.exit_code == 1
    assert "invalid" in result.output


def test_store_flows_through_every_reading_command(run, tmp_path, examples_dir):
    """ingest into a store, then stats, validate, render, export and query read the store."""
    kg = tmp_path / "kg"
    first = run("ingest", examples_dir, "--store", kg)
    assert first.exit_code == 0, first.output
    again = run("ingest", examples_dir, "--store", kg)
    assert "5 unchanged" in again.output
    assert run("validate", "--store", kg).exit_code == 0
    stats = run("stats", "--store", kg, "--format", "json")
    assert stats.exit_code == 0 and json.loads(stats.output)
    assert run("render", "--store", kg, "-o", tmp_path / "kg.html").exit_code == 0
    assert (tmp_path / "kg.html").stat().st_size > 10_000
    assert run("export", "--store", kg, "-o", tmp_path / "kg.trig").exit_code == 0
    assert (tmp_path / "kg.trig").read_text(encoding="utf-8").count("{") >= 6  # one graph per document + events
    assert run("export", "--store", kg, "-o", tmp_path / "kg.gexf").exit_code == 0
    table = run("query", "--store", kg, "timeline")
    assert table.exit_code == 0 and "rows)" in table.output


def test_push_needs_a_reachable_server(run, tmp_path, graph_file):
    """push to a server that is not there: one line naming the problem, exit 1."""
    result = run("push", graph_file, "--endpoint", "http://127.0.0.1:9/sparql")
    _one_line_error(result)


def _read_a_little(*args: str) -> tuple[int, str]:
    """Run `timeline ARGS` with its output piped into a reader that closes after one line (as
    `| head -1` does): the exit status and what it wrote on stderr."""
    import subprocess
    import sys

    process = subprocess.Popen([sys.executable, "-m", "timeline.cli", *args], stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout.readline()
    process.stdout.close()
    return process.wait(timeout=300), process.stderr.read().decode()


@pytest.mark.parametrize("command", ["query", "timex", "extract"])
def test_a_reader_that_closes_early_stops_the_command_quietly(tmp_path, examples_dir, command):
    """`timeline CMD … | head -1`: the command stops without a message or a traceback."""
    if command == "query":
        graph = tmp_path / "g.nt"
        graph.write_text("".join(f"<urn:s{i}> <urn:p> \"{'x' * 60} {i}\" .\n" for i in range(20_000)), encoding="utf-8")
        args = [str(graph), "-q", "SELECT * WHERE { ?s ?p ?o }"]
    elif command == "timex":
        text = tmp_path / "dates.txt"
        text.write_text("On March 3, 2019 the report came out, and on 12 May 2020 another.\n" * 4_000, encoding="utf-8")
        args = [str(text)]
    else:
        args = [str(examples_dir), "--format", "nt"]
    status, stderr = _read_a_little(command, *args)
    assert stderr == ""
    assert status in (0, 1)  # 1 when a write met the closed pipe, as Python's documentation advises
