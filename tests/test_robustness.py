"""How real users break timeline: odd paths, odd bytes, odd graphs, hostile text, no dates.

The standard: bad input never crashes and never loses data (one line naming the file and the
problem, a non-zero exit, no traceback, no half-written output); nothing is invented (a date
the text does not support stays unresolved); the HTML shows document text escaped.
Complements tests/test_cli.py (which covers empty, binary and non-UTF-8 files, missing paths,
broken graph files) without repeating it.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import fields
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from timeline import extract, pipeline, rdf
from timeline.cli import main
from timeline.documents import document_from_text, read_document
from timeline.model import Timex
from timeline.ontology import OA, SEM
from timeline.sentences import split_sentences
from timeline.temporal import find_timexes

ROOT_USER = hasattr(os, "geteuid") and os.geteuid() == 0
needs_permissions = pytest.mark.skipif(ROOT_USER, reason="root ignores file permissions")

# One dated article: a dateline with the year, two events with absolute dates.
ARTICLE = (
    "Border report\n\n"
    "SEOUL, Oct. 2, 2025 (Reuters) - China repatriated 60 North Koreans in April 2025, "
    "according to the UN Human Rights Office.\n"
    "North Korea executed three people in Hyesan on September 30, 2025.\n"
)


def _fails_cleanly(result, *needles):
    """Non-zero exit, no traceback, and an error line naming each needle."""
    assert result.exit_code != 0, result.output
    assert "Traceback" not in result.output
    assert "internal error" not in result.output, result.output
    lines = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert lines, result.output
    for needle in needles:
        assert any(needle in line for line in lines), (needle, result.output)


def _write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def _quotes(graph: Graph) -> list[tuple[str, str, int, int]]:
    """(document IRI, exact quote, start, end) for every evidence selector pair."""
    rows = graph.query(
        """SELECT ?doc ?quote ?start ?end WHERE {
             ?target oa:hasSource ?doc ; oa:hasSelector ?q , ?p .
             ?q a oa:TextQuoteSelector ; oa:exact ?quote .
             ?p a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end . }""",
        initNs={"oa": OA},
    )
    return [(str(d), str(q), int(s), int(e)) for d, q, s, e in rows]


def _assert_offsets_exact(graph: Graph, docs) -> int:
    """Every quote in ``graph`` is exactly its document's text at its code-point offsets."""
    texts = {str(rdf.document_iri(doc.id)): doc.text for doc in docs}
    quotes = _quotes(graph)
    for doc_iri, quote, start, end in quotes:
        assert texts[doc_iri][start:end] == quote
    return len(quotes)


def _extract_file(run, source: Path, out: Path, *extra):
    result = run("extract", source, "-o", out, *extra)
    assert result.exit_code == 0, result.output
    graph = Graph().parse(out)
    return graph


# Output paths ------------------------------------------------------------------------------


def test_output_that_is_a_folder_is_refused(run, tmp_path):
    """-o naming an existing folder is a usage error naming it, and the folder is untouched."""
    doc = _write(tmp_path / "a.txt", ARTICLE)
    folder = tmp_path / "outdir"
    folder.mkdir()
    result = run("extract", doc, "-o", folder)
    _fails_cleanly(result, "outdir")
    assert list(folder.iterdir()) == []


def test_output_in_a_missing_folder_creates_the_folder(run, tmp_path):
    """Writing into a folder that does not exist yet creates it (as mkdir -p would)."""
    doc = _write(tmp_path / "a.txt", ARTICLE)
    out = tmp_path / "new" / "deeper" / "g.ttl"
    result = run("extract", doc, "-o", out)
    assert result.exit_code == 0, result.output
    assert "tl:Document" in out.read_text(encoding="utf-8")


@needs_permissions
def test_output_in_a_read_only_folder_is_one_line_and_leaves_nothing(run, tmp_path):
    """An output folder without write permission: one line naming the path, exit 1, no temp file."""
    doc = _write(tmp_path / "a.txt", ARTICLE)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        result = run("extract", doc, "-o", locked / "g.ttl")
        _fails_cleanly(result, "locked")
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o755)


@needs_permissions
def test_unreadable_input_is_reported_and_the_rest_processed(run, tmp_path):
    """A file without read permission is named as unreadable; the other files still count."""
    folder = tmp_path / "docs"
    _write(folder / "good.txt", ARTICLE)
    secret = _write(folder / "secret.txt", ARTICLE)
    secret.chmod(0)
    try:
        out = tmp_path / "g.ttl"
        result = run("extract", folder, "-o", out)
        assert result.exit_code == 1
        assert re.search(r"^Error: .*secret\.txt: unreadable", result.output, re.M), result.output
        assert "good" in out.read_text(encoding="utf-8")
    finally:
        secret.chmod(0o644)


def test_build_into_a_path_that_is_a_file_is_refused(run, tmp_path):
    """`build -o FILE` where FILE exists is refused in one line and the file is kept as it was."""
    doc = _write(tmp_path / "docs" / "a.txt", ARTICLE)
    out = _write(tmp_path / "out", "precious")
    result = run("build", doc.parent, "-o", out)
    _fails_cleanly(result, "out")
    assert out.read_text(encoding="utf-8") == "precious"


# Links -------------------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_broken_links_and_link_loops_in_a_folder_are_each_reported(run, tmp_path):
    """Every broken link and link loop is named (none silently dropped); the good file is read."""
    folder = tmp_path / "docs"
    _write(folder / "good.txt", ARTICLE)
    os.symlink("missing.txt", folder / "broken.txt")
    os.symlink("hop.txt", folder / "chain.txt")  # chain.txt → hop.txt → missing (also broken)
    os.symlink("nowhere", folder / "hop.txt")
    os.symlink("loop-b.md", folder / "loop-a.md")
    os.symlink("loop-a.md", folder / "loop-b.md")
    os.symlink("..", folder / "up")  # a folder link back up must not recurse forever
    out = tmp_path / "g.ttl"
    result = run("extract", folder, "-o", out)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    for name in ("broken.txt", "chain.txt", "hop.txt"):
        assert re.search(rf"^Error: .*{name}: broken symbolic link$", result.output, re.M), result.output
    for name in ("loop-a.md", "loop-b.md"):
        assert re.search(rf"^Error: .*{name}: symbolic link loop$", result.output, re.M), result.output
    assert "good" in out.read_text(encoding="utf-8")


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_a_named_link_loop_is_one_line(run, tmp_path):
    """Naming a looping link says so (not 'no such file'), and nothing is written."""
    os.symlink("b.txt", tmp_path / "a.txt")
    os.symlink("a.txt", tmp_path / "b.txt")
    out = tmp_path / "g.ttl"
    result = run("extract", tmp_path / "a.txt", "-o", out)
    _fails_cleanly(result, "a.txt: symbolic link loop")
    assert not out.exists()


# Encodings, line endings, scripts ---------------------------------------------------------


def test_utf8_bom_is_not_text_and_offsets_stay_exact(run, tmp_path):
    """A BOM is dropped: the first quote starts at the article, and every offset is exact."""
    doc = _write(tmp_path / "bom.txt", b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"))
    graph = _extract_file(run, doc, tmp_path / "g.ttl")
    read = read_document(doc)
    assert not read.text.startswith("\ufeff")
    assert read.published == date(2025, 10, 2)
    assert _assert_offsets_exact(graph, [read]) >= 2


def test_crlf_line_endings_keep_offsets_exact(run, tmp_path):
    """Windows line endings: sentences do not swallow the \\r and offsets are exact."""
    doc = _write(tmp_path / "crlf.txt", ARTICLE.replace("\n", "\r\n"))
    graph = _extract_file(run, doc, tmp_path / "g.ttl")
    read = read_document(doc)
    assert read.published == date(2025, 10, 2)
    assert _assert_offsets_exact(graph, [read]) >= 2
    assert not any("\r" in quote or "\n" in quote for _, quote, _, _ in _quotes(graph))


def test_front_matter_with_crlf_is_metadata(tmp_path):
    """Front matter written with CRLF still gives the publication date and is not text."""
    doc = read_document(_write(tmp_path / "a.md", "---\r\npublished: 2025-10-02\r\n---\r\nOn Thursday, the UN released a report.\r\n"))
    assert doc.published == date(2025, 10, 2)
    assert "published" not in doc.text


MIXED = (
    "북한 인권 보고서 🇰🇵\n"
    "SEOUL, Oct. 2, 2025 (Yonhap) - North Korea executed three people in Hyesan (혜산시) on "
    "September 30, 2025, said the Café\u0301 owner 👩🏽‍⚖️.\n"
    "😀 Meanwhile China repatriated 60 North Koreans 𝒩𝒦 in April 2025.\n"
    "China repatriated 𠜎𠜱 defectors in May 2024 \U0001f1f0\U0001f1f7.\n"
)


def test_mixed_scripts_offsets_are_code_points(run, tmp_path):
    """Hangul, emoji (astral plane), ZWJ sequences, combining marks: quotes match code-point offsets."""
    doc = _write(tmp_path / "mixed.txt", MIXED)
    graph = _extract_file(run, doc, tmp_path / "g.ttl")
    read = read_document(doc)
    assert _assert_offsets_exact(graph, [read]) >= 2
    assert any("혜산시" in quote for _, quote, _, _ in _quotes(graph))


def test_five_megabyte_document_is_processed(tmp_path):
    """A 5 MB report goes through reading, extraction and the graph, with exact offsets."""
    filler = (
        "The committee heard testimony from witnesses who described conditions in detention "
        "facilities, the lack of food and medical care, and the pressure on families. "
    ) * 300  # ≈ 50 KB of prose between dated sentences (a dense report: see the rescan test below)
    dated = "North Korea executed three people in Hyesan on September 30, 2025.\n"
    chunk = filler + "\n" + dated + "\n"
    text = "Annual report\n\n" + chunk * (5_000_000 // len(chunk) + 1)
    assert len(text.encode("utf-8")) >= 5_000_000
    doc = read_document(_write(tmp_path / "big.txt", text))
    events = pipeline.extract_document(doc)
    assert len(events) >= 90
    for event in events[:: max(1, len(events) // 50)]:
        assert doc.text[event.sentence.start : event.sentence.end] == event.sentence.text
    merged = extract.merge_events(events)
    graph = rdf.build_graph([doc], merged)
    assert len(graph) > 0


class _CountedTimex(Timex):
    """A Timex that counts how often its start is read (to catch per-sentence rescans)."""

    reads = 0

    def __getattribute__(self, name):
        if name == "start":
            _CountedTimex.reads += 1
        return super().__getattribute__(name)


def test_event_extraction_does_not_rescan_every_timex_per_sentence():
    """Finding each sentence's time expressions costs about one look per expression, not one per sentence."""
    para = (
        "SEOUL, Oct. 2, 2025 (Reuters) - North Korea executed three people in Hyesan on September 30, 2025. "
        "China repatriated 60 North Koreans in April 2025. The border was closed in January 2020.\n"
    )
    doc = document_from_text(para * 150)
    timexes = find_timexes(doc.text, doc.published)
    sentences = split_sentences(doc.text)
    counted = [_CountedTimex(**{f.name: getattr(t, f.name) for f in fields(Timex)}) for t in timexes]
    _CountedTimex.reads = 0
    extract.extract_events(doc, counted, sentences)
    budget = 50 * (len(timexes) + len(sentences))
    assert _CountedTimex.reads < budget, (_CountedTimex.reads, len(timexes), len(sentences))


# Documents with nothing to find ------------------------------------------------------------

FURNITURE_ONLY = """12 Comments
kim@lemmy.ml
link
arrow-up
55
arrow-down
3 days ago
reply
Share on Facebook Twitter
© 2024 Daily News. All rights reserved.
"""


@pytest.mark.parametrize(
    "name,text",
    [
        ("furniture.txt", FURNITURE_ONLY),
        ("nopunct.txt", "north korea executed three people china repatriated sixty people border closed " * 40),
        ("one-word.txt", "Pyongyang"),
        ("digits.txt", "2025 2024 1 2 3 4 5 6 7 8 9 10 11 12 13 31 32 99 100 1000 9999 10000"),
        ("punct.md", "... !!! ??? --- *** ### >>> ||| ,,, ;;; :::"),
    ],
)
def test_documents_without_events_give_a_valid_graph(run, tmp_path, name, text):
    """Page chrome, text without punctuation, lone words and numbers: no crash, exact offsets."""
    doc = _write(tmp_path / name, text)
    out = tmp_path / "g.ttl"
    graph = _extract_file(run, doc, out)
    read = read_document(doc)
    _assert_offsets_exact(graph, [read])
    if name == "furniture.txt":
        assert not list(graph.subjects(RDF.type, OA.Annotation))
        assert read.published is None


# --published on a folder -------------------------------------------------------------------


def _issued(graph: Graph) -> set[str]:
    rows = graph.query("SELECT ?d WHERE { ?doc dcterms:issued ?d }", initNs={"dcterms": URIRef("http://purl.org/dc/terms/")})
    return {str(d) for (d,) in rows}


def test_extract_published_on_a_folder_dates_every_document(run, tmp_path):
    """`extract FOLDER --published D` gives every document named D (the documented override)."""
    folder = tmp_path / "docs"
    _write(folder / "dated.txt", ARTICLE)
    _write(folder / "undated.txt", "On Thursday, the UN Human Rights Office released a report on North Korea.\n")
    graph = _extract_file(run, folder, tmp_path / "g.ttl", "--published", "2025-10-09")
    assert _issued(graph) == {"2025-10-09"}


def test_build_published_only_dates_documents_that_state_none(run, tmp_path):
    """`build --published` fills in undated documents and leaves stated dates alone."""
    folder = tmp_path / "docs"
    _write(folder / "dated.txt", ARTICLE)
    _write(folder / "undated.txt", "On Thursday, the UN Human Rights Office released a report on North Korea.\n")
    result = run("build", folder, "-o", tmp_path / "out", "--published", "2025-10-09")
    assert result.exit_code == 0, result.output
    graph = Graph().parse(tmp_path / "out" / "graph.ttl")
    assert _issued(graph) == {"2025-10-02", "2025-10-09"}


# Graph files that are not ours -----------------------------------------------------------

FOAF = """@prefix foaf: <http://xmlns.com/foaf/0.1/> .
<http://example.org/alice> a foaf:Person ; foaf:name "Alice <script>window.__xss=9</script>" ;
    foaf:knows <http://example.org/bob> .
"""


@pytest.fixture(scope="module")
def graphs(tmp_path_factory):
    """A FOAF graph, an empty graph, a JSON-LD graph of ours, and the same as Turtle."""
    folder = tmp_path_factory.mktemp("graphs")
    (folder / "foaf.ttl").write_text(FOAF, encoding="utf-8")
    (folder / "empty.ttl").write_text("", encoding="utf-8")
    (folder / "empty.jsonld").write_text("{}", encoding="utf-8")
    (folder / "foaf.xyz").write_text(FOAF, encoding="utf-8")
    doc = folder / "article.txt"
    doc.write_text(ARTICLE, encoding="utf-8")
    for name in ("ours.jsonld", "ours.ttl"):
        result = CliRunner().invoke(main, ["extract", str(doc), "-o", str(folder / name)])
        assert result.exit_code == 0, result.output
    return folder


@pytest.mark.parametrize("name", ["foaf.ttl", "empty.ttl", "empty.jsonld"])
def test_graph_commands_on_foreign_or_empty_graphs(run, graphs, tmp_path, name):
    """A valid graph with none of our terms, or none at all: every command answers sensibly."""
    source = graphs / name
    stats = run("stats", source)
    assert stats.exit_code == 0, stats.output
    assert stats.output.startswith("0 events")
    validate = run("validate", source)
    assert validate.exit_code == 0 and validate.output.startswith("valid"), validate.output
    html = tmp_path / "t.html"
    render = run("render", source, "-o", html)
    assert render.exit_code == 0, render.output
    page = html.read_text(encoding="utf-8")
    assert "window.__xss" not in page  # foreign literals are not drawn, let alone raw
    for suffix in (".gexf", ".graphml"):
        export = run("export", source, "-o", tmp_path / f"x{suffix}")
        assert export.exit_code == 0, export.output
    query = run("query", source, "timeline")
    assert query.exit_code == 0, query.output


def test_jsonld_graph_reads_like_turtle(run, graphs):
    """The same graph as JSON-LD and Turtle gives the same stats."""
    as_json = run("stats", graphs / "ours.jsonld", "--format", "json")
    as_ttl = run("stats", graphs / "ours.ttl", "--format", "json")
    assert as_json.exit_code == 0 and as_ttl.exit_code == 0, as_json.output + as_ttl.output
    assert json.loads(as_json.output) == json.loads(as_ttl.output)
    assert json.loads(as_ttl.output)  # not empty


@pytest.mark.parametrize(
    "command",
    [["stats"], ["validate"], ["render", "-o", "{tmp}/x.html"], ["export", "-o", "{tmp}/x.gexf"], ["query", "-q", "ASK {}"]],
)
def test_unknown_graph_extension_is_one_line(run, graphs, tmp_path, command):
    """A graph file with an unknown extension: one line naming it and the known extensions."""
    args = [c.replace("{tmp}", str(tmp_path)) for c in command]
    args.insert(1 if args[0] != "query" else 1, str(graphs / "foaf.xyz"))
    result = run(*args)
    _fails_cleanly(result, "foaf.xyz", ".ttl")
    assert not list(tmp_path.iterdir())


def test_graph_that_is_a_folder_is_one_line(run, tmp_path):
    """A folder given as a graph file is named in one line."""
    folder = tmp_path / "g.ttl"
    folder.mkdir()
    _fails_cleanly(run("stats", folder), "g.ttl")


# XSS end to end --------------------------------------------------------------------------

PAYLOADS = [
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=2">',
    "</script><script>window.__xss=3</script>",
    "javascript:window.__xss=4",
]
XSS_DOC = (
    "Border report <script>window.__xss=0</script>\n\n"
    "SEOUL, Oct. 2, 2025 (Reuters) - China repatriated 60 North Koreans in April 2025 "
    + " ".join(PAYLOADS)
    + " [see](javascript:window.__xss=5) according to the UN.\n"
)


def test_hostile_document_text_is_escaped_in_the_built_page(run, tmp_path):
    """Script, img-onerror, script-breakout and javascript: payloads reach the page only as data."""
    doc = _write(tmp_path / "docs" / "hostile.md", XSS_DOC)
    result = run("build", doc.parent, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    page = (tmp_path / "out" / "timeline.html").read_text(encoding="utf-8")
    for raw in [p for p in PAYLOADS if "<" in p] + ["<script>window.__xss=0</script>"]:
        assert raw not in page
    assert "<img src=x" not in page
    assert "onerror=\"window" not in page
    # javascript: may appear as text inside the JSON data, never as a link or source.
    assert not re.search(r"""(?:href|src|action)\s*=\s*["']?\s*javascript:""", page, re.I)
    # The quote is there, whole, as JSON data (the page's evidence blocks).
    blocks = list(re.finditer(r'<script type="application/json"[^>]*>(.*?)</script>', page, re.S))
    assert blocks
    rows = [row for block in blocks[1:] for row in json.loads(block.group(1))]
    quotes = [q["t"] for row in rows for q in row.get("q", [])]
    assert any(all(p in q for p in PAYLOADS) for q in quotes), quotes
    # …and nowhere outside those blocks does the document text appear raw.
    outside = re.sub(r'<script type="application/json"[^>]*>.*?</script>', "", page, flags=re.S)
    assert "__xss" not in outside


# Nothing invented --------------------------------------------------------------------------

RELATIVE = (
    "UN report on repatriations\n\n"
    "On Thursday, China repatriated 60 North Koreans, according to the UN Human Rights Office.\n"
    "Last year, North Korea executed three people in Hyesan.\n"
    "Yesterday, North Korea closed the border with China.\n"
)


def _bounded(graph: Graph) -> list[URIRef]:
    return sorted(set(graph.subjects(SEM.hasEarliestBeginTimeStamp, None)) | set(graph.subjects(SEM.hasLatestEndTimeStamp, None)))


def test_mtime_never_dates_relative_expressions(run, tmp_path):
    """A file with a known mtime and no stated date: relative events get no bounds at all."""
    doc = _write(tmp_path / "undated.txt", RELATIVE)
    stamp = 1_759_363_200  # 2025-10-02T00:00:00Z
    os.utime(doc, (stamp, stamp))
    graph = _extract_file(run, doc, tmp_path / "g.ttl")
    annotations = list(graph.subjects(RDF.type, OA.Annotation))
    assert len(annotations) >= 2
    assert _bounded(graph) == []
    assert not _issued(graph)
    assert not list(graph.objects(None, URIRef("http://purl.org/dc/terms/modified")))
    stated = [str(o) for o in graph.objects(None, URIRef("https://w3id.org/timeline-kg/ontology#timeExpression"))]
    assert {"Thursday", "Last year", "Yesterday"} & {s.strip() for s in stated} or not stated


FURNITURE_DATES = """North Korea closes border again

China repatriated 60 North Koreans, according to the UN Human Rights Office.
North Korea executed three people in Hyesan, activists said.
(Photo: Reuters, March 3, 2021)

Related stories
UN Report Details Executions In 2019
Border Closure Extended Through June 2022
China Sends Defectors Back In April 2023

12 Comments
kim@lemmy.ml
link
arrow-up
55
arrow-down
3 days ago
reply
They closed the border in 2018 and executed people in May 2017.

© 2024 Daily News. All rights reserved.
"""


def test_furniture_dates_date_nothing(run, tmp_path):
    """Copyright year, comment timestamps, related headlines, photo captions: no publication date, no event bounds."""
    doc = _write(tmp_path / "page.txt", FURNITURE_DATES)
    read = read_document(doc)
    assert read.published is None
    graph = _extract_file(run, doc, tmp_path / "g.ttl")
    assert not _issued(graph)
    assert _bounded(graph) == []
    quotes = [quote for _, quote, _, _ in _quotes(graph)]
    assert quotes, "the two article sentences are events"
    for furniture in ("Photo:", "UN Report Details", "Border Closure Extended", "China Sends Defectors", "executed people in May 2017", "©"):
        assert not any(furniture in q for q in quotes), (furniture, quotes)


# Failures while writing (run as any user) ------------------------------------------------


def test_disk_full_keeps_the_old_output_and_leaves_no_temp_file(run, tmp_path, monkeypatch):
    """A write that fails midway (disk full): one line, exit 1, the previous output intact, no debris."""
    import timeline.fileio

    doc = _write(tmp_path / "a.txt", ARTICLE)
    out_dir = tmp_path / "out"
    out = _write(out_dir / "g.ttl", "previous")

    def full(_fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(timeline.fileio.os, "fsync", full)
    result = run("extract", doc, "-o", out)
    _fails_cleanly(result, "No space left on device")
    assert out.read_text(encoding="utf-8") == "previous"
    assert [p.name for p in out_dir.iterdir()] == ["g.ttl"]


def test_permission_denied_on_output_is_one_line(run, tmp_path, monkeypatch):
    """An output folder that refuses files (simulated, so it runs as root too): one line naming it."""
    import timeline.fileio

    doc = _write(tmp_path / "a.txt", ARTICLE)
    target = tmp_path / "locked" / "g.ttl"

    def refuse(*_args, dir=None, **_kwargs):
        raise PermissionError(13, "Permission denied", str(dir))

    monkeypatch.setattr(timeline.fileio.tempfile, "mkstemp", refuse)
    for args in (["extract", doc, "-o", target], ["build", doc, "-o", target.parent]):
        _fails_cleanly(run(*args), "locked", "Permission denied")


# File names --------------------------------------------------------------------------------


def test_file_name_with_a_line_break_is_reported_on_one_line(run, tmp_path):
    """A newline in a file name is escaped, so its error stays one line."""
    folder = tmp_path / "docs"
    _write(folder / "good.txt", ARTICLE)
    _write(folder / "bad\nname.txt", b"")
    out = tmp_path / "g.ttl"
    result = run("extract", folder, "-o", out)
    assert result.exit_code == 1
    assert re.search(r"^Error: .*bad\\x0aname\.txt: empty \(no text\)$", result.output, re.M), result.output
    assert "good" in out.read_text(encoding="utf-8")


@pytest.mark.skipif(os.name != "posix", reason="POSIX file names are bytes")
def test_file_name_that_is_not_utf8_is_read_and_shown_escaped(run, tmp_path):
    """A Latin-1 file name (not UTF-8) is read; the graph and messages show it escaped, not an internal error."""
    folder = tmp_path / "docs"
    folder.mkdir()
    name = os.fsdecode(b"caf\xe9.txt")
    (folder / name).write_bytes(ARTICLE.encode("utf-8"))
    _write(folder / os.fsdecode(b"vide\xe9.md"), b"")
    out = tmp_path / "g.ttl"
    result = run("extract", folder, "-o", out)
    assert result.exit_code == 1, result.output
    assert "internal error" not in result.output
    assert re.search(r"^Error: .*vide\\xe9\.md: empty", result.output, re.M), result.output
    graph = Graph().parse(out)
    sources = {str(o) for o in graph.objects(None, URIRef("http://purl.org/dc/terms/source"))}
    assert any(s.endswith("caf\\xe9.txt") for s in sources), sources
