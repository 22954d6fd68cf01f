"""Reading an HTML page: its main text without page furniture, its title and its dates.

Navigation, headers, footers, asides, forms and containers whose class or id names furniture
(comment threads, share bars, related-link rails, cookie banners…) are dropped; block elements
become line breaks. The publication date comes from the page's metadata (``<meta>`` keys,
JSON-LD ``datePublished``, a ``<time datetime>`` in the article). A ``<time datetime>`` inside
the article also dates the span of text it marks (a live blog's entry times): those spans are
:attr:`Page.stamps`.
"""

from __future__ import annotations

import json
import re
from datetime import date
from html.parser import HTMLParser

from timeline.datestrings import parse_date_string
from timeline.errors import DocumentError
from timeline.linear import drop_unterminated_markup, strip_comments

_SKIP = frozenset(
    "script style nav header footer aside form noscript template svg iframe button select "
    "textarea object canvas map dialog head".split()
)
_BLOCK = frozenset(
    "p div br li ul ol dl dt dd h1 h2 h3 h4 h5 h6 tr table thead tbody tfoot section article main "
    "blockquote pre figure figcaption hr address details summary caption td th".split()
)
_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
_META_DATE_KEYS = (
    "article:published_time",
    "datepublished",
    "og:published_time",
    "published_time",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "date",
    "sailthru.date",
    "parsely-pub-date",
)


class Page:
    """What the reader takes from a page: ``text`` (the main text), ``title``, ``published`` (the
    publication date string its metadata gives), ``metadata`` (selected ``<meta>`` keys) and
    ``stamps`` (``(start, end, date)``: a span of ``text`` that a ``<time datetime>`` dates)."""

    def __init__(self, text: str, title: str | None, published: str | None,
                 metadata: tuple[tuple[str, str], ...], stamps: tuple[tuple[int, int, date], ...] = ()) -> None:  # fmt: skip
        self.text = text
        self.title = title
        self.published = published
        self.metadata = metadata
        self.stamps = stamps


# Containers that pages use for furniture, recognised by a class or id word: their text is
# dropped like <nav> and <aside> (comment threads, share bars, related-links rails, newsletter
# boxes, cookie banners, advertisements).
_CONTAINERS = frozenset({"div", "section", "ul", "ol", "aside", "footer", "header", "form", "p"})
_FURNITURE_CLASS = re.compile(
    r"(?:^|[\s_-])(?:comments?|comment-list|commentlist|disqus|replies|share|sharing|social|related|"
    r"newsletter|subscribe|subscription|cookies?|cookie-banner|consent|advert|advertisement|ads?|promo|"
    r"most-read|mostread|popular|recommended|outbrain|taboola)(?:$|[\s_-])",
    re.I,
)


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.skip_stack: list[str] = []
        self.skipping: dict[str, int] = {}  # tag → how many are open on skip_stack (O(1) lookups)
        self.article_depth = 0
        self.in_title = False
        self.title_parts: list[str] = []
        self.h1_parts: list[str] | None = None
        self.h1: str | None = None
        self.meta: dict[str, str] = {}
        self.times: list[str] = []
        self.in_jsonld = False
        self.jsonld: list[str] = []
        self.class_skip: list[list] = []  # [tag, nesting depth] of containers skipped by class/id
        self.stamp_open: list | None = None  # [datetime, text parts] of the <time> being read
        self.stamps: list[tuple[str, str]] = []  # (datetime, its visible text), in order

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and a.get("content") and key not in self.meta:
                self.meta[key] = a["content"].strip()
            return
        if tag == "time" and a.get("datetime"):
            if a.get("itemprop", "").lower() == "datepublished" or "pubdate" in a:
                self.times.insert(0, a["datetime"])
            elif self.article_depth and not any(self.skipping.get(t) for t in ("nav", "aside", "footer", "form")):
                self.times.append(a["datetime"])
            if self.article_depth and not self.skip_depth:
                self.stamp_open = [a["datetime"], []]  # its text follows, up to </time>
        if tag == "script" and a.get("type", "").lower() == "application/ld+json":
            self.in_jsonld = True
        if tag == "title" and self.skip_stack in ([], ["head"]):
            self.in_title = True
        if tag in ("article", "main"):
            self.article_depth += 1
        if tag in _VOID:
            if tag in _BLOCK and not self.skip_depth:
                self.parts.append("\n")
            return
        if tag in _SKIP:
            self.skip_depth += 1
            self.skip_stack.append(tag)
            self.skipping[tag] = self.skipping.get(tag, 0) + 1
            return
        if self.class_skip and tag == self.class_skip[-1][0]:
            self.class_skip[-1][1] += 1  # the same tag nested inside a skipped container
        elif tag in _CONTAINERS and _FURNITURE_CLASS.search(f"{a.get('class', '')} {a.get('id', '')}"):
            self.class_skip.append([tag, 1])  # a comment thread, share bar, related-links rail…
            self.skip_depth += 1
            return
        if tag == "h1" and self.h1 is None and not self.skip_depth:
            self.h1_parts = []
        if tag in _BLOCK and not self.skip_depth:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "time" and self.stamp_open is not None:
            self.stamps.append((self.stamp_open[0], _squash("".join(self.stamp_open[1]))))
            self.stamp_open = None
        if tag == "script":
            self.in_jsonld = False
        if tag == "title":
            self.in_title = False
        if tag in ("article", "main") and self.article_depth:
            self.article_depth -= 1
        if tag in _SKIP:
            if self.skipping.get(tag):
                while self.skip_stack:
                    self.skip_depth -= 1
                    popped = self.skip_stack.pop()
                    self.skipping[popped] -= 1
                    if popped == tag:
                        break
            return
        if self.class_skip and tag == self.class_skip[-1][0]:
            self.class_skip[-1][1] -= 1
            if self.class_skip[-1][1] == 0:
                self.class_skip.pop()
                self.skip_depth -= 1
            return
        if tag == "h1" and self.h1_parts is not None:
            self.h1 = _squash("".join(self.h1_parts)) or None
            self.h1_parts = None
        if tag in _BLOCK and not self.skip_depth:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_jsonld:
            self.jsonld.append(data)
            return
        if self.in_title:
            self.title_parts.append(data)
            return
        if self.skip_depth:
            return
        if self.h1_parts is not None:
            self.h1_parts.append(data)
        if self.stamp_open is not None:
            self.stamp_open[1].append(data)
        self.parts.append(data)


def _squash(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def extract_html(html: str) -> Page:
    # Drop comments first, and a tag left open at the end: html.parser is quadratic on both.
    html = drop_unterminated_markup(strip_comments(html))
    parser = _Extractor()
    try:
        parser.feed(html)
        parser.close()
    except Exception as exc:  # html.parser is lenient; guard against the odd assertion
        raise DocumentError(f"HTML could not be parsed: {exc}") from None
    raw = "".join(parser.parts)
    lines = [_squash(line) for line in raw.split("\n")]
    out: list[str] = []
    for line in lines:
        if line:
            out.append(line)
        elif out and out[-1] != "":
            out.append("")
    text = "\n".join(out).strip("\n")
    meta = parser.meta
    page_title = _squash("".join(parser.title_parts))
    if parser.h1 and (not page_title or page_title.startswith(parser.h1)):
        page_title = parser.h1  # "Headline | Site name" → "Headline"
    title = _squash(meta.get("og:title", "")) or page_title or parser.h1
    published = None
    for key in _META_DATE_KEYS:
        if meta.get(key) and parse_date_string(meta[key]):
            published = meta[key]
            break
    if published is None:
        published = _jsonld_date(parser.jsonld)
    if published is None:
        published = next((t for t in parser.times if parse_date_string(t)), None)
    metadata = tuple(
        (k, v)
        for k, v in meta.items()
        if k in ("author", "description", "og:site_name", "og:url", "article:published_time", "og:title")
    )
    return Page(text, title or None, published, metadata, _stamps(text, parser.stamps))


def _stamps(text: str, found: list[tuple[str, str]]) -> tuple[tuple[int, int, date], ...]:
    """Each ``<time datetime>``'s visible text found in ``text``, in order, with its date."""
    out = []
    pos = 0
    for value, shown in found:
        when = parse_date_string(value)
        at = text.find(shown, pos) if shown and when is not None else -1
        if at >= 0:
            out.append((at, at + len(shown), when))
            pos = at + len(shown)
    return tuple(out)


def _jsonld_date(blocks: list[str]) -> str | None:
    def walk(node: object) -> str | None:
        if isinstance(node, dict):
            value = node.get("datePublished")
            if isinstance(value, str) and parse_date_string(value):
                return value
            for child in node.values():
                found = walk(child)
                if found:
                    return found
        elif isinstance(node, list):
            for child in node:
                found = walk(child)
                if found:
                    return found
        return None

    for block in blocks:
        try:
            data = json.loads(block)
            found = walk(data)
        except (ValueError, RecursionError):  # not JSON, or nested deeper than Python recurses
            continue
        if found:
            return found
    return None


__all__ = ["Page", "extract_html"]
