"""The `timeline` command line: thin click commands over the library.

Each command parses its arguments, calls one library function and prints. Every
TimelineError becomes one line on stderr (``Error: FILE: problem``) and exit status 1; no
traceback reaches the user (set TIMELINE_DEBUG=1 to see one for an unexpected failure).
When the reader of standard output goes away (``timeline query … | head``), a command stops
quietly with status 1, as Python's documentation advises for SIGPIPE.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path
from typing import Any

import click

from .errors import TimelineError

from .formats import QUAD_FORMATS, RDF_FORMATS, output_format


_ENV_MAX_SIZE = "TIMELINE_MAX_DOCUMENT_SIZE"  # timeline.inputs.ENV_MAX_SIZE, without importing it here


class Terminated(BaseException):
    """Raised in the main thread on SIGTERM, so output being written is cleaned up as on Ctrl-C."""


def _terminate(_signum: int, _frame: object) -> None:
    raise Terminated()


def _reader_gone() -> bool:
    """Whether standard output is a pipe (or socket) whose reader has closed it: a broken pipe
    elsewhere (a worker, a SPARQL server) is still an error worth a message."""
    import select

    try:
        poller = select.poll()
        poller.register(sys.stdout.fileno(), 0)  # errors and hang-ups are reported whatever is asked
        return any(events & (select.POLLERR | select.POLLHUP) for _, events in poller.poll(0))
    except (AttributeError, OSError, ValueError):  # no poll(), or no file behind stdout (a test runner's)
        return False


def _silence_stdout() -> None:
    """Point standard output at the null device, so nothing still buffered fails at exit
    (https://docs.python.org/3/library/signal.html#note-on-sigpipe)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


class TimelineGroup(click.Group):
    """Turns the library's errors into one-line messages, in one place for every command."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().main(*args, **kwargs)
        finally:
            try:
                if sys.stdout is not None:
                    sys.stdout.flush()  # what is still buffered, while a closed pipe can be caught here
            except BrokenPipeError:
                _silence_stdout()
                sys.exit(1)

    def invoke(self, ctx: click.Context) -> object:
        previous = signal.signal(signal.SIGTERM, _terminate)
        limit = os.environ.get(_ENV_MAX_SIZE)  # --max-size sets it for this command only
        try:
            return super().invoke(ctx)
        except Terminated:
            click.echo("Terminated.", err=True)
            ctx.exit(143)
        except TimelineError as error:
            click.echo(f"Error: {error}", err=True)
            ctx.exit(1)
        except OSError as error:
            if isinstance(error, BrokenPipeError) and _reader_gone():
                _silence_stdout()  # the reader has what it wanted (`| head`): no message
                ctx.exit(1)
            where = f"{error.filename}: " if error.filename else ""
            click.echo(f"Error: {where}{error.strerror or error}", err=True)
            ctx.exit(1)
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            ctx.exit(130)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as error:  # a bug: say so in one line, traceback on request
            if os.environ.get("TIMELINE_DEBUG"):
                raise
            click.echo(f"Error: internal error: {type(error).__name__}: {error} (TIMELINE_DEBUG=1 shows the traceback)", err=True)
            ctx.exit(70)
        finally:
            signal.signal(signal.SIGTERM, previous)
            if limit is None:
                os.environ.pop(_ENV_MAX_SIZE, None)
            else:
                os.environ[_ENV_MAX_SIZE] = limit


def _published(_ctx: click.Context, _param: click.Parameter, value: str | None):
    if value is None:
        return None
    from .temporal import parse_date_arg

    return parse_date_arg(value)  # a DateError becomes one line through TimelineGroup


class _Progress:
    """click's progress bar on stderr, only on a terminal: one bar over the documents (count,
    percentage, time left, the current file), then one over the later stages, named as they
    start (merging, validating, rendering, writing…)."""

    def __init__(self) -> None:
        self._bar: Any = None
        self._stages = False

    def _open(self, length: int, label: str) -> None:
        self.close()
        self._bar = click.progressbar(length=length, label=label, file=sys.stderr, show_pos=True, width=24,
                                      item_show_func=lambda item: item)
        self._bar.__enter__()

    def __call__(self, done: int, total: int, path: str) -> None:
        """After each document: ``done`` of ``total``, ``path`` the one just read."""
        if self._bar is None or self._stages:
            self._stages = False
            self._open(total, "documents")
        self._bar.update(done - self._bar.pos, current_item=Path(path).name[:40])

    def stage(self, name: str, index: int, total: int) -> None:
        """A later stage starts: ``name``, the ``index``-th (1-based) of ``total``."""
        if not self._stages:
            self._open(total, "stages")
            self._stages = True
        self._bar.label = name
        self._bar.update(index - 1 - self._bar.pos, current_item="")
        self._bar.render_progress()  # a stage that moves no step still shows its name

    def close(self) -> None:
        if self._bar is not None:
            if self._stages:
                self._bar.update(self._bar.length - self._bar.pos)
            self._bar.__exit__(None, None, None)
            self._bar = None


def _base_uri(_ctx: click.Context, _param: click.Parameter, value: str | None):
    import re

    if value is not None and not re.match(r"[A-Za-z][A-Za-z0-9+.-]*://\S+$", value):
        raise click.BadParameter(f"{value!r}: expected an absolute URI such as https://archive.example.org/news/")
    return value


_BASE_URI_OPTION = click.option(
    "--base-uri", callback=_base_uri, metavar="URI",
    help="Name documents in the graph by this URI and their path from the folder given (default: that path itself).",
)


def _progress(enabled: bool) -> _Progress | None:
    return _Progress() if enabled and sys.stderr.isatty() else None


@click.group(cls=TimelineGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="timeline")
@click.option("--max-size", metavar="SIZE", help="Skip documents larger than SIZE (default 10M; 0: no limit; env TIMELINE_MAX_DOCUMENT_SIZE).")
def main(max_size: str | None) -> None:
    """Turn news articles and reports into an event-timeline knowledge graph.

    \b
    Example:
      timeline build examples -o out      # graph.ttl + timeline.html + summary
      timeline query out/graph.ttl timeline
    """
    if max_size is not None:
        from .inputs import parse_size

        os.environ[_ENV_MAX_SIZE] = str(parse_size(max_size))  # read by every reader, workers too


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write RDF here (format from the extension); default stdout.")
@click.option("--published", callback=_published, metavar="YYYY-MM-DD", help="Publication date of the documents named.")
@click.option("--format", "fmt", type=click.Choice(sorted(RDF_FORMATS)), help="RDF format (default: from -o's suffix: .ttl .nt .nq .trig .jsonld .rdf; else turtle).")
@click.option("-j", "--jobs", type=click.IntRange(1, 256), default=1, show_default=True, help="Worker processes.")
@click.option("--scheduler", metavar="ADDRESS", help="Extract on a Dask cluster (tcp://host:8786); needs timeline[dask].")
@click.option("--progress/--no-progress", default=True, help="Show progress on a terminal.")
@_BASE_URI_OPTION
def extract(paths, output, published, fmt, jobs, scheduler, progress, base_uri) -> None:
    """Extract events from files or folders (.txt, .md, .html) as RDF; - reads one document
    from stdin.

    \b
    Example:
      timeline extract examples -o graph.ttl
      timeline extract article.txt --published 2025-10-02 --format nt
      curl -s https://example.org/news.html | timeline extract - -o news.ttl
      timeline extract corpus -o graph.nq -j 2                # or --scheduler tcp://host:8786 (Dask)
    """
    from . import pipeline
    from .outputs import check_output

    if output:
        check_output(output, [p for p in paths if str(p) != "-"])  # never a device, a FIFO or a document read
    fmt = output_format(output, fmt)  # a suffix that is no RDF format is refused before any work
    if "-" in map(str, paths):
        if len(paths) > 1:
            raise click.UsageError("- (a document on stdin) cannot be combined with other paths")
        _extract_stdin(output, published, fmt)
        return
    bar = _progress(progress)
    with _dask_client(scheduler) as client:
        report = pipeline.extract_to(
            paths, output or sys.stdout.buffer, fmt, published=published, jobs=jobs, client=client,
            progress=bar, base_uri=base_uri, stage=bar.stage if bar else None,
        )
    if bar:
        bar.close()
    _tell_problems(report.warnings, report.errors, documents=report.documents)
    if output:
        click.echo(
            f"wrote {output}: {report.documents} documents, {report.events} events"
            + (f"; {len(report.errors)} file(s) skipped" if report.errors else ""),
            err=True,
        )
    if report.errors:
        sys.exit(1)


def _tell_problems(warnings, errors, *, documents: int | None = None) -> None:
    """One line per warning and per unreadable document; nothing read at all is an error."""
    for warning in warnings:
        click.echo(f"Warning: {warning}", err=True)
    for error in errors:
        click.echo(f"Error: {error}", err=True)
    if documents == 0:
        raise TimelineError("no document could be read; nothing written")


def _extract_stdin(output, published, fmt) -> None:
    """One document from standard input, extracted and written in memory."""
    from . import pipeline, store

    extraction = pipeline.extract_bytes(click.get_binary_stream("stdin").read(), published=published)
    _tell_problems(extraction.warnings, extraction.errors, documents=len(extraction.documents))
    data = pipeline.to_dataset(extraction) if fmt in QUAD_FORMATS else pipeline.to_graph(extraction)
    if output:
        store.write_graph(data, output, fmt)
        click.echo(f"wrote {output}: {len(extraction.documents)} documents, {len(extraction.merged())} events", err=True)
    else:
        click.echo(store.serialize(data, fmt), nl=False)
    if extraction.errors:
        sys.exit(1)


class _dask_client:
    """A Dask client for ``--scheduler ADDRESS`` (None without one), closed on exit."""

    def __init__(self, address: str | None) -> None:
        self.address = address
        self.client = None

    def __enter__(self):
        if self.address is None:
            return None
        try:
            from distributed import Client
        except ImportError:
            raise TimelineError("--scheduler needs Dask: pip install 'timeline[dask]'") from None
        try:
            self.client = Client(self.address, timeout="5s")
        except (OSError, TimeoutError) as error:
            raise TimelineError(f"--scheduler {self.address}: cannot connect ({error})") from None
        return self.client

    def __exit__(self, *exc) -> None:
        if self.client is not None:
            self.client.close()


@main.command()
@click.argument("args", nargs=-1, metavar="GRAPH... [NAME]")
@click.option("-q", "--query", "text", help="SPARQL query text.")
@click.option("-f", "--file", "file", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path), help="Read the SPARQL query from a file (- for stdin).")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json", "csv", "tsv", "turtle", "nt", "json-ld", "rdfxml", "trig", "nquads"]),
    help="SELECT/ASK: table (default) or the W3C SPARQL 1.1 results formats json, csv, tsv. CONSTRUCT/DESCRIBE: turtle (default) or another RDF format.",
)
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE", help="Bind ?NAME to VALUE (dates as YYYY-MM-DD).")
@click.option("--list", "list_", is_flag=True, help="List the named queries and exit.")
@click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=Path), help="Query a store folder (see `timeline ingest`) instead of files.")
@click.option("--endpoint", metavar="URL", help="Query a SPARQL server (credentials: TIMELINE_SPARQL_USER/_PASSWORD).")
@click.option("--graph", "graph_iri", metavar="IRI", help="With --endpoint: the graph to query.")
@click.option("--with-ontology", is_flag=True, help="Over files: add the ontology to the default graph (it is always the named graph <https://w3id.org/timeline-kg/ontology>).")
def query(args, text, file, fmt, params, list_, store_dir, endpoint, graph_iri, with_ontology) -> None:
    """Run SPARQL 1.1 over graph files, a store or a SPARQL server.

    Give the query with -q, -f (- reads stdin), or the NAME of a shipped query (see --list).
    The last argument is taken as a NAME when it is not a file. Over files the default graph
    holds their triples only; the ontology is the named graph
    <https://w3id.org/timeline-kg/ontology> (for type hierarchies: GRAPH <…ontology> { ?t
    rdfs:subClassOf* tl:Event }).

    \b
    Example:
      timeline query out/graph.ttl timeline
      timeline query out/graph.ttl -q 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' --format json
      timeline query out/graph.ttl in-range -p from=2020-01-01 -p to=2020-12-31 --format csv
      echo 'CONSTRUCT WHERE { ?e a tl:Repatriation ; ?p ?o }' | timeline query out/graph.ttl -f -
    """
    graphs = [Path(a) for a in args]
    name = None
    if not list_ and not (text or file) and graphs and not graphs[-1].is_file():
        name = str(graphs.pop())
    if name and store_dir is not None and not graphs and not endpoint:  # a shipped query's kept rows, if the store has them
        from .keptrows import kept_answer

        kept = kept_answer(store_dir, name, dict(_param(p) for p in params), fmt)
        if kept is not None:
            _print_answer(*kept)
            return
    from . import store

    named = store.named_queries()
    if list_:
        for item in named.values():
            click.echo(f"{item.name:<16} {item.description}")
        return
    chosen = [x for x in (text, file, name) if x]
    if len(chosen) != 1:
        raise click.UsageError("give exactly one query: -q TEXT, -f FILE or a NAME (see --list)")
    if not graphs and not (store_dir or endpoint):
        raise click.UsageError("give at least one GRAPH file, --store DIR or --endpoint URL")
    if file and str(file) == "-":
        sparql = click.get_text_stream("stdin").read()
    elif file:
        sparql = store.read_query_file(file)
    elif name:
        if name not in named:
            raise TimelineError(f"no named query {name!r}; available: {', '.join(sorted(named))}")
        sparql = name  # by name: a store answers it from its kept rows
    else:
        sparql = text
    bindings = dict(_param(p) for p in params)
    sources = store.sources(graphs, store_dir=store_dir, endpoint_url=endpoint, graph=graph_iri)
    result = store.query(sources, sparql, bindings=bindings, with_ontology=with_ontology)
    _print_answer(result.warnings, result.chunks(fmt))


def _print_answer(notes, chunks) -> None:
    """Notes on stderr, then the text a page at a time (a large result prints as it is written)."""
    for note in notes:
        click.echo(f"Note: {note}", err=True)
    last = ""
    for chunk in chunks:
        if chunk:
            click.echo(chunk, nl=False)
            last = chunk
    if not last.endswith("\n"):
        click.echo("")


_STORE_OPTION = click.option(
    "--store", "store_dir", type=click.Path(file_okay=False, path_type=Path), help="Read a store folder (see `timeline ingest`) instead of files."
)


def _read(graphs, store_dir):
    """The graph to work on: the union of graph files, or a whole store."""
    from . import store

    return store.read_graph(store.sources(list(graphs), store_dir=store_dir))


def _param(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise click.BadParameter(f"{text!r}: expected NAME=VALUE", param_hint="--param")
    return name.lstrip("?"), value


@main.command()
@click.argument("graphs", nargs=-1, type=click.Path(path_type=Path))
@_STORE_OPTION
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path), help="The HTML file to write.")
@click.option("--title", default="timeline", show_default=True, help="Page title.")
def render(graphs, store_dir, output, title) -> None:
    """Write the interactive timeline graph as one offline HTML file.

    \b
    Example:
      timeline render out/graph.ttl -o timeline.html
      timeline render --store kg -o timeline.html
    """
    from .fileio import atomic_write
    from .outputs import check_output
    from .render import render_html

    check_output(output, graphs)
    atomic_write(output, render_html(_read(graphs, store_dir), title=title))
    click.echo(f"wrote {output}", err=True)


@main.command()
@click.argument("graphs", nargs=-1, type=click.Path(path_type=Path))
@_STORE_OPTION
def validate(graphs, store_dir) -> None:
    """Check graphs against the SHACL shapes (ontology/shapes.ttl); exit 1 on a violation.

    \b
    Example:
      timeline validate out/graph.ttl
      timeline validate --store kg
    """
    from .validate import validate_graph

    report = validate_graph(_read(graphs, store_dir))
    click.echo(report.text())
    if not report.conforms:
        sys.exit(1)


@main.command()
@click.argument("source", required=False, default="examples", type=click.Path(path_type=Path))
@click.option("-o", "--output", "out_dir", default="out", show_default=True, type=click.Path(file_okay=False, path_type=Path), help="Folder for graph.ttl and timeline.html.")
@click.option("--published", callback=_published, metavar="YYYY-MM-DD", help="Publication date for documents that state none.")
@click.option("-j", "--jobs", type=click.IntRange(1, 256), default=1, show_default=True, help="Worker processes.")
@click.option("--format", "fmt", type=click.Choice(sorted(RDF_FORMATS)), default="turtle", show_default=True, help="Format of the graph file (graph.ttl, graph.nt, graph.rdf…).")
@_BASE_URI_OPTION
def build(source, out_dir, published, jobs, fmt, base_uri) -> None:
    """Extract, validate, render and summarise: the main job.

    \b
    Example:
      timeline build examples -o out
      timeline build ../shared/seeds -o seeds-out
    """
    from . import pipeline

    bar = _progress(True)
    result = pipeline.build(source, out_dir, published=published, jobs=jobs, progress=bar, graph_format=fmt,
                            stage=bar.stage if bar else None, base_uri=base_uri)
    if bar:
        bar.close()
    _tell_problems(result.warnings, result.errors)
    click.echo(result.summary.text())
    click.echo(result.validation.text(limit=10))
    click.echo(f"wrote {result.graph_path} and {result.html_path}")
    if result.errors or not result.validation.conforms:
        sys.exit(1)


@main.command()
@click.argument("graphs", nargs=-1, type=click.Path(path_type=Path))
@_STORE_OPTION
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def stats(graphs, store_dir, fmt) -> None:
    """Events per year and type, the most connected actors, documents per event, contested events.

    \b
    Example:
      timeline stats out/graph.ttl
      timeline stats --store kg --format json
    """
    from .analysis import format_stats, graph_stats

    click.echo(format_stats(graph_stats(_read(graphs, store_dir)), fmt))


@main.command()
@click.argument("graphs", nargs=-1, type=click.Path(path_type=Path))
@_STORE_OPTION
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path), help="A .graphml or .gexf file.")
def export(graphs, store_dir, output) -> None:
    """Export for Gephi and friends (.graphml, or .gexf with time on events), or as RDF.

    RDF suffixes (.ttl .nt .nq .trig .jsonld .rdf) write the graph itself; TriG and N-Quads
    keep a store's named graphs (one per document, plus the events graph).

    \b
    Example:
      timeline export out/graph.ttl -o timeline.gexf
      timeline export --store kg -o kg.trig
    """
    from . import store
    from .analysis import EXPORT_FORMATS, export_graph
    from .formats import OUTPUT_SUFFIXES, suffix_list
    from .outputs import check_output

    check_output(output, graphs)
    suffix = output.suffix.lower()
    if suffix not in OUTPUT_SUFFIXES and suffix not in EXPORT_FORMATS:
        graphs_too = ", ".join(f"{s} ({n})" for s, n in EXPORT_FORMATS.items())
        raise TimelineError(f"{output}: cannot export to {suffix or 'a file without a suffix'!r}; use one of {graphs_too}, {suffix_list()}")
    fmt = OUTPUT_SUFFIXES.get(suffix)
    if fmt:
        source = store.sources(list(graphs), store_dir=store_dir)
        store.write_graph(source if store_dir else store.read_graph(source), output, fmt)
    else:
        export_graph(_read(graphs, store_dir), output)
    click.echo(f"wrote {output}", err=True)


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--published", callback=_published, metavar="YYYY-MM-DD", help="Publication date (the DCT) if the document states none.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True)
def timex(file, published, fmt) -> None:
    """Time expressions in one document, normalised as TimeML TIMEX3 values.

    \b
    Example:
      timeline timex examples/2025-10-02-kcna-commentary.txt --format table
    """
    from .documents import read_document
    from .temporal import find_timexes, format_timex_records, timex_records

    doc = read_document(file, published=published)
    click.echo(format_timex_records(timex_records(find_timexes(doc.text, doc.published)), fmt), nl=False)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--store", "store_dir", required=True, type=click.Path(file_okay=False, path_type=Path), help="The store folder (created if missing).")
@click.option("--published", callback=_published, metavar="YYYY-MM-DD", help="Publication date for documents that state none.")
@click.option("-j", "--jobs", type=click.IntRange(1, 256), default=1, show_default=True, help="Worker processes.")
@click.option("--prune", is_flag=True, help="Remove documents ingested from these folders that are gone.")
@_BASE_URI_OPTION
def ingest(paths, store_dir, published, jobs, prune, base_uri) -> None:
    """Add documents to a persistent store; unchanged ones are skipped, changed ones replaced.

    \b
    Example:
      timeline ingest examples --store kg
      timeline ingest examples --store kg --prune -j 2      # and forget deleted files
      timeline query --store kg timeline
    """
    from .ingest import ingest_paths

    bar = _progress(True)
    report, errors = ingest_paths(store_dir, paths, published=published, jobs=jobs, prune=prune, progress=bar,
                                  stage=bar.stage if bar else None,
                                  warn=lambda line: click.echo(f"Warning: {line}", err=True), base_uri=base_uri)
    if bar:
        bar.close()
    for error in errors:
        click.echo(f"Error: {error}", err=True)
    click.echo(report.text())
    if errors:
        sys.exit(1)


@main.command()
@click.argument("graphs", nargs=-1, type=click.Path(path_type=Path))
@_STORE_OPTION
@click.option("--endpoint", metavar="URL", required=True, help="The SPARQL query URL of the server (credentials: TIMELINE_SPARQL_USER/_PASSWORD).")
@click.option("--graph", "graph_iri", metavar="IRI", help="Graph for a plain graph file (named graphs keep their own names).")
@click.option("--update-url", metavar="URL", help="SPARQL Update URL, if not the query URL.")
@click.option("--method", type=click.Choice(["update", "gsp"]), default="update", show_default=True, help="Batched INSERT DATA, or Graph Store Protocol PUT per graph.")
@click.option("--gsp-url", metavar="URL", help="With --method gsp: the Graph Store URL (default: from --endpoint for Virtuoso's /sparql and Fuseki's /DATASET/sparql).")
@click.option("--batch", type=click.IntRange(1, 100_000), default=500, show_default=True, help="Triples per INSERT DATA request.")
@click.option("--append", is_flag=True, help="Add to the graphs instead of replacing them.")
def push(graphs, store_dir, endpoint, graph_iri, update_url, method, gsp_url, batch, append) -> None:
    """Push graph files or a store into a SPARQL server (Virtuoso, Fuseki, GraphDB…).

    Virtuoso takes anonymous updates at /sparql only after GRANT SPARQL_UPDATE TO "SPARQL"
    (isql); otherwise use /sparql-auth with TIMELINE_SPARQL_USER/_PASSWORD.

    \b
    Example:
      timeline push out/graph.ttl --endpoint http://127.0.0.1:8890/sparql --graph https://example.org/kg
      timeline push --store kg --endpoint http://127.0.0.1:8890/sparql --method gsp
      timeline push --store kg --endpoint http://127.0.0.1:3030/kg/sparql --method gsp --gsp-url http://127.0.0.1:3030/kg/data
    """
    from . import store
    from .endpoint import connect

    source = store.sources(list(graphs), store_dir=store_dir)
    data = source if store_dir else store.read_graph(source)
    server = connect(endpoint, graph=graph_iri, batch_size=batch, update_url=update_url, gsp_url=gsp_url)
    click.echo(server.push(data, replace=not append, method=method).text())


if __name__ == "__main__":  # pragma: no cover
    main()
