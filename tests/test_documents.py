"""Reading documents: decoding, bad inputs, front matter, HTML, ids and the publication date."""

from __future__ import annotations

import codecs
import hashlib
import os
import types
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.documents import (
    DOCUMENT_SUFFIXES,
    document_from_text,
    infer_published,
    iter_documents,
    read_document,
    slugify,
)
from timeline.errors import DocumentError, NoDocumentsError
from timeline.model import Document

DATA = Path(__file__).parent / "data"
SEEDS = Path(__file__).parents[1].parent / "shared" / "seeds"

PROSE = (
    "Officials in Seoul said that the detainees had been moved to a camp near the border, "
    "according to a report released by the ministry."
)


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    p = tmp_path / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return p


# Bad inputs ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\t\n ", "empty"),
        ("bom-only.txt", b"\xef\xbb\xbf\n", "empty"),
        ("nul.txt", b"text\x00with a NUL byte", "binary"),
        ("control.txt", bytes(range(1, 9)) * 40, "binary"),
        ("png.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(1, 8)) * 50 + b"\xff\xfe", "binary"),
        ("report.pdf", b"%PDF-1.4", "unsupported file type '.pdf'"),
        ("README", b"text", "unsupported file type (no suffix)"),
        ("front.md", "---\ntitle: x\n---\n  \n", "empty"),
        ("scripts.html", "<html><script>var a = 1;</script><nav>Home</nav></html>", "no readable text"),
    ],
)
def test_bad_files_raise_document_error(tmp_path: Path, name: str, data: bytes | str, message: str) -> None:
    """Each kind of bad file raises DocumentError with one line naming the file and the problem."""
    p = write(tmp_path, name, data)
    with pytest.raises(DocumentError) as info:
        read_document(p)
    text = str(info.value)
    assert str(p) in text and message in text and "\n" not in text


def test_missing_file(tmp_path: Path) -> None:
    """A missing file is reported by name."""
    with pytest.raises(DocumentError, match="nope.txt: no such file"):
        read_document(tmp_path / "nope.txt")


def test_folder_instead_of_file(tmp_path: Path) -> None:
    """A folder where a file was expected is reported as such."""
    (tmp_path / "dir.txt").mkdir()
    with pytest.raises(DocumentError, match="is a folder"):
        read_document(tmp_path / "dir.txt")


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file without read permission is reported as unreadable (simulated when running as root)."""
    p = write(tmp_path, "locked.txt", "text")
    if hasattr(os, "geteuid") and os.geteuid() != 0:
        p.chmod(0)
    else:
        def deny(path: Path, shown: str) -> bytes:
            raise PermissionError(13, "Permission denied", str(path))

        monkeypatch.setattr("timeline.documents.read_limited", deny)
    try:
        with pytest.raises(DocumentError, match=r"locked.txt: unreadable \(permission denied\)"):
            read_document(p)
    finally:
        p.chmod(0o644)


def test_a_latin1_file_is_read_and_its_encoding_kept() -> None:
    """A Latin-1 file is not UTF-8: it is detected and read, the encoding kept with it."""
    doc = read_document(DATA / "latin1.txt")
    assert "Pyongyang café report" in doc.text and doc.encoding == "windows-1252"


@pytest.mark.parametrize(
    "raw,encoding",
    [
        ("Naïve visitors paid €5 at the café; the ministry’s résumé says “closed”.\n".encode("cp1252"), "windows-1252"),
        ("Die Behörden in Pjöngjang äußerten sich nicht.\n".encode("latin-1"), "windows-1252"),
        ("Úřady v Pchjongjangu to popřely; příliš žluťoučký kůň.\n".encode("cp1250"), "windows-1250"),
        ("Власти Пхеньяна во вторник не прокомментировали сообщения.\n".encode("cp1251"), "windows-1251"),
        ("북한 인권 보고서가 발표되었다. 통일부는 화요일에 밝혔다.\n".encode("euc-kr"), "EUC-KR"),
        (codecs.BOM_UTF16_LE + "Pyongyang, 2 October 2025.\n".encode("utf-16-le"), "UTF-16LE"),
        (codecs.BOM_UTF16_BE + "Pyongyang, 2 October 2025.\n".encode("utf-16-be"), "UTF-16BE"),
        (codecs.BOM_UTF32_LE + "Pyongyang, 2 October 2025.\n".encode("utf-32-le"), "UTF-32LE"),
        (codecs.BOM_UTF8 + "Pyongyang, 2 October 2025.\n".encode("utf-8"), "UTF-8"),
        ("Pyongyang, 2 October 2025.\n".encode("utf-8"), "UTF-8"),
    ],
)
def test_documents_are_decoded_by_bom_then_utf8_then_detection(tmp_path: Path, raw: bytes, encoding: str) -> None:
    """A byte-order mark decides, else UTF-8, else charset-normalizer (Windows-1252 among equals)."""
    doc = read_document(write(tmp_path, "doc.txt", raw))
    assert doc.encoding == encoding
    bom = next((b for b in (codecs.BOM_UTF32_LE, codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) if raw.startswith(b)), b"")
    codec = {"windows-1252": "cp1252", "windows-1250": "cp1250", "windows-1251": "cp1251", "EUC-KR": "euc-kr"}.get(encoding, encoding)
    assert doc.text.strip() == raw[len(bom):].decode(codec).strip()


@pytest.mark.parametrize(
    "front,key",
    [("date: 2025-13-45", "date"), ("published: yesterday", "published"), ("published: May 2025", "published")],
)
def test_a_front_matter_date_that_does_not_parse_is_a_warning(tmp_path: Path, front: str, key: str) -> None:
    """The document is still read; a warning names the file and the field."""
    p = write(tmp_path, "notes.md", f"---\ntitle: Notes\n{front}\n---\nOn 2 October 2025 the ministry released a report.\n")
    doc = read_document(p)
    assert doc.title == "Notes" and "released a report" in doc.text
    assert doc.published is None or doc.published_source != "front-matter"
    assert len(doc.warnings) == 1 and str(p) in doc.warnings[0] and f"front matter {key}:" in doc.warnings[0]


@pytest.mark.parametrize(
    "value,expected",
    [
        ("2025-10-02", date(2025, 10, 2)),
        ("2025-10-02T23:30:00-05:00", date(2025, 10, 2)),
        ("Thursday, Oct. 2, 2025 10:00 KST", date(2025, 10, 2)),
        ("2 October 2025", date(2025, 10, 2)),
        ("2. Oktober 2025", date(2025, 10, 2)),
        ("2 de octubre de 2025", date(2025, 10, 2)),
        ("2025년 10월 2일", date(2025, 10, 2)),
        ("2025年10月2日", date(2025, 10, 2)),
        ("20251002", date(2025, 10, 2)),
        ("2014.11.20.", date(2014, 11, 20)),
        ("yesterday", None),
        ("May 2025", None),
        ("2025", None),
        ("2025-13-45", None),
    ],
)
def test_front_matter_dates_in_any_form_and_language(tmp_path: Path, value: str, expected) -> None:
    """Front-matter dates are parsed by dateparser (any language it knows); only full dates count."""
    doc = read_document(write(tmp_path, "d.md", f"---\npublished: {value}\n---\nBody text about a report.\n"))
    if expected is None:
        assert doc.published is None and doc.warnings
    else:
        assert (doc.published, doc.published_source) == (expected, "front-matter")


# Decoding, ids, hashes -------------------------------------------------------------------------


def test_bom_is_stripped_and_hash_is_of_raw_bytes(tmp_path: Path) -> None:
    """A UTF-8 BOM is dropped from the text; sha256 is of the bytes on disk."""
    raw = b"\xef\xbb\xbf" + PROSE.encode("utf-8")
    p = write(tmp_path, "Report 2025 (UN).txt", raw)
    doc = read_document(p)
    assert doc.text == PROSE
    assert doc.sha256 == hashlib.sha256(raw).hexdigest()
    assert doc.id == "report-2025-un"
    assert doc.path == p.name  # never an absolute path of the machine
    assert doc.media_type == "text/plain"


def test_doc_id_argument_wins(tmp_path: Path) -> None:
    """An explicit doc_id is used as given."""
    assert read_document(write(tmp_path, "a.txt", PROSE), doc_id="mine").id == "mine"


@pytest.mark.parametrize(
    ("name", "slug"),
    [("Report 2025", "report-2025"), ("Köln_Bericht", "koln-bericht"), ("--a--b--", "a-b"), ("UN.HRC.58", "un-hrc-58")],
)
def test_slugify(name: str, slug: str) -> None:
    """Slugs are lowercase ASCII words joined by hyphens."""
    assert slugify(name) == slug


def test_slugify_never_empty() -> None:
    """A name without ASCII letters still gets a stable, non-empty id."""
    assert slugify("북한") == slugify("북한") != ""
    assert slugify("북한").startswith("doc-")


def test_suffixes() -> None:
    """The supported suffixes are the documented ones."""
    assert DOCUMENT_SUFFIXES == (".txt", ".md", ".markdown", ".html", ".htm")


def test_uppercase_suffix(tmp_path: Path) -> None:
    """Suffixes are matched case-insensitively."""
    assert read_document(write(tmp_path, "A.TXT", PROSE)).media_type == "text/plain"


def test_document_from_text() -> None:
    """Text in memory becomes a Document with a content-derived id and the same rules."""
    doc = document_from_text("Headline Here\n" + PROSE)
    assert isinstance(doc, Document)
    assert doc.id.startswith("doc-") and doc.id == document_from_text("Headline Here\n" + PROSE).id
    assert doc.title == "Headline Here" and doc.body_start == len("Headline Here\n")
    assert document_from_text(PROSE, path="some/where/My File.txt").id == "my-file"
    with pytest.raises(DocumentError, match="unsupported media type"):
        document_from_text(PROSE, media_type="application/pdf")
    with pytest.raises(DocumentError, match="empty"):
        document_from_text("  \n")


# Titles ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "title", "body_start"),
    [
        ("Headline Without a Stop\n\n" + PROSE, "Headline Without a Stop", 25),
        ("A headline that ends with a stop.\n" + PROSE, None, 0),
        (PROSE + "\n" + PROSE, None, 0),
        ("Only one line", None, 0),
        ("October 2, 2025\n" + PROSE, None, 0),
        ("By Jane Doe\n" + PROSE, None, 0),
    ],
)
def test_title_from_first_line(text: str, title: str | None, body_start: int) -> None:
    """A short first line without final punctuation is the title; the body starts after it."""
    doc = document_from_text(text)
    assert (doc.title, doc.body_start) == (title, body_start)


# Markdown ----------------------------------------------------------------------------------------


def test_front_matter_is_metadata_not_text() -> None:
    """Front matter goes to metadata; text is the body after it, so offsets never include it."""
    doc = read_document(DATA / "front_matter.md")
    assert doc.media_type == "text/markdown"
    assert not doc.text.startswith("---") and "author:" not in doc.text
    assert doc.text.startswith("# Forced repatriations continue")
    assert dict(doc.metadata)["source"] == "https://example.org/story"
    assert dict(doc.metadata)["author"] == "Jane Doe"
    assert doc.title == "Forced repatriations continue"
    assert (doc.published, doc.published_source, doc.published_confidence) == (date(2025, 10, 2), "front-matter", "high")
    assert doc.text[doc.body_start :].startswith("China forcibly")


@pytest.mark.parametrize("key", ["published", "date", "datePublished"])
@pytest.mark.parametrize("value", ["2025-10-02", '"2025-10-02"', "2025-10-02T08:00:00Z", "October 2, 2025", "2 Oct 2025"])
def test_front_matter_date_keys(tmp_path: Path, key: str, value: str) -> None:
    """published, date and datePublished are read in the usual date forms."""
    doc = read_document(write(tmp_path, "a.md", f"---\n{key}: {value}\n---\n{PROSE}\n"))
    assert doc.published == date(2025, 10, 2) and doc.published_source == "front-matter"


def test_markdown_heading_is_title_and_markup_kept() -> None:
    """A first '# ' heading gives the title; Markdown markup stays in the text."""
    doc = read_document(DATA / "heading.md")
    assert doc.title == "A report on detention"
    assert "*May*" in doc.text
    assert doc.published is None  # "May" is not a publication date


def test_unclosed_front_matter_is_text(tmp_path: Path) -> None:
    """Without a closing '---' line the file is all text."""
    doc = read_document(write(tmp_path, "a.md", f"---\ntitle: x\n{PROSE}\n"))
    assert doc.text.startswith("---") and doc.metadata == ()


# HTML ------------------------------------------------------------------------------------------


def test_html_extraction() -> None:
    """HTML yields readable text: chrome dropped, blocks on lines, entities decoded."""
    doc = read_document(DATA / "article.html")
    assert doc.media_type == "text/html"
    assert doc.title == "Envoy urges access to detainees"
    for kept in ("SEOUL \u2014 A United Nations envoy", "\u201cfamilies have the right to know\u201d & called", "He met officials"):
        assert kept in doc.text
    for dropped in ("font-family", "not text", "Enable JavaScript", "Subscribe", "Most read", "Older story", "World", "All rights reserved", "Published: January"):
        assert dropped not in doc.text
    assert "called for talks.\nHe met" in doc.text
    assert "First point of the statement.\n" in doc.text
    assert (doc.published, doc.published_source, doc.published_confidence) == (date(2025, 10, 2), "meta", "high")
    assert dict(doc.metadata)["author"] == "Jane Doe"
    caption = doc.text.index("(Photo: Example News)")
    assert any(s.start <= caption < s.end for s in doc.noise)
    assert doc.text[doc.body_start :].startswith("By Jane Doe")


def test_html_jsonld_date() -> None:
    """JSON-LD datePublished (inside @graph) is used; broken JSON-LD blocks are ignored."""
    doc = read_document(DATA / "jsonld.html")
    assert (doc.published, doc.published_source) == (date(2024, 3, 15), "meta")
    assert doc.text == "Camps report\n\nA report on prison camps was released by a rights group."


def test_html_time_in_article_not_aside() -> None:
    """A <time datetime> inside the article is used; one in an aside is not."""
    doc = read_document(DATA / "time.html")
    assert (doc.published, doc.published_source) == (date(2023, 7, 4), "meta")


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ('<meta name="date" content="2025-10-02">', date(2025, 10, 2)),
        ('<meta itemprop="datePublished" content="2025-10-02">', date(2025, 10, 2)),
        ('<meta property="article:modified_time" content="2025-10-02">', None),
        ('<meta name="date" content="not a date">', None),
    ],
)
def test_html_meta_dates(head: str, expected: date | None) -> None:
    """Publication meta tags are read; modification times and junk are not."""
    html = f"<html><head>{head}</head><body><p>{PROSE}</p></body></html>"
    assert document_from_text(html, media_type="text/html").published == expected


def test_html_offsets_point_into_extracted_text() -> None:
    """Offsets of furniture point into the extracted text."""
    html = f"<body><p>{PROSE}</p><p>Also read: Another story</p></body>"
    doc = document_from_text(html, media_type="text/html")
    assert [doc.text[s.start : s.end] for s in doc.noise] == ["Also read: Another story"]


# Publication date ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected", "source", "confidence"),
    [
        (f"Title Line\n{PROSE} -0-\nwww.kcna.kp (2025.10.02.)", date(2025, 10, 2), "stamp", "high"),
        (f"{PROSE} (2024.1.5.)", date(2024, 1, 5), "stamp", "high"),
        (f"Title\nPyongyang, October 2 (KCNA) \u2013 {PROSE} It was issued on October 2, 2025.", date(2025, 10, 2), "dateline", "medium"),
        (f"Title\nSEOUL, Oct 2 (Reuters) - {PROSE} Talks began on Oct. 2, 2025.", date(2025, 10, 2), "dateline", "medium"),
        (f"SEOUL, Oct. 2, 2025 (Reuters) - {PROSE}", date(2025, 10, 2), "dateline", "high"),
        (f"(Seoul, June 2, 2024) \u2013 {PROSE}", date(2024, 6, 2), "dateline", "high"),
        (f"Title\nSeoul (AFP) \u2013 Oct 31, 2024\n\n{PROSE}", date(2024, 10, 31), "dateline", "high"),
        (f"Title\n\n2014.11.20\n\nPyongyang, November 20 (KCNA) -- {PROSE}", date(2014, 11, 20), "dateline", "medium"),
        (f"Title\n\n2014.11.20\n\n{PROSE}", date(2014, 11, 20), "byline", "medium"),
        (f"FOR IMMEDIATE RELEASE\nSeoul/Geneva, February 16, 2024\n\n{PROSE}", date(2024, 2, 16), "dateline", "high"),
        (f"Title\n\nGENEVA (13 October 2023) \u2013 {PROSE}", date(2023, 10, 13), "dateline", "high"),
        (f"Oct. 2, 2025 \u2014 {PROSE}", date(2025, 10, 2), "dateline", "high"),
        (f"Title\nGENEVA, 2 October 2025 (AFP) -- {PROSE}", date(2025, 10, 2), "dateline", "high"),
        (f"Title\nPublished: October 2, 2025\n{PROSE}", date(2025, 10, 2), "byline", "medium"),
        (f"Title\nPosted on Oct 2, 2025 at 10:30 AM\n{PROSE}", date(2025, 10, 2), "byline", "medium"),
        (f"Title\nBy Jane Doe | October 2, 2025\n{PROSE}", date(2025, 10, 2), "byline", "medium"),
        (f"Title\nUpdated: October 5, 2025\nPublished: October 2, 2025\n{PROSE}", date(2025, 10, 2), "byline", "medium"),
        (f"Title\nOctober 2, 2025\n{PROSE}", date(2025, 10, 2), "byline", "medium"),
        (f"October 2, 2025\n{PROSE}", date(2025, 10, 2), "byline", "medium"),
        (f"Title\n{PROSE}\nBy Jane Doe, October 2, 2025\n{PROSE}", date(2025, 10, 2), "byline", "medium"),
        (f"Title\nBy Jane Doe\nPublished Oct 2, 2025 10:00 KST\n{PROSE}", date(2025, 10, 2), "byline", "medium"),
        (f"Title\nBy Jane Doe\nSEOUL, Oct. 2 (Yonhap) -- {PROSE} on Oct. 2, 2025", date(2025, 10, 2), "dateline", "medium"),
    ],
)
def test_publication_date_sources(text: str, expected: date, source: str, confidence: str) -> None:
    """Each source of a publication date is found and labelled with how sure it is."""
    doc = document_from_text(text)
    assert (doc.published, doc.published_source, doc.published_confidence) == (expected, source, confidence)


@pytest.mark.parametrize(
    "text",
    [
        f"Title\nPyongyang, October 2 (KCNA) \u2013 {PROSE}",  # no year anywhere
        f"Title\nPyongyang, October 2 (KCNA) \u2013 {PROSE} It began on October 3, 2025.",  # inconsistent
        f"{PROSE}\n\u00a9 2024 Example News. All rights reserved.",
        f"{PROSE}\n\u00a9 October 2, 2024 Example News",
        f"{PROSE}\nAlso read: Talks collapse on October 2, 2025",
        f"{PROSE}\nKim at a factory, October 1, 2025. (Photo: KCNA)",
        f"{PROSE}\nhttps://example.com/2025/10/01/story\nhttps://example.com/2025/10/02/other",
        f"{PROSE}\n\u2022 user@lemmy.ml\nlink\nfedilink\narrow-up\n5\n14 days ago\nPublished: October 2, 2025\n"
        "https://web.archive.org/web/20251001113243/https://example.org/",
        f"{PROSE}\n\n{PROSE}\nSummit Ends Without Deal on October 2, 2025\nKim Visits Factory in North Hamgyong\n"
        "Floods Hit Eastern Provinces Again\nUN Votes on New Resolution Today",
        f"{PROSE} The camp opened on October 2, 2001.",  # an event date in the body
        f"Title\n{PROSE}\n{PROSE}\nOctober 2, 2025\nPublished: October 2, 2025\n{PROSE}",  # deep in the body
        f"{PROSE} (2025.13.45.)",  # not a calendar date
    ],
)
def test_publication_date_traps(text: str) -> None:
    """Furniture, captions, comment threads, link lists and event dates never give the date."""
    assert document_from_text(text).published is None


def test_date_never_from_mtime_or_today(tmp_path: Path) -> None:
    """A file without a date in it gets none, whatever its modification time."""
    p = write(tmp_path, "a.txt", PROSE)
    os.utime(p, (1_700_000_000, 1_700_000_000))
    doc = read_document(p)
    assert doc.published is None and doc.published_source is None and doc.published_confidence is None


def test_cli_date_wins(tmp_path: Path) -> None:
    """The published argument overrides anything in the document."""
    p = write(tmp_path, "a.md", f"---\npublished: 2020-01-01\n---\n{PROSE} (2021.01.01.)")
    doc = read_document(p, published=date(2025, 10, 2))
    assert (doc.published, doc.published_source, doc.published_confidence) == (date(2025, 10, 2), "cli", "high")


def test_front_matter_beats_stamp(tmp_path: Path) -> None:
    """Front matter is preferred to a stamp in the text."""
    doc = read_document(write(tmp_path, "a.md", f"---\ndate: 2020-01-01\n---\n{PROSE} (2021.01.01.)"))
    assert (doc.published, doc.published_source) == (date(2020, 1, 1), "front-matter")


def test_infer_published_is_public() -> None:
    """infer_published takes text and furniture spans and returns (date, source, confidence)."""
    assert infer_published("no date here") is None
    assert infer_published("x (2025.10.02.)") == (date(2025, 10, 2), "stamp", "high")


# iter_documents --------------------------------------------------------------------------------


def test_iter_documents_expands_folders(tmp_path: Path) -> None:
    """Folders expand recursively in sorted order; hidden files/folders and other suffixes are skipped."""
    write(tmp_path, "b.txt", PROSE)
    write(tmp_path, "a.md", PROSE)
    write(tmp_path, "sub/c.html", f"<p>{PROSE}</p>")
    write(tmp_path, "sub/d.htm", f"<p>{PROSE}</p>")
    write(tmp_path, "sub/e.markdown", PROSE)
    write(tmp_path, ".hidden.txt", PROSE)
    write(tmp_path, ".git/x.txt", PROSE)
    write(tmp_path, "sub/.cache/y.txt", PROSE)
    write(tmp_path, "notes.pdf", b"%PDF")
    docs = list(iter_documents([tmp_path]))
    assert all(isinstance(d, Document) for d in docs)
    assert [d.id for d in docs] == ["a", "b", "c", "d", "e"]
    assert isinstance(iter_documents([tmp_path]), types.GeneratorType)


def test_iter_documents_yields_errors_and_goes_on(tmp_path: Path) -> None:
    """A bad file is yielded as a DocumentError, not raised, and the others still come."""
    write(tmp_path, "a.txt", PROSE)
    write(tmp_path, "b.txt", b"\x00\x01binary")
    write(tmp_path, "c.txt", PROSE)
    out = list(iter_documents([tmp_path]))
    assert [type(x).__name__ for x in out] == ["Document", "DocumentError", "Document"]
    assert "b.txt" in str(out[1])


def test_iter_documents_named_bad_file_is_yielded(tmp_path: Path) -> None:
    """A named file with an unsupported suffix is reported as a DocumentError."""
    out = list(iter_documents([write(tmp_path, "x.pdf", b"%PDF")]))
    assert len(out) == 1 and isinstance(out[0], DocumentError)


def test_iter_documents_missing_path_raises(tmp_path: Path) -> None:
    """A named path that does not exist raises NoDocumentsError naming it, before any document."""
    write(tmp_path, "a.txt", PROSE)
    with pytest.raises(NoDocumentsError, match="missing-thing"):
        list(iter_documents([tmp_path / "a.txt", tmp_path / "missing-thing"]))


def test_iter_documents_empty_folder_raises(tmp_path: Path) -> None:
    """A named folder without documents raises NoDocumentsError naming it."""
    (tmp_path / "empty").mkdir()
    write(tmp_path, "empty/.hidden.txt", PROSE)
    write(tmp_path, "empty/x.csv", "a,b")
    with pytest.raises(NoDocumentsError, match="empty: no documents"):
        list(iter_documents([tmp_path / "empty"]))


def test_iter_documents_unique_stable_ids(tmp_path: Path) -> None:
    """Files sharing a stem get unique ids; the first by relative path keeps the plain slug."""
    write(tmp_path, "x/report.txt", PROSE)
    write(tmp_path, "y/report.txt", PROSE)
    write(tmp_path, "y/report.md", PROSE)
    ids = [d.id for d in iter_documents([tmp_path])]  # type: ignore[union-attr]
    assert len(set(ids)) == 3
    assert ids[0] == "report"
    assert ids == [d.id for d in iter_documents([tmp_path])]  # type: ignore[union-attr]


def test_iter_documents_same_file_twice(tmp_path: Path) -> None:
    """A file named twice (directly and through its folder) is read once."""
    p = write(tmp_path, "a.txt", PROSE)
    assert len(list(iter_documents([p, tmp_path]))) == 1


def test_iter_documents_published_argument(tmp_path: Path) -> None:
    """The published argument applies to every document."""
    write(tmp_path, "a.txt", PROSE)
    (doc,) = iter_documents([tmp_path], published=date(2025, 1, 2))
    assert isinstance(doc, Document) and doc.published_source == "cli"


# Seeds -------------------------------------------------------------------------------------------


def _seed_paths() -> list[Path]:
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not present at {SEEDS}")
    return sorted(SEEDS.glob("*.txt"))


@pytest.mark.seeds
def test_seed_publication_dates() -> None:
    """000 gets 2025-10-02 from its KCNA stamp; the other seeds have no sure date."""
    for path in _seed_paths():
        doc = read_document(path)
        if path.name.startswith("000_"):
            assert (doc.published, doc.published_source, doc.published_confidence) == (date(2025, 10, 2), "stamp", "high")
            assert doc.title is not None and doc.body_start > 0
        else:
            assert doc.published is None, path.name


@pytest.mark.seeds
def test_seed_ids_unique_and_noise_valid() -> None:
    """The seed folder reads into documents with unique ids and valid furniture spans."""
    _seed_paths()
    docs = [d for d in iter_documents([SEEDS]) if isinstance(d, Document)]
    assert len({d.id for d in docs}) == len(docs) >= 4
    for d in docs:
        for s in d.noise:
            assert d.text[s.start : s.end] == s.text


# Properties --------------------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(
    st.text(max_size=300),
    st.sampled_from(["text/plain", "text/markdown", "text/html"]),
)
def test_property_any_text_reads_or_reports(text: str, media_type: str) -> None:
    """Any text becomes a Document with valid offsets, or a DocumentError; nothing else escapes."""
    try:
        doc = document_from_text(text, media_type=media_type)
    except DocumentError as exc:
        assert "\n" not in str(exc)
        return
    assert 0 <= doc.body_start <= len(doc.text)
    for s in doc.noise:
        assert doc.text[s.start : s.end] == s.text
    assert doc.published is None or doc.published_source in ("front-matter", "meta", "stamp", "dateline", "byline")


@pytest.mark.parametrize(
    "value", ["2025-10-02 10:00:00 +0900", "2025-10-02T10:00:00.000Z", "2025/10/02", "Thu, 02 Oct 2025 10:00:00 GMT"]
)
def test_front_matter_timestamps(tmp_path: Path, value: str) -> None:
    """Timestamps with times and zones give the date as written."""
    doc = read_document(write(tmp_path, "a.md", f"---\ndate: {value}\n---\n{PROSE}\n"))
    assert doc.published == date(2025, 10, 2)


def test_html_comments_dropped_and_unterminated_comment_is_fast() -> None:
    """HTML comments are not text; an unterminated comment runs to the end without slowness."""

    doc = document_from_text("<p>kept<!-- gone --> text</p><!-- <p>hidden</p> -->", media_type="text/html")
    assert doc.text == "kept text"
    with pytest.raises(DocumentError, match="no readable text"):
        document_from_text("<!--" * 20_000, media_type="text/html")


@pytest.mark.parametrize(
    "container",
    [
        '<section class="comments"><h3>Comments</h3><section><p>{x}</p></section><p>Reply</p></section>',
        '<div id="disqus_thread"><p>{x}</p></div>',
        '<ul class="related-articles"><li>{x}</li></ul>',
        '<div class="share-bar social"><p>{x}</p></div>',
        '<div class="newsletter-box"><p>{x}</p></div>',
    ],
)
def test_html_furniture_containers_are_dropped(container: str) -> None:
    """Comment threads, related rails, share bars and newsletter boxes marked by class or id
    are not text; the article around them is kept whole, even when they nest."""
    html = (
        "<html><body><article><p>The court sentenced two men on Monday.</p>"
        + container.format(x="They were executed for nothing, a reader wrote.")
        + "<p>The ministry confirmed the sentences.</p></article></body></html>"
    )
    doc = document_from_text(html, media_type="text/html")
    assert "executed for nothing" not in doc.text
    assert "sentenced two men" in doc.text and "confirmed the sentences" in doc.text


@pytest.mark.parametrize("head, expected", [
    ("By Kim Su-yeon | Published March 4, 2022 | 3 min read", date(2022, 3, 4)),  # a hyphenated name is no separator
    ("By Lee Jae-min - March 4, 2022", date(2022, 3, 4)),
    ("Updated 9:05 AM GMT+9, March 4, 2022", date(2022, 3, 4)),  # a time before the date
    ("Updated 21:40 KST, 4 March 2022", date(2022, 3, 4)),
    ("By Anil Rao (Chennai) | Last Updated: Mar 4 2022 | 10:58 PM IST", date(2022, 3, 4)),  # the update, the only date
])
def test_a_byline_or_stamp_with_hyphenated_names_or_a_leading_time_dates_the_page(head, expected):
    text = f"A headline about the border\n\n{head}\n\nOfficials said the crossing was closed on Friday.\n"
    assert infer_published(text)[0] == expected


def test_a_wire_time_stamp_alone_on_the_last_line_dates_the_story():
    text = "A headline\n\nSEOUL, March 4 (Yonhap) -- Officials said the crossing was closed.\n\n(END)\n\n2022/03/04 16:12 KST\n"
    assert infer_published(text)[0] == date(2022, 3, 4)
    assert infer_published("Officials said the crossing was closed.\n\nSee the 2022/03/04 16:12 KST notice above.\n") is None


@pytest.mark.parametrize("head, expected", [
    ("March 4, 2022 9:30AM EDT", date(2022, 3, 4)),  # a date stamp with its clock time run together
    ("2022/03/04 18:02", date(2022, 3, 4)),  # a wire service's stamp under the headline, not only at the foot
    ("ASIA | Fri Mar 4, 2022 | 3:41am EST", date(2022, 3, 4)),  # a section and a clock time beside the date
    ("Regional News | Friday, March 4, 2022", date(2022, 3, 4)),
    ("4 March 2022   Migrants and refugees", date(2022, 3, 4)),  # a topic tag after wide spacing
    ("Release date: 2022.3.4. (Fri)", date(2022, 3, 4)),  # a ministry's labelled release date
    ("Page last updated at 09:12 GMT, Friday, 4 March 2022 10:12 UK", date(2022, 3, 4)),  # two clock times around it
    ("Ref: 31/22 Index: AB 12/3456/2022 Date: 4 March 2022", date(2022, 3, 4)),  # a notice's reference line
    ("Courtwatch (March 4, 2022, 6:12 PM EST) -- Prosecutors said the crossing was closed.", date(2022, 3, 4)),
    ("March 4, 2022 / 9:41 AM / Updated 3 hours ago", date(2022, 3, 4)),  # fields between slashes
    ("WIRE NEWS - Mar 4, 2022 - 09:41 | Asia, All", date(2022, 3, 4)),  # an agency's masthead, fields between dashes
    ("March 4, 2022 (Daily Courier Asia)", date(2022, 3, 4)),  # the outlet in brackets after its stamp
    ("Friday, March 4, 2022; Page B03", date(2022, 3, 4)),  # a printed page's reference after a semicolon
    ("Date: 2022-03-04    Views: 1,208", date(2022, 3, 4)),  # a labelled date among a portal's counters
    ("Date 04.03.2022", date(2022, 3, 4)),  # a dotted date with the year last is day first
    ("04.03.2022 | Asia", date(2022, 3, 4)),
    ("Mar. 4, 2022 | Updated Mar. 5, 2022, 7:02 a.m.", date(2022, 3, 4)),  # the update stamp beside the publication date
    ("No. 41 · Friday, March 4, 2022 · A weekly letter on refugees and the border, written by volunteers in three cities",
     date(2022, 3, 4)),  # a newsletter's masthead: issue number, date and a long tagline
])
def test_a_date_stamp_in_the_forms_news_pages_use_dates_the_page(head, expected):
    text = f"A headline about the border\n\n{head}\n\nOfficials said the crossing was closed on Friday.\n"
    assert infer_published(text)[0] == expected


@pytest.mark.parametrize("head", [
    "Officials in Seoul | said on March 4, 2022 that talks had failed and would not resume soon enough",
    "The ministry said the crossing, closed on March 4, 2022, would stay shut.",
    "Date: sometime in March 2022",
    "Talks ended / on March 4, 2022 / officials said the crossing would stay closed for the rest of the year.",
    "Seoul - officials said on March 4, 2022 that the crossing was closed - and would stay shut for the rest of the year",
    "The crossing was closed on March 4, 2022 (Reuters)",
])
def test_a_date_inside_a_sentence_or_a_long_field_is_no_page_stamp(head):
    text = f"A headline about the border\n\n{head}\n\nOfficials said the crossing was closed on Friday.\n"
    assert infer_published(text) is None


def test_a_date_line_without_a_year_takes_the_copyright_year_only_when_the_weekday_agrees():
    """A script's "Air date: Friday, March 4" with its year only in the footer's copyright: the
    day is dated in that year if it fell on that weekday; a footer's year is otherwise the site's."""
    body = "\n\nANCHOR: Officials said the crossing was closed last week, residents told us on Tuesday.\n\n"
    assert infer_published(f"Evening News\nAir date: Friday, March 4{body}Copyright \u00a9 2022 Radio Service")[0] == date(2022, 3, 4)
    assert infer_published(f"Evening News\nAir date: Monday, March 4{body}Copyright \u00a9 2022 Radio Service") is None
    assert infer_published(f"Evening News\nAir date: Friday, March 4{body}\u00a9 2010\u20132022 Radio Service") is None


def test_a_state_agency_juche_era_stamp_dates_its_text():
    """KCNA closes an item with the Juche year and, in brackets, the common era's: the stamp is
    the item's date, and a dateline with no year takes its day from it."""
    text = "Pyongyang, March 4 (KCNA) -- A spokesman rejected the report.\n\nMore follows.\n\nJuche 111(2022).3.4.\n"
    assert infer_published(text) == (date(2022, 3, 4), "stamp", "high")


def test_a_dateline_without_a_year_below_a_dated_page_head_takes_the_heads_year():
    """A paper prints the next morning what its dateline says was written the day before: the
    dateline's day, in the week before the head's date, is when "today" in the story is."""
    head = "paper.example.com\nBorder guards fire on a boat\nBy A. Writer\nForeign Service\nFriday, March 4, 2022; Page A12\n"
    assert infer_published(head + "SEOUL, March 3 -- Guards opened fire today, officials said.\n") == (
        date(2022, 3, 3), "dateline", "medium")
    assert infer_published(head + "SEOUL, June 3 -- Guards opened fire today, officials said.\n")[0] == date(2022, 3, 4)  # not that week: the head's date


def test_a_press_release_dateline_under_its_banner_lines_dates_it():
    """A release opens with furniture (banner, contact, web address, headline) before its
    dateline; a dateline with its year may come that low, but not after the prose has begun."""
    banner = "PRESS RELEASE\nFor immediate release\nBorder Watch Network\nwww.borderwatch.example.org\n\n"
    title = "New report documents detention conditions at the border\n\n"
    body = "Seoul / Geneva, 4 March 2022 — The network today published a report on detention.\n"
    assert infer_published(banner + title + body) == (date(2022, 3, 4), "dateline", "high")
    prose = ("The network has documented conditions at the border for many years and publishes what it finds "
             "each spring, with testimony.\n\n")
    assert infer_published(banner + title + prose + prose + body) is None


def _dated_page(path: Path, title: str, published_time: str, body: str) -> Path:
    """An HTML page whose metadata gives ``published_time`` and whose body is ``body``."""
    path.write_text(f'<html><head><title>{title}</title><meta property="article:published_time" content="{published_time}"></head>'
                    f"<body>{body}</body></html>", encoding="utf-8")
    return path


def _published_with(page: Path, old: str, new: str) -> date | None:
    """The publication date read from a copy of ``page`` with ``old`` written as ``new``."""
    other = page.with_name("variant-" + page.name)
    other.write_text(page.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    return read_document(other).published


def test_a_reposts_originally_published_line_dates_the_text_not_the_copys_metadata(tmp_path: Path) -> None:
    """A page that reposts an old article carries its own posting date in its metadata; the text
    was written on the date its "Originally published" line gives, and its relative dates count
    from that one."""
    page = _dated_page(tmp_path / "repost.html", "Repost", "2025-06-30T21:14:00+09:00",
                       "<h1>[Repost] Traders arrested at the border</h1><p>Posted by a reader, 30 June 2025</p>"
                       "<p>Originally published October 14, 2020 · Border Monitor</p>"
                       "<p>Police arrested three traders near the river last week, a source said on Tuesday.</p>")
    doc = read_document(page)
    assert (doc.published, doc.published_source) == (date(2020, 10, 14), "original")
    assert _published_with(page, "Originally published October 14, 2020 · Border Monitor", "Border Monitor") == date(2025, 6, 30)


def test_an_editors_note_that_the_text_was_first_published_dates_it_with_its_datelines_day(tmp_path: Path) -> None:
    """A longform site reposts an old dispatch under its own page date; the editor's note gives
    the month it first ran, and the dispatch's dateline, which has no year, the day."""
    page = _dated_page(tmp_path / "archive.html", "From the archive", "2024-02-10T09:00:00+00:00",
                       "<h1>A winter on the river</h1><p>Posted February 10, 2024</p>"
                       "<p>Editor's note: This report was first published in March 2003, when the crossings were still common.</p>"
                       "<p>By a staff correspondent</p><p>YANJI, Mar. 14</p>"
                       "<p>Police detained eleven North Koreans in a village near the river on Tuesday, residents said.</p>")
    doc = read_document(page)
    assert (doc.published, doc.published_source) == (date(2003, 3, 14), "original")
    assert _published_with(page, "YANJI, Mar. 14", "YANJI") == date(2024, 2, 10)  # a month is no day: the page's date stays
    assert _published_with(page, "first published in March 2003", "first published on March 12, 2003") == date(2003, 3, 12)


def test_an_archived_emails_sent_line_dates_the_text_not_the_archive_page(tmp_path: Path) -> None:
    """A newsletter archive shows an old e-mail under the page's own, later date; the masthead's
    "Sent …" field (or a line of its own) is when the text was written."""
    page = _dated_page(tmp_path / "issue.html", "Archive", "2023-02-01T09:00:00+00:00",
                       "<div>Past issues · Archived 1 February 2023</div><h1>Border Weekly</h1>"
                       "<p>Issue 12 · Sent Friday, June 5, 2020</p>"
                       "<p>Guards detained two traders near Hyesan on Monday, sources told us this week.</p>")
    doc = read_document(page)
    assert (doc.published, doc.published_source) == (date(2020, 6, 5), "original")
    assert _published_with(page, "Issue 12 · Sent Friday, June 5, 2020", "Sent: June 5, 2020") == date(2020, 6, 5)
    assert _published_with(page, "Issue 12 · Sent Friday, June 5, 2020", "Issue 12") == date(2023, 2, 1)


def test_a_date_stamp_in_brackets_under_the_headline_is_the_publication_date(tmp_path: Path) -> None:
    page = tmp_path / "story.txt"
    page.write_text("Border Daily\n\nTwo traders detained in Hyesan\n\n[2019-08-21 09:05]\nBy a staff reporter\n\n"
                    "Guards detained two traders near Hyesan last week, a source said on Tuesday.\n", encoding="utf-8")
    assert read_document(page).published == date(2019, 8, 21)


@pytest.mark.parametrize("value, expected", [
    ("04.03.2022", date(2022, 3, 4)),  # dotted, year last: day first
    ("4.3.2022 14:30", date(2022, 3, 4)),
    ("2022.03.04", date(2022, 3, 4)),  # dotted, year first: ISO order
    ("31.12.2021", date(2021, 12, 31)),
    ("12.31.2021", None),  # no thirty-first month: not a date
])
def test_dotted_metadata_dates_read_in_the_order_their_form_has(value, expected):
    from timeline.datestrings import parse_date_string

    assert parse_date_string(value) == expected


def test_a_spanish_wire_dateline_takes_its_year_from_a_numeric_date_in_either_order() -> None:
    """"Madrid, Mar 4 (EFE).- …" under a page line "04/03/2011": the agency's stop before the dash
    closes a dateline, and a slashed numeric date whose two numbers are the dateline's day and
    month, in either order, gives it its year; with no such agreement there is no date."""
    text = "Wire archive\n\n04/03/2011\n\nMadrid, Mar 4 (EFE).- Officials said on Thursday that the talks had failed.\n"
    assert infer_published(text) == (date(2011, 3, 4), "dateline", "medium")
    other = "Wire archive\n\n05/07/2011\n\nMadrid, Mar 4 (EFE).- Officials said on Thursday that the talks had failed.\n"
    assert infer_published(other) is None


def test_the_page_line_of_that_numeric_date_is_the_stamp_not_a_section_heading(tmp_path) -> None:
    """The line "04/03/2011" above such a dateline is the page's own date (read day first, as the
    dateline says), so "on Thursday" counts from March 4, 2011, not from April 3."""
    from timeline.extract import extract_events
    from timeline.sentences import split_sentences
    from timeline.temporal import find_timexes

    path = tmp_path / "efe.txt"
    path.write_text("Wire archive\n\n04/03/2011\n\nMadrid, Mar 4 (EFE).- The ministry said on Thursday that it "
                    "had protested the arrests.\n", encoding="utf-8")
    doc = read_document(path)
    events = extract_events(doc, find_timexes(doc.text, doc.published), split_sentences(doc.text))
    assert [(e.type, e.when.value) for e in events if e.type == "Statement"] == [("Statement", "2011-03-03")]


def test_a_numbered_papers_dated_line_is_its_publication_date() -> None:
    """"No. 87/2005 dated 7 October 2005" under a think tank's banner: the paper's number and its
    date; "dated" in a line that is no numbered paper's says nothing of the page."""
    text = "INSTITUTE COMMENTARIES\n\nNo. 12/2019 dated 4 March 2019\n\nA title\n\nON 10 FEBRUARY this year, the talks collapsed.\n"
    assert infer_published(text) == (date(2019, 3, 4), "byline", "medium")
    assert infer_published("A title\n\nThe letter, dated 4 March 2019, was sent to the council.\n") is None


def test_a_foot_line_saying_when_the_article_was_first_published_dates_it() -> None:
    """A site whose only date is its foot's "This article was first published on September 7,
    2023": that day is its publication date (read last, after every dated line at the top)."""
    text = ("CRYPTO DESK\n\nHackers drain exchange\n\nBy A. Writer\n\nThe exchange said on Monday that its wallets "
            "had been drained.\n\nTags: hacks\n\n\u00a9 2023 Desk Media. This article was first published on September 7, 2023.\n")
    assert infer_published(text) == (date(2023, 9, 7), "byline", "medium")


def test_an_indian_papers_dateline_under_the_next_mornings_page_date_is_the_day_of_writing() -> None:
    """"Sunday, April 26, 1998" at the top of the page (a weekday, no place) and "WASHINGTON, APRIL
    25. The United States …" opening the story: the story was written on the 25th, so its
    "yesterday" is the 24th; a weekday is never the place of a dateline."""
    text = ("THE DAILY COURIER\nSunday, April 26, 1998\n\nFront Page | National | International\n\n"
            "U.S. sanctions two firms\n\nBy Our Correspondent\n\nWASHINGTON, APRIL 25. The United States "
            "imposed sanctions on two firms, the State Department said yesterday.\n")
    assert infer_published(text) == (date(1998, 4, 25), "dateline", "medium")
    assert infer_published("Head\n\nSunday, April 26, 1998\n\nThe council said on Monday that it would meet.\n") == (
        date(1998, 4, 26), "byline", "medium")


def test_the_next_mornings_page_date_over_such_a_dateline_dates_no_section(tmp_path) -> None:
    """The page's own date a day after the dateline's is its stamp, not a heading over the story:
    the story's "yesterday" and "today" count from the dateline's day."""
    from timeline.extract import extract_events
    from timeline.sentences import split_sentences
    from timeline.temporal import find_timexes

    path = tmp_path / "courier.txt"
    path.write_text("THE DAILY COURIER\nSunday, April 26, 1998\n\nFront Page | National | International\n\n"
                    "U.S. sanctions two firms\n\nBy Our Correspondent\n\nWASHINGTON, APRIL 25. The sanctions, announced "
                    "by the State Department yesterday, bar two firms from contracts.\n\nPakistan rejected the "
                    "U.S. decision today.\n", encoding="utf-8")
    doc = read_document(path)
    events = extract_events(doc, find_timexes(doc.text, doc.published), split_sentences(doc.text))
    assert {(e.type, e.when.value) for e in events} >= {("Sanction", "1998-04-24"), ("Rebuttal", "1998-04-25")}


def test_a_page_address_with_the_date_in_its_path_dates_a_page_with_no_other_date() -> None:
    """A scraped page whose only date is its address above the text (".../world/2003/04/17/…"):
    that day, found from the URL; a date anywhere else in the page comes first."""
    text = ("https://news.example.org/world/2003/04/17/rights-body-condemns\n\nWire | World\n\nRights body condemns abuses\n\n"
            "Geneva (dpa) - The commission on Wednesday adopted a resolution.\n")
    assert infer_published(text) == (date(2003, 4, 17), "url", "medium")
    dated = text.replace("Wire | World", "Wire | World\n\nApril 16, 2003")
    assert infer_published(dated)[1] != "url"


def test_a_date_alone_in_brackets_closing_the_story_is_its_date() -> None:
    """A Japanese daily's English page closes the story with its date in brackets on a line of its
    own ("(Sep. 14, 2011)"); a month in brackets in a related-headline list says nothing."""
    story = "".join(f"Paragraph {n} of the story tells what the coast guard found and said.\n\n" for n in range(12))
    text = ("THE MORNING POST\n\nNine found on a boat off the coast\n\nNine people were found aboard a boat on Tuesday, "
            "the coast guard said.\n\n" + story + "(Sep. 14, 2011)\n\nRecommended\n- Family reaches port (Jun. 2007)\n")
    assert infer_published(text)[0] == date(2011, 9, 14)
    assert infer_published(text.replace("(Sep. 14, 2011)\n", "")) is None
